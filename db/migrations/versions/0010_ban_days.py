"""trip days kept per calendar day and ban

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 06:40:00

The year's trend on /progress grouped every trip day of the counting year by date (119,000
rows for the bench's office) on each read, for two months as for a year. These rows hold the
days per calendar day and ban, kept by core.rollups as each trip is made; here they are
counted once for the trips already stored.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ban_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("ban_id", sa.Integer(), sa.ForeignKey("bans.id"), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "ban_id"),
        sqlite_with_rowid=False,  # stored in key order: a range is read without lookups
    )
    # Counted as core.rollups.rebuild_ban_days did when this was written (copied here: a
    # migration keeps its behaviour whatever the application's code becomes).
    trip_days = sa.table(
        "trip_days",
        sa.column("day", sa.Date),
        sa.column("ban_id", sa.Integer),
        sa.column("is_workday", sa.Boolean),
    )
    ban_days = sa.table(
        "ban_days",
        sa.column("day", sa.Date),
        sa.column("ban_id", sa.Integer),
        sa.column("days", sa.Integer),
        sa.column("workdays", sa.Integer),
    )
    conn = op.get_bind()
    conn.execute(sa.delete(ban_days))
    conn.execute(
        sa.insert(ban_days).from_select(
            ["day", "ban_id", "days", "workdays"],
            sa.select(
                trip_days.c.day,
                trip_days.c.ban_id,
                sa.func.count(),
                sa.func.count(sa.case((trip_days.c.is_workday.is_(True), 1))),
            ).group_by(trip_days.c.day, trip_days.c.ban_id),
        )
    )


def downgrade() -> None:
    op.drop_table("ban_days")
