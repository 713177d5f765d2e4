"""The period's review (sơ kết) as the /review page, the Word report and the workbook show it:
the figures per ban (core.progress), the content types, who did not go, the highlights of the
reports, the proposals (core.proposals) and the meeting records (core.meetings); and the
tables the page shows, which the Word report and the workbook reuse (core.exports).
Every text takes the language explicitly: a download is built outside the page's run.

What the cadres wrote (the highlights, the proposals, with their names) is read for the bans
whose reports the reader may read (core.actions.REPORT_CONTENT: the own ban for a ban's leader,
every ban for the office leadership); of the other bans the summary holds counts only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import access, actions, formatting, participation, place_visits, policy, progress
from core.attachments import AttachmentCounts
from core.attachments import counts as attachment_counts
from core.content_mix import ContentCount, ContentMix, content_mix
from core.funding import Funding, funding
from core.i18n import t
from core.meetings import MeetingRow, meetings_in
from core.periods import Window, quarter_window
from core.permissions import Actor, bans_for, can, require
from core.policy import YearPolicy
from core.proposals import BanProposals, ProposalRow, proposal_counts, proposals_for
from db.models import Ban, Cadre, Exemption, Place, Setting, Trip, TripReport
from db.vocabulary import ReportState, TripState


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
    require(actor, actions.REVIEW_READ)
    return [r for r in rows if can(actor, actions.BAN_DETAIL, r.ban_id)]


def absentees(session: Session, window: Window) -> list[Absentee]:
    """Every ban's cadres who did not go, the same for every reader (so it can be cached):
    pass it through `visible_absentees` before showing it."""
    rule = policy.for_day(session, window.start).counting_rule
    went = participation.days_by_cadre(window, rule)
    query = (
        select(Cadre.id, Cadre.full_name, Cadre.position, Cadre.ban_id, Ban.name)
        .join(Ban, Ban.id == Cadre.ban_id)
        .outerjoin(went, went.c.cadre_id == Cadre.id)
        .where(participation.subject_cadres(window), went.c.cadre_id.is_(None))
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
    return [
        Absentee(r.id, r.full_name, r.position, r.ban_id, r.name, tuple(notes.get(r.id, ()))) for r in rows
    ]


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
    for the meeting to discuss; reports without a good model are left out. Only the reports
    of the bans `actor` may read the content of (the own ban for a ban's leader)."""
    require(actor, actions.REVIEW_READ)
    out: list[Highlight] = []
    # Accepted reports first, then submitted ones; each read newest trip first along the
    # (state, end date) index of trips, so the database stops after `limit` rows.
    for state in (ReportState.ACCEPTED, ReportState.SUBMITTED):
        if len(out) >= limit:
            break
        query = (
            select(
                Trip.end_date,
                Cadre.full_name,
                Ban.name,
                Place.province,
                Place.host_unit,
                TripReport.good_models,
                TripReport.findings,
            )
            .select_from(Trip)
            .join(TripReport, TripReport.trip_id == Trip.id)
            .join(Cadre, Cadre.id == Trip.cadre_id)
            .join(Ban, Ban.id == Trip.ban_id)
            .join(Place, Place.id == Trip.place_id)
            # Only trips made have reports; saying so lets the index find them.
            .where(
                Trip.state == TripState.DONE,
                Trip.end_date.between(window.start, window.end),
                TripReport.state == state,
                TripReport.good_models != "",
                access.in_bans(Trip.ban_id, actor, actions.REPORT_CONTENT),
            )
            .order_by(Trip.end_date.desc(), Trip.id)
            .limit(limit - len(out))
        )
        out += [
            Highlight(end, cadre, ban, " – ".join(x for x in (unit, province) if x), good, findings)
            for end, cadre, ban, province, unit, good, findings in session.execute(query)
        ]
    return out


# --- The period's summary -----------------------------------------------------------------------


# The settings a paper of the office names: who issues it, where, its symbol ("TWĐTN-VP" in
# "Số: …-BC/TWĐTN-VP") and who signs it.
PAPER_SETTINGS = (
    "parent_name",
    "office_name",
    "office_place",
    "office_symbol",
    "signer_title",
    "signer_name",
)


@dataclass(frozen=True)
class PeriodSummary:
    window: Window
    today: dt.date
    headline: progress.Headline
    bans: list[progress.BanProgress]
    content: ContentMix
    absentees: list[Absentee]
    highlights: list[Highlight]
    proposals: list[ProposalRow]
    proposal_counts: list[BanProposals]  # every ban's, counts only
    meetings: list[MeetingRow]
    year_policy: policy.YearPolicy
    settings: dict[str, str]
    every_ban: bool = True  # the highlights and proposals are every ban's (else the reader's own ban's)
    attachments: AttachmentCounts | None = None  # the files attached to the period's trips (counts)
    funding: Funding | None = None  # spent per ban against the pro-rated budgets (core.funding)
    provinces: tuple = ()  # the 34 provinces with who went (core.place_visits.every_province): the map


def summary(session: Session, actor: Actor, window: Window, today: dt.date) -> PeriodSummary:
    """Everything the review of the window needs, from the same functions the pages call."""
    require(actor, actions.REVIEW_READ)
    settings = {
        key: value
        for key, value in session.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_(PAPER_SETTINGS))
        )
    }
    bans = progress.ban_progress(session, window, today)
    return PeriodSummary(
        window,
        today,
        progress.total(bans, window, today),
        bans,
        content_mix(session, window),
        did_not_go(session, actor, window),
        highlights(session, actor, window),
        proposals_for(session, actor, window),
        proposal_counts(session, actor, window),
        meetings_in(session, window),
        policy.for_day(session, window.start),
        settings,
        bans_for(actor, actions.REPORT_CONTENT) is None,
        funding=funding(session, window),
        attachments=attachment_counts(session, actor, window),
        provinces=tuple(place_visits.every_province(place_visits.provinces_visited(session, window))),
    )


# --- Its tables, as the page shows them ---------------------------------------------------------


def ban_frame(rows: list[progress.BanProgress], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("common.ban", lang): [b.name for b in rows],
            t("review.col.subject", lang): [b.participation.cadres for b in rows],
            t("review.col.went", lang): [b.participation.went for b in rows],
            t("review.col.rate", lang): [formatting.percent(b.participation.rate, lang) for b in rows],
            t("review.col.registered", lang): [b.participation.registered for b in rows],
            t("common.days", lang): [b.participation.days for b in rows],
            t("review.col.target", lang): [b.target_days for b in rows],
            t("review.col.reports_in", lang): [f"{b.reports.reported}/{b.reports.trips}" for b in rows],
            t("review.col.overdue", lang): [b.reports.overdue for b in rows],
        }
    )


def content_frame(rows: list[ContentCount], year_policy: YearPolicy, lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("review.col.content", lang): [year_policy.content_label(r.content_type, lang) for r in rows],
            t("common.trips", lang): [r.trips for r in rows],
            t("common.days", lang): [r.days for r in rows],
            t("review.col.cadres", lang): [r.cadres for r in rows],
        }
    )


def absentee_frame(rows: list[Absentee], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("common.name", lang): [r.full_name for r in rows],
            t("common.position", lang): [r.position for r in rows],
            t("common.ban", lang): [r.ban_name for r in rows],
            t("review.col.exemption", lang): ["; ".join(r.exemptions) for r in rows],
        }
    )


def highlight_frame(rows: list[Highlight], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("review.col.trip_end", lang): [formatting.date(r.trip_end) for r in rows],
            t("common.cadre", lang): [r.cadre for r in rows],
            t("common.ban", lang): [r.ban for r in rows],
            t("review.col.place", lang): [r.place for r in rows],
            t("review.col.good_models", lang): [r.good_models for r in rows],
        }
    )


def proposal_frame(rows: list[ProposalRow], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("review.col.proposal", lang): [r.text for r in rows],
            t("review.col.raised", lang): [
                f"{r.raised_by} ({r.origin_ban}), {formatting.date(r.raised_on)}"
                if r.raised_by
                else f"{r.origin_ban}, {formatting.date(r.raised_on)}"
                for r in rows
            ],
            t("review.col.assigned", lang): [r.assigned_ban or t("review.unassigned", lang) for r in rows],
            t("review.col.state", lang): [t(f"proposal_state.{r.state}", lang) for r in rows],
            t("review.col.follow_up", lang): [r.follow_up for r in rows],
            t("review.col.carried", lang): [t("common.yes", lang) if r.carried_over else "" for r in rows],
        }
    )


def proposal_count_frame(rows: list[BanProposals], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("common.ban", lang): [r.ban for r in rows],
            t("review.col.proposals", lang): [r.total for r in rows],
            t("review.col.proposals_open", lang): [r.open for r in rows],
        }
    )


def period_name(window: Window, lang: str | None = None) -> str:
    """ "quý II/2018", "6 tháng đầu năm 2018", "năm 2018", or "từ 01/06/2018 đến 31/07/2018"."""
    for named, key in quick_periods(window.start.year, lang):
        if named == window:
            return key
    return formatting.window(window, lang)


def quick_periods(year: int, lang: str | None = None) -> list[tuple[Window, str]]:
    """The usual review periods of a year: its quarters, half-years and the whole year."""
    D = dt.date
    return [
        *((quarter_window(year, q), formatting.quarter(year, q, lang)) for q in range(1, 5)),
        (Window(D(year, 1, 1), D(year, 6, 30)), t("review.first_half", lang, year=year)),
        (Window(D(year, 7, 1), D(year, 12, 31)), t("review.second_half", lang, year=year)),
        (Window(D(year, 1, 1), D(year, 12, 31)), t("review.year", lang, year=year)),
    ]
