"""The authorization matrix, table-driven: every page and every guarded service × every
demo role. A new page or write action is one more row here.

Pages: what st.navigation offers a session is exactly core.permissions.PAGE_ROLES.
Services: each action is called for real, as each account, on data of the demo cadre
`canbo` (ban TC); a refusal is PermissionDenied and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import pytest
from sqlalchemy import func, select

from core import submissions, trips
from core.errors import PermissionDenied
from core.i18n import t
from core.permissions import PAGE_ROLES, PAGES
from db.models import AuditEntry, DataVersion
from db.session import reading, writing
from tests.factories import trip_input

ACCOUNTS = ("canbo", "truongban", "lanhdao", "quantri")


@pytest.mark.parametrize("username", ACCOUNTS)
def test_each_account_reaches_exactly_the_pages_of_its_roles(app_as, actor_of, username):
    roles = actor_of(username).roles
    for page in PAGES:
        at = app_as(username, page=page)
        assert not at.exception, f"{username} on /{page}"
        shown = [el.value for el in at.title]
        if PAGE_ROLES[page] & roles:
            assert shown == [t(f"{page}.title", "vi")], f"{username} cannot open /{page}"
        else:
            assert t(f"{page}.title", "vi") not in shown, f"{username} reached /{page}"


@dataclass(frozen=True)
class Action:
    name: str
    call: Callable  # (session, actor, the cadre id of canbo) -> anything
    allowed: frozenset[str]  # demo accounts that may do it on canbo's data
    writes: bool = True


ACTIONS = [
    Action("trip.write", lambda s, actor, cadre_id: trips.record_trip(
        s, actor, cadre_id, trip_input(dt.date(2019, 3, 4), dt.date(2019, 3, 5)),
        submissions.new_id(), today=dt.date(2019, 12, 31)), frozenset({"canbo"})),
    Action("trip.read", lambda s, actor, cadre_id: trips.list_for_cadre(s, actor, cadre_id),
           frozenset({"canbo", "truongban", "lanhdao"}), writes=False),
]


def _footprint(url) -> tuple:
    with reading(url) as s:
        return (s.scalar(select(func.count()).select_from(AuditEntry)),
                s.scalar(select(DataVersion.version)))


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
@pytest.mark.parametrize("username", ACCOUNTS)
def test_each_guarded_action_is_allowed_exactly_to_its_roles(demo_url, actor_of, action, username):
    actor, cadre_id = actor_of(username), actor_of("canbo").cadre_id
    before = _footprint(demo_url)
    if username in action.allowed:
        with writing(demo_url) as s:
            action.call(s, actor, cadre_id)
        if action.writes:
            assert _footprint(demo_url)[0] > before[0], f"{action.name} left no audit entry"
    else:
        with pytest.raises(PermissionDenied):
            with writing(demo_url) as s:
                action.call(s, actor, cadre_id)
        assert _footprint(demo_url) == before, f"refused {action.name} wrote something"
