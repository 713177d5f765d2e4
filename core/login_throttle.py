"""Login attempts, counted in the database per username and per client address.

An attempt is counted *before* its password is checked, in a transaction of its own, with
one atomic UPDATE: guesses sent together are each counted (two at once on PostgreSQL both
count), and the ones that arrive once the limit is reached are refused without their
password being checked, even while the guess that reached it is still being checked.

A username that is no account is counted and locked exactly like one that is, so the answers
of the login form never tell which names exist. Counting per client address as well slows
one password tried across many accounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.models import LoginThrottle

MAX_PER_USERNAME = 5
# One office's people may share one address (an office network behind one router): the
# address limit is wide enough for a morning of typos, far too narrow for guessing.
MAX_PER_ADDRESS = 30
LOCK_MINUTES = 15
# Rows untouched for this long are forgotten (a name typed once, an address gone).
FORGET_AFTER = dt.timedelta(days=1)

USER, ADDRESS = "user", "address"
KEY_LENGTH = 64
UNKNOWN_ADDRESS = "-"


@dataclass(frozen=True)
class Verdict:
    """May the password be checked; if not, for how many more minutes the login is locked."""

    allowed: bool
    minutes_left: int = 0


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _minutes(until: dt.datetime | None, now: dt.datetime) -> int:
    if until is None:
        return LOCK_MINUTES
    return max(1, int((until - now).total_seconds() // 60) + 1)


def _keys(username: str, address: str | None) -> tuple[tuple[str, str, int], ...]:
    return (
        (ADDRESS, (address or UNKNOWN_ADDRESS)[:KEY_LENGTH], MAX_PER_ADDRESS),
        (USER, (username or "").strip().lower()[:KEY_LENGTH], MAX_PER_USERNAME),
    )


def _count(session: Session, scope: str, key: str, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Add one attempt to a key (a lock that has run out starts the count again)."""
    expired = (LoginThrottle.locked_until.is_not(None)) & (LoginThrottle.locked_until <= now)
    statement = (
        update(LoginThrottle)
        .where(LoginThrottle.scope == scope, LoginThrottle.key == key)
        .values(
            attempts=case((expired, 1), else_=LoginThrottle.attempts + 1),
            locked_until=case((expired, None), else_=LoginThrottle.locked_until),
            updated_at=now,
        )
        .returning(LoginThrottle.attempts, LoginThrottle.locked_until)
    )
    # The key's row is made first if missing (a no-op when another attempt just made it),
    # then counted by the one UPDATE: no read-then-write that two attempts could interleave.
    dialect_insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        dialect_insert(LoginThrottle)
        .values(scope=scope, key=key, attempts=0, updated_at=now)
        .on_conflict_do_nothing()
    )
    row = session.execute(statement).one()
    return row.attempts, row.locked_until


def claim(session: Session, username: str, address: str | None, now: dt.datetime | None = None) -> Verdict:
    """Count an attempt at logging in as `username` from `address`; may its password be
    checked? Commit the caller's transaction before checking the password."""
    now = now or _utcnow()
    for scope, key, limit in _keys(username, address):
        attempts, locked_until = _count(session, scope, key, now)
        if locked_until is not None and locked_until > now:
            return Verdict(False, _minutes(locked_until, now))
        if attempts > limit:  # the limit was reached by guesses still being checked
            return Verdict(False, LOCK_MINUTES)
    return Verdict(True)


def failed(
    session: Session, username: str, address: str | None, now: dt.datetime | None = None
) -> int | None:
    """The checked password was wrong: lock what reached its limit. Returns the minutes of
    the lock that now holds this login, or None."""
    now = now or _utcnow()
    until = now + dt.timedelta(minutes=LOCK_MINUTES)
    locked = None
    for scope, key, limit in _keys(username, address):
        done = session.execute(
            update(LoginThrottle)
            .where(
                LoginThrottle.scope == scope,
                LoginThrottle.key == key,
                LoginThrottle.attempts >= limit,
                LoginThrottle.locked_until.is_(None),
            )
            .values(locked_until=until)
        ).rowcount
        if done:
            locked = LOCK_MINUTES
    if locked:
        session.execute(delete(LoginThrottle).where(LoginThrottle.updated_at < now - FORGET_AFTER))
    return locked


def succeeded(session: Session, username: str, address: str | None) -> None:
    """The password was right: the username's count starts again; the address gives back the
    attempt it counted (a right password is no guess)."""
    (_, address_key, _), (_, user_key, _) = _keys(username, address)
    session.execute(delete(LoginThrottle).where(LoginThrottle.scope == USER, LoginThrottle.key == user_key))
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.scope == ADDRESS, LoginThrottle.key == address_key, LoginThrottle.attempts > 0)
        .values(attempts=LoginThrottle.attempts - 1)
    )


def locked_usernames(session: Session, now: dt.datetime | None = None) -> set[str]:
    now = now or _utcnow()
    return set(
        session.scalars(
            select(LoginThrottle.key).where(LoginThrottle.scope == USER, LoginThrottle.locked_until > now)
        )
    )


def lift(session: Session, username: str) -> None:
    """Forget the username's attempts and lock (an admin's password reset)."""
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.scope == USER, LoginThrottle.key == username.strip().lower()[:KEY_LENGTH]
        )
    )
