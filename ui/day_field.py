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
