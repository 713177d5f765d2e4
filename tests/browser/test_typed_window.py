"""The dashboards' window typed as dd/mm/yyyy in a real browser: the address keeps ISO dates
(`?from=2018-06-01&to=2018-09-30`), so the link still reproduces the view after a reload; a
day that is not one is named under its field and the address is left as it was."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import DEFAULT_TIMEOUT_MS, login, wait_idle


def test_a_typed_day_goes_to_the_address_as_an_iso_date_and_a_bad_one_is_named(app_server, page):
    login(page, app_server.url, "lanhdao", path="/review?from=2018-06-01&to=2018-07-31")
    start, end = page.get_by_label("Từ ngày", exact=True), page.get_by_label("Đến ngày", exact=True)
    expect(start).to_have_value("01/06/2018", timeout=DEFAULT_TIMEOUT_MS)
    expect(end).to_have_value("31/07/2018", timeout=DEFAULT_TIMEOUT_MS)
    expect(start).to_have_attribute("placeholder", re.compile("ngày/tháng/năm"))
    end.fill("30/9/2018")
    end.press("Enter")
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"from=2018-06-01&to=2018-09-30"))
    expect(page.get_by_text("từ 01/06/2018 đến 30/09/2018")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Đến ngày", exact=True)).to_have_value("30/09/2018", timeout=30_000)
    start = page.get_by_label("Từ ngày", exact=True)
    start.fill("31/02/2018")
    start.press("Enter")
    wait_idle(page)
    expect(page.get_by_text("Từ ngày: viết ngày theo dạng ngày/tháng/năm")).to_be_visible()
    expect(page).to_have_url(re.compile(r"from=2018-06-01&to=2018-09-30"))
