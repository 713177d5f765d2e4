"""The sidebar's choice of reminder mails is drawn only while its expander is open (every run
of every page draws the sidebar): opened by a click, its form is there with its button; closed
again, it is gone."""

from __future__ import annotations

from playwright.sync_api import expect

from core.i18n import t
from tests.browser.helpers import login, wait_idle


def test_the_mail_choice_opens_with_its_expander(app_server, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    try:
        page = context.new_page()
        login(page, app_server.url, "canbo", path="/visits")
        wait_idle(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        heading = sidebar.get_by_text(t("mail.prefs", "vi"))
        address = sidebar.get_by_label(t("mail.address", "vi"), exact=True)
        expect(heading).to_be_visible(timeout=30_000)
        expect(address).to_have_count(0)
        heading.click()
        expect(address).to_be_visible(timeout=30_000)
        expect(address).to_have_value("canbo@example.org")
        expect(sidebar.get_by_role("button", name=t("mail.save", "vi"))).to_be_visible(timeout=30_000)
        heading.click()
        expect(address).to_have_count(0, timeout=30_000)
    finally:
        context.close()
