"""Accounts: password hashes, failed-login throttling, and the actor of a script run.

Logins are counted in the database, not in session state: a counter in session state resets
with every new browser tab.
"""

from __future__ import annotations

import datetime as dt
import secrets

import bcrypt
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from core.permissions import Actor
from db.models import Account

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:
        return False


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# A hash that no password matches (a random secret, thrown away): given for locked accounts
# so that the login form fails them like a wrong password and we learn who tried.
_UNMATCHABLE = hash_password(secrets.token_hex(32))


def credentials(session: Session) -> dict:
    """The credentials dict streamlit-authenticator expects, fresh for one script run.

    The authenticator mutates it (failed-attempt counters), so it is never shared between
    runs. Inactive accounts are left out; locked ones get a hash nothing matches.
    """
    now = _utcnow()
    rows = session.scalars(
        select(Account).where(Account.active.is_(True)).options(selectinload(Account.roles))
    )
    users = {}
    for acc in rows:
        locked = acc.locked_until is not None and acc.locked_until > now
        users[acc.username] = {
            "name": acc.display_name,
            "password": _UNMATCHABLE if locked else acc.password_hash,
            "roles": sorted(r.role for r in acc.roles),
            "email": None,
            "failed_login_attempts": 0,
        }
    return {"usernames": users}


def failed_usernames(creds: dict) -> list[str]:
    """Usernames whose counter the authenticator raised during this run."""
    return [u for u, d in creds["usernames"].items() if d.get("failed_login_attempts", 0) > 0]


def record_failed_login(session: Session, username: str) -> int | None:
    """Count a failed login; lock the account for a while after too many. Returns minutes
    left on the lock, or None if the account is not locked."""
    acc = session.scalar(select(Account).where(Account.username == username))
    if acc is None:
        return None
    now = _utcnow()
    if acc.locked_until and acc.locked_until > now:
        return max(1, int((acc.locked_until - now).total_seconds() // 60) + 1)
    acc.failed_logins += 1
    if acc.failed_logins >= MAX_FAILED_LOGINS:
        acc.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
        acc.failed_logins = 0
        return LOCK_MINUTES
    return None


def record_successful_login(session: Session, username: str) -> None:
    session.execute(
        update(Account)
        .where(Account.username == username, Account.failed_logins != 0)
        .values(failed_logins=0)
    )


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


def set_language(session: Session, username: str, lang: str) -> None:
    session.execute(update(Account).where(Account.username == username).values(language=lang))
