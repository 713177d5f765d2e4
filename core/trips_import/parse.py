"""A file of past trips, row by row: its columns, each cell made a value, and every problem a
row has on its own named by row and column (what needs the database is core.trips_import.plan's).

The columns are the office's, in Vietnamese, as its Excel has them (COLUMNS); a header is
matched without regard to case, Unicode form, spaces around "/" or a trailing "(…)" hint, and
columns the import does not know are left aside (the preview names them).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from core import limits
from core.errors import FieldError, ValidationError
from core.i18n import t
from core.text import clean
from core.trips import FIRST_YEAR
from core.trips_import import read
from core.trips_import.phases import Phases


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as the template writes it, in Vietnamese: the file is the office's
    required: bool = False

    @property
    def label(self) -> str:
        """The message key naming the column in a problem."""
        return f"trips_import.col.{self.field}"


COLUMNS = (
    Column("cadre_code", "Mã cán bộ", True),
    Column("start", "Từ ngày", True),
    Column("end", "Đến ngày", True),
    Column("province", "Tỉnh/Thành phố", True),
    Column("district", "Quận/Huyện"),
    Column("commune", "Xã/Phường"),
    Column("host_unit", "Đơn vị đến", True),
    Column("content", "Nội dung", True),
    Column("funding", "Kinh phí (VND)"),
    Column("order_no", "Số quyết định cử đi"),
    Column("report_state", "Tình trạng báo cáo"),
    Column("report_date", "Ngày nộp báo cáo"),
    Column("findings", "Kết quả"),
    Column("proposals", "Kiến nghị"),
)
BY_FIELD = {c.field: c for c in COLUMNS}
LABEL = {c.field: c.label for c in COLUMNS}

# A report's state as the office writes it (Tình trạng báo cáo) -> the state stored; None: no
# report sent (a report is stored only if the row has its text, as a draft).
REPORT_STATES = {
    "": None,
    "chưa nộp": None,
    "chua nop": None,
    "not submitted": None,
    "đã nộp": "submitted",
    "da nop": "submitted",
    "submitted": "submitted",
    "đã duyệt": "accepted",
    "da duyet": "accepted",
    "accepted": "accepted",
}
CONTENT_SEPARATOR = ";"


@dataclass(frozen=True)
class Limits:
    """How much a file may hold. The shell's defaults take a history of many years; a page
    passes its upload cap."""

    max_bytes: int = 200 * 2**20
    max_rows: int = 300_000
    max_unzipped: int = 4 * 2**30


class ParsedRow(NamedTuple):
    """One row's values, as the file gives them (cadre and content types not looked up yet).
    A named tuple: a file's rows are set aside and read back by the hundred thousand."""

    row: int  # the row's number in the spreadsheet (the header is usually row 1)
    cadre_code: str
    start: dt.date
    end: dt.date
    province: str
    district: str
    commune: str
    host_unit: str
    content: tuple[str, ...]  # the content-type labels as written
    funding: int
    order_no: str
    report_state: str | None  # None (not sent), "submitted" or "accepted"
    report_date: dt.date | None
    findings: str
    proposals: tuple[str, ...]


@dataclass(frozen=True)
class RowError(FieldError):
    """A problem of one cell: "Dòng 5 — Từ ngày: …"."""

    row: int = 0

    def text(self, lang: str | None = None) -> str:
        return t("trips_import.error.at_row", lang, row=self.row) + super().text(lang)


def cell_error(row: int, field: str, message: str, **params) -> RowError:
    return RowError(LABEL[field], message, params, row)


def file_error(message: str, **params) -> ValidationError:
    return ValidationError([FieldError("", message, params)])


# --- Headers ------------------------------------------------------------------------------------


def header_key(text) -> str:
    """A header as compared: NFC, lower case, single spaces, none around "/", without a
    trailing "(…)" hint or a "*" mark."""
    text = unicodedata.normalize("NFC", str(text or "")).casefold()
    text = re.sub(r"\s*\(.*\)\s*$", "", " ".join(text.split())).strip(" *")
    return re.sub(r"\s*/\s*", "/", text)


_FIELDS = {header_key(c.header): c.field for c in COLUMNS}


# --- Cells --------------------------------------------------------------------------------------


def _blank(value) -> bool:
    return value is None or (type(value) is str and not value.strip())


def _text(value) -> str:
    """A cell as text: numbers as Excel shows them (a code typed as a number, 0123 → "123")."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


_DATE_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def _date(value, row: int, field: str, errors: list) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).strip()
    if isinstance(value, str):
        for pattern in _DATE_PATTERNS:
            try:
                day = dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            if day.year >= FIRST_YEAR:
                return day
            break
    errors.append(cell_error(row, field, "trips_import.error.bad_date", value=text))
    return None


_MONEY_UNITS = re.compile(r"\s*(vnđ|vnd|đồng|đ)\.?$")
_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


def _money(value, row: int, errors: list) -> int:
    """VND as a whole number: 1500000, 1.500.000, "1,500,000 đ"; empty is 0."""
    if _blank(value):
        return 0
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if value >= 0:
            return value
    elif isinstance(value, float):
        if value.is_integer() and value >= 0:
            return int(value)
    elif isinstance(value, str):
        text = _MONEY_UNITS.sub(
            "", unicodedata.normalize("NFC", value).strip().casefold().replace("\xa0", " ")
        )
        if _GROUPED.match(text):
            return int(re.sub(r"[.,\s]", "", text))
        if text.isdigit():
            return int(text)
    errors.append(cell_error(row, "funding", "trips_import.error.bad_number", value=_text(value)))
    return 0


def _report_state(value, row: int, errors: list) -> str | None:
    word = " ".join(unicodedata.normalize("NFC", _text(value)).casefold().split())
    if word in REPORT_STATES:
        return REPORT_STATES[word]
    errors.append(cell_error(row, "report_state", "trips_import.error.bad_report_state", value=_text(value)))
    return None


def column_required(field: str) -> bool:
    return BY_FIELD[field].required


def parse_row(number: int, cells: dict, today: dt.date) -> tuple[ParsedRow | None, list[RowError]]:
    """One row's values and the problems it has on its own (the cadre, the year's content
    types, overlaps and the trip rules of core.trips are checked by plan). The values come
    back whenever both dates could be read, even with problems, so that plan names the rest."""
    errors: list[RowError] = []
    for field, value in cells.items():
        if isinstance(value, read.Formula) or (isinstance(value, str) and value.startswith("=")):
            errors.append(cell_error(number, field, "trips_import.error.formula"))
            cells[field] = ""
        elif _blank(value) and column_required(field):
            errors.append(cell_error(number, field, "error.required"))
    start = _date(cells.get("start"), number, "start", errors)
    end = _date(cells.get("end"), number, "end", errors)
    report_date = _date(cells.get("report_date"), number, "report_date", errors)
    funding = _money(cells.get("funding"), number, errors)
    state = _report_state(cells.get("report_state"), number, errors)
    findings = clean(_text(cells.get("findings")), multiline=True)
    proposals = tuple(
        p
        for p in (clean(line) for line in clean(_text(cells.get("proposals")), multiline=True).split("\n"))
        if p
    )
    if state is not None and _blank(cells.get("report_date")):
        errors.append(
            cell_error(
                number,
                "report_date",
                "trips_import.error.report_needs_date",
                state=_text(cells.get("report_state")).strip(),
            )
        )
    if state is None and report_date is not None:
        errors.append(cell_error(number, "report_date", "trips_import.error.date_without_report"))
    if report_date is not None and end is not None and report_date < end:
        errors.append(
            cell_error(
                number, "report_date", "trips_import.error.report_before_end", end=end.strftime("%d/%m/%Y")
            )
        )
    if report_date is not None and report_date > today:
        errors.append(cell_error(number, "report_date", "trips_import.error.in_future"))
    # The report service's own caps (core.limits), named by the row and column they are in.
    if len(findings) > limits.REPORT_TEXT:
        errors.append(cell_error(number, "findings", "error.too_long", limit=limits.REPORT_TEXT))
    if len(proposals) > limits.PROPOSALS:
        errors.append(cell_error(number, "proposals", "error.too_many", limit=limits.PROPOSALS))
    elif any(len(p) > limits.PROPOSAL for p in proposals):
        errors.append(cell_error(number, "proposals", "error.too_long", limit=limits.PROPOSAL))
    elif len("\n".join(proposals)) > limits.REPORT_TEXT:
        errors.append(cell_error(number, "proposals", "error.too_long", limit=limits.REPORT_TEXT))
    if start is None or end is None:
        return None, errors
    content = tuple(
        dict.fromkeys(
            c for c in (clean(part) for part in _text(cells.get("content")).split(CONTENT_SEPARATOR)) if c
        )
    )
    if not content and not _blank(cells.get("content")):  # only separators
        errors.append(cell_error(number, "content", "error.required"))
    return ParsedRow(
        row=number,
        cadre_code=clean(_text(cells.get("cadre_code"))),
        start=start,
        end=end,
        province=clean(_text(cells.get("province"))),
        district=clean(_text(cells.get("district"))),
        commune=clean(_text(cells.get("commune"))),
        host_unit=clean(_text(cells.get("host_unit"))),
        content=content,
        funding=funding,
        order_no=clean(_text(cells.get("order_no"))),
        report_state=state,
        report_date=report_date,
        findings=findings,
        proposals=proposals,
    ), errors


# --- The file -----------------------------------------------------------------------------------


class TripFile:
    """The rows of a file of past trips, read once, one at a time:

        source = TripFile(content, "lich-su.xlsx")
        for number, row, problems in source: …

    File-wide problems (not a spreadsheet, not UTF-8, a required column missing, too many
    rows …) raise ValidationError while iterating; `ignored` holds the headers of the
    columns left aside once the header row has been read."""

    def __init__(
        self,
        source: read.Source,
        filename: str = "",
        today: dt.date | None = None,
        limits: Limits = Limits(),
        phases: Phases | None = None,
    ):
        self.source, self.filename, self.limits = source, filename, limits
        self.phases = phases
        self.today = today or dt.date.today()
        self.ignored: tuple[str, ...] = ()
        self.rows = 0

    def __iter__(self) -> Iterator[tuple[int, ParsedRow | None, list[RowError]]]:
        if read.size_of(self.source) > self.limits.max_bytes:
            raise file_error("trips_import.error.too_big", limit=self.limits.max_bytes // 2**20)
        try:
            with read.rows(self.source, self.filename, self.limits.max_unzipped) as rows:
                yield from self._parse(self.phases.timed(rows, "read") if self.phases else rows)
        except read.FileProblem as problem:
            raise file_error(problem.key, **problem.params) from problem

    def _parse(self, rows) -> Iterator[tuple[int, ParsedRow | None, list[RowError]]]:
        index = None
        for number, cells in rows:
            if all(_blank(v) for v in cells):
                continue
            if index is None:
                index = self._header(cells)
                continue
            self.rows += 1
            if self.rows > self.limits.max_rows:
                raise file_error("trips_import.error.too_many_rows", limit=self.limits.max_rows)
            values = {field: cells[i] if i < len(cells) else None for field, i in index.items()}
            yield (number, *parse_row(number, values, self.today))
        if index is None:
            raise file_error("trips_import.error.empty")
        if not self.rows:
            raise file_error("trips_import.error.no_rows")

    def _header(self, cells: list) -> dict[str, int]:
        index, ignored, errors = {}, [], []
        for i, value in enumerate(cells):
            field = _FIELDS.get(header_key(_text(value)))
            if field is None:
                if _text(value).strip():
                    ignored.append(_text(value).strip())
            elif field in index:
                errors.append(FieldError(LABEL[field], "trips_import.error.duplicate_column"))
            else:
                index[field] = i
        errors += [
            FieldError(c.label, "trips_import.error.missing_column")
            for c in COLUMNS
            if c.required and c.field not in index
        ]
        if errors:
            raise ValidationError(errors)
        self.ignored = tuple(ignored)
        return index
