"""Reading attached files: a trip's list (with thumbnails), one file's bytes, a period's
counts, and the period's thematic reports as one zip.

A trip's files are read by whoever may read its report or correct the trip
(`attachment.read`: its cadre, the leader of its ban, the office leadership, and the admins,
who may remove a file and must see what they remove); the period's thematic reports, by the leaders who may read
the content of the ban's reports (`report.content`, asked as a WHERE on the ban); the counts,
by every leader who reads the period's review, as counts. Removed files are in none of them
(the audit log keeps them).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from core import access, actions, limits
from core.attachments.checking import DOCUMENTS, FIELD, IMAGES, safe_file_name
from core.attachments.storing import REPORT, may_attach, may_remove
from core.errors import FieldError, NotFound, ValidationError
from core.periods import Window
from core.permissions import Actor, require
from db.models import Attachment, Ban, Cadre, Trip
from db.vocabulary import TripState


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    part: str  # "trip" or "report"
    file_name: str
    media_type: str
    size: int
    created_at: dt.datetime
    thumbnail: bytes | None

    @property
    def is_image(self) -> bool:
        return self.media_type in IMAGES


@dataclass(frozen=True)
class TripFiles:
    """A trip's files as `actor` sees them, and what they may do with them."""

    trip_id: int
    rows: tuple[AttachmentRow, ...]
    used_bytes: int
    can_attach_trip: bool
    can_attach_report: bool
    can_remove: bool

    def of(self, part: str) -> tuple[AttachmentRow, ...]:
        return tuple(r for r in self.rows if r.part == part)


@dataclass(frozen=True)
class FileOut:
    file_name: str  # safe to hand a browser
    media_type: str
    content: bytes


@dataclass(frozen=True)
class AttachmentCounts:
    thematic: int  # documents (PDF, Word, Excel) attached to the reports of the trips made
    photos: int
    files: int  # every file
    thematic_readable: int  # the thematic reports of the bans whose reports the reader may read
    thematic_readable_bytes: int  # their size together (the zip's cap, limits.ZIP_BYTES)


_LISTED = (
    Attachment.id,
    Attachment.part,
    Attachment.file_name,
    Attachment.media_type,
    Attachment.size,
    Attachment.created_at,
    Attachment.thumbnail,
)


def for_trip(session: Session, actor: Actor, trip_id: int) -> TripFiles:
    """The files of a trip (the trip's first, then the report's, oldest first)."""
    trip = access.load(session, Trip, trip_id, actor, actions.ATTACHMENT_READ)
    rows = tuple(
        AttachmentRow(*row)
        for row in session.execute(
            select(*_LISTED)
            .where(Attachment.trip_id == trip.id, Attachment.removed_at.is_(None))
            .order_by(Attachment.part.desc(), Attachment.id)
        )
    )
    return TripFiles(
        trip.id,
        rows,
        sum(r.size for r in rows),
        may_attach(actor, trip, "trip"),
        may_attach(actor, trip, REPORT),
        may_remove(actor, trip),
    )


def content_of(session: Session, actor: Actor, attachment_id: int) -> FileOut:
    """One file's bytes, under a name safe to download."""
    row = access.found(session, Attachment, attachment_id)
    trip = session.get(Trip, row.trip_id)
    require(actor, actions.ATTACHMENT_READ, access.cadre_of(trip))
    if row.removed_at is not None:
        raise NotFound()
    return FileOut(safe_file_name(row.file_name), row.media_type, row.content)


def _of_window(window: Window):
    return (
        Trip.id == Attachment.trip_id,
        Trip.state == TripState.DONE,
        Trip.end_date.between(window.start, window.end),
        Attachment.removed_at.is_(None),
    )


def _thematic():
    return and_(Attachment.part == REPORT, Attachment.media_type.in_(DOCUMENTS))


def counts(session: Session, actor: Actor, window: Window) -> AttachmentCounts:
    """The files of the trips made that ended inside the window, counted by the database."""
    require(actor, actions.REVIEW_READ)
    readable = access.in_bans(Trip.ban_id, actor, actions.REPORT_CONTENT)
    row = session.execute(
        select(
            func.count(case((_thematic(), 1))),
            func.count(case((Attachment.media_type.in_(IMAGES), 1))),
            func.count(Attachment.id),
            func.count(case((and_(_thematic(), readable), 1))),
            func.coalesce(func.sum(case((and_(_thematic(), readable), Attachment.size))), 0),
        ).where(*_of_window(window))
    ).one()
    return AttachmentCounts(*row)


def thematic_zip(session: Session, actor: Actor, window: Window) -> bytes:
    """The window's thematic reports of the bans whose reports `actor` may read, as one zip:
    a folder per ban, each file named by its trip's end, its cadre and its own name."""
    require(actor, actions.REVIEW_READ)
    where = (*_of_window(window), _thematic(), access.in_bans(Trip.ban_id, actor, actions.REPORT_CONTENT))
    total = session.scalar(select(func.coalesce(func.sum(Attachment.size), 0)).where(*where))
    if total > limits.ZIP_BYTES:
        raise ValidationError(
            [FieldError(FIELD, "attachments.error.zip_too_big", {"limit": limits.ZIP_BYTES // limits.MB})]
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for ban, end, cadre, file_id, name, content in session.execute(
            select(
                Ban.code,
                Trip.end_date,
                Cadre.full_name,
                Attachment.id,
                Attachment.file_name,
                Attachment.content,
            )
            .select_from(Attachment)
            .join(Trip, Trip.id == Attachment.trip_id)
            .join(Ban, Ban.id == Trip.ban_id)
            .join(Cadre, Cadre.id == Trip.cadre_id)
            .where(*where)
            .order_by(Ban.sort_order, Trip.end_date, Attachment.id)
        ):
            folder = safe_file_name(ban, "ban")
            stem = safe_file_name(f"{end.isoformat()}_{cadre}_{file_id}_{name}")
            archive.writestr(f"{folder}/{stem}", content)
    return out.getvalue()
