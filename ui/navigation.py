"""The app's pages for st.navigation (app.py), made from core.pages, the one list of them."""

from __future__ import annotations

import copy
import functools

import streamlit as st

from core import i18n
from core.i18n import t
from core.pages import Page


def page(declared: Page) -> st.Page:
    """A page of core.pages in the session's language: a copy of one made once, since
    st.navigation marks the page it returns as the one this run may run (a flag of the object,
    which sessions running at once must not share)."""
    return copy.copy(_page(declared, i18n.language()))


@functools.cache
def _page(declared: Page, language: str) -> st.Page:
    """Made once per page and language for every session: st.Page resolves and checks its
    script's path when made, a sixth of a millisecond a page at every run of every session
    (docs/performance.md); what it holds (the script, title, icon, address) is the same for all."""
    return st.Page(
        declared.script, title=t(declared.title_key, language), icon=declared.icon, url_path=declared.address
    )
