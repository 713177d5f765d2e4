"""Grassroots places: province → district/commune → host unit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.text import clean
from db.models import Place


@dataclass(frozen=True)
class PlaceRow:
    id: int
    province: str
    district: str
    commune: str
    host_unit: str

    def label(self) -> str:
        return " – ".join(p for p in (self.host_unit, self.commune, self.district, self.province) if p)


_COLUMNS = (Place.id, Place.province, Place.district, Place.commune, Place.host_unit)
_FIND = select(*_COLUMNS).where(*(column == bindparam(column.key) for column in _COLUMNS[1:]))


def get_or_create(
    session: Session, province: str, district: str = "", commune: str = "", host_unit: str = ""
) -> PlaceRow:
    """The place with these names, inserted if new. INSERT … ON CONFLICT DO NOTHING, so two
    cadres recording the same new place at once both get the one row."""
    key = dict(
        province=clean(province), district=clean(district), commune=clean(commune), host_unit=clean(host_unit)
    )
    conn = session.connection()
    place = conn.execute(_FIND, key).first()
    if place is None:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        conn.execute(
            insert(Place)
            .values(**key)
            .on_conflict_do_nothing(index_elements=["province", "district", "commune", "host_unit"])
        )
        place = conn.execute(_FIND, key).one()
    return PlaceRow(*place)


def known_places(session: Session) -> list[PlaceRow]:
    rows = session.scalars(select(Place).order_by(Place.province, Place.district, Place.host_unit))
    return [PlaceRow(p.id, p.province, p.district, p.commune, p.host_unit) for p in rows]
