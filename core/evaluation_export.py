"""The year's evaluations out of the app: an Excel workbook, and a Word document per ban laid
out as a Vietnamese administrative paper (issuing body top left, the Union's name top right,
place and date, the title, the table, the signature)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from sqlalchemy.orm import Session

from core import spreadsheet
from core.evaluations import EvaluationRow, year_sheet
from core.i18n import t
from core.permissions import Actor
from core.roster import bans
from db.models import Setting


def rating_label(code: str | None, lang: str | None = None) -> str:
    return t(f"rating.{code}", lang) if code else t("evaluations.not_rated", lang)


def frame(rows: list[EvaluationRow], ban_names: dict[int, str], lang: str | None = None) -> pd.DataFrame:
    """The evaluation table as the page and the workbook show it."""
    return pd.DataFrame({
        t("common.ban", lang): [ban_names.get(r.ban_id, "") for r in rows],
        t("common.code", lang): [r.code for r in rows],
        t("common.name", lang): [r.full_name for r in rows],
        t("common.position", lang): [r.position for r in rows],
        t("common.days", lang): [r.days for r in rows],
        t("evaluations.col.target", lang): [r.target_days for r in rows],
        t("common.trips", lang): [r.trips for r in rows],
        t("evaluations.col.content_types", lang): [r.content_types for r in rows],
        t("evaluations.col.on_time", lang): [r.reports_on_time for r in rows],
        t("evaluations.col.late", lang): [r.reports_late for r in rows],
        t("evaluations.col.missing", lang): [r.reports_missing for r in rows],
        t("evaluations.col.answered", lang): [f"{r.questions_answered}/{r.questions}" for r in rows],
        t("evaluations.col.proposals", lang): [r.proposals for r in rows],
        t("evaluations.col.proposed", lang): [rating_label(r.proposed_rating, lang) for r in rows],
        t("evaluations.col.final", lang): [rating_label(r.final_rating, lang) for r in rows],
        t("evaluations.col.comment", lang): [r.comment for r in rows],
    })


def _ban_names(session: Session) -> dict[int, str]:
    return {b.id: b.name for b in bans(session, include_inactive=True)}


def workbook(session: Session, actor: Actor, year: int) -> bytes:
    """Every evaluation the actor may read for `year`, as one Excel sheet."""
    rows = year_sheet(session, actor, year)
    return spreadsheet.workbook({t("evaluations.sheet", year=year): frame(rows, _ban_names(session))})


def _setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row else ""


def _paragraph(cell_or_doc, text: str, bold=False, italic=False, size=13, center=True, underline=False):
    p = cell_or_doc.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    return p


def ban_document(session: Session, actor: Actor, year: int, ban_id: int,
                 today: dt.date | None = None) -> bytes:
    """The evaluation paper of one ban for `year`, as a .docx file."""
    today = today or dt.date.today()
    rows = year_sheet(session, actor, year, ban_id)
    ban_name = _ban_names(session).get(ban_id, "")
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)

    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    _paragraph(left, _setting(session, "parent_name"), size=12)
    _paragraph(left, _setting(session, "office_name"), bold=True, size=12)
    _paragraph(left, "***", size=12)
    _paragraph(right, t("evaluations.doc.union"), bold=True, underline=True, size=13)
    place = _setting(session, "office_place")
    _paragraph(right, t("evaluations.doc.place_date", place=place, day=f"{today.day:02d}",
                        month=f"{today.month:02d}", year=today.year), italic=True, size=13)

    doc.add_paragraph()
    _paragraph(doc, t("evaluations.doc.title"), bold=True, size=14)
    _paragraph(doc, t("evaluations.doc.subtitle", year=year), bold=True, size=14)
    _paragraph(doc, t("evaluations.doc.ban", ban=ban_name), italic=True)
    doc.add_paragraph()

    heads = [t("evaluations.doc.no"), t("common.name"), t("common.position"), t("common.days"),
             t("common.trips"), t("evaluations.col.final"), t("evaluations.col.comment")]
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, heads):
        cell.text = ""
        cell.paragraphs[0].add_run(head).bold = True
    for n, r in enumerate(rows, 1):
        values = [str(n), r.full_name, r.position, str(r.days), str(r.trips),
                  rating_label(r.rating), r.comment]
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(11)

    doc.add_paragraph()
    sign = doc.add_table(rows=1, cols=2)
    _paragraph(sign.rows[0].cells[1], t("evaluations.doc.signature"), bold=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
