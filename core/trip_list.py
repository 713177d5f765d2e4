"""A cadre's own trips as the pages list them: one row each, newest first, with its days,
its report's state and deadline, and, for a removed one, who removed it and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import access, actions, places, policy, reports
from core.periods import count_days
from core.permissions import Actor
from db.models import Account, Cadre, Trip
from db.vocabulary import TripState


@dataclass(frozen=True)
class TripRow:
    id: int
    start_date: dt.date
    end_date: dt.date
    place: str
    province: str
    content_types: tuple[str, ...]
    state: str
    days: int
    report_state: str | None
    questions: tuple[str, ...] = field(default_factory=tuple)
    tags: tuple[str, ...] = ()
    version: int = 1
    report_due: dt.date | None = None  # for trips made: the end date + the policy's deadline
    overdue: bool = False  # made, past the deadline, and no report submitted yet
    cadre_id: int = 0
    ban_id: int = 0  # the ban of the trip (the cadre's at the time)
    removed_at: dt.datetime | None = None  # a removed trip: when, by whom (a name) and why
    removed_by: str = ""
    removed_reason: str = ""


def default_year(trip_years, today: dt.date) -> int:
    """The year a cadre's page opens on: the current one if it has trips, else the latest
    year with trips up to now (the current one when there are none): a trip planned for next
    year does not move the page away from the years whose reports still wait."""
    years = {y for y in trip_years if y <= today.year}
    return today.year if today.year in years or not years else max(years)


def list_for_cadre(
    session: Session, actor: Actor, cadre_id: int, today: dt.date | None = None
) -> list[TripRow]:
    """A cadre's trips, newest first, the removed ones with who removed them and why. Readable
    by the cadre, the own ban's leader and the office leadership."""
    access.load(session, Cadre, cadre_id, actor, actions.TRIP_READ)
    return _rows(session, cadre_id, today or dt.date.today())


def list_to_correct(
    session: Session, actor: Actor, cadre_id: int, today: dt.date | None = None
) -> list[TripRow]:
    """A cadre's trips as list_for_cadre gives them, for whoever may correct or remove any
    trip (the office leadership, an admin: /admin's "Sửa chuyến đi")."""
    access.load(session, Cadre, cadre_id, actor, actions.TRIP_CORRECT)
    return _rows(session, cadre_id, today or dt.date.today())


def _rows(session: Session, cadre_id: int, today: dt.date) -> list[TripRow]:
    trips = session.scalars(
        select(Trip)
        .where(Trip.cadre_id == cadre_id)
        .options(
            selectinload(Trip.place),
            selectinload(Trip.content_types),
            selectinload(Trip.report),
            selectinload(Trip.questions),
        )
        .order_by(Trip.start_date.desc(), Trip.id.desc())
    ).all()
    removed_by = {t.removed_by for t in trips if t.removed_by is not None}
    removers = (
        dict(
            session.execute(select(Account.id, Account.display_name).where(Account.id.in_(removed_by))).all()
        )
        if removed_by
        else {}
    )
    rules: dict[int, policy.YearPolicy] = {}
    rows = []
    for trip in trips:
        year = trip.start_date.year
        if year not in rules:
            rules[year] = policy.for_year(session, year)
        report_state = trip.report.state if trip.report else None
        due = reports.due_date(trip.end_date, rules[year]) if trip.state == TripState.DONE else None
        rows.append(
            TripRow(
                id=trip.id,
                start_date=trip.start_date,
                end_date=trip.end_date,
                place=places.PlaceRow(
                    trip.place.id,
                    trip.place.province,
                    trip.place.district,
                    trip.place.commune,
                    trip.place.host_unit,
                ).label(),
                province=trip.place.province,
                content_types=tuple(sorted(c.content_type for c in trip.content_types)),
                state=trip.state,
                days=count_days(trip.start_date, trip.end_date, rules[year].counting_rule)
                if trip.state == TripState.DONE
                else 0,
                report_state=report_state,
                questions=tuple(q.text for q in trip.questions),
                tags=tuple(trip.tags or ()),
                version=trip.version,
                report_due=due,
                overdue=due is not None and reports.is_overdue(report_state, due, today),
                cadre_id=trip.cadre_id,
                ban_id=trip.ban_id,
                removed_at=trip.removed_at,
                removed_by=removers.get(trip.removed_by, ""),
                removed_reason=trip.removed_reason or "",
            )
        )
    return rows
