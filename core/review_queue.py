"""What waits for a leader's decision: reports sent for review and quarterly registrations
not yet accepted, for the cadres the leader may review (the own ban, or every ban for the
office leadership; never the leader's own work). The decisions themselves are
`core.reports.review` and `core.registrations.accept`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.permissions import Actor, CadreRef, can
from core.places import PlaceRow
from db.models import Cadre, Registration, Trip, TripReport


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
    return actor.ban_id if actor.has("ban_leader") else -1


def pending_reports(session: Session, actor: Actor, ban_id: int | None = None) -> list[PendingReport]:
    """Reports in state "submitted" the actor may accept or return, oldest sent first."""
    query = (
        select(TripReport)
        .join(Trip, Trip.id == TripReport.trip_id)
        .where(TripReport.state == "submitted")
        .options(selectinload(TripReport.trip).selectinload(Trip.place),
                 selectinload(TripReport.trip).selectinload(Trip.cadre),
                 selectinload(TripReport.trip).selectinload(Trip.questions),
                 selectinload(TripReport.proposals))
        .order_by(TripReport.submitted_at, TripReport.id)
    )
    scope = _scope(actor, ban_id)
    if scope is not None:
        query = query.where(Trip.ban_id == scope)
    out = []
    for report in session.scalars(query):
        trip = report.trip
        if not can(actor, "report.review", CadreRef(trip.cadre_id, trip.ban_id)):
            continue
        place = trip.place
        out.append(PendingReport(
            report.id, report.version, trip.cadre.full_name, trip.start_date, trip.end_date,
            PlaceRow(place.id, place.province, place.district, place.commune, place.host_unit).label(),
            report.submitted_at, report.findings, report.good_models, report.difficulties,
            tuple(p.text for p in report.proposals),
            tuple((q.text, q.answer) for q in trip.questions),
        ))
    return out


def pending_registrations(session: Session, actor: Actor, ban_id: int | None = None) -> list[PendingRegistration]:
    """Registrations in state "submitted" the actor may accept, by quarter then name."""
    query = (
        select(Registration, Cadre)
        .join(Cadre, Cadre.id == Registration.cadre_id)
        .where(Registration.state == "submitted")
        .order_by(Registration.year, Registration.quarter, Cadre.full_name)
    )
    scope = _scope(actor, ban_id)
    if scope is not None:
        query = query.where(Cadre.ban_id == scope)
    return [
        PendingRegistration(reg.id, reg.version, cadre.full_name, reg.year, reg.quarter,
                            reg.planned_days, reg.places, tuple(reg.content_types or ()), reg.questions)
        for reg, cadre in session.execute(query)
        if can(actor, "registration.accept", CadreRef(cadre.id, cadre.ban_id))
    ]
