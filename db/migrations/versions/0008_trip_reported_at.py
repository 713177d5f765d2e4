"""when each trip's report came in, kept on the trip

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 23:30:00

The report figures of a window (reports in, overdue) joined every trip made in it to its
report: a year of the bench's office is 31,000 lookups. The trip now keeps when its report
was sent, while the report counts as in (core.reports.mark_trip); the index of trips made
carries it, so those figures read that index alone.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

MADE = ["state", "end_date", "start_date", "place_id", "ban_id", "cadre_id", "days", "workdays"]


def upgrade() -> None:
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reported_at", sa.DateTime(), nullable=True))
    # Filled as core.reports.mark_trips did when this was written (copied here: a migration keeps
    # its behaviour whatever the application's code becomes). A report is in once submitted
    # or accepted.
    trips = sa.table("trips", sa.column("id", sa.Integer), sa.column("reported_at", sa.DateTime))
    reports = sa.table(
        "trip_reports",
        sa.column("trip_id", sa.Integer),
        sa.column("state", sa.String),
        sa.column("submitted_at", sa.DateTime),
    )
    came_in = (
        sa.select(reports.c.submitted_at)
        .where(reports.c.trip_id == trips.c.id, reports.c.state.in_(("submitted", "accepted")))
        .scalar_subquery()
    )
    op.get_bind().execute(sa.update(trips).values(reported_at=came_in))
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.drop_index("ix_trips_made")
        batch_op.create_index("ix_trips_made", [*MADE, "reported_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.drop_index("ix_trips_made")
        batch_op.create_index("ix_trips_made", MADE, unique=False)
        batch_op.drop_column("reported_at")
