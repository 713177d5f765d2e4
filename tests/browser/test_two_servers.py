"""Two app servers on one PostgreSQL database, as behind a load balancer: a trip saved through
server A shows on the meeting view of server B within its refresh period, because every
server's cached reads key on the database's data version."""

import re
import secrets
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from core import formatting
from db.migrate import upgrade
from db.session import dispose_all, writing
from tests.browser.helpers import REPO_ROOT, login, open_section, screenshot
from tests.browser.test_visits_journey import choose, fill, pill, type_date
from tests.servers import start_streamlit

MEETING = "/progress?mode=meeting&from=2018-12-01&to=2018-12-31"
REFRESH_MS = 10_000


@pytest.fixture(scope="module")
def servers(pg_server):
    """Servers A and B on one fresh, migrated and seeded PostgreSQL database, sharing the
    login cookie key (what every replica of a deployment needs)."""
    from seed.loader import load
    from tests.pg import drop_pg_database, new_pg_database

    url = new_pg_database(pg_server)
    upgrade(url)  # once, before any server starts
    with writing(url) as session:
        load(session, "central-2018")
    dispose_all()
    env = {"DATABASE_URL": url, "DICOSO_DEMO": "1", "DICOSO_COOKIE_KEY": secrets.token_urlsafe(48)}
    logs = Path(tempfile.mkdtemp(prefix="dicoso-two-"))
    started = []
    try:
        for name in ("a", "b"):
            started.append(start_streamlit(REPO_ROOT / "app.py", env, logs / f"{name}.log"))
        yield started
    finally:
        for server in started:
            server.stop()
        drop_pg_database(url)


def total_days_figure(page: Page):
    # The headline's figures are the items of one Markdown list (ui/projector.headline): its
    # number, then its label.
    return page.locator(".st-key-meeting_headline li").filter(has_text="Tổng số ngày").locator("h1").first


def total_days(page: Page) -> int:
    figure = total_days_figure(page)
    expect(figure).to_have_text(re.compile(r"\d"))
    return int(re.sub(r"\D", "", figure.inner_text()))


def test_trip_saved_on_one_server_shows_on_the_other_within_the_refresh(servers, page, chromium_browser):
    server_a, server_b = servers
    page.set_viewport_size({"width": 1280, "height": 1400})
    login(page, server_b.url, "lanhdao", path=MEETING)
    expect(page.get_by_text("Tổng số ngày").first).to_be_visible()  # the headline's (the table has one too)
    before = total_days(page)

    cadre = chromium_browser.new_context(viewport={"width": 1280, "height": 2000}, locale="vi-VN")
    try:
        form = cadre.new_page()
        login(form, server_a.url, "canbo", path="/visits?year=2018")
        open_section(form, "Ghi chuyến đi")
        type_date(form, "Ngày đi", "17/12/2018")
        type_date(form, "Ngày về", "19/12/2018")
        choose(form, "Tỉnh/thành phố", "Lào Cai")
        fill(form, "Đơn vị cơ sở", "Huyện Đoàn Bát Xát")
        pill(form, "Kiểm tra, giám sát")
        form.get_by_role("button", name="Lưu chuyến đi").click()
        expect(
            form.get_by_text("Đã lưu chuyến đi 17/12/2018–19/12/2018 tại Huyện Đoàn Bát Xát.")
        ).to_be_visible()
    finally:
        cadre.close()

    # No reload on B: the meeting view's own refresh brings the new figure.
    figure = total_days_figure(page)
    expect(figure).to_have_text(formatting.number(before + 3), timeout=REFRESH_MS + 15_000)
    screenshot(page, "two-servers-meeting-after")
