"""A real office in Chromium, built as README's "Starting a real office" says (--new-office, the
roster, the past trips; the bans as the admin makes them), served without demo mode: its name on
the login page, no demo hint, every demo account refused with the demo's password, and the
office leader's first login — the one-time password changed — down to the imported year's
figures on /review."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from db.session import dispose_all
from tests import offices
from tests.browser.helpers import REPO_ROOT, goto, login, open_section, screenshot, wait_idle
from tests.servers import start_streamlit

DEMO_USERNAMES = ("quantri", "lanhdao", "truongban", "canbo")
NEW_PASSWORD = "Lũng Cú cột cờ 2023"


@pytest.fixture(scope="module")
def hg_server():
    folder = Path(tempfile.mkdtemp(prefix="dicoso-office-"))
    url = f"sqlite:///{folder / 'dicoso.db'}"
    built = offices.build(url, folder)
    dispose_all()
    env = {"DATABASE_URL": url, "DICOSO_COOKIE_KEY": secrets.token_urlsafe(48), "DICOSO_DEMO": ""}
    server = start_streamlit(REPO_ROOT / "app.py", env, folder / "streamlit.log")
    try:
        yield server, built
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_the_login_page_names_the_office_and_no_demo_account_opens_it(hg_server, page):
    server, _ = hg_server
    goto(page, server.url)
    expect(page.get_by_role("heading", name=offices.NAME)).to_be_visible()
    expect(page.get_by_text("cosodemo")).to_have_count(0)
    screenshot(page, "office-login")
    for username in DEMO_USERNAMES:
        login(page, server.url, username, "cosodemo", expect_success=False)
        expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible()
        expect(page.get_by_label("Mật khẩu", exact=True)).to_be_visible()  # still the login form


def test_the_office_leader_changes_the_password_and_sees_the_imported_year_on_review(hg_server, page):
    server, built = hg_server
    login(page, server.url, "bithu", built.passwords["bithu"], path="/review?from=2023-01-01&to=2023-12-31")
    expect(page.get_by_role("heading", name="Đổi mật khẩu")).to_be_visible()
    page.get_by_label("Mật khẩu hiện tại", exact=True).fill(built.passwords["bithu"])
    page.get_by_label("Mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    wait_idle(page)
    expect(page.get_by_label("Mật khẩu mới", exact=True)).to_have_count(0)
    goto(page, server.url, "/review?from=2023-01-01&to=2023-12-31")
    expect(page.get_by_text(f"{offices.WENT_2023}/5 cán bộ đã tham gia đi công tác cơ sở")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text(offices.NAME)).to_be_visible()
    wait_idle(page)
    screenshot(page, "office-review-2023")


ROSTER = (
    "Mã cán bộ,Họ và tên,Mã ban,Chức vụ,Thuộc đối tượng 1+2 (Có/Không),Ngày vào (dd/mm/yyyy)\n"
    "HG006,Vàng Thị Mỷ,PT,Chuyên viên,Có,01/09/2024\n"
)


def test_the_admin_changes_the_password_uploads_a_roster_and_finds_the_new_cadre(hg_server, page, tmp_path):
    server, built = hg_server
    roster = tmp_path / "danh-sach.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    login(page, server.url, offices.ADMIN, built.passwords[offices.ADMIN], path="/admin")
    page.get_by_label("Mật khẩu hiện tại", exact=True).fill(built.passwords[offices.ADMIN])
    page.get_by_label("Mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    wait_idle(page)
    expect(page.get_by_label("Mật khẩu mới", exact=True)).to_have_count(0)
    expect(page.get_by_text("Tệp danh sách cán bộ")).to_be_visible()  # /admin, asked for at login
    wait_idle(page)
    page.wait_for_timeout(500)  # the new login cookie is written by a component, which reruns the page
    wait_idle(page)
    page.locator('input[type="file"]').first.set_input_files(str(roster))
    expect(page.get_by_text("Thêm 1 cán bộ, cập nhật 0")).to_be_visible(timeout=15_000)
    wait_idle(page)
    screenshot(page, "office-roster-preview")
    page.get_by_role("button", name="Xác nhận nhập danh sách").click()
    expect(page.get_by_text("Đã nhập: thêm 1, cập nhật 0")).to_be_visible()
    expect(page.get_by_text("Mật khẩu dùng một lần của các tài khoản mới")).to_be_visible()
    open_section(page, "Ban và cán bộ")
    expect(page.get_by_text("3 ban, 6 cán bộ")).to_be_visible()
