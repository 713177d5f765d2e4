"""Excel and CSV out: every export goes through here, so every cell is made safe.

A cell that starts with =, +, -, @, tab, carriage return or NUL is read by Excel as a formula
(OWASP "CSV injection"); such text cells get a leading apostrophe so they stay text. A text that
starts with an apostrophe gets one more, so that taking one leading apostrophe off gives back
exactly what was written: the roster import does (`core.roster_import.parsing.unneutralise`),
and the roster exported from /admin imports back unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00")
_ESCAPED_STARTS = (*_FORMULA_STARTS, "'")


def neutralise(value):
    """The value as a spreadsheet may show it without running it (and, with one leading
    apostrophe taken off, exactly the value)."""
    if isinstance(value, str) and value.startswith(_ESCAPED_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


# Number formats in Excel's own notation: Excel shows them in the reader's locale (1.234,5 and
# 92,3% on a Vietnamese machine), and the cells stay numbers that add up and sort.
COUNT = "#,##0"
DECIMAL = "#,##0.0"
PERCENT = "0.0%"
MONEY = "#,##0"
DATE = "dd/mm/yyyy"

_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


@dataclass(frozen=True)
class Sheet:
    """A table for the workbook, with the number format of some of its columns (by column name;
    the others: whole numbers as COUNT, other numbers as DECIMAL)."""

    frame: pd.DataFrame
    formats: Mapping[str, str] = field(default_factory=dict)


def workbook(sheets: Mapping[str, pd.DataFrame | Sheet], title: Sequence[str] = ()) -> bytes:
    """An .xlsx file with one sheet per entry (names cut to Excel's 31 characters): `title`'s
    lines (the office, the period) in bold above the table, then a bold header row that stays
    in view (frozen panes) with a filter, numbers kept as numbers with their format, and
    columns as wide as their content (up to a limit). Without a title the header is row 1, so
    a template or an export reads back as it was written."""
    book = Workbook()
    book.remove(book.active)
    for name, given in sheets.items():
        sheet = given if isinstance(given, Sheet) else Sheet(given)
        _write(
            book.create_sheet("".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"),
            sheet,
            title,
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(ws, sheet: Sheet, title: Sequence[str]) -> None:
    frame = safe_frame(sheet.frame)
    for n, line in enumerate(title, 1):
        ws.cell(n, 1, line).font = Font(bold=True, size=13 if n == 1 else 11)
    header = len(title) + 1 + bool(title)  # a blank row between the title and the table
    widths = []
    for col, name in enumerate(frame.columns, 1):
        cell = ws.cell(header, col, name)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        # A header wraps onto two lines rather than widen a column of small numbers.
        widths.append(max(8, *(len(word) for word in str(name).split()), len(str(name)) // 2 + 1))
    for row, values in enumerate(frame.itertuples(index=False), header + 1):
        for col, value in enumerate(values, 1):
            value = _plain(value)
            cell = ws.cell(row, col, value)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                default = COUNT if isinstance(value, int) else DECIMAL
                cell.number_format = sheet.formats.get(sheet.frame.columns[col - 1], default)
                shown = (
                    len(f"{value:,}") if cell.number_format in (COUNT, MONEY) else len(f"{value:,.1f}") + 1
                )
            elif isinstance(value, dt.date):
                cell.number_format = sheet.formats.get(sheet.frame.columns[col - 1], DATE)
                shown = 10
            else:
                shown = max((len(line) for line in str(value or "").splitlines()), default=0)
            widths[col - 1] = max(widths[col - 1], shown + 2)
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = min(60, width)
    last = get_column_letter(max(1, len(frame.columns)))
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.auto_filter.ref = f"A{header}:{last}{header + max(1, len(frame))}"


def _plain(value):
    """A cell's value as openpyxl writes it: numpy numbers as Python's, missing as empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Vietnamese text correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
