"""each cadre's days kept per calendar month

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 07:10:00

"Who went" and each cadre's days in a window (a quarter, a meeting's two months) grouped the
window's trip days by cadre on every read: 20,000 rows for two months of the bench's office.
These rows hold each cadre's days per calendar month, kept by core.rollups as each trip is
made; here they are counted once for the trips already stored.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cadre_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), sa.ForeignKey("cadres.id"), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "cadre_id"),
        sqlite_with_rowid=False,  # stored in key order: a range is read without lookups
    )
    # Counted as core.rollups.rebuild_months did when this was written (copied here: a migration
    # keeps its behaviour whatever the application's code becomes): a statement per month, the
    # same SQL on either engine, where the month of a date is spelled differently.
    trip_days = sa.table(
        "trip_days",
        sa.column("day", sa.Date),
        sa.column("cadre_id", sa.Integer),
        sa.column("is_workday", sa.Boolean),
    )
    cadre_months = sa.table(
        "cadre_months",
        sa.column("month", sa.Date),
        sa.column("cadre_id", sa.Integer),
        sa.column("days", sa.Integer),
        sa.column("workdays", sa.Integer),
    )
    conn = op.get_bind()
    conn.execute(sa.delete(cadre_months))
    first, last = conn.execute(sa.select(sa.func.min(trip_days.c.day), sa.func.max(trip_days.c.day))).one()
    month = first.replace(day=1) if first else None
    while month and month <= last:
        end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        conn.execute(
            sa.insert(cadre_months).from_select(
                ["month", "cadre_id", "days", "workdays"],
                sa.select(
                    sa.literal(month, sa.Date),
                    trip_days.c.cadre_id,
                    sa.func.count(),
                    sa.func.count(sa.case((trip_days.c.is_workday.is_(True), 1))),
                )
                .where(trip_days.c.day.between(month, end))
                .group_by(trip_days.c.cadre_id),
            )
        )
        month = end + dt.timedelta(days=1)


def downgrade() -> None:
    op.drop_table("cadre_months")
