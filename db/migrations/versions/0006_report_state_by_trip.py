"""reports' state and date by trip, in one index

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:40:00

The report figures of a window (reports in, overdue) join each trip made in it to its
report's state and sending date. The unique index on trip_id found the report but then read
its row, long texts and all; with the state and the date in the index the join reads the
index only (a year of the bench's office: about a third less).
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trip_reports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_trip_reports_trip_state", ["trip_id", "state", "submitted_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("trip_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_trip_reports_trip_state")
