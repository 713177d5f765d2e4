"""Applying a roster file, in the caller's transaction: the whole file is checked again against
the database as it is now, then cadres are upserted by their code, cadres missing from the
file may be deactivated (never deleted: their history stays), and each new cadre gets an
account with a one-time password. Nothing is written if anything is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import actions, audit, office, submissions
from core.accounts import NewAccount, create_account, set_roles
from core.permissions import Actor, require
from core.roster import cadre_values, save_ban, set_ban_active, set_cadre_active
from core.roster_import.parsing import RosterFile, parse, read_file
from core.roster_import.planning import (
    ban_plan,
    database_state,
    make_plan,
    new_username,
    roles_change,
)
from db.models import Ban, Cadre
from db.vocabulary import Role


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    deactivated: int
    accounts: tuple[NewAccount, ...] = field(default_factory=tuple)
    repeated: bool = False  # the same import was already applied (a double submit)
    bans_added: int = 0
    bans_renamed: int = 0


def apply(
    session: Session,
    actor: Actor,
    source: RosterFile | bytes,
    filename: str = "",
    deactivate_missing: bool = False,
    submission_id: str | None = None,
) -> ImportResult:
    """Validate the whole file (read once with `read_file`, or its bytes) again against the
    database as it is now, then write it, in the caller's transaction. Nothing is written if
    anything is wrong."""
    require(actor, actions.ADMIN_ROSTER)
    office.refuse_demo(session)
    if not isinstance(source, RosterFile):
        source = read_file(source, filename)
    payload = {"file": source.digest, "deactivate": deactivate_missing}
    if submission_id and submissions.previous_result(session, submission_id, "roster", payload) is not None:
        return ImportResult(0, 0, 0, 0, repeated=True)
    # The bans sheet first (checked whole, then written by core.roster's rules), then the
    # cadres against the bans as they now are: one transaction, nothing written if anything
    # in either sheet is wrong.
    before = database_state(session)
    bans = ban_plan(session, source)
    rows = parse(source, source.name, before.known_bans(bans))
    if bans is not None:
        write_bans(session, actor, bans)
    state = database_state(session)
    plan = make_plan(session, rows, state, bans)
    new_accounts = []
    for row in rows:
        values = cadre_values(row.cadre, state.ban_ids[row.cadre.ban_code])
        cadre = state.cadres.get(row.code)
        account = state.accounts.get(cadre.id) if cadre else None
        username = new_username(row, cadre, account)
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
        if roles_change(row, account):
            set_roles(session, actor, account.id, row.roles)
        if username:
            new_accounts.append(
                create_account(
                    session, actor, username, row.cadre.full_name, cadre.id, row.roles or (Role.CADRE,)
                )
            )
    if deactivate_missing:
        for code, _name in plan.missing:
            set_cadre_active(session, actor, state.cadres[code].id, False)
    if submission_id:
        submissions.claim(session, submission_id, "roster", payload, len(plan.added))
    return ImportResult(
        len(plan.added),
        len(plan.changed),
        plan.unchanged,
        len(plan.missing) if deactivate_missing else 0,
        tuple(new_accounts),
        bans_added=len(plan.bans_added),
        bans_renamed=len(plan.bans_renamed),
    )


def write_bans(session: Session, actor: Actor, bans) -> None:
    """The bans sheet's new and renamed bans, through core.roster.save_ban (its rules, its
    audit); a closed ban named in the sheet is opened again. A new ban without a place goes last."""
    stored = {b.code: b for b in session.scalars(select(Ban))}
    last = max((b.sort_order for b in stored.values()), default=0)
    for row in bans.added:
        order = row.order if row.order is not None else last + 10
        last = max(last, order)
        save_ban(session, actor, row.code, row.name, order)
    for row, _old_name in bans.renamed:
        ban = stored[row.code]
        save_ban(
            session, actor, row.code, row.name, ban.sort_order if row.order is None else row.order, ban.id
        )
        if not ban.active:
            set_ban_active(session, actor, ban.id, True)
    session.flush()
