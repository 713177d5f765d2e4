"""The audit log: every write leaves who, when, what, and the row before and after."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import func, insert, inspect, select
from sqlalchemy.orm import Session

from core import actions
from core.permissions import require
from db.models import AuditEntry, Base

# Never copied into the log.
_SECRET_COLUMNS = {"password_hash"}


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def plain(row: dict) -> dict:
    """A row's values as JSON-ready data (secrets left out)."""
    return {key: _plain(value) for key, value in row.items() if key not in _SECRET_COLUMNS}


def snapshot(obj) -> dict:
    """The object's column values as JSON-ready data (secrets left out)."""
    return plain({col.key: getattr(obj, col.key) for col in inspect(obj).mapper.column_attrs})


_INSERT = insert(AuditEntry)


def record(
    session: Session,
    actor: str,
    action: str,
    obj=None,
    *,
    table: str | None = None,
    row_id=None,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """Add an audit entry to the current transaction (it commits or rolls back with the write)."""
    if obj is not None:
        session.flush()
        table = table or obj.__tablename__
        row_id = row_id if row_id is not None else inspect(obj).identity[0]
        if after is None and action != "delete":
            after = snapshot(obj)
    # On the connection, as the write's other small rows: the session's bookkeeping cost more.
    session.connection().execute(
        _INSERT,
        {
            "actor": actor,
            "action": action,
            "table_name": table,
            "row_id": str(row_id),
            "before": before,
            "after": after,
        },
    )


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    table: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


def search(
    session: Session, actor, where: AuditFilter, limit: int = 200, offset: int = 0
) -> tuple[list, int]:
    """Entries matching the filter, newest first, one page at a time; and how many match."""
    require(actor, actions.ADMIN_AUDIT)
    conditions = []
    if where.actor:
        conditions.append(AuditEntry.actor == where.actor.strip().lower())
    if where.table:
        conditions.append(AuditEntry.table_name == where.table)
    if where.start:
        conditions.append(AuditEntry.at >= dt.datetime.combine(where.start, dt.time.min))
    if where.end:
        conditions.append(AuditEntry.at < dt.datetime.combine(where.end + dt.timedelta(days=1), dt.time.min))
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions))
    rows = session.scalars(
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return rows, total


def actors(session: Session) -> list[str]:
    """Everyone who ever wrote (for the filter's choices)."""
    return list(session.scalars(select(AuditEntry.actor).distinct().order_by(AuditEntry.actor)))


def tables() -> list[str]:
    """The names of every table, sorted: what the audit log can be filtered by."""
    return sorted(table.name for table in Base.metadata.sorted_tables)
