"""The projector's view (meeting mode of /progress): everything it shows read from the back of a
meeting room, not only the big numbers. Labels, captions, the section buttons and the table
cells are made at least TEXT_PX tall and dark; tables are drawn as HTML tables (st.table), whose
text a style sheet sizes, where st.dataframe draws on a canvas no style sheet reaches. The
charts size their own text (core.charts, `large`)."""

from __future__ import annotations

import streamlit as st

from core import formatting
from core.i18n import t
from ui.text import md
from ui.widgets import shared_table

KEY = "meeting"  # the meeting view's container: st.container(key=KEY) is `.st-key-meeting`
TEXT_PX = 30  # labels, captions, buttons and cells (tests/browser/test_projector.py: >= 28)
HALF = "meeting_half"  # a container half the view wide (`.st-key-meeting_half`), as st.columns(2)[0]
HEADLINE = "meeting_headline"  # the headline's row: its figures share its width as columns would
PAIR = "meeting_pair"  # two charts' row; both rows stack on a phone, as st.columns do under 640 px


# The meeting view's style sheet, scoped to its container so that the desk view keeps
# Streamlit's sizes; drawn with the app's own (ui.style), one message for all of them.
CSS = """<style>
    .st-key-meeting [data-testid="stMarkdownContainer"] p,
    .st-key-meeting [data-testid="stCaptionContainer"],
    .st-key-meeting [data-testid="stCaptionContainer"] p,
    .st-key-meeting [data-testid="stTable"] th,
    .st-key-meeting [data-testid="stTable"] td,
    .st-key-meeting [data-testid="stAlertContentInfo"] p {
      font-size: 30px;
      line-height: 1.3;
      color: #1f2330 !important;
      opacity: 1;
    }
    .st-key-meeting [data-testid="stButtonGroup"] button,
    .st-key-meeting [data-testid="stButtonGroup"] button p { font-size: 30px; line-height: 1.3; }
    .st-key-meeting [data-testid="stButtonGroup"] button { padding: 0.3rem 1.2rem; }
    .st-key-meeting [data-testid="stTable"] th { font-weight: 700; }
    .st-key-meeting [data-testid="stTable"] td,
    .st-key-meeting [data-testid="stTable"] th { padding: 0.35rem 0.9rem; }
    .st-key-meeting h1 { font-size: 60px; line-height: 1.1; padding: 0; }
    .st-key-meeting h2 { font-size: 36px; line-height: 1.2; padding: 0 0 0.35rem 0; color: #1f5fbf; }
    .st-key-meeting [data-testid="stMarkdownContainer"] [data-testid="stHeadingWithActionElements"],
    .st-key-meeting [data-testid="stMarkdownContainer"] h1,
    .st-key-meeting [data-testid="stMarkdownContainer"] h2 { display: inline-block; margin-right: 0.5rem; }
    .st-key-meeting [data-testid="stHeaderActionElements"] { display: none; }
    .st-key-meeting .st-key-meeting_half { max-width: calc(50% - 0.5rem); }
    .st-key-meeting .st-key-meeting_headline ul {
      display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0;
    }
    .st-key-meeting .st-key-meeting_headline li { flex: 1 1 0; min-width: 0; margin: 0; padding: 0; }
    .st-key-meeting .st-key-meeting_headline li::marker { content: none; }
    .st-key-meeting .st-key-meeting_pair > div { flex: 1 1 0 !important; min-width: 0; }
    @media (max-width: 640px) {
      .st-key-meeting .st-key-meeting_headline ul,
      .st-key-meeting .st-key-meeting_pair { flex-wrap: wrap; }
      .st-key-meeting .st-key-meeting_headline li { flex: 1 1 100%; }
      .st-key-meeting .st-key-meeting_pair > div { flex: 1 1 100% !important; }
      .st-key-meeting .st-key-meeting_half { max-width: none; }
    }
    </style>"""


def headline(scope: str, items) -> None:
    """The scope of the figures (a Markdown line), then the headline's figures side by side,
    each (label, number, share, note) one item of a single Markdown list: the number, its share
    beside it, its label under it; the style sheet lays the items out as a row (stacked on a
    phone). Every element and block is a message Streamlit builds, hashes and sends at every
    run: one block and one element, where a caption and five columns of a container and three
    lines each were twenty-seven (docs/performance.md)."""
    figures = [scope, ""]
    for label, value, share, note in items:
        lines = [f"# {md(value)}"]
        if share:
            lines.append(f"## {md(share)}")
        lines.append(f"**{md(label)}**")
        if note:
            lines.append(md(note))
        figures.append("- " + "\n\n  ".join(lines))
    st.container(key=HEADLINE).markdown("\n".join(figures))


def pair():
    """Two charts side by side: one row (one block), where st.columns(2) is three."""
    row = st.container(horizontal=True, gap="small", wrap=False, key=PAIR)
    return row, row


def table(rows, columns: dict) -> None:
    """`rows` as an HTML table, one column per entry of `columns` (as ui.widgets.table), each
    value already written as text (core.formatting): the projector does not sort. Rows every
    session shares are made into a table once (ui.widgets.shared_table), not at each refresh."""
    st.table(shared_table(rows, columns), hide_index=True)


def cadre_table(rows, columns: dict, open_trips) -> None:
    """A ban's per-cadre table on the projector: an HTML table like the others (the desk's
    st.dataframe draws its cells on a canvas at 14 px, out of reach of the style sheet), its
    numbers and days written by core.formatting. A cadre's trips are opened from a list under
    it (`open_trips(row)`), where the desk clicks a row."""
    written = {label: _written(value) for label, value in columns.items()}
    st.caption(t("progress.cadres_hint_meeting"))
    table(rows, written)
    chosen = st.selectbox(
        t("progress.cadre_trips_pick"),
        range(len(rows)),
        index=None,
        format_func=lambda i: rows[i].full_name,
        placeholder=t("progress.cadre_trips_pick_hint"),
        key="meeting_cadre_pick",
    )
    if chosen is not None:
        open_trips(rows[chosen])


def _written(column):
    """A column (an attribute's name or a function of the row) as text: a day as dd/mm/yyyy,
    a number the Vietnamese way, every cell aligned alike."""

    def text(row) -> str:
        value = getattr(row, column) if isinstance(column, str) else column(row)
        if value is None:
            return ""
        if hasattr(value, "strftime"):
            return formatting.date(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return formatting.number(value)
        return str(value)

    return text
