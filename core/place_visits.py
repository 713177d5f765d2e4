"""Where the trips of a window went: host units and provinces visited (by today's province
code, core.admin_units: a trip of 2018 in Hà Giang counts under Tuyên Quang), the 34 provinces
with their figures for the map, and the known places nobody visited. A calendar year of the whole office reads the rows kept per place and
province (core.rollups); any other window reads the trips made in it."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import admin_units, rollups
from core.participation import made_in
from core.periods import Window
from db.models import Place, PlaceYear, ProvinceYear, Trip


class PlaceVisit(NamedTuple):  # a tuple: a year of a large office visits thousands of places
    province: str
    district: str
    host_unit: str
    trips: int
    cadres: int


class ProvinceVisit(NamedTuple):
    code: str  # today's province; "" for places whose province no register knows yet
    province: str  # its name today (short: "Hồ Chí Minh"), "" for those
    trips: int
    cadres: int


def _province(code: str, trips: int, cadres: int) -> ProvinceVisit:
    return ProvinceVisit(code, admin_units.province(code).short if code else "", trips, cadres)


def _office_year(window: Window, ban_id: int | None) -> int | None:
    """The calendar year whose kept place rows answer the window (they are the office's)."""
    return rollups.calendar_year(window) if ban_id is None else None


def places_visited(session: Session, window: Window, ban_id: int | None = None) -> list[PlaceVisit]:
    """Host units visited by trips made with a day in the window, most visited first."""
    year = _office_year(window, ban_id)
    if year is not None:
        per_place = select(PlaceYear.place_id, PlaceYear.trips, PlaceYear.cadres).where(
            PlaceYear.year == year
        )
    else:
        # Grouped on the trips' index alone, then joined to the places' names once per place.
        per_place = select(
            Trip.place_id,
            func.count().label("trips"),
            func.count(func.distinct(Trip.cadre_id)).label("cadres"),
        ).where(*made_in(session, window))
        if ban_id is not None:
            per_place = per_place.where(Trip.ban_id == ban_id)
        per_place = per_place.group_by(Trip.place_id)
    per_place = per_place.subquery("per_place")
    query = (
        select(Place.province, Place.district, Place.host_unit, per_place.c.trips, per_place.c.cadres)
        .join(per_place, per_place.c.place_id == Place.id)
        .order_by(per_place.c.trips.desc(), Place.province, Place.host_unit)
    )
    return [PlaceVisit(*row) for row in session.execute(query)]


def provinces_visited(session: Session, window: Window, ban_id: int | None = None) -> list[ProvinceVisit]:
    """Trips and cadres per province of today in the window, most visited first."""
    year = _office_year(window, ban_id)
    if year is not None:
        query = (
            select(ProvinceYear.province_code, ProvinceYear.trips, ProvinceYear.cadres)
            .where(ProvinceYear.year == year)
            .order_by(ProvinceYear.trips.desc(), ProvinceYear.province_code)
        )
    else:
        query = (
            select(Place.province_code, func.count(Trip.id), func.count(func.distinct(Trip.cadre_id)))
            .join(Trip, Trip.place_id == Place.id)
            .where(*made_in(session, window))
            .group_by(Place.province_code)
            .order_by(func.count(Trip.id).desc(), Place.province_code)
        )
        if ban_id is not None:
            query = query.where(Trip.ban_id == ban_id)
    return [_province(*row) for row in session.execute(query)]


def every_province(visited: list[ProvinceVisit]) -> list[ProvinceVisit]:
    """The 34 provinces of today in code order, each with its figures from `visited` (the rows
    of provinces_visited) and zeros where nobody went: what the map draws."""
    by_code = {v.code: v for v in visited}
    return [by_code.get(unit.code) or _province(unit.code, 0, 0) for unit in admin_units.provinces()]


def provinces_on_the_map(session: Session, window: Window, ban_id: int | None = None) -> list[ProvinceVisit]:
    """The 34 provinces with the trips and cadres of the window (by the ban, if given): the
    rows of the map, read once for every session that draws it."""
    return every_province(provinces_visited(session, window, ban_id))


def places_not_visited(session: Session, window: Window, ban_id: int | None = None) -> list[PlaceVisit]:
    """Known places with no trip made in the window (by the ban, if given): where nobody went."""
    year = _office_year(window, ban_id)
    if year is not None:
        visited = select(PlaceYear.place_id).where(PlaceYear.year == year)
    else:
        visited = select(Trip.place_id).where(*made_in(session, window))
        if ban_id is not None:
            visited = visited.where(Trip.ban_id == ban_id)
    query = (
        select(Place.province, Place.district, Place.host_unit)
        .where(Place.id.not_in(visited))
        .order_by(Place.province, Place.district, Place.host_unit)
    )
    return [PlaceVisit(*row, 0, 0) for row in session.execute(query)]
