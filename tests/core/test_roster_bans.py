"""A roster workbook's bans sheet ("Ban": Mã ban, Tên ban, Thứ tự): the office's bans created or
renamed by code before the cadres are checked, in the same all-or-nothing transaction, shown in
the preview; its bad rows named by sheet, row and column, nothing written; the template's round
trip; a CSV roster as before (its bans must exist). On an office built with the shell's commands
(tests/offices.py), whose empty database has no ban."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import func, select

from core import office, roster_import
from core.errors import ValidationError
from db.models import Ban, Cadre
from db.session import reading, writing
from seed.__main__ import main as seed_main
from tests import offices

CADRES_HEADER = list(offices.ROSTER_HEADER)
BANS_HEADER = ["Mã ban", "Tên ban", "Thứ tự"]


def workbook(cadres, bans=None, bans_title="Ban") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách cán bộ"
    for row in [CADRES_HEADER, *cadres]:
        sheet.append(list(row))
    if bans is not None:
        second = book.create_sheet(bans_title)
        for row in [BANS_HEADER, *bans]:
            second.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cadre_rows():
    return [
        (code, name, ban, position, "Có", user, role)
        for code, name, ban, position, user, role in offices.CADRES
    ]


@pytest.fixture
def empty_office(db_url, tmp_path, monkeypatch):
    """`--new-office` only: no ban, no cadre."""
    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    assert (
        seed_main(
            [
                "--database-url",
                db_url,
                "--new-office",
                offices.NAME,
                "--admin",
                offices.ADMIN,
                "--passwords-csv",
                str(tmp_path / "admin.csv"),
                "--office-place",
                "Hà Giang",
            ]
        )
        == 0
    )
    return db_url


def bans(url) -> dict[str, tuple[str, int, bool]]:
    with reading(url) as s:
        return {b.code: (b.name, b.sort_order, b.active) for b in s.scalars(select(Ban))}


def cadres(url) -> int:
    with reading(url) as s:
        return s.scalar(select(func.count()).select_from(Cadre))


def test_a_workbook_with_its_bans_sheet_starts_an_empty_office_in_one_go(empty_office, tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(workbook(cadre_rows(), offices.BANS))
    assert (
        seed_main(
            [
                "--database-url",
                empty_office,
                "--roster",
                str(path),
                "--passwords-csv",
                str(tmp_path / "mk.csv"),
            ]
        )
        == 0
    )
    assert bans(empty_office) == {code: (name, order, True) for code, name, order in offices.BANS}
    assert cadres(empty_office) == len(offices.CADRES)
    with reading(empty_office) as s:
        by_ban = dict(
            s.execute(
                select(Ban.code, func.count(Cadre.id)).join(Cadre, Cadre.ban_id == Ban.id).group_by(Ban.code)
            ).all()
        )
    assert by_ban == {"VP": 1, "TC": 2, "PT": 2}


def test_the_preview_lists_the_bans_to_add_and_to_rename_and_writes_nothing(empty_office):
    content = workbook(cadre_rows(), offices.BANS)
    with reading(empty_office) as s:
        plan = roster_import.preview(
            s, office.shell_actor(), roster_import.read_file(content, "r.xlsx"), "r.xlsx"
        )
    assert [(b.code, b.name, b.order) for b in plan.bans_added] == list(offices.BANS)
    assert plan.bans_renamed == () and len(plan.added) == len(offices.CADRES)
    assert bans(empty_office) == {} and cadres(empty_office) == 0
    with writing(empty_office) as s:
        roster_import.apply(s, office.shell_actor(), content, "r.xlsx")
    renamed = [
        ("VP", "Văn phòng Tỉnh đoàn", 1),
        ("TC", "Ban Tổ chức - Kiểm tra", 5),
        ("PT", "Ban Phong trào", 3),
    ]
    again = workbook(cadre_rows(), renamed)
    with reading(empty_office) as s:
        plan = roster_import.preview(s, office.shell_actor(), again, "r.xlsx")
    assert plan.bans_added == ()
    assert [(b.code, b.name, old) for b, old in plan.bans_renamed] == [
        ("VP", "Văn phòng Tỉnh đoàn", "Văn phòng"),
        ("TC", "Ban Tổ chức - Kiểm tra", "Ban Tổ chức"),
    ]
    with writing(empty_office) as s:
        result = roster_import.apply(s, office.shell_actor(), again, "r.xlsx")
    assert (result.bans_added, result.bans_renamed, result.added, result.changed) == (0, 2, 0, 0)
    assert bans(empty_office) == {
        "VP": ("Văn phòng Tỉnh đoàn", 1, True),
        "TC": ("Ban Tổ chức - Kiểm tra", 5, True),
        "PT": ("Ban Phong trào", 3, True),
    }


@pytest.mark.parametrize(
    "bad_bans, expected",
    [
        ([("VP", "Văn phòng", 1), ("TC", "", 2)], ['Trang "Ban", dòng 3 — Tên ban: ']),
        ([("V P", "Văn phòng", 1)], ['Trang "Ban", dòng 2 — Mã ban: ']),
        ([("VP", "Văn phòng", "một")], ['Trang "Ban", dòng 2 — Thứ tự: "một" không phải số nguyên.']),
        (
            [("VP", "Văn phòng", 1), ("VP", "Văn phòng 2", 2)],
            ['Trang "Ban", dòng 3 — Mã ban: "VP" trùng với dòng 2.'],
        ),
        ([("VP", "x" * 300, 1)], ['Trang "Ban", dòng 2 — Tên ban: ']),
    ],
)
def test_a_bad_row_of_the_bans_sheet_refuses_the_whole_file(empty_office, bad_bans, expected):
    content = workbook(cadre_rows(), bad_bans)
    with pytest.raises(ValidationError) as refused, writing(empty_office) as s:
        roster_import.apply(s, office.shell_actor(), content, "r.xlsx")
    problems = refused.value.messages("vi")
    for start in expected:
        assert any(p.startswith(start) for p in problems), problems
    assert bans(empty_office) == {} and cadres(empty_office) == 0


def test_a_bans_sheet_without_its_name_column_is_refused(empty_office):
    book = openpyxl.load_workbook(io.BytesIO(workbook(cadre_rows(), offices.BANS)))
    book["Ban"]["B1"] = "Tên"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ValidationError) as refused, reading(empty_office) as s:
        roster_import.preview(s, office.shell_actor(), buffer.getvalue(), "r.xlsx")
    assert refused.value.messages("vi") == ['Trang "Ban" thiếu cột "Tên ban" ở dòng tiêu đề (xem tệp mẫu).']


def test_a_csv_roster_still_needs_its_bans_to_exist(empty_office):
    with pytest.raises(ValidationError) as refused, writing(empty_office) as s:
        roster_import.apply(s, office.shell_actor(), offices.roster_csv(), "r.csv")
    assert all("Mã ban: không có ban mã" in p for p in refused.value.messages("vi"))
    assert cadres(empty_office) == 0


def test_the_template_with_the_offices_bans_imports_back_as_no_change(db_url, tmp_path, monkeypatch):
    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    offices.build(db_url, tmp_path, trips=False)
    admin = office.shell_actor()
    with reading(db_url) as s:
        content = roster_import.template_xlsx(
            roster_import.current_roster(s, admin), roster_import.bans_frame(s, admin)
        )
    assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames == ["Danh sách cán bộ", "Ban", "Hướng dẫn"]
    before = bans(db_url)
    with writing(db_url) as s:
        result = roster_import.apply(s, admin, content, "r.xlsx")
    assert (result.bans_added, result.bans_renamed, result.added, result.changed) == (0, 0, 0, 0)
    assert result.unchanged == len(offices.CADRES) and bans(db_url) == before


def test_the_empty_template_has_the_bans_sheet():
    book = openpyxl.load_workbook(io.BytesIO(roster_import.template_xlsx()))
    assert book.sheetnames == ["Danh sách cán bộ", "Ban", "Hướng dẫn"]
    assert [c.value for c in book["Ban"][1]] == BANS_HEADER


def test_the_bans_sheet_is_read_under_the_rosters_caps(empty_office):
    from core.roster_import import reading

    book = openpyxl.load_workbook(io.BytesIO(workbook(cadre_rows(), offices.BANS)))
    book["Ban"]["B3"] = '=UPPER("x")'
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ValidationError) as refused:
        roster_import.read_file(buffer.getvalue(), "r.xlsx")
    assert refused.value.messages("vi") == [
        'Trang "Ban", ô B3 (dòng 3) chứa công thức; chỉ nhận giá trị. Dán giá trị (Paste Values) rồi tải lên lại.'
    ]
    book["Ban"]["B3"] = "x" * (reading.MAX_CELL_CHARS + 1)
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ValidationError) as refused:
        roster_import.read_file(buffer.getvalue(), "r.xlsx")
    assert f"{reading.MAX_CELL_CHARS}" in refused.value.messages("vi")[0]
    assert bans(empty_office) == {}


def test_a_workbook_whose_first_sheet_is_the_bans_sheet_still_reads_its_cadres_from_the_other(empty_office):
    book = openpyxl.load_workbook(io.BytesIO(workbook(cadre_rows(), offices.BANS)))
    book.move_sheet("Ban", offset=-1)
    buffer = io.BytesIO()
    book.save(buffer)
    with reading(empty_office) as s:
        plan = roster_import.preview(s, office.shell_actor(), buffer.getvalue(), "r.xlsx")
    assert len(plan.added) == len(offices.CADRES) and len(plan.bans_added) == len(offices.BANS)
