"""Proposals raised in the trip reports, and their follow-up: which ban takes each up, how far
it has got (open → in progress → done), what was done. A proposal stays on every period's
summary until it is done.

A proposal is part of its report: a ban's leader reads the proposals raised in the own ban's
reports (core.actions.REPORT_CONTENT), and those the office leadership has assigned to the own
ban (their text, to follow them up, without the name of a cadre of another ban); of the other
bans, only how many (`proposal_counts`). The office leadership reads them all. Who reads what
is a WHERE in the query, so a page and its counts agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, false, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from core import access, actions, audit, limits
from core.errors import Conflict, FieldError, ValidationError
from core.periods import Window
from core.permissions import Actor, bans_for, require
from core.text import clean
from db.models import Ban, Cadre, Place, Proposal, Trip, TripReport
from db.vocabulary import PROPOSAL_STATES, ProposalState


@dataclass(frozen=True)
class ProposalRow:
    id: int
    text: str
    raised_on: dt.date  # the end of the trip whose report raised it
    raised_by: str  # the cadre ("" for a reader who may not read that ban's reports)
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
    raised earlier that are not done yet: they stay on every summary until done. All those
    `actor` may read, for the Word report and the workbook; the page reads them a page at a time."""
    require(actor, actions.REVIEW_READ)
    return _proposal_rows(session, actor, window)


def _readable(actor: Actor):
    """The proposals `actor` may read, as a WHERE on Proposal joined to its trip (None: all)."""
    bans = bans_for(actor, actions.REPORT_CONTENT)
    if bans is None:
        return None
    if not bans:
        return false()
    return or_(Trip.ban_id.in_(sorted(bans)), Proposal.assigned_ban_id.in_(sorted(bans)))


@dataclass(frozen=True)
class BanProposals:
    """How many proposals the cadres of a ban raised (shown for the window), and how many of
    those are not done yet: what every leader may know of every ban."""

    ban_id: int
    ban: str
    total: int
    open: int


def proposal_counts(session: Session, actor: Actor, window: Window) -> list[BanProposals]:
    """The proposals of `proposals_for` counted by the ban of the cadres who raised them, for
    every ban that raised one (in the bans' order): counts only, so every leader reads them."""
    require(actor, actions.REVIEW_READ)
    shown = _proposals_shown(window).subquery("shown")
    rows = session.execute(
        select(Ban.id, Ban.name, func.count(), func.count(case((shown.c.state != ProposalState.DONE, 1))))
        .select_from(shown)
        # The report carried by the two sets: no second read of the proposals by id.
        .join(TripReport, TripReport.id == shown.c.report_id)
        .join(Trip, Trip.id == TripReport.trip_id)
        .join(Ban, Ban.id == Trip.ban_id)
        .group_by(Ban.id, Ban.name, Ban.sort_order)
        .order_by(Ban.sort_order, Ban.name)
    ).all()
    return [BanProposals(ban_id, name, total, open_) for ban_id, name, total, open_ in rows]


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


def proposal_page(session: Session, actor: Actor, window: Window, page: int = 1) -> ProposalPage:
    """One page of `proposals_for` (the first is 1) with the counts of all of them: a year of
    a large office has thousands, and the page need not draw them all. The proposals `actor`
    may read, and their counts (`proposal_counts` counts every ban's)."""
    require(actor, actions.REVIEW_READ)
    shown = _proposals_shown(window, _readable(actor)).subquery("shown")
    not_done = shown.c.state != ProposalState.DONE
    counts = [
        func.count().over(),
        func.count(case((not_done, 1))).over(),
        func.count(case((and_(not_done, shown.c.end_date < window.start), 1))).over(),
    ]
    # The page's ids in order, with the counts of the whole set beside them (window
    # functions): the set is read once; the names are joined for the page's ids only.
    page_rows = session.execute(
        select(shown.c.id, *counts)
        .order_by(shown.c.end_date, shown.c.id)
        .offset((max(page, 1) - 1) * PROPOSALS_PER_PAGE)
        .limit(PROPOSALS_PER_PAGE)
    ).all()
    if page_rows:
        total, open_, carried = page_rows[0][1:]
    else:  # no proposal at all, or a page past the last
        total, open_, carried = session.execute(select(*(c.element for c in counts))).one()
    return ProposalPage(
        tuple(_proposal_rows(session, actor, window, [r.id for r in page_rows])), total, open_, carried
    )


def _proposal_rows(
    session: Session, actor: Actor, window: Window, ids: list[int] | None = None
) -> list[ProposalRow]:
    """The proposals shown for the window that `actor` may read (or those of `ids` among
    them), in the order of their trips' end."""
    shown = or_(*_shown(window)) if ids is None else Proposal.id.in_(ids)
    readable = _readable(actor)
    bans = bans_for(actor, actions.REPORT_CONTENT)
    # The cadre's name only to who may read that ban's reports: a proposal assigned to a ban
    # from another's report shows its text to the assigned ban's leader, not who wrote it.
    raised_by = (
        Cadre.full_name
        if bans is None
        else case((Trip.ban_id.in_(sorted(bans) or [-1]), Cadre.full_name), else_=literal(""))
    )
    origin, assigned = aliased(Ban), aliased(Ban)
    query = (
        # Columns, not Proposal objects: a year of a large office has thousands of proposals.
        select(
            Proposal.id,
            Proposal.text,
            Proposal.assigned_ban_id,
            Proposal.state,
            Proposal.follow_up,
            Proposal.updated_at,
            Proposal.trip_end,
            raised_by.label("full_name"),
            origin.name.label("origin"),
            Place.province,
            Place.host_unit,
            assigned.name.label("assigned"),
        )
        .join(TripReport, TripReport.id == Proposal.report_id)
        .join(Trip, Trip.id == TripReport.trip_id)
        .join(Cadre, Cadre.id == Trip.cadre_id)
        .join(origin, origin.id == Trip.ban_id)
        .join(Place, Place.id == Trip.place_id)
        .outerjoin(assigned, assigned.id == Proposal.assigned_ban_id)
        .where(shown, *(() if readable is None else (readable,)))
        .order_by(Proposal.trip_end, Proposal.id)
    )
    return [
        ProposalRow(
            r.id,
            r.text,
            r.trip_end,
            r.full_name,
            r.origin,
            " – ".join(x for x in (r.host_unit, r.province) if x),
            r.assigned_ban_id,
            r.assigned or "",
            r.state,
            r.follow_up,
            r.updated_at,
            r.trip_end < window.start,
        )
        for r in session.execute(query)
    ]


def _shown(window: Window) -> tuple:
    """The proposals shown for the window, as two conditions each led by an index of the
    proposals (by end date, by state): those of reports sent (not drafts) for trips that
    ended in the window, and those raised earlier and not done yet. The proposal keeps its
    trip's end once sent (core.reports.mark), so neither walks the window's trips."""
    return (
        Proposal.trip_end.between(window.start, window.end),
        and_(
            Proposal.state.in_([s for s in PROPOSAL_STATES if s != ProposalState.DONE]),
            Proposal.trip_end < window.start,
        ),
    )


def _proposals_shown(window: Window, readable=None):
    """(id, end of the trip, state, report) of the proposals shown (of those `readable` lets
    through, a condition on Proposal and its Trip): the two sets read apart."""

    def one(where):
        query = select(
            Proposal.id, Proposal.trip_end.label("end_date"), Proposal.state, Proposal.report_id
        ).where(where)
        if readable is None:
            return query
        return (
            query.join(TripReport, TripReport.id == Proposal.report_id)
            .join(Trip, Trip.id == TripReport.trip_id)
            .where(readable)
        )

    return union_all(*(one(where) for where in _shown(window)))


def follow_up(
    session: Session,
    actor: Actor,
    proposal_id: int,
    assigned_ban_id: int | None,
    state: str,
    note: str,
    read_at: dt.datetime,
) -> dt.datetime:
    """Assign a proposal to a ban, move it (open → in progress → done), note what was done.

    Who follows a proposal up is the leader of the ban it is assigned to, or the office
    leadership (PROPOSAL_FOLLOW_UP on the assigned ban); assigning it, to a first ban or to
    another, is the office leadership's (PROPOSAL_ASSIGN). `read_at` is the proposal's
    `updated_at` as read: a proposal changed since is refused (Conflict). Returns the new
    `updated_at`."""
    proposal = access.load(
        session, Proposal, proposal_id, actor, actions.PROPOSAL_FOLLOW_UP, target=lambda p: p.assigned_ban_id
    )
    if assigned_ban_id != proposal.assigned_ban_id:
        require(actor, actions.PROPOSAL_ASSIGN)
    if proposal.updated_at != read_at:
        raise Conflict()
    note = clean(note, multiline=True)
    errors = []
    if state not in PROPOSAL_STATES:
        errors.append(FieldError("review.field.proposal_state", "error.required"))
    if state != ProposalState.OPEN and assigned_ban_id is None:
        errors.append(FieldError("review.field.assigned_ban", "review.error.assign_first"))
    if assigned_ban_id is not None and session.get(Ban, assigned_ban_id) is None:
        errors.append(FieldError("review.field.assigned_ban", "error.required"))
    limits.check(errors, "review.field.follow_up", note, limits.FOLLOW_UP)
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(proposal)
    proposal.assigned_ban_id, proposal.state, proposal.follow_up = assigned_ban_id, state, note
    proposal.updated_at = max(
        dt.datetime.now(dt.UTC).replace(tzinfo=None), read_at + dt.timedelta(microseconds=1)
    )
    audit.record(session, actor.username, "follow_up", proposal, before=before)
    return proposal.updated_at
