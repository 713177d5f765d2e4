"""Which waiting report is open in a leader's queue (/progress), and how the queue moves on.

A report opens from its row in the queue's table (a click) or from the picker under it. Once it
is accepted or returned, the report after it in the queue opens by itself (the one before it
when it was the last), so the leader reads on instead of facing the report just decided; with
none left, the page says the queue is empty (app_pages/progress.py)."""

from __future__ import annotations

import streamlit as st

PICKER = "queue_report"  # the picker's key: the report open, by id
_NEXT = "_queue_next"  # the report to open on the run after a decision (None: none)
_GENERATION = "_queue_table_generation"  # a new table after each decision: no row left selected


def after(ids: list[int], decided: int) -> int | None:
    """The report to open once `decided` is decided: the next in the queue, else the one before."""
    if decided not in ids:
        return ids[0] if ids else None
    i = ids.index(decided)
    rest = ids[i + 1 :] + ids[:i][::-1]
    return rest[0] if rest else None


def move_on(next_report: int | None) -> None:
    """After a decision (called before the rerun that follows it)."""
    st.session_state[_NEXT] = next_report
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def settle(ids: list[int]) -> None:
    """Before the picker is drawn: open the report a decision moved on to; forget a report no
    longer waiting (decided meanwhile by another leader)."""
    if _NEXT in st.session_state:
        following = st.session_state.pop(_NEXT)
        st.session_state[PICKER] = following if following in ids else None
    elif st.session_state.get(PICKER) is not None and st.session_state[PICKER] not in ids:
        st.session_state[PICKER] = None


def row_selection(ids: list[int]) -> dict:
    """The options of the queue's table that make a clicked row open its report."""
    key = f"queue_reports_{st.session_state.get(_GENERATION, 0)}"

    def opened() -> None:
        rows = st.session_state[key].selection.rows
        if rows and rows[0] < len(ids):
            st.session_state[PICKER] = ids[rows[0]]

    return {"key": key, "on_select": opened, "selection_mode": "single-row"}
