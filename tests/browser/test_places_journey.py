"""Places from the register and the map, in Chromium: a cadre on a phone (390 px) picks a
commune of the official register for a trip of 2026 by searching; the office leader sees the
map of provinces on /progress in meeting mode on a projector (1920 px), nobody's provinces
outlined."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import login, open_section, screenshot, wait_idle
from tests.browser.test_visits_journey import choose, fill, pill, type_date


def test_a_cadre_on_a_phone_picks_a_commune_of_the_register(app_server, page):
    page.set_viewport_size({"width": 390, "height": 1800})
    login(page, app_server.url, "canbo", path="/visits?year=2026&tab=trip")
    type_date(page, "Ngày đi", "02/03/2026")
    type_date(page, "Ngày về", "04/03/2026")
    choose(page, "Tỉnh/thành phố", "Cà Mau")
    choose(page, "Xã/phường", "Xã Đất Mũi")
    fill(page, "Đơn vị cơ sở", "Đoàn xã Đất Mũi")
    pill(page, "Kiểm tra, giám sát")
    screenshot(page, "places-trip-form-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.get_by_role("button", name="Lưu chuyến đi").click()
    expect(page.get_by_text("Đã lưu chuyến đi 02/03/2026–04/03/2026 tại Đoàn xã Đất Mũi.")).to_be_visible()


def test_the_leader_sees_the_map_in_the_meeting_view(app_server, page):
    page.set_viewport_size({"width": 1920, "height": 1400})
    login(page, app_server.url, "lanhdao", path="/progress?from=2018-06-01&to=2018-07-31&mode=meeting")
    open_section(page, "Địa bàn")
    wait_idle(page)
    expect(page.get_by_text("Mỗi ô là một tỉnh, thành phố").first).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    page.wait_for_timeout(1500)  # the chart's canvas drawn
    screenshot(page, "places-map-meeting-1920")
