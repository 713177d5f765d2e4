"""A cadre's own work: the reports due, overdue or returned, the coming quarter not yet
registered, the planned trips whose dates have passed; of one cadre (the page) or of every
cadre (the reminders).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, not_, or_, select
from sqlalchemy.orm import Session

from core import policy
from core.participation import subject_cadres
from core.periods import quarter_of, quarter_window
from core.todo.item import DUE_SOON_DAYS, REGISTRATION_NOTICE_DAYS, Item, Kind, _tomorrow
from db.models import Cadre, Place, Registration, Trip, TripReport
from db.vocabulary import ReportState, TripState


def _deadline(session: Session, cache: dict[int, int], year: int) -> int:
    """The days a report is due after its trip, by the policy of the year the trip started (as
    core.trips dates it); `cache` keeps each year's."""
    if year not in cache:
        cache[year] = policy.for_year(session, year).report_deadline_days
    return cache[year]


def _place(province: str, host_unit: str) -> str:
    return (
        f"{host_unit}, {province}"
        if host_unit and province and host_unit != province
        else host_unit or province
    )


def _reports(
    session: Session, today: dt.date, cadre_id: int | None, since: dt.date | None
) -> list[tuple[int, Item]]:
    """The reports of trips made up to today that are not in as of today: due soon, overdue,
    or returned. Read along the cadre's trips (one cadre) or the trips made that ended since
    `since` (every cadre): a trip whose report came in (`reported_at`) is left out on the index."""
    tomorrow = _tomorrow(today)
    query = (
        select(
            Trip.id,
            Trip.cadre_id,
            Trip.start_date,
            Trip.end_date,
            Place.province,
            Place.host_unit,
            TripReport.id.label("report_id"),
            TripReport.state,
            TripReport.submitted_at,
            TripReport.version,
            TripReport.return_reason,
        )
        .join(Place, Place.id == Trip.place_id)
        .outerjoin(TripReport, TripReport.trip_id == Trip.id)
        .where(
            Trip.state == TripState.DONE,
            Trip.end_date <= today,
            or_(Trip.reported_at.is_(None), Trip.reported_at >= tomorrow),
        )
    )
    if cadre_id is not None:
        query = query.where(Trip.cadre_id == cadre_id)
    if since is not None:
        query = query.where(Trip.end_date >= since)
    deadlines: dict[int, int] = {}
    out = []
    for r in session.execute(query):
        sent_later = r.submitted_at is not None and r.submitted_at >= tomorrow
        state = None if sent_later else r.state
        due = r.end_date + dt.timedelta(days=_deadline(session, deadlines, r.start_date.year))
        where = _place(r.province, r.host_unit)
        query_string = (("year", str(r.start_date.year)), ("tab", "report"), ("trip", str(r.id)))
        facts = (("start", r.start_date), ("end", r.end_date), ("place", where))
        if state == ReportState.RETURNED:
            reason = (r.return_reason or "").strip()
            out.append(
                (
                    r.cadre_id,
                    Item(
                        Kind.REPORT_RETURNED,
                        r.report_id,
                        f"v{r.version}",
                        due,
                        "visits",
                        query_string,
                        facts + (("reason", reason[:300]),),
                    ),
                )
            )
        elif state in (None, ReportState.DRAFT):
            if due < today:
                out.append(
                    (
                        r.cadre_id,
                        Item(Kind.REPORT_OVERDUE, r.id, "overdue", due, "visits", query_string, facts),
                    )
                )
            elif due <= today + dt.timedelta(days=DUE_SOON_DAYS):
                out.append(
                    (r.cadre_id, Item(Kind.REPORT_DUE, r.id, "soon", due, "visits", query_string, facts))
                )
    return out


def _planned_passed(
    session: Session, today: dt.date, cadre_id: int | None, since: dt.date | None
) -> list[tuple[int, Item]]:
    """Planned trips whose last day is past: made (mark done) or not (cancel)."""
    query = (
        select(Trip.id, Trip.cadre_id, Trip.start_date, Trip.end_date, Place.province, Place.host_unit)
        .join(Place, Place.id == Trip.place_id)
        .where(Trip.state == TripState.PLANNED, Trip.end_date < today)
    )
    if cadre_id is not None:
        query = query.where(Trip.cadre_id == cadre_id)
    if since is not None:
        query = query.where(Trip.end_date >= since)
    return [
        (
            r.cadre_id,
            Item(
                Kind.TRIP_PASSED,
                r.id,
                "passed",
                r.end_date,
                "visits",
                (("year", str(r.start_date.year)), ("trip", str(r.id))),
                (("start", r.start_date), ("end", r.end_date), ("place", _place(r.province, r.host_unit))),
            ),
        )
        for r in session.execute(query)
    ]


def coming_quarter(today: dt.date) -> tuple[int, int] | None:
    """The quarter after today's, once today is within REGISTRATION_NOTICE_DAYS of its start."""
    q = quarter_of(today)
    year, quarter = (today.year + 1, 1) if q == 4 else (today.year, q + 1)
    start = quarter_window(year, quarter).start
    return (year, quarter) if today >= start - dt.timedelta(days=REGISTRATION_NOTICE_DAYS) else None


def _unregistered(session: Session, today: dt.date, cadre_id: int | None) -> list[tuple[int, Item]]:
    """Cadres subject to 1+2 in the coming quarter with no registration for it yet."""
    coming = coming_quarter(today)
    if coming is None:
        return []
    year, quarter = coming
    window = quarter_window(year, quarter)
    registered = exists().where(
        Registration.year == year, Registration.cadre_id == Cadre.id, Registration.quarter == quarter
    )
    query = select(Cadre.id).where(subject_cadres(window), Cadre.active.is_(True), not_(registered))
    if cadre_id is not None:
        query = query.where(Cadre.id == cadre_id)
    item = Item(
        Kind.REGISTRATION_MISSING,
        year * 10 + quarter,
        "notice",
        window.start,
        "visits",
        (("year", str(year)), ("tab", "registration")),
        (("year", year), ("quarter", quarter)),
    )
    return [(c, item) for c in session.scalars(query)]


def own_work(
    session: Session, today: dt.date, cadre_id: int | None = None, since: dt.date | None = None
) -> list[tuple[int, Item]]:
    """(cadre id, item) of the own work waiting: of one cadre, or of every cadre (for the
    reminders, bounded to what fell due since `since`)."""
    ended_since = None
    if since is not None:
        # A report falls due a policy's deadline after its trip: the longest deadline of the years
        # concerned bounds how far back the trips are read.
        longest = max(
            policy.for_year(session, y).report_deadline_days for y in {since.year - 1, since.year, today.year}
        )
        ended_since = since - dt.timedelta(days=longest)
    items = (
        _reports(session, today, cadre_id, ended_since)
        + _planned_passed(session, today, cadre_id, since)
        + _unregistered(session, today, cadre_id)
    )
    if since is not None:
        items = [(c, i) for c, i in items if i.date >= since or i.kind == Kind.REGISTRATION_MISSING]
    return items
