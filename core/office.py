"""An office's own database: starting one, telling it from the demo, emptying it.

A database holds either the demo (the Setting "demo" that seed.loader writes, and the demo
accounts whose password is published) or one office's own data, never both: the demo's
`quantri` / `cosodemo` must never open a real office. So

- `create_office` starts an office only in a database that holds nothing at all: its name,
  the current year's policy and one admin account with a one-time password;
- `refuse_demo` is called by every import of an office's data (the roster, past trips) and
  refuses the demo's database, naming the commands that leave it (`--reset`, `--new-office`);
- `reset` empties a database (every row, the schema kept) and says what it deleted.

The shell commands around these are in cli/new_office.py.
"""

from __future__ import annotations

import datetime as dt
import getpass
import unicodedata

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core import accounts, audit, formatting, policy
from core.errors import DomainError, FieldError, ValidationError
from core.i18n import t
from core.permissions import Actor
from core.text import clean
from db.models import Account, Base, DataVersion, LoginThrottle, Setting

DEMO_MARKER = "demo"  # the Setting seed.loader writes with the demo's name
OFFICE_NAME = "office_name"  # the Word and Excel headers, the login page, the sidebar
PARENT_NAME = "parent_name"  # the upper body, above the office's name in the Word header
OFFICE_PLACE = "office_place"  # "Hà Giang, ngày … tháng … năm …"
OFFICE_SYMBOL = "office_symbol"  # the papers' symbol: "Số: …-BC/TĐTN-VP"
SIGNER_NAME = "signer_name"  # who signs the review report "T/M BAN THƯỜNG VỤ"
MAX_NAME = 200

# Tables whose rows are an office's data (or the demo's). The data version's one row and the
# counts of failed logins are not: a login tried on an empty database does not make it an office.
_NOT_DATA = {DataVersion.__tablename__, LoginThrottle.__tablename__}
# How the tables are named when a refusal says what it found (the others by their own name).
_LABELS = (
    "bans",
    "cadres",
    "accounts",
    "account_roles",
    "trips",
    "trip_days",
    "places",
    "trip_reports",
    "proposals",
    "registrations",
    "evaluations",
    "review_meetings",
    "exemptions",
    "policies",
    "settings",
    "audit_log",
)


class NotEmpty(DomainError):
    """The database holds data: a new office starts only on an empty one."""

    key = "office.error.not_empty"


class DemoDatabase(DomainError):
    """The database holds the demo: an office's data is never mixed into it."""

    key = "office.error.demo"


def shell_actor() -> Actor:
    """Who writes from the shell (`python -m seed …`): an admin named after the system user,
    so the audit log says who ran the command."""
    return Actor(
        account_id=0, username=f"shell:{getpass.getuser()}"[:64], name="shell", roles=frozenset({"admin"})
    )


# --- What a database holds -------------------------------------------------------------------


def _data_tables():
    return [table for table in Base.metadata.sorted_tables if table.name not in _NOT_DATA]


def contents(session: Session) -> dict[str, int]:
    """Rows per table of data, the tables that hold some only, in the order of `_LABELS`."""
    counts = {}
    for table in _data_tables():
        n = session.scalar(select(func.count()).select_from(table))
        if n:
            counts[table.name] = n
    return dict(
        sorted(
            counts.items(), key=lambda kv: (_LABELS.index(kv[0]) if kv[0] in _LABELS else len(_LABELS), kv[0])
        )
    )


def describe_contents(counts: dict[str, int], lang: str | None = None) -> str:
    """ "11 ban, 116 cán bộ, 4 tài khoản, …" (every table with rows)."""
    return ", ".join(
        f"{formatting.number(n, lang)} {t(f'office.table.{table}', lang) if table in _LABELS else table}"
        for table, n in counts.items()
    )


def is_empty(session: Session) -> bool:
    """No row of data at all (see `_NOT_DATA`)."""
    return not any(session.execute(select(1).select_from(table).limit(1)).first() for table in _data_tables())


def holds_demo(session: Session) -> bool:
    """The demo's data: its marker, or any account whose password the demo published."""
    return (
        session.get(Setting, DEMO_MARKER) is not None
        or session.scalar(select(Account.id).where(Account.is_demo.is_(True)).limit(1)) is not None
    )


def refuse_demo(session: Session) -> None:
    """Raise DemoDatabase when the database holds the demo (called before any import of an
    office's own data: its roster, its past trips)."""
    if holds_demo(session):
        raise DemoDatabase()


def office_name(session: Session) -> str | None:
    """The office's name, if one was stored (the demo stores its own)."""
    row = session.get(Setting, OFFICE_NAME)
    return row.value if row is not None and row.value else None


# --- A new office -------------------------------------------------------------------------------


def create_office(
    session: Session,
    name: str,
    admin_username: str,
    *,
    admin_name: str = "",
    parent_name: str = "",
    place: str = "",
    symbol: str = "",
    signer: str = "",
    year: int | None = None,
    actor: Actor | None = None,
) -> accounts.NewAccount:
    """Start an office in an empty, migrated database, in the caller's transaction: its name
    (and the upper body's, the place, the papers' symbol and who signs them, for the Word
    papers), the year's policy (Guideline
    03's defaults: core.policy) and one admin account whose one-time password must be changed
    at first login. Returns the account with its password (shown once, never stored in clear).

    Refuses a database that holds anything (NotEmpty, saying what it found) and bad values
    (ValidationError naming each)."""
    actor = actor or shell_actor()
    counts = contents(session)
    if counts:
        raise NotEmpty(found=describe_contents(counts))
    name, parent_name, place = clean(name), clean(parent_name), clean(place)
    symbol, signer = clean(symbol), clean(signer)
    username = clean(admin_username).lower()
    errors = []
    if not name:
        errors.append(FieldError("office.field.name", "error.required"))
    for field, value in (
        ("office.field.name", name),
        ("office.field.parent_name", parent_name),
        ("office.field.place", place),
        ("office.field.symbol", symbol),
        ("office.field.signer", signer),
        ("office.field.admin_name", clean(admin_name)),
    ):
        if len(value) > MAX_NAME:
            errors.append(FieldError(field, "error.too_long", {"limit": MAX_NAME}))
    if not accounts.USERNAME.match(username):
        errors.append(FieldError("office.field.admin", "accounts.error.bad_username"))
    if errors:
        raise ValidationError(errors)
    settings = {
        OFFICE_NAME: name,
        PARENT_NAME: parent_name,
        OFFICE_PLACE: place,
        OFFICE_SYMBOL: symbol,
        SIGNER_NAME: signer,
    }
    for key, value in settings.items():
        if value:
            session.add(Setting(key=key, value=value))
    session.flush()
    audit.record(
        session,
        actor.username,
        "office.create",
        table="settings",
        row_id=OFFICE_NAME,
        after={k: v for k, v in settings.items() if v},
    )
    policy.save(session, actor, policy.YearPolicy(year=year or dt.date.today().year))
    return accounts.create_account(
        session, actor, username, clean(admin_name) or t("office.admin_name"), None, ("admin",)
    )


# --- Emptying a database -------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def confirmed(session: Session, typed: str) -> bool:
    """Did the user type the database's office name (case, spaces and Unicode form aside)?"""
    word = office_name(session)
    return word is not None and _fold(typed) == _fold(word)


def reset(session: Session) -> dict[str, int]:
    """Delete every row of data, children first, in the caller's transaction; the schema, the
    data version's row (bumped by the write) and the migrations' record stay. Every account's
    sessions end with it: a re-login cookie of an account deleted here would otherwise log in
    to a new account of the same name. Returns the rows deleted per table (those that had some)."""
    deleted = contents(session)
    for table in reversed(Base.metadata.sorted_tables):
        if table.name != DataVersion.__tablename__:
            session.execute(delete(table))
    accounts.new_sessions_epoch(session)
    return deleted
