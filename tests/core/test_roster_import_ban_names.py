"""The roster's "Mã ban" column: a ban's name is taken for its code (case and diacritics aside,
if no other ban has that name), a code that is no ban's is told with the codes there are, and
the template shows the bans' codes and an example row."""

import io

import openpyxl
import pytest
from sqlalchemy import select

from core import roster_import
from core.i18n import t
from core.roster_import import parsing
from db.models import Ban, Cadre
from db.session import reading, writing
from tests import factories as f
from tests.core.test_roster_import import ADMIN, GOOD, counts, csv_file, refused, with_cell


@pytest.mark.parametrize("written", ["Ban Tổ chức", "ban to chuc", "  BAN   TỔ CHỨC ", "Ban Tô chưc"])
def test_a_bans_name_in_the_code_column_is_taken_for_its_code(two_bans, written):
    content = csv_file(with_cell(0, "Mã ban", written))
    with reading(two_bans) as s:
        plan = roster_import.preview(s, ADMIN, content, "r.csv")
    assert [r.cadre.ban_code for r in plan.added] == ["TC", "TG"]
    with writing(two_bans) as s:
        roster_import.apply(s, ADMIN, content, "r.csv")
    with reading(two_bans) as s:
        ban_of_a01 = s.scalar(select(Ban.code).join(Cadre, Cadre.ban_id == Ban.id).where(Cadre.code == "A01"))
    assert ban_of_a01 == "TC"


def test_an_unknown_ban_is_told_with_the_codes_there_are_and_nothing_is_written(two_bans):
    problems = refused(two_bans, csv_file(with_cell(0, "Mã ban", "Ban Kiểm tra")))
    assert problems == [
        "Dòng 2 — "
        + t(
            "roster.error.unknown_ban_listed",
            "vi",
            field=t("roster.col.ban_code", "vi"),
            value="Ban Kiểm tra",
            codes="TC, TG",
        )
    ]
    assert "TC, TG" in problems[0] and "Tạo ban" not in problems[0]


def test_a_name_two_bans_share_is_not_guessed(two_bans):
    with writing(two_bans) as s:
        f.ban(s, "TC2", "Ban tổ chức", 3)  # the same name but for case
    problems = refused(two_bans, csv_file(with_cell(0, "Mã ban", "Ban Tổ chức")))
    assert len(problems) == 1 and "TC, TC2, TG" in problems[0]


def test_a_name_on_the_files_own_bans_sheet_is_taken_too(two_bans):
    book = openpyxl.Workbook()
    book.active.append(parsing.HEADERS[c] for c, _ in parsing.COLUMNS)
    for row in with_cell(0, "Mã ban", "Ban Thanh niên trường học"):
        book.active.append(row)
    bans = book.create_sheet("Ban")
    bans.append(["Mã ban", "Tên ban", "Thứ tự"])
    bans.append(["TNTH", "Ban Thanh niên trường học", 3])
    buffer = io.BytesIO()
    book.save(buffer)
    before = counts(two_bans)
    with writing(two_bans) as s:
        roster_import.apply(s, ADMIN, buffer.getvalue(), "r.xlsx")
    with reading(two_bans) as s:
        assert (
            s.scalar(select(Ban.code).join(Cadre, Cadre.ban_id == Ban.id).where(Cadre.code == "A01"))
            == "TNTH"
        )
    assert counts(two_bans)[3] == before[3] + 1


def test_the_template_guides_with_the_bans_codes_and_an_example_row(two_bans):
    with reading(two_bans) as s:
        content = roster_import.template_xlsx(bans=roster_import.bans_frame(s, ADMIN))
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Danh sách cán bộ", "Ban", "Hướng dẫn"]
    assert [tuple(r) for r in book["Ban"].iter_rows(min_row=2, values_only=True)] == [
        ("TC", "Ban Tổ chức", 1),
        ("TG", "Ban Tuyên giáo", 2),
    ]
    guide = list(book["Hướng dẫn"].iter_rows(values_only=True))
    by_column = {r[0]: r for r in guide[1:] if r[0]}
    assert "TC, TG" in by_column["Mã ban"][2]
    assert by_column["Mã ban"][3] == "TC"  # the example row names a real ban
    assert by_column["Họ và tên"][3] == "Nguyễn Thị Lan"
    # The guide's example is never imported: the template as given adds no one.
    assert not any(roster_import.read_file(content, "t.xlsx").rows[1:])  # blank rows at most


def test_codes_still_work_as_before(two_bans):
    with writing(two_bans) as s:
        result = roster_import.apply(s, ADMIN, csv_file(GOOD), "r.csv")
    assert result.added == 2
