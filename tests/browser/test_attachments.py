"""Files in Chromium: at phone width a cadre attaches a photo and a PDF to a new trip and a
thematic report to its report, and sees the thumbnails; at projector width the office leader
sees the period's count on /review and downloads its thematic reports as one zip."""

import io
import os
import re
import zipfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, open_section, screenshot, wait_idle
from tests.browser.test_visits_journey import choose, fill, pill, type_date, visible

SHOTS = Path(os.environ.get("DICOSO_SHOTS", "")) if os.environ.get("DICOSO_SHOTS") else None
PDF = b"%PDF-1.4\n" + b"0" * 4000 + b"\n%%EOF\n"


def photo() -> bytes:
    image = Image.new("RGB", (2000, 1500), (30, 110, 60))
    for x in range(0, 2000, 100):  # stripes, to see the thumbnail is the photo
        image.paste((240, 200, 40), (x, 0, x + 40, 1500))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def shot(page: Page, name: str) -> None:
    screenshot(page, name)
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_cadre_attaches_files_at_phone_width_and_the_leader_downloads_the_zip(app_server, page):
    page.set_viewport_size({"width": 390, "height": 3400})
    login(page, app_server.url, "canbo", path="/visits?year=2018")
    open_section(page, "Ghi chuyến đi")
    type_date(page, "Ngày đi", "03/12/2018")
    type_date(page, "Ngày về", "04/12/2018")
    choose(page, "Tỉnh/thành phố", "Cà Mau")
    fill(page, "Đơn vị cơ sở", "Xã Đoàn Tân Thành")
    pill(page, "Theo chuyên đề")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        [
            {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": photo()},
            {"name": "giay-cong-tac.pdf", "mimeType": "application/pdf", "buffer": PDF},
        ]
    )
    expect(page.get_by_text("giay-cong-tac.pdf")).to_be_visible()
    wait_idle(page)
    shot(page, "attachments-trip-form-390")
    page.get_by_role("button", name="Lưu chuyến đi").click()
    expect(page.get_by_text("Đã lưu chuyến đi 03/12/2018–04/12/2018 tại Xã Đoàn Tân Thành.")).to_be_visible(
        timeout=60_000
    )
    wait_idle(page)

    open_section(page, "Báo cáo")
    chosen = visible(page.get_by_role("combobox", name="Chuyến đi", exact=True))
    if not re.match(r"^03/12/2018", chosen.input_value()):
        chosen.click()
        page.get_by_role("option", name=re.compile(r"^03/12/2018")).click()
        wait_idle(page)
    expect(page.locator('[data-testid="stImage"] img')).to_have_count(1)
    uploaders = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploaders.last.set_input_files(
        [{"name": "bao-cao-chuyen-de.pdf", "mimeType": "application/pdf", "buffer": PDF + b"chuyen de"}]
    )
    wait_idle(page)
    page.get_by_role("button", name="Đính kèm").last.click()
    expect(page.get_by_text("Đã đính kèm 1 tệp.")).to_be_visible(timeout=60_000)
    wait_idle(page)
    expect(page.get_by_text("bao-cao-chuyen-de.pdf")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    shot(page, "attachments-report-panel-390")

    page.context.clear_cookies()
    leader = page.context.browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    try:
        review = leader.new_page()
        login(review, app_server.url, "lanhdao", path="/review?from=2018-12-01&to=2018-12-31")
        expect(
            review.get_by_text(re.compile(r"^1 chuyên đề khảo sát đính kèm; 1 ảnh, 3 tệp"))
        ).to_be_visible()
        shot(review, "attachments-review-1920")
        with review.expect_download() as download:
            review.get_by_role("button", name=re.compile(r"Tải các báo cáo chuyên đề \(1 tệp")).click()
        archive = zipfile.ZipFile(download.value.path())
        assert [archive.read(n) for n in archive.namelist()] == [PDF + b"chuyen de"]
    finally:
        leader.close()
