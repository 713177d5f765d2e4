"""The period's review out of the app: a Word report laid out as a Vietnamese administrative
paper, and its tables as an Excel workbook.

Both are made from one `core.summary.summary`, the same figures the /review page shows; the
tables are the page's own (core.summary's `*_frame`), and the charts are core.charts as PNG
images. They hold what the summary holds for its reader: a ban's leader gets the own ban's
good models and proposals, and the other bans' as counts. Every text takes the language explicitly: a download is built outside the page's run.
"""

from __future__ import annotations

import io

from docx.shared import Cm

from core import charts, formatting, province_map
from core.exports import review_tables as tables
from core.exports import spreadsheet
from core.exports.chart_images import png
from core.exports.docx_layout import (
    administrative_header,
    centred,
    heading,
    lines,
    new_document,
    office_signature,
    page_break,
    paragraph,
    table,
    to_bytes,
)
from core.i18n import t
from core.summary import (
    PeriodSummary,
    absentee_frame,
    ban_frame,
    content_frame,
    period_name,
    proposal_count_frame,
    proposal_frame,
)


def workbook(s: PeriodSummary, lang: str | None = None) -> bytes:
    """The review's tables, one sheet each, under a title naming the office and the period;
    counts, shares and amounts stay numbers (with their number format) that add up and sort."""
    return spreadsheet.workbook(
        {
            t("review.sheet.bans", lang): tables.ban_sheet(s.bans, lang),
            t("review.sheet.content", lang): content_frame(s.content.office, s.year_policy, lang),
            t("review.sheet.absent", lang): absentee_frame(s.absentees, lang),
            t("review.sheet.highlights", lang): tables.highlight_sheet(s.highlights, lang),
            t("review.sheet.proposals", lang): proposal_frame(s.proposals, lang),
            t("review.sheet.proposal_counts", lang): proposal_count_frame(s.proposal_counts, lang),
            **({t("funding.sheet", lang): tables.funding_sheet(s.funding, lang)} if s.funding else {}),
        },
        title=(
            t(
                "sheet.title",
                lang,
                office=s.settings.get("office_name", ""),
                period=period_name(s.window, lang),
            ),
            t("sheet.window", lang, window=formatting.window(s.window, lang), date=formatting.date(s.today)),
        ),
    )


# --- The Word report ----------------------------------------------------------------------------


def report(s: PeriodSummary, lang: str | None = None) -> bytes:
    """The review of the window as a .docx file (A4, Times New Roman 13): the administrative
    header, the figures with their tables and charts, the proposals counted by ban, the
    conclusions, the recipients and the signature; the full list of proposals in an annex."""
    doc = new_document()

    administrative_header(doc, s.settings, s.today, lang, kind="BC")
    doc.add_paragraph()
    centred(doc, t("review.doc.title", lang), bold=True, size=15)
    centred(doc, t("review.doc.subtitle", lang, period=period_name(s.window, lang)), bold=True, size=14)
    centred(doc, t("review.doc.window", lang, window=formatting.window(s.window, lang)), italic=True)
    centred(doc, "-----", size=12)

    part = s.headline.participation
    heading(doc, t("review.doc.part1", lang))
    heading(doc, t("review.doc.part1_1", lang))
    for text in (
        t(
            "review.registered_sentence",
            lang,
            registered=part.registered,
            cadres=part.cadres,
            rate=formatting.percent(part.registered_rate, lang),
        ),
        t(
            "review.doc.went",
            lang,
            went=part.went,
            cadres=part.cadres,
            rate=formatting.percent(part.rate, lang),
            window=formatting.window(s.window, lang),
        ),
        t(
            "review.days_sentence",
            lang,
            days=formatting.number(part.days, lang),
            avg=formatting.number(s.headline.average_days, lang, digits=1),
        ),
        t(
            "review.doc.target",
            lang,
            target=formatting.number(s.headline.target_days, lang),
            share=formatting.percent(part.days / s.headline.target_days, lang)
            if s.headline.target_days
            else "–",
        ),
        t(
            "review.doc.reports",
            lang,
            reported=s.headline.reports.reported,
            trips=s.headline.reports.trips,
            overdue=s.headline.reports.overdue,
            date=formatting.date(s.headline.as_of),
        ),
    ):
        paragraph(doc, text, indent=True)
    if s.attachments is not None:
        files = s.attachments
        sentence = t(
            "attachments.count_sentence",
            lang,
            thematic=files.thematic,
            photos=files.photos,
            files=files.files,
        )
        paragraph(doc, sentence, indent=True)

    heading(doc, t("review.doc.part1_2", lang))
    table(doc, ban_frame(s.bans, lang), total=tables.ban_total(s.bans, lang))
    doc.add_picture(io.BytesIO(png(charts.participation(s.bans, lang))), width=Cm(15.5))
    doc.add_picture(io.BytesIO(png(charts.days_against_target(s.bans, lang))), width=Cm(15.5))

    heading(doc, t("review.doc.part1_3", lang))
    table(doc, content_frame(s.content.office, s.year_policy, lang))
    doc.add_picture(
        io.BytesIO(png(charts.content_mix(s.content.by_ban, s.bans, s.year_policy, lang))), width=Cm(15.5)
    )
    if s.provinces:  # where the office went: the map of /progress
        doc.add_picture(io.BytesIO(png(province_map.chart(list(s.provinces), lang))), width=Cm(12))
        paragraph(doc, t("places.map.caption", lang, n=province_map.unvisited(s.provinces)), italic=True)

    heading(doc, t("review.doc.part1_4", lang))
    if s.absentees:
        table(doc, absentee_frame(s.absentees, lang))
    else:
        paragraph(doc, t("review.everyone_went", lang), indent=True)

    heading(doc, t("review.doc.part1_5", lang))
    if not s.every_ban:
        paragraph(doc, t("review.own_ban_content", lang), italic=True, indent=True)
    for h in s.highlights:
        place = paragraph(
            doc, f"- {h.place} ({h.cadre}, {h.ban}, {formatting.date(h.trip_end)}):", indent=True
        )
        place.paragraph_format.keep_with_next = True  # with the model it introduces
        lines(doc, h.good_models)
    if not s.highlights:
        paragraph(doc, t("review.no_highlights", lang), indent=True)

    if s.funding is not None:
        funding_part(doc, s, lang)

    heading(doc, t("review.doc.part2", lang))
    heading(doc, t("review.doc.part2_1", lang))
    for meeting in s.meetings:
        lines(doc, meeting.difficulties)
    heading(doc, t("review.doc.part2_2", lang))
    if s.proposal_counts:
        counts, total = tables.proposals_by_ban(s.proposal_counts, lang)
        summary_line = paragraph(
            doc, t("doc.proposals_summary", lang, total=total[1], open=total[2]), indent=True
        )
        summary_line.paragraph_format.keep_with_next = True
        table(doc, counts, total=total)
    else:
        paragraph(doc, t("review.no_proposals", lang), indent=True)

    heading(doc, t("review.doc.part3", lang))
    for meeting in s.meetings:
        paragraph(
            doc,
            t("review.meeting_held", lang, date=formatting.date(meeting.held_on), chair=meeting.chair),
            italic=True,
            indent=True,
        )
        lines(doc, meeting.conclusions)
        lines(doc, meeting.directions)
    if not s.meetings:
        paragraph(doc, t("review.no_meetings", lang), indent=True)

    office_signature(
        doc,
        s.settings,
        [
            *(
                [t("doc.recipient.parent", lang, parent=s.settings["parent_name"])]
                if s.settings.get("parent_name")
                else []
            ),
            t("doc.recipient.leaders", lang),
            t("doc.recipient.bans", lang),
            t("doc.recipient.archive", lang),
        ],
        lang,
    )
    if s.proposals:
        proposals_annex(doc, s, lang)
    return to_bytes(doc)


def funding_part(doc, s: PeriodSummary, lang: str | None) -> None:
    """The money of the window: spent against the budget pro-rated to it, per ban."""
    f = s.funding
    heading(doc, t("funding.doc.heading", lang))
    if f.budget:
        text = t(
            "funding.doc.sentence",
            lang,
            spent=formatting.number(f.spent, lang),
            share=formatting.percent(f.share, lang),
            budget=formatting.number(f.budget, lang),
        )
    else:
        text = t("funding.doc.sentence_no_budget", lang, spent=formatting.number(f.spent, lang))
    paragraph(doc, text, indent=True).paragraph_format.keep_with_next = True
    frame, total = tables.funding_frame(f, lang)
    table(doc, frame, total=total)


def proposals_annex(doc, s: PeriodSummary, lang: str | None) -> None:
    """Every proposal shown for the window, with its follow-up, on pages of its own."""
    page_break(doc)
    centred(doc, t("doc.annex", lang), bold=True, size=14)
    centred(doc, t("doc.annex.proposals", lang), bold=True)
    centred(doc, t("doc.annex.attached", lang, period=period_name(s.window, lang)), italic=True)
    if not s.every_ban:
        paragraph(doc, t("review.own_ban_content", lang), italic=True, indent=True)
    groups = tables.annex_by_ban(s.proposals, [c.ban for c in s.proposal_counts], lang)
    for number, (ban, frame) in enumerate(groups, 1):
        heading(doc, t("doc.annex.ban", lang, number=number, ban=ban, count=len(frame)))
        table(doc, frame)
