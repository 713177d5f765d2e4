"""Exemption kinds: labels shown in the reader's language, typed back as their codes."""

from core import exemption_kinds as kinds


def test_the_default_kinds_are_shown_in_words_in_either_language():
    assert [kinds.label(k, "vi") for k in kinds.KNOWN] == ["Đi học, bồi dưỡng", "Nghỉ ốm", "Nghỉ thai sản"]
    assert [kinds.label(k, "en") for k in kinds.KNOWN] == ["Training", "Sick leave", "Maternity leave"]
    assert kinds.label("Nghỉ phép dài ngày", "en") == "Nghỉ phép dài ngày"  # the office's own kind


def test_the_policy_forms_lines_are_stored_as_the_codes_they_name():
    shown = kinds.labels(("training", "sick_leave", "maternity", "Đi biệt phái"), "vi")
    assert shown == "Đi học, bồi dưỡng\nNghỉ ốm\nNghỉ thai sản\nĐi biệt phái"
    assert kinds.codes(shown) == ("training", "sick_leave", "maternity", "Đi biệt phái")
    assert kinds.codes("  nghỉ   ỐM \nMaternity leave\n\nsick_leave") == (
        "sick_leave",
        "maternity",
        "sick_leave",
    )
