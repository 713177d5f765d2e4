"""Login and logout with streamlit-authenticator, on accounts stored in the database.

The order inside one script run matters with streamlit-authenticator 0.4.2: the logout button
is drawn before the login form, without a rerun, so the cookie is really deleted (a rerun after
logout leaves it, and a reload logs the user back in); after a successful login the run goes on
without a rerun, so the re-login cookie is really written (a rerun in that run stops it).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from core import accounts, login_throttle, office
from core.errors import DomainError
from core.i18n import t
from core.permissions import Actor
from core.signed_in import signed_in
from db.models import Setting
from db.session import ROOT, reading, writing
from ui import login_cookie
from ui.text import error_messages, tm

COOKIE_NAME = "dicoso_auth"
COOKIE_EXPIRY_DAYS = 0.5  # a copied cookie stays valid until it expires, logout or not
MIN_KEY_BYTES = 32
_KNOWN_BAD_KEYS = {
    "some_key",
    "changeme",
    "secret",
    "random_signature_key",
    "abcdef",
    "paste-a-long-random-string-here",
}


class CookieKeyMissing(RuntimeError):
    pass


def demo_mode() -> bool:
    """Demo mode: the database holds the demo data (or DICOSO_DEMO=1 says so)."""
    if os.environ.get("DICOSO_DEMO") == "1":
        return True
    with reading() as session:
        return session.get(Setting, "demo") is not None


def demo_data() -> bool:
    """The database holds the demo's data: only then are its accounts and password shown."""
    with reading() as session:
        return office.holds_demo(session)


def title() -> str:
    """The office's name where one is stored (the login page, the sidebar), else the app's."""
    from ui import data

    return data.read(office.office_name) or t("app.title")


def cookie_key() -> str:
    """The key that signs the re-login cookie: from secrets.toml or DICOSO_COOKIE_KEY.

    A missing, known or short key would let anyone forge a login, so outside demo mode it
    stops the app. In demo mode a random key is made once and kept in the data folder.
    """
    key = os.environ.get("DICOSO_COOKIE_KEY", "")
    if not key:
        try:
            key = st.secrets.get("auth", {}).get("cookie_key", "")
        except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
            key = ""
    # A long key made of a few characters repeated ("changemechangeme…") is no better.
    if len(key.encode()) >= MIN_KEY_BYTES and key not in _KNOWN_BAD_KEYS and len(set(key)) >= 10:
        return key
    if not demo_mode():
        raise CookieKeyMissing()
    path = Path(os.environ.get("DICOSO_DATA_DIR", ROOT / "data")) / "cookie_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _login_fields() -> dict:
    return {
        "Form name": t("login.form"),
        "Username": t("login.username"),
        "Password": t("login.password"),
        "Login": t("login.submit"),
    }


def authenticate(heading: Callable[[], None]) -> Actor | None:
    """Draw what login needs and return the actor of this run, loaded from the database.

    Returns None while nobody is logged in (the login form is on screen then, `heading()`
    drawn above it). A session signed in by its state or by a re-login cookie draws no
    heading: a meeting's hundred arrivals send no elements only to take them away again.
    """
    actor = _signed_in_quickly()
    if actor is not _THE_LONG_WAY:
        return actor
    shown = None
    if not st.session_state.get("authentication_status"):
        shown = st.empty()
        with shown.container():
            heading()
    with reading() as session:
        epoch = accounts.sessions_epoch(session)
    # Signed with the sessions epoch too: ending an account's sessions voids every cookie
    # issued before (everyone else logs in again once, as after the cookie's expiry).
    authenticator = stauth.Authenticate(
        {"usernames": {}}, COOKIE_NAME, f"{cookie_key()}.{epoch}", COOKIE_EXPIRY_DAYS, login_sleep_time=0.1
    )
    model = authenticator.authentication_controller.authentication_model
    model.credentials["usernames"] = _AccountsOnDemand(demo_mode())
    _secure_cookie_when_https(authenticator)
    login_cookie.watch(authenticator.cookie_controller.cookie_model.cookie_manager)
    locked = _throttle_password_checks(authenticator)
    if st.session_state.pop("_write_login_cookie", False):
        # The account's cookie was voided by its own password change: this session stays
        # logged in, and its browser gets a cookie signed for the new sessions epoch.
        authenticator.cookie_controller.set_cookie()

    if st.session_state.pop(_LOGOUT_CLICKED, False):
        authenticator.logout(location="unrendered")  # the button was drawn by _signed_in_quickly
    elif st.session_state.get("authentication_status"):
        authenticator.logout(t("login.logout"), location="sidebar", key="logout_button")

    try:
        authenticator.login(location="main", fields=_login_fields(), key="login")
    except LoginError:
        # A valid cookie of an account that has since been deactivated.
        st.session_state["authentication_status"] = None
        st.error(t("login.inactive"))
        return None

    status = st.session_state.get("authentication_status")
    # Why the last session ended, kept for one more run: deleting the cookie reruns the page.
    ended = st.session_state.pop("_ended", None)
    if not status:
        # Nobody is logged in: the next login is a new session.
        st.session_state.pop("_login_recorded", None)
        login_cookie.forget()
        if ended:
            st.error(t(ended))
        if status is False:
            st.error(tm("login.locked", minutes=locked[0]) if locked else t("login.wrong"))
        return None

    username = st.session_state.get("username")
    with reading() as session:
        found = signed_in(session, username)
    actor, version = (found.actor, found.session_version) if found else (None, None)
    new_session = st.session_state.get("_login_recorded") != username
    if actor is None or (not new_session and not _session_holds(version)):
        # Deactivated, or the sessions were ended (by an admin, a role change, a password reset).
        authenticator.logout(location="unrendered")
        st.session_state.pop("_login_recorded", None)
        st.session_state["_ended"] = "login.inactive" if actor is None else "login.session_ended"
        st.error(t(st.session_state["_ended"]))
        return None
    if new_session:
        _record(found)
    st.session_state[_MUST_CHANGE] = found.must_change_password
    # A cookie write still awaited is drawn again, so that its answer is read (its frame may
    # have been removed by a rerun before it loaded); once read, runs take the quick way again.
    login_cookie.written()
    if shown is not None:  # logged in by this very run: the page follows without the heading
        shown.empty()
    return actor


def _record(found) -> None:
    """This browser session starts on the account's current session version."""
    st.session_state["_login_recorded"] = found.actor.username
    st.session_state["_session_version"] = found.session_version
    st.session_state.setdefault("lang", found.actor.language)


# The runs of a session already signed in (every click, every rerun) and the arrival of one
# with a valid re-login cookie (a meeting opening its link at once) need neither the
# authenticator nor its credentials: the account is re-read in one statement (core.signed_in)
# and the cookie checked as streamlit-authenticator checks it. The authenticator is built only
# to show the login form, to log out (its cookie manager deletes the cookie in the browser), to
# write a new cookie, and to end a session that no longer holds (docs/performance.md).
_THE_LONG_WAY = object()
_LOGOUT_CLICKED = "_logout_clicked"
_MUST_CHANGE = "_must_change_password"


def _signed_in_quickly():
    """The actor of this run, or _THE_LONG_WAY when the authenticator must be built."""
    if st.session_state.get("_write_login_cookie") or st.session_state.get(login_cookie.PENDING):
        return _THE_LONG_WAY  # a cookie to write, or one whose writing the browser has yet to confirm
    username = st.session_state.get("username") if st.session_state.get("authentication_status") else None
    if username and st.session_state.get("_login_recorded") == username:
        with reading() as session:
            found = signed_in(session, username)
        if found is None or not _session_holds(found.session_version):
            return _THE_LONG_WAY  # logged out there, with the reason
        if _logout_button():
            st.session_state[_LOGOUT_CLICKED] = True
            return _THE_LONG_WAY
        st.session_state[_MUST_CHANGE] = found.must_change_password
        return found.actor
    if username or st.session_state.get("logout"):
        return _THE_LONG_WAY
    token = _cookie()
    if token is None:
        return _THE_LONG_WAY
    with reading() as session:  # the cookie's check and the account, in one transaction
        username = _cookie_username(session, token)
        found = signed_in(session, username) if username else None
    if username is None:
        return _THE_LONG_WAY
    if found is None:
        return _THE_LONG_WAY  # the authenticator refuses the cookie and says why
    # What streamlit-authenticator's login from a cookie leaves in the session state.
    st.session_state["email"] = None
    st.session_state["name"] = found.actor.name
    st.session_state["roles"] = sorted(found.actor.roles)
    st.session_state["authentication_status"] = True
    st.session_state["username"] = found.actor.username
    st.session_state.pop("_login_recorded", None)
    _record(found)
    _logout_button()
    st.session_state[_MUST_CHANGE] = found.must_change_password
    return found.actor


def _logout_button() -> bool:
    return st.sidebar.button(t("login.logout"), key="logout_button")


def _cookie() -> str | None:
    """The re-login cookie sent with this session's first request, if any."""
    try:
        token = st.context.cookies.get(COOKIE_NAME)
    except Exception:  # noqa: BLE001 - no request to read (a test run)
        return None
    return token or None


def _cookie_username(session, token: str) -> str | None:
    """The username of a valid re-login cookie: signed with the key the authenticator is
    given (the cookie key and the sessions epoch, read through `session`) and not expired, as
    streamlit_authenticator's CookieModel.get_cookie checks it."""
    epoch = accounts.sessions_epoch(session)
    try:
        claims = jwt.decode(token, f"{cookie_key()}.{epoch}", algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    username, expiry = claims.get("username"), claims.get("exp_date")
    if not isinstance(username, str) or not isinstance(expiry, (int, float)):
        return None
    return username if expiry > dt.datetime.now().timestamp() else None


def _session_holds(version: int | None) -> bool:
    """Was this browser session started on the account's current session version? (Ending
    an account's sessions, a role change, a password reset or a deactivation raise it.)"""
    return version is not None and st.session_state.get("_session_version") == version


def signed_in_actor(session) -> Actor | None:
    """The actor this browser session logged in as, read from the database now through
    `session`, if the session may still act as it: None when nobody logged in here, or the
    account is unknown or deactivated, or its sessions were ended since. The check a full run
    makes in `authenticate`, for the runs that do not go through it (a fragment's rerun) and
    for every write (ui.guard)."""
    username = st.session_state.get("username") if st.session_state.get("authentication_status") else None
    if not username or st.session_state.get("_login_recorded") != username:
        return None
    found = signed_in(session, username)
    if found is None or not _session_holds(found.session_version):
        return None
    return found.actor


def _client_address() -> str | None:
    """The address of the browser's connection; None where there is none to read (a local
    connection, a test run), all such attempts then sharing one count."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no client context at all
        return None
    return address if isinstance(address, str) else None


class _AccountsOnDemand(dict):
    """The authenticator's credentials, each account read from the database (active, and not
    a demo account outside the demo: core.accounts.credentials) the first time the
    authenticator asks for its name: the login form needs none, a login the name typed, a
    signed-in session its own, a re-login cookie the name it carries. Every account read at
    each run of the login page cost an office of 5,000 accounts 0.12–0.27 s, and
    a meeting's hundred people logging in together that much each (docs/performance.md)."""

    def __init__(self, demo: bool):
        super().__init__()
        self._demo = demo
        self._asked: set[str] = set()

    def _read(self, username) -> None:
        if isinstance(username, str) and username not in self._asked:
            self._asked.add(username)
            with reading() as session:
                found = accounts.credentials(session, username, self._demo)
            if found is not None:
                self[username] = found

    def __contains__(self, username) -> bool:
        self._read(username)
        return super().__contains__(username)

    def __getitem__(self, username):
        self._read(username)
        return super().__getitem__(username)

    def get(self, username, default=None):
        self._read(username)
        return super().get(username, default)


def _throttle_password_checks(authenticator) -> list[int]:
    """Every password the login form checks goes through core.login_throttle first: the
    attempt is counted (per username and per client address) and committed before bcrypt
    runs, and a locked login is refused without its password being checked. Returns a list
    that holds the minutes of the lock after a refused or locking attempt of this run."""
    model = authenticator.authentication_controller.authentication_model
    locked: list[int] = []

    def check_credentials(username: str, password: str) -> bool:
        address = _client_address()
        with writing(bump_version=False) as session:  # committed before the check
            verdict = login_throttle.claim(session, username, address)
        if not verdict.allowed:
            locked.append(verdict.minutes_left)
            return False
        user = model.credentials["usernames"].get(username)
        ok = accounts.verify_login(password, user["password"] if user else None)
        with writing(bump_version=False) as session:  # no cached figure depends on it
            if ok:
                login_throttle.succeeded(session, username, address)
            else:
                minutes = login_throttle.failed(session, username, address)
                if minutes:
                    locked.append(minutes)
        return ok

    model.check_credentials = check_credentials
    return locked


def _secure_cookie_when_https(authenticator) -> None:
    """Served over HTTPS, the re-login cookie is marked Secure (never sent in clear). It is
    written by the page's JavaScript, so it cannot be HttpOnly: SECURITY.md says what limits
    a stolen one."""
    url = getattr(st.context, "url", None) or ""
    if not url.startswith("https://"):
        return
    model = authenticator.cookie_controller.cookie_model
    manager = model.cookie_manager
    plain_set = manager.set

    def set_secure(cookie, val, **kwargs):
        kwargs.setdefault("secure", True)
        return plain_set(cookie, val, **kwargs)

    manager.set = set_secure


def must_change_password(actor: Actor) -> bool:
    """Must the account change its one-time password? Read with the account in this run's
    `authenticate`."""
    if _MUST_CHANGE in st.session_state:
        return st.session_state[_MUST_CHANGE]
    with reading() as session:
        return accounts.must_change_password(session, actor.username)


def change_password_form(actor: Actor) -> None:
    """The form that replaces every page until a one-time password has been changed."""
    st.subheader(t("accounts.change_title"))
    st.info(t("accounts.change_intro"))
    with st.form("change_password"):
        current = st.text_input(t("accounts.current_password"), type="password")
        new = st.text_input(t("accounts.new_password"), type="password")
        repeat = st.text_input(t("accounts.repeat_password"), type="password")
        if st.form_submit_button(t("accounts.change_submit")):
            try:
                with writing() as session:
                    version = accounts.change_own_password(session, actor, current, new, repeat)
            except DomainError as exc:
                for message in error_messages(exc):
                    st.error(message)
            else:
                # Every other session of the account has ended; this one goes on.
                st.session_state["_session_version"] = version
                st.session_state["_write_login_cookie"] = True
                st.rerun()
