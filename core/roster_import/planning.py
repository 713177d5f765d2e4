"""What applying a roster file would do: its rows compared with the database (cadres added,
changed, unchanged; active cadres missing from the file), and the accounts it would make.
Writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import actions, office
from core.accounts import USERNAME
from core.errors import ValidationError
from core.permissions import Actor, require
from core.roster import cadre_values
from core.roster_import.parsing import BanRow, RosterFile, RosterRow, ban_rows, cell_error, parse, read_file
from db.models import Account, Ban, Cadre


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
    # The workbook's bans sheet, applied before the cadres: new bans, and bans renamed (their
    # name, place or a closed ban opened again) as (row, the name they had).
    bans_added: tuple[BanRow, ...] = ()
    bans_renamed: tuple[tuple[BanRow, str], ...] = ()


@dataclass(frozen=True)
class BanPlan:
    rows: tuple[BanRow, ...]
    added: tuple[BanRow, ...]
    renamed: tuple[tuple[BanRow, str], ...]


def ban_plan(session: Session, source: RosterFile) -> BanPlan | None:
    """What the file's bans sheet would create and rename, by code (None without one); a
    ValidationError names its bad rows by sheet, row and column."""
    found = ban_rows(source)
    if found is None:
        return None
    stored = {b.code: b for b in session.scalars(select(Ban))}
    added, renamed = [], []
    for row in found:
        ban = stored.get(row.code)
        if ban is None:
            added.append(row)
        elif (
            ban.name != row.name or not ban.active or (row.order is not None and row.order != ban.sort_order)
        ):
            renamed.append((row, ban.name))
    return BanPlan(tuple(found), tuple(added), tuple(renamed))


def file_ban_codes(bans: BanPlan | None) -> set[str]:
    return {b.code for b in bans.rows} if bans else set()


_FIELD_LABELS = {
    "full_name": "roster.col.full_name",
    "ban_id": "roster.col.ban_code",
    "position": "roster.col.position",
    "subject_to_rule": "roster.col.subject",
    "joined_on": "roster.col.joined_on",
    "left_on": "roster.col.left_on",
    "email": "roster.col.email",
    "phone": "roster.col.phone",
    "active": "roster.change.reactivated",
    "roles": "roster.col.role",
}


@dataclass
class DatabaseState:
    """The database as the import sees it."""

    ban_ids: dict  # code -> id (active bans)
    cadres: dict  # code -> Cadre
    accounts: dict  # cadre id -> Account
    ban_names: dict = field(default_factory=dict)  # code -> name (active bans)

    def known_bans(self, bans: BanPlan | None) -> dict[str, str]:
        """The bans a row may name, code -> name: the active ones, as the file's bans sheet
        would leave them."""
        return {**self.ban_names, **({b.code: b.name for b in bans.rows} if bans else {})}


def database_state(session: Session) -> DatabaseState:
    active = session.execute(select(Ban.code, Ban.id, Ban.name).where(Ban.active.is_(True))).all()
    return DatabaseState(
        {code: id_ for code, id_, _ in active},
        {c.code: c for c in session.scalars(select(Cadre))},
        {
            a.cadre_id: a
            for a in session.scalars(
                select(Account).where(Account.cadre_id.is_not(None)).options(selectinload(Account.roles))
            )
        },
        {code: name for code, _, name in active},
    )


def new_username(row: RosterRow, cadre: Cadre | None, account: Account | None) -> str | None:
    """The account the row makes: every new cadre gets one (its username, else its code);
    a known cadre without an account gets one only if the file names a username."""
    if cadre is None:
        return row.username or row.code.lower()
    return row.username if account is None and row.username else None


def roles_change(row: RosterRow, account: Account | None) -> bool:
    return account is not None and bool(row.roles) and set(row.roles) != {r.role for r in account.roles}


def make_plan(
    session: Session, rows: list[RosterRow], state: DatabaseState, bans: BanPlan | None = None
) -> Plan:
    """The rows against the database: what they add and change, and the accounts they make
    (a ValidationError if a username is malformed or taken)."""
    taken = dict(session.execute(select(Account.username, Account.cadre_id)).all())
    errors, added, changed, unchanged = [], [], [], 0
    for row in rows:
        cadre = state.cadres.get(row.code)
        account = state.accounts.get(cadre.id) if cadre else None
        username = new_username(row, cadre, account)
        if username and not USERNAME.match(username):
            errors.append(cell_error(row.row, "username", "roster.error.bad_username", value=username))
        elif username and username in taken:
            errors.append(cell_error(row.row, "username", "roster.error.username_taken", value=username))
        if cadre is None:
            added.append(row)
            continue
        fields = [
            _FIELD_LABELS[k]
            for k, v in cadre_values(row.cadre, state.ban_ids.get(row.cadre.ban_code)).items()
            if getattr(cadre, k) != v
        ]
        if roles_change(row, account):
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
    missing = tuple(
        (c.code, c.full_name)
        for c in sorted(state.cadres.values(), key=lambda c: c.code)
        if c.active and c.code not in in_file
    )
    return Plan(
        tuple(rows),
        tuple(added),
        tuple(changed),
        unchanged,
        missing,
        bans.added if bans else (),
        bans.renamed if bans else (),
    )


def preview(session: Session, actor: Actor, source: RosterFile | bytes, filename: str = "") -> Plan:
    """What importing the file (read once with `read_file`, or its bytes) would add, change
    and deactivate; writes nothing."""
    require(actor, actions.ADMIN_ROSTER)
    office.refuse_demo(session)  # an office's roster never goes into the demo's data
    if not isinstance(source, RosterFile):
        source = read_file(source, filename)
    state = database_state(session)
    bans = ban_plan(session, source)  # its bad rows refuse the file before the cadres are checked
    return make_plan(session, parse(source, filename, state.known_bans(bans)), state, bans)
