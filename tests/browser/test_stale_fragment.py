"""The meeting view's refresh (a fragment rerun, which does not run app.py) re-reads the account:
a ban leader watching the own ban's per-cadre table on /progress in meeting mode loses it at
the next refresh once the account is deactivated, or its leader role removed, and sees the
login instead."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from core import accounts
from core.accounts import load_actor
from db.session import dispose_all, reading, writing
from tests.browser.helpers import login, screenshot, wait_idle

MEETING = "/progress?from=2018-06-01&to=2018-07-31&mode=meeting&tab=cadres"
CADRES_HINT = "Chọn một cán bộ ở ô dưới bảng"  # progress.cadres_hint_meeting: above the table
REFRESH_SECONDS = 10  # app_pages/progress.py


def _as_admin(url, change) -> None:
    with reading(url) as s:
        admin = load_actor(s, "quantri")
        target = load_actor(s, "truongban")
    with writing(url) as s:
        change(s, admin, target)
    dispose_all()


def _deactivate(s, admin, target):
    accounts.set_account_active(s, admin, target.account_id, False)


def _remove_leader_role(s, admin, target):
    accounts.set_roles(
        s, admin, target.account_id, tuple(sorted(target.roles - {"ban_leader"})) or ("cadre",)
    )


def _restore(url) -> None:
    """The account as the demo has it, for the next test of this module's server."""
    from db.models import Account

    with reading(url) as s:
        admin = load_actor(s, "quantri")
        account_id = s.query(Account.id).filter(Account.username == "truongban").scalar()
    with writing(url) as s:
        accounts.set_account_active(s, admin, account_id, True)
        accounts.set_roles(s, admin, account_id, ("ban_leader",))
    dispose_all()


@pytest.mark.parametrize("change", [_deactivate, _remove_leader_role], ids=["deactivated", "role_removed"])
def test_the_meeting_refresh_stops_showing_the_ban_once_the_leader_is_gone(app_server, page, change):
    with reading(app_server.database_url) as s:
        assert load_actor(s, "truongban").has("ban_leader")
    login(page, app_server.url, "truongban", path=MEETING)
    expect(page.get_by_text(CADRES_HINT)).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stTable").first).to_be_visible()
    wait_idle(page)
    try:
        _as_admin(app_server.database_url, change)
        changed = time.monotonic()
        # No click, no reload: only the fragment's own refresh runs.
        expect(page.get_by_label("Mật khẩu", exact=True)).to_be_visible(
            timeout=(2 * REFRESH_SECONDS + 10) * 1000
        )
        assert time.monotonic() - changed <= 2 * REFRESH_SECONDS + 5
        wait_idle(page)
        expect(page.get_by_text(CADRES_HINT)).to_have_count(0)
        expect(page.get_by_test_id("stTable")).to_have_count(0)
        screenshot(page, f"stale-fragment-{change.__name__.strip('_')}", full_page=False)
    finally:
        _restore(app_server.database_url)
