"""The reports returned to a cadre for changes, flagged on the cadre's progress tab (/visits):
each one a link to its report, whatever year the tab shows, until it is sent again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from core.i18n import t
from core.pages import named
from core.trip_list import TripRow
from core.vocabulary import ReportState, TripState
from ui.text import md, tm

ROOT = Path(__file__).resolve().parents[1]


def returned(rows) -> list[TripRow]:
    """The trips made whose report came back to the cadre."""
    return [r for r in rows if r.state == TripState.DONE and r.report_state == ReportState.RETURNED]


def returned_reports(rows, label: Callable[[TripRow], str]) -> None:
    """A warning naming each returned report, linked to the report tab open on its trip."""
    waiting = returned(rows)
    if not waiting:
        return
    with st.container(border=True, key="returned_reports"):
        st.warning(tm("visits.returned_count", n=len(waiting)), icon=":material/undo:")
        for row in waiting:
            st.page_link(
                ROOT / named("visits").script,
                label=md(f"{label(row)} · {t('visits.returned_fix')}"),
                icon=":material/edit_note:",
                query_params={"tab": "report", "trip": str(row.id)},
            )
