"""Who a browser session is signed in as, read in one indexed statement.

Every run of a signed-in session re-reads its account (a deactivated account, a role changed,
sessions ended: ui.auth, ui.guard), a projector's refresh every few seconds included. Loading
the account, its roles and its cadre through the ORM took three statements and a session
version a fourth; here one statement on the accounts' unique username index, joined to the
account's roles (their primary key) and its cadre, gives all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from core.permissions import Actor
from db.models import Account, AccountRole, Cadre


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    session_version: int  # a session started on another version has ended
    must_change_password: bool


_QUERY = (
    select(
        Account.id,
        Account.username,
        Account.display_name,
        Account.cadre_id,
        Cadre.ban_id,
        Account.language,
        Account.session_version,
        Account.must_change_password,
        AccountRole.role,
    )
    .outerjoin(Cadre, Cadre.id == Account.cadre_id)
    .outerjoin(AccountRole, AccountRole.account_id == Account.id)
    .where(Account.username == bindparam("username"), Account.active.is_(True))
)


def signed_in(session: Session, username: str | None) -> SignedIn | None:
    """The active account `username` as the pages need it; None if unknown or inactive.
    The same actor as core.accounts.load_actor."""
    if not username:
        return None
    rows = session.execute(_QUERY, {"username": username.lower()}).all()
    if not rows:
        return None
    first = rows[0]
    actor = Actor(
        account_id=first.id,
        username=first.username,
        name=first.display_name,
        roles=frozenset(r.role for r in rows if r.role is not None),
        cadre_id=first.cadre_id,
        ban_id=first.ban_id,
        language=first.language,
    )
    return SignedIn(actor, first.session_version, bool(first.must_change_password))
