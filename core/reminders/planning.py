"""What each person gets in a run: what is new for them (no "sent" row yet) and the
leaders' weekly digest."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import progress, todo
from core.periods import Window
from core.reminders.choices import (
    DIGEST,
    LISTED_CADRES,
    LOOKBACK_DAYS,
    MISSED,
    SENT,
    Person,
    digest_day,
    people,
)
from core.todo import Item, Kind
from db.models import Reminder
from db.vocabulary import MailMode, Role

# --- What each person gets in this run -----------------------------------------------------------


@dataclass(frozen=True)
class BanLine:
    ban_id: int
    code: str
    name: str
    days: int
    target: int
    went: int
    cadres: int
    reports_waiting: int
    registrations_waiting: int

    @property
    def behind(self) -> bool:
        return self.target > 0 and self.days < self.target


@dataclass(frozen=True)
class Digest:
    year: int  # the ISO week's
    week: int
    window: Window  # the counting year up to today
    bans: tuple[BanLine, ...]
    own_ban: int | None = None  # a ban leader's ban
    behind: tuple[Item, ...] = ()  # the own ban's cadres behind pace, the first LISTED_CADRES
    behind_count: int = 0

    @property
    def key(self) -> tuple[str, int, str]:
        return (DIGEST, self.year * 100 + self.week, "week")


@dataclass(frozen=True)
class Mail:
    person: Person
    items: tuple[Item, ...]  # what is new for them, in the order of their list
    digest: Digest | None = None

    @property
    def keys(self) -> list[tuple[str, int, str]]:
        return [i.key for i in self.items] + ([self.digest.key] if self.digest else [])


@dataclass
class Plan:
    today: dt.date
    mails: list[Mail] = field(default_factory=list)  # to people with an address
    missed: list[Mail] = field(default_factory=list)  # what people without one would have got
    chart_rows: tuple = ()  # core.progress.BanProgress of the digest's window


def _already(session: Session, wanted: dict[int, set[tuple[str, int, str]]]) -> set[tuple[int, tuple, str]]:
    """(account, key, outcome) of the reminders already kept among those `wanted`: per kind, one
    range of the table's key (kind, object) — a statement per kind, whatever the people."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for keys in wanted.values():
        for kind, object_id, _ in keys:
            by_kind[kind].append(object_id)
    found = set()
    for kind, objects in by_kind.items():
        for row in session.execute(
            select(Reminder.account_id, Reminder.object_id, Reminder.stage, Reminder.outcome).where(
                Reminder.kind == kind, Reminder.object_id.between(min(objects), max(objects))
            )
        ):
            found.add((row.account_id, (kind, row.object_id, row.stage), row.outcome))
    return found


def plan(session: Session, today: dt.date) -> Plan:
    """Who gets which mail today (reads only)."""
    everyone = people(session)
    result = Plan(today)
    if not everyone:
        return result
    of_cadre = {p.cadre_id: p for p in everyone if p.cadre_id is not None}
    items: dict[int, list[Item]] = defaultdict(list)

    own = todo.own_work(session, today, since=today - dt.timedelta(days=LOOKBACK_DAYS))
    own.sort(key=lambda ci: (ci[1].date, ci[1].kind, ci[1].object_id), reverse=True)
    for cadre_id, item in own:
        person = of_cadre.get(cadre_id)
        if person is not None and person.mode == MailMode.ALL:
            items[person.account_id].append(item)

    waits = todo.waiting(session, today)
    ban_leaders: dict[int, list[Person]] = defaultdict(list)
    office_leaders = [p for p in everyone if Role.OFFICE_LEADER in p.roles]
    for p in everyone:
        if Role.BAN_LEADER in p.roles and p.ban_id is not None:
            ban_leaders[p.ban_id].append(p)
    all_ban_leaders = todo.ban_leaders(session)  # of every account, mail or not: who a decision waits for
    ripe = today - dt.timedelta(days=todo.WAITING_DAYS)
    for w in waits:
        if w.since > ripe:
            continue
        if todo.waits_for_ban_leader(w, all_ban_leaders):
            deciders = [p for p in ban_leaders.get(w.ban_id, ()) if p.cadre_id != w.cadre_id]
        else:
            deciders = [p for p in office_leaders if p.cadre_id != w.cadre_id]
        for p in deciders:
            if p.mode == MailMode.ALL:
                items[p.account_id].append(w.item)

    digests, result.chart_rows = _digests(session, today, everyone, waits)
    wanted = {
        p.account_id: {i.key for i in items.get(p.account_id, ())}
        | ({digests[p.account_id].key} if p.account_id in digests else set())
        for p in everyone
    }
    kept: dict[int, set[tuple]] = defaultdict(set)
    for account, key, outcome in _already(session, wanted):
        kept[account].add((key, outcome))
    for p in everyone:
        # Sent once: never again. Missed (no address then): counted once, and sent once there is one.
        done = {key for key, outcome in kept.get(p.account_id, ()) if outcome == SENT or not p.email}
        new = tuple(i for i in items.get(p.account_id, ()) if i.key not in done)
        digest = digests.get(p.account_id)
        if digest is not None and digest.key in done:
            digest = None
        if not new and digest is None:
            continue
        (result.mails if p.email else result.missed).append(Mail(p, new, digest))
    return result


def _digests(
    session: Session, today: dt.date, everyone: list[Person], waits
) -> tuple[dict[int, Digest], tuple]:
    """The week's digest of each leader who wants it, once the digest's day has come this week,
    and the rows of its chart (core.progress.ban_progress of the counting year up to today)."""
    leaders = [p for p in everyone if p.leader and p.mode in (MailMode.ALL, MailMode.DIGEST)]
    if not leaders or today.weekday() < digest_day(session):
        return {}, ()
    iso = today.isocalendar()
    week = iso.year * 100 + iso.week
    # Sent this week already (or missed, for want of an address): nothing to count again.
    done = dict(
        session.execute(
            select(Reminder.account_id, Reminder.outcome).where(
                Reminder.kind == DIGEST, Reminder.object_id == week, Reminder.stage == "week"
            )
        ).all()
    )
    leaders = [p for p in leaders if p.account_id not in done or (done[p.account_id] == MISSED and p.email)]
    if not leaders:
        return {}, ()
    window = todo.pace_window(session, today)
    if window is None:
        return {}, ()
    rows = tuple(progress.ban_progress(session, window, today))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for w in waits:
        counts[w.ban_id][0 if w.item.kind == Kind.REPORT_WAITING else 1] += 1
    bans = tuple(
        BanLine(
            r.ban_id,
            r.code,
            r.name,
            r.participation.days,
            r.target_days,
            r.participation.went,
            r.participation.cadres,
            *counts[r.ban_id],
        )
        for r in rows
    )
    behind: dict[int, list[Item]] = defaultdict(list)
    named: dict[int, Item] = {}
    if any(Role.OFFICE_LEADER not in p.roles for p in leaders):
        for ban_id, item in todo.behind_everywhere(session, today):
            behind[ban_id].append(item)
        shown = [
            i
            for p in leaders
            if Role.OFFICE_LEADER not in p.roles
            for i in behind.get(p.ban_id, [])[:LISTED_CADRES]
        ]
        named = {i.object_id: i for i in todo.name_cadres(session, shown)}
    out = {}
    for p in leaders:
        if Role.OFFICE_LEADER in p.roles:
            out[p.account_id] = Digest(iso.year, iso.week, window, bans)
        else:
            late = [i for i in behind.get(p.ban_id, []) if i.object_id != p.cadre_id]
            out[p.account_id] = Digest(
                iso.year,
                iso.week,
                window,
                bans,
                p.ban_id,
                tuple(named.get(i.object_id, i) for i in late[:LISTED_CADRES]),
                len(late),
            )
    return out, rows
