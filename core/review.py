"""The period's review: meeting records (sơ kết)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.periods import Window
from db.models import ReviewMeeting


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: dt.date
    period_from: dt.date
    period_to: dt.date
    title: str
    chair: str
    attendees: str
    difficulties: str
    conclusions: str
    directions: str
    version: int


def meetings_in(session: Session, window: Window) -> list[MeetingRow]:
    """Meeting records whose reviewed period overlaps the window, newest first."""
    rows = session.scalars(
        select(ReviewMeeting)
        .where(ReviewMeeting.period_from <= window.end, ReviewMeeting.period_to >= window.start)
        .order_by(ReviewMeeting.held_on.desc())
    )
    return [
        MeetingRow(m.id, m.held_on, m.period_from, m.period_to, m.title, m.chair, m.attendees,
                   m.difficulties, m.conclusions, m.directions, m.version)
        for m in rows
    ]
