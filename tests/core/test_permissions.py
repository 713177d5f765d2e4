import pytest

from core import actions
from core.errors import PermissionDenied
from core.permissions import PAGE_ROLES, Actor, CadreRef, can, pages_for, require

ME = CadreRef(cadre_id=1, ban_id=10)
COLLEAGUE = CadreRef(cadre_id=2, ban_id=10)
OTHER_BAN = CadreRef(cadre_id=3, ban_id=20)


def actor(*roles, cadre_id=1, ban_id=10):
    return Actor(1, "x", "X", frozenset(roles), cadre_id, ban_id)


def test_pages_follow_roles():
    assert pages_for(actor("cadre")) == ["visits"]
    assert pages_for(actor("ban_leader")) == ["visits", "progress", "review", "evaluations"]
    assert pages_for(actor("office_leader")) == ["visits", "progress", "review", "evaluations"]
    assert pages_for(actor("admin", cadre_id=None, ban_id=None)) == ["admin"]
    assert pages_for(actor("admin", "office_leader")) == list(PAGE_ROLES)


def test_cadre_cannot_read_or_write_trips_of_another_cadre():
    me = actor("cadre")
    assert can(me, actions.TRIP_WRITE, ME) and can(me, actions.TRIP_READ, ME)
    assert not can(me, actions.TRIP_WRITE, COLLEAGUE)
    assert not can(me, actions.TRIP_READ, COLLEAGUE)
    with pytest.raises(PermissionDenied):
        require(me, actions.TRIP_READ, OTHER_BAN)


def test_ban_leader_reads_own_ban_only_and_never_writes_for_others():
    leader = actor("ban_leader")
    assert can(leader, actions.TRIP_READ, COLLEAGUE)
    assert not can(leader, actions.TRIP_READ, OTHER_BAN)
    assert not can(leader, actions.TRIP_WRITE, COLLEAGUE)
    assert can(leader, actions.BAN_DETAIL, 10) and not can(leader, actions.BAN_DETAIL, 20)


def test_leaders_do_not_review_or_evaluate_themselves():
    leader = actor("office_leader")
    assert can(leader, actions.REPORT_REVIEW, OTHER_BAN)
    assert not can(leader, actions.REPORT_REVIEW, ME)
    assert not can(leader, actions.EVALUATION_PROPOSE, ME)
    assert not can(leader, actions.EVALUATION_CONFIRM, ME)


def test_only_office_leaders_confirm_evaluations():
    assert can(actor("office_leader"), actions.EVALUATION_CONFIRM, OTHER_BAN)
    assert not can(actor("ban_leader"), actions.EVALUATION_CONFIRM, COLLEAGUE)


def test_admin_actions_need_the_admin_role():
    assert can(actor("admin"), actions.ADMIN_ROSTER)
    assert not can(actor("office_leader"), actions.ADMIN_ROSTER)


def test_nobody_logged_in_can_do_nothing():
    assert not can(None, actions.for_page("visits"))
    assert not can(None, actions.TRIP_READ, ME)
