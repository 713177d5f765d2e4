"""Every string the user reads comes from here: `t(key, **params)`.

The catalogue lives in `core/messages/`, one module per area so that each page's texts sit
together; this module merges them and refuses duplicate keys. Vietnamese is the default,
English the second language. The language of the current run is a context variable, set by
the app at the start of each script run (each Streamlit session runs in its own thread).
"""

from __future__ import annotations

import contextvars

from core.messages import CATALOGUE

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT_LANGUAGE)


def set_language(lang: str) -> None:
    _language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def language() -> str:
    return _language.get()


def t(key: str, lang: str | None = None, **params) -> str:
    """The text for `key` in the current (or given) language, with `{params}` filled in.

    An unknown key is shown as itself, so a missing text is visible rather than a crash;
    a test checks that every key used in the code exists.
    """
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    text = entry[0] if (lang or language()) == "vi" else entry[1]
    return text.format(**params) if params else text
