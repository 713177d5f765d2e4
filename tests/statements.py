"""What the code sends to the database, captured as SQLAlchemy emits it (before_cursor_execute):
for tests that say which statements a read or a page's run may send."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from db.session import engine


@contextmanager
def statements_sent(url: str) -> Iterator[list[tuple[str, object]]]:
    """The (statement, parameters) sent to `url`'s engine inside the block, in order."""
    sent: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    event.listen(engine(url), "before_cursor_execute", capture)
    try:
        yield sent
    finally:
        event.remove(engine(url), "before_cursor_execute", capture)
