"""Participation figures for a date window, computed by the database.

"Went" means: made at least one trip (state done) with a day inside the window. The cadres
counted ("Y" of "X/Y") are those subject to 1+2 whose time in the office overlaps the window.
Every figure here is one GROUP BY on indexed columns; nothing loads trips into Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from core import policy
from core.periods import Window
from db.models import Ban, Cadre, Registration, TripDay


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


def days_by_cadre(window: Window, counting_rule: str):
    """Subquery: (cadre_id, days) for every cadre with a counted day in the window."""
    query = select(TripDay.cadre_id, func.count().label("days")).where(
        TripDay.day.between(window.start, window.end)
    )
    if counting_rule == "working":
        query = query.where(TripDay.is_workday.is_(True))
    return query.group_by(TripDay.cadre_id).subquery("went")


def registered_cadres(window: Window):
    """Subquery: cadres with a registration for every quarter the window touches."""
    quarters = window.quarters()
    pairs = or_(*(and_(Registration.year == y, Registration.quarter == q) for y, q in quarters))
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


def by_ban(session: Session, window: Window) -> list[BanParticipation]:
    """One row per active ban, in the office's order (bans with nobody subject show 0/0)."""
    figures = {r.ban_id: r for r in _rows(session, window, group_by_ban=True)}
    bans = session.execute(
        select(Ban.id, Ban.code, Ban.name).where(Ban.active.is_(True)).order_by(Ban.sort_order, Ban.name)
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
    if rule == "working":
        day_filter.append(TripDay.is_workday.is_(True))
    per_cadre = (
        select(TripDay.cadre_id, func.count().label("days"),
               func.count(func.distinct(TripDay.trip_id)).label("trips"))
        .where(*day_filter)
        .group_by(TripDay.cadre_id)
        .subquery()
    )
    query = (
        select(Cadre.id, Cadre.code, Cadre.full_name, Cadre.ban_id, Cadre.position,
               func.coalesce(per_cadre.c.days, 0), func.coalesce(per_cadre.c.trips, 0))
        .outerjoin(per_cadre, per_cadre.c.cadre_id == Cadre.id)
        .where(subject_cadres(window))
        .order_by(func.coalesce(per_cadre.c.days, 0).desc(), Cadre.full_name)
    )
    if ban_id is not None:
        query = query.where(Cadre.ban_id == ban_id)
    return [CadreDays(*row) for row in session.execute(query)]
