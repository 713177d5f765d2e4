"""a calendar year's figures kept per cadre and per place

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:05:00

A year of the dashboards grouped a third of all trips into distinct counts on every read
(who went per ban, content type, place and province). These tables hold a year's figures per
cadre (days; trips and days per ban and content type) and per place and province (trips and
cadres), kept by core.rollups as each trip is made; here they are counted once for the trips
already stored, by the statements core.rollups.rebuild_years ran when this was written
(copied here: a migration keeps its behaviour whatever the application's code becomes).
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cadre_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), sa.ForeignKey("cadres.id"), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "cadre_id"),
    )
    op.create_table(
        "cadre_year_contents",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("ban_id", sa.Integer(), sa.ForeignKey("bans.id"), nullable=False),
        sa.Column("cadre_id", sa.Integer(), sa.ForeignKey("cadres.id"), nullable=False),
        sa.Column("trips", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("working_trips", sa.Integer(), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "content_type", "ban_id", "cadre_id"),
    )
    op.create_table(
        "place_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), sa.ForeignKey("places.id"), nullable=False),
        sa.Column("trips", sa.Integer(), nullable=False),
        sa.Column("cadres", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "place_id"),
    )
    op.create_table(
        "province_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("province", sa.String(length=100), nullable=False),
        sa.Column("trips", sa.Integer(), nullable=False),
        sa.Column("cadres", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "province"),
    )
    _count_years(op.get_bind())


def downgrade() -> None:
    for table in ("province_years", "place_years", "cadre_year_contents", "cadre_years"):
        op.drop_table(table)


# The tables as this migration reads and writes them.
TRIPS = sa.table(
    "trips",
    sa.column("id", sa.Integer),
    sa.column("cadre_id", sa.Integer),
    sa.column("ban_id", sa.Integer),
    sa.column("place_id", sa.Integer),
    sa.column("start_date", sa.Date),
    sa.column("end_date", sa.Date),
    sa.column("state", sa.String),
    sa.column("days", sa.Integer),
    sa.column("workdays", sa.Integer),
)
TRIP_DAYS = sa.table(
    "trip_days",
    sa.column("trip_id", sa.Integer),
    sa.column("day", sa.Date),
    sa.column("is_workday", sa.Boolean),
)
TRIP_CONTENT_TYPES = sa.table(
    "trip_content_types", sa.column("trip_id", sa.Integer), sa.column("content_type", sa.String)
)
PLACES = sa.table("places", sa.column("id", sa.Integer), sa.column("province", sa.String))
YEAR_TABLES = {
    "cadre_years": ("year", "cadre_id", "days", "workdays"),
    "cadre_year_contents": (
        "year",
        "content_type",
        "ban_id",
        "cadre_id",
        "trips",
        "days",
        "working_trips",
        "workdays",
    ),
    "place_years": ("year", "place_id", "trips", "cadres"),
    "province_years": ("year", "province", "trips", "cadres"),
}
MAX_TRIP_DAYS = 367  # a trip lasts a year at most


def _count_years(conn) -> None:
    """The rows of every calendar year, from the trips made in it."""
    first, last = conn.execute(
        sa.select(sa.func.min(TRIPS.c.start_date), sa.func.max(TRIPS.c.end_date)).where(
            TRIPS.c.state == "done"
        )
    ).one()
    for year in range(first.year, last.year + 1) if first else ():
        _count_year(conn, year)


def _days_in(start: dt.date, end: dt.date, workdays: bool):
    """A made trip's counted days inside the window: those it stores when the window holds it
    whole, its day rows counted when it crosses an edge of the window."""
    rows = (
        sa.select(sa.func.count())
        .select_from(TRIP_DAYS)
        .where(
            TRIP_DAYS.c.trip_id == TRIPS.c.id,
            TRIP_DAYS.c.day.between(start, end),
            *([TRIP_DAYS.c.is_workday.is_(True)] if workdays else []),
        )
    )
    whole = sa.and_(TRIPS.c.start_date >= start, TRIPS.c.end_date <= end)
    return sa.case((whole, TRIPS.c.workdays if workdays else TRIPS.c.days), else_=rows.scalar_subquery())


def _count_year(conn, year: int) -> None:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    made = (
        sa.select(
            TRIPS.c.id.label("trip_id"),
            TRIPS.c.cadre_id,
            TRIPS.c.ban_id,
            TRIPS.c.place_id,
            _days_in(start, end, False).label("days"),
            _days_in(start, end, True).label("workdays"),
        )
        .where(
            TRIPS.c.state == "done",
            TRIPS.c.end_date.between(start, end + dt.timedelta(days=MAX_TRIP_DAYS - 1)),
            TRIPS.c.start_date <= end,
        )
        .subquery("made")
    )
    y = sa.literal(year)
    statements = {
        "cadre_years": sa.select(
            y, made.c.cadre_id, sa.func.sum(made.c.days), sa.func.sum(made.c.workdays)
        ).group_by(made.c.cadre_id),
        "cadre_year_contents": sa.select(
            y,
            TRIP_CONTENT_TYPES.c.content_type,
            made.c.ban_id,
            made.c.cadre_id,
            sa.func.count(),
            sa.func.sum(made.c.days),
            sa.func.count(sa.case((made.c.workdays > 0, 1))),
            sa.func.sum(made.c.workdays),
        )
        .join(TRIP_CONTENT_TYPES, TRIP_CONTENT_TYPES.c.trip_id == made.c.trip_id)
        .group_by(TRIP_CONTENT_TYPES.c.content_type, made.c.ban_id, made.c.cadre_id),
        "place_years": sa.select(
            y, made.c.place_id, sa.func.count(), sa.func.count(sa.func.distinct(made.c.cadre_id))
        ).group_by(made.c.place_id),
        "province_years": sa.select(
            y, PLACES.c.province, sa.func.count(), sa.func.count(sa.func.distinct(made.c.cadre_id))
        )
        .join(PLACES, PLACES.c.id == made.c.place_id)
        .group_by(PLACES.c.province),
    }
    for name, columns in YEAR_TABLES.items():
        table = sa.table(name, sa.column("year", sa.Integer), *(sa.column(c) for c in columns[1:]))
        conn.execute(sa.delete(table).where(table.c.year == year))
        conn.execute(sa.insert(table).from_select(list(columns), statements[name]))
