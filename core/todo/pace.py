"""Pace: the cadres (of a ban, or office-wide) and the bans behind a steady pace toward the
year's target, their days so far against the target pro-rated to today.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from core import policy, rollups
from core.participation import day_filter, days_by_cadre, subject_cadres
from core.periods import Window
from core.targets import on_track, targets_by_ban, targets_in
from core.todo.item import Item, Kind
from db.models import Ban, Cadre, CadreMonth, CadreYear, TripDay


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
