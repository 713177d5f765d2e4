"""/admin → the province names no register knows: each kept as typed, listed with its places
and trips, and mapped by the admin to one of today's 34 provinces (core.place_mapping)."""

from __future__ import annotations

import streamlit as st

from core import admin_units, place_mapping
from core.i18n import t
from core.permissions import Actor
from ui import data
from ui.forms import form, save, show_flash
from ui.text import tm
from ui.widgets import table


def section(me: Actor) -> None:
    show_flash("places")
    st.caption(t("places.admin.intro"))
    rows = data.read(place_mapping.unmatched, cached=False)
    if not rows:
        st.success(t("places.admin.none"))
        return
    table(
        rows,
        {
            "places.admin.col.typed": "province",
            "places.admin.col.places": "places",
            "places.admin.col.trips": "trips",
        },
        key="unmatched_places",
    )
    names = {unit.code: unit.name for unit in admin_units.provinces()}
    state = form("map_province")
    with st.form("map_province_form"):
        typed = st.selectbox(
            t("places.admin.pick_name"),
            [r.province for r in rows],
            key="map_typed",
            placeholder=t("common.choose"),
        )
        state.slot("places.admin.pick_name")
        code = st.selectbox(
            t("places.admin.pick_province"),
            list(names),
            index=None,
            format_func=names.get,
            key="map_code",
            placeholder=t("places.search"),
        )
        state.slot("places.admin.pick_province")
        state.slot()
        if st.form_submit_button(t("places.admin.save"), type="primary"):
            save(
                lambda s: place_mapping.map_province(s, me, typed, code or ""),
                done=lambda n: tm("places.admin.saved", typed=typed, province=names.get(code, ""), places=n),
                spot="places",
                form=state,
            )
