"""The trip form's place: a province, then a commune, picked with search from the official
register (core.admin_units) for a trip since 1 July 2025; for an earlier trip the province by
its name then and the district and commune as typed (their register is not shipped).

Drawn outside the trip's st.form: the communes offered follow the province picked, which a
form would only send on submit. The host unit stays free text, in the form."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import streamlit as st

from core import admin_units
from core.i18n import t


class PickedPlace(NamedTuple):
    province: str
    district: str
    commune: str


def place_picker(prefix: str, start: dt.date | None) -> PickedPlace:
    """The province, district and commune picked for a trip starting on `start` (names as the
    register of that date spells them; the codes follow from them in core.places)."""
    if admin_units.in_register(start):
        return _today(prefix)
    return _before(prefix)


def _today(prefix: str) -> PickedPlace:
    names = {unit.name: unit.code for unit in admin_units.provinces()}
    province = st.selectbox(
        t("visits.field.province"),
        list(names),
        index=None,
        key=prefix + "province",
        placeholder=t("places.search"),
        help=t("places.register_hint"),
    )
    code = names.get(province)
    # One widget per province: a commune picked stays with its province.
    commune = st.selectbox(
        t("visits.field.commune"),
        [unit.name for unit in admin_units.communes(code)] if code else [],
        index=None,
        key=f"{prefix}commune_{code or 'none'}",
        placeholder=t("places.search") if code else t("places.province_first"),
        disabled=code is None,
    )
    return PickedPlace(province or "", "", commune or "")


def _before(prefix: str) -> PickedPlace:
    province = st.selectbox(
        t("visits.field.province"),
        sorted({name for name, _ in admin_units.old_provinces()}, key=admin_units.key),
        index=None,
        key=prefix + "old_province",  # not the register's names: a widget of its own
        placeholder=t("places.search"),
        help=t("places.old_register_hint"),
    )
    district = st.text_input(t("visits.field.district"), key=prefix + "district")
    commune = st.text_input(t("visits.field.commune"), key=prefix + "commune")
    return PickedPlace(province or "", district, commune)
