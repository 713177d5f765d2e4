"""Who went to the grassroots in a date window, and their days, computed by the database.

"Went" means: made at least one trip (state done) with a day inside the window. The cadres
counted ("Y" of "X/Y") are those subject to 1+2 whose time in the office overlaps the window.
Every figure here is one GROUP BY on indexed columns; nothing loads trips into Python. The
other figures of the dashboards build on the clauses here: targets (core.targets), report
counts (core.report_counts), content types (core.content_mix), the trend (core.trend) and
the places visited (core.place_visits); core.progress puts them side by side per ban.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, not_, or_, select, union_all
from sqlalchemy.orm import Session

from core import policy, rollups
from core.periods import Window
from db.models import Ban, Cadre, CadreMonth, CadreYear, Registration, TripDay
from db.vocabulary import CountingRule


@dataclass(frozen=True)
class Participation:
    cadres: int  # subject to 1+2 during the window
    went: int  # of those, who made a trip in the window
    days: int  # their days in the window, by the counting rule
    registered: int  # of those, who registered for every quarter the window touches

    @property
    def rate(self) -> float:
        return self.went / self.cadres if self.cadres else 0.0

    @property
    def registered_rate(self) -> float:
        return self.registered / self.cadres if self.cadres else 0.0


@dataclass(frozen=True)
class BanParticipation:
    ban_id: int
    code: str
    name: str
    participation: Participation


def subject_cadres(window: Window):
    """The WHERE clause of cadres subject to 1+2 at some point of the window."""
    return and_(
        Cadre.subject_to_rule.is_(True),
        or_(Cadre.joined_on.is_(None), Cadre.joined_on <= window.end),
        or_(Cadre.left_on.is_(None), Cadre.left_on >= window.start),
    )


def not_subject_ids(window: Window):
    """The ids of the cadres not subject to 1+2 in the window: few, so the figures leave them
    out by id instead of joining every row to its cadre."""
    return select(Cadre.id).where(not_(subject_cadres(window)))


def days_by_cadre(window: Window, counting_rule: str):
    """Subquery: (cadre_id, days) for every cadre with a counted day in the window.

    Read from the days kept per cadre (core.rollups): per year for a calendar year, per month
    for the window's whole months; the days outside whole months from the trip days."""
    working = counting_rule == CountingRule.WORKING
    year = rollups.calendar_year(window)
    if year is not None:
        days = CadreYear.workdays if working else CadreYear.days
        return (
            select(CadreYear.cadre_id, days.label("days"))
            .where(CadreYear.year == year, days > 0)
            .subquery("went")
        )

    def from_trip_days(part: Window):
        return (
            select(TripDay.cadre_id, func.count().label("days"))
            .where(*day_filter(part, counting_rule))
            .group_by(TripDay.cadre_id)
        )

    months, edges = rollups.whole_months(window)
    if months is None:
        return from_trip_days(window).subquery("went")
    kept = CadreMonth.workdays if working else CadreMonth.days
    per_month = select(CadreMonth.cadre_id, kept.label("days")).where(
        CadreMonth.month.between(months.start, months.end)
    )
    parts = (
        union_all(per_month, *(from_trip_days(edge) for edge in edges)).subquery("parts")
        if edges
        else per_month.subquery("parts")
    )
    total = func.sum(parts.c.days)
    return (
        select(parts.c.cadre_id, total.label("days"))
        .group_by(parts.c.cadre_id)
        .having(total > 0)
        .subquery("went")
    )


def registered_cadres(window: Window):
    """Subquery: cadres with a registration for every quarter the window touches."""
    quarters = window.quarters()
    # One range of the (year, quarter) index per year (an OR of pairs reads every registration).
    years: dict[int, list[int]] = {}
    for y, q in quarters:
        years.setdefault(y, []).append(q)
    pairs = or_(
        *(
            and_(Registration.year == y, Registration.quarter.between(min(qs), max(qs)))
            for y, qs in years.items()
        )
    )
    return (
        select(Registration.cadre_id)
        .where(pairs)
        .group_by(Registration.cadre_id)
        .having(func.count() == len(quarters))
        .subquery("registered")
    )


def _rows(session: Session, window: Window, group_by_ban: bool, ban_id: int | None = None):
    rule = policy.for_day(session, window.start).counting_rule
    went = days_by_cadre(window, rule)
    registered = registered_cadres(window)
    columns = [
        func.count(Cadre.id).label("cadres"),
        func.count(went.c.cadre_id).label("went"),
        func.coalesce(func.sum(went.c.days), 0).label("days"),
        func.count(registered.c.cadre_id).label("registered"),
    ]
    query = (
        select(*([Cadre.ban_id] if group_by_ban else []), *columns)
        .select_from(Cadre)
        .outerjoin(went, went.c.cadre_id == Cadre.id)
        .outerjoin(registered, registered.c.cadre_id == Cadre.id)
        .where(subject_cadres(window))
    )
    if ban_id is not None:
        query = query.where(Cadre.ban_id == ban_id)
    if group_by_ban:
        query = query.group_by(Cadre.ban_id)
    return session.execute(query).all()


def office_participation(session: Session, window: Window, ban_id: int | None = None) -> Participation:
    """The office's (or one ban's) "went X/Y" for the window."""
    row = _rows(session, window, group_by_ban=False, ban_id=ban_id)[0]
    return Participation(row.cadres, row.went, int(row.days), row.registered)


def by_ban(session: Session, window: Window, also: set[int] = frozenset()) -> list[BanParticipation]:
    """One row per active ban, in the office's order (bans with nobody subject show 0/0), then
    any inactive ban that still has cadres counted (or is in `also`): the rows always add up
    to the office."""
    figures = {r.ban_id: r for r in _rows(session, window, group_by_ban=True)}
    bans = session.execute(
        select(Ban.id, Ban.code, Ban.name)
        .where(or_(Ban.active.is_(True), Ban.id.in_(set(figures) | set(also))))
        .order_by(Ban.active.desc(), Ban.sort_order, Ban.name)
    ).all()
    out = []
    for ban in bans:
        r = figures.get(ban.id)
        part = Participation(r.cadres, r.went, int(r.days), r.registered) if r else Participation(0, 0, 0, 0)
        out.append(BanParticipation(ban.id, ban.code, ban.name, part))
    return out


@dataclass(frozen=True)
class CadreDays:
    cadre_id: int
    code: str
    full_name: str
    ban_id: int
    position: str
    days: int
    trips: int


def by_cadre(session: Session, window: Window, ban_id: int | None = None) -> list[CadreDays]:
    """Days and trips in the window of every cadre subject to 1+2 (of one ban, if given),
    most days first. Permission to see a ban's cadres is checked by the caller's service."""
    rule = policy.for_day(session, window.start).counting_rule
    day_filter = [TripDay.day.between(window.start, window.end)]
    if rule == CountingRule.WORKING:
        day_filter.append(TripDay.is_workday.is_(True))
    per_cadre = (
        select(
            TripDay.cadre_id,
            func.count().label("days"),
            func.count(func.distinct(TripDay.trip_id)).label("trips"),
        )
        .where(*day_filter)
        .group_by(TripDay.cadre_id)
        .subquery()
    )
    query = (
        select(
            Cadre.id,
            Cadre.code,
            Cadre.full_name,
            Cadre.ban_id,
            Cadre.position,
            func.coalesce(per_cadre.c.days, 0),
            func.coalesce(per_cadre.c.trips, 0),
        )
        .outerjoin(per_cadre, per_cadre.c.cadre_id == Cadre.id)
        .where(subject_cadres(window))
        .order_by(func.coalesce(per_cadre.c.days, 0).desc(), Cadre.full_name)
    )
    if ban_id is not None:
        query = query.where(Cadre.ban_id == ban_id)
    return [CadreDays(*row) for row in session.execute(query)]


def day_filter(window: Window, counting_rule: str) -> list:
    """The WHERE clause of the trip days that count inside the window."""
    conditions = [TripDay.day.between(window.start, window.end)]
    if counting_rule == CountingRule.WORKING:
        conditions.append(TripDay.is_workday.is_(True))
    return conditions


def made_in(session: Session, window: Window) -> list:
    """The WHERE clause of the trips made that share a day with the window."""
    return rollups.made_in(window, rollups.longest_trip(session))
