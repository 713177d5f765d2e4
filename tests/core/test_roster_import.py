"""The roster import: a corpus of bad files, each refused with a message naming the row and
the column, writing nothing; and a good file's upsert."""

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from sqlalchemy import func, select

from cli import roster as roster_command
from core import roster_import
from core.accounts import check_password
from core.errors import PermissionDenied, ValidationError
from core.permissions import Actor
from db.models import Account, AuditEntry, Ban, Cadre
from db.session import reading, writing
from seed.__main__ import main as seed_main
from tests import factories as f

HEADER = ["Mã cán bộ", "Họ và tên", "Mã ban", "Chức vụ", "Thuộc đối tượng 1+2 (Có/Không)",
          "Ngày vào (dd/mm/yyyy)", "Ngày nghỉ", "Email", "Điện thoại", "Tên đăng nhập", "Vai trò"]
GOOD = [
    ["A01", "Nguyễn Văn An", "TC", "Chuyên viên", "Có", "01/03/2015", "", "an@doan.vn", "0912 345 678", "", ""],
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
    "missing column": (csv_file([r[1:] for r in GOOD], header=HEADER[1:]), "roster.csv", ["Thiếu cột \"Mã cán bộ\""]),
    "duplicate codes": (csv_file(GOOD + [GOOD[0]]), "roster.csv", ["Dòng 4 — Mã cán bộ: \"A01\" trùng với dòng 2"]),
    "unknown ban": (csv_file(with_cell(1, "Mã ban", "XX")), "roster.csv", ["Dòng 3 — Mã ban: không có ban mã \"XX\""]),
    "bad date": (csv_file(with_cell(0, "Ngày vào (dd/mm/yyyy)", "31/02/2015")), "roster.csv",
                 ["Dòng 2 — Ngày vào: \"31/02/2015\" không phải ngày dd/mm/yyyy"]),
    "left before joined": (csv_file(with_cell(0, "Ngày nghỉ", "01/01/2010")), "roster.csv",
                           ["Dòng 2 — Ngày nghỉ: trước ngày vào"]),
    "cp1258 bytes": ("Ma,Ten,Ban\nA01,Lê Văn Đoàn,TC\n".encode("cp1258"), "roster.csv", ["không ở mã UTF-8"]),
    "latin-1 bytes": (csv_file([["A01", "José Müller", "TC"] + [""] * 8]).replace(b"\xc3\xa9", b"\xe9"),
                      "roster.csv", ["không ở mã UTF-8"]),
    "formula cell": (xlsx_file(with_cell(1, "Họ và tên", "=HYPERLINK(\"http://x\",\"y\")")), "roster.xlsx",
                     ["Ô B3 (dòng 3) chứa công thức"]),
    "formula text in csv": (csv_file(with_cell(0, "Chức vụ", "=1+1")), "roster.csv",
                            ["Dòng 2 — Chức vụ: không được bắt đầu bằng dấu \"=\""]),
    "empty file": (b"", "roster.csv", ["Tệp rỗng."]),
    "20 MB file": (b"A" * (20 * 1024 * 1024), "roster.csv", ["Tệp lớn hơn 5 MB"]),
    "not a spreadsheet named .xlsx": (b"%PDF-1.4 this is not a workbook", "roster.xlsx", ["không phải bảng tính"]),
    "broken zip named .xlsx": (b"PK\x03\x04" + b"\x00" * 200, "roster.xlsx", ["không phải bảng tính"]),
    "header only": (csv_file([]), "roster.csv", ["chỉ có dòng tiêu đề"]),
    "bad boolean": (csv_file(with_cell(0, "Thuộc đối tượng 1+2 (Có/Không)", "Có lẽ")), "roster.csv",
                    ["Dòng 2 — Thuộc đối tượng 1+2: \"Có lẽ\" phải là Có hoặc Không"]),
    "malformed email": (csv_file(with_cell(1, "Email", "binh@@doan")), "roster.csv",
                        ["Dòng 3 — Email: \"binh@@doan\" không phải địa chỉ email"]),
    "bad phone": (csv_file(with_cell(0, "Điện thoại", "gọi tôi")), "roster.csv", ["Dòng 2 — Điện thoại"]),
    "missing name": (csv_file(with_cell(0, "Họ và tên", "")), "roster.csv", ["Dòng 2 — Họ và tên: bắt buộc nhập"]),
    "bad role": (csv_file(with_cell(0, "Vai trò", "Bí thư")), "roster.csv", ["Dòng 2 — Vai trò: \"bí thư\" không phải vai trò"]),
    "username taken": (csv_file(with_cell(0, "Tên đăng nhập", "levancu")), "roster.csv",
                       ["Dòng 2 — Tên đăng nhập: \"levancu\" đã là tài khoản của người khác"]),
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
        'Row 3 — Ban code: no ban has the code "XX". Create the ban under "Bans and cadres" first.']


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
    assert seed_main(["--roster", str(good), "--database-url", office, "--passwords-csv", str(passwords)]) == 0
    assert "thêm 2" in capsys.readouterr().out
    assert "binh.tt" in passwords.read_text(encoding="utf-8-sig")


def test_the_roster_command_runs_on_its_own(office, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(GOOD))
    assert roster_command.main([str(good), "--database-url", office]) == 0
    out = capsys.readouterr().out
    assert "thêm 2" in out and "binh.tt" in out
    assert roster_command.main([str(tmp_path / "missing.csv"), "--database-url", office]) == 2
