"""Logins and passwords, second pass: what a guesser learns and how fast they may guess, the
passwords people may choose, and the sessions a password change ends."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from alembic import command
from sqlalchemy import select, text, update

from core import accounts, login_throttle
from core.errors import ValidationError
from core.i18n import t
from db.migrate import FORWARD_ONLY, DowngradeRefused, alembic_config
from db.models import Account, LoginThrottle
from db.session import ROOT, engine, reading, writing

# A new browser tab, the login form filled, and what it shows: the accounts tests' helpers.
from tests.apptest_login import browser_wrote_the_login_cookie
from tests.reliability.test_accounts import _app, _errors, _logged_in, _login

LOCKED = t("login.locked", "vi", minutes=login_throttle.LOCK_MINUTES)
WRONG = t("login.wrong", "vi")


# --- What a guesser learns ------------------------------------------------------------------


def test_a_name_that_is_no_account_gets_the_same_answers_as_a_real_one(demo_url):
    answers = {}
    for username in ("canbo", "khong.co.ai"):
        tab = _app()
        answers[username] = [
            _errors(_login(tab, username, f"sai-{n}")) for n in range(login_throttle.MAX_PER_USERNAME + 1)
        ]
    assert answers["canbo"] == answers["khong.co.ai"]
    assert answers["canbo"][-2:] == [[LOCKED], [LOCKED]]  # the fifth failure locks, for any name
    assert answers["canbo"][0] == [WRONG]


def test_a_locked_login_is_refused_without_its_password_being_checked(demo_url, monkeypatch):
    for n in range(login_throttle.MAX_PER_USERNAME):
        _login(_app(), "canbo", f"sai-{n}")
    checked = []
    monkeypatch.setattr(accounts, "verify_login", lambda *a: checked.append(a) or True)
    at = _login(_app(), "canbo", "cosodemo")
    assert not _logged_in(at)
    assert _errors(at) == [LOCKED]
    assert checked == []


# --- How fast one may guess -------------------------------------------------------------------


def test_guesses_in_flight_when_the_limit_is_reached_are_not_checked(db_url):
    # Ten guesses counted before any of them was checked: only the first five may be checked.
    verdicts = []
    for _ in range(10):
        with writing(db_url) as s:
            verdicts.append(login_throttle.claim(s, "canbo", "10.0.0.7").allowed)
    assert verdicts == [True] * login_throttle.MAX_PER_USERNAME + [False] * 5


def test_one_password_tried_across_many_accounts_is_slowed_by_the_client_address(db_url):
    address = "203.0.113.9"
    for n in range(login_throttle.MAX_PER_ADDRESS):
        with writing(db_url) as s:
            assert login_throttle.claim(s, f"nguoi{n}", address).allowed
            login_throttle.failed(s, f"nguoi{n}", address)
    with writing(db_url) as s:
        verdict = login_throttle.claim(s, "nguoi-khac", address)
    assert not verdict.allowed and verdict.minutes_left == login_throttle.LOCK_MINUTES
    with writing(db_url) as s:  # another address is not slowed
        assert login_throttle.claim(s, "nguoi-khac", "198.51.100.4").allowed
    with reading(db_url) as s:  # a refused address leaves no row for the name it tried
        assert (
            s.scalar(
                select(LoginThrottle.key).where(LoginThrottle.key == "nguoi-khac", LoginThrottle.attempts > 1)
            )
            is None
        )


def test_a_right_password_starts_the_count_again_and_gives_the_address_its_attempt_back(db_url):
    with writing(db_url) as s:
        login_throttle.claim(s, "canbo", "10.0.0.1")
        login_throttle.failed(s, "canbo", "10.0.0.1")
        login_throttle.claim(s, "canbo", "10.0.0.1")
        login_throttle.succeeded(s, "canbo", "10.0.0.1")
    with reading(db_url) as s:
        rows = dict(s.execute(select(LoginThrottle.scope, LoginThrottle.attempts)).all())
    assert rows == {"address": 1}


def test_failures_at_the_same_moment_are_each_counted(db_url):
    """Twenty attempts at once (threads, each its own transaction) on both engines."""
    engine(db_url)  # one engine for every thread
    barrier = threading.Barrier(20)
    errors = []

    def attempt():
        try:
            barrier.wait()
            with writing(db_url) as s:
                login_throttle.claim(s, "canbo", "10.0.0.2")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with reading(db_url) as s:
        counts = dict(s.execute(select(LoginThrottle.scope, LoginThrottle.attempts)).all())
    assert counts == {"user": 20, "address": 20}


def test_an_admins_reset_lifts_the_lock(demo_url, actor_of):
    for n in range(login_throttle.MAX_PER_USERNAME):
        _login(_app(), "canbo", f"sai-{n}")
    with reading(demo_url) as s:
        rows = {r.username: r for r in accounts.list_accounts(s, actor_of("quantri"))}
    assert rows["canbo"].locked and not rows["truongban"].locked
    with writing(demo_url) as s:
        accounts.reset_password(s, actor_of("quantri"), rows["canbo"].id)
    with reading(demo_url) as s:
        assert not {r.username: r for r in accounts.list_accounts(s, actor_of("quantri"))}["canbo"].locked


# --- The passwords people may choose ----------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "1111111111",
        "1234567890",
        "0987654321",
        "abcdefghijk",
        "qwertyuiop",
        "aaaaabbbbb",
        "canbo12345",
        "xx-CANBO-2018",
        "matkhau2024",
        "Password123!",
        "cosodemo2018",
        "abababababab",
    ],
)
def test_weak_passwords_are_refused(demo_url, actor_of, password):
    with writing(demo_url) as s:
        with pytest.raises(ValidationError) as err:
            accounts.change_own_password(s, actor_of("canbo"), "cosodemo", password, password)
    assert [e.message for e in err.value.errors] == ["accounts.error.weak_password"]


def test_a_password_chosen_with_spaces_at_its_ends_still_logs_in(demo_url, actor_of):
    with writing(demo_url) as s:
        accounts.change_own_password(
            s, actor_of("canbo"), "cosodemo", "  một câu dài dễ nhớ  ", "  một câu dài dễ nhớ  "
        )
    assert _logged_in(_login(_app(), "canbo", "một câu dài dễ nhớ  "))
    assert _logged_in(_login(_app(), "canbo", "một câu dài dễ nhớ"))


# --- Sessions a password change ends ------------------------------------------------------------


def test_an_own_password_change_ends_the_accounts_other_sessions_and_keeps_this_one(demo_url):
    with writing(demo_url) as s:
        s.execute(update(Account).where(Account.username == "canbo").values(must_change_password=True))
        epoch = accounts.sessions_epoch(s)
    mine, other = _login(_app(), "canbo", "cosodemo").run(), _login(_app(), "canbo", "cosodemo")
    truongban = _login(_app(), "truongban", "cosodemo")
    labels = [t(f"accounts.{k}_password", "vi") for k in ("current", "new", "repeat")]
    assert [w.label for w in mine.text_input] == labels
    for field, value in zip(mine.text_input, ("cosodemo", "một câu dài dễ nhớ", "một câu dài dễ nhớ")):
        field.input(value)
    browser_wrote_the_login_cookie(mine.button[0].click().run())  # a new cookie for the new epoch
    assert _logged_in(mine) and _logged_in(mine.run())  # the session that changed it goes on
    assert not _logged_in(other.run())
    assert _errors(other) == [t("login.session_ended", "vi")]
    assert _logged_in(truongban.run())  # other accounts' open sessions go on
    with reading(demo_url) as s:
        # the re-login cookie is signed with the epoch: every copied older cookie stops working
        assert accounts.sessions_epoch(s) != epoch


# --- Migrations go forward only -----------------------------------------------------------------


def test_a_downgrade_is_refused_and_changes_nothing(db_url):
    def revision():
        with engine(db_url).connect() as conn:
            return conn.scalar(text("SELECT version_num FROM alembic_version"))

    head = revision()
    for target in ("base", "-1", "0007"):
        with pytest.raises(DowngradeRefused):
            command.downgrade(alembic_config(db_url), target)
        assert revision() == head


def test_the_migrate_command_refuses_a_downgrade_with_its_reason(db_url):
    done = subprocess.run(
        [sys.executable, "-m", "db.migrate", "downgrade", "base"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert FORWARD_ONLY in done.stderr
