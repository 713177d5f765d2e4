"""The review's tables as the papers carry them: numbers kept as numbers for the workbook (a
share as 0.923 shown "92,3%", an amount with its thousands), and with their totals row for the
Word report. The page's own tables are core.summary's `*_frame`; these reuse their columns."""

from __future__ import annotations

import pandas as pd

from core import formatting, progress
from core.exports.spreadsheet import MONEY, PERCENT, Sheet
from core.funding import Funding
from core.i18n import t
from core.proposals import BanProposals, ProposalRow
from core.summary import Highlight, ban_frame, highlight_frame


def ban_sheet(rows: list[progress.BanProgress], lang: str | None = None) -> Sheet:
    """The page's table by ban, its share a number and its "reports in/trips" two numbers."""
    frame = ban_frame(rows, lang)
    frame[t("review.col.rate", lang)] = [b.participation.rate for b in rows]
    reports = t("review.col.reports_in", lang)
    at = frame.columns.get_loc(reports)
    frame[reports] = [b.reports.reported for b in rows]
    frame.insert(at, t("sheet.col.trips_ended", lang), [b.reports.trips for b in rows])
    return Sheet(frame, {t("review.col.rate", lang): PERCENT})


def highlight_sheet(rows: list[Highlight], lang: str | None = None) -> Sheet:
    """The page's good models, the day the trip ended a date (that sorts) and not a text."""
    frame = highlight_frame(rows, lang)
    frame[t("review.col.trip_end", lang)] = [r.trip_end for r in rows]
    return Sheet(frame)


def ban_total(rows: list[progress.BanProgress], lang: str | None = None) -> list:
    """The totals row of the table by ban (core.summary.ban_frame's columns)."""
    went, cadres = sum(b.participation.went for b in rows), sum(b.participation.cadres for b in rows)
    reported, trips = sum(b.reports.reported for b in rows), sum(b.reports.trips for b in rows)
    return [
        t("doc.total", lang),
        cadres,
        went,
        formatting.percent(went / cadres if cadres else 0, lang),
        sum(b.participation.registered for b in rows),
        sum(b.participation.days for b in rows),
        sum(b.target_days for b in rows),
        f"{reported}/{trips}",
        sum(b.reports.overdue for b in rows),
    ]


def _funding_columns(lang: str | None) -> tuple[str, ...]:
    return tuple(
        t(key, lang)
        for key in ("common.ban", "funding.spent", "funding.budget", "funding.share", "funding.left")
    )


def funding_sheet(f: Funding, lang: str | None = None) -> Sheet:
    """Spent, pro-rated budget, share used and what is left per ban, in VND (a ban without a
    budget leaves those cells empty). No totals row: the filter would sort it among the bans."""
    ban, spent, budget, share, left = _funding_columns(lang)
    rows = [
        (b.name, b.spent, b.budget, b.share, None if b.budget is None else b.budget - b.spent) for b in f.bans
    ]
    frame = pd.DataFrame(rows, columns=[ban, spent, budget, share, left]).astype(
        {spent: "Int64", budget: "Int64", left: "Int64"}
    )
    return Sheet(frame, {spent: MONEY, budget: MONEY, left: MONEY, share: PERCENT})


def funding_frame(f: Funding, lang: str | None = None) -> tuple[pd.DataFrame, list]:
    """The funding by ban as the Word report writes it (amounts in VND with their thousands),
    and its totals row."""
    ban, spent, budget, share, left = _funding_columns(lang)

    def written(amount: int | None) -> str:
        return "–" if amount is None else formatting.number(amount, lang)

    def used(ratio: float | None) -> str:
        return "–" if ratio is None else formatting.percent(ratio, lang)

    frame = pd.DataFrame(
        {
            ban: [b.name for b in f.bans],
            spent: [written(b.spent) for b in f.bans],
            budget: [written(b.budget) for b in f.bans],
            share: [used(b.share) for b in f.bans],
            left: [written(None if b.budget is None else b.budget - b.spent) for b in f.bans],
        }
    )
    total = [
        t("doc.total", lang),
        written(f.spent),
        written(f.budget),
        used(f.share),
        written(None if f.budget is None else f.budget - f.spent),
    ]
    return frame, total


def proposals_by_ban(rows: list[BanProposals], lang: str | None = None) -> tuple[pd.DataFrame, list]:
    """Every ban's proposals counted (raised, not done, done), and the totals row."""
    frame = pd.DataFrame(
        {
            t("common.ban", lang): [r.ban for r in rows],
            t("review.col.proposals", lang): [r.total for r in rows],
            t("review.col.proposals_open", lang): [r.open for r in rows],
            t("doc.col.done", lang): [r.total - r.open for r in rows],
        }
    )
    total = [t("doc.total", lang), *(int(frame[c].sum()) for c in frame.columns[1:])]
    return frame, total


def annex_by_ban(
    rows: list[ProposalRow], order: list[str], lang: str | None = None
) -> list[tuple[str, pd.DataFrame]]:
    """The proposals listed in the annex, one table per ban that raised them (in `order`, the
    office's order of the bans): the ban in the group's title frees a column, and the state
    and what was done share one, so the proposal's text has the room."""
    groups: dict[str, list[ProposalRow]] = {}
    for row in rows:
        groups.setdefault(row.origin_ban, []).append(row)
    rank = {ban: n for n, ban in enumerate(order)}
    out = []
    for ban in sorted(groups, key=lambda b: rank.get(b, len(rank))):
        listed = groups[ban]
        out.append(
            (
                ban,
                pd.DataFrame(
                    {
                        t("review.col.proposal", lang): [r.text for r in listed],
                        t("review.col.raised", lang): [
                            ", ".join(x for x in (r.raised_by, formatting.date(r.raised_on)) if x)
                            + (f" ({t('doc.carried', lang)})" if r.carried_over else "")
                            for r in listed
                        ],
                        t("review.col.assigned", lang): [
                            r.assigned_ban or t("review.unassigned", lang) for r in listed
                        ],
                        t("doc.col.state_follow_up", lang): [
                            ": ".join(x for x in (t(f"proposal_state.{r.state}", lang), r.follow_up) if x)
                            for r in listed
                        ],
                    }
                ),
            )
        )
    return out
