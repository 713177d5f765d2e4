"""The one place that opens database connections.

Reads and writes go through `reading()` and `writing()`. A write is one transaction; on
SQLite it starts with BEGIN IMMEDIATE, because a deferred BEGIN in WAL mode fails a third of
concurrent writes with "database is locked" when two readers try to upgrade at once.
Every write also bumps `data_version`, which cached reads key on.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, update
from sqlalchemy.orm import Session

from db.models import DataVersion

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'dicoso.db'}"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: DATABASE_URL), made once per process."""
    url = url or database_url()
    with _lock:
        if url not in _engines:
            _engines[url] = _make_engine(url)
        return _engines[url]


def dispose_all() -> None:
    with _lock:
        for eng in _engines.values():
            eng.dispose()
        _engines.clear()


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _tune_sqlite(eng)
        return eng
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _tune_sqlite(eng: Engine) -> None:
    @event.listens_for(eng, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let the "begin" hook below emit BEGIN itself, so writes can ask for IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        # Dashboards read wide ranges of the day index: a 64 MB page cache per connection and
        # the file mapped into memory (shared by all connections) keep those pages at hand.
        # Mapped up to SQLite's limit (2 GB): every write empties each connection's own page
        # cache, and a page read through the map is not read again. The measurements are in
        # docs/performance.md.
        cur.execute("PRAGMA cache_size=-65536")
        cur.execute("PRAGMA mmap_size=2147418112")
        cur.close()

    @event.listens_for(eng, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def reading(url: str | None = None) -> Iterator[Session]:
    """A session for reads; nothing it does is committed."""
    with Session(engine(url), expire_on_commit=False) as session:
        yield session


_BUMP = update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1)


@contextmanager
def writing(url: str | None = None, bump_version: bool = True) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on any exception.

    `bump_version=False` is for the writes no cached read depends on (the record of a login,
    a language chosen): thirty people logging in to a meeting then leave the projector's
    figures cached instead of having them counted again thirty times."""
    eng = engine(url)
    if eng.dialect.name == "sqlite":
        eng = eng.execution_options(sqlite_begin="IMMEDIATE")
    with Session(eng, expire_on_commit=False) as session:
        with session.begin():
            yield session
            if bump_version:
                session.connection().execute(_BUMP)
    _count_commit()


_commits = 0


def _count_commit() -> None:
    global _commits
    with _lock:
        _commits += 1


def commits() -> int:
    """How many writes this process has committed (ui.data reads the data version again
    after one of its own writes rather than reuse the one it just read)."""
    return _commits
