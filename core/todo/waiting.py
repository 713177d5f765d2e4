"""The decisions waiting for the leaders: the reports and registrations sent and not yet
decided, one by one for a ban leader (the oldest first, with their age) or counted per ban
for the office leaders, and who leads each ban.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from core.todo.item import Item, Kind, _age, _tomorrow
from db.models import Account, AccountRole, Ban, Cadre, Registration, Trip, TripReport
from db.vocabulary import RegistrationState, ReportState, Role


@dataclass(frozen=True)
class Waiting:
    """A report or a registration waiting for a leader's decision."""

    item: Item
    cadre_id: int
    ban_id: int
    since: dt.date


def _waiting_reports(session: Session, today: dt.date, ban_id: int | None) -> list[Waiting]:
    tomorrow = _tomorrow(today)
    query = (
        select(
            TripReport.id,
            TripReport.version,
            TripReport.submitted_at,
            Trip.cadre_id,
            Trip.ban_id,
            Trip.start_date,
            Trip.end_date,
            Cadre.full_name,
            Ban.code,
        )
        .join(Trip, Trip.id == TripReport.trip_id)
        .join(Cadre, Cadre.id == Trip.cadre_id)
        .join(Ban, Ban.id == Trip.ban_id)
        .where(TripReport.state == ReportState.SUBMITTED, TripReport.submitted_at < tomorrow)
        .order_by(TripReport.submitted_at, TripReport.id)
    )
    if ban_id is not None:
        query = query.where(Trip.ban_id == ban_id)
    out = []
    for r in session.execute(query):
        since = r.submitted_at.date()
        out.append(
            Waiting(
                Item(
                    Kind.REPORT_WAITING,
                    r.id,
                    f"v{r.version}",
                    since,
                    "progress",
                    (("ban", r.code),),
                    (
                        ("name", r.full_name),
                        ("age", _age(since, today)),
                        ("start", r.start_date),
                        ("end", r.end_date),
                    ),
                ),
                r.cadre_id,
                r.ban_id,
                since,
            )
        )
    return out


def _registration_waiting():
    """Registrations waiting, on their partial index (the state written out: SQLite uses a
    partial index only for the very value its WHERE names)."""
    return Registration.state == literal(RegistrationState.SUBMITTED.value, literal_execute=True)


def _cadre_column(column):
    """A column of a registration's cadre, looked up by its key for each registration: the
    registrations waiting (a few, on their own index) lead, never a walk of every cadre."""
    return select(column).where(Cadre.id == Registration.cadre_id).scalar_subquery()


def _waiting_registrations(session: Session, today: dt.date, ban_id: int | None) -> list[Waiting]:
    ban_of = _cadre_column(Cadre.ban_id)
    query = (
        select(
            Registration.id,
            Registration.version,
            Registration.created_at,
            Registration.year,
            Registration.quarter,
            Registration.cadre_id,
            ban_of.label("ban_id"),
            _cadre_column(Cadre.full_name).label("full_name"),
        )
        .where(_registration_waiting(), Registration.created_at < _tomorrow(today))
        .order_by(Registration.created_at, Registration.id)
    )
    if ban_id is not None:
        query = query.where(ban_of == ban_id)
    rows = session.execute(query).all()
    codes = dict(session.execute(select(Ban.id, Ban.code)).all()) if rows else {}
    out = []
    for r in rows:
        since = r.created_at.date()
        out.append(
            Waiting(
                Item(
                    Kind.REGISTRATION_WAITING,
                    r.id,
                    f"v{r.version}",
                    since,
                    "progress",
                    (("ban", codes.get(r.ban_id, "")),),
                    (
                        ("name", r.full_name),
                        ("age", _age(since, today)),
                        ("year", r.year),
                        ("quarter", r.quarter),
                    ),
                ),
                r.cadre_id,
                r.ban_id,
                since,
            )
        )
    return out


def waiting(session: Session, today: dt.date, ban_id: int | None = None) -> list[Waiting]:
    """The reports and registrations waiting for a decision as of today (of one ban, or of
    every ban), the oldest first."""
    rows = _waiting_reports(session, today, ban_id) + _waiting_registrations(session, today, ban_id)
    return sorted(rows, key=lambda w: (w.since, w.item.kind, w.item.object_id))


def ban_leaders(session: Session) -> dict[int, frozenset[int]]:
    """{ban id: the cadre ids of its active ban leaders' accounts}: a decision waits for them,
    or (a ban without another leader) for the office leadership."""
    out: dict[int, set[int]] = {}
    for ban_id, cadre_id in session.execute(
        select(Cadre.ban_id, Cadre.id)
        .join(Account, Account.cadre_id == Cadre.id)
        .join(AccountRole, AccountRole.account_id == Account.id)
        .where(AccountRole.role == Role.BAN_LEADER, Account.active.is_(True))
    ):
        out.setdefault(ban_id, set()).add(cadre_id)
    return {ban: frozenset(cadres) for ban, cadres in out.items()}


def waits_for_ban_leader(w: Waiting, leaders: dict[int, frozenset[int]]) -> bool:
    """Has the decision a ban leader other than its own cadre?"""
    return bool(leaders.get(w.ban_id, frozenset()) - {w.cadre_id})


def waiting_by_ban(session: Session, today: dt.date, except_cadre: int | None = None) -> list[Item]:
    """Per ban, the reports and registrations waiting and the age of the oldest, counted by the
    database (the office leaders' list), the ban with the oldest first."""
    tomorrow = _tomorrow(today)
    reports = (
        select(Trip.ban_id, func.count(), func.min(TripReport.submitted_at))
        .join(Trip, Trip.id == TripReport.trip_id)
        .where(TripReport.state == ReportState.SUBMITTED, TripReport.submitted_at < tomorrow)
        .group_by(Trip.ban_id)
    )
    # The registrations waiting are few (their own index): counted here, each looked up once.
    registrations = select(_cadre_column(Cadre.ban_id), literal(1), Registration.created_at).where(
        _registration_waiting(), Registration.created_at < tomorrow
    )
    if except_cadre is not None:
        reports = reports.where(Trip.cadre_id != except_cadre)
        registrations = registrations.where(Registration.cadre_id != except_cadre)
    counts: dict[int, list] = {}
    for index, query in enumerate((reports, registrations)):
        for ban_id, n, oldest in session.execute(query):
            row = counts.setdefault(ban_id, [0, 0, None])
            row[index] += n
            row[2] = min(d for d in (row[2], oldest) if d is not None)
    if not counts:
        return []
    bans = {
        b.id: b for b in session.execute(select(Ban.id, Ban.code, Ban.name).where(Ban.id.in_(list(counts))))
    }
    items = []
    for ban_id, (n_reports, n_registrations, oldest) in counts.items():
        since = oldest.date() if isinstance(oldest, dt.datetime) else oldest
        items.append(
            Item(
                Kind.BAN_WAITING,
                ban_id,
                "waiting",
                since,
                "progress",
                (("ban", bans[ban_id].code),),
                (
                    ("ban", bans[ban_id].name),
                    ("reports", n_reports),
                    ("registrations", n_registrations),
                    ("age", _age(since, today)),
                ),
            )
        )
    return sorted(items, key=lambda i: (i.date, i.fact("ban")))
