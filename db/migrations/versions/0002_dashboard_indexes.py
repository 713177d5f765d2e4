"""indexes for the dashboards at scale

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:55:00

Measured by `make bench` (docs/performance.md): the dashboards read trip days by date window
and need the trip of each day (content mix, places), a cadre's own days (progress of one
cadre), and trips made by end date (report figures).
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trip_days", schema=None) as batch_op:
        batch_op.create_index(
            "ix_trip_days_day_trip", ["day", "trip_id", "cadre_id", "ban_id", "is_workday"], unique=False
        )
        batch_op.create_index("ix_trip_days_cadre_day", ["cadre_id", "day", "is_workday"], unique=False)
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.create_index("ix_trips_state_end", ["state", "end_date", "ban_id", "cadre_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.drop_index("ix_trips_state_end")
    with op.batch_alter_table("trip_days", schema=None) as batch_op:
        batch_op.drop_index("ix_trip_days_cadre_day")
        batch_op.drop_index("ix_trip_days_day_trip")
