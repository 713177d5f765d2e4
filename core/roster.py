"""The roster: bans and cadres, read by everyone who needs them, edited by admins."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import access, accounts, actions, audit, limits
from core.errors import FieldError, NotFound, ValidationError
from core.periods import Window
from core.permissions import Actor, require
from core.text import clean
from db.models import Account, Ban, Cadre
from db.vocabulary import Role


@dataclass(frozen=True)
class BanRow:
    id: int
    code: str
    name: str
    active: bool
    cadres: int = 0


@dataclass(frozen=True)
class CadreRow:
    id: int
    code: str
    full_name: str
    ban_id: int
    ban_code: str
    ban_name: str
    position: str
    subject_to_rule: bool
    active: bool
    joined_on: dt.date | None
    left_on: dt.date | None


def bans(session: Session, include_inactive: bool = False) -> list[BanRow]:
    """Bans in the office's order, with their count of active cadres."""
    counts = (
        select(Cadre.ban_id, func.count().label("n"))
        .where(Cadre.active.is_(True))
        .group_by(Cadre.ban_id)
        .subquery()
    )
    query = (
        select(Ban.id, Ban.code, Ban.name, Ban.active, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.ban_id == Ban.id)
        .order_by(Ban.sort_order, Ban.name)
    )
    if not include_inactive:
        query = query.where(Ban.active.is_(True))
    return [BanRow(*row) for row in session.execute(query)]


def _cadre_query():
    return select(
        Cadre.id,
        Cadre.code,
        Cadre.full_name,
        Cadre.ban_id,
        Ban.code,
        Ban.name,
        Cadre.position,
        Cadre.subject_to_rule,
        Cadre.active,
        Cadre.joined_on,
        Cadre.left_on,
    ).join(Ban, Ban.id == Cadre.ban_id)


def cadres(
    session: Session, actor: Actor, ban_id: int | None = None, window: Window | None = None
) -> list[CadreRow]:
    """The roster, for admins and leaders: a ban leader sees the own ban only."""
    if not actor.has(Role.ADMIN) and not actor.has(Role.OFFICE_LEADER):
        require(actor, actions.BAN_DETAIL, ban_id)
    query = _cadre_query().order_by(Ban.sort_order, Cadre.full_name)
    if ban_id is not None:
        query = query.where(Cadre.ban_id == ban_id)
    if window is not None:
        query = query.where(
            (Cadre.joined_on.is_(None)) | (Cadre.joined_on <= window.end),
            (Cadre.left_on.is_(None)) | (Cadre.left_on >= window.start),
        )
    return [CadreRow(*row) for row in session.execute(query)]


def cadre(session: Session, cadre_id: int) -> CadreRow | None:
    row = session.execute(_cadre_query().where(Cadre.id == cadre_id)).first()
    return CadreRow(*row) if row else None


# --- Editing the roster (admins) -----------------------------------------------------------------

_CODE = re.compile(r"^[A-Za-z0-9._-]{1,32}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^[0-9 +().-]{6,20}$")


@dataclass(frozen=True)
class CadreInput:
    code: str
    full_name: str
    ban_code: str
    position: str = ""
    subject: bool = True
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    email: str = ""
    phone: str = ""

    def cleaned(self) -> CadreInput:
        return CadreInput(
            clean(self.code),
            clean(self.full_name),
            clean(self.ban_code),
            clean(self.position),
            self.subject,
            self.joined_on,
            self.left_on,
            clean(self.email),
            clean(self.phone),
        )


def cadre_problems(data: CadreInput, ban_codes: set[str]) -> list[tuple[str, str, dict]]:
    """(column, message key, params) for every problem of one cadre's values; the roster
    import and the cadre form both name them in the user's language."""
    problems = []
    for column in ("code", "full_name", "ban_code"):
        if not getattr(data, column):
            problems.append((column, "error.required", {}))
    if data.code and not _CODE.match(data.code):
        problems.append(("code", "roster.error.bad_code", {"value": data.code}))
    if data.ban_code and data.ban_code not in ban_codes:
        problems.append(("ban_code", "roster.error.unknown_ban", {"value": data.ban_code}))
    for column in ("full_name", "position", "email"):
        if len(getattr(data, column)) > limits.NAME:
            problems.append((column, "error.too_long", {"limit": limits.NAME}))
    if data.joined_on and data.left_on and data.left_on < data.joined_on:
        problems.append(("left_on", "roster.error.left_before_joined", {}))
    if data.email and not _EMAIL.match(data.email):
        problems.append(("email", "roster.error.bad_email", {"value": data.email}))
    if data.phone and not _PHONE.match(data.phone):
        problems.append(("phone", "roster.error.bad_phone", {"value": data.phone}))
    return problems


def cadre_values(data: CadreInput, ban_id: int) -> dict:
    """The cadre's columns as `data` sets them (an edit or an import makes it active)."""
    return {
        "full_name": data.full_name,
        "ban_id": ban_id,
        "position": data.position,
        "subject_to_rule": data.subject,
        "joined_on": data.joined_on,
        "left_on": data.left_on,
        "email": data.email or None,
        "phone": data.phone or None,
        "active": True,
    }


def save_cadre(session: Session, actor: Actor, data: CadreInput, cadre_id: int | None = None) -> int:
    """Create a cadre (cadre_id None) or edit one; returns its id. Codes stay unique."""
    require(actor, actions.ADMIN_ROSTER)
    data = data.cleaned()
    ban_ids = dict(session.execute(select(Ban.code, Ban.id).where(Ban.active.is_(True))).all())
    problems = cadre_problems(data, set(ban_ids))
    other = session.scalar(select(Cadre.id).where(Cadre.code == data.code))
    if data.code and other is not None and other != cadre_id:
        problems.append(("code", "roster.error.code_taken", {"value": data.code}))
    if problems:
        raise ValidationError([FieldError(f"roster.col.{c}", m, p) for c, m, p in problems])
    if cadre_id is None:
        cadre = Cadre(code=data.code, **cadre_values(data, ban_ids[data.ban_code]))
        session.add(cadre)
        audit.record(session, actor.username, "create", cadre)
        return cadre.id
    cadre = access.found(session, Cadre, cadre_id)
    before = audit.snapshot(cadre)
    cadre.code = data.code
    for key, value in cadre_values(data, ban_ids[data.ban_code]).items():
        setattr(cadre, key, value)
    audit.record(session, actor.username, "update", cadre, before=before)
    return cadre.id


def set_cadre_active(session: Session, actor: Actor, cadre_id: int, active: bool) -> None:
    """Deactivate (history kept, the account stops working at once) or reactivate a cadre."""
    cadre = access.load(session, Cadre, cadre_id, actor, actions.ADMIN_ROSTER)
    before = audit.snapshot(cadre)
    cadre.active = active
    audit.record(session, actor.username, "activate" if active else "deactivate", cadre, before=before)
    account_id = session.scalar(
        select(Account.id).where(Account.cadre_id == cadre.id, Account.active.is_(True))
    )
    if account_id is not None and not active:
        accounts.set_account_active(session, actor, account_id, False)


def ban_problems(code: str, name: str) -> list[FieldError]:
    """What is wrong with a ban's code and name (cleaned), by field: the rules save_ban holds,
    which a roster file's bans sheet is checked by before anything is written."""
    errors = []
    if not code:
        errors.append(FieldError("roster.col.ban_code", "error.required"))
    elif not _CODE.match(code):
        errors.append(FieldError("roster.col.ban_code", "roster.error.bad_code", {"value": code}))
    if not name:
        errors.append(FieldError("admin.ban_name", "error.required"))
    else:
        limits.check(errors, "admin.ban_name", name, limits.NAME)
    return errors


def save_ban(
    session: Session, actor: Actor, code: str, name: str, sort_order: int = 0, ban_id: int | None = None
) -> int:
    """Create a ban (ban_id None) or rename / recode one; returns its id."""
    require(actor, actions.ADMIN_ROSTER)
    code, name = clean(code), clean(name)
    errors = ban_problems(code, name)
    other = session.scalar(select(Ban.id).where(Ban.code == code))
    if code and other is not None and other != ban_id:
        errors.append(FieldError("roster.col.ban_code", "roster.error.code_taken", {"value": code}))
    if errors:
        raise ValidationError(errors)
    ban = Ban() if ban_id is None else access.found(session, Ban, ban_id)
    before = audit.snapshot(ban) if ban_id is not None else None
    ban.code, ban.name, ban.sort_order = code, name, sort_order
    session.add(ban)
    audit.record(session, actor.username, "update" if before else "create", ban, before=before)
    return ban.id


def set_ban_active(session: Session, actor: Actor, ban_id: int, active: bool) -> None:
    """A ban closed keeps its history; a ban with active cadres cannot be closed."""
    ban = access.load(session, Ban, ban_id, actor, actions.ADMIN_ROSTER)
    if not active and session.scalar(
        select(func.count()).select_from(Cadre).where(Cadre.ban_id == ban_id, Cadre.active.is_(True))
    ):
        raise ValidationError([FieldError("", "roster.error.ban_not_empty", {"ban": ban.name})])
    before = audit.snapshot(ban)
    ban.active = active
    audit.record(session, actor.username, "activate" if active else "deactivate", ban, before=before)


def cadre_input(session: Session, actor: Actor, cadre_id: int) -> CadreInput:
    """A cadre's editable values, as the edit form starts from them."""
    require(actor, actions.ADMIN_ROSTER)
    row = session.execute(
        select(Cadre, Ban.code).join(Ban, Ban.id == Cadre.ban_id).where(Cadre.id == cadre_id)
    ).first()
    if row is None:
        raise NotFound()
    c, ban_code = row
    return CadreInput(
        c.code,
        c.full_name,
        ban_code,
        c.position,
        c.subject_to_rule,
        c.joined_on,
        c.left_on,
        c.email or "",
        c.phone or "",
    )
