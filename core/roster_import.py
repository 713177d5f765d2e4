"""Roster import from a spreadsheet (.xlsx or UTF-8 .csv): read, validate, preview, apply.

The whole file is read and validated first; errors are listed by row and column in the
user's language and nothing is written. Only a valid file is applied, in one transaction:
cadres are upserted by their code, cadres missing from the file may be deactivated (never
deleted: their history stays), and each new cadre gets an account with a one-time password
that must be changed at first login.

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
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import audit, office, spreadsheet, submissions
from core.accounts import USERNAME, NewAccount, create_account, set_roles
from core.errors import FieldError, ValidationError
from core.i18n import t
from core.permissions import Actor, require
from core.roster import CadreInput, cadre_problems, cadre_values, set_cadre_active
from core.text import clean
from db.models import Account, Ban, Cadre

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
    "cadre": ("cadre", "cán bộ"), "ban_leader": ("ban_leader", "lãnh đạo ban"),
    "office_leader": ("office_leader", "lãnh đạo cơ quan"), "admin": ("admin", "quản trị"),
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


@dataclass(frozen=True)
class Change:
    code: str
    full_name: str
    fields: tuple[str, ...]  # message keys of the columns that change


@dataclass(frozen=True)
class Plan:
    """What applying the file would do."""

    rows: tuple[RosterRow, ...]
    added: tuple[RosterRow, ...]
    changed: tuple[Change, ...]
    unchanged: int
    missing: tuple[tuple[str, str], ...]  # (code, name) of active cadres not in the file


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    deactivated: int
    accounts: tuple[NewAccount, ...] = field(default_factory=tuple)
    repeated: bool = False  # the same import was already applied (a double submit)


def _file_error(message: str, **params) -> ValidationError:
    return ValidationError([FieldError("", message, params)])


def _cell_error(row: int, column: str, message: str, **params) -> FieldError:
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
                raise _file_error("roster.error.too_big", limit=MAX_BYTES // (1024 * 1024))
        # Not data_only: formula cells must be seen to be refused (every other cell is the
        # same value either way).
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001  (any failure to open means "not a workbook")
        raise _file_error("roster.error.not_spreadsheet") from exc
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
        raise _file_error("roster.error.not_spreadsheet")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error("roster.error.encoding") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def read_table(content: bytes, filename: str = "") -> list[list]:
    """The file's rows, by what the bytes are (an .xlsx zip, or UTF-8 text)."""
    if len(content) > MAX_BYTES:
        raise _file_error("roster.error.too_big", limit=MAX_BYTES // (1024 * 1024))
    if not content.strip():
        raise _file_error("roster.error.empty")
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise _file_error("roster.error.not_spreadsheet")
    return _read_csv(content)


# --- Validating it ------------------------------------------------------------------------------

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
    errors.append(_cell_error(row, column, "roster.error.bad_date", value=value))
    return None


def _subject(value, row: int, errors: list) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text == "" or text in _YES:
        return True
    if text in _NO:
        return False
    errors.append(_cell_error(row, "subject", "roster.error.bad_boolean", value=value))
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
            errors.append(_cell_error(row, "role", "roster.error.bad_role", value=part))
        elif role not in found:
            found.append(role)
    return tuple(found)


def parse(content: bytes, filename: str, ban_codes: set[str]) -> list[RosterRow]:
    """Every row of the file, or a ValidationError listing every problem (row and column)."""
    table = read_table(content, filename)
    while table and not any(str(v).strip() for v in table[0]):
        table.pop(0)
    if not table:
        raise _file_error("roster.error.empty")
    header = [_HEADER_FIELDS.get(_header_key(h)) for h in table[0]]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise ValidationError([FieldError(LABEL[f], "roster.error.missing_column") for f in missing])
    body = [(n, r) for n, r in enumerate(table[1:], 2) if any(str(v).strip() for v in r)]
    if not body:
        raise _file_error("roster.error.no_rows")
    if len(body) > MAX_ROWS:
        raise _file_error("roster.error.too_many_rows", limit=MAX_ROWS)

    errors: list[FieldError] = []
    rows: list[RosterRow] = []
    first_row: dict[tuple[str, str], int] = {}
    for number, cells in body:
        raw = {f: (cells[i] if i < len(cells) else "") for i, f in enumerate(header) if f}
        for f, v in raw.items():
            if isinstance(v, str) and v.startswith("="):
                errors.append(_cell_error(number, f, "roster.error.formula_text"))
        text = {f: clean(v) if isinstance(v, str) else v for f, v in raw.items()}
        cadre = CadreInput(
            code=str(text.get("code", "")), full_name=str(text.get("full_name", "")),
            ban_code=str(text.get("ban_code", "")), position=str(text.get("position", "")),
            subject=_subject(text.get("subject", ""), number, errors),
            joined_on=_date(text.get("joined_on", ""), number, "joined_on", errors),
            left_on=_date(text.get("left_on", ""), number, "left_on", errors),
            email=str(text.get("email", "")), phone=str(text.get("phone", "")),
        )
        errors.extend(_cell_error(number, c, m, **p) for c, m, p in cadre_problems(cadre, ban_codes))
        username = str(text.get("username", "")).lower()
        if username and not USERNAME.match(username):
            errors.append(_cell_error(number, "username", "roster.error.bad_username", value=username))
        for column, value in (("code", cadre.code), ("username", username)):
            if not value:
                continue
            first = first_row.setdefault((column, value), number)
            if first != number:
                errors.append(_cell_error(number, column, "roster.error.duplicate", value=value, first=first))
        rows.append(RosterRow(number, cadre, username, _roles(str(text.get("role", "")), number, errors)))
    if errors:
        raise ValidationError(errors)
    return rows


# --- Preview and apply -------------------------------------------------------------------------

_FIELD_LABELS = {
    "full_name": "roster.col.full_name", "ban_id": "roster.col.ban_code", "position": "roster.col.position",
    "subject_to_rule": "roster.col.subject", "joined_on": "roster.col.joined_on",
    "left_on": "roster.col.left_on", "email": "roster.col.email", "phone": "roster.col.phone",
    "active": "roster.change.reactivated", "roles": "roster.col.role",
}


@dataclass
class _State:
    """The database as the import sees it."""

    ban_ids: dict  # code -> id (active bans)
    cadres: dict  # code -> Cadre
    accounts: dict  # cadre id -> Account


def _state(session: Session) -> _State:
    return _State(
        dict(session.execute(select(Ban.code, Ban.id).where(Ban.active.is_(True))).all()),
        {c.code: c for c in session.scalars(select(Cadre))},
        {a.cadre_id: a for a in session.scalars(
            select(Account).where(Account.cadre_id.is_not(None)).options(selectinload(Account.roles)))},
    )


def _new_username(row: RosterRow, cadre: Cadre | None, account: Account | None) -> str | None:
    """The account the row makes: every new cadre gets one (its username, else its code);
    a known cadre without an account gets one only if the file names a username."""
    if cadre is None:
        return row.username or row.code.lower()
    return row.username if account is None and row.username else None


def _roles_change(row: RosterRow, account: Account | None) -> bool:
    return account is not None and bool(row.roles) and set(row.roles) != {r.role for r in account.roles}


def _plan(session: Session, rows: list[RosterRow], state: _State) -> Plan:
    taken = dict(session.execute(select(Account.username, Account.cadre_id)).all())
    errors, added, changed, unchanged = [], [], [], 0
    for row in rows:
        cadre = state.cadres.get(row.code)
        account = state.accounts.get(cadre.id) if cadre else None
        username = _new_username(row, cadre, account)
        if username and not USERNAME.match(username):
            errors.append(_cell_error(row.row, "username", "roster.error.bad_username", value=username))
        elif username and username in taken:
            errors.append(_cell_error(row.row, "username", "roster.error.username_taken", value=username))
        if cadre is None:
            added.append(row)
            continue
        fields = [_FIELD_LABELS[k] for k, v in cadre_values(row.cadre, state.ban_ids[row.cadre.ban_code]).items()
                  if getattr(cadre, k) != v]
        if _roles_change(row, account):
            fields.append(_FIELD_LABELS["roles"])
        if username:
            fields.append("roster.change.new_account")
        if fields:
            changed.append(Change(row.code, row.cadre.full_name, tuple(fields)))
        else:
            unchanged += 1
    if errors:
        raise ValidationError(errors)
    in_file = {r.code for r in rows}
    missing = tuple((c.code, c.full_name) for c in sorted(state.cadres.values(), key=lambda c: c.code)
                    if c.active and c.code not in in_file)
    return Plan(tuple(rows), tuple(added), tuple(changed), unchanged, missing)


def preview(session: Session, actor: Actor, content: bytes, filename: str) -> Plan:
    """What importing the file would add, change and deactivate; writes nothing."""
    require(actor, "admin.roster")
    office.refuse_demo(session)  # an office's roster never goes into the demo's data
    state = _state(session)
    return _plan(session, parse(content, filename, set(state.ban_ids)), state)


def apply(session: Session, actor: Actor, content: bytes, filename: str,
          deactivate_missing: bool = False, submission_id: str | None = None) -> ImportResult:
    """Validate the whole file again against the database as it is now, then write it, in
    the caller's transaction. Nothing is written if anything is wrong."""
    require(actor, "admin.roster")
    office.refuse_demo(session)
    payload = {"file": submissions.digest(content.hex()), "deactivate": deactivate_missing}
    if submission_id and submissions.previous_result(session, submission_id, "roster", payload) is not None:
        return ImportResult(0, 0, 0, 0, repeated=True)
    state = _state(session)
    rows = parse(content, filename, set(state.ban_ids))
    plan = _plan(session, rows, state)
    new_accounts = []
    for row in rows:
        values = cadre_values(row.cadre, state.ban_ids[row.cadre.ban_code])
        cadre = state.cadres.get(row.code)
        account = state.accounts.get(cadre.id) if cadre else None
        username = _new_username(row, cadre, account)
        if cadre is None:
            cadre = Cadre(code=row.code, **values)
            session.add(cadre)
            audit.record(session, actor.username, "import", cadre)
        else:
            before = audit.snapshot(cadre)
            for key, value in values.items():
                setattr(cadre, key, value)
            if session.is_modified(cadre):
                audit.record(session, actor.username, "import", cadre, before=before)
        if _roles_change(row, account):
            set_roles(session, actor, account.id, row.roles)
        if username:
            new_accounts.append(create_account(session, actor, username, row.cadre.full_name,
                                               cadre.id, row.roles or ("cadre",)))
    if deactivate_missing:
        for code, _name in plan.missing:
            set_cadre_active(session, actor, state.cadres[code].id, False)
    if submission_id:
        submissions.claim(session, submission_id, "roster", payload, len(plan.added))
    return ImportResult(len(plan.added), len(plan.changed), plan.unchanged,
                        len(plan.missing) if deactivate_missing else 0, tuple(new_accounts))



# --- The template -------------------------------------------------------------------------------

def template_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows or [], columns=[HEADERS[f] for f, _ in COLUMNS])


def current_roster(session: Session, actor: Actor) -> pd.DataFrame:
    """The active roster in the template's layout: edit it and import it back."""
    require(actor, "admin.roster")
    accounts = {a.cadre_id: a for a in session.scalars(
        select(Account).where(Account.cadre_id.is_not(None)).options(selectinload(Account.roles)))}
    rows = []
    query = (select(Cadre, Ban.code).join(Ban, Ban.id == Cadre.ban_id)
             .where(Cadre.active.is_(True)).order_by(Ban.sort_order, Cadre.code))
    for cadre, ban_code in session.execute(query):
        account = accounts.get(cadre.id)
        values = {
            "code": cadre.code, "full_name": cadre.full_name, "ban_code": ban_code,
            "position": cadre.position, "subject": "Có" if cadre.subject_to_rule else "Không",
            "joined_on": cadre.joined_on.strftime("%d/%m/%Y") if cadre.joined_on else "",
            "left_on": cadre.left_on.strftime("%d/%m/%Y") if cadre.left_on else "",
            "email": cadre.email or "", "phone": cadre.phone or "",
            "username": account.username if account else "",
            "role": ", ".join(sorted(r.role for r in account.roles)) if account else "",
        }
        rows.append({HEADERS[f]: v for f, v in values.items()})
    return template_frame(rows)


def template_xlsx(frame: pd.DataFrame | None = None) -> bytes:
    return spreadsheet.workbook({"Danh sách cán bộ": template_frame() if frame is None else frame})


def template_csv(frame: pd.DataFrame | None = None) -> bytes:
    return spreadsheet.csv_bytes(template_frame() if frame is None else frame)
