"""Widgets shared by the pages. Filters are bound to the query string, so a link
reproduces the view (`?from=2018-06-01&to=2018-07-31&ban=TC`, `?year=2018`)."""

from __future__ import annotations

import types

import pandas as pd
import streamlit as st

from core.i18n import t
from core.periods import Window
from core.permissions import Actor
from ui import address, window_field
from ui.text import md

DATE_FORMAT = "DD/MM/YYYY"


def actor() -> Actor:
    """The actor of this run, loaded from the database by app.py before the page runs."""
    return st.session_state["actor"]


def asked_window(default: Window | None = None) -> Window:
    """The window of the address, with no field drawn (ui/window_field.py)."""
    return window_field.asked_window(default)


def window_filter(default: Window | None = None) -> Window:
    """Two days typed as dd/mm/yyyy, kept in `?from=…&to=…` as ISO dates (ui/window_field.py)."""
    return window_field.window_filter(default)


def asked_ban(bans) -> str:
    """The ban's code in `?ban=…` if it is one of `bans`, with no field drawn; "" means every ban."""
    return address.choice("ban", [""] + [b.code for b in bans]) or ""


def ban_filter(bans) -> str:
    """A ban chosen by its code, kept in `?ban=…`; "" means every ban.

    Not bound with `bind="query-params"`: a bound selectbox writes its displayed label
    into the URL, and the link must carry the ban's code.
    """
    names = {b.code: b.name for b in bans}
    options = [""] + [b.code for b in bans]
    asked = asked_ban(bans)
    choice = st.selectbox(
        t("common.ban"),
        options,
        index=options.index(asked),
        key="ban_choice",
        format_func=lambda code: names.get(code) or t("common.all_bans"),
        placeholder=t("common.choose"),
    )
    choice = choice or ""
    if choice != st.query_params.get("ban", ""):
        if choice:
            st.query_params["ban"] = choice
        else:
            del st.query_params["ban"]
    return choice


def section_picker(sections: dict[str, str]) -> str:
    """The page's sections (code → label) as one row of buttons, the choice kept in `?tab=…`
    (the first section leaves it out). Only the chosen section is then drawn, where st.tabs
    would run every tab's code on each rerun: the projector's refresh no longer builds the
    tables of the tabs nobody is looking at."""
    codes = list(sections)
    asked = address.choice("tab", codes) or codes[0]
    if st.session_state.get("_section_asked", asked) != asked:
        st.session_state.pop(
            "section", None
        )  # the address changed under it (a link, the back button): it wins
    st.session_state["_section_asked"] = asked
    chosen = (
        st.segmented_control(
            t("common.section"),
            codes,
            default=asked if asked in codes else codes[0],
            format_func=lambda code: md(sections[code]),
            key="section",
            required=True,
            label_visibility="collapsed",
        )
        or codes[0]
    )
    if chosen == codes[0]:
        if "tab" in st.query_params:
            del st.query_params["tab"]
    elif chosen != asked:
        st.query_params["tab"] = chosen
    st.session_state["_section_asked"] = st.query_params.get("tab", codes[0])
    return chosen


def year_filter(default: int, years: list[int]) -> int:
    years = sorted(set(years) | {default}, reverse=True)
    address.year("year", years)  # one not offered is named in a message; the default is shown
    return st.selectbox(
        t("common.year"),
        years,
        index=years.index(default),
        key="year",
        bind="query-params",
        placeholder=t("common.choose"),
    )


def frame(rows, columns: dict) -> pd.DataFrame:
    """`rows` as a DataFrame, one column per entry of `columns` (see `table`)."""
    return pd.DataFrame(
        {
            t(label): [getattr(r, value) if isinstance(value, str) else value(r) for r in rows]
            for label, value in columns.items()
        },
        columns=[t(label) for label in columns],
    )


def table(rows, columns: dict, *, where=None, column_config: dict | None = None, **options):
    """`rows` as a table, one column per entry of `columns`: the column's label (a message key)
    → the attribute of a row it shows, or a function of the row. `column_config` is keyed by
    the same message keys. Returns what st.dataframe returns (the selection, when asked)."""
    config = {t(label): value for label, value in (column_config or {}).items()}
    where = st if where is None else where
    return where.dataframe(
        shared_table(rows, columns), hide_index=True, column_config=config or None, **options
    )


# A table of rows every session shares (a cached read, ui.data: the same tuple until the next
# write) is made into Arrow once per language, not per run: st.dataframe converts a DataFrame
# on every call but passes an Arrow table through. Only columns that are an attribute or a
# function of the row alone (the same code then gives the same values) qualify.
_tables: dict[tuple, tuple] = {}
_TABLES_KEPT = 64


def _of_the_row_alone(value) -> bool:
    """An attribute name, or a function without closure whose globals are modules and
    functions of modules (not a page script's own values, such as the actor: a page runs as
    `__main__`)."""
    if isinstance(value, str):
        return True
    code, names = getattr(value, "__code__", None), getattr(value, "__globals__", {})
    if code is None or value.__closure__ is not None:
        return False
    return all(
        isinstance(names[n], types.ModuleType)
        or (callable(names[n]) and getattr(names[n], "__module__", "__main__") != "__main__")
        for n in code.co_names
        if n in names
    )


def shared_table(rows, columns: dict):
    """`rows` as a table for st.dataframe or st.table: an Arrow table kept per rows and language
    when the rows are shared and the columns of the row alone, else a DataFrame made now."""
    if not isinstance(rows, tuple) or not all(_of_the_row_alone(v) for v in columns.values()):
        return frame(rows, columns)
    from core.i18n import language

    key = (
        id(rows),
        language(),
        tuple((label, v if isinstance(v, str) else v.__code__) for label, v in columns.items()),
    )
    kept = _tables.get(key)
    if kept is not None and kept[0] is rows:
        return kept[1]
    import pyarrow as pa

    built = pa.Table.from_pandas(frame(rows, columns), preserve_index=False)
    if len(_tables) >= _TABLES_KEPT:
        _tables.clear()  # the rows of an older data version: nobody asks for them again
    _tables[key] = (rows, built)  # the rows kept alive: their id stays theirs
    return built


# The files the pages offer, by their name's ending.
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
    "db": "application/vnd.sqlite3",
}


def download(label: str, data, file_name: str, *, key: str, where=None, **options) -> None:
    """A download button whose file type follows the file's name."""
    where = st if where is None else where
    where.download_button(
        label, data, file_name=file_name, key=key, mime=MIME[file_name.rsplit(".", 1)[-1]], **options
    )


def built_when_clicked(build):
    """A download's bytes, made only when the button is clicked: `build(session)` then runs on
    another thread, so the language of this run is carried over."""
    from core import i18n
    from db.session import reading

    lang = i18n.language()

    def run():
        i18n.set_language(lang)
        with reading() as session:
            return build(session)

    return run
