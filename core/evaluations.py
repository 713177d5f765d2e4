"""Yearly evaluations of each cadre's grassroots work (đánh giá, nhận xét).

An evaluation moves through a small state machine:

    open ──propose──▶ proposed ──confirm──▶ confirmed (locked)
      └────────────confirm────────────────▶     │
                      proposed ◀──reopen────────┘

A ban leader proposes a rating for the own ban's cadres; the office leader confirms it or
changes it, which locks it; only the office leader can reopen a locked one. Every change is
an audit entry on the table "evaluations", which is the history shown on the page. Edits use
optimistic locking on `version`: a leader who saved on a stale read gets a Conflict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Date, and_, case, cast, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import access, actions, audit, limits, participation, policy
from core.errors import Conflict, FieldError, ValidationError
from core.permissions import Actor, require
from core.targets import prorated_target
from core.text import clean
from db.models import (
    AuditEntry,
    Cadre,
    Evaluation,
    Exemption,
    Proposal,
    Trip,
    TripContentType,
    TripQuestion,
    TripReport,
)
from db.vocabulary import RATINGS, EvaluationState, Role, TripState

# (state, action) -> next state. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (EvaluationState.OPEN, "propose"): EvaluationState.PROPOSED,
    (EvaluationState.PROPOSED, "propose"): EvaluationState.PROPOSED,
    (EvaluationState.OPEN, "confirm"): EvaluationState.CONFIRMED,
    (EvaluationState.PROPOSED, "confirm"): EvaluationState.CONFIRMED,
    (EvaluationState.CONFIRMED, "reopen"): EvaluationState.PROPOSED,
}
PERMISSION_OF = {
    "propose": actions.EVALUATION_PROPOSE,
    "confirm": actions.EVALUATION_CONFIRM,
    "reopen": actions.EVALUATION_CONFIRM,
}
MAX_COMMENT = limits.TEXT  # what the page's text area takes (core.limits declares it)


def state_of(ev: Evaluation | None) -> str:
    if ev is None:
        return EvaluationState.OPEN
    if ev.locked:
        return EvaluationState.CONFIRMED
    return EvaluationState.PROPOSED if ev.proposed_rating else EvaluationState.OPEN


# --- The fact sheet: what the data says about each cadre's year ------------------------------


@dataclass(frozen=True)
class EvaluationRow:
    cadre_id: int
    code: str
    full_name: str
    ban_id: int
    position: str
    days: int
    target_days: int
    trips: int
    content_types: int  # of the four content types of Guideline 03, how many were covered
    reports_on_time: int
    reports_late: int
    reports_missing: int  # trips with no report submitted yet
    questions_answered: int
    questions: int
    proposals: int
    state: str
    comment: str
    proposed_rating: str | None
    final_rating: str | None
    version: int | None  # None: no evaluation row yet

    @property
    def locked(self) -> bool:
        return self.state == EvaluationState.CONFIRMED

    @property
    def rating(self) -> str | None:
        return self.final_rating or self.proposed_rating


def _days_after(session: Session, later, earlier):
    """SQL: whole days from the date `earlier` to the date of the timestamp `later`."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(func.date(later)) - func.julianday(earlier)
    return cast(later, Date) - earlier


def _per_cadre(session: Session, query) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in session.execute(query)}


def _facts(session: Session, year_policy: policy.YearPolicy, ban_id: int | None) -> dict[str, dict]:
    """Per-cadre aggregates of the year's trips made: each one GROUP BY cadre_id."""
    window = year_policy.counting_window
    trips = select(Trip.id, Trip.cadre_id, Trip.end_date).where(
        Trip.state == TripState.DONE, Trip.start_date.between(window.start, window.end)
    )
    if ban_id is not None:
        trips = trips.where(Trip.ban_id == ban_id)
    trips = trips.subquery("year_trips")
    deadline = year_policy.report_deadline_days
    delay = _days_after(session, TripReport.submitted_at, trips.c.end_date)
    submitted = TripReport.submitted_at.is_not(None)
    return {
        "content": _per_cadre(
            session,
            select(trips.c.cadre_id, func.count(func.distinct(TripContentType.content_type)))
            .join(TripContentType, TripContentType.trip_id == trips.c.id)
            .group_by(trips.c.cadre_id),
        ),
        "reports": _per_cadre(
            session,
            select(
                trips.c.cadre_id,
                func.sum(case((and_(submitted, delay <= deadline), 1), else_=0)),
                func.sum(case((and_(submitted, delay > deadline), 1), else_=0)),
                func.sum(case((submitted, 0), else_=1)),
            )
            .outerjoin(TripReport, TripReport.trip_id == trips.c.id)
            .group_by(trips.c.cadre_id),
        ),
        "questions": _per_cadre(
            session,
            select(
                trips.c.cadre_id,
                func.sum(case((func.length(func.trim(TripQuestion.answer)) > 0, 1), else_=0)),
                func.count(),
            )
            .join(TripQuestion, TripQuestion.trip_id == trips.c.id)
            .group_by(trips.c.cadre_id),
        ),
        "proposals": _per_cadre(
            session,
            select(trips.c.cadre_id, func.count(Proposal.id))
            .join(TripReport, TripReport.trip_id == trips.c.id)
            .join(Proposal, Proposal.report_id == TripReport.id)
            .group_by(trips.c.cadre_id),
        ),
    }


def _targets(session: Session, year_policy: policy.YearPolicy, cadre_ids: list[int]) -> dict[int, int]:
    """Each cadre's target, pro-rated for time in the office and recorded exemptions."""
    window = year_policy.counting_window
    spans: dict[int, list] = {}
    for cadre_id, start, end in session.execute(
        select(Exemption.cadre_id, Exemption.start_date, Exemption.end_date).where(
            Exemption.cadre_id.in_(cadre_ids),
            Exemption.kind.in_(year_policy.exemption_kinds),
            Exemption.start_date <= window.end,
            Exemption.end_date >= window.start,
        )
    ):
        spans.setdefault(cadre_id, []).append((start, end))
    return {
        c.id: prorated_target(year_policy.target_days, window, c.joined_on, c.left_on, spans.get(c.id, ()))
        for c in session.execute(
            select(Cadre.id, Cadre.joined_on, Cadre.left_on).where(Cadre.id.in_(cadre_ids))
        )
    }


def _visible_ban(actor: Actor, ban_id: int | None) -> int | None:
    """The ban whose cadres the actor may see: an office leader any (None: every ban), a ban
    leader only the own ban, whatever is asked."""
    if not actor.has(Role.OFFICE_LEADER):
        ban_id = actor.ban_id
    require(actor, actions.BAN_DETAIL, ban_id)
    return ban_id


def year_sheet(session: Session, actor: Actor, year: int, ban_id: int | None = None) -> list[EvaluationRow]:
    """The cadres subject to 1+2 in a year, each with the year's facts and evaluation so far."""
    ban_id = _visible_ban(actor, ban_id)
    year_policy = policy.for_year(session, year)
    window = year_policy.counting_window
    figures = participation.by_cadre(session, window, ban_id)
    facts = _facts(session, year_policy, ban_id)
    targets = _targets(session, year_policy, [f.cadre_id for f in figures])
    query = select(Evaluation).where(Evaluation.year == year)
    if ban_id is not None:
        query = query.join(Cadre, Cadre.id == Evaluation.cadre_id).where(Cadre.ban_id == ban_id)
    evaluations = {e.cadre_id: e for e in session.scalars(query)}
    rows = []
    for f in sorted(figures, key=lambda f: (f.ban_id, f.full_name)):
        ev = evaluations.get(f.cadre_id)
        on_time, late, missing = facts["reports"].get(f.cadre_id, (0, 0, 0))
        answered, asked = facts["questions"].get(f.cadre_id, (0, 0))
        rows.append(
            EvaluationRow(
                f.cadre_id,
                f.code,
                f.full_name,
                f.ban_id,
                f.position,
                f.days,
                targets[f.cadre_id],
                f.trips,
                facts["content"].get(f.cadre_id, (0,))[0],
                int(on_time),
                int(late),
                int(missing),
                int(answered),
                int(asked),
                facts["proposals"].get(f.cadre_id, (0,))[0],
                state_of(ev),
                ev.comment if ev else "",
                ev.proposed_rating if ev else None,
                ev.final_rating if ev else None,
                ev.version if ev else None,
            )
        )
    return rows


# --- Writing an evaluation ---------------------------------------------------------------------


def _validate(action: str, rating: str | None, comment: str) -> list[FieldError]:
    errors = []
    if action != "reopen":
        if not rating:
            errors.append(FieldError("evaluations.field.rating", "error.required"))
        elif rating not in RATINGS:
            errors.append(FieldError("evaluations.field.rating", "evaluations.error.bad_rating"))
    limits.check(errors, "evaluations.field.comment", comment, limits.TEXT)
    return errors


def _already_done(
    ev: Evaluation | None, actor: Actor, action: str, version: int | None, rating: str | None, comment: str
) -> bool:
    """Is `ev` exactly what this actor's transition from `version` would have made?"""
    if ev is None or ev.version != (version or 0) + 1 or ev.comment != comment:
        return False
    if action == "propose":
        return not ev.locked and ev.proposed_by == actor.account_id and ev.proposed_rating == rating
    if action == "confirm":
        return ev.locked and ev.confirmed_by == actor.account_id and ev.final_rating == rating
    return False


def act(
    session: Session,
    actor: Actor,
    cadre_id: int,
    year: int,
    action: str,
    version: int | None,
    rating: str | None = None,
    comment: str = "",
) -> Evaluation:
    """Apply one transition to a cadre's evaluation of `year`, in the caller's transaction.

    `version` is the version the user read (None: they saw no evaluation yet); a stale one
    raises Conflict. Refuses transitions the state machine does not allow.
    """
    if action not in PERMISSION_OF:
        raise ValueError(f"unknown action {action!r}")
    access.load(session, Cadre, cadre_id, actor, PERMISSION_OF[action])
    comment = clean(comment, multiline=True)
    ev = session.scalar(
        select(Evaluation).where(Evaluation.cadre_id == cadre_id, Evaluation.year == year).with_for_update()
    )
    if (ev.version if ev else None) != version:
        if _already_done(ev, actor, action, version, rating, comment):
            return ev  # the same click again (a double submit): nothing more to do
        raise Conflict()
    state = state_of(ev)
    if (state, action) not in TRANSITIONS:
        refusal = (
            "evaluations.error.locked"
            if state == EvaluationState.CONFIRMED
            else "evaluations.error.not_locked"
        )
        raise ValidationError([FieldError("", refusal)])
    errors = _validate(action, rating, comment)
    if errors:
        raise ValidationError(errors)

    before = audit.snapshot(ev) if ev else None
    if ev is None:
        ev = Evaluation(cadre_id=cadre_id, year=year, version=0)
        session.add(ev)
    if action == "propose":
        ev.proposed_rating, ev.proposed_by, ev.comment = rating, actor.account_id, comment
    elif action == "confirm":
        ev.final_rating, ev.confirmed_by, ev.comment, ev.locked = rating, actor.account_id, comment, True
        if ev.proposed_rating is None:
            ev.proposed_rating = rating
    else:  # reopen
        ev.final_rating, ev.confirmed_by, ev.locked = None, None, False
    ev.version += 1
    ev.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    audit.record(session, actor.username, action, ev, before=before)
    return ev


def save(
    session: Session,
    actor: Actor,
    cadre_id: int,
    year: int,
    action: str,
    version: int | None,
    rating: str | None = None,
    comment: str = "",
) -> int:
    """`act` in the caller's transaction, under a savepoint; returns the new version. Two
    leaders creating the same evaluation at once meet on the unique (cadre, year): the
    second gets a Conflict."""
    try:
        with session.begin_nested():
            return act(session, actor, cadre_id, year, action, version, rating, comment).version
    except IntegrityError as exc:
        if "evaluations" not in str(exc.orig).lower():
            raise
        raise Conflict() from exc


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    actor: str
    action: str
    proposed_rating: str | None
    final_rating: str | None
    comment: str


def history(session: Session, actor: Actor, cadre_id: int, year: int) -> list[HistoryEntry]:
    """Every change of a cadre's evaluation of `year`, oldest first, from the audit log."""
    access.load(session, Cadre, cadre_id, actor, actions.EVALUATION_READ)
    ev_id = session.scalar(
        select(Evaluation.id).where(Evaluation.cadre_id == cadre_id, Evaluation.year == year)
    )
    if ev_id is None:
        return []
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.table_name == Evaluation.__tablename__, AuditEntry.row_id == str(ev_id))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    out = []
    for e in entries:
        after = e.after or {}
        out.append(
            HistoryEntry(
                e.at,
                e.actor,
                e.action,
                after.get("proposed_rating"),
                after.get("final_rating"),
                after.get("comment", ""),
            )
        )
    return out
