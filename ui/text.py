"""User text inside Markdown: shown as typed, never as a link, an image, HTML or a formula.

Streamlit reads Markdown (with its own directives: `:red[…]`, `:material/home:`, LaTeX between
`$…$`) in st.markdown, st.write, st.caption, the alerts, headers, expander and tab labels, every
widget's label and help, metric labels and values, and the options of radio buttons, segmented
controls and pills. It does not in st.text, st.code, table cells (st.dataframe) or the options
of a selectbox or multiselect.

So text that a user typed (a trip's place, a question, a name, an error message quoting a
spreadsheet cell) reaches a Markdown element only through `md(value)`, or through
`tm(key, **params)`, the message `key` with its text params escaped; the message catalogue's
own texts are trusted. `tests/reliability/test_markdown_text.py` finds every Markdown element
of app.py, app_pages/ and ui/ whose text is not built this way, and opens every page with
hostile text stored everywhere.
"""

from __future__ import annotations

import dataclasses
import re

from core.errors import DomainError, FieldError, ValidationError
from core.i18n import t

# Every character that Markdown, GitHub's extensions (autolinks `www.…`, `https:…`, `a@b.c`,
# tables, strike-through), HTML and its entities, LaTeX or Streamlit's directives give a
# meaning to. CommonMark lets any ASCII punctuation be escaped with a backslash, which then
# shows as the character itself. Line breaks are gone first, so nothing starts a line.
_SPECIAL = re.compile(r"([\\`*_\[\](){}<>#+\-.!|~$:&@])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def md(value: object) -> str:
    """`value` as Markdown that shows exactly its text, on one line: every special character
    backslash-escaped, line breaks made spaces (multi-line text is drawn with st.text)."""
    text = _LINE_BREAKS.sub(" ", "" if value is None else str(value))
    text = _SPECIAL.sub(r"\\\1", text)
    # Streamlit swaps ":streamlit:" for its logo after Markdown is read, escaped or not: a word
    # joiner after the colon breaks the name without showing.
    return text.replace("\\:streamlit\\:", "\\:\u2060streamlit\\:")


def tm(key: str, **params) -> str:
    """The message `key` for a Markdown element: its text params escaped with `md`, numbers
    left as they are."""
    return t(key, **_escaped(params))


def _escaped(params: dict) -> dict:
    return {name: value if isinstance(value, (int, float)) else md(value) for name, value in params.items()}


def error_text(error: FieldError) -> str:
    """What `error.text()` says, for a Markdown element: its params, which may quote what a user
    typed or uploaded, escaped."""
    return dataclasses.replace(error, params=_escaped(error.params)).text()


def error_messages(exc: DomainError) -> list[str]:
    """What `exc.messages()` says, for a Markdown element, its params escaped."""
    if isinstance(exc, ValidationError):
        return [error_text(e) for e in exc.errors]
    safe = type(exc).__new__(type(exc))  # the same refusal, with its params escaped
    safe.__dict__.update(exc.__dict__, params=_escaped(exc.params))
    return safe.messages()
