"""A day typed as dd/mm/yyyy in a text field: Streamlit 1.67's calendar names its months and
weekdays in English and starts weeks on Sunday whatever the app's language, and cannot be
told otherwise, so the Vietnamese forms take the day as it is written in Vietnam."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core import day_text, formatting
from core.errors import FieldError
from core.i18n import t


def day_field(
    field: str, key: str, where=None, value: dt.date | None = None, *, required: bool = False
) -> tuple[dt.date | None, list[FieldError]]:
    """The day typed in the field labelled `t(field)` (None when empty; `value` fills it at
    first), and the error about it, if what was typed is not a day, or nothing was typed in a
    `required` field (for the form's `show_error`, under the field)."""
    where = st if where is None else where
    text = where.text_input(
        t(field), value=formatting.date(value), key=key, placeholder=t("visits.date_placeholder")
    )
    try:
        day = day_text.parse(text)
    except ValueError:
        return None, [FieldError(field, "visits.error.date_text")]
    if day is None and required:
        return None, [FieldError(field, "error.required")]
    return day, []


def in_future(end: dt.date | None, today: dt.date) -> bool:
    return day_text.planned_by_dates(end, today)


TRIP_DAYS = ("visits.field.start", "visits.field.end")  # a trip's fields, in its form and its correction


def day_pair(
    state,
    fields: tuple[str, str],
    keys: tuple[str, str],
    values: tuple[dt.date | None, dt.date | None] = (None, None),
    *,
    columns=None,
    required: bool = False,
) -> tuple[dt.date | None, dt.date | None, list[FieldError]]:
    """Two days side by side (a trip's first and last, a cadre's joining and leaving, a
    window's bounds), each with the place of its errors right under it. `state` is the
    ui.forms.FormState of the form they belong to; `columns`, two columns the form goes on
    with below. Returns both days and the errors about them: nothing is written while any."""
    days, errors = [], []
    for column, field, key, value in zip(columns or st.columns(2), fields, keys, values):
        day, bad = day_field(field, key, column, value, required=required)
        with column:
            state.slot(field)
        days.append(day)
        errors += bad
    return days[0], days[1], errors
