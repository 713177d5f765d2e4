"""Participation figures for a date window, computed by the database.

"Went" means: made at least one trip (state done) with a day inside the window. The cadres
counted ("Y" of "X/Y") are those subject to 1+2 whose time in the office overlaps the window.
Every figure here is one GROUP BY on indexed columns; nothing loads trips into Python.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Integer, and_, case, func, literal, not_, or_, select, union_all
from sqlalchemy.orm import Session

from core import policy, rollups, targets
from core.periods import Window
from core.permissions import Actor, require
from db.models import (
    CONTENT_TYPES, Ban, BanDay, Cadre, CadreMonth, CadreYear, CadreYearContent, Exemption, Place, PlaceYear, ProvinceYear,
    Registration, Trip, TripContentType, TripDay,
)


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
    working = counting_rule == "working"
    year = rollups.calendar_year(window)
    if year is not None:
        days = CadreYear.workdays if working else CadreYear.days
        return select(CadreYear.cadre_id, days.label("days")).where(CadreYear.year == year, days > 0).subquery("went")

    def from_trip_days(part: Window):
        return (select(TripDay.cadre_id, func.count().label("days"))
                .where(*_day_filter(part, counting_rule)).group_by(TripDay.cadre_id))

    months, edges = rollups.whole_months(window)
    if months is None:
        return from_trip_days(window).subquery("went")
    kept = CadreMonth.workdays if working else CadreMonth.days
    per_month = select(CadreMonth.cadre_id, kept.label("days")).where(CadreMonth.month.between(months.start, months.end))
    parts = union_all(per_month, *(from_trip_days(edge) for edge in edges)).subquery("parts") if edges \
        else per_month.subquery("parts")
    total = func.sum(parts.c.days)
    return select(parts.c.cadre_id, total.label("days")).group_by(parts.c.cadre_id).having(total > 0).subquery("went")


def registered_cadres(window: Window):
    """Subquery: cadres with a registration for every quarter the window touches."""
    quarters = window.quarters()
    # One range of the (year, quarter) index per year (an OR of pairs reads every registration).
    years: dict[int, list[int]] = {}
    for y, q in quarters:
        years.setdefault(y, []).append(q)
    pairs = or_(*(and_(Registration.year == y, Registration.quarter.between(min(qs), max(qs)))
                  for y, qs in years.items()))
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


# --- Targets, reports, content, trend and places (the /progress and /review dashboards) ----

def _day_filter(window: Window, counting_rule: str) -> list:
    """The WHERE clause of the trip days that count inside the window."""
    conditions = [TripDay.day.between(window.start, window.end)]
    if counting_rule == "working":
        conditions.append(TripDay.is_workday.is_(True))
    return conditions


def _made_in(session: Session, window: Window) -> list:
    """The WHERE clause of the trips made that share a day with the window."""
    return rollups.made_in(window, rollups.longest_trip(session))


def elapsed(window: Window, today: dt.date) -> Window | None:
    """The part of the window already lived through (None before it starts)."""
    if today < window.start:
        return None
    return Window(window.start, min(window.end, today))


def targets_in(session: Session, window: Window, today: dt.date,
               ban_id: int | None = None) -> dict[int, tuple[int, int]]:
    """{cadre_id: (ban_id, target days)} of the cadres counted in the window.

    A cadre's target for a window is the year's target pro-rated (core.targets) to the
    elapsed part of the window inside the year's counting window, less the days the cadre
    was not in the office or was exempted (training, leave …). Reads roster and exemption
    rows only, never trips.
    """
    rule = _TargetRule.of(session, window, today)
    if rule is None:
        return {}
    query = select(Cadre.id, Cadre.ban_id, Cadre.joined_on, Cadre.left_on).where(subject_cadres(window))
    if ban_id is not None:
        query = query.where(Cadre.ban_id == ban_id)
    return {c.id: (c.ban_id, rule.target(c)) for c in session.execute(query)}


def targets_by_ban(session: Session, window: Window, today: dt.date) -> dict[int, int]:
    """{ban_id: the sum of `targets_in`} without a row per cadre: the cadres in the office the
    whole elapsed window and not exempted (nearly everyone) are counted by the database,
    and only the others are pro-rated one by one."""
    rule = _TargetRule.of(session, window, today)
    if rule is None:
        return {}
    whole = and_(subject_cadres(window), or_(Cadre.joined_on.is_(None), Cadre.joined_on <= rule.part.start),
                 or_(Cadre.left_on.is_(None), Cadre.left_on >= rule.part.end), Cadre.id.not_in(list(rule.spans)))
    out = {ban_id: n * rule.full for ban_id, n in session.execute(
        select(Cadre.ban_id, func.count()).where(whole).group_by(Cadre.ban_id))}
    for c in session.execute(select(Cadre.id, Cadre.ban_id, Cadre.joined_on, Cadre.left_on)
                             .where(subject_cadres(window), ~whole)):
        out[c.ban_id] = out.get(c.ban_id, 0) + rule.target(c)
    return out


@dataclass(frozen=True)
class _TargetRule:
    """The year's target pro-rated to the elapsed part of a window, and who was exempted in it."""
    part: Window
    share: float  # the target of a cadre present for the whole part, before rounding
    full: int  # that target, rounded as core.targets does
    spans: dict[int, list]  # cadre id -> exempted (start, end) overlapping the part

    @classmethod
    def of(cls, session: Session, window: Window, today: dt.date) -> _TargetRule | None:
        rules = policy.for_day(session, window.start)
        counting = rules.counting_window
        part = elapsed(window, today)
        part = counting.clip(part.start, part.end) if part else None
        if part is None:
            return None
        spans: dict[int, list] = {}
        for cadre_id, start, end in session.execute(
            select(Exemption.cadre_id, Exemption.start_date, Exemption.end_date).where(
                Exemption.kind.in_(rules.exemption_kinds),
                Exemption.start_date <= part.end, Exemption.end_date >= part.start)
        ):
            spans.setdefault(cadre_id, []).append((start, end))
        share = rules.target_days * part.days / counting.days
        return cls(part, share, targets.prorated_target(share, part), spans)

    def target(self, c) -> int:
        if ((c.joined_on is None or c.joined_on <= self.part.start)
                and (c.left_on is None or c.left_on >= self.part.end) and c.id not in self.spans):
            return self.full
        return targets.prorated_target(self.share, self.part, c.joined_on, c.left_on, self.spans.get(c.id, ()))


@dataclass(frozen=True)
class ReportCounts:
    trips: int  # trips made (state done) that ended inside the window
    reported: int  # of those, with a report submitted or accepted by the "as of" day
    overdue: int  # of those, past the report deadline by the "as of" day and not reported


def report_counts(session: Session, window: Window, today: dt.date, group: str | None = None,
                  ban_id: int | None = None) -> dict:
    """Report figures of the trips that ended inside the window, as of `as_of(window, today)`.

    `group` is None (one ReportCounts for the whole office or ban), "ban" or "cadre" (a dict
    keyed on its id). A report counts as in when it was submitted (or accepted) by the "as of"
    day; a returned report is not in. A trip is overdue when `report_deadline_days` of the
    window's year have passed since its end by the "as of" day and its report is not in.
    """
    day = as_of(window, today)
    deadline = policy.for_day(session, window.start).report_deadline_days
    last_end_due = day - dt.timedelta(days=deadline + 1)
    submitted_by = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    # The trip keeps when its report came in (core.reports.mark_trip): no join to the reports.
    reported = Trip.reported_at < submitted_by
    # Spelled out rather than ~reported: NOT of NULL is not true in SQL.
    not_reported = or_(Trip.reported_at.is_(None), Trip.reported_at >= submitted_by)
    ended = [Trip.state == "done", Trip.end_date.between(window.start, min(window.end, day)),
             *([Trip.ban_id == ban_id] if ban_id is not None else [])]
    overdue = and_(Trip.end_date <= last_end_due, not_reported)
    if group == "ban":
        # Each ban's trips counted along its own range of the (state, ban, end date) index:
        # SQLite would sort a year's trips by ban for a GROUP BY (310,000 at the large size).
        def per_ban(*where):
            return select(func.count()).where(Trip.ban_id == Ban.id, *ended, *where).correlate(Ban).scalar_subquery()

        rows = session.execute(select(Ban.id, per_ban(), per_ban(reported), per_ban(overdue)))
        return {row[0]: ReportCounts(*row[1:]) for row in rows if row[1]}
    counts = [func.count(Trip.id), func.count(case((reported, 1))), func.count(case((overdue, 1)))]
    if group is None:
        return ReportCounts(*session.execute(select(*counts).where(*ended)).one())
    return {row[0]: ReportCounts(*row[1:])
            for row in session.execute(select(Trip.cadre_id, *counts).where(*ended).group_by(Trip.cadre_id))}


def as_of(window: Window, today: dt.date) -> dt.date:
    """The day report deadlines are judged on: the window's end, or today while it runs.

    A past period is judged as it stood at its end, so a review of quý II gives the same
    figure whenever it is opened."""
    return min(window.end, today)


@dataclass(frozen=True)
class Headline:
    participation: Participation
    target_days: int  # pro-rated target of the cadres counted, for the elapsed window
    reports: ReportCounts
    as_of: dt.date

    @property
    def average_days(self) -> float:
        return self.participation.days / self.participation.went if self.participation.went else 0.0


def headline(session: Session, window: Window, today: dt.date, ban_id: int | None = None) -> Headline:
    """The big numbers of the dashboard: went X/Y, registered, days, target, overdue reports."""
    return total(ban_progress(session, window, today), window, today, ban_id)


def total(rows: list[BanProgress], window: Window, today: dt.date, ban_id: int | None = None) -> Headline:
    """The headline of the office (or of one ban) from the rows of `ban_progress`: a page that
    shows both reads the database once."""
    rows = [r for r in rows if ban_id is None or r.ban_id == ban_id]
    part = Participation(*(sum(getattr(r.participation, f) for r in rows)
                           for f in ("cadres", "went", "days", "registered")))
    reports = ReportCounts(*(sum(getattr(r.reports, f) for r in rows) for f in ("trips", "reported", "overdue")))
    return Headline(part, sum(r.target_days for r in rows), reports, as_of(window, today))


@dataclass(frozen=True)
class BanProgress:
    ban_id: int
    code: str
    name: str
    participation: Participation
    target_days: int
    reports: ReportCounts


def ban_progress(session: Session, window: Window, today: dt.date) -> list[BanProgress]:
    """`by_ban` with each ban's pro-rated target and report figures."""
    reports = report_counts(session, window, today, group="ban")
    per_ban = targets_by_ban(session, window, today)
    return [
        BanProgress(row.ban_id, row.code, row.name, row.participation, per_ban.get(row.ban_id, 0),
                    reports.get(row.ban_id, ReportCounts(0, 0, 0)))
        for row in by_ban(session, window, also=set(reports))
    ]


@dataclass(frozen=True)
class ContentCount:
    content_type: str
    ban_id: int | None  # None in the office-wide figures
    trips: int  # trips with a counted day in the window that had this content type
    days: int  # their counted days in the window (a trip of two types counts for both)
    cadres: int


@dataclass(frozen=True)
class ContentMix:
    office: tuple[ContentCount, ...]  # per content type
    by_ban: tuple[ContentCount, ...]  # per content type and ban of the trip


def content_mix(session: Session, window: Window, office: bool = True) -> ContentMix:
    """Trips, days and cadres per content type of Guideline 03, per ban and (unless `office`
    is False: /progress draws only the bans) for the office.

    A calendar year reads its rows per cadre, ban and type (core.rollups). Any other window
    reads the trips made in it, each with its counted days there (core.rollups.days_in),
    joined to their content types once for both groupings (a common table expression used
    twice)."""
    rule = policy.for_day(session, window.start).counting_rule
    working = rule == "working"
    year = rollups.calendar_year(window)
    not_subject = not_subject_ids(window)
    if year is not None:
        y = CadreYearContent
        counted = y.working_trips if working else y.trips
        # Each grouping reads the kept rows in their own order (a subquery each, not one
        # common table materialized for both).
        per_type = (
            select(y.cadre_id, y.ban_id, (y.workdays if working else y.days).label("days"),
                   counted.label("trips"), y.content_type)
            .where(y.year == year, counted > 0, y.cadre_id.not_in(not_subject))
            .subquery("per_type")
        )
    else:
        made = (select(Trip.id.label("trip_id"), Trip.cadre_id, Trip.ban_id,
                       rollups.days_in(window, working).label("days"))
                .where(*_made_in(session, window), Trip.cadre_id.not_in(not_subject)).subquery("made"))
        per_type = (
            select(made.c.cadre_id, made.c.ban_id, made.c.days, literal(1).label("trips"),
                   TripContentType.content_type)
            .join(TripContentType, TripContentType.trip_id == made.c.trip_id)
            # A trip with no counted day in the window (a weekend, under the working-day rule) is not in it.
            .where(made.c.days > 0)
            .cte("per_type")
        )

    def grouped(*by_ban):
        # A kept row is one cadre's, per type and ban: counting rows counts the ban's cadres.
        cadres = func.count() if year is not None and by_ban else func.count(func.distinct(per_type.c.cadre_id))
        return (select(per_type.c.content_type, *(by_ban or [literal(None, Integer)]), func.sum(per_type.c.trips),
                       func.sum(per_type.c.days), cadres)
                .group_by(per_type.c.content_type, *by_ban))

    order = {code: i for i, code in enumerate(CONTENT_TYPES)}
    query = grouped(per_type.c.ban_id)
    if office:
        query = union_all(grouped(), query)
    rows = [ContentCount(r[0], r[1], *(int(n) for n in r[2:])) for r in session.execute(query)]
    rows.sort(key=lambda c: (c.ban_id or 0, order.get(c.content_type, 99)))
    return ContentMix(tuple(r for r in rows if r.ban_id is None), tuple(r for r in rows if r.ban_id is not None))


@dataclass(frozen=True)
class TrendPoint:
    week_end: dt.date  # the Sunday closing the week (or the counting window's last day)
    days: int | None  # cumulative counted days by that day (None for weeks still to come)
    target: float  # cumulative pro-rated target of the cadres subject by that day


def cumulative_trend(session: Session, window: Window, today: dt.date,
                     ban_id: int | None = None) -> list[TrendPoint]:
    """Cumulative days week by week across the counting year of the window, against the
    target line. The database sums days by date (at most 366 rows, the same SQL on SQLite
    and PostgreSQL); the weeks are made here from those rows."""
    year_policy = policy.for_day(session, window.start)
    year = year_policy.counting_window
    working = year_policy.counting_rule == "working"

    def per_ban_filter(ban_column):
        return [ban_column == ban_id] if ban_id is not None else []

    def week_end_of(d: dt.date) -> dt.date:
        return min(year.end, d + dt.timedelta(days=6 - d.weekday()))

    # Every cadre's days, kept per day and ban (core.rollups), less those of the few cadres
    # not subject to 1+2, read from their own day rows.
    kept = BanDay.workdays if working else BanDay.days
    per_week: Counter[dt.date] = Counter()
    for d, n in session.execute(
        select(BanDay.day, func.sum(kept)).where(BanDay.day.between(year.start, year.end), *per_ban_filter(BanDay.ban_id))
        .group_by(BanDay.day)):
        per_week[week_end_of(d)] += n
    not_subject = TripDay.cadre_id.in_(not_subject_ids(year))
    for d, n in session.execute(
        select(TripDay.day, func.count())
        .where(*_day_filter(year, year_policy.counting_rule), not_subject, *per_ban_filter(TripDay.ban_id))
        .group_by(TripDay.day)):
        per_week[week_end_of(d)] -= n
    cadres = session.scalar(select(func.count()).select_from(Cadre)
                            .where(subject_cadres(year), *per_ban_filter(Cadre.ban_id)))
    per_cadre_day = year_policy.target_days / year.days
    points, total, day = [], 0, year.start
    while day <= year.end:
        week_end = week_end_of(day)
        total += per_week[week_end]
        elapsed_days = (week_end - year.start).days + 1
        points.append(TrendPoint(week_end, total if day <= today else None,
                                 round(cadres * per_cadre_day * elapsed_days, 1)))
        day = week_end + dt.timedelta(days=1)
    return points


@dataclass(frozen=True)
class CadreProgress:
    cadre_id: int
    code: str
    full_name: str
    position: str
    days: int
    trips: int
    last_trip: dt.date | None  # end of the latest trip made, up to the window's end
    reports: ReportCounts
    target_days: int  # pro-rated to the elapsed part of the window
    on_track: bool  # days at least what a steady pace toward that target reaches by now


def ban_detail(session: Session, actor: Actor, window: Window, ban_id: int,
               today: dt.date) -> list[CadreProgress]:
    """Per-cadre progress of one ban; its own leader or the office leadership only."""
    require(actor, "ban.detail", ban_id)
    goals = targets_in(session, window, today, ban_id)
    reports = report_counts(session, window, today, group="cadre", ban_id=ban_id)
    last = dict(session.execute(
        select(Trip.cadre_id, func.max(Trip.end_date))
        .where(Trip.ban_id == ban_id, Trip.state == "done", Trip.start_date <= window.end)
        .group_by(Trip.cadre_id)
    ).all())
    part = elapsed(window, today) or window
    out = []
    for c in by_cadre(session, window, ban_id):
        target = goals.get(c.cadre_id, (ban_id, 0))[1]
        out.append(CadreProgress(
            c.cadre_id, c.code, c.full_name, c.position, c.days, c.trips,
            min(last[c.cadre_id], window.end) if c.cadre_id in last else None,
            reports.get(c.cadre_id, ReportCounts(0, 0, 0)), target,
            targets.on_track(c.days, target, part, as_of(window, today)).on_track,
        ))
    return out


class PlaceVisit(NamedTuple):  # a tuple: a year of a large office visits thousands of places
    province: str
    district: str
    host_unit: str
    trips: int
    cadres: int


def _office_year(window: Window, ban_id: int | None) -> int | None:
    """The calendar year whose kept place rows answer the window (they are the office's)."""
    return rollups.calendar_year(window) if ban_id is None else None


def places_visited(session: Session, window: Window, ban_id: int | None = None) -> list[PlaceVisit]:
    """Host units visited by trips made with a day in the window, most visited first."""
    year = _office_year(window, ban_id)
    if year is not None:
        per_place = select(PlaceYear.place_id, PlaceYear.trips, PlaceYear.cadres).where(PlaceYear.year == year)
    else:
        # Grouped on the trips' index alone, then joined to the places' names once per place.
        per_place = select(Trip.place_id, func.count().label("trips"),
                           func.count(func.distinct(Trip.cadre_id)).label("cadres")).where(*_made_in(session, window))
        if ban_id is not None:
            per_place = per_place.where(Trip.ban_id == ban_id)
        per_place = per_place.group_by(Trip.place_id)
    per_place = per_place.subquery("per_place")
    query = (
        select(Place.province, Place.district, Place.host_unit, per_place.c.trips, per_place.c.cadres)
        .join(per_place, per_place.c.place_id == Place.id)
        .order_by(per_place.c.trips.desc(), Place.province, Place.host_unit)
    )
    return [PlaceVisit(*row) for row in session.execute(query)]


def provinces_visited(session: Session, window: Window, ban_id: int | None = None) -> list[PlaceVisit]:
    """Trips and cadres per province in the window (district and host unit left empty)."""
    year = _office_year(window, ban_id)
    if year is not None:
        query = (select(ProvinceYear.province, ProvinceYear.trips, ProvinceYear.cadres)
                 .where(ProvinceYear.year == year)
                 .order_by(ProvinceYear.trips.desc(), ProvinceYear.province))
    else:
        query = (
            select(Place.province, func.count(Trip.id), func.count(func.distinct(Trip.cadre_id)))
            .join(Trip, Trip.place_id == Place.id)
            .where(*_made_in(session, window))
            .group_by(Place.province)
            .order_by(func.count(Trip.id).desc(), Place.province)
        )
        if ban_id is not None:
            query = query.where(Trip.ban_id == ban_id)
    return [PlaceVisit(province, "", "", trips, cadres) for province, trips, cadres in session.execute(query)]


def places_not_visited(session: Session, window: Window, ban_id: int | None = None) -> list[PlaceVisit]:
    """Known places with no trip made in the window (by the ban, if given): where nobody went."""
    year = _office_year(window, ban_id)
    if year is not None:
        visited = select(PlaceYear.place_id).where(PlaceYear.year == year)
    else:
        visited = select(Trip.place_id).where(*_made_in(session, window))
        if ban_id is not None:
            visited = visited.where(Trip.ban_id == ban_id)
    query = (
        select(Place.province, Place.district, Place.host_unit)
        .where(Place.id.not_in(visited))
        .order_by(Place.province, Place.district, Place.host_unit)
    )
    return [PlaceVisit(*row, 0, 0) for row in session.execute(query)]
