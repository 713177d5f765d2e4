"""The projector's refresh, over Streamlit's own websocket protocol against the real app.py with a
re-login cookie: with nothing new it sends one line (the time of the check), not the view again;
a trip saved anywhere is in the figures, the charts and the table at the next refresh; an
account deactivated meanwhile is logged out by it."""

from __future__ import annotations

import datetime as dt
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from core import summary, trips
from core.accounts import load_actor
from core.periods import Window
from core.permissions import Actor
from db.models import Account, Cadre
from db.session import reading, writing
from tests.bench import arrival
from tests.bench.load import Viewer
from tests.factories import trip_input

# tests/bench/load.py keeps each viewer's websocket open across calls, as a browser tab does.
pytestmark = pytest.mark.filterwarnings(r"ignore:connect\(\) must be used as a context manager")

QUERY = "mode=meeting&from=2018-06-01&to=2018-07-31"
WINDOW = Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31))


@pytest.fixture(scope="module")
def meeting(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meeting")
    url = arrival.demo_sqlite(folder)
    key = secrets.token_urlsafe(48)
    server = arrival.start_app(url, key, folder / "streamlit.log")
    try:
        yield url, server, arrival.login_cookie(url, key)
    finally:
        server.stop()


def elements(tab: Viewer) -> list:
    """The elements the last run drew, in order."""
    return [
        f.delta.new_element
        for f in tab.received
        if f.WhichOneof("type") == "delta" and f.delta.WhichOneof("type") == "new_element"
    ]


def drawn(tab: Viewer) -> list[str]:
    """The kinds of the elements the last run drew, in order."""
    return [e.WhichOneof("type") for e in elements(tab)]


def texts(tab: Viewer) -> str:
    return "\n".join(e.markdown.body for e in elements(tab) if e.WhichOneof("type") == "markdown")


def open_meeting(server, cookie) -> Viewer:
    tab = Viewer(server.port, QUERY, cookies={"dicoso_auth": cookie}, page_name="progress")
    tab.run(fragment=False)
    assert tab.fragment, "the meeting view has no refresh"
    return tab


def test_a_refresh_sends_one_line_until_a_trip_is_saved_then_the_view_again(meeting):
    url, server, cookie = meeting
    tab = open_meeting(server, cookie)
    try:
        assert "97/111" in texts(tab)
        assert drawn(tab).count("vega_lite_chart") == 5

        tab.run(fragment=True)
        assert drawn(tab) == ["markdown"]
        assert "lần cuối lúc" in texts(tab)

        # One of those who did not go saves a trip in the window (as a phone would, elsewhere).
        with reading(url) as s:
            absent = summary.did_not_go(s, load_actor(s, "lanhdao"), WINDOW)
            cadre = next(s.get(Cadre, a.cadre_id) for a in absent if not a.exemptions)
        own = Actor(0, "test-cadre", cadre.full_name, frozenset({"cadre"}), cadre.id, cadre.ban_id)
        with writing(url) as s:
            trips.save_trip(
                s, own, cadre.id, trip_input(dt.date(2018, 7, 16), dt.date(2018, 7, 18)), "meet-1"
            )
        time.sleep(arrival.VERSION_READ_S)

        early = tab.early
        tab.run(fragment=True)
        assert tab.early == early + 1, "the refresh did not run the page again"
        assert "98/111" in texts(tab)
        assert drawn(tab).count("vega_lite_chart") == 5
        assert "table" in drawn(tab)

        tab.run(fragment=True)  # drawn now: one line again
        assert drawn(tab) == ["markdown"]
    finally:
        tab.close()


def test_a_refresh_logs_out_an_account_deactivated_meanwhile(meeting):
    url, server, cookie = meeting
    tab = open_meeting(server, cookie)
    try:
        with writing(url) as s:
            s.query(Account).filter_by(username="lanhdao").one().active = False
        time.sleep(arrival.VERSION_READ_S)
        tab.run(fragment=True)
        assert "vega_lite_chart" not in drawn(tab)
        alerts = [e.alert.body for e in elements(tab) if e.WhichOneof("type") == "alert"]
        assert alerts == ["Tài khoản đã ngừng hoạt động. Liên hệ Văn phòng."]
    finally:
        tab.close()
        with writing(url) as s:
            s.query(Account).filter_by(username="lanhdao").one().active = True
        with reading(url) as s:
            assert load_actor(s, "lanhdao").username == "lanhdao"


def test_people_opening_the_link_at_once_each_see_the_figures_and_no_error(meeting):
    """Sessions run at once, each in its own thread: what the server keeps for all of them (the
    pages of the navigation, the cached reads and charts) must not carry one session's run into
    another's."""
    _, server, cookie = meeting
    with ThreadPoolExecutor(max_workers=30) as pool:
        tabs = list(pool.map(lambda _: open_meeting(server, cookie), range(30)))
    try:
        for tab in tabs:
            assert "exception" not in drawn(tab)
            assert "97/111" in texts(tab) or "98/111" in texts(tab)
            assert drawn(tab).count("vega_lite_chart") == 5
    finally:
        for tab in tabs:
            tab.close()


def test_the_server_serves_on_uvloop(meeting):
    """Streamlit takes uvloop's event loop when uvloop is installed (requirements.txt): each
    message a run sends wakes the loop, and asyncio's own wake-up cost a fifth of an arrival
    more (docs/performance.md, "uvloop"). Read from the server process's loaded libraries."""
    _url, server, _cookie = meeting
    loaded = Path(f"/proc/{server.process.pid}/maps").read_text()
    assert "/uvloop/" in loaded
