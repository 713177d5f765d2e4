"""the end of its trip kept on each proposal sent

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 06:30:00

A period's proposals (those of the trips that ended in it, and the earlier ones not done yet)
were found by walking the period's trips to their reports: a year of the bench's office is
31,000 trips for 2,500 proposals. Each proposal now keeps its trip's end once its report is
sent (core.reports.mark), indexed by end date and by state.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trip_end", sa.Date(), nullable=True))
    # Filled as core.reports.mark_proposals did when this was written (copied here: a migration
    # keeps its behaviour whatever the application's code becomes): the trip's end once the
    # report is sent, none for a draft's.
    trips = sa.table("trips", sa.column("id", sa.Integer), sa.column("end_date", sa.Date))
    reports = sa.table(
        "trip_reports",
        sa.column("id", sa.Integer),
        sa.column("trip_id", sa.Integer),
        sa.column("state", sa.String),
    )
    proposals = sa.table("proposals", sa.column("report_id", sa.Integer), sa.column("trip_end", sa.Date))
    trip_end = (
        sa.select(trips.c.end_date)
        .join(reports, reports.c.trip_id == trips.c.id)
        .where(reports.c.id == proposals.c.report_id, reports.c.state != "draft")
        .scalar_subquery()
    )
    op.get_bind().execute(sa.update(proposals).values(trip_end=trip_end))
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.create_index("ix_proposals_trip_end", ["trip_end", "state"], unique=False)
        batch_op.create_index("ix_proposals_open", ["state", "trip_end"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index("ix_proposals_open")
        batch_op.drop_index("ix_proposals_trip_end")
        batch_op.drop_column("trip_end")
