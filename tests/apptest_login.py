"""Logging in through app.py's form in an AppTest, as a browser would.

After a login the browser's cookie component writes the re-login cookie and its answer
reruns the app (ui.login_cookie); AppTest runs no component, so that answer is played here.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui import login_cookie


def browser_wrote_the_login_cookie(at: AppTest) -> AppTest:
    """The cookie component's answer, if a cookie write is waiting for it."""
    if login_cookie.PENDING in at.session_state:
        del at.session_state[login_cookie.PENDING]
        at.run()
    return at


def submit_login(at: AppTest, username: str, password: str) -> AppTest:
    """Type into the login form, press its button, and let the browser write the cookie."""
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return browser_wrote_the_login_cookie(at.button[0].click().run())
