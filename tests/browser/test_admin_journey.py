"""The admin's journey in Chromium: upload a roster, read the preview, confirm, find the new
cadre; reset a password and see the one-time password once."""

from pathlib import Path

from playwright.sync_api import expect

from tests.browser.helpers import login, open_section, screenshot, wait_idle

ROSTER = ("Mã cán bộ,Họ và tên,Mã ban,Chức vụ,Thuộc đối tượng 1+2 (Có/Không),Ngày vào (dd/mm/yyyy),Email\n"
          "MOI01,Hoàng Văn Mới,TC,Chuyên viên,Có,01/09/2018,moi@doan.vn\n")


def test_admin_uploads_a_roster_previews_it_and_finds_the_new_cadre(app_server, page, tmp_path: Path):
    roster = tmp_path / "danh-sach.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    login(page, app_server.url, "quantri", path="/admin")
    expect(page.get_by_text("Tệp danh sách cán bộ")).to_be_visible()
    page.locator('input[type="file"]').first.set_input_files(str(roster))
    expect(page.get_by_text("Thêm 1 cán bộ, cập nhật 0")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Cho 116 cán bộ không có trong tệp ngừng hoạt động",
                            exact=False)).not_to_be_checked()
    wait_idle(page)
    screenshot(page, "admin-roster-preview")
    page.get_by_role("button", name="Xác nhận nhập danh sách").click()
    expect(page.get_by_text("Đã nhập: thêm 1, cập nhật 0")).to_be_visible()
    expect(page.get_by_text("Mật khẩu dùng một lần của các tài khoản mới")).to_be_visible()
    wait_idle(page)
    screenshot(page, "admin-roster-imported")
    open_section(page, "Ban và cán bộ")
    expect(page.get_by_text("Cán bộ cần sửa")).to_be_visible()
    expect(page.get_by_text("11 ban, 117 cán bộ")).to_be_visible()  # 116 + the new one
    picker = page.get_by_role("combobox", name="Cán bộ cần sửa")
    picker.click()
    picker.press_sequentially("MOI01")
    page.get_by_role("option", name="MOI01 — Hoàng Văn Mới").click()
    wait_idle(page)
    expect(page.get_by_role("textbox", name="Họ và tên")).to_have_value("Hoàng Văn Mới")
    screenshot(page, "admin-roster-cadres")


def test_admin_resets_a_password_and_sees_it_once(app_server, page):
    login(page, app_server.url, "quantri", path="/admin")
    open_section(page, "Tài khoản")
    expect(page.get_by_role("button", name="Cấp lại mật khẩu")).to_be_visible()
    page.get_by_role("button", name="Cấp lại mật khẩu").click()
    notice = page.get_by_text("Mật khẩu dùng một lần của canbo")
    expect(notice).to_be_visible()
    wait_idle(page)
    screenshot(page, "admin-password-reset")
    open_section(page, "Nhật ký")
    expect(page.get_by_text("reset_password").first).to_be_attached()
