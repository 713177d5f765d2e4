"""Loading one row for one actor and one action, the way every service starts: the row, or
NotFound, PermissionDenied or Conflict (flaskr's `get_post(id, check_author=True)`).

    trip = access.load(session, Trip, trip_id, actor, actions.TRIP_WRITE)
    report = access.load(session, TripReport, report_id, actor, actions.REPORT_REVIEW,
                         version=version, target=lambda r: access.cadre_of(r.trip))

What the permission is asked on follows from what the action applies to (core.actions): a
cadre's data is asked on the row's cadre (`cadre_of`), a ban on the row's ban; an action on the
office is asked before the row is looked up, so who may not act learns nothing of what exists.
A service that checks a row's state before its version calls `check_version` itself, so the
refusals come in the same order as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import Session

from core.actions import Action, Scope
from core.errors import Conflict, NotFound
from core.permissions import Actor, CadreRef, action_of, bans_for, require
from db.models import Cadre

Row = TypeVar("Row")


def found(session: Session, model: type[Row], row_id: Any, **options) -> Row:
    """The row of `model` with primary key `row_id`, or NotFound. `options` go to Session.get
    (`options=[selectinload(...)]`, `with_for_update=True`)."""
    row = session.get(model, row_id, **options)
    if row is None:
        raise NotFound()
    return row


def cadre_of(row) -> CadreRef:
    """The cadre a row's data belongs to: a cadre itself, or a row that carries its cadre and
    ban (a trip)."""
    if isinstance(row, Cadre):
        return CadreRef(row.id, row.ban_id)
    return CadreRef(row.cadre_id, row.ban_id)


def check_version(row, version: int) -> None:
    """Conflict unless `row` is still at the version the user read (optimistic locking)."""
    if row.version != version:
        raise Conflict()


def load(
    session: Session,
    model: type[Row],
    row_id: Any,
    actor: Actor | None,
    action: Action,
    *,
    version: int | None = None,
    target: Callable[[Row], CadreRef | int | None] | None = None,
    **options,
) -> Row:
    """The row of `model` with primary key `row_id`, once `actor` may do `action` on it (and,
    given `version`, once it is still at that version); otherwise NotFound, PermissionDenied or
    Conflict, in that order. `target` says what the permission is asked on when the row does
    not carry it itself; `options` go to Session.get."""
    action = action_of(action)
    if action.applies_to in (Scope.OFFICE, Scope.PAGE):
        require(actor, action)
        row = found(session, model, row_id, **options)
    else:
        row = found(session, model, row_id, **options)
        if target is None:
            target = cadre_of if action.applies_to is Scope.CADRE else (lambda r: r.ban_id)
        require(actor, action, target(row))
    if version is not None:
        check_version(row, version)
    return row


def in_bans(column, actor: Actor | None, action: Action) -> ColumnElement[bool]:
    """A WHERE clause keeping the rows whose ban (`column`) `actor` may do `action` on: every
    row for who holds it on every ban, the own ban's for a ban's leader, none otherwise."""
    bans = bans_for(actor, action)
    return true() if bans is None else column.in_(sorted(bans))
