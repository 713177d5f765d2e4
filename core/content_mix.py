"""Trips, days and cadres per content type of Guideline 03, per ban and for the office."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, func, literal, select, union_all
from sqlalchemy.orm import Session

from core import policy, rollups
from core.participation import made_in, not_subject_ids
from core.periods import Window
from db.models import CadreYearContent, Trip, TripContentType
from db.vocabulary import CONTENT_TYPES, CountingRule


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
    working = rule == CountingRule.WORKING
    year = rollups.calendar_year(window)
    not_subject = not_subject_ids(window)
    if year is not None:
        y = CadreYearContent
        counted = y.working_trips if working else y.trips
        # Each grouping reads the kept rows in their own order (a subquery each, not one
        # common table materialized for both).
        per_type = (
            select(
                y.cadre_id,
                y.ban_id,
                (y.workdays if working else y.days).label("days"),
                counted.label("trips"),
                y.content_type,
            )
            .where(y.year == year, counted > 0, y.cadre_id.not_in(not_subject))
            .subquery("per_type")
        )
    else:
        made = (
            select(
                Trip.id.label("trip_id"),
                Trip.cadre_id,
                Trip.ban_id,
                rollups.days_in(window, working).label("days"),
            )
            .where(*made_in(session, window), Trip.cadre_id.not_in(not_subject))
            .subquery("made")
        )
        per_type = (
            select(
                made.c.cadre_id,
                made.c.ban_id,
                made.c.days,
                literal(1).label("trips"),
                TripContentType.content_type,
            )
            .join(TripContentType, TripContentType.trip_id == made.c.trip_id)
            # A trip with no counted day in the window (a weekend, under the working-day rule) is not in it.
            .where(made.c.days > 0)
            .cte("per_type")
        )

    def grouped(*by_ban):
        # A kept row is one cadre's, per type and ban: counting rows counts the ban's cadres.
        cadres = (
            func.count() if year is not None and by_ban else func.count(func.distinct(per_type.c.cadre_id))
        )
        return select(
            per_type.c.content_type,
            *(by_ban or [literal(None, Integer)]),
            func.sum(per_type.c.trips),
            func.sum(per_type.c.days),
            cadres,
        ).group_by(per_type.c.content_type, *by_ban)

    order = {code: i for i, code in enumerate(CONTENT_TYPES)}
    query = grouped(per_type.c.ban_id)
    if office:
        query = union_all(grouped(), query)
    rows = [ContentCount(r[0], r[1], *(int(n) for n in r[2:])) for r in session.execute(query)]
    rows.sort(key=lambda c: (c.ban_id or 0, order.get(c.content_type, 99)))
    return ContentMix(
        tuple(r for r in rows if r.ban_id is None), tuple(r for r in rows if r.ban_id is not None)
    )
