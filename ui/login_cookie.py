"""The re-login cookie is written by the browser, not by the server: streamlit-authenticator
draws a component (extra_streamlit_components' CookieManager) that writes it once its frame
has loaded, then answers True. A page switch in the same run (the landing page at "/" sends
the user on to their first page) removes that frame before it has loaded, so the cookie was
sometimes never written and a reload asked for the password again.

So every cookie write is recorded (`watch`), and a redirect waits (`written`) until the
component has answered that the cookie is in the browser.

Nor is the cookie read by that component: streamlit-authenticator reads it from the request
(st.context.cookies), but its CookieManager also asked the browser for every cookie when the
login page was drawn ("getAll"), an answer it never used. That answer arrives once the frame
has loaded, seconds later on a busy machine, and reruns the page; a rerun that starts while
the run carrying a click has not yet reached its button drops the click (Streamlit keeps the
newest request), so a login clicked at that moment was lost: the form stayed, with no message.
The manager streamlit-authenticator builds is therefore one that only writes (`_WriteOnly`).
"""

from __future__ import annotations

import streamlit as st
from extra_streamlit_components.CookieManager import CookieManager, _component_func
from streamlit_authenticator.models import cookie_model

PENDING = "_login_cookie_pending"  # the component's arguments, until it answers True
_DRAWN = "drawn"  # drawn in this run: its answer comes with a later run


def watch(manager) -> None:
    """Record each cookie write `manager` (a CookieManager of this run) makes from now on."""
    pending = st.session_state.get(PENDING)
    if pending is not None:
        pending[_DRAWN] = False
    component = manager.cookie_manager

    def recording(**kwargs):
        if kwargs.get("method") == "set":
            st.session_state[PENDING] = {"args": dict(kwargs), _DRAWN: True}
        return component(**kwargs)

    manager.cookie_manager = recording
    st.session_state["_login_cookie_component"] = component


def written() -> bool:
    """True once no cookie write is waiting for the browser. While one is, its component is
    drawn again (the same key, so the same element and its answer) and its answer read."""
    pending = st.session_state.get(PENDING)
    if pending is None:
        return True
    if pending[_DRAWN]:
        return False  # drawn by this very run: a key may be drawn only once per run
    component = st.session_state.get("_login_cookie_component")
    if component is None or component(**pending["args"]):
        st.session_state.pop(PENDING, None)
        return True
    pending[_DRAWN] = True
    return False


def forget() -> None:
    """Nobody is logged in: no cookie write is awaited."""
    st.session_state.pop(PENDING, None)


class _WriteOnly(CookieManager):
    """extra_streamlit_components' CookieManager without the read of every cookie it draws
    when built: what it knows of the browser's cookies is what the request brought."""

    def __init__(self, key: str = "init") -> None:  # noqa: ARG002 - the library's signature
        self.cookie_manager = _component_func
        try:
            self.cookies = dict(st.context.cookies)
        except Exception:  # noqa: BLE001 - no request to read (a test run)
            self.cookies = {}


# streamlit-authenticator builds its manager as `stx.CookieManager()`, stx being its import of
# extra_streamlit_components: that name, in its module only, now builds the write-only one.
cookie_model.stx = type("WriteOnlyCookies", (), {"CookieManager": _WriteOnly})
