"""The review meeting in a real browser: the projector shows /progress in meeting mode, a trip
is saved meanwhile, and the projector shows it within the refresh period without a reload;
the review page hands out its Word report."""

from __future__ import annotations

import datetime as dt
import io
import time

from docx import Document
from playwright.sync_api import expect

from core import participation, summary, trips
from core.accounts import load_actor
from core.periods import Window
from core.permissions import Actor
from db.models import Cadre
from db.session import reading, writing
from tests.browser.helpers import login, screenshot, wait_idle
from tests.factories import trip_input

WINDOW = "from=2018-06-01&to=2018-07-31"
REFRESH_SECONDS = 10  # app_pages/progress.py


def test_a_trip_saved_during_the_meeting_reaches_the_projector_without_reload(app_server, chromium_browser):
    projector = chromium_browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    desk = chromium_browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        screen = projector.new_page()
        login(screen, app_server.url, "lanhdao", path=f"/progress?{WINDOW}&mode=meeting")
        expect(screen.get_by_role("heading", name="97/111")).to_be_visible(timeout=30_000)
        # The projector's link opens with the sidebar folded; the desk's does not.
        expect(screen.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
        screenshot(screen, "progress-meeting-1920", full_page=False)

        leader = desk.new_page()
        login(leader, app_server.url, "truongban", path=f"/progress?{WINDOW}&tab=cadres")
        expect(leader.get_by_text("Bấm vào một dòng")).to_be_attached(timeout=30_000)  # the own ban's cadres
        wait_idle(leader)
        expect(leader.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")
        screenshot(leader, "progress-ban-leader-1280", full_page=False)

        # One of the 14 who did not go records a trip in the window, while the meeting runs.
        url = app_server.database_url
        with reading(url) as s:
            absent = summary.did_not_go(
                s, load_actor(s, "lanhdao"), Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31))
            )
            cadre = next(s.get(Cadre, a.cadre_id) for a in absent if not a.exemptions)
        own = Actor(0, "test-cadre", cadre.full_name, frozenset({"cadre"}), cadre.id, cadre.ban_id)
        with writing(url) as s:
            trips.save_trip(
                s, own, cadre.id, trip_input(dt.date(2018, 7, 16), dt.date(2018, 7, 18)), "live-1"
            )
        saved = time.monotonic()
        expect(screen.get_by_role("heading", name="98/111")).to_be_visible(
            timeout=(REFRESH_SECONDS + 10) * 1000
        )
        assert time.monotonic() - saved <= REFRESH_SECONDS + 5
        screenshot(screen, "progress-meeting-after-trip-1920", full_page=False)
    finally:
        projector.close()
        desk.close()


def test_review_page_hands_out_the_word_report_of_the_period(app_server, page):
    with reading(app_server.database_url) as s:  # 97/111, or 98/111 after the test above
        part = participation.office_participation(s, Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31)))
    went = f"{part.went}/{part.cadres} cán bộ"
    login(page, app_server.url, "lanhdao", path=f"/review?{WINDOW}")
    expect(page.get_by_text(f"{went} đã tham gia đi công tác cơ sở")).to_be_visible(timeout=30_000)
    wait_idle(page)
    screenshot(page, "review-1280", full_page=False)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Tải báo cáo Word").click()
    doc = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and went in text
    assert download.value.suggested_filename == "so-ket-2018-06-01-2018-07-31.docx"
