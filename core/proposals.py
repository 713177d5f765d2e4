"""Proposals raised in the trip reports, and their follow-up: which ban takes each up, how far
it has got (open → in progress → done), what was done. A proposal stays on every period's
summary until it is done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from core import access, actions, audit
from core.errors import Conflict, FieldError, ValidationError
from core.periods import Window
from core.permissions import Actor, require
from core.text import clean
from db.models import Ban, Cadre, Place, Proposal, Trip, TripReport
from db.vocabulary import PROPOSAL_STATES, ProposalState

MAX_FOLLOW_UP = 10_000


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
    require(actor, actions.REVIEW_READ)
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
    not_done = shown.c.state != ProposalState.DONE
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
            and_(Proposal.state.in_([s for s in PROPOSAL_STATES if s != ProposalState.DONE]), Proposal.trip_end < window.start))


def _proposals_shown(window: Window):
    """(id, end of the trip, state) of the proposals shown: the two sets read apart."""
    return union_all(*(select(Proposal.id, Proposal.trip_end.label("end_date"), Proposal.state).where(where)
                       for where in _shown(window)))


def follow_up(session: Session, actor: Actor, proposal_id: int, assigned_ban_id: int | None,
              state: str, note: str, read_at: dt.datetime) -> dt.datetime:
    """Assign a proposal to a ban, move it (open → in progress → done), note what was done.

    `read_at` is the proposal's `updated_at` as read: a proposal changed since is refused
    (Conflict). Returns the new `updated_at`."""
    proposal = access.load(session, Proposal, proposal_id, actor, actions.PROPOSAL_FOLLOW_UP)
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
    if len(note) > MAX_FOLLOW_UP:
        errors.append(FieldError("review.field.follow_up", "error.too_long", {"limit": MAX_FOLLOW_UP}))
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(proposal)
    proposal.assigned_ban_id, proposal.state, proposal.follow_up = assigned_ban_id, state, note
    proposal.updated_at = max(dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                              read_at + dt.timedelta(microseconds=1))
    audit.record(session, actor.username, "follow_up", proposal, before=before)
    return proposal.updated_at
