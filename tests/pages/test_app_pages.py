"""Every page as each role, through app.py and st.navigation (AppTest)."""

import pytest
from sqlalchemy import select

from core import i18n
from core.i18n import t
from db.models import Account, LoginThrottle
from db.session import reading, writing
from tests.apptest_login import browser_wrote_the_login_cookie
from ui import login_cookie

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}


def titles(at):
    return [el.value for el in at.title]


def test_logged_out_sees_the_login_form_only(app_as):
    at = app_as(None)
    assert [w.label for w in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert [b.label for b in at.button] == ["Đăng nhập"]
    assert not titles(at)


def test_logged_out_deep_link_runs_no_page(app_as):
    at = app_as(None, page="review", query=WINDOW)
    assert not at.exception
    assert t("review.title", "vi") not in titles(at)
    assert dict(at.query_params) == WINDOW


def test_wrong_password_is_refused_with_a_clear_message(app_as, demo_url):
    at = app_as(None)
    at.text_input[0].input("canbo")
    at.text_input[1].input("khong-dung")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    assert not titles(at)
    with reading(demo_url) as s:
        assert s.scalar(select(LoginThrottle.attempts).where(LoginThrottle.key == "canbo")) == 1


def test_login_at_the_landing_page_waits_for_the_cookie_then_opens_the_cadre_page(app_as):
    at = app_as(None)
    at.text_input[0].input("canbo")
    at.text_input[1].input("cosodemo")
    at.button[0].click().run()
    assert not at.exception
    # No page switch in the login's run: it would remove the cookie's writer unwritten.
    assert not titles(at)
    assert t("login.opening", "vi") in [c.value for c in at.caption]
    assert at.session_state[login_cookie.PENDING]["args"]["cookie"] == "dicoso_auth"
    at.run()  # a rerun before the browser's answer still waits
    assert not titles(at)
    browser_wrote_the_login_cookie(at)
    assert titles(at) == [t("visits.title", "vi")]


def test_five_failed_logins_lock_the_account_even_with_the_right_password(app_as):
    at = app_as(None)
    for _ in range(5):
        at.text_input[0].input("canbo")
        at.text_input[1].input("sai")
        at.button[0].click().run()
    at.text_input[0].input("canbo")
    at.text_input[1].input("cosodemo")
    at.button[0].click().run()
    assert not titles(at)
    assert "khoá" in at.error[0].value


@pytest.mark.parametrize(
    "username, page, expected",
    [
        ("canbo", "visits", "visits.title"),
        ("canbo", "review", "visits.title"),  # not allowed: lands on the own page instead
        ("canbo", "admin", "visits.title"),
        ("truongban", "progress", "progress.title"),
        ("truongban", "admin", "progress.title"),  # not allowed: lands where a leader's work waits
        ("lanhdao", "review", "review.title"),
        ("lanhdao", "evaluations", "evaluations.title"),
        ("quantri", "admin", "admin.title"),
        ("quantri", "visits", "admin.title"),
    ],
)
def test_each_role_reaches_only_its_pages(app_as, username, page, expected):
    at = app_as(username, page=page)
    assert not at.exception
    assert titles(at) == [t(expected, "vi")]


def test_review_deep_link_shows_97_of_111(app_as):
    at = app_as("lanhdao", page="review", query=WINDOW)
    assert at.header[0].value == "97/111 cán bộ đã tham gia đi công tác cơ sở"
    assert "111/111" in at.markdown[0].value or any("111/111" in m.value for m in at.markdown)


def test_progress_shows_per_ban_figures_and_a_chart(app_as):
    at = app_as("lanhdao", page="progress", query=WINDOW)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("progress.went", "vi")] == "97/111"
    assert at.get("vega_lite_chart")
    per_ban = next(d.value for d in at.dataframe if t("progress.went", "vi") in d.value.columns)
    assert per_ban[t("progress.went", "vi")].map(lambda s: int(s.split("/")[0])).sum() == 97


def test_progress_with_a_ban_lists_its_cadres(app_as):
    at = app_as("truongban", page="progress", query={**WINDOW, "ban": "TC", "tab": "cadres"})
    assert at.selectbox[0].value == "TC"
    assert any(t("progress.pace", "vi") in d.value.columns for d in at.dataframe)  # one row per cadre
    assert dict(at.query_params)["ban"] == "TC"


def test_ban_leader_does_not_see_cadres_of_another_ban(app_as):
    at = app_as("truongban", page="progress", query={**WINDOW, "ban": "TG", "tab": "cadres"})
    assert all(t("progress.pace", "vi") not in d.value.columns for d in at.dataframe)  # totals only


def test_visits_lists_the_cadres_own_trips(app_as):
    at = app_as("canbo", page="visits", query={"year": "2018"})
    # One card per trip, its dates first in bold.
    trips = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**") and " – " in m.value]
    assert len(trips) >= 3
    assert all("/2018" in d for d in trips)


def test_evaluations_lists_the_cadres_of_a_year(app_as):
    def facts(at):
        return next(d.value for d in at.dataframe if t("evaluations.col.answered", "vi") in d.value.columns)

    at = app_as("lanhdao", page="evaluations", query={"year": "2018"})
    assert len(facts(at)) == 111
    at = app_as("truongban", page="evaluations", query={"year": "2018"})
    bans = set(facts(at)[t("common.ban", "vi")])
    assert bans == {"Ban Tổ chức"}


def test_admin_lists_bans_and_cadres(app_as):
    at = app_as("quantri", page="admin", query={"tab": "roster"})
    bans, cadres = at.dataframe[0].value, at.dataframe[1].value
    assert len(bans) >= 10 and len(cadres) > 111


def test_english_interface(app_as):
    at = app_as("lanhdao", page="review", query=WINDOW, lang="en")
    assert titles(at) == ["Review of grassroots work"]
    assert at.header[0].value == "97/111 cadres went to the grassroots"


def test_switching_language_is_remembered_for_the_account(app_as, demo_url):
    at = app_as("lanhdao", page="review", query=WINDOW)
    at.sidebar.segmented_control[0].set_value("en").run()
    assert titles(at) == ["Review of grassroots work"]
    with reading(demo_url) as s:
        assert s.scalar(select(Account.language).where(Account.username == "lanhdao")) == "en"


def test_the_language_chosen_opens_the_accounts_next_session(app_as, demo_url):
    at = app_as("lanhdao", page="review", query=WINDOW)
    at.sidebar.segmented_control[0].set_value("en").run()
    later = app_as("lanhdao", page="review", query=WINDOW)  # a reload: a new session
    assert titles(later) == ["Review of grassroots work"]
    assert later.sidebar.segmented_control[0].value == "en"
    # AppTest formats the widgets' values in this thread when it runs again: in English too.
    i18n.set_language("en")
    try:
        later.run()  # and it stays so: the switch does not choose the login page's language back
    finally:
        i18n.set_language("vi")
    assert titles(later) == ["Review of grassroots work"]
    with reading(demo_url) as s:
        assert s.scalar(select(Account.language).where(Account.username == "lanhdao")) == "en"


def test_deactivated_account_loses_access_at_the_next_run(app_as, demo_url):
    at = app_as("canbo", page="visits")
    assert titles(at) == [t("visits.title", "vi")]
    with writing(demo_url) as s:
        s.scalar(select(Account).where(Account.username == "canbo")).active = False
    at.run()
    assert not titles(at)


def test_a_deep_link_survives_a_login_rerun_that_lost_the_address(app_as):
    at = app_as(None, page="review", query=WINDOW)
    at.text_input[0].input("lanhdao")
    at.text_input[1].input("cosodemo")
    # What the browser sometimes asks for with the login's rerun: the landing page at "/".
    from streamlit.util import calc_hash

    at._page_hash = calc_hash("home")
    at.button[0].click().run()
    browser_wrote_the_login_cookie(at)
    assert not at.exception
    assert titles(at) == [t("review.title", "vi")]
    assert dict(at.query_params) == WINDOW
    assert any("97/111" in h.value for h in at.header)
