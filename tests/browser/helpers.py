"""Helpers for the Playwright browser tests (Streamlit on Debian's chromium).

Streamlit draws over a websocket in several steps, so the page's load event means nothing:
wait for the app to be idle (`wait_idle`) *and* for a concrete element with `expect(...)`.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from ui.auth import COOKIE_NAME

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

IDLE_SELECTOR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DEFAULT_TIMEOUT_MS = 30_000

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

    With `expect_success` (the default) it waits until the login form is gone and the browser
    has written the re-login cookie; otherwise it only waits for the rerun to finish (the test
    then checks the error message itself).
    """
    frames: list[str] = []  # "sent" and "received", in order, on the page's websocket

    def follow(socket) -> None:
        socket.on("framesent", lambda _frame: frames.append("sent"))
        socket.on("framereceived", lambda _frame: frames.append("received"))

    page.on("websocket", follow)
    try:
        goto(page, base_url, path)
        user_box = page.get_by_label(USERNAME_LABEL, exact=True)
        expect(user_box).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
        user_box.fill(username)
        page.get_by_label(PASSWORD_LABEL, exact=True).fill(password)
        clicked = len(frames)
        page.get_by_role("button", name=LOGIN_BUTTON, exact=True).click()
        if expect_success:
            expect(page.get_by_label(PASSWORD_LABEL, exact=True)).to_have_count(0, timeout=DEFAULT_TIMEOUT_MS)
            _cookie_written(page, frames, clicked)
        else:
            page.wait_for_timeout(200)
        wait_idle(page)
    finally:
        page.remove_listener("websocket", follow)


def _cookie_written(page: Page, frames: list[str], clicked: int) -> None:
    """Wait until the browser has written the re-login cookie and its writer's answer has
    started a run. The writer (ui.login_cookie) answers once it has set the cookie, and that
    answer reruns the page: a click made before that rerun could be dropped by it, as a
    person's would. So: the cookie is there, a second message went out after the click's
    (the answer), and the server has spoken since (its run has started)."""
    for _ in range(DEFAULT_TIMEOUT_MS // 100):
        after = frames[clicked:]
        sent = [i for i, kind in enumerate(after) if kind == "sent"]
        if (
            COOKIE_NAME in {c["name"] for c in page.context.cookies()}
            and len(sent) >= 2
            and "received" in after[sent[1] + 1 :]
        ):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the re-login cookie was not written and answered within {DEFAULT_TIMEOUT_MS} ms")


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a PNG as test-artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "_", name).strip("_") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def open_section(page: Page, name: str) -> None:
    """Open a page's section by its label: one option of the section picker (a segmented
    control, whose options are radio buttons) above the section, kept in `?tab=…`.

    Returns once the section is drawn: its run has changed the address (`?tab=`), so it has
    started, and it has ended. Idle alone may still be the state from before the click, and a
    field filled then belongs to the section being left, or is drawn again empty."""
    option = page.get_by_test_id("stButtonGroup").get_by_role("radio", name=name, exact=True)
    if option.is_checked():
        wait_idle(page)
        return
    before = page.url
    option.click()
    page.wait_for_url(lambda url: url != before, timeout=DEFAULT_TIMEOUT_MS)
    wait_idle(page)
