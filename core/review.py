"""The period's review (sơ kết): meeting records, proposals and their follow-up, who did not
go, and the highlights of the reports. The figures themselves come from core.progress."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from core import audit, policy, progress, submissions
from core.errors import Conflict, FieldError, NotFound, ValidationError
from core.periods import Window
from core.permissions import Actor, can, require
from core.text import clean
from db.models import (
    PROPOSAL_STATES, Ban, Cadre, Exemption, Place, Proposal, ReviewMeeting, Setting, Trip,
    TripReport,
)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: dt.date
    period_from: dt.date
    period_to: dt.date
    title: str
    chair: str
    attendees: str
    difficulties: str
    conclusions: str
    directions: str
    version: int


def meetings_in(session: Session, window: Window) -> list[MeetingRow]:
    """Meeting records whose reviewed period overlaps the window, newest first."""
    rows = session.scalars(
        select(ReviewMeeting)
        .where(ReviewMeeting.period_from <= window.end, ReviewMeeting.period_to >= window.start)
        .order_by(ReviewMeeting.held_on.desc())
    )
    return [
        MeetingRow(m.id, m.held_on, m.period_from, m.period_to, m.title, m.chair, m.attendees,
                   m.difficulties, m.conclusions, m.directions, m.version)
        for m in rows
    ]


# --- Writing the meeting record ---------------------------------------------------------------

MAX_TITLE = 300
MAX_NAME = 200
MAX_TEXT = 10_000


@dataclass(frozen=True)
class MeetingInput:
    held_on: dt.date | None
    period_from: dt.date | None
    period_to: dt.date | None
    chair: str
    title: str = ""
    attendees: str = ""
    difficulties: str = ""
    conclusions: str = ""
    directions: str = ""

    def cleaned(self) -> MeetingInput:
        return MeetingInput(
            self.held_on, self.period_from, self.period_to, clean(self.chair), clean(self.title),
            clean(self.attendees, multiline=True), clean(self.difficulties, multiline=True),
            clean(self.conclusions, multiline=True), clean(self.directions, multiline=True),
        )


def validate_meeting(data: MeetingInput) -> list[FieldError]:
    errors = [FieldError(label, "error.required")
              for label, value in (("review.field.held_on", data.held_on),
                                   ("review.field.period_from", data.period_from),
                                   ("review.field.period_to", data.period_to),
                                   ("review.field.chair", data.chair))
              if not value]
    if data.period_from and data.period_to and data.period_to < data.period_from:
        errors.append(FieldError("review.field.period_to", "period.bad_window"))
    for label, value, limit in (
        ("review.field.title", data.title, MAX_TITLE),
        ("review.field.chair", data.chair, MAX_NAME),
        ("review.field.attendees", data.attendees, MAX_TEXT),
        ("review.difficulties", data.difficulties, MAX_TEXT),
        ("review.conclusions", data.conclusions, MAX_TEXT),
        ("review.directions", data.directions, MAX_TEXT),
    ):
        if len(value) > limit:
            errors.append(FieldError(label, "error.too_long", {"limit": limit}))
    return errors


def _fill(meeting: ReviewMeeting, data: MeetingInput) -> None:
    for name in ("held_on", "period_from", "period_to", "title", "chair", "attendees",
                 "difficulties", "conclusions", "directions"):
        setattr(meeting, name, getattr(data, name))


def record_meeting(session: Session, actor: Actor, data: MeetingInput, submission_id: str) -> int:
    """Create a meeting record in the caller's transaction; the same submission id again
    returns the record made the first time."""
    require(actor, "meeting.write")
    data = data.cleaned()
    payload = dict(data.__dict__)
    earlier = submissions.previous_result(session, submission_id, "meeting", payload)
    if earlier is not None:
        return earlier
    errors = validate_meeting(data)
    if errors:
        raise ValidationError(errors)
    meeting = ReviewMeeting(created_by=actor.account_id)
    _fill(meeting, data)
    session.add(meeting)
    session.flush()
    submissions.claim(session, submission_id, "meeting", payload, meeting.id)
    audit.record(session, actor.username, "create", meeting)
    return meeting.id


def edit_meeting(session: Session, actor: Actor, meeting_id: int, data: MeetingInput,
                 version: int) -> int:
    """Change a meeting record read at `version`; refuses a stale version (Conflict).
    Returns the new version."""
    require(actor, "meeting.write")
    meeting = session.get(ReviewMeeting, meeting_id)
    if meeting is None:
        raise NotFound()
    if meeting.version != version:
        raise Conflict()
    data = data.cleaned()
    errors = validate_meeting(data)
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(meeting)
    _fill(meeting, data)
    meeting.version = version + 1
    audit.record(session, actor.username, "update", meeting, before=before)
    return meeting.version


def save_meeting(session: Session, actor: Actor, data: MeetingInput, submission_id: str | None = None,
                 meeting_id: int | None = None, version: int | None = None) -> int:
    """Create (with a submission id) or edit (with the id and version read) a meeting record,
    in the caller's transaction. Returns the meeting's id."""
    if meeting_id is not None:
        edit_meeting(session, actor, meeting_id, data, version)
        return meeting_id
    return submissions.write_once(
        session, lambda session: record_meeting(session, actor, data, submission_id),
        submission_id, "meeting", dict(data.cleaned().__dict__))


# --- Proposals and their follow-up ------------------------------------------------------------

@dataclass(frozen=True)
class ProposalRow:
    id: int
    text: str
    raised_on: dt.date  # the end of the trip whose report raised it
    raised_by: str  # the cadre
    origin_ban: str  # the ban of that cadre at the time of the trip
    place: str
    assigned_ban_id: int | None
    assigned_ban: str
    state: str
    follow_up: str
    updated_at: dt.datetime
    carried_over: bool  # raised before the window and not done yet


def proposals_for(session: Session, actor: Actor, window: Window) -> list[ProposalRow]:
    """Proposals raised in the window's reports (submitted, returned or accepted), and those
    raised earlier that are not done yet: they stay on every summary until done. All of them,
    for the Word report and the workbook; the page reads them a page at a time."""
    require(actor, "review.read")
    return _proposal_rows(session, window)


@dataclass(frozen=True)
class ProposalPage:
    rows: tuple[ProposalRow, ...]  # the page asked for, in the order of `proposals_for`
    total: int  # every proposal shown for the window
    open: int  # of those, not done yet
    carried: int  # of those, raised before the window and not done yet

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PROPOSALS_PER_PAGE))


PROPOSALS_PER_PAGE = 50


def proposal_page(session: Session, window: Window, page: int = 1) -> ProposalPage:
    """One page of `proposals_for` (the first is 1) with the counts of all of them: a year of
    a large office has thousands, and the page need not draw them all. Office-wide and the
    same for every reader: the caller has checked "review.read"."""
    shown = _proposals_shown(window).subquery("shown")
    not_done = shown.c.state != "done"
    counts = [func.count().over(), func.count(case((not_done, 1))).over(),
              func.count(case((and_(not_done, shown.c.end_date < window.start), 1))).over()]
    # The page's ids in order, with the counts of the whole set beside them (window
    # functions): the set is read once; the names are joined for the page's ids only.
    page_rows = session.execute(
        select(shown.c.id, *counts).order_by(shown.c.end_date, shown.c.id)
        .offset((max(page, 1) - 1) * PROPOSALS_PER_PAGE).limit(PROPOSALS_PER_PAGE)
    ).all()
    if page_rows:
        total, open_, carried = page_rows[0][1:]
    else:  # no proposal at all, or a page past the last
        total, open_, carried = session.execute(select(*(c.element for c in counts))).one()
    return ProposalPage(tuple(_proposal_rows(session, window, [r.id for r in page_rows])), total, open_, carried)


def _proposal_rows(session: Session, window: Window, ids: list[int] | None = None) -> list[ProposalRow]:
    """The proposals shown for the window (or those of `ids` among them), in the order of
    their trips' end."""
    shown = or_(*_shown(window)) if ids is None else Proposal.id.in_(ids)
    origin, assigned = aliased(Ban), aliased(Ban)
    query = (
        # Columns, not Proposal objects: a year of a large office has thousands of proposals.
        select(Proposal.id, Proposal.text, Proposal.assigned_ban_id, Proposal.state, Proposal.follow_up,
               Proposal.updated_at, Proposal.trip_end, Cadre.full_name, origin.name.label("origin"),
               Place.province, Place.host_unit, assigned.name.label("assigned"))
        .join(TripReport, TripReport.id == Proposal.report_id)
        .join(Trip, Trip.id == TripReport.trip_id)
        .join(Cadre, Cadre.id == Trip.cadre_id)
        .join(origin, origin.id == Trip.ban_id)
        .join(Place, Place.id == Trip.place_id)
        .outerjoin(assigned, assigned.id == Proposal.assigned_ban_id)
        .where(shown)
        .order_by(Proposal.trip_end, Proposal.id)
    )
    return [
        ProposalRow(r.id, r.text, r.trip_end, r.full_name, r.origin, " – ".join(x for x in (r.host_unit, r.province) if x),
                    r.assigned_ban_id, r.assigned or "", r.state, r.follow_up, r.updated_at, r.trip_end < window.start)
        for r in session.execute(query)
    ]


def _shown(window: Window) -> tuple:
    """The proposals shown for the window, as two conditions each led by an index of the
    proposals (by end date, by state): those of reports sent (not drafts) for trips that
    ended in the window, and those raised earlier and not done yet. The proposal keeps its
    trip's end once sent (core.reports.mark), so neither walks the window's trips."""
    return (Proposal.trip_end.between(window.start, window.end),
            and_(Proposal.state.in_([s for s in PROPOSAL_STATES if s != "done"]), Proposal.trip_end < window.start))


def _proposals_shown(window: Window):
    """(id, end of the trip, state) of the proposals shown: the two sets read apart."""
    return union_all(*(select(Proposal.id, Proposal.trip_end.label("end_date"), Proposal.state).where(where)
                       for where in _shown(window)))


def follow_up(session: Session, actor: Actor, proposal_id: int, assigned_ban_id: int | None,
              state: str, note: str, read_at: dt.datetime) -> dt.datetime:
    """Assign a proposal to a ban, move it (open → in progress → done), note what was done.

    `read_at` is the proposal's `updated_at` as read: a proposal changed since is refused
    (Conflict). Returns the new `updated_at`."""
    require(actor, "proposal.follow_up")
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound()
    if proposal.updated_at != read_at:
        raise Conflict()
    note = clean(note, multiline=True)
    errors = []
    if state not in PROPOSAL_STATES:
        errors.append(FieldError("review.field.proposal_state", "error.required"))
    if state != "open" and assigned_ban_id is None:
        errors.append(FieldError("review.field.assigned_ban", "review.error.assign_first"))
    if assigned_ban_id is not None and session.get(Ban, assigned_ban_id) is None:
        errors.append(FieldError("review.field.assigned_ban", "error.required"))
    if len(note) > MAX_TEXT:
        errors.append(FieldError("review.field.follow_up", "error.too_long", {"limit": MAX_TEXT}))
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(proposal)
    proposal.assigned_ban_id, proposal.state, proposal.follow_up = assigned_ban_id, state, note
    proposal.updated_at = max(dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                              read_at + dt.timedelta(microseconds=1))
    audit.record(session, actor.username, "follow_up", proposal, before=before)
    return proposal.updated_at


# --- The rest of the period's summary ---------------------------------------------------------

@dataclass(frozen=True)
class Absentee:
    cadre_id: int
    full_name: str
    position: str
    ban_id: int
    ban_name: str
    exemptions: tuple[str, ...]  # notes (or kinds) of the exemptions overlapping the window


def did_not_go(session: Session, actor: Actor, window: Window) -> list[Absentee]:
    """Cadres subject to 1+2 with no counted day in the window, with their exemptions.
    The office leadership sees every ban; a ban leader sees the own ban's names only."""
    return visible_absentees(actor, absentees(session, window))


def visible_absentees(actor: Actor, rows: list[Absentee]) -> list[Absentee]:
    """The rows of `absentees` that `actor` may see."""
    require(actor, "review.read")
    return [r for r in rows if can(actor, "ban.detail", r.ban_id)]


def absentees(session: Session, window: Window) -> list[Absentee]:
    """Every ban's cadres who did not go, the same for every reader (so it can be cached):
    pass it through `visible_absentees` before showing it."""
    rule = policy.for_day(session, window.start).counting_rule
    went = progress.days_by_cadre(window, rule)
    query = (
        select(Cadre.id, Cadre.full_name, Cadre.position, Cadre.ban_id, Ban.name)
        .join(Ban, Ban.id == Cadre.ban_id)
        .outerjoin(went, went.c.cadre_id == Cadre.id)
        .where(progress.subject_cadres(window), went.c.cadre_id.is_(None))
        .order_by(Ban.sort_order, Cadre.full_name)
    )
    rows = session.execute(query).all()
    absent = {r.id for r in rows}
    notes: dict[int, list[str]] = {}
    # The window's exemptions are few next to the cadres: read them all and keep the absent's.
    for cadre_id, kind, note in session.execute(
        select(Exemption.cadre_id, Exemption.kind, Exemption.note)
        .where(Exemption.start_date <= window.end, Exemption.end_date >= window.start)
        .order_by(Exemption.start_date, Exemption.id)
    ):
        if cadre_id in absent:
            notes.setdefault(cadre_id, []).append(note or kind)
    return [Absentee(r.id, r.full_name, r.position, r.ban_id, r.name, tuple(notes.get(r.id, ()))) for r in rows]


@dataclass(frozen=True)
class Highlight:
    trip_end: dt.date
    cadre: str
    ban: str
    place: str
    good_models: str
    findings: str


def highlights(session: Session, actor: Actor, window: Window, limit: int = 10) -> list[Highlight]:
    """Good models and findings of the window's reports (accepted first, then submitted),
    for the meeting to discuss; reports without a good model are left out."""
    require(actor, "review.read")
    out: list[Highlight] = []
    # Accepted reports first, then submitted ones; each read newest trip first along the
    # (state, end date) index of trips, so the database stops after `limit` rows.
    for state in ("accepted", "submitted"):
        if len(out) >= limit:
            break
        query = (
            select(Trip.end_date, Cadre.full_name, Ban.name, Place.province, Place.host_unit,
                   TripReport.good_models, TripReport.findings)
            .select_from(Trip)
            .join(TripReport, TripReport.trip_id == Trip.id)
            .join(Cadre, Cadre.id == Trip.cadre_id)
            .join(Ban, Ban.id == Trip.ban_id)
            .join(Place, Place.id == Trip.place_id)
            # Only trips made have reports; saying so lets the index find them.
            .where(Trip.state == "done", Trip.end_date.between(window.start, window.end),
                   TripReport.state == state, TripReport.good_models != "")
            .order_by(Trip.end_date.desc(), Trip.id)
            .limit(limit - len(out))
        )
        out += [Highlight(end, cadre, ban, " – ".join(x for x in (unit, province) if x), good, findings)
                for end, cadre, ban, province, unit, good, findings in session.execute(query)]
    return out


# --- The period's summary, as the page, the Word report and the workbook show it -------------

@dataclass(frozen=True)
class PeriodSummary:
    window: Window
    today: dt.date
    headline: progress.Headline
    bans: list[progress.BanProgress]
    content: progress.ContentMix
    absentees: list[Absentee]
    highlights: list[Highlight]
    proposals: list[ProposalRow]
    meetings: list[MeetingRow]
    year_policy: policy.YearPolicy
    settings: dict[str, str]


def summary(session: Session, actor: Actor, window: Window, today: dt.date) -> PeriodSummary:
    """Everything the review of the window needs, from the same functions the pages call."""
    require(actor, "review.read")
    settings = {key: value for key, value in session.execute(
        select(Setting.key, Setting.value).where(Setting.key.in_(("parent_name", "office_name", "office_place")))
    )}
    bans = progress.ban_progress(session, window, today)
    return PeriodSummary(
        window, today,
        progress.total(bans, window, today),
        bans,
        progress.content_mix(session, window),
        did_not_go(session, actor, window),
        highlights(session, actor, window),
        proposals_for(session, actor, window),
        meetings_in(session, window),
        policy.for_day(session, window.start),
        settings,
    )
