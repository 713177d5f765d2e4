"""Login and logout with streamlit-authenticator, on accounts stored in the database.

The order inside one script run matters (see STACK.md): the logout button is drawn before
the login form, without a rerun, so the cookie is really deleted; after a successful login
the run goes on without a rerun, so the re-login cookie is really written.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from core import accounts
from core.errors import DomainError
from core.i18n import t
from core.permissions import Actor
from db.models import Setting
from db.session import ROOT, reading, writing

COOKIE_NAME = "dicoso_auth"
COOKIE_EXPIRY_DAYS = 0.5  # a copied cookie stays valid until it expires, logout or not
MIN_KEY_BYTES = 32
_KNOWN_BAD_KEYS = {"some_key", "changeme", "secret", "random_signature_key", "abcdef",
                   "paste-a-long-random-string-here"}


class CookieKeyMissing(RuntimeError):
    pass


def demo_mode() -> bool:
    """Demo mode: the database holds the demo data (or DICOSO_DEMO=1 says so)."""
    if os.environ.get("DICOSO_DEMO") == "1":
        return True
    with reading() as session:
        return session.get(Setting, "demo") is not None


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


def authenticate() -> Actor | None:
    """Draw what login needs and return the actor of this run, loaded from the database.

    Returns None while nobody is logged in (the login form is on screen then).
    """
    demo = demo_mode()
    logged_in = st.session_state.get("username") if st.session_state.get("authentication_status") else None
    with reading() as session:
        creds = accounts.credentials(session, demo, logged_in)
        epoch = accounts.sessions_epoch(session)
    # Signed with the sessions epoch too: ending an account's sessions voids every cookie
    # issued before (everyone else logs in again once, as after the cookie's expiry).
    authenticator = stauth.Authenticate(
        creds, COOKIE_NAME, f"{cookie_key()}.{epoch}", COOKIE_EXPIRY_DAYS, login_sleep_time=0.1
    )
    if st.session_state.get("authentication_status"):
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
        if ended:
            st.error(t(ended))
        if status is False:
            _after_failed_login(creds)
        return None

    username = st.session_state.get("username")
    with reading() as session:
        actor = accounts.load_actor(session, username)
        version = accounts.session_version(session, username)
    new_session = st.session_state.get("_login_recorded") != username
    if actor is None or (not new_session and st.session_state.get("_session_version") != version):
        # Deactivated, or the sessions were ended (by an admin, a role change, a password reset).
        authenticator.logout(location="unrendered")
        st.session_state.pop("_login_recorded", None)
        st.session_state["_ended"] = "login.inactive" if actor is None else "login.session_ended"
        st.error(t(st.session_state["_ended"]))
        return None
    if new_session:
        with writing(bump_version=False) as session:  # no cached figure depends on it
            accounts.record_successful_login(session, username)
        st.session_state["_login_recorded"] = username
        st.session_state["_session_version"] = version
        st.session_state.setdefault("lang", actor.language)
    return actor


def _after_failed_login(creds: dict) -> None:
    minutes = None
    for username in accounts.failed_usernames(creds):
        with writing(bump_version=False) as session:
            minutes = accounts.record_failed_login(session, username)
    if minutes:
        st.error(t("login.locked", minutes=minutes))
    else:
        st.error(t("login.wrong"))


def must_change_password(actor: Actor) -> bool:
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
                    accounts.change_own_password(session, actor, current, new, repeat)
            except DomainError as exc:
                for message in exc.messages():
                    st.error(message)
            else:
                st.rerun()
