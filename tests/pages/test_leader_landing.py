"""Where each role lands after logging in at "/", and what /progress shows a leader first
(AppTest)."""

import datetime as dt

import pytest

from core.i18n import t
from core.pages import home
from core.periods import quarter_window
from tests.apptest_login import browser_wrote_the_login_cookie

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}


def login_at_root(at, username: str):
    at.text_input[0].input(username)
    at.text_input[1].input("cosodemo")
    browser_wrote_the_login_cookie(at.button[0].click().run())
    assert not at.exception
    return [el.value for el in at.title]


@pytest.mark.parametrize(
    "username, expected",
    [
        ("canbo", "visits.title"),
        ("truongban", "progress.title"),
        ("lanhdao", "progress.title"),
        ("quantri", "admin.title"),
    ],
)
def test_each_role_lands_where_its_work_waits(app_as, username, expected):
    at = app_as(None)
    assert login_at_root(at, username) == [t(expected, "vi")]


def test_home_is_the_first_page_allowed_when_the_role_has_no_home_of_its_own():
    assert home(["visits", "progress"], frozenset({"ban_leader"})) == "progress"
    assert home(["visits"], frozenset({"cadre"})) == "visits"
    assert home(["visits"], frozenset({"ban_leader"})) == "visits"  # /progress not allowed
    assert home([], frozenset({"cadre"})) is None


def test_the_queue_comes_before_the_figures_on_progress(app_as):
    at = app_as("truongban", page="progress", query=WINDOW)
    assert not at.exception
    shown = list(at.main)  # every element, depth first: in the order of the page
    texts = [str(getattr(el, "value", "")) for el in shown]
    first_queue = next(i for i, v in enumerate(texts) if t("progress.queue.reports", "vi") in v)
    first_chart = next(i for i, el in enumerate(shown) if el.type == "vega_lite_chart")
    assert first_queue < first_chart


def test_a_window_without_trips_says_so_and_offers_the_latest_quarter_with_data(app_as):
    empty = quarter_window(2031, 1)
    at = app_as("lanhdao", page="progress", query={"from": str(empty.start), "to": str(empty.end)})
    assert not at.exception
    assert not at.get("vega_lite_chart")  # no empty chart with an axis of "0.000000"
    assert any("Chưa có chuyến đi cơ sở nào" in i.value for i in at.info)
    button = at.button(key="show_latest")
    assert "(kỳ gần nhất có số liệu)" in button.label
    button.click().run()
    assert not at.exception
    shown = dt.date.fromisoformat(at.query_params["from"])
    assert shown < dt.date(2031, 1, 1) and shown.month in (1, 4, 7, 10) and shown.day == 1
    assert len(at.get("vega_lite_chart")) == 4
