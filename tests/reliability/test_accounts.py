"""Nobody where they do not belong: the cookie key, login throttling shared by every tab,
sessions that end, demo accounts that only work on demo data, bcrypt, and no password hash
in the audit log."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import delete, select, update
from streamlit.testing.v1 import AppTest

from core import accounts
from core.accounts import hash_password
from core.errors import PermissionDenied
from core.i18n import t
from core.login_throttle import LOCK_MINUTES
from core.login_throttle import MAX_PER_USERNAME as MAX_FAILED_LOGINS
from db.models import Account, AuditEntry, LoginThrottle, Setting
from db.session import ROOT, reading, writing
from tests import factories
from tests.apptest_login import submit_login
from tests.statements import statements_sent

GOOD_KEY = "k3Y-9fQ2xW_7rTzP1vLmN8bC4dHsJ6gA0eUoRiYtXq5Vn2Mw"  # 48 characters
WRONG = t("login.wrong", "vi")


def _app() -> AppTest:
    """A new browser tab on app.py: its own session, nobody logged in."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()


def _login(at: AppTest, username: str, password: str) -> AppTest:
    return submit_login(at, username, password)


def _logged_in(at: AppTest) -> bool:
    return not at.exception and bool(at.title)


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


# --- The cookie key ------------------------------------------------------------------------


@pytest.fixture
def real_data(db_url, monkeypatch):
    """A database without the demo (what an office runs on): no demo mode."""
    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    monkeypatch.delenv("DICOSO_COOKIE_KEY", raising=False)
    return db_url


@pytest.mark.parametrize(
    "key", [None, "", "short-key", "paste-a-long-random-string-here", "changeme" * 6, GOOD_KEY[:31]]
)
def test_app_refuses_to_start_outside_demo_mode_without_a_strong_cookie_key(real_data, monkeypatch, key):
    if key is not None:
        monkeypatch.setenv("DICOSO_COOKIE_KEY", key)
    at = _app()
    assert not at.exception
    assert any("DICOSO_COOKIE_KEY" in e for e in _errors(at))
    assert not at.text_input  # no login form, no page
    assert not at.title


def test_app_starts_outside_demo_mode_with_a_48_character_cookie_key(real_data, monkeypatch):
    monkeypatch.setenv("DICOSO_COOKIE_KEY", GOOD_KEY)
    at = _app()
    assert not at.exception
    assert not at.error
    assert [w.label for w in at.text_input] == [t("login.username", "vi"), t("login.password", "vi")]


# --- Login throttling ----------------------------------------------------------------------


def _lock(demo_url, username: str) -> dt.datetime | None:
    with reading(demo_url) as s:
        return s.scalar(
            select(LoginThrottle.locked_until).where(
                LoginThrottle.scope == "user", LoginThrottle.key == username
            )
        )


def test_failed_logins_are_counted_across_tabs_and_lock_the_account(demo_url):
    first, second = _app(), _app()
    for attempt in range(MAX_FAILED_LOGINS):
        _login(first if attempt % 2 else second, "canbo", f"sai-{attempt}")
    assert _lock(demo_url, "canbo") is not None

    third = _login(_app(), "canbo", "cosodemo")  # the right password, in yet another tab
    assert not _logged_in(third)
    assert _errors(third) == [t("login.locked", "vi", minutes=LOCK_MINUTES)]


def test_a_lock_expires_and_the_right_password_then_works(demo_url):
    tab = _app()
    for attempt in range(MAX_FAILED_LOGINS):
        _login(tab, "canbo", f"sai-{attempt}")
    assert not _logged_in(_login(_app(), "canbo", "cosodemo"))

    with writing(demo_url) as s:  # the lock's time has passed
        s.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == "canbo")
            .values(locked_until=dt.datetime(2000, 1, 1))
        )
    at = _login(_app(), "canbo", "cosodemo")
    assert _logged_in(at)
    assert at.title[0].value == t("visits.title", "vi")


def test_wrong_password_of_another_account_does_not_count_against_canbo(demo_url):
    tab = _app()
    for attempt in range(MAX_FAILED_LOGINS):
        _login(tab, "truongban", f"sai-{attempt}")
    assert _lock(demo_url, "canbo") is None
    assert _logged_in(_login(_app(), "canbo", "cosodemo"))


# --- Sessions end ------------------------------------------------------------------------


def test_ending_an_accounts_sessions_logs_its_open_tab_out_at_the_next_click(demo_url, actor_of):
    tab = _login(_app(), "canbo", "cosodemo")
    other = _login(_app(), "truongban", "cosodemo")
    assert _logged_in(tab) and _logged_in(other)

    with writing(demo_url) as s:
        accounts.end_sessions(s, actor_of("quantri"), "canbo")
    tab.run()
    assert not _logged_in(tab)
    assert _errors(tab) == [t("login.session_ended", "vi")]
    assert _logged_in(other.run())  # other accounts keep their sessions

    # the same tab can log in again: a new session
    tab.run()
    assert _logged_in(_login(tab, "canbo", "cosodemo"))
    assert _logged_in(tab.run())


def test_a_deactivated_account_is_logged_out_at_the_next_click(demo_url, actor_of):
    tab = _login(_app(), "canbo", "cosodemo")
    assert _logged_in(tab)
    with writing(demo_url) as s:
        s.execute(update(Account).where(Account.username == "canbo").values(active=False))
    tab.run()
    assert not _logged_in(tab)
    assert _errors(tab) == [t("login.inactive", "vi")]


def test_only_an_admin_ends_sessions_and_it_is_audited(demo_url, actor_of):
    with writing(demo_url) as s:
        with pytest.raises(PermissionDenied):
            accounts.end_sessions(s, actor_of("lanhdao"), "canbo")
    with reading(demo_url) as s:
        epoch = accounts.sessions_epoch(s)
        version = accounts.session_version(s, "canbo")
    with writing(demo_url) as s:
        accounts.end_sessions(s, actor_of("quantri"), "canbo")
    with reading(demo_url) as s:
        assert accounts.session_version(s, "canbo") == version + 1
        # the re-login cookie is signed with the epoch: every older cookie stops working
        assert accounts.sessions_epoch(s) != epoch
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "end_sessions")).one()
        assert (entry.actor, entry.table_name) == ("quantri", "accounts")
        assert entry.before["session_version"] == version


def test_a_new_account_does_not_void_anyones_cookie(db_url):
    with reading(db_url) as s:
        epoch = accounts.sessions_epoch(s)
    with writing(db_url) as s:
        factories.account(s, "moi.tao", ("admin",))
    with reading(db_url) as s:
        assert accounts.sessions_epoch(s) == epoch


# --- Demo accounts only on demo data -----------------------------------------------------


def test_demo_loader_marks_its_accounts_as_demo(demo_url):
    with reading(demo_url) as s:
        demo = set(s.scalars(select(Account.username).where(Account.is_demo.is_(True))))
    assert {"quantri", "lanhdao", "truongban", "canbo"} <= demo


def test_accounts_made_for_a_real_roster_are_not_demo(db_url):
    with writing(db_url) as s:
        admin = factories.actor(factories.account(s, "vanphong", ("admin",)))
        accounts.create_account(s, admin, "nguyen.van.a", "Nguyễn Văn A", None, ("office_leader",))
    with reading(db_url) as s:
        assert s.scalar(select(Account.id).where(Account.is_demo.is_(True))) is None


def test_demo_accounts_cannot_log_in_outside_demo_mode(demo_url, monkeypatch):
    with writing(demo_url) as s:  # the demo marker gone: the office now runs on real data
        s.execute(delete(Setting).where(Setting.key == "demo"))
    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    monkeypatch.setenv("DICOSO_COOKIE_KEY", GOOD_KEY)
    at = _login(_app(), "quantri", "cosodemo")
    assert not _logged_in(at)
    assert _errors(at) == [WRONG]
    with reading(demo_url) as s:
        assert accounts.credentials(s, "quantri") is None
        assert accounts.credentials(s, "quantri", demo=True) is not None


# --- Password hashes -----------------------------------------------------------------------


def test_passwords_are_hashed_with_bcrypt_at_cost_12_or_more():
    hashed = hash_password("mật khẩu dài đủ")
    assert hashed.startswith("$2b$")
    assert int(hashed.split("$")[2]) >= 12
    assert accounts.check_password("mật khẩu dài đủ", hashed)
    assert not accounts.check_password("mat khau dai du", hashed)


def test_the_password_a_user_chooses_is_hashed_at_full_cost(demo_url, actor_of):
    with writing(demo_url) as s:
        accounts.change_own_password(
            s, actor_of("canbo"), "cosodemo", "một mật khẩu mới dài", "một mật khẩu mới dài"
        )
    with reading(demo_url) as s:
        hashed = s.scalar(select(Account.password_hash).where(Account.username == "canbo"))
    assert hashed.startswith("$2b$") and int(hashed.split("$")[2]) >= 12


def test_no_password_hash_reaches_the_audit_log(demo_url, actor_of):
    admin = actor_of("quantri")
    with writing(demo_url) as s:
        made = accounts.create_account(s, admin, "tran.thi.b", "Trần Thị B", None, ("office_leader",))
        new_id = s.scalar(select(Account.id).where(Account.username == made.username))
        accounts.reset_password(s, admin, new_id)
        accounts.set_account_active(s, admin, new_id, False)
        accounts.end_sessions(s, admin, "canbo")
    with reading(demo_url) as s:
        hashes = list(s.scalars(select(Account.password_hash)))
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.table_name == "accounts")))
    assert len(entries) >= 4
    logged = json.dumps([[e.before, e.after] for e in entries])
    assert "password_hash" not in logged and "$2b$" not in logged
    assert not any(h in logged for h in hashes)


def test_the_credentials_are_of_the_one_account_asked_for_and_active(demo_url):
    with reading(demo_url) as s:
        own = accounts.credentials(s, "canbo", demo=True)
        name = s.scalar(select(Account.display_name).where(Account.username == "canbo"))
    assert own["roles"] == ["cadre"] and own["name"] == name
    with writing(demo_url) as s:
        s.execute(update(Account).where(Account.username == "canbo").values(active=False))
    with reading(demo_url) as s:
        assert accounts.credentials(s, "canbo", demo=True) is None


def test_no_run_of_the_login_page_reads_every_account(demo_url, monkeypatch):
    """The form drawn, a wrong password, a right one, a logout: each run reads the accounts it
    names (by their unique name), never the whole table (0.12–0.27 s a run at 5,000 accounts)."""
    monkeypatch.setenv("DICOSO_COOKIE_KEY", GOOD_KEY)
    with statements_sent(demo_url) as sent:
        at = _app().run()
        assert not _logged_in(_login(at, "canbo", "not the password"))
        at = _login(_app(), "canbo", "cosodemo")
        assert _logged_in(at)
        at.sidebar.button(key="logout_button").click().run()
        assert not _logged_in(at)
    of_accounts = [q for q, _ in sent if "FROM accounts" in q]
    assert of_accounts
    assert [q for q in of_accounts if "accounts.username =" not in q and "accounts.id =" not in q] == []
