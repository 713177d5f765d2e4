"""a trip removed is kept, marked, with who, when and why

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 08:00:00

A trip recorded by mistake could never be taken back. It is now removed, never deleted: its
state becomes "removed" (out of every figure, which count the trips made) and it keeps when,
by whom and why. The trips' CHECK constraint of states gains the new state.

On SQLite a CHECK constraint cannot be altered, and rebuilding the table would drop it under
the foreign keys that point at it (a DROP TABLE deletes the trip days through their ON DELETE
CASCADE). SQLite's own procedure for loosening a CHECK constraint is used instead
(https://sqlite.org/lang_altertable.html, "making other kinds of table schema changes"): the
table's stored definition is edited in the migration's transaction and the schema version
bumped. The new constraint only admits more rows, so every stored trip still satisfies it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

OLD_CHECK = "state IN ('planned', 'done', 'cancelled')"
NEW_CHECK = "state IN ('planned', 'done', 'cancelled', 'removed')"


def upgrade() -> None:
    # Plain ALTER TABLE on both engines: a batch copy of the trips would trip the foreign keys.
    op.execute(
        "ALTER TABLE trips ADD COLUMN removed_at TIMESTAMP"
        if _postgresql()
        else "ALTER TABLE trips ADD COLUMN removed_at DATETIME"
    )
    op.execute("ALTER TABLE trips ADD COLUMN removed_by INTEGER REFERENCES accounts (id)")
    op.execute("ALTER TABLE trips ADD COLUMN removed_reason TEXT")
    if _postgresql():
        op.execute("ALTER TABLE trips DROP CONSTRAINT ck_trips_state")
        op.execute(f"ALTER TABLE trips ADD CONSTRAINT ck_trips_state CHECK ({NEW_CHECK})")
    else:
        _widen_sqlite_check()


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _widen_sqlite_check() -> None:
    conn = op.get_bind()
    stored = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'trips'"
    ).scalar()
    old = f"CONSTRAINT ck_trips_state CHECK ({OLD_CHECK})"
    if stored.count(old) != 1:
        raise RuntimeError(
            f"trips: the constraint ck_trips_state is not as migration 0001 wrote it: {stored}"
        )
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'trips'"),
            {"sql": stored.replace(old, f"CONSTRAINT ck_trips_state CHECK ({NEW_CHECK})")},
        )
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    # The table read back through its new definition (a fault in it would fail here).
    problems = conn.exec_driver_sql("PRAGMA quick_check(trips)").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"trips: the schema edit left the database damaged: {problems}")


def downgrade() -> None:
    raise NotImplementedError("dicoso's migrations are forward-only: restore a backup instead")
