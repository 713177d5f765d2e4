"""an index of trips by length

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 07:30:00

The trips made that share a day with a window were bounded by the longest trip allowed (a
year): a two-month window read the trips ending up to a year after it. The longest trip
made (core.rollups.longest_trip), read off this index, bounds them instead.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_trips_length", "trips", ["state", "days"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_trips_length", table_name="trips")
