"""Sessions in a real browser: the re-login cookie survives a reload, a copy of it works in
another browser, and once an admin ends the account's sessions neither the copy nor the
open tab gets in any more."""

from playwright.sync_api import expect

from core import accounts
from core.accounts import load_actor
from db.session import dispose_all, reading, writing
from tests.browser.helpers import goto, login, screenshot, wait_idle

HEADING = "Chuyến đi cơ sở của tôi"


def _end_sessions(database_url: str, username: str) -> None:
    with reading(database_url) as s:
        admin = load_actor(s, "quantri")
    with writing(database_url) as s:
        accounts.end_sessions(s, admin, username)
    dispose_all()


def test_a_copied_cookie_stops_working_when_the_sessions_are_ended(app_server, chromium_browser, page):
    login(page, app_server.url, "canbo", path="/visits")
    expect(page.get_by_role("heading", name=HEADING)).to_be_visible(timeout=30_000)
    page.reload()  # the cookie logs the same browser back in
    expect(page.get_by_role("heading", name=HEADING)).to_be_visible(timeout=30_000)
    stolen = [c for c in page.context.cookies() if c["name"] == "dicoso_auth"]
    assert stolen

    def other_browser():
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_cookies(stolen)
        other = context.new_page()
        goto(other, app_server.url, "/visits")
        return context, other

    context, other = other_browser()
    expect(other.get_by_role("heading", name=HEADING)).to_be_visible(timeout=30_000)
    context.close()

    _end_sessions(app_server.database_url, "canbo")

    context, other = other_browser()
    try:
        expect(other.get_by_label("Mật khẩu", exact=True)).to_be_visible(timeout=30_000)
        expect(other.get_by_role("heading", name=HEADING)).to_have_count(0)
    finally:
        context.close()

    # the open tab: its next click ends it
    page.locator("body").press("r")
    expect(page.get_by_text("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.")).to_be_visible(
        timeout=30_000
    )
    wait_idle(page)
    expect(page.get_by_role("heading", name=HEADING)).to_have_count(0)
    expect(page.get_by_label("Mật khẩu", exact=True)).to_be_visible()
    expect(page.get_by_text("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.")).to_be_visible()
    screenshot(page, "session-ended")
