"""What waits for each person ("Việc cần làm"): the short list at the top of each user's
first page, and what the reminders by email (core.reminders) are made of.

The rules, declared once here:

- a cadre: the reports of trips made that are due within DUE_SOON_DAYS or overdue (the due
  date is the trip's end plus the policy's deadline, core.reports), the reports returned
  for more work (with the reason), the coming quarter not yet registered from
  REGISTRATION_NOTICE_DAYS before it starts, the planned trips whose dates have passed
  (to be marked done or cancelled);
- a ban leader: the reports and registrations of the own ban's cadres waiting for a decision
  (the oldest first, with their age), and the ban's cadres behind a steady pace toward the
  year's target (core.targets: their days so far against the target pro-rated to today);
- an office leader: the same office-wide as counts per ban, and the bans behind pace (days
  against the pro-rated target, core.progress: the figures of /progress).

Everything is judged as of `today` (a report sent after it is not sent yet; `--today` of
`make remind` replays another day). The lists read indexes and the figures kept as trips
are made (core.rollups), never every trip: a cadre's own trips by the (cadre, start) index,
the decisions waiting by the (state, sent) index of reports and the registrations' small
index of those waiting, a ban's days so far from the days kept per cadre and month.

An `Item` is plain values (its facts), so a list is cached for every rerun of the page and
the same item is told in either language (`describe`) on the page and in a mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode

from sqlalchemy import exists, func, literal, not_, or_, select, union_all
from sqlalchemy.orm import Session

from core import formatting, policy, rollups
from core.i18n import t
from core.participation import day_filter, days_by_cadre, subject_cadres
from core.periods import Window, quarter_of, quarter_window
from core.permissions import Actor
from core.targets import on_track, targets_by_ban, targets_in
from db.models import (
    Account,
    AccountRole,
    Ban,
    Cadre,
    CadreMonth,
    CadreYear,
    Place,
    Registration,
    Trip,
    TripDay,
    TripReport,
)
from db.vocabulary import RegistrationState, ReportState, Role, TripState

DUE_SOON_DAYS = 3  # a report due within these days is on the list (and mailed once)
REGISTRATION_NOTICE_DAYS = 14  # the coming quarter is asked for from two weeks before it starts
WAITING_DAYS = 3  # a decision waiting longer is mailed to the leader (on the page at once)
SHOWN = 6  # lines of the list on a page; the rest are counted


class Kind(StrEnum):
    """What an item is about; the reminders keep one row per (kind, object, stage, person)."""

    REPORT_DUE = "report_due"  # object: the trip
    REPORT_OVERDUE = "report_overdue"  # object: the trip
    REPORT_RETURNED = "report_returned"  # object: the report; stage: its version
    REGISTRATION_MISSING = "registration_missing"  # object: year * 10 + quarter
    TRIP_PASSED = "trip_passed"  # object: the planned trip
    REPORT_WAITING = "report_waiting"  # object: the report; stage: its version
    REGISTRATION_WAITING = "registration_waiting"  # object: the registration; stage: its version
    CADRE_BEHIND = "cadre_behind"  # object: the cadre (on the page and in the digest)
    BAN_WAITING = "ban_waiting"  # object: the ban (the office leaders' counts per ban)
    BAN_BEHIND = "ban_behind"  # object: the ban
    NO_ADDRESS = "no_address"  # the admins': accounts no reminder reaches (object 0)


OWN_WORK = (
    Kind.REPORT_DUE,
    Kind.REPORT_OVERDUE,
    Kind.REPORT_RETURNED,
    Kind.REGISTRATION_MISSING,
    Kind.TRIP_PASSED,
)
DECISIONS = (Kind.REPORT_WAITING, Kind.REGISTRATION_WAITING)


@dataclass(frozen=True)
class Item:
    kind: str
    object_id: int
    stage: str
    date: dt.date  # the deadline (own work), the day it started waiting (decisions), today (pace)
    page: str  # the page to act on (core.pages' address)
    query: tuple[tuple[str, str], ...]  # its query string: the link opens the place to act
    facts: tuple[tuple[str, object], ...] = ()  # what its line says (plain values)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.kind, self.object_id, self.stage)

    def fact(self, name: str, default=None):
        return dict(self.facts).get(name, default)

    def link(self, base: str = "") -> str:
        """The address of the place to act: relative (`/visits?…`) or under `base`."""
        query = f"?{urlencode(self.query)}" if self.query else ""
        return f"{base.rstrip('/')}/{self.page}{query}"


@dataclass(frozen=True)
class Todo:
    items: tuple[Item, ...]  # the first SHOWN, in the order of the list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


# --- The words of an item -------------------------------------------------------------------


def describe(item: Item, lang: str | None = None, today: dt.date | None = None) -> str:
    """The item's line in `lang` (default: the run's language), its dates dd/mm/yyyy."""
    f = dict(item.facts)
    values: dict[str, object] = {}
    if "start" in f:
        values["dates"] = formatting.dates(f["start"], f["end"])
    if "place" in f:
        values["place"] = f["place"]
    if item.kind in (Kind.REPORT_DUE, Kind.REPORT_OVERDUE, Kind.REPORT_RETURNED):
        values["due"] = formatting.date(item.date)
    if item.kind == Kind.REPORT_RETURNED:
        values["reason"] = f.get("reason") or "—"
    if item.kind in (Kind.REGISTRATION_MISSING, Kind.REGISTRATION_WAITING):
        values["quarter"] = formatting.quarter(f["year"], f["quarter"], lang)
        values["starts"] = formatting.date(quarter_window(f["year"], f["quarter"]).start)
    if item.kind in DECISIONS:
        values["name"] = f["name"]
        values["age"] = f["age"]
    if item.kind == Kind.CADRE_BEHIND:
        values.update(name=f["name"], days=f["days"], target=f["target"])
    if item.kind == Kind.BAN_WAITING:
        values.update(ban=f["ban"], reports=f["reports"], registrations=f["registrations"], age=f["age"])
    if item.kind == Kind.NO_ADDRESS:
        values["count"] = f["count"]
    if item.kind == Kind.BAN_BEHIND:
        values.update(
            ban=f["ban"], days=formatting.number(f["days"], lang), target=formatting.number(f["target"], lang)
        )
    return t(f"todo.{item.kind}", lang, **values)


# --- Own work: one cadre's (the page), or every cadre's (the reminders) ---------------------


def _deadline(session: Session, cache: dict[int, int], year: int) -> int:
    """The days a report is due after its trip, by the policy of the year the trip started (as
    core.trips dates it); `cache` keeps each year's."""
    if year not in cache:
        cache[year] = policy.for_year(session, year).report_deadline_days
    return cache[year]


def _tomorrow(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today + dt.timedelta(days=1), dt.time())


def _place(province: str, host_unit: str) -> str:
    return (
        f"{host_unit}, {province}"
        if host_unit and province and host_unit != province
        else host_unit or province
    )


def _reports(
    session: Session, today: dt.date, cadre_id: int | None, since: dt.date | None
) -> list[tuple[int, Item]]:
    """The reports of trips made up to today that are not in as of today: due soon, overdue,
    or returned. Read along the cadre's trips (one cadre) or the trips made that ended since
    `since` (every cadre): a trip whose report came in (`reported_at`) is left out on the index."""
    tomorrow = _tomorrow(today)
    query = (
        select(
            Trip.id,
            Trip.cadre_id,
            Trip.start_date,
            Trip.end_date,
            Place.province,
            Place.host_unit,
            TripReport.id.label("report_id"),
            TripReport.state,
            TripReport.submitted_at,
            TripReport.version,
            TripReport.return_reason,
        )
        .join(Place, Place.id == Trip.place_id)
        .outerjoin(TripReport, TripReport.trip_id == Trip.id)
        .where(
            Trip.state == TripState.DONE,
            Trip.end_date <= today,
            or_(Trip.reported_at.is_(None), Trip.reported_at >= tomorrow),
        )
    )
    if cadre_id is not None:
        query = query.where(Trip.cadre_id == cadre_id)
    if since is not None:
        query = query.where(Trip.end_date >= since)
    deadlines: dict[int, int] = {}
    out = []
    for r in session.execute(query):
        sent_later = r.submitted_at is not None and r.submitted_at >= tomorrow
        state = None if sent_later else r.state
        due = r.end_date + dt.timedelta(days=_deadline(session, deadlines, r.start_date.year))
        where = _place(r.province, r.host_unit)
        query_string = (("year", str(r.start_date.year)), ("tab", "report"), ("trip", str(r.id)))
        facts = (("start", r.start_date), ("end", r.end_date), ("place", where))
        if state == ReportState.RETURNED:
            reason = (r.return_reason or "").strip()
            out.append(
                (
                    r.cadre_id,
                    Item(
                        Kind.REPORT_RETURNED,
                        r.report_id,
                        f"v{r.version}",
                        due,
                        "visits",
                        query_string,
                        facts + (("reason", reason[:300]),),
                    ),
                )
            )
        elif state in (None, ReportState.DRAFT):
            if due < today:
                out.append(
                    (
                        r.cadre_id,
                        Item(Kind.REPORT_OVERDUE, r.id, "overdue", due, "visits", query_string, facts),
                    )
                )
            elif due <= today + dt.timedelta(days=DUE_SOON_DAYS):
                out.append(
                    (r.cadre_id, Item(Kind.REPORT_DUE, r.id, "soon", due, "visits", query_string, facts))
                )
    return out


def _planned_passed(
    session: Session, today: dt.date, cadre_id: int | None, since: dt.date | None
) -> list[tuple[int, Item]]:
    """Planned trips whose last day is past: made (mark done) or not (cancel)."""
    query = (
        select(Trip.id, Trip.cadre_id, Trip.start_date, Trip.end_date, Place.province, Place.host_unit)
        .join(Place, Place.id == Trip.place_id)
        .where(Trip.state == TripState.PLANNED, Trip.end_date < today)
    )
    if cadre_id is not None:
        query = query.where(Trip.cadre_id == cadre_id)
    if since is not None:
        query = query.where(Trip.end_date >= since)
    return [
        (
            r.cadre_id,
            Item(
                Kind.TRIP_PASSED,
                r.id,
                "passed",
                r.end_date,
                "visits",
                (("year", str(r.start_date.year)), ("trip", str(r.id))),
                (("start", r.start_date), ("end", r.end_date), ("place", _place(r.province, r.host_unit))),
            ),
        )
        for r in session.execute(query)
    ]


def coming_quarter(today: dt.date) -> tuple[int, int] | None:
    """The quarter after today's, once today is within REGISTRATION_NOTICE_DAYS of its start."""
    q = quarter_of(today)
    year, quarter = (today.year + 1, 1) if q == 4 else (today.year, q + 1)
    start = quarter_window(year, quarter).start
    return (year, quarter) if today >= start - dt.timedelta(days=REGISTRATION_NOTICE_DAYS) else None


def _unregistered(session: Session, today: dt.date, cadre_id: int | None) -> list[tuple[int, Item]]:
    """Cadres subject to 1+2 in the coming quarter with no registration for it yet."""
    coming = coming_quarter(today)
    if coming is None:
        return []
    year, quarter = coming
    window = quarter_window(year, quarter)
    registered = exists().where(
        Registration.year == year, Registration.cadre_id == Cadre.id, Registration.quarter == quarter
    )
    query = select(Cadre.id).where(subject_cadres(window), Cadre.active.is_(True), not_(registered))
    if cadre_id is not None:
        query = query.where(Cadre.id == cadre_id)
    item = Item(
        Kind.REGISTRATION_MISSING,
        year * 10 + quarter,
        "notice",
        window.start,
        "visits",
        (("year", str(year)), ("tab", "registration")),
        (("year", year), ("quarter", quarter)),
    )
    return [(c, item) for c in session.scalars(query)]


def own_work(
    session: Session, today: dt.date, cadre_id: int | None = None, since: dt.date | None = None
) -> list[tuple[int, Item]]:
    """(cadre id, item) of the own work waiting: of one cadre, or of every cadre (for the
    reminders, bounded to what fell due since `since`)."""
    ended_since = None
    if since is not None:
        # A report falls due a policy's deadline after its trip: the longest deadline of the years
        # concerned bounds how far back the trips are read.
        longest = max(
            policy.for_year(session, y).report_deadline_days for y in {since.year - 1, since.year, today.year}
        )
        ended_since = since - dt.timedelta(days=longest)
    items = (
        _reports(session, today, cadre_id, ended_since)
        + _planned_passed(session, today, cadre_id, since)
        + _unregistered(session, today, cadre_id)
    )
    if since is not None:
        items = [(c, i) for c, i in items if i.date >= since or i.kind == Kind.REGISTRATION_MISSING]
    return items


# --- Decisions waiting for the leaders --------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """A report or a registration waiting for a leader's decision."""

    item: Item
    cadre_id: int
    ban_id: int
    since: dt.date


def _age(since: dt.date, today: dt.date) -> int:
    return max(0, (today - since).days)


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


# --- Pace ---------------------------------------------------------------------------------------


def pace_window(session: Session, today: dt.date) -> Window | None:
    """The year's counting window up to today (None before it starts): the days so far are
    weighed against the target pro-rated to this part, a steady pace."""
    window = policy.for_year(session, today.year).counting_window
    if today < window.start:
        return None
    return Window(window.start, min(today, window.end))


def days_so_far(session: Session, window: Window, ban_id: int | None = None) -> dict[int, int]:
    """{cadre id: days in the window} by the counting rule, from the days kept per cadre and
    month (core.rollups) and the trip days of the window's partial months, of one ban's
    cadres (their index) or of everyone."""
    rule = policy.for_day(session, window.start).counting_rule
    if ban_id is None:  # everyone: the dashboards' own reading of the kept days
        went = days_by_cadre(window, rule)
        return dict(session.execute(select(went.c.cadre_id, went.c.days)).all())
    year = rollups.calendar_year(window)
    if year is not None:
        kept = CadreYear.workdays if rule == "working" else CadreYear.days
        return dict(
            session.execute(
                select(CadreYear.cadre_id, kept).where(
                    CadreYear.year == year,
                    CadreYear.cadre_id.in_(select(Cadre.id).where(Cadre.ban_id == ban_id)),
                )
            ).all()
        )
    months, edges = rollups.whole_months(window)
    cadres = select(Cadre.id).where(Cadre.ban_id == ban_id)
    parts = []
    if months is not None:
        kept = CadreMonth.workdays if rule == "working" else CadreMonth.days
        part = select(CadreMonth.cadre_id.label("cadre_id"), kept.label("days")).where(
            CadreMonth.month.between(months.start, months.end)
        )
        part = part.where(CadreMonth.cadre_id.in_(cadres))
        parts.append(part)
    for edge in edges:
        part = select(TripDay.cadre_id.label("cadre_id"), literal(1).label("days")).where(
            *day_filter(edge, rule)
        )
        part = part.where(TripDay.cadre_id.in_(cadres))
        parts.append(part)
    both = union_all(*parts).subquery("parts") if len(parts) > 1 else parts[0].subquery("parts")
    return dict(
        session.execute(select(both.c.cadre_id, func.sum(both.c.days)).group_by(both.c.cadre_id)).all()
    )


def behind_in_ban(session: Session, today: dt.date, ban_id: int, code: str = "") -> list[Item]:
    """The ban's cadres behind a steady pace toward the year's target, furthest behind first."""
    window = pace_window(session, today)
    if window is None:
        return []
    goals = targets_in(session, window, today, ban_id)
    names = dict(session.execute(select(Cadre.id, Cadre.full_name).where(Cadre.ban_id == ban_id)).all())
    return _behind(today, window, goals, days_so_far(session, window, ban_id), {ban_id: code}, names)


def behind_everywhere(session: Session, today: dt.date) -> list[tuple[int, Item]]:
    """(ban id, item) of every cadre behind pace, office-wide (the leaders' digest), without
    their names (`name_cadres` adds them to the few a mail lists)."""
    window = pace_window(session, today)
    if window is None:
        return []
    goals = targets_in(session, window, today)
    codes = dict(session.execute(select(Ban.id, Ban.code)).all())
    items = _behind(today, window, goals, days_so_far(session, window), codes, {})
    return [(goals[i.object_id][0], i) for i in items]


def name_cadres(session: Session, items: list[Item]) -> list[Item]:
    """The same items of cadres behind pace, with their names."""
    names = (
        dict(
            session.execute(
                select(Cadre.id, Cadre.full_name).where(Cadre.id.in_([i.object_id for i in items]))
            ).all()
        )
        if items
        else {}
    )
    return [
        Item(
            i.kind,
            i.object_id,
            i.stage,
            i.date,
            i.page,
            i.query,
            tuple((k, names.get(i.object_id, "")) if k == "name" else (k, v) for k, v in i.facts),
        )
        for i in items
    ]


def _behind(
    today: dt.date,
    window: Window,
    goals: dict[int, tuple[int, int]],
    days: dict[int, int],
    codes: dict[int, str],
    names: dict[int, str],
) -> list[Item]:
    late = [
        (cadre_id, ban_id, target, days.get(cadre_id, 0))
        for cadre_id, (ban_id, target) in goals.items()
        if target > 0 and not on_track(days.get(cadre_id, 0), target, window, today).on_track
    ]
    late.sort(key=lambda r: (r[3] - r[2], names.get(r[0], ""), r[0]))

    def query(ban_id):
        return (
            ("tab", "cadres"),
            ("from", window.start.isoformat()),
            ("to", window.end.isoformat()),
            ("ban", codes.get(ban_id, "")),
        )

    return [
        Item(
            Kind.CADRE_BEHIND,
            cadre_id,
            "pace",
            today,
            "progress",
            query(ban_id),
            (("name", names.get(cadre_id, "")), ("days", done), ("target", target)),
        )
        for cadre_id, ban_id, target, done in late
    ]


def bans_behind(session: Session, today: dt.date) -> list[Item]:
    """The bans whose days so far are under their target pro-rated to today (the days and
    targets of /progress for the year's counting window up to today, without its report
    figures), furthest behind first."""
    window = pace_window(session, today)
    if window is None:
        return []
    goals = targets_by_ban(session, window, today)
    went = days_by_cadre(window, policy.for_day(session, window.start).counting_rule)
    days = dict(
        session.execute(
            select(Cadre.ban_id, func.sum(went.c.days))
            .join(went, went.c.cadre_id == Cadre.id)
            .where(subject_cadres(window))
            .group_by(Cadre.ban_id)
        ).all()
    )
    bans = session.execute(select(Ban.id, Ban.code, Ban.name).where(Ban.id.in_(list(goals)))).all()
    late = sorted(
        (b for b in bans if goals[b.id] > 0 and days.get(b.id, 0) < goals[b.id]),
        key=lambda b: (days.get(b.id, 0) / goals[b.id], b.name),
    )
    return [
        Item(
            Kind.BAN_BEHIND,
            b.id,
            "pace",
            today,
            "progress",
            (("from", window.start.isoformat()), ("to", window.end.isoformat()), ("ban", b.code)),
            (("ban", b.name), ("days", int(days.get(b.id, 0))), ("target", goals[b.id])),
        )
        for b in late
    ]


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


# --- One person's list (the page) -------------------------------------------------------------


def for_actor(session: Session, actor: Actor, today: dt.date, shown: int = SHOWN) -> Todo:
    """What waits for `actor`, in the order of the list: the own work (the newest deadline
    first), the decisions waiting (the oldest first), then who is behind pace; the first
    `shown` of them and the count of all. Only the actor's own data and, for a leader, what a
    leader may see of the ban or the office (the same rules as /progress)."""
    items: list[Item] = []
    if actor.cadre_id is not None:
        own = [i for _, i in own_work(session, today, actor.cadre_id)]
        items += sorted(own, key=lambda i: (i.date, i.kind, i.object_id), reverse=True)
    if actor.has(Role.OFFICE_LEADER):
        items += waiting_by_ban(session, today, except_cadre=actor.cadre_id)
        items += bans_behind(session, today)
    elif actor.has(Role.BAN_LEADER) and actor.ban_id is not None:
        code = session.scalar(select(Ban.code).where(Ban.id == actor.ban_id)) or ""
        items += [w.item for w in waiting(session, today, actor.ban_id) if w.cadre_id != actor.cadre_id]
        items += [
            i for i in behind_in_ban(session, today, actor.ban_id, code) if i.object_id != actor.cadre_id
        ]
    if actor.has(Role.ADMIN):
        missing = accounts_without_address(session)
        if missing:
            items.append(
                Item(Kind.NO_ADDRESS, 0, "count", today, "admin", (("tab", "mail"),), (("count", missing),))
            )
    return Todo(tuple(items[:shown]), len(items))


def accounts_without_address(session: Session) -> int:
    """Active accounts with no address of their own nor on the roster: no reminder reaches them."""
    own, roster = func.nullif(func.trim(Account.email), ""), func.nullif(func.trim(Cadre.email), "")
    return session.scalar(
        select(func.count())
        .select_from(Account)
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .where(Account.active.is_(True), func.coalesce(own, roster).is_(None))
    )
