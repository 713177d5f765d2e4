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
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from core.accounts import USERNAME
from core.errors import FieldError, ValidationError
from core.i18n import t
from core.roster import CadreInput, cadre_problems
from core.text import clean
from db.vocabulary import Role

MAX_BYTES = 5 * 1024 * 1024  # the same cap as Streamlit's server.maxUploadSize
MAX_UNZIPPED = 50 * 1024 * 1024  # an .xlsx that inflates beyond this is refused unread
MAX_ROWS = 5000

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


def _read_xlsx(content: bytes) -> list[list]:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED:
                raise file_error("roster.error.too_big", limit=MAX_BYTES // (1024 * 1024))
        # Not data_only: formula cells must be seen to be refused (every other cell is the
        # same value either way).
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001  (any failure to open means "not a workbook")
        raise file_error("roster.error.not_spreadsheet") from exc
    try:
        sheet = book.worksheets[0]
        rows, formulas = [], []
        for number, cells in enumerate(sheet.iter_rows(), 1):
            values = []
            for cell in cells:
                if getattr(cell, "data_type", None) == "f":
                    formulas.append((number, getattr(cell, "column_letter", "")))
                values.append(_plain(cell.value))
            rows.append(values)
            if len(rows) > MAX_ROWS + 1:
                break
    finally:
        book.close()
    if formulas:
        raise ValidationError([
            FieldError("", "roster.error.formula", {"row": r, "cell": f"{c}{r}"}) for r, c in formulas[:20]
        ])
    return rows


def _read_csv(content: bytes) -> list[list]:
    if b"\x00" in content[:4096]:
        raise file_error("roster.error.not_spreadsheet")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise file_error("roster.error.encoding") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def read_table(content: bytes, filename: str = "") -> list[list]:
    """The file's rows, by what the bytes are (an .xlsx zip, or UTF-8 text)."""
    if len(content) > MAX_BYTES:
        raise file_error("roster.error.too_big", limit=MAX_BYTES // (1024 * 1024))
    if not content.strip():
        raise file_error("roster.error.empty")
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise file_error("roster.error.not_spreadsheet")
    return _read_csv(content)


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


def parse(content: bytes, filename: str, ban_codes: set[str]) -> list[RosterRow]:
    """Every row of the file, or a ValidationError listing every problem (row and column)."""
    table = read_table(content, filename)
    while table and not any(str(v).strip() for v in table[0]):
        table.pop(0)
    if not table:
        raise file_error("roster.error.empty")
    header = [_HEADER_FIELDS.get(_header_key(h)) for h in table[0]]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise ValidationError([FieldError(LABEL[f], "roster.error.missing_column") for f in missing])
    body = [(n, r) for n, r in enumerate(table[1:], 2) if any(str(v).strip() for v in r)]
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
        text = {f: clean(v) if isinstance(v, str) else v for f, v in raw.items()}
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
