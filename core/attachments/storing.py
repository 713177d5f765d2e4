"""Attaching files to a trip or its report, and removing them.

The trip's cadre attaches: to the trip (its travel order, photos) while they may edit it
(core.trip_changes.mode: not once its report is accepted), to its report while the report
can still be written (a draft, or returned). Whoever may edit the trip removes a file: its
cadre, or the office leadership and the admins. A removal only marks the row (who, when), and
both moves leave an audit entry (the file's name, type, size and digest; not its bytes).

All the files of one upload are stored in one transaction, or none: one bad file refuses them
all, naming it. The same content already attached to the trip is not stored again (a double
submit, a photo sent twice), also under a race: the trip's row is locked, and a partial
unique index holds it in the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core import access, actions, audit, limits, trip_changes
from core.attachments.checking import FIELD, Checked, check
from core.errors import FieldError, PermissionDenied, ValidationError
from core.permissions import Actor, can
from db.models import Attachment, Trip
from db.vocabulary import ReportState, TripState

TRIP, REPORT = "trip", "report"
PARTS = (TRIP, REPORT)
_REPORT_OPEN = (None, ReportState.DRAFT, ReportState.RETURNED)


@dataclass(frozen=True)
class Upload:
    """A file as received: the name its sender gave it, and its bytes."""

    name: str
    content: bytes


def _report_state(trip: Trip) -> str | None:
    return trip.report.state if trip.report is not None else None


def may_attach(actor: Actor | None, trip: Trip, part: str) -> bool:
    """May `actor` attach a file to `part` of `trip`? (Pages ask it to decide what to offer.)"""
    ref = access.cadre_of(trip)
    if part == TRIP:
        mode = trip_changes.mode(actor, ref, trip.state, _report_state(trip), trip_changes.EDIT)
        return mode == trip_changes.OWN
    return (
        actor is not None
        and trip.state == TripState.DONE
        and _report_state(trip) in _REPORT_OPEN
        and can(actor, actions.REPORT_WRITE, ref)
    )


def may_remove(actor: Actor | None, trip: Trip) -> bool:
    """Whoever may edit the trip removes its files (core.trip_changes.mode)."""
    ref = access.cadre_of(trip)
    return trip_changes.mode(actor, ref, trip.state, _report_state(trip), trip_changes.EDIT) is not None


def _meta(row: dict) -> dict:
    """What the audit log keeps of a file: everything but its bytes."""
    return audit.plain({k: v for k, v in row.items() if k not in ("content", "thumbnail")})


_LIVE = select(Attachment.id, Attachment.sha256, Attachment.size).where(Attachment.removed_at.is_(None))
_INSERT = insert(Attachment).returning(Attachment.id)


def attach(
    session: Session, actor: Actor, trip_id: int, part: str, uploads: Sequence[Upload]
) -> tuple[int, ...]:
    """Store `uploads` on `part` ("trip" or "report") of the trip, in the caller's transaction;
    returns the id of each file (the one already there for a file attached before)."""
    if part not in PARTS:
        raise ValueError(f"not a part of a trip: {part!r}")
    action = actions.TRIP_WRITE if part == TRIP else actions.REPORT_WRITE
    # The trip's row is locked: two uploads to one trip at once are summed one after the other.
    trip = access.load(session, Trip, trip_id, actor, action, with_for_update=True)
    if not may_attach(actor, trip, part):
        if trip.state == TripState.REMOVED or (part == REPORT and trip.state == TripState.DONE):
            raise ValidationError([FieldError(FIELD, "attachments.error.closed")])
        raise PermissionDenied()
    uploads = list(uploads)
    if not uploads:
        return ()
    if len(uploads) > limits.ATTACHMENTS_PER_UPLOAD:
        raise ValidationError([FieldError(FIELD, "error.too_many", {"limit": limits.ATTACHMENTS_PER_UPLOAD})])
    checked: list[Checked] = []
    errors: list[FieldError] = []
    for upload in uploads:
        try:
            checked.append(check(upload.name, upload.content))
        except ValidationError as exc:
            errors += exc.errors
    if errors:
        raise ValidationError(errors)
    live = {
        sha: (row_id, size)
        for row_id, sha, size in session.execute(_LIVE.where(Attachment.trip_id == trip.id))
    }
    new: dict[str, Checked] = {}
    for item in checked:
        if item.sha256 not in live:
            new.setdefault(item.sha256, item)
    total = sum(size for _, size in live.values()) + sum(item.size for item in new.values())
    if total > limits.TRIP_ATTACHMENT_BYTES:
        raise ValidationError(
            [
                FieldError(
                    FIELD,
                    "attachments.error.trip_full",
                    {
                        "limit": limits.TRIP_ATTACHMENT_BYTES // limits.MB,
                        "used": round(sum(size for _, size in live.values()) / limits.MB, 1),
                    },
                )
            ]
        )
    ids = {sha: row_id for sha, (row_id, _) in live.items()}
    conn = session.connection()
    for sha, item in new.items():
        row = {
            "trip_id": trip.id,
            "part": part,
            "file_name": item.file_name,
            "media_type": item.media_type,
            "size": item.size,
            "sha256": sha,
            "content": item.content,
            "thumbnail": item.thumbnail,
            "created_by": actor.account_id,
            "created_at": _now(),
        }
        ids[sha] = conn.execute(_INSERT, row).scalar_one()
        audit.record(
            session,
            actor.username,
            "attachment.add",
            table="attachments",
            row_id=ids[sha],
            after=_meta({"id": ids[sha], **row}),
        )
    return tuple(ids[item.sha256] for item in checked)


def remove(session: Session, actor: Actor, attachment_id: int) -> None:
    """Mark a file removed (kept, with who and when), if `actor` may edit its trip."""
    row = access.found(session, Attachment, attachment_id, with_for_update=True)
    trip = session.get(Trip, row.trip_id)
    if not may_remove(actor, trip):
        raise PermissionDenied()
    if row.removed_at is not None:
        return  # a second click on the same file
    before = _meta(audit.snapshot(row))
    row.removed_at, row.removed_by = _now(), actor.account_id
    session.flush()
    audit.record(
        session,
        actor.username,
        "attachment.remove",
        table="attachments",
        row_id=row.id,
        before=before,
        after=_meta(audit.snapshot(row)),
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
