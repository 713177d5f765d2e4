"""The admin's journey in Chromium on the demo: a roster upload refused (an office's roster goes
into an office's database only); reset a password and see the one-time password once."""

from pathlib import Path

from playwright.sync_api import expect

from tests.browser.helpers import login, open_section, screenshot, wait_idle

ROSTER = (
    "Mã cán bộ,Họ và tên,Mã ban,Chức vụ,Thuộc đối tượng 1+2 (Có/Không),Ngày vào (dd/mm/yyyy),Email\n"
    "MOI01,Hoàng Văn Mới,TC,Chuyên viên,Có,01/09/2018,moi@doan.vn\n"
)


def test_a_roster_upload_into_the_demo_is_refused_naming_the_commands_that_leave_it(
    app_server, page, tmp_path: Path
):
    """An office's roster never goes into the demo's data (tests/browser/test_new_office.py
    uploads one into an office of its own)."""
    roster = tmp_path / "danh-sach.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    login(page, app_server.url, "quantri", path="/admin")
    expect(page.get_by_text("Tệp danh sách cán bộ")).to_be_visible()
    page.locator('input[type="file"]').first.set_input_files(str(roster))
    expect(page.get_by_text("chưa có gì được ghi")).to_be_visible()
    expect(page.get_by_role("button", name="Xác nhận nhập danh sách")).to_have_count(0)
    wait_idle(page)
    screenshot(page, "admin-roster-refused-on-demo")


def test_admin_resets_a_password_and_sees_it_once(app_server, page):
    login(page, app_server.url, "quantri", path="/admin")
    open_section(page, "Tài khoản")
    expect(page.get_by_role("button", name="Cấp lại mật khẩu")).to_be_visible()
    page.get_by_role("button", name="Cấp lại mật khẩu").click()
    # One click only asks; the reset happens once confirmed.
    expect(page.get_by_text("Cấp lại mật khẩu cho canbo?")).to_be_visible()
    expect(page.get_by_text("Mật khẩu dùng một lần của canbo")).to_have_count(0)
    page.get_by_role("button", name="Đồng ý cấp lại").click()
    notice = page.get_by_text("Mật khẩu dùng một lần của canbo")
    expect(notice).to_be_visible()
    wait_idle(page)
    screenshot(page, "admin-password-reset")
    open_section(page, "Nhật ký")
    expect(page.get_by_text("reset_password").first).to_be_attached()
