"""Province names no register knows, kept as typed and mapped by an admin.

The places stored before the register (migration 0020) and those a trips import brings are
matched by name (core.admin_units.province_code); a name that matches nothing keeps its trips
and its text, with no province code, and is listed on /admin until an admin says which of
today's provinces it belongs to. Mapping one name maps every place typed with it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core import actions, admin_units, audit, rollups
from core.errors import FieldError, ValidationError
from core.permissions import Actor, require
from db.models import Place, Trip


@dataclass(frozen=True)
class Unmatched:
    province: str  # as typed
    places: int
    trips: int


def unmatched(session: Session) -> list[Unmatched]:
    """Each typed province name without a code, with how many places and trips name it."""
    trips = (
        select(Trip.place_id, func.count().label("trips"))
        .join(Place, Place.id == Trip.place_id)
        .where(Place.province_code == "")
        .group_by(Trip.place_id)
        .subquery()
    )
    query = (
        select(Place.province, func.count(Place.id), func.coalesce(func.sum(trips.c.trips), 0))
        .outerjoin(trips, trips.c.place_id == Place.id)
        .where(Place.province_code == "")
        .group_by(Place.province)
        .order_by(Place.province)
    )
    return [Unmatched(*row) for row in session.execute(query)]


def map_province(session: Session, actor: Actor, typed: str, code: str) -> int:
    """Give every place typed with the province `typed` today's province `code`, and count
    their trips again under it; returns how many places were mapped."""
    require(actor, actions.ADMIN_PLACES)
    if code not in {unit.code for unit in admin_units.provinces()}:
        raise ValidationError([FieldError("places.admin.pick_province", "places.admin.unknown")])
    ids = list(session.scalars(select(Place.id).where(Place.province == typed, Place.province_code == "")))
    if not ids:
        raise ValidationError([FieldError("places.admin.pick_name", "places.admin.gone")])
    session.execute(update(Place).where(Place.id.in_(ids)).values(province_code=code))
    for place_id in ids:
        audit.record(
            session,
            actor.username,
            "update",
            table="places",
            row_id=place_id,
            before={"province": typed, "province_code": ""},
            after={"province": typed, "province_code": code},
        )
    rollups.rebuild_years(session, ids)
    return len(ids)
