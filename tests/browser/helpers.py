"""Helpers for the Playwright browser tests (Streamlit on Debian's chromium).

Streamlit draws over a websocket in several steps, so the page's load event means nothing:
wait for the app to be idle (`wait_idle`) *and* for a concrete element with `expect(...)`.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

IDLE_SELECTOR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DEFAULT_TIMEOUT_MS = 30_000
UNANSWERED_LOGIN_MS = 20_000  # a login click left unanswered this long is made again (login)

USERNAME_LABEL = "Tên đăng nhập"
PASSWORD_LABEL = "Mật khẩu"
LOGIN_BUTTON = "Đăng nhập"
DEMO_PASSWORD = "cosodemo"


def wait_idle(page: Page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until the Streamlit script is not running (no rerun in progress).

    Right after a click the state may still read "notRunning" for a moment before the
    rerun starts: follow with an `expect(...)` on the element the test is waiting for.
    """
    expect(page.locator(IDLE_SELECTOR)).to_be_attached(timeout=timeout)
    # Widgets may still be appearing one delta after another; let them settle.
    page.wait_for_timeout(50)
    expect(page.locator(IDLE_SELECTOR)).to_be_attached(timeout=timeout)


def goto(page: Page, base_url: str, path: str = "/") -> None:
    """Open `path` (query string allowed) of the app and wait until it is idle."""
    page.goto(base_url.rstrip("/") + "/" + path.lstrip("/"))
    expect(page.locator('[data-testid="stApp"]')).to_be_attached(timeout=DEFAULT_TIMEOUT_MS)
    wait_idle(page)


def login(
    page: Page,
    base_url: str,
    username: str,
    password: str = DEMO_PASSWORD,
    path: str = "/",
    *,
    expect_success: bool = True,
) -> None:
    """Open `path`, fill the login form ("Tên đăng nhập", "Mật khẩu"), click "Đăng nhập".

    With `expect_success` (the default) it waits until the login form is gone; otherwise it
    only waits for the rerun to finish (the test then checks the error message itself).
    """
    goto(page, base_url, path)
    user_box = page.get_by_label(USERNAME_LABEL, exact=True)
    expect(user_box).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    user_box.fill(username)
    page.get_by_label(PASSWORD_LABEL, exact=True).fill(password)
    button = page.get_by_role("button", name=LOGIN_BUTTON, exact=True)
    button.click()
    if expect_success:
        password_box = page.get_by_label(PASSWORD_LABEL, exact=True)
        try:
            expect(password_box).to_have_count(0, timeout=UNANSWERED_LOGIN_MS)
        except AssertionError:
            # A busy test machine (two test processes, their servers and browsers on two cores)
            # now and then leaves a click on "Đăng nhập" unanswered, the form still on screen
            # and no message: a person fills it in and clicks again, so does the test, once,
            # leaving a screenshot of what it saw. A wrong password or a lock shows a message.
            screenshot(page, f"login-unanswered-{username}", full_page=False)
            print(f"login of {username} at {path}: no answer in {UNANSWERED_LOGIN_MS} ms, clicked again")
            if page.get_by_test_id("stAlert").count() == 0 and password_box.count():
                user_box.fill(username)
                password_box.fill(password)
                button.click()
            expect(password_box).to_have_count(0, timeout=DEFAULT_TIMEOUT_MS)
    else:
        page.wait_for_timeout(200)
    wait_idle(page)


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a PNG as test-artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "_", name).strip("_") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def open_section(page: Page, name: str) -> None:
    """Open a page's section by its label: one option of the section picker (a segmented
    control, whose options are radio buttons) above the section, kept in `?tab=…`."""
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name=name, exact=True).click()
    wait_idle(page)
