"""Grassroots places: province → district/commune → host unit, with the official codes
(core.admin_units) found for their names when they are stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core import admin_units
from core.text import clean
from db.models import Place


@dataclass(frozen=True)
class PlaceRow:
    id: int
    province: str
    district: str
    commune: str
    host_unit: str
    province_code: str = ""  # today's province; "" while no register knows the name

    def label(self) -> str:
        return " – ".join(p for p in (self.host_unit, self.commune, self.district, self.province) if p)


_NAMES = (Place.province, Place.district, Place.commune, Place.host_unit)
_FIND = select(Place.id, *_NAMES, Place.province_code).where(*(c == bindparam(c.key) for c in _NAMES))


def codes(province: str, district: str, commune: str, on: dt.date | None) -> dict:
    """The codes a place of these names gets: today's province for a name of either register
    ("" if none), and the commune's code for a trip of today's register (no district level)."""
    province_code = admin_units.province_code(province) or ""
    commune_code = None
    if admin_units.in_register(on) and not district:
        commune_code = admin_units.commune_code(province_code, commune)
    return {"province_code": province_code, "commune_code": commune_code}


def get_or_create(
    session: Session,
    province: str,
    district: str = "",
    commune: str = "",
    host_unit: str = "",
    on: dt.date | None = None,
) -> PlaceRow:
    """The place with these names, inserted with its codes if new (`on`: the trip's first
    day, which says the register its names belong to). INSERT … ON CONFLICT DO NOTHING, so
    two cadres recording the same new place at once both get the one row."""
    key = dict(
        province=clean(province), district=clean(district), commune=clean(commune), host_unit=clean(host_unit)
    )
    conn = session.connection()
    place = conn.execute(_FIND, key).first()
    if place is None:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(
            insert(Place)
            .values(**key, **codes(key["province"], key["district"], key["commune"], on))
            .on_conflict_do_nothing(index_elements=["province", "district", "commune", "host_unit"])
        )
        place = conn.execute(_FIND, key).one()
    return PlaceRow(*place)


def known_places(session: Session) -> list[PlaceRow]:
    rows = session.scalars(select(Place).order_by(Place.province, Place.district, Place.host_unit))
    return [PlaceRow(p.id, p.province, p.district, p.commune, p.host_unit, p.province_code) for p in rows]
