"""What waits for a leader's decision: reports sent for review and quarterly registrations
not yet accepted, for the cadres the leader may review (the own ban, or every ban for the
office leadership; never the leader's own work). The decisions themselves are
`core.reports.review` and `core.registrations.accept`.

A queue is read a page at a time: the oldest `limit` items and the count of all of them, so
that an office with hundreds of reports waiting still draws a page in milliseconds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from core.permissions import Actor, CadreRef, can
from core.places import PlaceRow
from db.models import Cadre, Registration, Trip, TripReport


QUEUE_PAGE = 10  # items of each kind drawn at once; the rest waits behind them


@dataclass(frozen=True)
class Queue:
    items: list  # the oldest waiting, at most `limit` of them
    total: int  # all that wait for this leader

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class PendingReport:
    report_id: int
    version: int
    cadre_name: str
    start_date: dt.date
    end_date: dt.date
    place: str
    submitted_at: dt.datetime | None
    findings: str
    good_models: str
    difficulties: str
    proposals: tuple[str, ...]
    questions: tuple[tuple[str, str], ...]  # (question, answer)


@dataclass(frozen=True)
class PendingRegistration:
    registration_id: int
    version: int
    cadre_name: str
    year: int
    quarter: int
    planned_days: int
    places: str
    content_types: tuple[str, ...]
    questions: str


def _scope(actor: Actor, ban_id: int | None):
    """The ban to look in: a ban leader only ever looks in the own ban."""
    if actor.has("office_leader"):
        return ban_id
    if actor.has("ban_leader") and actor.ban_id is not None:
        return actor.ban_id
    return -1  # nobody's


def _reviewable(query, actor: Actor, ban_id: int | None, ban_column, cadre_column):
    """Only the cadres the actor may decide for (core.permissions: the own ban, or every ban
    for the office leadership; never the actor's own work), in SQL so that counts and pages agree."""
    scope = _scope(actor, ban_id)
    if scope is not None:
        query = query.where(ban_column == scope)
    if actor.cadre_id is not None:
        query = query.where(cadre_column != actor.cadre_id)
    return query


def pending_reports(session: Session, actor: Actor, ban_id: int | None = None,
                    limit: int = QUEUE_PAGE) -> Queue:
    """Reports in state "submitted" the actor may accept or return, oldest sent first."""
    waiting = _reviewable(
        select(TripReport.id).join(Trip, Trip.id == TripReport.trip_id).where(TripReport.state == "submitted"),
        actor, ban_id, Trip.ban_id, Trip.cadre_id)
    total = session.scalar(select(func.count()).select_from(waiting.subquery()))
    query = (
        select(TripReport)
        .where(TripReport.id.in_(waiting.scalar_subquery()))
        .options(selectinload(TripReport.trip).selectinload(Trip.place),
                 selectinload(TripReport.trip).selectinload(Trip.cadre),
                 selectinload(TripReport.trip).selectinload(Trip.questions),
                 selectinload(TripReport.proposals))
        .order_by(TripReport.submitted_at, TripReport.id)
        .limit(limit)
    )
    out = []
    for report in session.scalars(query):
        trip = report.trip
        if not can(actor, "report.review", CadreRef(trip.cadre_id, trip.ban_id)):
            continue  # the rule itself, asked once more for every item shown
        place = trip.place
        out.append(PendingReport(
            report.id, report.version, trip.cadre.full_name, trip.start_date, trip.end_date,
            PlaceRow(place.id, place.province, place.district, place.commune, place.host_unit).label(),
            report.submitted_at, report.findings, report.good_models, report.difficulties,
            tuple(p.text for p in report.proposals),
            tuple((q.text, q.answer) for q in trip.questions),
        ))
    return Queue(out, total)


def pending_registrations(session: Session, actor: Actor, ban_id: int | None = None,
                          limit: int = QUEUE_PAGE) -> Queue:
    """Registrations in state "submitted" the actor may accept, by quarter then name."""
    query = _reviewable(
        select(Registration, Cadre).join(Cadre, Cadre.id == Registration.cadre_id)
        .where(Registration.state == "submitted"),
        actor, ban_id, Cadre.ban_id, Cadre.id)
    total = session.scalar(select(func.count()).select_from(query.with_only_columns(Registration.id).subquery()))
    rows = session.execute(query.order_by(Registration.year, Registration.quarter, Cadre.full_name,
                                          Registration.id).limit(limit))
    return Queue([
        PendingRegistration(reg.id, reg.version, cadre.full_name, reg.year, reg.quarter,
                            reg.planned_days, reg.places, tuple(reg.content_types or ()), reg.questions)
        for reg, cadre in rows
        if can(actor, "registration.accept", CadreRef(cadre.id, cadre.ban_id))
    ], total)
