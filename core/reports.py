"""Reports of results (báo cáo kết quả, thu hoạch) after a trip, and their state machine.

    draft ──submit──▶ submitted ──accept──▶ accepted (read-only)
      ▲                  │
      │               return (with a reason)
      │                  ▼
      └── (edited) ── returned ──submit──▶ submitted

The cadre writes and submits (`report.write`); a leader returns or accepts (`report.review`).
Every move goes through `_move`, and every write leaves an audit entry. A report is due
`report_deadline_days` after the trip's end (the year's policy); a trip without a submitted
report past that day is overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core import access, actions, audit, limits, submissions
from core.errors import Conflict, FieldError, ValidationError
from core.permissions import Actor
from core.text import clean
from db.models import Proposal, Trip, TripReport
from db.vocabulary import REPORTED_STATES, ReportState, TripState

TRANSITIONS: dict[tuple[str, str], str] = {
    (ReportState.DRAFT, "submit"): ReportState.SUBMITTED,
    (ReportState.RETURNED, "submit"): ReportState.SUBMITTED,
    (ReportState.SUBMITTED, "return"): ReportState.RETURNED,
    (ReportState.SUBMITTED, "accept"): ReportState.ACCEPTED,
}
# The permission each action needs.
ACTION_PERMISSION = {
    "submit": actions.REPORT_WRITE,
    "return": actions.REPORT_REVIEW,
    "accept": actions.REPORT_REVIEW,
}
# States in which the cadre may still change the text.
EDITABLE = (ReportState.DRAFT, ReportState.RETURNED)


def due_date(trip_end: dt.date, year_policy) -> dt.date:
    return trip_end + dt.timedelta(days=year_policy.report_deadline_days)


def is_overdue(report_state: str | None, due: dt.date, today: dt.date) -> bool:
    """Past the deadline with no report sent (none yet, or still a draft)."""
    return report_state in (None, ReportState.DRAFT) and today > due


@dataclass(frozen=True)
class ReportInput:
    findings: str = ""
    good_models: str = ""
    difficulties: str = ""
    proposals: tuple[str, ...] = ()  # one per line of the form
    answers: tuple[tuple[int, str], ...] = ()  # (question id, answer found)

    def cleaned(self) -> ReportInput:
        return ReportInput(
            findings=clean(self.findings, multiline=True),
            good_models=clean(self.good_models, multiline=True),
            difficulties=clean(self.difficulties, multiline=True),
            proposals=limits.capped((p for p in (clean(x) for x in self.proposals) if p), limits.PROPOSALS),
            answers=limits.capped(
                ((int(q), clean(a, multiline=True)) for q, a in self.answers), limits.ANSWERS
            ),
        )


@dataclass(frozen=True)
class QuestionRow:
    id: int
    text: str
    answer: str


@dataclass(frozen=True)
class ReportView:
    trip_id: int
    report_id: int | None
    state: str | None  # None: not started
    version: int
    findings: str
    good_models: str
    difficulties: str
    proposals: tuple[str, ...]
    questions: tuple[QuestionRow, ...]
    return_reason: str

    @property
    def editable(self) -> bool:
        return self.state is None or self.state in EDITABLE


def report_for_trip(session: Session, actor: Actor, trip_id: int) -> ReportView:
    """The report of a trip (empty if not started), with the questions set before leaving."""
    trip = access.load(session, Trip, trip_id, actor, actions.REPORT_READ)
    r = trip.report
    return ReportView(
        trip_id=trip.id,
        report_id=r.id if r else None,
        state=r.state if r else None,
        version=r.version if r else 0,
        findings=r.findings if r else "",
        good_models=r.good_models if r else "",
        difficulties=r.difficulties if r else "",
        proposals=tuple(p.text for p in r.proposals) if r else (),
        questions=tuple(QuestionRow(q.id, q.text, q.answer) for q in trip.questions),
        return_reason=r.return_reason if r else "",
    )


def validate(data: ReportInput, trip: Trip, submit: bool) -> list[FieldError]:
    """Every problem at once. A draft may be incomplete; a report sent needs findings and
    an answer to each question set before leaving."""
    errors: list[FieldError] = []
    for label, value in (
        ("visits.report.findings", data.findings),
        ("visits.report.good_models", data.good_models),
        ("visits.report.difficulties", data.difficulties),
    ):
        limits.check(errors, label, value, limits.REPORT_TEXT)
    limits.check(errors, "visits.report.proposals", data.proposals, limits.PROPOSALS, each=limits.PROPOSAL)
    limits.check(errors, "visits.report.proposals", "\n".join(data.proposals), limits.REPORT_TEXT)
    limits.check(errors, "visits.report.answer", data.answers, limits.ANSWERS)
    if submit and not data.findings:
        errors.append(FieldError("visits.report.findings", "error.required"))
    answers = dict(data.answers)
    for n, question in enumerate(trip.questions, start=1):
        answer = answers.get(question.id, "")
        if len(answer) > limits.REPORT_TEXT:
            errors.append(
                FieldError(
                    "visits.report.answer",
                    "visits.error.answer_too_long",
                    {"n": n, "limit": limits.REPORT_TEXT},
                )
            )
        elif submit and not answer:
            errors.append(FieldError("visits.report.answer", "visits.error.unanswered", {"n": n}))
    return errors


def _move(
    report: TripReport, action: str, actor: Actor, reason: str = "", now: dt.datetime | None = None
) -> None:
    """The one place a report changes state."""
    new_state = TRANSITIONS.get((report.state, action))
    if new_state is None:
        raise ValidationError(
            [FieldError("visits.col.report", "visits.error.report_bad_transition", {"state": report.state})]
        )
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if action == "submit":
        report.submitted_at = now
    elif action == "return":
        if not reason:
            raise ValidationError([FieldError("visits.report.return_reason", "error.required")])
        report.return_reason = reason
    elif action == "accept":
        report.accepted_at, report.accepted_by = now, actor.account_id
    report.state = new_state
    mark(report)


def mark(report: TripReport) -> None:
    """Keep the copies the dashboards read: on the trip, when its report came in (None while
    it is not in); on each proposal, the trip's end once the report is sent (None in a draft).
    A removed trip's report counts nowhere: None for both (core.trip_changes)."""
    trip = report.trip
    counts = trip.state != TripState.REMOVED
    trip.reported_at = report.submitted_at if counts and report.state in REPORTED_STATES else None
    for proposal in report.proposals:
        proposal.trip_end = trip.end_date if counts and report.state != ReportState.DRAFT else None


def mark_trips(session) -> None:
    """Every trip's report date (see `mark`) again from its report (bulk loads); a Session or a
    Connection."""
    came_in = (
        select(TripReport.submitted_at)
        .where(
            TripReport.trip_id == Trip.id,
            TripReport.state.in_(REPORTED_STATES),
            Trip.state != TripState.REMOVED,
        )
        .scalar_subquery()
    )
    session.execute(update(Trip).values(reported_at=came_in))


def mark_proposals(session) -> None:
    """Every proposal's copy of its trip's end again (bulk loads); a Session or a Connection."""
    trip_end = (
        select(Trip.end_date)
        .join(TripReport, TripReport.trip_id == Trip.id)
        .where(
            TripReport.id == Proposal.report_id,
            TripReport.state != ReportState.DRAFT,
            Trip.state != TripState.REMOVED,
        )
        .scalar_subquery()
    )
    session.execute(update(Proposal).values(trip_end=trip_end))


def write(
    session: Session,
    actor: Actor,
    trip_id: int,
    data: ReportInput,
    version: int,
    submission_id: str,
    submit: bool = False,
) -> int:
    """Save the cadre's report of a trip (creating it as a draft), and send it if `submit`.

    `version` is the one read with the form (0 for a report not started). The same
    submission id and content again returns the report without changing it.
    """
    trip = access.load(session, Trip, trip_id, actor, actions.REPORT_WRITE)
    data = data.cleaned()
    payload = _payload(trip_id, version, submit, data)
    earlier = submissions.previous_result(session, submission_id, "report", payload)
    if earlier is not None:
        return earlier
    if trip.state != TripState.DONE:
        raise ValidationError([FieldError("visits.col.report", "visits.error.report_needs_done_trip")])
    report = trip.report
    if report is not None and report.state not in EDITABLE:
        raise ValidationError([FieldError("visits.col.report", "visits.error.report_locked")])
    if (report.version if report else 0) != version:
        raise Conflict()
    errors = validate(data, trip, submit)
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(report) if report else None
    if report is None:
        report = TripReport(trip_id=trip.id, state=ReportState.DRAFT, version=0)
        session.add(report)
        trip.report = report
    report.findings, report.good_models, report.difficulties = (
        data.findings,
        data.good_models,
        data.difficulties,
    )
    report.version += 1
    answers = dict(data.answers)
    for question in trip.questions:
        if question.id in answers:
            question.answer = answers[question.id]
    report.proposals = [Proposal(text=text) for text in data.proposals]
    if submit:
        _move(report, "submit", actor)
    else:
        mark(report)  # a returned report's new proposals are shown at once
    session.flush()
    submissions.claim(session, submission_id, "report", payload, report.id)
    audit.record(session, actor.username, "report.submit" if submit else "report.save", report, before=before)
    return report.id


def review(
    session: Session, actor: Actor, report_id: int, action: str, version: int, reason: str = ""
) -> str:
    """A leader returns (with a reason) or accepts a submitted report; returns the new state."""
    if action not in ("return", "accept"):
        raise ValueError(f"not a review action: {action!r}")
    report = access.load(
        session,
        TripReport,
        report_id,
        actor,
        ACTION_PERMISSION[action],
        version=version,
        target=lambda r: access.cadre_of(r.trip),
    )
    if report.trip.state == TripState.REMOVED:
        raise ValidationError([FieldError("visits.col.report", "trip_change.error.removed")])
    before = audit.snapshot(report)
    _move(report, action, actor, clean(reason, multiline=True))
    report.version += 1
    audit.record(session, actor.username, f"report.{action}", report, before=before)
    return report.state


def save_report(
    session: Session,
    actor: Actor,
    trip_id: int,
    data: ReportInput,
    version: int,
    submission_id: str,
    submit: bool = False,
) -> int:
    """`write` in the caller's transaction; a racing double submit gets the first report, and
    a report saved meanwhile by another tab is a Conflict."""
    return submissions.write_once(
        session,
        lambda session: write(session, actor, trip_id, data, version, submission_id, submit),
        submission_id,
        "report",
        _payload(trip_id, version, submit, data.cleaned()),
        lost_race=Conflict(),
    )


def _payload(trip_id: int, version: int, submit: bool, data: ReportInput) -> dict:
    return {"trip": trip_id, "version": version, "submit": submit, **data.__dict__}
