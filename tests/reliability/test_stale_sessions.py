"""A run that does not go through app.py (a fragment's refresh, a click inside a fragment) or a
write never acts on a login that has since ended: the account is read again from the database
first (ui.guard), and a deactivated account, one that lost a role, or one whose sessions were
ended gets nothing drawn, writes nothing, and the whole app runs again (app.py logs it out).

AppTest cannot fire a fragment's `run_every`, so the guard is driven here by a small script
that calls a guarded fragment (or a save) as the page would; tests/browser/test_stale_fragment.py
watches the real meeting view refresh in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from core import accounts
from core.accounts import load_actor
from db.models import AuditEntry
from db.session import reading, writing

ROOT = Path(__file__).resolve().parents[2]


def _guarded_fragment_script():
    import streamlit as st

    from ui import guard

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    if st.session_state["runs"] > 1:  # the whole app was asked to run again
        st.write("WHOLE APP AGAIN")
        st.stop()

    def per_cadre_table(me, ban_id):
        st.write(f"PER-CADRE TABLE of ban {ban_id} for {me.username} {sorted(me.roles)}")

    guard.fragment(per_cadre_table, run_every=10)(7)


def _save_script():
    import streamlit as st

    from core import audit
    from ui import forms

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    if st.session_state["runs"] > 1:
        st.write("WHOLE APP AGAIN")
        st.stop()

    def write(session):
        audit.record(session, st.session_state["actor"].username, "probe", table="probe", row_id=0)

    forms.save(write, done="SAVED")


def _logged_in(script, url, username):
    """An AppTest of `script` in a session logged in as `username` since a full run of app.py
    (the state authenticate leaves: the session version recorded, the actor kept)."""
    with reading(url) as s:
        actor = load_actor(s, username)
        version = accounts.session_version(s, username)
    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["_login_recorded"] = username
    at.session_state["_session_version"] = version
    at.session_state["actor"] = actor
    return at


def _texts(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def _admin(url):
    with reading(url) as s:
        return load_actor(s, "quantri")


def _account_id(url, username):
    with reading(url) as s:
        return load_actor(s, username).account_id


def deactivate(url, username):
    with writing(url) as s:
        accounts.set_account_active(s, _admin(url), _account_id(url, username), False)


def remove_leader_role(url, username):
    with writing(url) as s:
        accounts.set_roles(s, _admin(url), _account_id(url, username), ("cadre",))


def end_sessions(url, username):
    with writing(url) as s:
        accounts.end_sessions(s, _admin(url), username)


def reset_password(url, username):
    with writing(url) as s:
        accounts.reset_password(s, _admin(url), _account_id(url, username))


def change_own_password(url, username, current="cosodemo", new="một câu dài dễ nhớ"):
    with reading(url) as s:
        actor = load_actor(s, username)
    with writing(url) as s:
        accounts.change_own_password(s, actor, current, new, new)


def remove_role_behind_the_apps_back(url, username):
    """A role row deleted without the session version moving (a repair by hand, another tool):
    the actor changed, and that is enough."""
    from db.models import Account, AccountRole

    with writing(url) as s:
        account_id = s.scalar(select(Account.id).where(Account.username == username))
        s.execute(
            AccountRole.__table__.delete().where(
                AccountRole.account_id == account_id, AccountRole.role == "ban_leader"
            )
        )


CHANGES = {
    "deactivated": deactivate,
    "role_removed": remove_leader_role,
    "sessions_ended": end_sessions,
    "role_removed_by_hand": remove_role_behind_the_apps_back,
}


def test_a_guarded_fragment_draws_for_an_account_still_signed_in(demo_url):
    at = _logged_in(_guarded_fragment_script, demo_url, "truongban")
    at.run()
    assert not at.exception
    assert "PER-CADRE TABLE of ban 7 for truongban" in _texts(at)
    assert at.session_state["runs"] == 1


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_fragment_run_after_the_login_ended_draws_nothing_and_reruns_the_app(demo_url, change):
    at = _logged_in(_guarded_fragment_script, demo_url, "truongban")
    CHANGES[change](demo_url, "truongban")
    at.run()
    assert not at.exception
    assert "PER-CADRE TABLE" not in _texts(at)
    assert "WHOLE APP AGAIN" in _texts(at)


def _probes(url) -> int:
    with reading(url) as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "probe"))


def test_a_save_by_an_account_still_signed_in_writes(demo_url):
    at = _logged_in(_save_script, demo_url, "truongban")
    at.run()
    assert not at.exception, at.exception
    assert _probes(demo_url) == 1


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_save_after_the_login_ended_writes_nothing_and_reruns_the_app(demo_url, change):
    at = _logged_in(_save_script, demo_url, "truongban")
    CHANGES[change](demo_url, "truongban")
    at.run()
    assert not at.exception, at.exception
    assert _probes(demo_url) == 0
    assert "WHOLE APP AGAIN" in _texts(at)


def test_every_fragment_of_the_app_goes_through_the_guard():
    """A fragment made with st.fragment directly would skip the account check on its reruns."""
    direct = []
    for path in [
        ROOT / "app.py",
        *sorted((ROOT / "app_pages").glob("*.py")),
        *sorted((ROOT / "ui").glob("*.py")),
    ]:
        if path.name == "guard.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(
                r"\bst\.(experimental_)?fragment\b|\bfrom streamlit import .*fragment|\bst\.dialog\b", line
            ):
                direct.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert direct == []


def test_the_meeting_view_uses_the_guarded_fragment():
    source = (ROOT / "app_pages" / "progress.py").read_text(encoding="utf-8")
    assert "guard.fragment(live" in source
