"""The foundation in a real browser: a deep link opened while logged out shows the login,
then the same view; logout really ends the session."""

from playwright.sync_api import expect

from tests.browser.helpers import DEFAULT_TIMEOUT_MS, PASSWORD_LABEL, goto, login, screenshot, wait_idle
from ui.auth import COOKIE_NAME

REVIEW = "/review?from=2018-06-01&to=2018-07-31"


def test_deep_link_logs_in_and_shows_97_of_111(app_server, page):
    login(page, app_server.url, "lanhdao", path=REVIEW)
    expect(page.get_by_text("97/111 cán bộ đã tham gia đi công tác cơ sở")).to_be_visible(timeout=30_000)
    wait_idle(page)
    assert "/review" in page.url and "from=2018-06-01" in page.url and "to=2018-07-31" in page.url
    screenshot(page, "review-97-of-111")


def test_the_login_page_left_alone_is_not_run_again(app_server, page):
    """Nothing on the login page answers the server by itself: such an answer reruns the page,
    and a rerun starting just after a click on "Đăng nhập" drops the click (ui.login_cookie)."""
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(frame)))
    goto(page, app_server.url, "/")
    expect(page.get_by_label(PASSWORD_LABEL, exact=True)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    page.wait_for_timeout(4000)  # the cookie reader's answer came 0.5-7 s after the form
    wait_idle(page)
    assert len(sent) == 1, f"the page asked for {len(sent)} runs, not only its first"


def test_wrong_password_shows_a_message_and_no_page(app_server, page):
    login(page, app_server.url, "canbo", password="sai-mat-khau", expect_success=False)
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Chuyến đi cơ sở của tôi")).to_have_count(0)


def test_cadre_sees_only_own_page_and_can_log_out(app_server, page):
    login(page, app_server.url, "canbo")
    expect(page.get_by_role("heading", name="Chuyến đi cơ sở của tôi")).to_be_visible(timeout=30_000)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav.get_by_text("Sơ kết")).to_have_count(0)
    screenshot(page, "visits-canbo")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Mật khẩu", exact=True)).to_be_visible(timeout=30_000)
    # The cookie is gone too (deleted by a component in the page, a moment after the form
    # shows): a reload does not log back in.
    for _ in range(100):
        if COOKIE_NAME not in {c["name"] for c in page.context.cookies()}:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the login cookie is still there 10 s after logging out")
    page.reload()
    expect(page.get_by_label("Mật khẩu", exact=True)).to_be_visible(timeout=30_000)


def test_deep_link_to_the_first_page_is_not_lost_on_a_phone(app_server, chromium_browser):
    """/visits is the cadre's first page: it keeps its own address (no "page not found")."""
    context = chromium_browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    phone = context.new_page()
    try:
        login(phone, app_server.url, "canbo", path="/visits")
        expect(phone.get_by_role("heading", name="Chuyến đi cơ sở của tôi")).to_be_visible(timeout=30_000)
        expect(phone.get_by_text("Page not found")).to_have_count(0)
        assert phone.url.rstrip("/").endswith("/visits")
        screenshot(phone, "visits-phone")
    finally:
        context.close()
