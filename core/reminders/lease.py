"""One run at a time: the lease row (`leases`) a run takes, renews and releases."""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.reminders.choices import now
from db.models import Lease
from db.session import writing

LEASE = "remind"
LEASE_SECONDS = 300

# --- One run at a time ----------------------------------------------------------------------------


def new_holder() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def take_lease(url: str | None, holder: str, seconds: int = LEASE_SECONDS) -> dt.datetime | None:
    """Hold the reminders' lease for `seconds`; None when taken, else until when another run
    holds it. The row is read for update (a write transaction: BEGIN IMMEDIATE on SQLite), so
    of two runs asking at once one waits and then finds it held."""
    at = now()
    try:
        with writing(url, bump_version=False) as session:
            row = session.get(Lease, LEASE, with_for_update=True)
            if row is None:
                session.add(Lease(name=LEASE, holder=holder, expires_at=at + dt.timedelta(seconds=seconds)))
                return None
            if row.holder != holder and row.expires_at > at:
                return row.expires_at
            row.holder, row.expires_at = holder, at + dt.timedelta(seconds=seconds)
            return None
    except IntegrityError:  # another run inserted the first row meanwhile (PostgreSQL)
        return at + dt.timedelta(seconds=seconds)


def renew_lease(session: Session, holder: str, seconds: int = LEASE_SECONDS) -> bool:
    """Keep the lease a while longer, in the caller's transaction; False if it is lost."""
    done = session.execute(
        update(Lease)
        .where(Lease.name == LEASE, Lease.holder == holder)
        .values(expires_at=now() + dt.timedelta(seconds=seconds))
    )
    return done.rowcount == 1


def release_lease(url: str | None, holder: str) -> None:
    with writing(url, bump_version=False) as session:
        session.execute(
            update(Lease).where(Lease.name == LEASE, Lease.holder == holder).values(expires_at=now())
        )
