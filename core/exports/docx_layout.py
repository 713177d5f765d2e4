"""The layout of a Vietnamese administrative paper in Word (Decree 30/2020, and the Youth
Union's own form, where "ĐOÀN TNCS HỒ CHÍ MINH" stands in the place of the national motto):
A4, Times New Roman 13, the issuing body and the paper's number top left, the Union's name
with the place and date top right, the recipients ("Nơi nhận") and the signature at the foot.
Every Word export builds on these pieces.

Tables are fitted to their content (a column of counts is as narrow as its header's longest
word, a column of text takes the rest), their header row is repeated on each page and no row
is split across pages; a heading stays on the page of what follows it."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core.i18n import t

FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.0  # A4 less the margins (3 cm left, 2 cm right)
_CHAR_CM = 0.2  # an average character of Times New Roman 10 pt, with some room
_PADDING_CM = 0.4  # a cell's left and right margins


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
    run = p.add_run(capitalised(text))
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    p.alignment = align
    p.paragraph_format.space_after = Pt(3)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    return p


def centred(container, text: str, **kw):
    return paragraph(container, text, align=WD_ALIGN_PARAGRAPH.CENTER, **kw)


def capitalised(text: str) -> str:
    """The text with its first letter in upper case ("từ 01/06/2018 …" opens a sentence as
    "Từ 01/06/2018 …"); what comes before it (a dash, a bracket, a quote) is kept, and a
    text that opens with a figure is left as it is."""
    match = re.search(r"\w", text)
    if match is None or not match.group().islower():  # a sentence may open with a figure
        return text
    return text[: match.start()] + match.group().upper() + text[match.end() :]


def sentences(text: str) -> str:
    """A cadre's text with each sentence opening in upper case (after ". ", "! ", "? ")."""
    return re.sub(r"([.!?]\s+)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), capitalised(text))


def heading(doc, text: str):
    """A heading, kept on the page of the paragraph or table that follows it."""
    p = paragraph(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.keep_with_next = True
    return p


def column_widths(frame: pd.DataFrame, numbered: bool = True) -> list[float]:
    """Widths in cm that fill the text width: a column gets what its header's longest word and
    its longest value need; when they do not fit, the short columns (counts, dates, states)
    keep theirs and the long ones (text) share what is left, a step at a time to the column
    whose widening saves the most lines of the table (its rows are as tall as their longest
    cell: a proposal's text and a short "what was done" are weighed row by row)."""
    columns = (["TT"] if numbered else []) + [str(c) for c in frame.columns]
    values = [list(range(1, len(frame) + 1))] if numbered else []
    values += [frame[c].tolist() for c in frame.columns]
    need, least = [], []
    for head, column in zip(columns, values):
        word = max((len(w) for w in head.split()), default=2)
        longest = max((len(str(v)) for v in column if v is not None), default=0)
        least.append(max(word, 2) * _CHAR_CM + _PADDING_CM)
        need.append(max(word, min(longest, 80), 2) * _CHAR_CM + _PADDING_CM)
    if sum(need) <= TEXT_WIDTH_CM:
        return [w * TEXT_WIDTH_CM / sum(need) for w in need]
    short = [w <= 3.2 for w in need]
    widths = [w if s else least_w for w, s, least_w in zip(need, short, least)]
    long = [i for i, s in enumerate(short) if not s]
    # A sample of the rows is enough to weigh the columns (and keeps a long list quick).
    rows = [[len(str(values[i][r])) for i in long] for r in range(0, len(frame), max(1, len(frame) // 300))]
    step = 0.2

    def height(trial: list[float]) -> int:
        per_line = [max(1, int((trial[i] - _PADDING_CM) / _CHAR_CM)) for i in long]
        return sum(max(-(-n // p) for n, p in zip(row, per_line)) for row in rows)

    while sum(widths) + step <= TEXT_WIDTH_CM + 1e-9:
        best = min(
            long, key=lambda i: (height([w + step * (j == i) for j, w in enumerate(widths)]), -need[i])
        )
        widths[best] += step
    return widths


def table(doc, frame: pd.DataFrame, total: list | None = None, numbered: bool = True) -> None:
    """A numbered table (first column "TT"), 10 pt, fitted to the page, its header repeated on
    each page; `total` (the values of each column of `frame`) adds a bold totals row."""
    columns = (["TT"] if numbered else []) + list(frame.columns)
    grid = doc.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _fixed_layout(grid)
    for cell, head in zip(grid.rows[0].cells, columns):
        cell.paragraphs[0].add_run(str(head)).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _row_flags(grid.rows[0], header=True)
    rows = [
        [n, *values] if numbered else list(values)
        for n, values in enumerate(frame.itertuples(index=False), 1)
    ]
    for values in rows:
        _fill(grid.add_row(), values)
    if total is not None:
        _fill(grid.add_row(), (["", *total] if numbered else list(total)), bold=True)
    for width, column in zip(column_widths(frame, numbered), grid.columns):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for row in grid.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(10)
    doc.add_paragraph()


def _fill(row, values, bold: bool = False) -> None:
    _row_flags(row)
    for cell, value in zip(row.cells, values):
        run = cell.paragraphs[0].add_run("" if value is None else str(value))
        run.bold = bold
        if isinstance(value, (int, float)) or _figure(str(value)):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _figure(text: str) -> bool:
    """A count, a share or an amount as written ("12", "87,4%", "3/5", "1.200.000"), centred."""
    return bool(re.fullmatch(r"[\d.,/%–\s-]+", text)) and any(ch.isdigit() for ch in text)


def _row_flags(row, header: bool = False) -> None:
    """A row never split across pages; the header row repeated at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", *(("w:tblHeader",) if header else ())):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        properties.append(flag)


def _widths(grid, widths_cm) -> None:
    grid.autofit = False
    for column, width in zip(grid.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _fixed_layout(grid) -> None:
    """Word keeps the widths given instead of fitting them again to the text."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    grid._tbl.tblPr.append(layout)


def lines(doc, text: str) -> None:
    """One indented "- " paragraph per non-empty line, each sentence opening in upper case."""
    for line in (x.strip().lstrip("-–•* ").strip() for x in text.splitlines()):
        if line:
            paragraph(doc, f"- {sentences(line)}", indent=True)


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def date_parts(day: dt.date, lang: str | None = None) -> dict[str, str]:
    """Day and month as Decree 30/2020 writes them: a zero before days under 10 and before
    months 1 and 2 ("ngày 09 tháng 8", "ngày 15 tháng 02"); English keeps dd/mm."""
    month = f"{day.month:02d}" if (lang == "en" or day.month < 3) else str(day.month)
    return {"day": f"{day.day:02d}", "month": month, "year": str(day.year)}


def administrative_header(
    doc, settings: dict[str, str], today: dt.date, lang: str | None = None, kind: str | None = None
) -> None:
    """Issuing body top left (with the paper's number, "Số:   -BC/TWĐTN-VP", when `kind` says
    which paper it is: "BC" a report), the Union's name and the place and date top right."""
    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    _widths(header, (7.0, 9.0))
    centred(left, settings.get("parent_name", ""), size=12)
    centred(left, settings.get("office_name", ""), bold=True, size=12)
    centred(left, "***", size=12)
    if kind:
        # The number is given by the office's clerk as the paper is issued: left blank.
        centred(left, t("doc.number", lang, kind=kind, symbol=settings.get("office_symbol") or "…"), size=13)
    centred(right, t("review.doc.union", lang), bold=True, underline=True)
    place = settings.get("office_place", "")
    dated = t("review.doc.place_date", lang, place=place or "…", **date_parts(today, lang))
    centred(right, dated, italic=True)


def signature_block(
    doc, recipients: list[str], on_behalf: str, title: str, name: str, lang: str | None = None
) -> None:
    """The foot of the paper: the recipients ("Nơi nhận:", 12 pt) left, and right the body the
    signer signs for ("T/M BAN THƯỜNG VỤ"), the signer's post, room for the signature and the
    signer's name."""
    doc.add_paragraph().paragraph_format.keep_with_next = True
    foot = doc.add_table(rows=1, cols=2)
    left, right = foot.rows[0].cells
    _widths(foot, (7.0, 9.0))
    _row_flags(foot.rows[0])
    label = paragraph(
        left, t("doc.recipients", lang), bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    label.paragraph_format.space_after = Pt(0)
    for line in recipients:
        p = paragraph(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.space_after = Pt(0)
    centred(right, on_behalf, bold=True)
    centred(right, title, bold=True)
    for _ in range(3):
        centred(right, "")
    centred(right, name or "", bold=True)


def office_signature(doc, settings: dict[str, str], recipients: list[str], lang: str | None = None) -> None:
    """The foot every paper of the office ends with (the period's report, the evaluation
    papers): `recipients` under "Nơi nhận:", and signed for the standing committee by the
    signer the settings name (core.office: "signer_title", "signer_name")."""
    signature_block(
        doc,
        recipients,
        t("doc.on_behalf", lang),
        settings.get("signer_title") or t("doc.signer_title", lang),
        settings.get("signer_name", ""),
        lang,
    )
