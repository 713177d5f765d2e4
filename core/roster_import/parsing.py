"""Reading a roster file into rows: the bytes checked for what they are (an .xlsx workbook or
UTF-8 text), the header matched to the template's columns, every cell checked. Problems are
listed by row and column; nothing here reads or writes the database.

The content is checked, not the extension: an .xlsx is a zip archive that openpyxl opens
(with defusedxml installed, which openpyxl then uses against XML attacks); anything else
must be UTF-8 text. Formula cells are refused: a roster holds values, and a formula's cached
value may be stale or missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from core.accounts import USERNAME
from core.errors import FieldError, ValidationError
from core.i18n import t
from core.roster import CadreInput, cadre_problems
from core.text import clean
from db.vocabulary import Role

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

# (field, message key of the column's label = its header in the template)
COLUMNS = (
    ("code", "roster.col.code"),
    ("full_name", "roster.col.full_name"),
    ("ban_code", "roster.col.ban_code"),
    ("position", "roster.col.position"),
    ("subject", "roster.col.subject"),
    ("joined_on", "roster.col.joined_on"),
    ("left_on", "roster.col.left_on"),
    ("email", "roster.col.email"),
    ("phone", "roster.col.phone"),
    ("username", "roster.col.username"),
    ("role", "roster.col.role"),
)
REQUIRED = ("code", "full_name", "ban_code")
LABEL = dict(COLUMNS)
# The template's headers, always in Vietnamese: the file is the office's, not the user's.
HEADERS = {
    "code": "Mã cán bộ", "full_name": "Họ và tên", "ban_code": "Mã ban", "position": "Chức vụ",
    "subject": "Thuộc đối tượng 1+2 (Có/Không)", "joined_on": "Ngày vào (dd/mm/yyyy)",
    "left_on": "Ngày nghỉ (dd/mm/yyyy)", "email": "Email", "phone": "Điện thoại",
    "username": "Tên đăng nhập", "role": "Vai trò",
}
_YES = {"có", "co", "x", "yes", "y", "true", "1"}
_NO = {"không", "khong", "no", "n", "false", "0"}
ROLE_NAMES = {
    Role.CADRE: ("cadre", "cán bộ"), Role.BAN_LEADER: ("ban_leader", "lãnh đạo ban"),
    Role.OFFICE_LEADER: ("office_leader", "lãnh đạo cơ quan"), Role.ADMIN: ("admin", "quản trị"),
}


@dataclass(frozen=True)
class RowError(FieldError):
    """A problem of one cell: "Dòng 5 — Mã ban: …"."""

    row: int = 0

    def text(self, lang: str | None = None) -> str:
        return t("roster.error.at_row", lang, row=self.row) + super().text(lang)


@dataclass(frozen=True)
class RosterRow:
    row: int  # the row's number in the spreadsheet (the header is row 1)
    cadre: CadreInput
    username: str = ""
    roles: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return self.cadre.code


def file_error(message: str, **params) -> ValidationError:
    return ValidationError([FieldError("", message, params)])


def cell_error(row: int, column: str, message: str, **params) -> FieldError:
    return RowError(LABEL[column], message, params, row)


# --- Reading the file ---------------------------------------------------------------------------

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
                raise file_error("roster.error.cell_too_long", cell=f"{_letter(index)}{number}", row=number,
                                 limit=MAX_CELL_CHARS)
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


def _read_xlsx(content: bytes) -> list[tuple]:
    import openpyxl

    with _open_archive(content) as archive:
        _scan(archive)
    read = _Rows()
    formulas = []
    try:
        # Not data_only: formula cells must be seen to be refused (every other cell is the
        # same value either way).
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            # One column past the last allowed, so a value there is seen (the scan already
            # refused any further right); a wider row is not built cell by cell.
            for number, cells in enumerate(book.worksheets[0].iter_rows(max_col=MAX_COLUMNS + 1), 1):
                for cell in cells:
                    if getattr(cell, "data_type", None) == "f":
                        formulas.append((number, getattr(cell, "column_letter", "")))
                read.add(_plain(cell.value) for cell in cells)
        finally:
            book.close()
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001  (any failure to read means "not a workbook")
        raise file_error("roster.error.not_spreadsheet") from exc
    if formulas:
        raise ValidationError([
            FieldError("", "roster.error.formula", {"row": r, "cell": f"{c}{r}"}) for r, c in formulas[:20]
        ])
    return read.rows


def _delimiter(text: str) -> str:
    """The delimiter that splits the header into the most of the template's columns (an
    exported roster's own cells may hold any of them), else what csv.Sniffer guesses."""
    lines = [line for line in text[:65536].splitlines()[:10] if line.strip()]
    if lines:
        def known(delimiter: str) -> int:
            cells = next(csv.reader([lines[0]], delimiter=delimiter), [])
            return sum(_header_key(c) in _HEADER_FIELDS for c in cells)

        best = max((",", ";", "\t"), key=known)
        if known(best):
            return best
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_csv(content: bytes) -> list[tuple]:
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
        for cells in csv.reader(io.StringIO(text), delimiter=_delimiter(text)):
            read.add(cells)
    except csv.Error as exc:
        number = len(read.rows) + 1
        if "field larger than field limit" in str(exc):
            raise file_error("roster.error.cell_too_long", cell=f"?{number}", row=number,
                             limit=MAX_CELL_CHARS) from exc
        raise file_error("roster.error.not_spreadsheet") from exc
    return read.rows


def read_table(content: bytes, filename: str = "") -> list[tuple]:
    """The file's rows, by what the bytes are (an .xlsx zip, or UTF-8 text), refused at the
    first cap passed."""
    if len(content) > MAX_BYTES:
        raise file_error("roster.error.too_big", limit=MAX_BYTES // MB)
    if not content.strip():
        raise file_error("roster.error.empty")
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise file_error("roster.error.not_spreadsheet")
    return _read_csv(content)


@dataclass(frozen=True)
class RosterFile:
    """A roster file read once (the costly part), to be checked against the bans and
    previewed as often as the page is drawn, and applied: its rows as read, its name and
    the digest of its bytes."""

    name: str
    digest: str
    rows: tuple[tuple, ...]


def read_file(content: bytes, filename: str = "") -> RosterFile:
    """The file's rows, or a ValidationError naming the limit passed or what the file is not."""
    return RosterFile(filename, hashlib.sha256(content).hexdigest(), tuple(read_table(content, filename)))


def unneutralise(value):
    """A cell as the export wrote it, back to the value it was: core/exports/spreadsheet.py
    puts an apostrophe before every text that starts with a formula's character or an
    apostrophe; one leading apostrophe is taken off (Excel hides it the same way)."""
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


# --- Checking it ------------------------------------------------------------------------------

def _header_key(text) -> str:
    """A header as compared: NFC, lower case, without a trailing "(…)" hint."""
    text = unicodedata.normalize("NFC", str(text)).strip().casefold()
    return re.sub(r"\s*\(.*\)\s*$", "", text)


_HEADER_FIELDS = {_header_key(h): f for f, h in HEADERS.items()}


def _date(value, row: int, column: str, errors: list) -> dt.date | None:
    if value in ("", None):
        return None
    if isinstance(value, dt.date):
        return value
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    errors.append(cell_error(row, column, "roster.error.bad_date", value=value))
    return None


def _subject(value, row: int, errors: list) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text == "" or text in _YES:
        return True
    if text in _NO:
        return False
    errors.append(cell_error(row, "subject", "roster.error.bad_boolean", value=value))
    return True


def _roles(value: str, row: int, errors: list) -> tuple[str, ...]:
    if not value:
        return ()
    found = []
    for part in re.split(r"[,;]", value):
        part = part.strip().casefold()
        if not part:
            continue
        role = next((r for r, names in ROLE_NAMES.items() if part in names), None)
        if role is None:
            errors.append(cell_error(row, "role", "roster.error.bad_role", value=part))
        elif role not in found:
            found.append(role)
    return tuple(found)


def parse(source: RosterFile | bytes, filename: str, ban_codes: set[str]) -> list[RosterRow]:
    """Every row of the file (read already, or its bytes), or a ValidationError listing every
    problem (row and column)."""
    table = source.rows if isinstance(source, RosterFile) else tuple(read_table(source, filename))
    start = next((i for i, r in enumerate(table) if any(str(v).strip() for v in r)), None)
    if start is None:
        raise file_error("roster.error.empty")
    header = [_HEADER_FIELDS.get(_header_key(h)) for h in table[start]]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise ValidationError([FieldError(LABEL[f], "roster.error.missing_column") for f in missing])
    body = [(n, r) for n, r in enumerate(table[start + 1:], start + 2) if any(str(v).strip() for v in r)]
    if not body:
        raise file_error("roster.error.no_rows")
    if len(body) > MAX_ROWS:
        raise file_error("roster.error.too_many_rows", limit=MAX_ROWS)

    errors: list[FieldError] = []
    rows: list[RosterRow] = []
    first_row: dict[tuple[str, str], int] = {}
    for number, cells in body:
        raw = {f: (cells[i] if i < len(cells) else "") for i, f in enumerate(header) if f}
        for f, v in raw.items():
            if isinstance(v, str) and v.startswith("="):
                errors.append(cell_error(number, f, "roster.error.formula_text"))
        # A text the export neutralised ('=…, '+84 …) is read back as it was stored.
        text = {f: clean(unneutralise(v)) if isinstance(v, str) else v for f, v in raw.items()}
        cadre = CadreInput(
            code=str(text.get("code", "")), full_name=str(text.get("full_name", "")),
            ban_code=str(text.get("ban_code", "")), position=str(text.get("position", "")),
            subject=_subject(text.get("subject", ""), number, errors),
            joined_on=_date(text.get("joined_on", ""), number, "joined_on", errors),
            left_on=_date(text.get("left_on", ""), number, "left_on", errors),
            email=str(text.get("email", "")), phone=str(text.get("phone", "")),
        )
        errors.extend(cell_error(number, c, m, **p) for c, m, p in cadre_problems(cadre, ban_codes))
        username = str(text.get("username", "")).lower()
        if username and not USERNAME.match(username):
            errors.append(cell_error(number, "username", "roster.error.bad_username", value=username))
        for column, value in (("code", cadre.code), ("username", username)):
            if not value:
                continue
            first = first_row.setdefault((column, value), number)
            if first != number:
                errors.append(cell_error(number, column, "roster.error.duplicate", value=value, first=first))
        rows.append(RosterRow(number, cadre, username, _roles(str(text.get("role", "")), number, errors)))
    if errors:
        raise ValidationError(errors)
    return rows
