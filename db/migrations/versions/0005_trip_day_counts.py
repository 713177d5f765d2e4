"""each trip's counted days stored with it

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:35:00

The content of the trips per type and ban summed each trip's day rows inside the window
before joining its content types: a year of a large office groups a third of all trip days
(1.2 million at 50,000 cadres) on every read. A trip wholly inside the window counts all of
its days, so the trip keeps those counts (core.trips writes them with the day
rows) and only the trips across the window's edges are counted day by day. The index of
trips made carries the two counts, so the read stays on the index.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MADE = ["state", "end_date", "start_date", "place_id", "ban_id", "cadre_id"]


def upgrade() -> None:
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.add_column(sa.Column("days", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("workdays", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        "UPDATE trips SET days = (SELECT count(*) FROM trip_days WHERE trip_days.trip_id = trips.id), "
        "workdays = (SELECT count(*) FROM trip_days WHERE trip_days.trip_id = trips.id "
        "AND trip_days.is_workday)"
    )
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.drop_index("ix_trips_made")
        batch_op.create_index("ix_trips_made", [*MADE, "days", "workdays"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trips", schema=None) as batch_op:
        batch_op.drop_index("ix_trips_made")
        batch_op.create_index("ix_trips_made", MADE, unique=False)
        batch_op.drop_column("workdays")
        batch_op.drop_column("days")
