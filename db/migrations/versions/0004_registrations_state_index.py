"""registrations waiting for a leader, in an index of their own

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 19:25:00

The leaders' queue on /progress counts and lists the registrations in state "submitted" at
every rerun; without an index that read every registration of every year (half a second at
50,000 cadres, `make bench` with BENCH_SIZE=large). A partial index holds only the waiting
ones, so it stays small and the planner knows it (nearly every registration ends accepted, which
an index on the state column alone does not tell it).
"""

import sqlalchemy as sa
from alembic import op

WAITING = sa.text("state = 'submitted'")


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_registrations_waiting",
            ["year", "quarter"],
            unique=False,
            sqlite_where=WAITING,
            postgresql_where=WAITING,
        )


def downgrade() -> None:
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_registrations_waiting")
