"""A cadre's first hour on a 390 px phone, in Chromium: a login at the bare address that
survives a reload, a trip planned for next year without the overdue report dropping out of
sight, a report refused for a missing answer with the reason in view, the trips as cards,
and no English word on the Vietnamese screens."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DEFAULT_TIMEOUT_MS, goto, login, open_section, screenshot, wait_idle
from tests.browser.test_visits_journey import choose

HEADING = "Chuyến đi cơ sở của tôi"
PHONE = {"width": 390, "height": 844}
# What Streamlit's own widgets say in English, whatever the app's language.
ENGLISH = re.compile(
    r"Select all|Upload|per file|Choose an option|No results|January|February|March|Sunday|Monday",
)


@pytest.fixture
def phone(chromium_browser):
    context = chromium_browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def english_words(page) -> list[str]:
    return ENGLISH.findall(page.locator('[data-testid="stMain"]').inner_text())


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]


def test_a_login_at_the_bare_address_survives_a_reload(app_server, phone):
    for _ in range(3):  # it used to be lost now and then: try more than once
        phone.context.clear_cookies()
        login(phone, app_server.url, "canbo", path="/")
        expect(phone.get_by_role("heading", name=HEADING)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
        assert [c for c in phone.context.cookies() if c["name"] == "dicoso_auth"]
        phone.reload()
        expect(phone.get_by_role("heading", name=HEADING)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
        expect(phone.get_by_label("Mật khẩu", exact=True)).to_have_count(0)


def test_english_chosen_in_the_sidebar_is_kept_after_a_reload(app_server, phone):
    login(phone, app_server.url, "truongban", path="/visits")
    expect(phone.get_by_role("heading", name=HEADING)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    phone.get_by_test_id("stExpandSidebarButton").click()
    phone.get_by_role("radio", name="English").click()
    expect(phone.get_by_role("heading", name="My grassroots trips")).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    wait_idle(phone)
    phone.reload()  # a new session: the account's stored language
    expect(phone.get_by_role("heading", name="My grassroots trips")).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    wait_idle(phone)
    english, expand = (
        phone.get_by_role("radio", name="English"),
        phone.get_by_test_id("stExpandSidebarButton"),
    )
    expect(english.or_(expand).first).to_be_visible()  # the sidebar open, or its button to open it
    if not english.is_visible():
        expand.click()
    expect(phone.get_by_role("radio", name="English")).to_be_checked()
    phone.get_by_role("radio", name="Tiếng Việt").click()  # back, for the other tests
    expect(phone.get_by_role("heading", name=HEADING)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)


def test_the_cadres_journey_on_a_phone(app_server, phone):
    login(phone, app_server.url, "canbo", path="/visits")
    expect(phone.get_by_role("heading", name=HEADING)).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    screenshot(phone, "phone-progress", full_page=False)
    # The title right under the header bar, not ~130 px below it.
    assert phone.get_by_role("heading", name=HEADING).bounding_box()["y"] < 90
    assert not english_words(phone)

    # A trip next year, the "planned" box left unticked: said to be planned, and saved so.
    next_year = dt.date.today().year + 1
    open_section(phone, "Ghi chuyến đi")
    assert not english_words(phone)
    phone.get_by_label("Ngày đi", exact=True).fill(f"02/03/{next_year}")
    phone.get_by_label("Ngày về", exact=True).fill(f"03/03/{next_year}")
    phone.get_by_label("Ngày về", exact=True).press("Enter")
    expect(phone.get_by_text("chuyến đi dự kiến", exact=False).first).to_be_visible()
    wait_idle(phone)
    choose(phone, "Tỉnh/thành phố", "Lào Cai")  # from the official register (ui.place_picker)
    choose(phone, "Xã/phường", "Xã Bắc Hà")
    phone.get_by_label("Đơn vị cơ sở", exact=True).fill("Huyện Đoàn Bát Xát")
    phone.get_by_test_id("stButtonGroup").locator("button", has_text="Kiểm tra, giám sát").click()
    save = phone.get_by_role("button", name="Lưu chuyến đi")
    save.click()
    saved = phone.get_by_text("Đã lưu chuyến đi", exact=False)
    expect(saved).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    saved.scroll_into_view_if_needed()
    # The confirmation sits right under the button that was tapped.
    assert 0 <= saved.bounding_box()["y"] - save.bounding_box()["y"] < 200
    screenshot(phone, "phone-trip-saved", full_page=False)

    # The page stays on the year of the reports still waiting; next year, they are still told.
    goto(phone, app_server.url, f"/visits?year={next_year}")
    expect(phone.get_by_text("quá hạn báo cáo", exact=False).first).to_be_visible()
    card = phone.locator('[class*="st-key-trip_card_"]').first
    expect(card).to_contain_text("Dự kiến")
    expect(card).to_contain_text("dự kiến, chưa tính ngày")
    expect(card).to_contain_text("Huyện Đoàn Bát Xát")

    # The 2018 trips as cards that fit the phone, each with its state and place.
    goto(phone, app_server.url, "/visits?year=2018")
    cards = phone.locator('[class*="st-key-trip_card_"]')
    expect(cards.first).to_be_visible()
    assert cards.count() >= 5
    for i in range(cards.count()):
        box = cards.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert re.search("Đã đi|Dự kiến|Đã huỷ", cards.nth(i).inner_text())
    screenshot(phone, "phone-cards", full_page=False)

    # A report sent with an answer missing: the reason is in view, beside the answers.
    open_section(phone, "Báo cáo")
    assert not english_words(phone)
    phone.locator("textarea").first.fill("Đoàn xã duy trì sinh hoạt đều.")
    send = phone.get_by_role("button", name="Gửi báo cáo")
    send.scroll_into_view_if_needed()
    send.click()
    error = phone.get_by_text("chưa có câu trả lời", exact=False).first
    expect(error).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    answers = phone.get_by_label(re.compile(r"^Trả lời câu hỏi \d"))
    error_y = error.bounding_box()["y"]
    assert answers.last.bounding_box()["y"] < error_y < send.bounding_box()["y"]
    screenshot(phone, "phone-report-error", full_page=False)
    for i in range(answers.count()):
        answers.nth(i).fill("Đã có câu trả lời.")
    send.click()
    sent = phone.get_by_text("Đã gửi báo cáo", exact=False)
    expect(sent).to_be_visible(timeout=DEFAULT_TIMEOUT_MS)
    assert in_view(phone, sent) or sent.scroll_into_view_if_needed() is None
    # The same report, now read-only: no text box left, its text shown.
    expect(phone.locator("textarea")).to_have_count(0)
    expect(phone.get_by_text("Đoàn xã duy trì sinh hoạt đều.")).to_be_visible()
    screenshot(phone, "phone-report-sent", full_page=False)

    open_section(phone, "Đăng ký")
    assert not english_words(phone)
    # Touch targets: the planned box and the help icons are at least 24 px.
    open_section(phone, "Ghi chuyến đi")
    box = phone.get_by_test_id("stCheckbox").first.locator("label > span + div").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    icon = phone.get_by_test_id("stTooltipHoverTarget").first.bounding_box()
    assert icon["width"] >= 24 and icon["height"] >= 24
