"""The re-login cookie: written by the page's JavaScript (so it cannot be HttpOnly), it is
SameSite=Strict, lives COOKIE_EXPIRY_DAYS, and is marked Secure when the app is served over
HTTPS (SECURITY.md, "Sessions")."""

from __future__ import annotations

import datetime as dt
import inspect
from types import SimpleNamespace

import pytest
from extra_streamlit_components import CookieManager
from streamlit_authenticator.models.cookie_model import CookieModel

from ui import auth


class RecordingManager:
    """A cookie manager that keeps the arguments of every cookie written."""

    def __init__(self):
        self.written: list[dict] = []

    def set(self, cookie, val, **kwargs):
        self.written.append({"cookie": cookie, **kwargs})


def _authenticator() -> tuple[SimpleNamespace, CookieModel, RecordingManager]:
    """streamlit-authenticator's own cookie model (its `set_cookie` is the one the login calls),
    on a recording manager, inside an authenticator of the shape ui.auth expects."""
    manager = RecordingManager()
    model = CookieModel.__new__(CookieModel)  # no browser component behind it
    model.cookie_name, model.cookie_expiry_days, model.cookie_manager = (
        auth.COOKIE_NAME,
        auth.COOKIE_EXPIRY_DAYS,
        manager,
    )
    model._token_encode = lambda: "signed-token"
    authenticator = SimpleNamespace(cookie_controller=SimpleNamespace(cookie_model=model))
    return authenticator, model, manager


@pytest.mark.parametrize(
    "url, secure",
    [
        ("https://dicoso.example.vn/visits", True),
        ("http://localhost:8501/", False),
        ("", False),
        (None, False),
    ],
)
def test_the_cookie_is_secure_when_served_over_https(monkeypatch, url, secure):
    monkeypatch.setattr(auth.st, "context", SimpleNamespace(url=url))
    authenticator, model, manager = _authenticator()
    auth._secure_cookie_when_https(authenticator)
    before = dt.datetime.now()
    model.set_cookie()
    [written] = manager.written
    assert written["cookie"] == auth.COOKIE_NAME
    assert written.get("secure", False) is secure
    # Its lifetime: COOKIE_EXPIRY_DAYS (12 hours) from now.
    lifetime = written["expires_at"] - before
    assert abs(lifetime - dt.timedelta(days=auth.COOKIE_EXPIRY_DAYS)) < dt.timedelta(seconds=5)
    assert auth.COOKIE_EXPIRY_DAYS <= 0.5


def test_the_cookie_is_same_site_strict():
    """The authenticator passes no SameSite, so the cookie manager's default applies: strict."""
    assert inspect.signature(CookieManager.set).parameters["same_site"].default == "strict"
    assert "same_site" not in inspect.getsource(CookieModel.set_cookie)


def test_a_cookie_write_answered_after_a_deep_link_login_lets_runs_take_the_quick_way_again(
    app_as, monkeypatch
):
    """A login at a deep link draws the cookie's writer; the browser's answer is read at the
    next run, after which runs no longer build the authenticator (ui.auth, ui.login_cookie)."""
    from streamlit_authenticator import Authenticate

    from ui import login_cookie

    draws: dict[str, int] = {}

    def browser(**kwargs):  # the component as a browser plays it: a write answers once drawn
        key = kwargs.get("key")
        draws[key] = draws.get(key, 0) + 1
        return kwargs.get("method") == "set" and draws[key] > 1

    monkeypatch.setattr(login_cookie, "_component_func", browser)
    built = []
    monkeypatch.setattr(auth.stauth, "Authenticate", lambda *a, **k: built.append(1) or Authenticate(*a, **k))
    at = app_as(None, page="progress", query={"from": "2018-06-01", "to": "2018-07-31"})
    at.text_input[0].input("lanhdao")
    at.text_input[1].input("cosodemo")
    at.button[0].click().run()
    assert not at.exception
    assert login_cookie.PENDING in at.session_state  # written by the browser, not yet answered
    at.run()  # the answer's rerun
    assert login_cookie.PENDING not in at.session_state
    built.clear()
    at.run()
    assert not at.exception and built == []
