"""Form submission ids: a double submit or a retry after a dropped socket stores one row.

A form mints an id when it is drawn (`new_id`). The service that creates the row calls
`claim` inside its transaction: the first claim inserts the id; a later claim with the same
content returns the row made the first time; with other content it is refused.
"""

from __future__ import annotations

import hashlib
import json
import uuid

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.errors import DuplicateSubmission
from db.models import Submission


def new_id() -> str:
    return uuid.uuid4().hex


def digest(payload) -> str:
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def previous_result(session: Session, submission_id: str, kind: str, payload) -> int | None:
    """The row id made by an earlier identical submission, or None if the id is new."""
    seen = session.get(Submission, submission_id)
    if seen is None:
        return None
    if seen.kind != kind or seen.digest != digest(payload):
        raise DuplicateSubmission()
    return seen.row_id


_INSERT = insert(Submission)


def claim(session: Session, submission_id: str, kind: str, payload, row_id: int) -> None:
    """Record the submission in the current transaction. A concurrent claim of the same id
    fails on the primary key, and the whole transaction rolls back."""
    session.connection().execute(
        _INSERT, {"id": submission_id, "kind": kind, "digest": digest(payload), "row_id": row_id}
    )


def write_once(
    session: Session, write, submission_id: str, kind: str, payload, lost_race: Exception | None = None
) -> int:
    """`write(session)` inside the caller's transaction, and its row id.

    The write runs under a savepoint. A double submit that raced the first one to the
    database fails on a key (the submission's, or a natural one such as one report per trip):
    the savepoint is rolled back and the row made the first time is returned, read in the
    same transaction (committed by then: the second insert waited for the first one's
    commit). A key conflict that is not such a double raises `lost_race` if given.
    """
    try:
        with session.begin_nested():
            return write(session)
    except IntegrityError:
        earlier = previous_result(session, submission_id, kind, payload)
        if earlier is not None:
            return earlier
        if lost_race is not None:
            raise lost_race from None
        raise
