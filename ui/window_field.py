"""The dashboards' window: two days typed as dd/mm/yyyy (ui.day_field: Streamlit's calendar is
English with Sunday first), kept in the address as ISO dates (`?from=2018-06-01&to=2018-07-31`,
DESIGN.md), so a link reproduces the view.

The fields are not bound to the address by Streamlit (a bound text field would write what is
typed, dd/mm/yyyy, into the link): the address fills them when it changes under them (a link,
the back button, a quarter picked), and a day typed that can be used is written back to it as
an ISO date. A day that cannot be used is named beside its field and the address is left as
it was."""

from __future__ import annotations

import streamlit as st

from core import day_text, formatting
from core.errors import FieldError
from core.i18n import t
from core.periods import Window, current_quarter
from ui import address
from ui.text import error_text

KEYS = ("from", "to")
LABELS = {"from": "period.from", "to": "period.to"}
_SEEN = "_window_address_seen"  # the address's (from, to) when the fields were last filled from it


def show(window: Window) -> None:
    """Show `window` from the next run (for a button's or a list's callback)."""
    for key, day in zip(KEYS, (window.start, window.end), strict=True):
        st.session_state[key] = formatting.date(day)
        st.query_params[key] = day.isoformat()


def _shown(default: Window) -> dict:
    """The days the address asks for, `default`'s where it asks for none (or a bad one: named
    in a message and dropped from it)."""
    asked = {key: address.date(key, bound=False) for key in KEYS}
    return {"from": asked["from"] or default.start, "to": asked["to"] or default.end}


def _window(shown: dict, default: Window) -> Window:
    """The window of the days `shown`, or `default` when it is reversed."""
    return Window(shown["from"], shown["to"]) if shown["from"] <= shown["to"] else default


def asked_window(default: Window | None = None) -> Window:
    """The window of the address alone, with no field drawn (the meeting view's filters while
    folded); `default` when it is reversed."""
    default = default or current_quarter()
    return _window(_shown(default), default)


def window_filter(default: Window | None = None) -> Window:
    """The window typed in the two fields; the address's (or `default`) when a day cannot be
    used, or the window is reversed, which is said in a message."""
    default = default or current_quarter()
    shown = _shown(default)
    raw = tuple(st.query_params.get(key) for key in KEYS)
    if st.session_state.get(_SEEN) != raw or any(key not in st.session_state for key in KEYS):
        for key in KEYS:
            st.session_state[key] = formatting.date(shown[key])
        st.session_state[_SEEN] = raw
    days = {key: _typed(where, key) for key, where in zip(KEYS, st.columns(2), strict=True)}
    kept = _window(shown, default)
    if None in days.values():
        return kept
    if days["to"] < days["from"]:
        st.error(t("period.bad_window"))
        return kept
    for key, day in days.items():
        # Written only when it changes: each write sends the browser the address again.
        if (day != shown[key] or key in st.query_params) and st.query_params.get(key) != day.isoformat():
            st.query_params[key] = day.isoformat()
    st.session_state[_SEEN] = tuple(st.query_params.get(key) for key in KEYS)
    return Window(days["from"], days["to"])


def _typed(where, key: str):
    """The day in the field `key`, or None (said under it) when it cannot be used."""
    label = LABELS[key]
    text = where.text_input(t(label), key=key, placeholder=t("visits.date_placeholder"))
    try:
        day = day_text.parse(text)
    except ValueError:
        day = None
    if day is None:
        where.error(error_text(FieldError(label, "visits.error.date_text")))
    elif not address.FIRST_DAY <= day <= address.LAST_DAY:
        bounds = {"first": formatting.date(address.FIRST_DAY), "last": formatting.date(address.LAST_DAY)}
        where.error(error_text(FieldError(label, "day.error.range", bounds)))
        day = None
    return day
