"""The latest period with data. A window in which no trip was made (a quarter that has just
begun, a year not started) would draw empty charts; the dashboard says so in words and offers
the latest quarter in which trips were made instead."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.periods import Window, quarter_of, quarter_window
from db.models import Trip
from db.vocabulary import TripState


def latest_quarter_with_trips(session: Session, today: dt.date, ban_id: int | None = None) -> Window | None:
    """The quarter of the latest trip made that started by `today` (of one ban, or of the
    office); None when no trip was ever made. One read along the trips' start-date indexes."""
    query = select(func.max(Trip.start_date)).where(Trip.state == TripState.DONE, Trip.start_date <= today)
    if ban_id is not None:
        query = query.where(Trip.ban_id == ban_id)
    last = session.scalar(query)
    return quarter_window(last.year, quarter_of(last)) if last else None
