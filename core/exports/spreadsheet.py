"""Excel and CSV out: every export goes through here, so every cell is made safe.

A cell that starts with =, +, -, @, tab, carriage return or NUL is read by Excel as a formula
(OWASP "CSV injection"); such text cells get a leading apostrophe so they stay text. A text that
starts with an apostrophe gets one more, so that taking one leading apostrophe off gives back
exactly what was written: the roster import does (`core.roster_import.parsing.unneutralise`),
and the roster exported from /admin imports back unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

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


def workbook(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one sheet per entry (names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            sheet = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"
            safe_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
            columns = writer.sheets[sheet].columns
            for column in columns:
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                writer.sheets[sheet].column_dimensions[column[0].column_letter].width = min(60, width + 2)
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel opens Vietnamese text correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
