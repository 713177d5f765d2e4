"""Reading a spreadsheet's cells safely: the bytes checked for what they are (an .xlsx
workbook or UTF-8 text) and refused at the first cap they pass, before the costly reading.

An .xlsx is a zip of XML parts: their declared sizes are checked before anything is inflated
(Python's zipfile never yields more than a member declares: a member that lies fails its CRC
check), then the parts are scanned by expat, which stops at the caps below and refuses DTDs,
before openpyxl (whose reading costs tens of microseconds a cell; defusedxml installed) opens
the file read-only. A CSV field of any length is a refusal naming the cap, never an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from xml.parsers import expat

from core.errors import FieldError, ValidationError

MAX_BYTES = 5 * 1024 * 1024  # the roster's upload cap (ui/uploads.py states and checks it)
# What a file may hold. The template has 11 columns; 5,000 cadres in them are 55,000 cells, an
# .xlsx of about 3 MB once unzipped that openpyxl reads in 1.5–2.5 s on this project's machine.
MAX_ROWS = 5000  # cadres (rows that are not blank, the header aside)
MAX_COLUMNS = 30  # columns holding a value: the template's and some of the office's own
MAX_CELLS = 100_000  # cells written in a workbook (or strings in its shared table)
MAX_CELL_CHARS = 1000  # characters in one cell (a name or a position is at most 200)
MAX_SCANNED_ROWS = 4 * MAX_ROWS  # rows looked at, blank ones included
# An .xlsx is a zip of XML parts: their declared sizes are checked before anything is
# inflated (Python's zipfile never yields more than a member declares: a member that lies
# fails its CRC check), then the parts are scanned by expat, which stops at the caps above,
# before openpyxl (whose reading costs tens of microseconds a cell) opens the file.
MAX_UNZIPPED = 10 * 1024 * 1024  # the parts together, uncompressed
MAX_RATIO = 100  # a part of over 1 MB compressed more than this is refused (XML: about 10:1)
MB = 1024 * 1024


def file_error(message: str, **params) -> ValidationError:
    return ValidationError([FieldError("", message, params)])


# --- Reading the cells ---------------------------------------------------------------------------


def _plain(value) -> object:
    """A cell as text, date or bool; numbers written like Excel shows them."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (dt.date, bool)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _letter(column: int) -> str:
    """A column's letters as a spreadsheet names it: 1 → A, 28 → AB."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column(reference: str) -> int:
    """The column of a cell reference: "AB12" → 28."""
    number = 0
    for ch in reference:
        if not ch.isalpha():
            break
        number = number * 26 + ord(ch.upper()) - 64
    return number


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Rows:
    """The rows of a file as they are read, refused the moment one passes a cap: nothing is
    read beyond the row, the column or the cell that is too many or too long."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.filled = 0

    def add(self, cells) -> None:
        number = len(self.rows) + 1
        if number > MAX_SCANNED_ROWS:
            raise file_error("roster.error.too_many_rows", limit=MAX_ROWS)
        values = list(cells)
        if len(values) > MAX_COLUMNS:
            if any(not _blank(v) for v in values[MAX_COLUMNS:]):
                raise file_error("roster.error.too_many_columns", limit=MAX_COLUMNS, row=number)
            del values[MAX_COLUMNS:]
        while values and _blank(values[-1]):
            values.pop()
        for index, value in enumerate(values, 1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise file_error(
                    "roster.error.cell_too_long",
                    cell=f"{_letter(index)}{number}",
                    row=number,
                    limit=MAX_CELL_CHARS,
                )
        if values:
            self.filled += 1
            if self.filled > MAX_ROWS + 1:
                raise file_error("roster.error.too_many_rows", limit=MAX_ROWS)
        self.rows.append(tuple(values))


def _open_archive(content: bytes) -> zipfile.ZipFile:
    """The .xlsx as a zip archive whose parts' declared sizes are within the caps."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except Exception as exc:  # noqa: BLE001  (any failure to open means "not a workbook")
        raise file_error("roster.error.not_spreadsheet") from exc
    if sum(p.file_size for p in parts) > MAX_UNZIPPED:
        raise file_error("roster.error.unzipped_too_big", limit=MAX_UNZIPPED // MB)
    for part in parts:
        if part.file_size > MB and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise file_error("roster.error.compressed_too_much", part=part.filename, limit=MAX_RATIO)
    return archive


def _scan(archive: zipfile.ZipFile) -> None:
    """Every XML part read by expat, counting what openpyxl would read cell by cell, stopped
    at the first cap passed: cells (and shared strings), rows, a value beyond the last
    column, characters in one piece of text. A document type declaration is refused (as
    defusedxml does), so no entity is ever expanded."""
    counts = {"c": 0, "si": 0, "row": 0}
    where = {"row": 0, "column": 0, "text": 0}

    def refuse(*_args):
        raise file_error("roster.error.not_spreadsheet")

    def start(name, attrs):
        local = name.rpartition(" ")[2]
        where["text"] = 0
        if local == "row":
            counts["row"] += 1
            if counts["row"] > MAX_SCANNED_ROWS:
                raise file_error("roster.error.too_many_rows", limit=MAX_ROWS)
            reference = attrs.get("r", "")
            where["row"] = int(reference) if reference.isdigit() else where["row"] + 1
            where["column"] = 0
        elif local in ("c", "si"):
            counts[local] += 1
            if counts[local] > MAX_CELLS:
                raise file_error("roster.error.too_many_cells", limit=MAX_CELLS)
            if local == "c":
                reference = attrs.get("r", "")
                where["column"] = _column(reference) if reference[:1].isalpha() else where["column"] + 1
        elif local in ("v", "is", "f") and where["column"] > MAX_COLUMNS:
            raise file_error("roster.error.too_many_columns", limit=MAX_COLUMNS, row=where["row"])

    def end(_name):
        where["text"] = 0

    def text(data):
        where["text"] += len(data)
        if where["text"] > MAX_CELL_CHARS:
            cell = f"{_letter(where['column'])}{where['row']}" if where["column"] else "?"
            raise file_error("roster.error.cell_too_long", cell=cell, row=where["row"], limit=MAX_CELL_CHARS)

    for part in archive.infolist():
        if not part.filename.lower().endswith((".xml", ".rels")):
            continue
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
        parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = refuse
        where.update(row=0, column=0, text=0)
        try:
            with archive.open(part) as stream:
                parser.ParseFile(stream)
        except ValidationError:
            raise
        except Exception as exc:  # noqa: BLE001  (broken XML or a part that fails its CRC)
            raise file_error("roster.error.not_spreadsheet") from exc


def _sheet_rows(sheet, formulas: list, name: str) -> list[tuple]:
    """A worksheet's rows, refused at the first cap passed (each sheet has the same caps)."""
    read = _Rows()
    # One column past the last allowed, so a value there is seen (the scan already refused
    # any further right); a wider row is not built cell by cell.
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1), 1):
        for cell in cells:
            if getattr(cell, "data_type", None) == "f":
                formulas.append((name, number, getattr(cell, "column_letter", "")))
        read.add(_plain(cell.value) for cell in cells)
    return read.rows


def _read_xlsx(content: bytes, named: str | None = None) -> tuple[list[tuple], list[tuple] | None]:
    """The rows of the first sheet (the first not called `named`), and those of the sheet
    called `named` (None if the workbook has none)."""
    import openpyxl

    with _open_archive(content) as archive:
        _scan(archive)
    formulas: list = []
    extra = None
    try:
        # Not data_only: formula cells must be seen to be refused (every other cell is the
        # same value either way).
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            sheets = book.worksheets
            first = next((ws for ws in sheets if named is None or ws.title.strip() != named), sheets[0])
            rows = _sheet_rows(first, formulas, "")
            other = next(
                (
                    ws
                    for ws in sheets
                    if named is not None
                    and ws is not first
                    and ws.title.strip().casefold() == named.casefold()
                ),
                None,
            )
            if other is not None:
                extra = _sheet_rows(other, formulas, other.title)
        finally:
            book.close()
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001  (any failure to read means "not a workbook")
        raise file_error("roster.error.not_spreadsheet") from exc
    if formulas:
        raise ValidationError(
            [
                FieldError(
                    "",
                    "roster.error.formula" if not sheet else "roster.error.sheet_formula",
                    {"row": r, "cell": f"{c}{r}", "sheet": sheet},
                )
                for sheet, r, c in formulas[:20]
            ]
        )
    return rows, extra


def _delimiter(text: str, known: Callable[[str], bool]) -> str:
    """The delimiter that splits the header into the most cells `known` knows as headers (an
    exported file's own cells may hold any of them), else what csv.Sniffer guesses."""
    lines = [line for line in text[:65536].splitlines()[:10] if line.strip()]
    if lines:

        def headers_split(delimiter: str) -> int:
            cells = next(csv.reader([lines[0]], delimiter=delimiter), [])
            return sum(known(c) for c in cells)

        best = max((",", ";", "\t"), key=headers_split)
        if headers_split(best):
            return best
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_csv(content: bytes, known: Callable[[str], bool]) -> list[tuple]:
    if b"\x00" in content[:4096]:
        raise file_error("roster.error.not_spreadsheet")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise file_error("roster.error.encoding") from exc
    read = _Rows()
    # csv's own cap on a field (128 KB) is far above MAX_CELL_CHARS: a longer field is
    # refused by the same message as a long cell, where it is met.
    try:
        for cells in csv.reader(io.StringIO(text), delimiter=_delimiter(text, known)):
            read.add(cells)
    except csv.Error as exc:
        number = len(read.rows) + 1
        if "field larger than field limit" in str(exc):
            raise file_error(
                "roster.error.cell_too_long", cell=f"?{number}", row=number, limit=MAX_CELL_CHARS
            ) from exc
        raise file_error("roster.error.not_spreadsheet") from exc
    return read.rows


def read_tables(
    content: bytes,
    filename: str = "",
    known: Callable[[str], bool] = lambda _: False,
    named: str | None = None,
) -> tuple[list[tuple], list[tuple] | None]:
    """The file's rows, by what the bytes are (an .xlsx zip, or UTF-8 text), refused at the
    first cap passed, and the rows of a workbook's sheet called `named` (None when there is
    no such sheet, or the file is CSV). `known(cell)` tells a header cell (it picks a CSV's
    delimiter)."""
    if len(content) > MAX_BYTES:
        raise file_error("roster.error.too_big", limit=MAX_BYTES // MB)
    if not content.strip():
        raise file_error("roster.error.empty")
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content, named)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise file_error("roster.error.not_spreadsheet")
    return _read_csv(content, known), None


def read_table(
    content: bytes, filename: str = "", known: Callable[[str], bool] = lambda _: False
) -> list[tuple]:
    """The rows of the file (of a workbook's first sheet), as read_tables reads them."""
    return read_tables(content, filename, known)[0]
