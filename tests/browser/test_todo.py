""" "Việc cần làm" in Chromium: the list atop the first page of a cadre and of a ban leader,
and a click on a line that opens the place to act."""

from playwright.sync_api import expect

from tests.browser.helpers import DEFAULT_TIMEOUT_MS, login, screenshot, wait_idle


def test_a_cadre_opens_the_overdue_report_from_the_list(app_server, page):
    login(page, app_server.url, "canbo")
    todo = page.locator(".st-key-todo")
    expect(todo.get_by_text("Việc cần làm", exact=True)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    overdue = todo.get_by_role("link").filter(has_text="quá hạn").first
    expect(overdue).to_be_visible()
    expect(todo.get_by_role("link").filter(has_text="bị trả lại")).to_have_count(1)
    screenshot(page, "todo-canbo")
    overdue.click()
    wait_idle(page)
    expect(page.get_by_text("Đã quá hạn báo cáo", exact=False)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    assert "tab=report" in page.url and "trip=" in page.url
    screenshot(page, "todo-canbo-report")


def test_a_ban_leader_opens_the_queue_from_the_list(app_server, page):
    # A leader lands on /progress (the queue itself); the list is on the own page, /visits.
    login(page, app_server.url, "truongban", path="/visits")
    todo = page.locator(".st-key-todo")
    waiting = todo.get_by_role("link").filter(has_text="chờ duyệt").first
    expect(waiting).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    expect(todo.get_by_text("việc khác", exact=False)).to_be_visible()
    screenshot(page, "todo-truongban")
    waiting.click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Tiến độ đi cơ sở theo ban").first).to_be_visible(
        timeout=DEFAULT_TIMEOUT_MS
    )
    assert "/progress" in page.url and "ban=TC" in page.url
