"""Backups: the whole database as one file, every table as an Excel workbook, and a check
that a backup file can really be restored.

An SQLite backup is made with sqlite3's online backup API into a temporary file, so the
pages still in the write-ahead log are included and the copy is consistent while the app
keeps writing. A backup cut short must fail the check: it has to open, pass
`PRAGMA integrity_check`, and hold every table of the schema.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from sqlalchemy import LargeBinary, select
from sqlalchemy.orm import Session

from core import actions
from core.errors import FieldError, ValidationError
from core.exports import spreadsheet
from core.permissions import Actor, require
from db.models import Base

SECRET_COLUMNS = {"password_hash"}
# The largest backup file checked (the upload's cap on /admin, ui/uploads.py). The bench's
# office of 5,000 cadres and 100,000 trips over three years makes a 132 MB backup, the demo's
# central office of 111 cadres 3 MB; the check reads the whole file (9 s at 132 MB on this
# project's shared machine). A larger office checks its backup on the server with sqlite3's
# own `PRAGMA integrity_check` (docs/deployment.md).
MAX_MB = 200
MAX_BYTES = MAX_MB * 1024 * 1024


def sqlite_path(session: Session) -> str | None:
    """The database file behind the session, or None if it is not an SQLite file."""
    url = session.get_bind().url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return url.database


def database_file(session: Session, actor: Actor) -> bytes:
    """A consistent copy of the whole SQLite database, as the bytes of one .db file."""
    require(actor, actions.ADMIN_BACKUP)
    source_path = sqlite_path(session)
    if source_path is None:
        raise ValidationError([FieldError("", "backup.error.not_sqlite")])
    with tempfile.TemporaryDirectory() as tmp:
        target_path = os.path.join(tmp, "backup.db")
        source = sqlite3.connect(source_path)
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return Path(target_path).read_bytes()


def workbook(session: Session, actor: Actor) -> bytes:
    """Every table as a sheet (password hashes and attached files' bytes left out)."""
    require(actor, actions.ADMIN_BACKUP)
    sheets = {}
    for table in Base.metadata.sorted_tables:
        # A file's bytes (attachments) stay in the database backup: a cell holds 32,767 characters.
        columns = [
            c for c in table.columns if c.name not in SECRET_COLUMNS and not isinstance(c.type, LargeBinary)
        ]
        rows = session.execute(select(*columns)).all()
        frame = pd.DataFrame(rows, columns=[c.name for c in columns])
        for column in frame.columns:
            if frame[column].map(lambda v: isinstance(v, (dict, list))).any():
                frame[column] = frame[column].map(lambda v: str(v) if v is not None else None)
        sheets[table.name] = frame
    return spreadsheet.workbook(sheets)


@dataclass(frozen=True)
class RestoreCheck:
    ok: bool
    problems: tuple[str, ...]  # message keys
    tables: int = 0
    rows: int = 0  # rows of the main tables (bans, cadres, trips, accounts)

    def messages(self, lang: str | None = None) -> list[str]:
        from core.i18n import t

        return [t(problem, lang, limit=MAX_MB) for problem in self.problems]


def check_backup(content: bytes | BinaryIO) -> RestoreCheck:
    """Would this backup file (its bytes, or a binary file such as an upload) restore? Opens a
    copy read-only; writes nothing anywhere else. A file over MAX_BYTES is refused unread."""
    stream = io.BytesIO(content) if isinstance(content, (bytes, bytearray)) else content
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size > MAX_BYTES:
        return RestoreCheck(False, ("backup.check.too_big",))
    head = stream.read(100)
    if not head.startswith(b"SQLite format 3\x00") or size < 100:
        return RestoreCheck(False, ("backup.check.not_sqlite",))
    # The header says how many pages the file holds: a copy cut short is caught here even
    # when the pages lost are ones integrity_check would not read.
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if not page_size or size % page_size or (pages and size != pages * page_size):
        return RestoreCheck(False, ("backup.check.integrity",))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "check.db")
        stream.seek(0)
        with open(path, "wb") as copy:
            shutil.copyfileobj(stream, copy, 1024 * 1024)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
                if result != ["ok"]:
                    return RestoreCheck(False, ("backup.check.integrity",))
                present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                expected = {t.name for t in Base.metadata.sorted_tables}
                if expected - present:
                    return RestoreCheck(False, ("backup.check.tables",), len(present & expected))
                rows = sum(
                    conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                    for name in ("bans", "cadres", "trips", "accounts")
                )
                return RestoreCheck(True, (), len(expected), rows)
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return RestoreCheck(False, ("backup.check.integrity",))
