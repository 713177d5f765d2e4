"""Figures kept as trips are made: what a year of the dashboards reads, and the trend.

A year of an office holds a third of its trips, and its figures are distinct counts ("who
went" per ban, per content type, per place) that no per-day total sums into: along any index
each costs tens of milliseconds. So every trip made adds itself here, in its own transaction:
per cadre (days), per cadre, ban and content type (trips and days), per place and per
province (trips and cadres), each per calendar year it touches. The dashboards' figures
(core.participation, core.content_mix, core.place_visits) read these for a window that is
exactly a calendar year and the trips themselves for any other window; both give the same
figures (tests/core/test_rollups.py). Two finer grains are kept for any
window: each cadre's days per calendar month (a window's whole months are summed, its days
before and after them read from the trip days), and the trip days of every calendar day
per ban (the year's trend).

The funding of the trips made is kept with the trip days per calendar day and ban, on the
day each trip ends (when its money is settled): a window's spending per ban is a range of
that key, summed (core.funding).

Each made trip adds its counts with upserts, atomic between concurrent writers on PostgreSQL;
a made trip corrected or removed (core.trip_changes) takes its old counts away by the same
statements, and the rows left at nothing go, so the rows are always those `rebuild` would
count. Whether a cadre is new at a place is read from their other trips, written one at a
time (the writer holds the lock on the cadre's row). `rebuild` counts everything again from
the trips.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from dataclasses import dataclass

from sqlalchemy import Date, and_, bindparam, case, delete, func, insert, literal, select, text

from core.periods import MAX_TRIP_DAYS, Window, year_window
from db.models import (
    BanDay,
    CadreMonth,
    CadreYear,
    CadreYearContent,
    Place,
    PlaceYear,
    ProvinceYear,
    Trip,
    TripContentType,
    TripDay,
)
from db.vocabulary import TripState

YEAR_TABLES = (CadreYear, CadreYearContent, PlaceYear, ProvinceYear)
TABLES = (*YEAR_TABLES, CadreMonth, BanDay)


def calendar_year(window: Window) -> int | None:
    """The year when the window is exactly one calendar year (the rows here serve it)."""
    return window.start.year if window == year_window(window.start.year) else None


def whole_months(window: Window) -> tuple[Window | None, list[Window]]:
    """The window's whole calendar months (as one span, None if it holds none) and the days
    before and after them (none, one or two windows)."""
    day = dt.timedelta(days=1)
    first = window.start if window.start.day == 1 else _next_month(window.start)
    last = window.end if (window.end + day).day == 1 else window.end.replace(day=1) - day
    if first > last:
        return None, [window]
    edges = [Window(window.start, first - day)] if first > window.start else []
    if last < window.end:
        edges.append(Window(last + day, window.end))
    return Window(first, last), edges


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def made_in(window: Window, longest: int = MAX_TRIP_DAYS) -> list:
    """Trips made (state done) sharing a day with the window.

    A trip lasts `longest` days at most (`longest_trip`), so one that shares a day with the
    window ends between the window's start and `longest` - 1 days after its end: a bounded
    range of the (state, end date) index instead of every trip that started before the
    window's end."""
    latest_end = window.end + dt.timedelta(days=longest - 1)
    return [
        Trip.state == TripState.DONE,
        Trip.end_date.between(window.start, latest_end),
        Trip.start_date <= window.end,
    ]


def longest_trip(session) -> int:
    """Days of the longest trip made (1 if none), read off the (state, days) index: trips
    are mostly days long, where MAX_TRIP_DAYS would have each window read a year more."""
    return session.scalar(select(func.max(Trip.days)).where(Trip.state == TripState.DONE)) or 1


def days_in(window: Window, workdays: bool):
    """A made trip's counted days inside the window: those it stores when the window holds it
    whole, its day rows counted when it crosses an edge of the window (few trips do)."""
    rows = (
        select(func.count())
        .select_from(TripDay)
        .where(
            TripDay.trip_id == Trip.id,
            TripDay.day.between(window.start, window.end),
            *([TripDay.is_workday.is_(True)] if workdays else []),
        )
    )
    whole = and_(Trip.start_date >= window.start, Trip.end_date <= window.end)
    return case((whole, Trip.workdays if workdays else Trip.days), else_=rows.scalar_subquery())


@dataclass(frozen=True)
class MadeTrip:
    """What the kept figures need of a trip just made."""

    id: int
    cadre_id: int
    ban_id: int
    place_id: int
    province_code: str  # today's province (core.admin_units), what the figures group by
    content_types: tuple[str, ...]
    days: tuple[tuple[dt.date, bool], ...]  # each day, and whether it is a working day
    funding: int = 0  # VND, counted on the day it ends (its last day)


# Whether the cadre counted already at the place, and in the province, in a year: another trip
# of theirs made in it (made_in(year_window(year)), with the year's days as parameters).
_OTHERS = (
    select(Trip.id)
    .join(Place, Place.id == Trip.place_id)
    .where(
        Trip.cadre_id == bindparam("cadre_id"),
        Trip.id != bindparam("trip_id"),
        Trip.state == TripState.DONE,
        Trip.end_date.between(bindparam("first"), bindparam("latest_end")),
        Trip.start_date <= bindparam("last"),
    )
)
_SEEN = select(
    _OTHERS.where(Trip.place_id == bindparam("place_id")).exists(),
    _OTHERS.where(Place.province_code == bindparam("province_code")).exists(),
)


def trip_made(conn, trip: MadeTrip) -> None:
    """Count a trip just made in every row it touches, on the write's connection (a save runs
    some ten of these small statements; the session's bookkeeping for each cost more)."""
    _count(conn, trip, 1)


def trip_unmade(conn, trip: MadeTrip) -> None:
    """Take away what `trip_made` counted for `trip` (a made trip corrected or removed: its
    stored days, place and content types as they were), and the rows left at nothing."""
    _count(conn, trip, -1)
    days = [d for d, _ in trip.days]
    if not days:
        return
    first, last = min(days), max(days)
    emptied = {
        BanDay: (BanDay.ban_id == trip.ban_id, BanDay.day.between(first, last), BanDay.days == 0),
        CadreMonth: (
            CadreMonth.cadre_id == trip.cadre_id,
            CadreMonth.month.between(first.replace(day=1), last),
            CadreMonth.days == 0,
        ),
        CadreYear: (
            CadreYear.cadre_id == trip.cadre_id,
            CadreYear.year.between(first.year, last.year),
            CadreYear.days == 0,
        ),
        CadreYearContent: (
            CadreYearContent.cadre_id == trip.cadre_id,
            CadreYearContent.year.between(first.year, last.year),
            CadreYearContent.trips == 0,
        ),
        PlaceYear: (
            PlaceYear.place_id == trip.place_id,
            PlaceYear.year.between(first.year, last.year),
            PlaceYear.trips == 0,
        ),
        ProvinceYear: (
            ProvinceYear.province_code == trip.province_code,
            ProvinceYear.year.between(first.year, last.year),
            ProvinceYear.trips == 0,
        ),
    }
    for table, where in emptied.items():
        conn.execute(delete(table).where(*where))


def _count(conn, trip: MadeTrip, sign: int) -> None:
    """Add (sign 1) or take away (sign -1) a made trip's counts in every row it touches: one
    rule for both ways, so a trip corrected or removed takes away exactly what it added."""
    last = max((d for d, _ in trip.days), default=None)
    conn.execute(
        _upsert(BanDay.__tablename__, ("day", "ban_id"), ("days", "workdays", "funding_vnd")),
        [
            {
                "day": d,
                "ban_id": trip.ban_id,
                "days": sign,
                "workdays": sign * int(work),
                "funding_vnd": sign * trip.funding if d == last else 0,
            }
            for d, work in trip.days
        ],
    )
    for month, in_month in itertools.groupby(trip.days, key=lambda day: day[0].replace(day=1)):
        works = [work for _, work in in_month]
        _add(
            conn,
            CadreMonth,
            {"month": month, "cadre_id": trip.cadre_id},
            days=sign * len(works),
            workdays=sign * sum(works),
        )
    for year, in_year in itertools.groupby(trip.days, key=lambda day: day[0].year):
        works = [work for _, work in in_year]
        n, work = len(works), sum(works)
        cadre = {"year": year, "cadre_id": trip.cadre_id}
        _add(conn, CadreYear, cadre, days=sign * n, workdays=sign * work)
        for content_type in trip.content_types:
            _add(
                conn,
                CadreYearContent,
                {**cadre, "content_type": content_type, "ban_id": trip.ban_id},
                trips=sign,
                days=sign * n,
                working_trips=sign * int(work > 0),
                workdays=sign * work,
            )
        # The cadre counts at the place (in the province) unless another trip of theirs there
        # in the year counts them too (then the cadre was counted already, and still is once
        # this trip is taken away); their trips are written one at a time (the writer holds
        # the lock on the cadre's row).
        window = year_window(year)
        seen_at_place, seen_in_province = conn.execute(
            _SEEN,
            {
                "cadre_id": trip.cadre_id,
                "trip_id": trip.id,
                "place_id": trip.place_id,
                "province_code": trip.province_code,
                "first": window.start,
                "last": window.end,
                "latest_end": window.end + dt.timedelta(days=MAX_TRIP_DAYS - 1),
            },
        ).one()
        _add(
            conn,
            PlaceYear,
            {"year": year, "place_id": trip.place_id},
            trips=sign,
            cadres=sign * int(not seen_at_place),
        )
        _add(
            conn,
            ProvinceYear,
            {"year": year, "province_code": trip.province_code},
            trips=sign,
            cadres=sign * int(not seen_in_province),
        )


def rebuild(session) -> None:
    """Every row again from the trips (bulk loads, a repair). `session` may be a Session or a
    Connection."""
    rebuild_years(session)
    rebuild_months(session)
    rebuild_ban_days(session)


def rebuild_months(session) -> None:
    """Each cadre's days per calendar month again, from the trip days (a statement per month:
    the same SQL on either engine, where the month of a date is spelled differently)."""
    session.execute(delete(CadreMonth))
    first, last = session.execute(select(func.min(TripDay.day), func.max(TripDay.day))).one()
    month = first.replace(day=1) if first else None
    while month and month <= last:
        end = _next_month(month) - dt.timedelta(days=1)
        session.execute(
            insert(CadreMonth).from_select(
                ["month", "cadre_id", "days", "workdays"],
                select(
                    literal(month, Date),
                    TripDay.cadre_id,
                    func.count(),
                    func.count(case((TripDay.is_workday.is_(True), 1))),
                )
                .where(TripDay.day.between(month, end))
                .group_by(TripDay.cadre_id),
            )
        )
        month = end + dt.timedelta(days=1)


def rebuild_ban_days(session) -> None:
    """The days per calendar day and ban again, from the trip days; and the funding of the
    ban's trips made that ended on the day."""
    session.execute(delete(BanDay))
    funding = (
        select(func.coalesce(func.sum(Trip.funding_vnd), 0))
        .where(Trip.state == TripState.DONE, Trip.end_date == TripDay.day, Trip.ban_id == TripDay.ban_id)
        .scalar_subquery()
    )
    session.execute(
        insert(BanDay).from_select(
            ["day", "ban_id", "days", "workdays", "funding_vnd"],
            select(
                TripDay.day,
                TripDay.ban_id,
                func.count(),
                func.count(case((TripDay.is_workday.is_(True), 1))),
                funding,
            ).group_by(TripDay.day, TripDay.ban_id),
        )
    )


def rebuild_years(session, place_ids: list[int] | None = None) -> None:
    """The rows of every calendar year again, from the trips made in it (only the years of
    the trips at `place_ids`, when given: a place given another province)."""
    query = select(func.min(Trip.start_date), func.max(Trip.end_date)).where(Trip.state == TripState.DONE)
    if place_ids is not None:
        query = query.where(Trip.place_id.in_(place_ids))
    first, last = session.execute(query).one()
    for year in range(first.year, last.year + 1) if first else ():
        _refresh(session, year)


def _refresh(session, year: int) -> None:
    """Every row of the year again, from the trips made in it."""
    window = year_window(year)
    made = (
        select(
            Trip.id.label("trip_id"),
            Trip.cadre_id,
            Trip.ban_id,
            Trip.place_id,
            days_in(window, False).label("days"),
            days_in(window, True).label("workdays"),
        )
        .where(*made_in(window))
        .subquery("made")
    )
    y = literal(year)
    statements = {
        CadreYear: select(y, made.c.cadre_id, func.sum(made.c.days), func.sum(made.c.workdays)).group_by(
            made.c.cadre_id
        ),
        CadreYearContent: select(
            y,
            TripContentType.content_type,
            made.c.ban_id,
            made.c.cadre_id,
            func.count(),
            func.sum(made.c.days),
            func.count(case((made.c.workdays > 0, 1))),
            func.sum(made.c.workdays),
        )
        .join(TripContentType, TripContentType.trip_id == made.c.trip_id)
        .group_by(TripContentType.content_type, made.c.ban_id, made.c.cadre_id),
        PlaceYear: select(
            y, made.c.place_id, func.count(), func.count(func.distinct(made.c.cadre_id))
        ).group_by(made.c.place_id),
        ProvinceYear: select(y, Place.province_code, func.count(), func.count(func.distinct(made.c.cadre_id)))
        .join(Place, Place.id == made.c.place_id)
        .group_by(Place.province_code),
    }
    for table in YEAR_TABLES:
        session.execute(delete(table).where(table.year == year))
        columns = [c.name for c in table.__table__.columns]
        session.execute(insert(table).from_select(columns, statements[table]))


def _add(conn, table, key: dict, **counts) -> None:
    """Add `counts` to the row of `key`, creating it: one statement, atomic on either engine
    (SQLite and PostgreSQL spell an upsert alike)."""
    conn.execute(_upsert(table.__tablename__, tuple(key), tuple(counts)), {**key, **counts})


@functools.cache
def _upsert(name: str, key: tuple[str, ...], counts: tuple[str, ...]):
    # Written out once per shape: a trip's save runs several, and building each as a SQLAlchemy
    # construct cost more than the statement itself.
    columns = key + counts
    return text(
        f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
        + ", ".join(f"{c} = {name}.{c} + excluded.{c}" for c in counts)
    )
