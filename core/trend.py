"""Cumulative days week by week across the counting year, against the target line."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import policy
from core.participation import day_filter, not_subject_ids, subject_cadres
from core.periods import Window
from db.models import BanDay, Cadre, TripDay
from db.vocabulary import CountingRule


@dataclass(frozen=True)
class TrendPoint:
    week_end: dt.date  # the Sunday closing the week (or the counting window's last day)
    days: int | None  # cumulative counted days by that day (None for weeks still to come)
    target: float  # cumulative pro-rated target of the cadres subject by that day


def cumulative_trend(
    session: Session, window: Window, today: dt.date, ban_id: int | None = None
) -> list[TrendPoint]:
    """Cumulative days week by week across the counting year of the window, against the
    target line. The database sums days by date (at most 366 rows, the same SQL on SQLite
    and PostgreSQL); the weeks are made here from those rows."""
    year_policy = policy.for_day(session, window.start)
    year = year_policy.counting_window
    working = year_policy.counting_rule == CountingRule.WORKING

    def per_ban_filter(ban_column):
        return [ban_column == ban_id] if ban_id is not None else []

    def week_end_of(d: dt.date) -> dt.date:
        return min(year.end, d + dt.timedelta(days=6 - d.weekday()))

    # Every cadre's days, kept per day and ban (core.rollups), less those of the few cadres
    # not subject to 1+2, read from their own day rows.
    kept = BanDay.workdays if working else BanDay.days
    per_week: Counter[dt.date] = Counter()
    for d, n in session.execute(
        select(BanDay.day, func.sum(kept))
        .where(BanDay.day.between(year.start, year.end), *per_ban_filter(BanDay.ban_id))
        .group_by(BanDay.day)
    ):
        per_week[week_end_of(d)] += n
    not_subject = TripDay.cadre_id.in_(not_subject_ids(year))
    for d, n in session.execute(
        select(TripDay.day, func.count())
        .where(*day_filter(year, year_policy.counting_rule), not_subject, *per_ban_filter(TripDay.ban_id))
        .group_by(TripDay.day)
    ):
        per_week[week_end_of(d)] -= n
    cadres = session.scalar(
        select(func.count()).select_from(Cadre).where(subject_cadres(year), *per_ban_filter(Cadre.ban_id))
    )
    per_cadre_day = year_policy.target_days / year.days
    points, total, day = [], 0, year.start
    while day <= year.end:
        week_end = week_end_of(day)
        total += per_week[week_end]
        elapsed_days = (week_end - year.start).days + 1
        points.append(
            TrendPoint(
                week_end, total if day <= today else None, round(cadres * per_cadre_day * elapsed_days, 1)
            )
        )
        day = week_end + dt.timedelta(days=1)
    return points
