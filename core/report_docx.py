"""The period's review out of the app: a Word report laid out as a Vietnamese administrative
paper, and its tables as an Excel workbook.

Both are made from one `core.review.summary`, the same figures the /review page shows; the
tables (`*_frame`) are the page's tables too, and the charts are core.charts as PNG images.
Every text takes the language explicitly: a download is built outside the page's run.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from docx.shared import Cm

from core import charts, formatting, spreadsheet
from core.docx_layout import (administrative_header, centred, heading, lines, new_document, paragraph,
                               table, to_bytes)
from core.i18n import t
from core.periods import Window, quarter_window
from core.policy import YearPolicy
from core.progress import BanProgress, ContentCount
from core.review import Absentee, Highlight, PeriodSummary, ProposalRow


# --- The tables ---------------------------------------------------------------------------------

def ban_frame(rows: list[BanProgress], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        t("common.ban", lang): [b.name for b in rows],
        t("review.col.subject", lang): [b.participation.cadres for b in rows],
        t("review.col.went", lang): [b.participation.went for b in rows],
        t("review.col.rate", lang): [formatting.percent(b.participation.rate, lang) for b in rows],
        t("review.col.registered", lang): [b.participation.registered for b in rows],
        t("common.days", lang): [b.participation.days for b in rows],
        t("review.col.target", lang): [b.target_days for b in rows],
        t("review.col.reports_in", lang): [f"{b.reports.reported}/{b.reports.trips}" for b in rows],
        t("review.col.overdue", lang): [b.reports.overdue for b in rows],
    })


def content_frame(rows: list[ContentCount], year_policy: YearPolicy, lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        t("review.col.content", lang): [year_policy.content_label(r.content_type, lang) for r in rows],
        t("common.trips", lang): [r.trips for r in rows],
        t("common.days", lang): [r.days for r in rows],
        t("review.col.cadres", lang): [r.cadres for r in rows],
    })


def absentee_frame(rows: list[Absentee], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        t("common.name", lang): [r.full_name for r in rows],
        t("common.position", lang): [r.position for r in rows],
        t("common.ban", lang): [r.ban_name for r in rows],
        t("review.col.exemption", lang): ["; ".join(r.exemptions) for r in rows],
    })


def highlight_frame(rows: list[Highlight], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        t("review.col.trip_end", lang): [formatting.date(r.trip_end) for r in rows],
        t("common.cadre", lang): [r.cadre for r in rows],
        t("common.ban", lang): [r.ban for r in rows],
        t("review.col.place", lang): [r.place for r in rows],
        t("review.col.good_models", lang): [r.good_models for r in rows],
    })


def proposal_frame(rows: list[ProposalRow], lang: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        t("review.col.proposal", lang): [r.text for r in rows],
        t("review.col.raised", lang): [f"{r.raised_by} ({r.origin_ban}), {formatting.date(r.raised_on)}" for r in rows],
        t("review.col.assigned", lang): [r.assigned_ban or t("review.unassigned", lang) for r in rows],
        t("review.col.state", lang): [t(f"proposal_state.{r.state}", lang) for r in rows],
        t("review.col.follow_up", lang): [r.follow_up for r in rows],
        t("review.col.carried", lang): [t("common.yes", lang) if r.carried_over else "" for r in rows],
    })


def period_name(window: Window, lang: str | None = None) -> str:
    """"quý II/2018", "6 tháng đầu năm 2018", "năm 2018", or "từ 01/06/2018 đến 31/07/2018"."""
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


def workbook(s: PeriodSummary, lang: str | None = None) -> bytes:
    """The review's tables, one sheet each."""
    return spreadsheet.workbook({
        t("review.sheet.bans", lang): ban_frame(s.bans, lang),
        t("review.sheet.content", lang): content_frame(s.content.office, s.year_policy, lang),
        t("review.sheet.absent", lang): absentee_frame(s.absentees, lang),
        t("review.sheet.highlights", lang): highlight_frame(s.highlights, lang),
        t("review.sheet.proposals", lang): proposal_frame(s.proposals, lang),
    })


# --- The Word report ----------------------------------------------------------------------------

def report(s: PeriodSummary, lang: str | None = None) -> bytes:
    """The review of the window as a .docx file (A4, Times New Roman 13)."""
    doc = new_document()

    administrative_header(doc, s.settings, s.today, lang)
    doc.add_paragraph()
    centred(doc, t("review.doc.title", lang), bold=True, size=15)
    centred(doc, t("review.doc.subtitle", lang, period=period_name(s.window, lang)), bold=True, size=14)
    centred(doc, t("review.doc.window", lang, window=formatting.window(s.window, lang)), italic=True)
    centred(doc, "-----", size=12)

    part = s.headline.participation
    heading(doc, t("review.doc.part1", lang))
    heading(doc, t("review.doc.part1_1", lang))
    for text in (
        t("review.registered_sentence", lang, registered=part.registered, cadres=part.cadres,
          rate=formatting.percent(part.registered_rate, lang)),
        t("review.doc.went", lang, went=part.went, cadres=part.cadres, rate=formatting.percent(part.rate, lang),
          window=formatting.window(s.window, lang)),
        t("review.days_sentence", lang, days=formatting.number(part.days, lang),
          avg=formatting.number(s.headline.average_days, lang, digits=1)),
        t("review.doc.target", lang, target=formatting.number(s.headline.target_days, lang),
          share=formatting.percent(part.days / s.headline.target_days, lang) if s.headline.target_days else "–"),
        t("review.doc.reports", lang, reported=s.headline.reports.reported, trips=s.headline.reports.trips,
          overdue=s.headline.reports.overdue, date=formatting.date(s.headline.as_of)),
    ):
        paragraph(doc, text, indent=True)

    heading(doc, t("review.doc.part1_2", lang))
    table(doc, ban_frame(s.bans, lang))
    doc.add_picture(io.BytesIO(charts.png(charts.participation(s.bans, lang))), width=Cm(15.5))
    doc.add_picture(io.BytesIO(charts.png(charts.days_against_target(s.bans, lang))), width=Cm(15.5))

    heading(doc, t("review.doc.part1_3", lang))
    table(doc, content_frame(s.content.office, s.year_policy, lang))
    doc.add_picture(io.BytesIO(charts.png(charts.content_mix(s.content.by_ban, s.bans, s.year_policy, lang))),
                    width=Cm(15.5))

    heading(doc, t("review.doc.part1_4", lang))
    if s.absentees:
        table(doc, absentee_frame(s.absentees, lang))
    else:
        paragraph(doc, t("review.everyone_went", lang), indent=True)

    heading(doc, t("review.doc.part1_5", lang))
    for h in s.highlights:
        paragraph(doc, f"- {h.place} ({h.cadre}, {h.ban}, {formatting.date(h.trip_end)}):", indent=True)
        lines(doc, h.good_models)
    if not s.highlights:
        paragraph(doc, t("review.no_highlights", lang), indent=True)

    heading(doc, t("review.doc.part2", lang))
    heading(doc, t("review.doc.part2_1", lang))
    for meeting in s.meetings:
        lines(doc, meeting.difficulties)
    heading(doc, t("review.doc.part2_2", lang))
    if s.proposals:
        table(doc, proposal_frame(s.proposals, lang))
    else:
        paragraph(doc, t("review.no_proposals", lang), indent=True)

    heading(doc, t("review.doc.part3", lang))
    for meeting in s.meetings:
        paragraph(doc, t("review.meeting_held", lang, date=formatting.date(meeting.held_on), chair=meeting.chair),
                   italic=True, indent=True)
        lines(doc, meeting.conclusions)
        lines(doc, meeting.directions)
    if not s.meetings:
        paragraph(doc, t("review.no_meetings", lang), indent=True)

    doc.add_paragraph()
    sign = doc.add_table(rows=1, cols=2)
    centred(sign.rows[0].cells[1], t("review.doc.signature", lang), bold=True)
    return to_bytes(doc)
