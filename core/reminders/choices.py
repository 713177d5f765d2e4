"""Who gets mail and what they chose: the settings of the reminders (the digest's day),
each account's own choice and address, and the admins' view of everyone's mail (/admin);
with the limits and outcomes the other modules of the package share, and the clock (`now`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import access, actions, audit, mail
from core.errors import FieldError, ValidationError
from core.i18n import LANGUAGES
from core.permissions import Actor, require
from core.text import clean
from db.models import Account, AccountRole, Cadre, MailStatus, Reminder, Setting
from db.vocabulary import MAIL_MODES, MailMode, Role

LOOKBACK_DAYS = 30
DIGEST_SETTING = "digest_weekday"
DEFAULT_DIGEST_DAY = 0  # Monday
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LISTED = 20  # items a mail lists; the rest are counted, with a link
LISTED_CADRES = 10  # cadres behind pace a ban leader's digest names
DIGEST = "digest"
SENT, MISSED = "sent", "missed"
CHART_ID = "tien-do-cac-ban@dicoso"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --- Who, and what they chose -----------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    account_id: int
    username: str
    name: str
    email: str | None  # the account's own, else the cadre's on the roster
    language: str
    mode: str
    roles: frozenset[str]
    cadre_id: int | None
    ban_id: int | None

    @property
    def leader(self) -> bool:
        return bool(self.roles & {Role.BAN_LEADER, Role.OFFICE_LEADER})


def people(session: Session) -> list[Person]:
    """Every active account that wants some mail, with its address (two statements)."""
    roles: dict[int, set[str]] = defaultdict(set)
    for account_id, role in session.execute(
        select(AccountRole.account_id, AccountRole.role)
        .join(Account, Account.id == AccountRole.account_id)
        .where(Account.active.is_(True))
    ):
        roles[account_id].add(role)
    own = func.nullif(func.trim(Account.email), "")
    rows = session.execute(
        select(
            Account.id,
            Account.username,
            Account.display_name,
            func.coalesce(own, Cadre.email),
            Account.language,
            Account.mail_mode,
            Account.cadre_id,
            Cadre.ban_id,
        )
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .where(Account.active.is_(True), Account.mail_mode != MailMode.NONE)
        .order_by(Account.id)
    )
    return [
        Person(
            r[0],
            r[1],
            r[2],
            (r[3] or "").strip() or None,
            r[4] if r[4] in LANGUAGES else "vi",
            r[5],
            frozenset(roles.get(r[0], ())),
            r[6],
            r[7],
        )
        for r in rows
    ]


def digest_day(session: Session) -> int:
    """The weekday of the leaders' digest (0 Monday … 6 Sunday)."""
    value = session.scalar(select(Setting.value).where(Setting.key == DIGEST_SETTING))
    return int(value) if value is not None and value.isdigit() and int(value) < 7 else DEFAULT_DIGEST_DAY


def set_digest_day(session: Session, actor: Actor, day: int) -> None:
    require(actor, actions.ADMIN_POLICY)
    if day not in range(7):
        raise ValidationError([FieldError("mail.admin.digest_day", "mail.error.bad_day")])
    row = session.get(Setting, DIGEST_SETTING)
    before = audit.snapshot(row) if row else None
    if row is None:
        row = Setting(key=DIGEST_SETTING, value=str(day))
        session.add(row)
    row.value = str(day)
    audit.record(session, actor.username, "update" if before else "create", row, before=before)


# --- The user's own choice, and the admins' view -------------------------------------------------


@dataclass(frozen=True)
class MailChoice:
    email: str  # the account's own address ("" if none)
    roster_email: str  # the cadre's address on the roster ("" if none)
    mode: str


def own_choice(session: Session, actor: Actor) -> MailChoice:
    row = session.execute(
        select(Account.email, Account.mail_mode, Cadre.email)
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .where(Account.id == actor.account_id)
    ).one()
    return MailChoice(row[0] or "", row[2] or "", row[1])


def _checked_address(value: str) -> str | None:
    address = clean(value or "")
    if address and not mail.valid_address(address):
        raise ValidationError([FieldError("mail.address", "mail.error.bad_address")])
    return address or None


def set_own_choice(session: Session, actor: Actor, email: str, mode: str) -> None:
    """The user's own address (empty: the roster's) and which mails they want."""
    if mode not in MAIL_MODES:
        raise ValidationError([FieldError("mail.mode", "mail.error.bad_mode")])
    address = _checked_address(email)
    account = access.found(session, Account, actor.account_id)
    before = audit.snapshot(account)
    account.email, account.mail_mode = address, mode
    audit.record(session, actor.username, "mail_choice", account, before=before)


def set_address(session: Session, actor: Actor, account_id: int, email: str) -> None:
    """An admin sets an account's address."""
    require(actor, actions.ADMIN_ACCOUNTS)
    address = _checked_address(email)
    account = access.found(session, Account, account_id)
    before = audit.snapshot(account)
    account.email = address
    audit.record(session, actor.username, "mail_address", account, before=before)


@dataclass(frozen=True)
class MailStatusRow:
    account_id: int
    username: str
    name: str
    email: str  # "" without one
    mode: str
    last_sent_at: dt.datetime | None
    last_subject: str
    last_error: str
    last_error_at: dt.datetime | None
    missed: int  # reminders counted while the account had no address


def mail_status(session: Session, actor: Actor) -> list[MailStatusRow]:
    """Every active account: its address and choice, when it was last emailed, the last failure
    and the reminders it missed; those without an address first, the most missed first."""
    require(actor, actions.ADMIN_ACCOUNTS)
    missed = dict(
        session.execute(
            select(Reminder.account_id, func.count())
            .where(Reminder.outcome == MISSED)
            .group_by(Reminder.account_id)
        ).all()
    )
    own = func.nullif(func.trim(Account.email), "")
    rows = session.execute(
        select(
            Account.id,
            Account.username,
            Account.display_name,
            func.coalesce(own, Cadre.email),
            Account.mail_mode,
            MailStatus.last_sent_at,
            MailStatus.last_subject,
            MailStatus.last_error,
            MailStatus.last_error_at,
        )
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .outerjoin(MailStatus, MailStatus.account_id == Account.id)
        .where(Account.active.is_(True))
    )
    out = [
        MailStatusRow(
            r[0],
            r[1],
            r[2],
            (r[3] or "").strip(),
            r[4],
            r[5],
            r[6] or "",
            r[7] or "",
            r[8],
            missed.get(r[0], 0),
        )
        for r in rows
    ]
    return sorted(out, key=lambda r: (bool(r.email), -r.missed, r.username))
