"""Records of the review meetings (sơ kết): who chaired, what was found difficult, what was
concluded and directed. Read for a window; written once per submission, edited at a version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import access, actions, audit, limits, submissions
from core.errors import FieldError, ValidationError
from core.periods import Window
from core.permissions import Actor, require
from core.text import clean
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
        MeetingRow(
            m.id,
            m.held_on,
            m.period_from,
            m.period_to,
            m.title,
            m.chair,
            m.attendees,
            m.difficulties,
            m.conclusions,
            m.directions,
            m.version,
        )
        for m in rows
    ]


# --- Writing the meeting record ---------------------------------------------------------------


@dataclass(frozen=True)
class MeetingInput:
    held_on: dt.date | None
    period_from: dt.date | None
    period_to: dt.date | None
    chair: str
    title: str = ""
    attendees: str = ""
    difficulties: str = ""
    conclusions: str = ""
    directions: str = ""

    def cleaned(self) -> MeetingInput:
        return MeetingInput(
            self.held_on,
            self.period_from,
            self.period_to,
            clean(self.chair),
            clean(self.title),
            clean(self.attendees, multiline=True),
            clean(self.difficulties, multiline=True),
            clean(self.conclusions, multiline=True),
            clean(self.directions, multiline=True),
        )


def validate_meeting(data: MeetingInput) -> list[FieldError]:
    errors = [
        FieldError(label, "error.required")
        for label, value in (
            ("review.field.held_on", data.held_on),
            ("review.field.period_from", data.period_from),
            ("review.field.period_to", data.period_to),
            ("review.field.chair", data.chair),
        )
        if not value
    ]
    if data.period_from and data.period_to and data.period_to < data.period_from:
        errors.append(FieldError("review.field.period_to", "period.bad_window"))
    for label, value, limit in (
        ("review.field.title", data.title, limits.TITLE),
        ("review.field.chair", data.chair, limits.NAME),
        ("review.field.attendees", data.attendees, limits.MEETING_TEXT),
        ("review.difficulties", data.difficulties, limits.MEETING_TEXT),
        ("review.conclusions", data.conclusions, limits.MEETING_TEXT),
        ("review.directions", data.directions, limits.MEETING_TEXT),
    ):
        limits.check(errors, label, value, limit)
    return errors


def _fill(meeting: ReviewMeeting, data: MeetingInput) -> None:
    for name in (
        "held_on",
        "period_from",
        "period_to",
        "title",
        "chair",
        "attendees",
        "difficulties",
        "conclusions",
        "directions",
    ):
        setattr(meeting, name, getattr(data, name))


def record_meeting(session: Session, actor: Actor, data: MeetingInput, submission_id: str) -> int:
    """Create a meeting record in the caller's transaction; the same submission id again
    returns the record made the first time."""
    require(actor, actions.MEETING_WRITE)
    data = data.cleaned()
    payload = dict(data.__dict__)
    earlier = submissions.previous_result(session, submission_id, "meeting", payload)
    if earlier is not None:
        return earlier
    errors = validate_meeting(data)
    if errors:
        raise ValidationError(errors)
    meeting = ReviewMeeting(created_by=actor.account_id)
    _fill(meeting, data)
    session.add(meeting)
    session.flush()
    submissions.claim(session, submission_id, "meeting", payload, meeting.id)
    audit.record(session, actor.username, "create", meeting)
    return meeting.id


def edit_meeting(session: Session, actor: Actor, meeting_id: int, data: MeetingInput, version: int) -> int:
    """Change a meeting record read at `version`; refuses a stale version (Conflict).
    Returns the new version."""
    meeting = access.load(session, ReviewMeeting, meeting_id, actor, actions.MEETING_WRITE, version=version)
    data = data.cleaned()
    errors = validate_meeting(data)
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(meeting)
    _fill(meeting, data)
    meeting.version = version + 1
    audit.record(session, actor.username, "update", meeting, before=before)
    return meeting.version


def save_meeting(
    session: Session,
    actor: Actor,
    data: MeetingInput,
    submission_id: str | None = None,
    meeting_id: int | None = None,
    version: int | None = None,
) -> int:
    """Create (with a submission id) or edit (with the id and version read) a meeting record,
    in the caller's transaction. Returns the meeting's id."""
    if meeting_id is not None:
        edit_meeting(session, actor, meeting_id, data, version)
        return meeting_id
    return submissions.write_once(
        session,
        lambda session: record_meeting(session, actor, data, submission_id),
        submission_id,
        "meeting",
        dict(data.cleaned().__dict__),
    )
