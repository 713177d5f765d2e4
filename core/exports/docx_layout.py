"""The layout of a Vietnamese administrative paper in Word (Decree 30/2020): A4, Times New
Roman 13, the issuing body top left, the Union's name with the place and date top right.
Every Word export builds on these pieces."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from core.i18n import t

FONT = "Times New Roman"


def new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = FONT, Pt(13)
    return doc


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def paragraph(
    container,
    text: str,
    *,
    bold=False,
    italic=False,
    underline=False,
    size=13,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent=False,
):
    p = container.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    p.alignment = align
    p.paragraph_format.space_after = Pt(3)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    return p


def centred(container, text: str, **kw):
    return paragraph(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, **kw)


def heading(doc, text: str):
    return paragraph(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)


def table(doc, frame: pd.DataFrame) -> None:
    """A numbered table (first column "TT"), 10 pt, centred on the page."""
    grid = doc.add_table(rows=1, cols=len(frame.columns) + 1)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(grid.rows[0].cells, ["TT", *frame.columns]):
        cell.paragraphs[0].add_run(str(head)).bold = True
    for n, values in enumerate(frame.itertuples(index=False), 1):
        for cell, value in zip(grid.add_row().cells, [n, *values]):
            cell.text = str(value)
    for row in grid.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(10)
    doc.add_paragraph()


def lines(doc, text: str) -> None:
    """One indented "- " paragraph per non-empty line."""
    for line in (x.strip() for x in text.splitlines()):
        if line:
            paragraph(doc, f"- {line}", indent=True)


def date_parts(day: dt.date, lang: str | None = None) -> dict[str, str]:
    """Day and month as Decree 30/2020 writes them: a zero before days under 10 and before
    months 1 and 2 ("ngày 09 tháng 8", "ngày 15 tháng 02"); English keeps dd/mm."""
    month = f"{day.month:02d}" if (lang == "en" or day.month < 3) else str(day.month)
    return {"day": f"{day.day:02d}", "month": month, "year": str(day.year)}


def administrative_header(doc, settings: dict[str, str], today: dt.date, lang: str | None = None) -> None:
    """Issuing body top left, the Union's name and the place and date top right."""
    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    centred(left, settings.get("parent_name", ""), size=12)
    centred(left, settings.get("office_name", ""), bold=True, size=12)
    centred(left, "***", size=12)
    centred(right, t("review.doc.union", lang), bold=True, underline=True)
    centred(
        right,
        t("review.doc.place_date", lang, place=settings.get("office_place", ""), **date_parts(today, lang)),
        italic=True,
    )
