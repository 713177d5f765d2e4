"""Reading a roster file into rows: the cells read by core.roster_import.reading (which
checks what the bytes are and refuses them at its caps), the header matched to the template's
columns, every cell checked. Problems are listed by row and column; nothing here reads or
writes the database. Formula cells are refused: a roster holds values, and a formula's
cached value may be stale or missing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from core.accounts import USERNAME
from core.errors import FieldError, ValidationError
from core.i18n import t
from core.roster import CadreInput, ban_problems, cadre_problems
from core.roster_import.reading import MAX_ROWS, file_error, read_table, read_tables
from core.text import clean
from db.vocabulary import Role

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
    "code": "Mã cán bộ",
    "full_name": "Họ và tên",
    "ban_code": "Mã ban",
    "position": "Chức vụ",
    "subject": "Thuộc đối tượng 1+2 (Có/Không)",
    "joined_on": "Ngày vào (dd/mm/yyyy)",
    "left_on": "Ngày nghỉ (dd/mm/yyyy)",
    "email": "Email",
    "phone": "Điện thoại",
    "username": "Tên đăng nhập",
    "role": "Vai trò",
}
_YES = {"có", "co", "x", "yes", "y", "true", "1"}
_NO = {"không", "khong", "no", "n", "false", "0"}
ROLE_NAMES = {
    Role.CADRE: ("cadre", "cán bộ"),
    Role.BAN_LEADER: ("ban_leader", "lãnh đạo ban"),
    Role.OFFICE_LEADER: ("office_leader", "lãnh đạo cơ quan"),
    Role.ADMIN: ("admin", "quản trị"),
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


def cell_error(row: int, column: str, message: str, **params) -> FieldError:
    return RowError(LABEL[column], message, params, row)


@dataclass(frozen=True)
class RosterFile:
    """A roster file read once (the costly part), to be checked against the bans and
    previewed as often as the page is drawn, and applied: its rows as read, its name and
    the digest of its bytes, and the rows of a workbook's bans sheet (None without one)."""

    name: str
    digest: str
    rows: tuple[tuple, ...]
    bans: tuple[tuple, ...] | None = None


def read_file(content: bytes, filename: str = "") -> RosterFile:
    """The file's rows, or a ValidationError naming the limit passed or what the file is not."""
    rows, bans = read_tables(content, filename, _known_header, BANS_SHEET)
    return RosterFile(
        filename, hashlib.sha256(content).hexdigest(), tuple(rows), None if bans is None else tuple(bans)
    )


# --- The bans sheet ---------------------------------------------------------------------------

BANS_SHEET = "Ban"  # a workbook's second sheet: the office's bans, created or renamed by code
BAN_COLUMNS = (("code", "roster.col.ban_code"), ("name", "admin.ban_name"), ("order", "admin.sort_order"))
BAN_LABEL = dict(BAN_COLUMNS)
BAN_HEADERS = {"code": "Mã ban", "name": "Tên ban", "order": "Thứ tự"}


@dataclass(frozen=True)
class BanRowError(FieldError):
    """A problem of one cell of the bans sheet: 'Trang "Ban", dòng 3 — Tên ban: …'."""

    row: int = 0

    def text(self, lang: str | None = None) -> str:
        return t("roster.error.at_ban_row", lang, sheet=BANS_SHEET, row=self.row) + super().text(lang)


@dataclass(frozen=True)
class BanRow:
    row: int
    code: str
    name: str
    order: int | None  # None: the ban keeps its place (a new one goes last)


def ban_rows(source: RosterFile) -> list[BanRow] | None:
    """The bans sheet's rows (None if the file has no bans sheet), each checked by
    core.roster's rules for a ban; a ValidationError names every problem by sheet, row and
    column."""
    table = source.bans if isinstance(source, RosterFile) else None
    if table is None:
        return None
    start = next((i for i, r in enumerate(table) if any(str(v).strip() for v in r)), None)
    if start is None:
        return []
    header = [_BAN_HEADER_FIELDS.get(_header_key(h)) for h in table[start]]
    missing = [f for f in ("code", "name") if f not in header]
    if missing:
        raise ValidationError(
            [
                FieldError(BAN_LABEL[f], "roster.error.missing_ban_column", {"sheet": BANS_SHEET})
                for f in missing
            ]
        )
    errors: list[FieldError] = []
    found: list[BanRow] = []
    first_row: dict[str, int] = {}
    for number, cells in enumerate(table[start + 1 :], start + 2):
        if not any(str(v).strip() for v in cells):
            continue
        raw = {f: (cells[i] if i < len(cells) else "") for i, f in enumerate(header) if f}
        text = {f: clean(str(unneutralise(v))) for f, v in raw.items()}
        for f, v in raw.items():
            if isinstance(v, str) and v.startswith("="):
                errors.append(BanRowError(BAN_LABEL[f], "roster.error.formula_text", {}, number))
        code, name = text.get("code", ""), text.get("name", "")
        errors.extend(BanRowError(e.field, e.message, e.params, number) for e in ban_problems(code, name))
        order = None
        if text.get("order", ""):
            try:
                order = int(text["order"])
            except ValueError:
                errors.append(
                    BanRowError(
                        BAN_LABEL["order"], "roster.error.bad_order", {"value": text["order"]}, number
                    )
                )
        if code:
            first = first_row.setdefault(code, number)
            if first != number:
                errors.append(
                    BanRowError(
                        BAN_LABEL["code"], "roster.error.duplicate", {"value": code, "first": first}, number
                    )
                )
        found.append(BanRow(number, code, name, order))
    if errors:
        raise ValidationError(errors)
    return found


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


_BAN_HEADER_FIELDS = {_header_key(h): f for f, h in BAN_HEADERS.items()}


def _known_header(cell: str) -> bool:
    return _header_key(cell) in _HEADER_FIELDS


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


def _ban_code(value: str, codes, names: dict[str, str]) -> str:
    """The code of the ban `value` names: itself if it is a code, else the code of the one
    ban of that name (or `value`, told as unknown)."""
    if not value or value in codes:
        return value
    return names.get(fold_name(value), value)


def fold_name(text: str) -> str:
    """A ban's name as compared with what a file writes in "Mã ban": no case, no diacritics
    (đ as d), single spaces."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).casefold().split())


def by_name(bans: dict[str, str]) -> dict[str, str]:
    """{folded name: code} of the bans (code -> name) whose name no other ban shares."""
    found: dict[str, list[str]] = {}
    for code, name in bans.items():
        found.setdefault(fold_name(name), []).append(code)
    return {name: codes[0] for name, codes in found.items() if len(codes) == 1}


def parse(source: RosterFile | bytes, filename: str, ban_codes: set[str] | dict[str, str]) -> list[RosterRow]:
    """Every row of the file (read already, or its bytes), or a ValidationError listing every
    problem (row and column). `ban_codes` are the bans a row may name: given as {code: name},
    a row may write a ban's name in "Mã ban" instead of its code (without regard to case or
    diacritics, if no other ban has that name), and a code that is no ban's is told with the
    list of codes."""
    names = by_name(ban_codes) if isinstance(ban_codes, dict) else {}
    listed = ", ".join(sorted(ban_codes)[:40]) + (" …" if len(ban_codes) > 40 else "")
    table = (
        source.rows if isinstance(source, RosterFile) else tuple(read_table(source, filename, _known_header))
    )
    start = next((i for i, r in enumerate(table) if any(str(v).strip() for v in r)), None)
    if start is None:
        raise file_error("roster.error.empty")
    header = [_HEADER_FIELDS.get(_header_key(h)) for h in table[start]]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise ValidationError([FieldError(LABEL[f], "roster.error.missing_column") for f in missing])
    body = [(n, r) for n, r in enumerate(table[start + 1 :], start + 2) if any(str(v).strip() for v in r)]
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
            code=str(text.get("code", "")),
            full_name=str(text.get("full_name", "")),
            ban_code=_ban_code(str(text.get("ban_code", "")), ban_codes, names),
            position=str(text.get("position", "")),
            subject=_subject(text.get("subject", ""), number, errors),
            joined_on=_date(text.get("joined_on", ""), number, "joined_on", errors),
            left_on=_date(text.get("left_on", ""), number, "left_on", errors),
            email=str(text.get("email", "")),
            phone=str(text.get("phone", "")),
        )
        for column, message, params in cadre_problems(cadre, set(ban_codes)):
            if message == "roster.error.unknown_ban" and ban_codes:
                message, params = "roster.error.unknown_ban_listed", {**params, "codes": listed}
            errors.append(cell_error(number, column, message, **params))
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
