"""A cadre's trips as one card each: a table of eight columns is cut off on a 390 px phone,
where a card's lines wrap and keep the state and the place in sight at every width."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core import formatting, trip_list
from core.i18n import t
from core.vocabulary import TripState
from ui.text import md, tm


def days_text(row: trip_list.TripRow) -> str:
    """A planned trip counts no day yet: say so instead of "0 days"."""
    if row.state == TripState.PLANNED:
        return t("visits.card.planned_days")
    return t("visits.card.days", days=row.days)


def cards(
    rows: list[trip_list.TripRow],
    content_label: Callable[[str], str],
    report_label: Callable[[trip_list.TripRow], str],
    note: Callable[[trip_list.TripRow], str],
) -> None:
    """One bordered card per trip: dates and days, state, place, report and its due date,
    content types, and a removed trip's note."""
    for row in rows:
        with st.container(border=True, key=f"trip_card_{row.id}"):
            st.markdown(
                f"**{md(formatting.dates(row.start_date, row.end_date))}** · {md(days_text(row))}  \n"
                f":{_colour(row)}-badge[{md(t(f'trip_state.{row.state}'))}] {md(row.place)}"
            )
            lines = []
            if row.state == TripState.DONE:
                report = tm("visits.card.report", state=report_label(row))
                if row.report_due:
                    report += " · " + tm("visits.card.due", due=formatting.date(row.report_due))
                lines.append(report)
            if row.content_types:
                lines.append(md("; ".join(content_label(c) for c in row.content_types)))
            if note(row):
                lines.append(md(note(row)))
            if lines:
                st.caption("  \n".join(lines))


def _colour(row: trip_list.TripRow) -> str:
    if row.overdue:
        return "red"
    if row.state == TripState.DONE:
        return "green"
    if row.state == TripState.PLANNED:
        return "blue"
    return "gray"
