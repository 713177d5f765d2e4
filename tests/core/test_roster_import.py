"""The roster import: a corpus of bad files, each refused with a message naming the row and
the column, writing nothing; and a good file's upsert."""

import datetime as dt
import io
import random
import string
import struct
import time
import unicodedata
import zipfile

import openpyxl
import pytest
from sqlalchemy import func, select

from cli import roster as roster_command
from core import roster_import
from core.accounts import check_password
from core.errors import PermissionDenied, ValidationError
from core.permissions import Actor
from core.roster_import import parsing
from core.roster_import import reading as roster_reading
from db.models import Account, AuditEntry, Ban, Cadre
from db.session import reading, writing
from seed.__main__ import main as seed_main
from tests import factories as f

HEADER = [
    "Mã cán bộ",
    "Họ và tên",
    "Mã ban",
    "Chức vụ",
    "Thuộc đối tượng 1+2 (Có/Không)",
    "Ngày vào (dd/mm/yyyy)",
    "Ngày nghỉ",
    "Email",
    "Điện thoại",
    "Tên đăng nhập",
    "Vai trò",
]
GOOD = [
    [
        "A01",
        "Nguyễn Văn An",
        "TC",
        "Chuyên viên",
        "Có",
        "01/03/2015",
        "",
        "an@doan.vn",
        "0912 345 678",
        "",
        "",
    ],
    ["B02", "Trần Thị Bình", "TG", "Phó Trưởng ban", "Không", "", "", "", "", "binh.tt", "Lãnh đạo ban"],
]
ADMIN = Actor(0, "quantri", "Quản trị", frozenset({"admin"}))


def csv_file(rows, header=HEADER, encoding="utf-8-sig") -> bytes:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def xlsx_file(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def office(db_url):
    """Two bans; one cadre already on the roster (code OLD1, with an account), one more (OLD2)."""
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC", "Ban Tổ chức", 1), f.ban(s, "TG", "Ban Tuyên giáo", 2)
        old = f.cadre(s, tc, "OLD1", "Lê Văn Cũ")
        f.account(s, "levancu", ("cadre",), old)
        f.cadre(s, tg, "OLD2", "Phạm Thị Hai")
    return db_url


def counts(url):
    with reading(url) as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Cadre, Account, AuditEntry, Ban))


def refused(url, content, name="roster.csv"):
    """Preview and apply both refuse the file; nothing is written. Returns the messages."""
    before = counts(url)
    with reading(url) as s, pytest.raises(ValidationError) as seen:
        roster_import.preview(s, ADMIN, content, name)
    with pytest.raises(ValidationError), writing(url) as s:
        roster_import.apply(s, ADMIN, content, name, deactivate_missing=True)
    assert counts(url) == before
    return seen.value.messages("vi")


def with_cell(row_index, column, value, rows=GOOD):
    rows = [list(r) for r in rows]
    rows[row_index][HEADER.index(column)] = value
    return rows


BAD_FILES = {
    "missing column": (
        csv_file([r[1:] for r in GOOD], header=HEADER[1:]),
        "roster.csv",
        ['Thiếu cột "Mã cán bộ"'],
    ),
    "duplicate codes": (
        csv_file(GOOD + [GOOD[0]]),
        "roster.csv",
        ['Dòng 4 — Mã cán bộ: "A01" trùng với dòng 2'],
    ),
    "unknown ban": (
        csv_file(with_cell(1, "Mã ban", "XX")),
        "roster.csv",
        ['Dòng 3 — Mã ban: không có ban nào mã hoặc tên là "XX". Ghi mã ban (một trong: TC, TG)'],
    ),
    "bad date": (
        csv_file(with_cell(0, "Ngày vào (dd/mm/yyyy)", "31/02/2015")),
        "roster.csv",
        ['Dòng 2 — Ngày vào: "31/02/2015" không phải ngày dd/mm/yyyy'],
    ),
    "left before joined": (
        csv_file(with_cell(0, "Ngày nghỉ", "01/01/2010")),
        "roster.csv",
        ["Dòng 2 — Ngày nghỉ: trước ngày vào"],
    ),
    "cp1258 bytes": ("Ma,Ten,Ban\nA01,Lê Văn Đoàn,TC\n".encode("cp1258"), "roster.csv", ["không ở mã UTF-8"]),
    "latin-1 bytes": (
        csv_file([["A01", "José Müller", "TC"] + [""] * 8]).replace(b"\xc3\xa9", b"\xe9"),
        "roster.csv",
        ["không ở mã UTF-8"],
    ),
    "formula cell": (
        xlsx_file(with_cell(1, "Họ và tên", '=HYPERLINK("http://x","y")')),
        "roster.xlsx",
        ["Ô B3 (dòng 3) chứa công thức"],
    ),
    "formula text in csv": (
        csv_file(with_cell(0, "Chức vụ", "=1+1")),
        "roster.csv",
        ['Dòng 2 — Chức vụ: không được bắt đầu bằng dấu "="'],
    ),
    "empty file": (b"", "roster.csv", ["Tệp rỗng."]),
    "20 MB file": (b"A" * (20 * 1024 * 1024), "roster.csv", ["Tệp lớn hơn 5 MB"]),
    "not a spreadsheet named .xlsx": (
        b"%PDF-1.4 this is not a workbook",
        "roster.xlsx",
        ["không phải bảng tính"],
    ),
    "broken zip named .xlsx": (b"PK\x03\x04" + b"\x00" * 200, "roster.xlsx", ["không phải bảng tính"]),
    "header only": (csv_file([]), "roster.csv", ["chỉ có dòng tiêu đề"]),
    "bad boolean": (
        csv_file(with_cell(0, "Thuộc đối tượng 1+2 (Có/Không)", "Có lẽ")),
        "roster.csv",
        ['Dòng 2 — Thuộc đối tượng 1+2: "Có lẽ" phải là Có hoặc Không'],
    ),
    "malformed email": (
        csv_file(with_cell(1, "Email", "binh@@doan")),
        "roster.csv",
        ['Dòng 3 — Email: "binh@@doan" không phải địa chỉ email'],
    ),
    "bad phone": (csv_file(with_cell(0, "Điện thoại", "gọi tôi")), "roster.csv", ["Dòng 2 — Điện thoại"]),
    "missing name": (
        csv_file(with_cell(0, "Họ và tên", "")),
        "roster.csv",
        ["Dòng 2 — Họ và tên: bắt buộc nhập"],
    ),
    "bad role": (
        csv_file(with_cell(0, "Vai trò", "Bí thư")),
        "roster.csv",
        ['Dòng 2 — Vai trò: "bí thư" không phải vai trò'],
    ),
    "username taken": (
        csv_file(with_cell(0, "Tên đăng nhập", "levancu")),
        "roster.csv",
        ['Dòng 2 — Tên đăng nhập: "levancu" đã là tài khoản của người khác'],
    ),
    "bad code": (csv_file(with_cell(0, "Mã cán bộ", "A 01/x")), "roster.csv", ["Dòng 2 — Mã cán bộ"]),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_roster_file_is_refused_with_its_row_and_column_and_writes_nothing(office, name):
    content, filename, expected = BAD_FILES[name]
    messages = refused(office, content, filename)
    for part in expected:
        assert any(part in m for m in messages), (part, messages)


def test_every_problem_of_a_file_is_listed_at_once(office):
    rows = with_cell(0, "Email", "x@") + [["C03", "", "ZZ"] + [""] * 8]
    messages = refused(office, csv_file(rows))
    assert len(messages) == 3  # a bad email on row 2; a missing name and an unknown ban on row 4
    assert {m.split(" — ")[0] for m in messages} == {"Dòng 2", "Dòng 4"}


def test_errors_are_named_in_english_for_an_english_reader(office):
    with reading(office) as s, pytest.raises(ValidationError) as seen:
        roster_import.preview(s, ADMIN, csv_file(with_cell(1, "Mã ban", "XX")), "r.csv")
    assert seen.value.messages("en") == [
        'Row 3 — Ban code: no ban has the code or the name "XX". Write a ban\'s code (one of: TC, TG) '
        'or its exact name; a new ban goes on the file\'s sheet "Ban".'
    ]


def test_preview_shows_what_would_be_added_changed_and_deactivated_without_writing(office):
    rows = GOOD + [["OLD1", "Lê Văn Cũ", "TG", "Chuyên viên", "Có", "", "", "", "", "", ""]]
    before = counts(office)
    with reading(office) as s:
        plan = roster_import.preview(s, ADMIN, csv_file(rows), "r.csv")
    assert [r.code for r in plan.added] == ["A01", "B02"]
    assert [(c.code, c.fields) for c in plan.changed] == [("OLD1", ("roster.col.ban_code",))]
    assert plan.missing == (("OLD2", "Phạm Thị Hai"),)
    assert counts(office) == before


@pytest.mark.parametrize("maker, name", [(csv_file, "r.csv"), (xlsx_file, "r.xlsx")])
def test_good_file_upserts_by_code_and_gives_new_cadres_accounts(office, maker, name):
    rows = GOOD + [["OLD1", "Lê Văn Cũ", "TG", "Chuyên viên", "Có", "", "", "", "", "", ""]]
    with writing(office) as s:
        result = roster_import.apply(s, ADMIN, maker(rows), name, deactivate_missing=True)
    assert (result.added, result.changed, result.unchanged, result.deactivated) == (2, 1, 0, 1)
    assert [a.username for a in result.accounts] == ["a01", "binh.tt"]
    with reading(office) as s:
        cadres = {c.code: c for c in s.scalars(select(Cadre))}
        assert cadres["A01"].joined_on == dt.date(2015, 3, 1) and cadres["A01"].phone == "0912 345 678"
        assert cadres["B02"].subject_to_rule is False
        assert s.get(Ban, cadres["OLD1"].ban_id).code == "TG"
        assert cadres["OLD2"].active is False  # deactivated, not deleted
        binh = s.scalar(select(Account).where(Account.username == "binh.tt"))
        assert binh.must_change_password and [r.role for r in binh.roles] == ["ban_leader"]
        assert check_password(result.accounts[1].password, binh.password_hash)


def test_missing_cadres_stay_active_unless_the_admin_ticks_the_box(office):
    with writing(office) as s:
        result = roster_import.apply(s, ADMIN, csv_file(GOOD), "r.csv")
    assert result.deactivated == 0
    with reading(office) as s:
        assert s.scalar(select(Cadre.active).where(Cadre.code == "OLD2")) is True


def test_vietnamese_typed_in_nfd_is_accepted_and_stored_nfc(office):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert nfd != unicodedata.normalize("NFC", nfd)
    header = [unicodedata.normalize("NFD", h) for h in HEADER]
    with writing(office) as s:
        roster_import.apply(s, ADMIN, csv_file(with_cell(0, "Họ và tên", nfd), header=header), "r.csv")
    with reading(office) as s:
        assert s.scalar(select(Cadre.full_name).where(Cadre.code == "A01")) == "Nguyễn Thị Hường"


def test_csv_without_bom_and_with_semicolons_is_read(office):
    content = csv_file(GOOD, encoding="utf-8").replace(b",", b";")
    with reading(office) as s:
        assert len(roster_import.preview(s, ADMIN, content, "r.csv").added) == 2


def test_importing_the_same_file_again_changes_nothing(office):
    with writing(office) as s:
        roster_import.apply(s, ADMIN, csv_file(GOOD), "r.csv")
    before = counts(office)
    with writing(office) as s:
        result = roster_import.apply(s, ADMIN, csv_file(GOOD), "r.csv")
    assert (result.added, result.changed, result.unchanged, result.accounts) == (0, 0, 2, ())
    assert counts(office)[:2] == before[:2]


def test_the_current_roster_exported_imports_back_unchanged(office):
    with reading(office) as s:
        frame = roster_import.current_roster(s, ADMIN)
    with reading(office) as s:
        plan = roster_import.preview(s, ADMIN, roster_import.template_xlsx(frame), "r.xlsx")
    assert (plan.added, plan.changed, plan.unchanged, plan.missing) == ((), (), 2, ())


def test_a_double_submit_of_the_import_writes_once(office):
    with writing(office) as s:
        first = roster_import.apply(s, ADMIN, csv_file(GOOD), "r.csv", submission_id="s1")
    with writing(office) as s:
        again = roster_import.apply(s, ADMIN, csv_file(GOOD), "r.csv", submission_id="s1")
    assert first.added == 2 and again.repeated


def test_only_admins_import_rosters(office):
    leader = Actor(5, "lanhdao", "Lãnh đạo", frozenset({"office_leader"}))
    with reading(office) as s, pytest.raises(PermissionDenied):
        roster_import.preview(s, leader, csv_file(GOOD), "r.csv")


def test_openpyxl_reads_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


def test_the_shell_import_prints_errors_and_exits_non_zero(office, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file(with_cell(1, "Mã ban", "XX")))
    assert seed_main(["--roster", str(bad), "--database-url", office]) == 1
    assert "Dòng 3 — Mã ban" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(GOOD))
    passwords = tmp_path / "otp.csv"
    assert (
        seed_main(["--roster", str(good), "--database-url", office, "--passwords-csv", str(passwords)]) == 0
    )
    assert "thêm 2" in capsys.readouterr().out
    assert "binh.tt" in passwords.read_text(encoding="utf-8-sig")


def test_the_roster_command_runs_on_its_own(office, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(GOOD))
    assert roster_command.main([str(good), "--database-url", office]) == 0
    out = capsys.readouterr().out
    assert "thêm 2" in out and "binh.tt" in out
    assert roster_command.main([str(tmp_path / "missing.csv"), "--database-url", office]) == 2


# --- Files too big for what they hold: refused at the cap, before the costly reading --------------

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_with_sheet(sheet_data: str, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A workbook made by openpyxl whose first sheet's rows are `sheet_data` (raw XML)."""
    base = xlsx_file([])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", compression) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}">'
                    f"<sheetData>{sheet_data}</sheetData></worksheet>"
                ).encode()
            target.writestr(info.filename, data)
    return out.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_xml() -> str:
    return (
        '<row r="1">'
        + "".join(inline(f"{roster_reading._letter(i)}1", h) for i, h in enumerate(HEADER, 1))
        + "</row>"
    )


@pytest.fixture
def openpyxl_never_opens(monkeypatch):
    """The file must be refused before openpyxl reads a cell of it."""

    def opened(*args, **kwargs):
        raise AssertionError("openpyxl opened a file that should have been refused before")

    monkeypatch.setattr(openpyxl, "load_workbook", opened)


def refused_fast(url, content, name, *expected):
    """Refused by preview and apply, writing nothing; reading it once took under 5 s."""
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        parsing.read_file(content, name)
    assert time.perf_counter() - started < 5, "refused, but after reading too much"
    messages = refused(url, content, name)
    for part in expected:
        assert any(part in m for m in messages), (part, messages)
    return messages


def test_a_csv_field_of_200_kb_is_refused_naming_the_limit(office):
    rows = with_cell(0, "Chức vụ", "x" * 200_000)
    refused_fast(
        office, csv_file(rows), "roster.csv", f"dài quá {roster_reading.MAX_CELL_CHARS} ký tự", "dòng 2"
    )


def test_a_cell_a_little_over_the_cap_is_refused_with_its_place(office):
    for maker, name in ((csv_file, "r.csv"), (xlsx_file, "r.xlsx")):
        rows = with_cell(1, "Chức vụ", "y" * (roster_reading.MAX_CELL_CHARS + 1))
        refused_fast(office, maker(rows), name, "Ô D3 (dòng 3) dài quá")


def test_a_workbook_that_inflates_to_47_mb_is_refused_unread(office, openpyxl_never_opens):
    # 143 KB on disk, 47 MB of sheet once inflated: the review's example.
    cells = ("<row>" + "<c><v>1</v></c>" * 11 + "</row>") * 250_000
    content = xlsx_with_sheet(header_xml() + cells)
    assert len(content) < 1024 * 1024 and len(cells) > 40 * 1024 * 1024
    refused_fast(
        office,
        content,
        "roster.xlsx",
        f"giải nén lớn hơn {roster_reading.MAX_UNZIPPED // roster_reading.MB} MB",
    )


def test_a_part_compressed_like_a_zip_bomb_is_refused_unread(office, openpyxl_never_opens):
    content = xlsx_with_sheet(header_xml() + '<row r="2">' + inline("B2", " " * 5_000_000) + "</row>")
    refused_fast(
        office, content, "roster.xlsx", "xl/worksheets/sheet1.xml", f"{roster_reading.MAX_RATIO} lần"
    )


def test_a_huge_string_that_compresses_little_is_stopped_at_the_cell_cap(office, openpyxl_never_opens):
    noise = "".join(random.Random(1).choices(string.ascii_letters, k=2_000_000))
    content = xlsx_with_sheet(header_xml() + '<row r="2">' + inline("B2", noise) + "</row>")
    refused_fast(office, content, "roster.xlsx", "Ô B2 (dòng 2) dài quá")


def test_too_many_cells_are_refused_before_openpyxl_reads_them(office, openpyxl_never_opens):
    rng = random.Random(2)
    cells = "".join(
        f'<row r="{n}">'
        + "".join(
            f'<c r="{roster_reading._letter(i)}{n}"><v>{rng.randint(0, 10**9)}</v></c>' for i in range(1, 26)
        )
        + "</row>"
        for n in range(2, 4_500)
    )
    content = xlsx_with_sheet(header_xml() + cells)
    refused_fast(office, content, "roster.xlsx", f"quá {roster_reading.MAX_CELLS} ô")


def test_many_shared_strings_are_refused_before_openpyxl_reads_them(office, openpyxl_never_opens):
    content = xlsx_file(GOOD)
    rng = random.Random(3)
    strings = "".join(f"<si><t>{rng.randint(0, 10**9)}</t></si>" for _ in range(roster_reading.MAX_CELLS + 1))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("xl/sharedStrings.xml", f'<sst xmlns="{SHEET_NS}">{strings}</sst>')
    refused_fast(office, out.getvalue(), "roster.xlsx", f"quá {roster_reading.MAX_CELLS} ô")


def test_too_many_rows_are_refused_where_the_cap_is_passed(office):
    rows = [[f"R{n:05d}", "Nguyễn Văn An", "TC"] + [""] * 8 for n in range(roster_reading.MAX_ROWS + 1)]
    for maker, name in ((csv_file, "r.csv"), (xlsx_file, "r.xlsx")):
        refused_fast(office, maker(rows), name, f"quá {roster_reading.MAX_ROWS} dòng")
    blank_rows = "".join(
        f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(2, roster_reading.MAX_SCANNED_ROWS + 5)
    )
    refused_fast(
        office, xlsx_with_sheet(header_xml() + blank_rows), "r.xlsx", f"quá {roster_reading.MAX_ROWS} dòng"
    )
    far = header_xml() + '<row r="1048576">' + inline("A1048576", "Z9") + "</row>"
    refused_fast(office, xlsx_with_sheet(far), "r.xlsx", f"quá {roster_reading.MAX_ROWS} dòng")


def test_a_value_past_the_last_column_is_refused(office, openpyxl_never_opens):
    far = roster_reading.MAX_COLUMNS + 10
    rows = [r + [""] * (far - len(r)) + ["ghi chú"] for r in GOOD]
    refused_fast(
        office,
        csv_file(rows, header=HEADER + [""] * (far - len(HEADER)) + ["Ghi chú"]),
        "r.csv",
        f"quá {roster_reading.MAX_COLUMNS} cột",
    )
    wide = header_xml() + '<row r="2">' + inline(f"{roster_reading._letter(far)}2", "x") + "</row>"
    refused_fast(office, xlsx_with_sheet(wide), "r.xlsx", "Dòng 2 có giá trị ở quá")


def test_empty_columns_and_rows_past_the_caps_are_no_problem(office):
    """Trailing separators of a CSV saved by Excel, and blank rows between the cadres."""
    wide = [r + [""] * 40 for r in GOOD]
    with reading(office) as s:
        assert (
            len(roster_import.preview(s, ADMIN, csv_file(wide, header=HEADER + [""] * 40), "r.csv").added)
            == 2
        )


def test_blank_rows_never_cut_a_full_roster_short(office):
    """5,000 cadres with blank rows among them are all read: none is dropped (and then
    deactivated as missing) because the blank rows counted towards the cap."""
    rows = [[f"R{n:05d}", "Nguyễn Văn An", "TC"] + [""] * 8 for n in range(roster_reading.MAX_ROWS)]
    rows[10:10] = [[""] * 11] * 5
    read = parsing.read_file(xlsx_file(rows), "r.xlsx")
    assert sum(1 for r in read.rows if r) == roster_reading.MAX_ROWS + 1


def test_rows_are_numbered_as_the_spreadsheet_shows_them_after_blank_lines():
    content = b"\n\n" + csv_file(with_cell(0, "Mã ban", "XX"), encoding="utf-8")
    with pytest.raises(ValidationError) as seen:
        parsing.parse(content, "r.csv", {"TC", "TG"})
    assert seen.value.messages("vi")[0].startswith("Dòng 4 — Mã ban")


def lying_zip(content: bytes, member: str) -> bytes:
    """`content` with `member`'s declared uncompressed size made 1 KB (in both headers)."""
    data = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, 1024)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, central + 24, 1024)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


RENAMED = {
    "a Word file named .xlsx": lambda: (docx_bytes(), "roster.xlsx"),
    "a PNG named .csv": lambda: (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "roster.csv"),
    "a zip of a CSV named .csv": lambda: (zipped("roster.csv", csv_file(GOOD)), "roster.csv"),
    "a zip whose sizes lie": lambda: (lying_zip(xlsx_file(GOOD * 50), "xl/worksheets/sheet1.xml"), "r.xlsx"),
    "XML with entities": lambda: (entity_xlsx(), "r.xlsx"),
}


def docx_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def zipped(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


def entity_xlsx() -> bytes:
    """A sheet declaring an entity (billion laughs' first step): refused, never expanded."""
    content = xlsx_with_sheet(header_xml())
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet', 1)
            target.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize("case", list(RENAMED))
def test_a_file_of_another_type_is_refused_as_not_a_spreadsheet(office, case):
    content, name = RENAMED[case]()
    refused_fast(office, content, name, "không phải bảng tính")


# --- The current roster, exported, imports back unchanged ----------------------------------------

NFD = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
AWKWARD = [  # (code, name, ban, position, subject, joined, left, email, phone, username, roles) as typed
    (
        "-01",
        "=Nguyễn Văn An",
        "-B",
        "+1 Phó ban",
        True,
        dt.date(2015, 3, 1),
        None,
        "-an@doan.vn",
        "+84 912 345 678",
        "-an",
        ("cadre",),
    ),
    (
        "A.02",
        "@Trần Thị Bình",
        "TC",
        "-",
        False,
        dt.date(1970, 1, 1),
        dt.date(2099, 12, 31),
        "+tag@doan.vn",
        "-912 345 678",
        "a.02",
        ("ban_leader", "admin"),
    ),
    ("_03", "'Lê Văn Cường", "TC", "=SUM(A1:A9)", True, None, None, "", "", "", ()),
    (
        "C04",
        NFD,
        "TG",
        "  Chuyên   viên  ",
        True,
        dt.date(2020, 2, 29),
        None,
        "'x@doan.vn",
        "(024) 3825 1234",
        "c04",
        ("cadre",),
    ),
    (
        "C05",
        "Đ" + "ư" * 199,
        "TG",
        "'=1+1",
        True,
        None,
        None,
        "=cmd@doan.vn",
        "0912345678",
        "c05",
        ("office_leader",),
    ),
    (
        "C06",
        'Phạm "Hai", Ba; Tư',
        "TG",
        'Trưởng ban, kiêm; nhiệm "A"',
        False,
        None,
        None,
        "",
        "",
        "c06",
        ("cadre", "ban_leader"),
    ),
    ("C07", "\tTab đầu", "TG", "@SUM(1)", True, None, None, "", "+(84) 24", "c07", ("cadre",)),
]


@pytest.fixture
def awkward_office(db_url):
    """A roster whose every column holds values that look like formulas, carry quotes,
    separators or Vietnamese typed in NFD, long values and empty optional cells; stored the
    way the app stores them (through the cadre form's service)."""
    from core import accounts
    from core.roster import CadreInput, save_ban, save_cadre

    with writing(db_url) as s:
        for order, code in enumerate(("TC", "TG", "-B"), 1):
            save_ban(s, ADMIN, code, f"Ban {code}", order)
        for code, name, ban, position, subject, joined, left, email, phone, username, roles in AWKWARD:
            cadre_id = save_cadre(
                s, ADMIN, CadreInput(code, name, ban, position, subject, joined, left, email, phone)
            )
            if username:
                accounts.create_account(s, ADMIN, username, name, cadre_id, roles)
    return db_url


def stored(url):
    with reading(url) as s:
        cadres = tuple(
            sorted(
                (
                    c.code,
                    c.full_name,
                    c.ban_id,
                    c.position,
                    c.subject_to_rule,
                    c.joined_on,
                    c.left_on,
                    c.email,
                    c.phone,
                    c.active,
                )
                for c in s.scalars(select(Cadre))
            )
        )
        logins = tuple(
            sorted(
                (a.username, a.cadre_id, tuple(sorted(r.role for r in a.roles)))
                for a in s.scalars(select(Account))
            )
        )
    return cadres, logins


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_awkward_roster_exported_imports_back_unchanged_in_every_column(awkward_office, fmt):
    before = stored(awkward_office)
    with reading(awkward_office) as s:
        frame = roster_import.current_roster(s, ADMIN)
    content = roster_import.template_xlsx(frame) if fmt == "xlsx" else roster_import.template_csv(frame)
    # What was exported is neutralised: no cell of it starts like a formula.
    cells = parsing.read_file(content, f"r.{fmt}").rows
    assert not [
        c for r in cells for c in r if isinstance(c, str) and c.startswith(("=", "+", "-", "@", "\t"))
    ]
    with reading(awkward_office) as s:
        plan = roster_import.preview(s, ADMIN, content, f"r.{fmt}")
    assert (plan.added, plan.changed, plan.missing) == ((), (), ())
    assert plan.unchanged == len(AWKWARD)
    with writing(awkward_office) as s:
        result = roster_import.apply(s, ADMIN, content, f"r.{fmt}", deactivate_missing=True)
    assert (result.added, result.changed, result.deactivated, result.accounts) == (0, 0, 0, ())
    assert stored(awkward_office) == before
