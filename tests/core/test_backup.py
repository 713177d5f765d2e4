"""Backups: a consistent copy with what is still in the write-ahead log, a restore check that
refuses a file cut short, and a workbook of every table without password hashes."""

import datetime as dt
import io
import sqlite3

import openpyxl
import pytest
from sqlalchemy import func, select

from core import backup
from core.errors import PermissionDenied
from db.models import Base, Cadre
from db.session import reading, writing
from tests import factories as f


@pytest.fixture
def sqlite_office(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the file backup is for SQLite; PostgreSQL has pg_dump")
    with writing(db_url) as s:
        admin = f.actor(f.account(s, "quantri", ("admin",)))
        tc = f.ban(s, "TC")
        for n in range(30):
            f.cadre(s, tc, f"C{n:02d}")
    return db_url, admin


def test_database_backup_includes_the_latest_writes_and_passes_the_restore_check(sqlite_office):
    url, admin = sqlite_office
    with writing(url) as s:
        f.cadre(s, f.ban(s, "TG"), "LAST")  # still in the WAL: no checkpoint since
    with reading(url) as s:
        content = backup.database_file(s, admin)
    check = backup.check_backup(content)
    assert check.ok and check.tables == len(Base.metadata.sorted_tables)
    assert check.rows == 2 + 31 + 0 + 1  # bans, cadres, trips, accounts


def test_a_backup_cut_short_by_one_kilobyte_fails_the_restore_check(sqlite_office):
    url, admin = sqlite_office
    with reading(url) as s:
        content = backup.database_file(s, admin)
    check = backup.check_backup(content[:-1024])
    assert not check.ok and check.problems == ("backup.check.integrity",)


def test_a_file_that_is_not_a_database_or_lacks_tables_fails_the_check(tmp_path):
    assert backup.check_backup(b"not a database").problems == ("backup.check.not_sqlite",)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE bans (id INTEGER)")
    assert backup.check_backup(other.read_bytes()).problems == ("backup.check.tables",)


def test_workbook_has_every_table_and_no_password_hash(sqlite_office):
    url, admin = sqlite_office
    with reading(url) as s:
        book = openpyxl.load_workbook(io.BytesIO(backup.workbook(s, admin)), read_only=True)
        cadres = s.scalar(select(func.count()).select_from(Cadre))
    assert set(book.sheetnames) == {t.name for t in Base.metadata.sorted_tables}
    assert book["cadres"].max_row == 1 + cadres
    headers = [c.value for c in next(book["accounts"].iter_rows())]
    assert "username" in headers and "password_hash" not in headers


def test_only_admins_take_backups(sqlite_office):
    url, _ = sqlite_office
    with writing(url) as s:
        leader = f.actor(f.account(s, "lanhdao", ("office_leader",)))
    with reading(url) as s, pytest.raises(PermissionDenied):
        backup.database_file(s, leader)


def test_a_backup_as_large_as_the_upload_cap_allows_passes_the_check(sqlite_office, tmp_path):
    """The cap (200 MB) is above the 132 MB backup of the bench's office of 5,000 cadres and
    100,000 trips; a backup padded to just under it is checked, and restores."""
    url, admin = sqlite_office
    with reading(url) as s:
        content = backup.database_file(s, admin)
    path = tmp_path / "large.db"
    path.write_bytes(content)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE padding (blob BLOB)")
        target = backup.MAX_BYTES - 2 * 1024 * 1024
        chunk = 4 * 1024 * 1024
        for _ in range((target - len(content)) // chunk):
            conn.execute("INSERT INTO padding VALUES (zeroblob(?))", (chunk,))
    conn.close()
    size = path.stat().st_size
    assert backup.MAX_BYTES - 8 * 1024 * 1024 < size <= backup.MAX_BYTES
    with path.open("rb") as stream:
        check = backup.check_backup(stream)
    assert check.ok and check.rows == 1 + 30 + 0 + 1  # bans, cadres, trips, accounts


def test_a_backup_over_the_cap_is_refused_unread_with_the_limit(tmp_path):
    path = tmp_path / "huge.db"
    with path.open("wb") as stream:
        stream.write(b"SQLite format 3\x00")
        stream.truncate(backup.MAX_BYTES + 1)  # sparse: no disk, no memory
    with path.open("rb") as stream:
        check = backup.check_backup(stream)
        assert stream.tell() == 0  # not a byte read
    assert not check.ok and check.problems == ("backup.check.too_big",)
    assert check.messages("vi") == [
        "Tệp lớn hơn 200 MB, mức tối đa kiểm tra được ở đây: kiểm tra trên máy chủ bằng sqlite3 "
        "(PRAGMA integrity_check)."
    ]


def test_attached_files_are_in_the_database_backup_and_listed_without_their_bytes_in_the_workbook(
    sqlite_office, tmp_path
):
    from core import attachments

    url, admin = sqlite_office
    content = b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n"
    with writing(url) as s:
        cadre = s.scalar(select(Cadre).limit(1))
        me = f.actor(f.account(s, "canbo", ("cadre",), cadre), cadre.ban_id)
        trip = f.trip(s, cadre, dt.date(2018, 6, 1), dt.date(2018, 6, 2))
        attachments.attach(s, me, trip.id, attachments.TRIP, [attachments.Upload("giay.pdf", content)])
    with reading(url) as s:
        copy = backup.database_file(s, admin)
        book = openpyxl.load_workbook(io.BytesIO(backup.workbook(s, admin)), read_only=True)
    (tmp_path / "copy.db").write_bytes(copy)
    restored = sqlite3.connect(tmp_path / "copy.db")
    assert restored.execute("SELECT file_name, content FROM attachments").fetchall() == [
        ("giay.pdf", content)
    ]
    rows = list(book["attachments"].iter_rows(values_only=True))
    assert "content" not in rows[0] and "thumbnail" not in rows[0]
    assert rows[1][rows[0].index("file_name")] == "giay.pdf"
