"""An office built with the shell's commands (README "Starting a real office"), through app.py in
AppTest: its name on the login page and in the sidebar, no demo hint, every demo account refused
with the demo's password, and the office leader's first login down to the imported figures."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import t
from db.session import ROOT
from tests import offices
from tests.apptest_login import submit_login

GOOD_KEY = "k3Y-9fQ2xW_7rTzP1vLmN8bC4dHsJ6gA0eUoRiYtXq5Vn2Mw"
DEMO_USERNAMES = ("quantri", "lanhdao", "truongban", "canbo")
NEW_PASSWORD = "Lũng Cú cột cờ 2023"


@pytest.fixture
def hg(db_url, tmp_path, monkeypatch):
    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    monkeypatch.setenv("DICOSO_COOKIE_KEY", GOOD_KEY)
    return offices.build(db_url, tmp_path)


def tab() -> AppTest:
    """A new browser tab on the login page."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def login(at: AppTest, username: str, password: str) -> AppTest:
    return submit_login(at, username, password)


def test_the_login_page_shows_the_office_name_and_no_demo_hint(hg):
    at = tab()
    assert not at.exception
    assert [h.value for h in at.header] == [offices.NAME]
    captions = [c.value for c in at.caption]
    assert t("login.demo_hint", "vi") not in captions and not any("cosodemo" in c for c in captions)


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_no_demo_account_opens_the_office(hg, username):
    at = login(tab(), username, "cosodemo")
    assert not at.exception
    assert [e.value for e in at.error] == [t("login.wrong", "vi")]
    assert not at.title and not at.session_state["authentication_status"]


def test_the_office_leader_changes_the_one_time_password_and_sees_the_imported_year(hg):
    at = login(tab(), "bithu", hg.passwords["bithu"])
    assert not at.exception and not at.error
    fields = {w.label: w for w in at.text_input}
    fields[t("accounts.current_password", "vi")].input(hg.passwords["bithu"])
    fields[t("accounts.new_password", "vi")].input(NEW_PASSWORD)
    fields[t("accounts.repeat_password", "vi")].input(NEW_PASSWORD)
    next(b for b in at.button if b.label == t("accounts.change_submit", "vi")).click().run()
    assert not at.exception
    assert t("accounts.change_title", "vi") not in [s.value for s in at.subheader]
    assert f"### {offices.NAME}\n\n" in at.sidebar.markdown[0].value
    at.query_params["from"], at.query_params["to"] = "2023-01-01", "2023-12-31"
    at.switch_page("app_pages/review.py").run()
    assert not at.exception
    assert [h.value for h in at.header] == [f"{offices.WENT_2023}/5 cán bộ đã tham gia đi công tác cơ sở"]


def test_the_admin_must_change_the_one_time_password_first(hg):
    at = login(tab(), offices.ADMIN, hg.passwords[offices.ADMIN])
    assert not at.exception
    assert t("accounts.change_title", "vi") in [s.value for s in at.subheader]
    assert not at.title


def test_the_demo_shows_its_hint_and_its_name(demo_url, monkeypatch):
    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    at = tab()
    assert t("login.demo_hint", "vi") in [c.value for c in at.caption]
    assert [h.value for h in at.header] == ["CƠ QUAN TRUNG ƯƠNG ĐOÀN"]


def test_the_admin_of_a_new_office_creates_its_first_ban_on_admin(db_url, monkeypatch):
    """README step 3: the bans of an office with nothing but its admin yet."""
    from sqlalchemy import select

    from db.models import Account, Ban
    from db.session import reading, writing
    from seed.__main__ import main as seed_main

    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    monkeypatch.setenv("DICOSO_COOKIE_KEY", GOOD_KEY)
    assert seed_main(["--database-url", db_url, "--new-office", offices.NAME, "--admin", offices.ADMIN]) == 0
    with writing(db_url) as s:
        s.scalar(select(Account)).must_change_password = False
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = offices.ADMIN
    at.session_state["name"] = offices.ADMIN
    at.session_state["roles"] = ["admin"]
    at.session_state["logout"] = False
    at.query_params["tab"] = "roster"
    at.switch_page("app_pages/admin.py").run()
    assert not at.exception
    form = [w for w in at.text_input if w.form_id == "ban_form_None"]
    next(w for w in form if w.label == t("roster.col.ban_code", "vi")).input("VP")
    next(w for w in form if w.label == t("admin.ban_name", "vi")).input("Văn phòng")
    next(b for b in at.button if b.form_id == "ban_form_None").click().run()
    assert not at.exception
    with reading(db_url) as s:
        assert [(b.code, b.name) for b in s.scalars(select(Ban))] == [("VP", "Văn phòng")]
