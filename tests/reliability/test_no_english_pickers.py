"""No widget with an English calendar or clock on the screens: Streamlit 1.67's date, time and
datetime pickers name months and weekdays in English and start weeks on Sunday whatever the
app's language, and cannot be told otherwise. Days are typed as dd/mm/yyyy (ui/day_field.py,
ui/window_field.py) instead.

Every .py file of app.py, app_pages/ and ui/ is read with `ast`: a call of `date_input`,
`time_input` or `datetime_input` (as `st.…`, a column's `left.…`, or named in a string for
getattr), and a data editor given date, time or datetime columns (which open the same
pickers when edited), are reported with their place."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PICKERS = {"date_input", "time_input", "datetime_input"}
PICKER_COLUMNS = {"DateColumn", "DatetimeColumn", "TimeColumn"}


def screens() -> list[Path]:
    return [
        ROOT / "app.py",
        *sorted((ROOT / "app_pages").rglob("*.py")),
        *sorted((ROOT / "ui").rglob("*.py")),
    ]


def pickers_in(source: str, name: str = "<text>") -> list[str]:
    """`name:line what` of each English picker in `source`."""
    tree = ast.parse(source, filename=name)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in PICKERS:
            found.append(f"{name}:{node.lineno} {node.attr}")
        elif isinstance(node, ast.Name) and node.id in PICKERS:
            found.append(f"{name}:{node.lineno} {node.id}")
        elif isinstance(node, ast.Constant) and node.value in PICKERS:
            found.append(f"{name}:{node.lineno} {node.value!r}")
        elif isinstance(node, ast.Call) and _called(node) == "data_editor":
            columns = {_called(n) for n in ast.walk(node) if isinstance(n, ast.Call)} & PICKER_COLUMNS
            found += [f"{name}:{node.lineno} data_editor with {c}" for c in sorted(columns)]
    return found


def _called(call: ast.Call) -> str:
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def test_the_check_finds_each_kind_of_picker():
    source = (
        "import streamlit as st\n"
        "st.date_input('a')\n"
        "left, right = st.columns(2)\n"
        "right.time_input('b')\n"
        "getattr(st, 'datetime_input')('c')\n"
        "st.data_editor(df, column_config={'d': st.column_config.DateColumn()})\n"
        "st.dataframe(df, column_config={'d': st.column_config.DateColumn()})\n"  # shown only
        "st.text_input('dd/mm/yyyy')\n"
    )
    assert sorted(pickers_in(source)) == [
        "<text>:2 date_input",
        "<text>:4 time_input",
        "<text>:5 'datetime_input'",
        "<text>:6 data_editor with DateColumn",
    ]


def test_no_screen_uses_a_picker_with_an_english_calendar():
    files = screens()
    assert len(files) > 20  # the screens were found
    found = [
        hit for path in files for hit in pickers_in(path.read_text("utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []


# Streamlit says "Choose an option" in an empty selectbox, and "Select all" atop a multiselect's
# list, whatever the app's language: each call names its own placeholder, and a multiselect
# leaves out "Select all" (select_all=False).
REQUIRED = {"selectbox": {"placeholder"}, "multiselect": {"placeholder", "select_all"}}


def unworded_in(source: str, name: str = "<text>") -> list[str]:
    """`name:line widget: missing keywords` of each selectbox or multiselect left to English."""
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.Call) and _called(node) in REQUIRED:
            given = {k.arg for k in node.keywords}
            if None in given:  # **options: said by the caller
                continue
            missing = REQUIRED[_called(node)] - given
            if missing:
                found.append(f"{name}:{node.lineno} {_called(node)}: {', '.join(sorted(missing))}")
    return found


def test_the_wording_check_finds_a_widget_left_to_english():
    source = (
        "st.selectbox('a', [1])\n"
        "left.multiselect('b', [1], placeholder=t('common.choose'))\n"
        "st.selectbox('c', [1], placeholder=t('common.choose'))\n"
        "st.multiselect('d', [1], placeholder='x', select_all=False)\n"
    )
    assert unworded_in(source) == ["<text>:1 selectbox: placeholder", "<text>:2 multiselect: select_all"]


def test_every_selectbox_and_multiselect_speaks_the_users_language():
    found = [
        hit for path in screens() for hit in unworded_in(path.read_text("utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []
