"""Report figures of a window: trips made, reports in, reports overdue, as of a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from core import policy
from core.periods import Window
from db.models import Ban, Trip
from db.vocabulary import TripState


@dataclass(frozen=True)
class ReportCounts:
    trips: int  # trips made (state done) that ended inside the window
    reported: int  # of those, with a report submitted or accepted by the "as of" day
    overdue: int  # of those, past the report deadline by the "as of" day and not reported


def report_counts(
    session: Session, window: Window, today: dt.date, group: str | None = None, ban_id: int | None = None
) -> dict:
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
    ended = [
        Trip.state == TripState.DONE,
        Trip.end_date.between(window.start, min(window.end, day)),
        *([Trip.ban_id == ban_id] if ban_id is not None else []),
    ]
    overdue = and_(Trip.end_date <= last_end_due, not_reported)
    if group == "ban":
        # Each ban's trips counted along its own range of the (state, ban, end date) index:
        # SQLite would sort a year's trips by ban for a GROUP BY (310,000 at the large size).
        def per_ban(*where):
            return (
                select(func.count())
                .where(Trip.ban_id == Ban.id, *ended, *where)
                .correlate(Ban)
                .scalar_subquery()
            )

        rows = session.execute(select(Ban.id, per_ban(), per_ban(reported), per_ban(overdue)))
        return {row[0]: ReportCounts(*row[1:]) for row in rows if row[1]}
    counts = [func.count(Trip.id), func.count(case((reported, 1))), func.count(case((overdue, 1)))]
    if group is None:
        return ReportCounts(*session.execute(select(*counts).where(*ended)).one())
    return {
        row[0]: ReportCounts(*row[1:])
        for row in session.execute(select(Trip.cadre_id, *counts).where(*ended).group_by(Trip.cadre_id))
    }


def as_of(window: Window, today: dt.date) -> dt.date:
    """The day report deadlines are judged on: the window's end, or today while it runs.

    A past period is judged as it stood at its end, so a review of quý II gives the same
    figure whenever it is opened."""
    return min(window.end, today)
