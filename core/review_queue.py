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
from sqlalchemy.orm import Session

from core import actions
from core.permissions import Actor, CadreRef, can
from core.places import PlaceRow
from db.models import Cadre, Place, Proposal, Registration, Trip, TripQuestion, TripReport
from db.vocabulary import RegistrationState, ReportState, Role, TripState

QUEUE_PAGE = 10  # items of each kind drawn at once; the rest waits behind them


@dataclass(frozen=True)
class Queue:
    items: tuple  # the oldest waiting, at most `limit` of them
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
    trip_id: int = 0  # its files are read by trip (core.attachments)


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
    if actor.has(Role.OFFICE_LEADER):
        return ban_id
    if actor.has(Role.BAN_LEADER) and actor.ban_id is not None:
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


def pending_reports(
    session: Session, actor: Actor, ban_id: int | None = None, limit: int = QUEUE_PAGE
) -> Queue:
    """Reports in state "submitted" the actor may accept or return, oldest sent first."""
    waiting = _reviewable(
        select(TripReport.id)
        .join(Trip, Trip.id == TripReport.trip_id)
        .where(
            TripReport.state == ReportState.SUBMITTED, Trip.state == TripState.DONE
        ),  # not a removed trip's
        actor,
        ban_id,
        Trip.ban_id,
        Trip.cadre_id,
    )
    total = session.scalar(select(func.count()).select_from(waiting.subquery()))
    # Columns of the page's reports in one read, then their questions and proposals in one
    # read each: no object graph to build for a queue the leader reads on every rerun.
    rows = session.execute(
        select(
            TripReport.id,
            TripReport.version,
            TripReport.trip_id,
            TripReport.submitted_at,
            TripReport.findings,
            TripReport.good_models,
            TripReport.difficulties,
            Trip.cadre_id,
            Trip.ban_id,
            Trip.start_date,
            Trip.end_date,
            Cadre.full_name,
            Place.id.label("place_id"),
            Place.province,
            Place.district,
            Place.commune,
            Place.host_unit,
        )
        .join(Trip, Trip.id == TripReport.trip_id)
        .join(Cadre, Cadre.id == Trip.cadre_id)
        .join(Place, Place.id == Trip.place_id)
        .where(TripReport.id.in_(waiting.scalar_subquery()))
        .order_by(TripReport.submitted_at, TripReport.id)
        .limit(limit)
    ).all()
    # The rule itself, asked once more for every item shown.
    rows = [r for r in rows if can(actor, actions.REPORT_REVIEW, CadreRef(r.cadre_id, r.ban_id))]
    questions: dict[int, list[tuple[str, str]]] = {}
    for trip_id, text, answer in session.execute(
        select(TripQuestion.trip_id, TripQuestion.text, TripQuestion.answer)
        .where(TripQuestion.trip_id.in_([r.trip_id for r in rows]))
        .order_by(TripQuestion.trip_id, TripQuestion.position, TripQuestion.id)
    ):
        questions.setdefault(trip_id, []).append((text, answer))
    proposals: dict[int, list[str]] = {}
    for report_id, text in session.execute(
        select(Proposal.report_id, Proposal.text)
        .where(Proposal.report_id.in_([r.id for r in rows]))
        .order_by(Proposal.report_id, Proposal.id)
    ):
        proposals.setdefault(report_id, []).append(text)
    return Queue(
        tuple(
            PendingReport(
                r.id,
                r.version,
                r.full_name,
                r.start_date,
                r.end_date,
                PlaceRow(r.place_id, r.province, r.district, r.commune, r.host_unit).label(),
                r.submitted_at,
                r.findings,
                r.good_models,
                r.difficulties,
                tuple(proposals.get(r.id, ())),
                tuple(questions.get(r.trip_id, ())),
                r.trip_id,
            )
            for r in rows
        ),
        total,
    )


def pending_registrations(
    session: Session, actor: Actor, ban_id: int | None = None, limit: int = QUEUE_PAGE
) -> Queue:
    """Registrations in state "submitted" the actor may accept, by quarter then name."""
    query = _reviewable(
        select(Registration, Cadre)
        .join(Cadre, Cadre.id == Registration.cadre_id)
        .where(Registration.state == RegistrationState.SUBMITTED),
        actor,
        ban_id,
        Cadre.ban_id,
        Cadre.id,
    )
    total = session.scalar(
        select(func.count()).select_from(query.with_only_columns(Registration.id).subquery())
    )
    rows = session.execute(
        query.order_by(Registration.year, Registration.quarter, Cadre.full_name, Registration.id).limit(limit)
    )
    return Queue(
        tuple(
            PendingRegistration(
                reg.id,
                reg.version,
                cadre.full_name,
                reg.year,
                reg.quarter,
                reg.planned_days,
                reg.places,
                tuple(reg.content_types or ()),
                reg.questions,
            )
            for reg, cadre in rows
            if can(actor, actions.REGISTRATION_ACCEPT, CadreRef(cadre.id, cadre.ban_id))
        ),
        total,
    )
