"""Accounts: password hashes, failed-login throttling, and the actor of a script run.

Logins are counted in the database, not in session state: a counter in session state resets
with every new browser tab.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import bcrypt
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from core import access, actions, audit, limits, login_throttle
from core.errors import FieldError, NotFound, ValidationError
from core.permissions import Actor, require
from core.text import clean
from db.models import Account, AccountRole, DataVersion
from db.vocabulary import ROLES, Role

USERNAME = re.compile(r"^[a-z0-9._-]{2,64}$")


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:
        return False


# A hash that no password matches (a random secret, thrown away): a name that is no account
# is checked against it, so that a wrong name costs as long as a wrong password.
_UNMATCHABLE = hash_password(secrets.token_hex(32))


def credentials(session: Session, username: str, demo: bool = False) -> dict | None:
    """`username`'s entry in the credentials streamlit-authenticator keeps (ui.auth asks for
    each name it needs: an office with thousands of accounts is never read whole on a run of
    the login page), fresh for one script run; None for a name that may not log in.

    The authenticator mutates it (failed-attempt counters), so it is never shared between
    runs. An inactive account is left out, and so is a demo account (whose password is
    public) unless the database holds the demo (`demo`). Locks are kept by core.login_throttle.
    """
    query = (
        select(Account)
        .where(Account.username == username, Account.active.is_(True))
        .options(selectinload(Account.roles))
    )
    if not demo:
        query = query.where(Account.is_demo.is_(False))
    account = session.scalar(query)
    if account is None:
        return None
    return {
        "name": account.display_name,
        "password": account.password_hash,
        "roles": sorted(r.role for r in account.roles),
        "email": None,
        "failed_login_attempts": 0,
    }


def verify_login(password: str, password_hash: str | None) -> bool:
    """The password against the account's hash; a name that is no account (no hash) takes
    as long to refuse as a wrong password."""
    return check_password(password, password_hash or _UNMATCHABLE) and password_hash is not None


def load_actor(session: Session, username: str | None) -> Actor | None:
    """The actor behind `username`, read from the database now; None if unknown or inactive."""
    if not username:
        return None
    acc = session.scalar(
        select(Account)
        .where(Account.username == username.lower(), Account.active.is_(True))
        .options(selectinload(Account.roles), selectinload(Account.cadre))
    )
    if acc is None:
        return None
    return Actor(
        account_id=acc.id,
        username=acc.username,
        name=acc.display_name,
        roles=frozenset(r.role for r in acc.roles),
        cadre_id=acc.cadre_id,
        ban_id=acc.cadre.ban_id if acc.cadre else None,
        language=acc.language,
    )


def session_version(session: Session, username: str) -> int | None:
    """The account's session version: a session started on another version has ended."""
    return session.scalar(select(Account.session_version).where(Account.username == username))


def sessions_epoch(session: Session) -> str:
    """What the re-login cookie is signed with besides the key: it changes whenever any
    account's sessions end, so every cookie issued before stops working. One row read by its
    key, whatever the number of accounts (each arrival and each run of the login page)."""
    return session.scalar(select(DataVersion.sessions_epoch).where(DataVersion.id == 1)) or "0"


def new_sessions_epoch(session: Session) -> None:
    """Every re-login cookie written so far stops working (a new random epoch, never one
    already used: a counter would start again after the data is emptied)."""
    session.execute(
        update(DataVersion).where(DataVersion.id == 1).values(sessions_epoch=secrets.token_hex(16))
    )


def end_sessions_of(session: Session, account: Account) -> None:
    """The account's open sessions end at their next run and every re-login cookie is void
    (its owner's and, the cookie saying nothing of the version, everyone's: each logs in once)."""
    account.session_version += 1
    new_sessions_epoch(session)


def end_sessions(session: Session, actor: Actor, username: str) -> None:
    """End every session of the account (open tabs at their next click, re-login cookies
    at once): for a lost phone, a shared computer, a password that leaked."""
    require(actor, actions.ADMIN_ACCOUNTS)
    account = session.scalar(select(Account).where(Account.username == username))
    if account is None:
        raise NotFound()
    before = audit.snapshot(account)
    end_sessions_of(session, account)
    audit.record(session, actor.username, "end_sessions", account, before=before)


def set_language(session: Session, username: str, lang: str) -> None:
    session.execute(update(Account).where(Account.username == username).values(language=lang))


# --- Running accounts (admins), and the first-login password change ---------------------------

MIN_PASSWORD = 10
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class NewAccount:
    """An account's one-time password, shown once to the admin and never stored in clear."""

    username: str
    full_name: str
    password: str


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    cadre_code: str | None
    roles: tuple[str, ...]
    active: bool
    must_change_password: bool
    locked: bool


# A one-time password is 12 random characters of 54 (about 69 bits): no guessing attack needs
# bcrypt's full cost to fail, and a cheaper hash keeps a roster import of a few hundred new
# accounts from holding the write lock for minutes. The password the user then chooses gets
# the full cost.
ONE_TIME_ROUNDS = 8


def one_time_password() -> tuple[str, str]:
    """A fresh one-time password and its hash."""
    password = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))
    return password, bcrypt.hashpw(password.encode(), bcrypt.gensalt(ONE_TIME_ROUNDS)).decode()


def list_accounts(session: Session, actor: Actor) -> list[AccountRow]:
    require(actor, actions.ADMIN_ACCOUNTS)
    locked = login_throttle.locked_usernames(session)
    rows = session.scalars(
        select(Account)
        .options(selectinload(Account.roles), selectinload(Account.cadre))
        .order_by(Account.username)
    )
    return [
        AccountRow(
            a.id,
            a.username,
            a.display_name,
            a.cadre.code if a.cadre else None,
            tuple(sorted(r.role for r in a.roles)),
            a.active,
            a.must_change_password,
            a.username in locked,
        )
        for a in rows
    ]


def create_account(
    session: Session,
    actor: Actor,
    username: str,
    display_name: str,
    cadre_id: int | None,
    roles: tuple[str, ...],
) -> NewAccount:
    """A new account whose one-time password must be changed at first login."""
    require(actor, actions.ADMIN_ACCOUNTS)
    username = clean(username).lower()
    display_name = clean(display_name)
    roles = limits.capped(limits.distinct(roles), limits.ROLES)
    errors = []
    limits.check(errors, "accounts.display_name", display_name, limits.NAME)
    limits.check(errors, "accounts.roles", roles, limits.ROLES)
    if not USERNAME.match(username):
        errors.append(FieldError("login.username", "accounts.error.bad_username"))
    elif session.scalar(select(Account.id).where(Account.username == username)) is not None:
        errors.append(FieldError("login.username", "accounts.error.username_taken", {"value": username}))
    if not roles or any(r not in ROLES for r in roles):
        errors.append(FieldError("accounts.roles", "accounts.error.no_role"))
    if errors:
        raise ValidationError(errors)
    password, password_hash = one_time_password()
    account = Account(
        username=username,
        display_name=display_name or username,
        password_hash=password_hash,
        cadre_id=cadre_id,
        must_change_password=True,
        roles=[AccountRole(role=r) for r in roles],
    )
    session.add(account)
    audit.record(
        session, actor.username, "create", account, after={**audit.snapshot(account), "roles": list(roles)}
    )
    return NewAccount(username, account.display_name, password)


def _account(session: Session, account_id: int) -> Account:
    return access.found(session, Account, account_id, options=[selectinload(Account.roles)])


def set_roles(session: Session, actor: Actor, account_id: int, roles: tuple[str, ...]) -> None:
    require(actor, actions.ADMIN_ACCOUNTS)
    roles = limits.capped(limits.distinct(roles), limits.ROLES)
    errors: list[FieldError] = []
    limits.check(errors, "accounts.roles", roles, limits.ROLES)
    if errors:
        raise ValidationError(errors)
    if not roles or any(r not in ROLES for r in roles):
        raise ValidationError([FieldError("accounts.roles", "accounts.error.no_role")])
    account = _account(session, account_id)
    before = sorted(r.role for r in account.roles)
    if account.id == actor.account_id and Role.ADMIN not in roles:
        raise ValidationError([FieldError("accounts.roles", "accounts.error.own_admin")])
    keep = set(before) & set(roles)
    account.roles[:] = [r for r in account.roles if r.role in keep] + [
        AccountRole(role=r) for r in roles if r not in keep
    ]
    end_sessions_of(session, account)
    audit.record(
        session, actor.username, "roles", account, before={"roles": before}, after={"roles": sorted(roles)}
    )


def reset_password(session: Session, actor: Actor, account_id: int) -> NewAccount:
    """A new one-time password (shown once); the old sessions end, a lock is lifted."""
    require(actor, actions.ADMIN_ACCOUNTS)
    account = _account(session, account_id)
    password, account.password_hash = one_time_password()
    account.must_change_password = True
    login_throttle.lift(session, account.username)
    end_sessions_of(session, account)
    audit.record(session, actor.username, "reset_password", account)
    return NewAccount(account.username, account.display_name, password)


def set_account_active(session: Session, actor: Actor, account_id: int, active: bool) -> None:
    require(actor, actions.ADMIN_ACCOUNTS)
    account = _account(session, account_id)
    if account.id == actor.account_id and not active:
        raise ValidationError([FieldError("", "accounts.error.own_account")])
    before = audit.snapshot(account)
    account.active = active
    end_sessions_of(session, account)
    audit.record(session, actor.username, "activate" if active else "deactivate", account, before=before)


def must_change_password(session: Session, username: str) -> bool:
    return bool(session.scalar(select(Account.must_change_password).where(Account.username == username)))


# Passwords too common to be worth a guess's cost; a password is also refused when it is
# one of them with digits or punctuation added ("matkhau2024!").
_COMMON_PASSWORDS = frozenset(
    {
        "password",
        "passw0rd",
        "matkhau",
        "mat khau",
        "cosodemo",
        "qwerty",
        "qwertyuiop",
        "asdfghjkl",
        "iloveyou",
        "admin",
        "administrator",
        "welcome",
        "doanthanhnien",
        "thanhnien",
        "tinhdoan",
        "hochiminh",
        "vietnam",
        "changeme",
        "letmein",
        "abc123",
    }
)
_SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def normalise_password(password: str) -> str:
    """A password as the login form reads it (it strips spaces at both ends): every password
    set goes through this too, so none is stored that its owner cannot type back."""
    return (password or "").strip()


def _is_run(text: str) -> bool:
    """A stretch of a keyboard row or the alphabet or digits, forwards or backwards."""
    return any(text in seq or text in seq[::-1] for seq in _SEQUENCES)


def weak_password(password: str, username: str = "", display_name: str = "") -> bool:
    """Would a guesser try it early: few distinct characters, a run, a common password with
    digits or marks around it, or the owner's username or name in it."""
    lowered = password.lower()
    if len(set(lowered)) < 5 or _is_run(lowered):
        return True
    core = lowered.strip("0123456789!@#$%^&*.,-_ ")
    if core in _COMMON_PASSWORDS or _is_run(core) or len(set(core)) < 3:
        return True
    names = [username.lower()] + [part.lower() for part in display_name.split() if len(part) >= 4]
    return any(len(name) >= 3 and name in lowered for name in names)


def password_problems(password: str, current: str, username: str, display_name: str) -> list[FieldError]:
    """What is wrong with a new password (already normalised), as field errors."""
    if len(password) < MIN_PASSWORD:
        return [FieldError("accounts.new_password", "accounts.error.short_password", {"limit": MIN_PASSWORD})]
    if password == current:
        return [FieldError("accounts.new_password", "accounts.error.same_password")]
    if weak_password(password, username, display_name):
        return [FieldError("accounts.new_password", "accounts.error.weak_password")]
    return []


def change_own_password(session: Session, actor: Actor, current: str, new: str, repeat: str) -> int:
    """The user's own new password (the first-login change and any later one). Every other
    session of the account ends (a copied cookie, a forgotten tab); returns the account's new
    session version, which the session that made the change keeps."""
    account = _account(session, actor.account_id)
    current, new, repeat = (normalise_password(p) for p in (current, new, repeat))
    errors = []
    if not check_password(current, account.password_hash):
        errors.append(FieldError("accounts.current_password", "accounts.error.wrong_password"))
    errors += password_problems(new, current, account.username, account.display_name)
    if new != repeat:
        errors.append(FieldError("accounts.repeat_password", "accounts.error.mismatch"))
    if errors:
        raise ValidationError(errors)
    account.password_hash = hash_password(new)
    account.must_change_password = False
    end_sessions_of(session, account)
    audit.record(session, actor.username, "change_password", account)
    return account.session_version
