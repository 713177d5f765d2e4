"""/admin's "Sửa chuyến đi": an admin finds a cadre (by code or name, typed into the picker),
sees their trips, and corrects or removes one giving the required reason, with the same form
the office leadership uses on /progress (ui.trip_changes). The service asks again on save
(core.trip_changes: actions.TRIP_CORRECT) and keeps the before/after in the audit log."""

from __future__ import annotations

import streamlit as st

from core import roster, trip_list
from core.errors import DomainError
from core.i18n import t
from core.permissions import Actor
from ui import data, trip_changes
from ui.forms import show_error, show_flash
from ui.text import tm

SPOT = "admin_trips"  # where the message after a save shows
KEY = "admin_trip_change"  # the picker's widgets (ui.trip_changes)


def section(me: Actor, cadres: list[roster.CadreRow]) -> None:
    st.caption(t("trip_fix.intro"))
    show_flash(SPOT)
    by_id = {c.id: c for c in cadres}  # those who left too: their trips can be wrong as well
    chosen = st.selectbox(
        t("trip_fix.pick_cadre"),
        list(by_id),
        index=None,
        key="trip_fix_cadre",
        format_func=lambda i: f"{by_id[i].code} — {by_id[i].full_name} ({by_id[i].ban_name})",
        placeholder=t("common.choose"),
    )
    if chosen is None:
        return
    try:
        rows = data.read(trip_list.list_to_correct, me, chosen, cached=False)
    except DomainError as exc:
        show_error(exc)
        return
    st.subheader(tm("trip_fix.trips_of", name=by_id[chosen].full_name))
    if not rows:
        st.info(t("trip_fix.no_trips"))
        return
    trip_changes.trips_table(rows, key="trip_fix_trips")
    st.markdown(f"**{t('trip_change.heading')}**")
    trip_changes.picker(
        me,
        rows,
        trip_changes.trip_label,
        key=KEY,
        spot=SPOT,
        files=True,  # the admin removes files here: they see them first
    )
