"""The trip form's place: a province, then a commune, picked with search from the official
register (core.admin_units) for a trip since 1 July 2025; for an earlier trip the province by
its name then and the district and commune as typed (their register is not shipped).

Drawn outside the trip's st.form: the communes offered follow the province picked, which a
form would only send on submit. The host unit stays free text, in the form.

A correction (ui.trip_changes) opens it on the trip's place as stored. A stored name no
register knows (typed before the register, or imported) is offered beside the register's,
marked as typed, and picked: a correction that does not touch the place keeps it as it was."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import streamlit as st

from core import admin_units
from core.i18n import t
from ui.text import tm


class PickedPlace(NamedTuple):
    province: str
    district: str
    commune: str


def place_picker(prefix: str, start: dt.date | None, current: PickedPlace | None = None) -> PickedPlace:
    """The province, district and commune picked for a trip starting on `start` (names as the
    register of that date spells them; the codes follow from them in core.places), opened on
    `current` if given."""
    current = current or PickedPlace("", "", "")
    if admin_units.in_register(start):
        return _today(prefix, current)
    return _before(prefix, current)


def _with_stored(options: list[str], stored: str) -> tuple[list[str], int | None]:
    """`options` with `stored` among them (added if the register lacks it), and its index."""
    if not stored:
        return options, None
    if stored not in options:
        options = [*options, stored]
    return options, options.index(stored)


def _as_typed(register: set[str]):
    """Names the register lacks, marked so in the list."""
    return lambda name: name if name in register else t("places.as_typed", name=name)


def _today(prefix: str, current: PickedPlace) -> PickedPlace:
    names = {unit.name: unit.code for unit in admin_units.provinces()}
    options, index = _with_stored(list(names), current.province)
    province = st.selectbox(
        t("visits.field.province"),
        options,
        index=index,
        key=prefix + "province",
        placeholder=t("places.search"),
        help=t("places.register_hint"),
        format_func=_as_typed(set(names)),
    )
    code = names.get(province)
    register = [unit.name for unit in admin_units.communes(code)] if code else []
    # The stored commune stays with the stored province only.
    stored = current.commune if province and province == current.province else ""
    communes, index = _with_stored(register, stored)
    # One widget per province: a commune picked stays with its province.
    commune = st.selectbox(
        t("visits.field.commune"),
        communes,
        index=index,
        key=f"{prefix}commune_{code or 'none'}",
        placeholder=t("places.search") if communes else t("places.province_first"),
        disabled=not communes,
        format_func=_as_typed(set(register)),
    )
    # Today's register has no district: one stored with the place is kept while the place is.
    district = ""
    if current.district and (province, commune) == (current.province, current.commune):
        district = current.district
        st.caption(tm("places.district_kept", district=district))
    return PickedPlace(province or "", district, commune or "")


def _before(prefix: str, current: PickedPlace) -> PickedPlace:
    names = sorted({name for name, _ in admin_units.old_provinces()}, key=admin_units.key)
    options, index = _with_stored(names, current.province)
    province = st.selectbox(
        t("visits.field.province"),
        options,
        index=index,
        key=prefix + "old_province",  # not the register's names: a widget of its own
        placeholder=t("places.search"),
        help=t("places.old_register_hint"),
        format_func=_as_typed(set(names)),
    )
    district = st.text_input(t("visits.field.district"), value=current.district, key=prefix + "district")
    commune = st.text_input(t("visits.field.commune"), value=current.commune, key=prefix + "commune")
    return PickedPlace(province or "", district, commune)
