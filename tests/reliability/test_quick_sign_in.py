"""The quick ways through the login (ui.auth._signed_in_quickly, core.signed_in) and the shared
chart specs (ui.data.chart) stay as safe as the long way: a re-login cookie logs in only an
active account whose sessions were not ended since it was signed, a signed-in session whose
account is deactivated is logged out at its next run, the one-statement account read gives
what load_actor gives, and a chart drawn after a write shows the new rows while a cached spec
is never changed by drawing it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import jwt
import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from core import charts, progress, trips
from core.accounts import load_actor, session_version
from core.periods import Window
from core.signed_in import signed_in
from core.submissions import new_id
from db.models import Account
from db.session import reading, writing
from tests import factories as f
from tests.reliability.test_stale_sessions import (
    change_own_password,
    deactivate,
    end_sessions,
    remove_leader_role,
    reset_password,
)
from tests.statements import statements_sent
from ui import auth, data

ROOT = Path(__file__).resolve().parents[2]
KEY = "k3y-for-the-tests-" + "abcdefghijklmnopqrstuvwxyz0123456789"
MEETING = {"mode": "meeting", "from": "2018-06-01", "to": "2018-07-31"}


def cookie(url: str, username: str, *, hours: float = 12, key: str = KEY) -> str:
    """The re-login cookie streamlit-authenticator writes, signed as ui.auth signs it."""
    from core.accounts import sessions_epoch

    with reading(url) as s:
        epoch = sessions_epoch(s)
    expiry = (dt.datetime.now() + dt.timedelta(hours=hours)).timestamp()
    return jwt.encode({"username": username, "exp_date": expiry}, f"{key}.{epoch}", algorithm="HS256")


@pytest.fixture
def browser_cookie(monkeypatch):
    """`browser_cookie(value)`: the app's first request carries the re-login cookie `value`."""
    monkeypatch.setenv("DICOSO_COOKIE_KEY", KEY)

    def send(value: str | None) -> None:
        cookies = {auth.COOKIE_NAME: value} if value else {}
        monkeypatch.setattr(auth.st, "context", SimpleNamespace(cookies=cookies, ip_address=None, url=""))

    return send


def arrive(page: str = "progress", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    return at


def errors(at) -> str:
    return " ".join(str(e.value) for e in at.error)


def test_the_account_read_in_one_statement_is_the_one_load_actor_reads(demo_url):
    with reading(demo_url) as s:
        for username in ("quantri", "lanhdao", "truongban", "canbo", "LanhDao"):
            found = signed_in(s, username)
            assert found.actor == load_actor(s, username)
            assert found.session_version == session_version(s, username.lower())
            assert found.must_change_password is False
        assert signed_in(s, "nobody") is None
    deactivate(demo_url, "canbo")
    with reading(demo_url) as s:
        assert signed_in(s, "canbo") is None


def test_a_valid_cookie_opens_the_meeting_view_in_the_first_run(demo_url, browser_cookie):
    browser_cookie(cookie(demo_url, "lanhdao"))
    at = arrive(query=MEETING)
    assert not at.exception
    assert at.session_state["authentication_status"] is True
    assert at.session_state["_login_recorded"] == "lanhdao"
    assert at.get("vega_lite_chart"), "the meeting view's charts are drawn in the arrival's run"
    assert not at.main.header, "no login heading on the page"


def test_a_cookie_arrival_draws_no_login_heading_only_to_take_it_away(demo_url, browser_cookie, monkeypatch):
    """Every element is a message built, hashed and sent: a meeting's hundred arrivals by
    cookie draw no heading of the login page at all (ui.auth.authenticate)."""
    import streamlit as st

    headings = []
    monkeypatch.setattr(st, "header", lambda *args, **kwargs: headings.append(args))
    browser_cookie(cookie(demo_url, "lanhdao"))
    at = arrive(query=MEETING)
    assert not at.exception and at.session_state["authentication_status"] is True
    assert headings == []


@pytest.mark.parametrize(
    "made",
    [
        lambda url: cookie(url, "lanhdao", hours=-1),  # expired
        lambda url: cookie(url, "lanhdao", key="another-key-" + "x1y2z3w4v5u6t7s8r9q0" * 2),
        lambda url: "not-a-token",
    ],
    ids=["expired", "other_key", "garbage"],
)
def test_a_cookie_that_is_not_valid_logs_nobody_in(demo_url, browser_cookie, made):
    browser_cookie(made(demo_url))
    at = arrive(query=MEETING)
    assert not at.exception
    assert not at.session_state["authentication_status"]
    assert at.main.header, "the login page keeps its heading"
    assert not at.get("vega_lite_chart")


def test_a_cookie_of_a_deactivated_account_logs_nobody_in(demo_url, browser_cookie):
    browser_cookie(cookie(demo_url, "lanhdao"))
    deactivate(demo_url, "lanhdao")  # its session version moves: the cookie's signature fails
    at = arrive(query=MEETING)
    assert not at.exception
    assert not at.session_state["authentication_status"]
    assert not at.get("vega_lite_chart")


def test_a_cookie_of_an_account_made_inactive_by_hand_logs_nobody_in_and_says_why(demo_url, browser_cookie):
    browser_cookie(cookie(demo_url, "lanhdao"))
    with writing(demo_url) as s:  # the version left as it was: the signature still holds
        s.execute(update(Account).where(Account.username == "lanhdao").values(active=False))
    at = arrive(query=MEETING)
    assert not at.exception
    assert not at.session_state["authentication_status"]
    assert "ngừng hoạt động" in errors(at)
    assert not at.get("vega_lite_chart")


def test_a_cookie_signed_before_the_sessions_were_ended_logs_nobody_in(demo_url, browser_cookie):
    browser_cookie(cookie(demo_url, "lanhdao"))
    end_sessions(demo_url, "lanhdao")
    at = arrive(query=MEETING)
    assert not at.session_state["authentication_status"]
    assert not at.get("vega_lite_chart")


@pytest.mark.parametrize(
    "ends",
    [
        lambda url: end_sessions(url, "canbo"),
        lambda url: deactivate(url, "canbo"),
        lambda url: remove_leader_role(url, "truongban"),
        lambda url: reset_password(url, "canbo"),
        lambda url: change_own_password(url, "canbo"),
    ],
    ids=["ended", "deactivated", "roles", "password_reset", "password_changed"],
)
def test_whatever_ends_an_accounts_sessions_voids_every_cookie_signed_before(demo_url, browser_cookie, ends):
    browser_cookie(cookie(demo_url, "lanhdao"))
    ends(demo_url)
    at = arrive(query=MEETING)
    assert not at.exception
    assert not at.session_state["authentication_status"]
    assert not at.get("vega_lite_chart")


def test_a_cookie_of_a_name_deleted_by_a_reset_never_opens_its_new_account(demo_url, browser_cookie):
    """An office emptied (seed --reset) and built again may give a name to someone else: a
    cookie written before for that name must not open the new account."""
    from core import office

    browser_cookie(cookie(demo_url, "lanhdao"))
    with writing(demo_url) as s:
        office.reset(s)
    with writing(demo_url) as s:
        f.account(s, "lanhdao", ("office_leader",))
    at = arrive(query=MEETING)
    assert not at.exception
    assert not at.session_state["authentication_status"]


def test_the_cookies_epoch_is_read_without_reading_the_accounts(demo_url):
    """Each arrival and each run of the login page reads it: one row by its key, not a sum
    over every account (3 ms at 50,000 accounts)."""
    from core.accounts import sessions_epoch

    with statements_sent(demo_url) as sent, reading(demo_url) as s:
        sessions_epoch(s)
    assert sent and not [q for q, _ in sent if "accounts" in q]


def test_a_signed_in_session_is_logged_out_at_its_next_run_once_deactivated(demo_url, browser_cookie):
    browser_cookie(cookie(demo_url, "lanhdao"))
    at = arrive(query=MEETING)
    assert at.get("vega_lite_chart")
    at.run()  # a rerun of a signed-in session: the quick way
    assert at.get("vega_lite_chart")
    deactivate(demo_url, "lanhdao")
    at.run()
    assert not at.exception
    assert not at.session_state["authentication_status"]
    assert not at.get("vega_lite_chart")


def test_the_logout_button_of_the_quick_way_logs_out(demo_url, browser_cookie):
    browser_cookie(cookie(demo_url, "lanhdao"))
    at = arrive(query=MEETING)
    at.sidebar.button(key="logout_button").click().run()
    assert not at.exception
    assert not at.session_state["authentication_status"]
    assert at.session_state["logout"] is True  # the cookie no longer logs this session in
    at.run()
    assert not at.session_state["authentication_status"]


def test_a_trip_saved_is_in_the_charts_next_drawn(demo_url):
    """What a projector's next refresh draws: the reads key on the data version the save
    bumped, so the rows are new objects, and their chart is built from them."""
    window = Window(dt.date(2018, 12, 1), dt.date(2018, 12, 31))
    today = dt.date(2018, 12, 31)
    rows = data.read(progress.ban_progress, window, today)
    before = data.chart(charts.days_against_target, rows, "vi", True)
    assert data.chart(charts.days_against_target, rows, "vi", True) == before  # the same rows: cached
    with reading(demo_url) as s:
        cadre = load_actor(s, "canbo")
    with writing(demo_url) as s:
        trips.save_trip(
            s, cadre, cadre.cadre_id, f.trip_input(dt.date(2018, 12, 17), dt.date(2018, 12, 19)), new_id()
        )
    fresh = data.read(progress.ban_progress, window, today)
    assert sum(r.participation.days for r in fresh) == sum(r.participation.days for r in rows) + 3
    after = data.chart(charts.days_against_target, fresh, "vi", True)
    assert after["datasets"] != before["datasets"]
    assert data.chart(charts.days_against_target, fresh, "vi", True) == after


def test_drawing_a_cached_chart_spec_changes_nothing_in_it(demo_url, app_as):
    at = app_as("lanhdao", page="progress", query=MEETING)
    assert at.get("vega_lite_chart")
    kept = {key: copy.deepcopy(spec) for key, spec in data._specs.items()}
    assert kept
    at.run()
    at.run()
    for key, spec in kept.items():
        assert data._specs[key] == spec


def test_a_table_of_shared_rows_is_made_once_but_never_from_a_value_of_the_page():
    from dataclasses import dataclass

    import pandas as pd

    from ui import widgets

    @dataclass(frozen=True)
    class Row:
        days: int

    rows = (Row(1), Row(2))
    columns = {"common.days": "days", "common.trips": lambda r: r.days * 2}
    made = widgets.shared_table(rows, columns)
    assert widgets.shared_table(rows, columns) is made
    assert made.column("Số ngày").to_pylist() == [1, 2]
    page = {"__name__": "__main__"}  # a page script's globals: the actor, today, …
    exec("me = 5\nshown = lambda r: r.days + me", page)
    assert isinstance(widgets.shared_table(rows, {"common.days": page["shown"]}), pd.DataFrame)
    assert isinstance(widgets.shared_table(list(rows), columns), pd.DataFrame)  # not a shared read
