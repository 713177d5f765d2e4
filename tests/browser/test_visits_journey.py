"""The cadre's journey on /visits in Chromium, at desktop and at phone width: register a
quarter, record a trip (its days shown before saving), report it, and see the days move."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, open_section, screenshot, wait_idle

PAGE = "/visits?year=2018"


def visible(locator):
    return locator.filter(visible=True)


def open_tab(page: Page, name: str) -> None:
    open_section(page, name)


def days_done(page: Page) -> int:
    metric = page.locator('[data-testid="stMetricValue"]').first
    expect(metric).to_have_text(re.compile(r"^\d+/\d+$"))
    return int(metric.inner_text().split("/")[0])


def leave_field(page: Page) -> None:
    """Click outside, as a user taps elsewhere: the field closes and sends its value."""
    page.get_by_role("heading", name="Chuyến đi cơ sở của tôi").click()


def fill(page: Page, label: str, value: str) -> None:
    visible(page.get_by_role("textbox", name=label, exact=True)).fill(value)


def pick(page: Page, label: str, option: str) -> None:
    visible(page.get_by_label(label)).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    leave_field(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` of a select box by typing in its search (ui.place_picker's lists are long)."""
    box = visible(page.get_by_role("combobox", name=label, exact=True))
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def type_date(page: Page, label: str, value: str) -> None:
    """Type dd/mm/yyyy into a date field (a text field: Streamlit's calendar is English only)."""
    field = visible(page.get_by_role("textbox", name=label, exact=True)).first
    field.fill(value)
    field.press("Enter")
    wait_idle(page)


def pill(page: Page, option: str) -> None:
    """Choose one of the trip's content types, shown as pills."""
    visible(page.get_by_test_id("stButtonGroup").locator("button", has_text=option)).first.click()


@pytest.mark.parametrize(
    "width, start, end, content",
    [
        (1280, "17/12/2018", "19/12/2018", "Kiểm tra, giám sát"),
        (390, "24/12/2018", "26/12/2018", "Theo chuyên đề"),
    ],
)
def test_register_record_report_and_the_days_move(app_server, page, width, start, end, content):
    page.set_viewport_size({"width": width, "height": 2000})
    login(page, app_server.url, "canbo", path=PAGE)
    expect(page.get_by_role("heading", name="Chuyến đi cơ sở của tôi")).to_be_visible()
    before = days_done(page)
    screenshot(page, f"visits-progress-{width}")

    open_tab(page, "Đăng ký")
    visible(page.get_by_label("Số ngày dự kiến")).fill("15")
    fill(page, "Địa bàn dự kiến", "Lào Cai; Yên Bái")
    pick(page, "Nội dung đi cơ sở", content)
    visible(page.get_by_role("button", name=re.compile("Gửi đăng ký|Lưu thay đổi"))).click()
    expect(page.get_by_text(re.compile(r"Đã lưu đăng ký quý"))).to_be_visible()
    wait_idle(page)
    screenshot(page, f"visits-registration-{width}")

    open_tab(page, "Ghi chuyến đi")
    type_date(page, "Ngày đi", start)
    type_date(page, "Ngày về", end)
    expect(page.get_by_text("Số ngày được tính: 3 (theo ngày lịch).")).to_be_visible()
    choose(page, "Tỉnh/thành phố", "Lào Cai")
    fill(page, "Đơn vị cơ sở", "Huyện Đoàn Bát Xát")
    pill(page, content)
    fill(page, "Câu hỏi đặt ra trước khi đi", "Thanh niên ở đây cần gì nhất?")
    screenshot(page, f"visits-trip-form-{width}")
    page.get_by_role("button", name="Lưu chuyến đi").click()
    expect(page.get_by_text(f"Đã lưu chuyến đi {start}–{end} tại Huyện Đoàn Bát Xát.")).to_be_visible()
    wait_idle(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll

    open_tab(page, "Báo cáo")
    chosen = visible(page.get_by_role("combobox", name="Chuyến đi", exact=True))
    expect(chosen).to_have_value(re.compile(rf"^{start}–{end} · Huyện Đoàn Bát Xát"))
    fill(page, "Kết quả, thu hoạch", "Thanh niên cần việc làm tại chỗ và vốn vay.")
    fill(page, "Trả lời câu hỏi 1", "Việc làm và vốn vay.")
    fill(page, "Đề xuất, kiến nghị", "Mở lớp dạy nghề ngắn hạn")
    screenshot(page, f"visits-report-form-{width}")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text(re.compile("^Đã gửi báo cáo chuyến"))).to_be_visible()
    wait_idle(page)

    open_tab(page, "Tiến độ")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(re.compile(rf"^{before + 3}/"))
    screenshot(page, f"visits-progress-after-{width}")
