"""The audit log: every write leaves who, when, what, and the row before and after."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from db.models import AuditEntry

# Never copied into the log.
_SECRET_COLUMNS = {"password_hash"}


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def snapshot(obj) -> dict:
    """The row's column values as JSON-ready data (secrets left out)."""
    return {
        col.key: _plain(getattr(obj, col.key))
        for col in inspect(obj).mapper.column_attrs
        if col.key not in _SECRET_COLUMNS
    }


def record(session: Session, actor: str, action: str, obj=None, *, table: str | None = None,
           row_id=None, before: dict | None = None, after: dict | None = None) -> None:
    """Add an audit entry to the current transaction (it commits or rolls back with the write)."""
    if obj is not None:
        session.flush()
        table = table or obj.__tablename__
        row_id = row_id if row_id is not None else inspect(obj).identity[0]
        if after is None and action != "delete":
            after = snapshot(obj)
    session.add(AuditEntry(actor=actor, action=action, table_name=table, row_id=str(row_id),
                           before=before, after=after))
