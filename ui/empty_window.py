"""A dashboard window in which no trip was made (a quarter just begun): said in words, with a
button to the latest quarter that has figures, instead of charts with nothing to draw (an
axis reading "0.000000")."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core import formatting, latest_period
from core.i18n import t
from core.periods import Window, quarter_of
from ui import data, window_field
from ui.text import tm


def _show(window: Window) -> None:
    # The window's two days (ui.window_field) are set before the next run draws them.
    window_field.show(window)


def offer_latest(window: Window, today: dt.date, ban_id: int | None = None) -> None:
    """Say that `window` has no trip, and offer the latest quarter with trips."""
    st.info(tm("progress.empty_window", window=formatting.window(window)), icon=":material/event_busy:")
    latest = data.read(latest_period.latest_quarter_with_trips, today, ban_id)
    if latest is None:
        st.caption(t("progress.no_data_yet"))
        return
    if latest == window:
        return
    period = formatting.quarter(latest.start.year, quarter_of(latest.start))
    if st.button(
        tm("progress.show_latest", period=period),
        key="show_latest",
        type="primary",
        icon=":material/history:",
        on_click=_show,
        args=(latest,),
    ):
        st.rerun(scope="app")  # the dates are drawn outside the fragment this button may be in
