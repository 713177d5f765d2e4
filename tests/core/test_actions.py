"""The action registry: every declared action is decided for every role, exactly as the table
below says, and a name that is not declared is an error, never a silent "no"."""

import pytest

from core import actions, pages
from core.actions import Scope
from core.permissions import Actor, CadreRef, bans_for, can, pages_for, require

ME = CadreRef(cadre_id=1, ban_id=10)
COLLEAGUE = CadreRef(cadre_id=2, ban_id=10)
OTHER_BAN = CadreRef(cadre_id=3, ban_id=20)

ROLES = ("cadre", "ban_leader", "office_leader", "admin")


def actor(role):
    # Everyone but the admin is cadre 1 of ban 10; the admin belongs to no ban.
    return Actor(1, "x", "X", frozenset({role}), *((None, None) if role == "admin" else (1, 10)))


# For each role (cadre, ban leader, office leader, admin): the targets on which it holds the action.
C, B, O, A = ROLES  # noqa: E741 - the roles' initials, as the table below reads them
ON_CADRES = {
    "trip.read": {C: {ME}, B: {ME, COLLEAGUE}, O: {ME, COLLEAGUE, OTHER_BAN}, A: set()},
    "trip.write": {C: {ME}, B: {ME}, O: {ME}, A: set()},
    "trip.correct": {C: set(), B: set(), O: {ME, COLLEAGUE, OTHER_BAN}, A: {ME, COLLEAGUE, OTHER_BAN}},
    "report.read": {C: {ME}, B: {ME, COLLEAGUE}, O: {ME, COLLEAGUE, OTHER_BAN}, A: set()},
    "report.write": {C: {ME}, B: {ME}, O: {ME}, A: set()},
    # Files go with the report, and to whoever corrects trips (who may remove them).
    "attachment.read": {
        C: {ME},
        B: {ME, COLLEAGUE},
        O: {ME, COLLEAGUE, OTHER_BAN},
        A: {ME, COLLEAGUE, OTHER_BAN},
    },
    "report.review": {C: set(), B: {COLLEAGUE}, O: {COLLEAGUE, OTHER_BAN}, A: set()},
    "registration.read": {C: {ME}, B: {ME, COLLEAGUE}, O: {ME, COLLEAGUE, OTHER_BAN}, A: set()},
    "registration.write": {C: {ME}, B: {ME}, O: {ME}, A: set()},
    "registration.accept": {C: set(), B: {COLLEAGUE}, O: {COLLEAGUE, OTHER_BAN}, A: set()},
    "evaluation.read": {C: set(), B: {ME, COLLEAGUE}, O: {ME, COLLEAGUE, OTHER_BAN}, A: set()},
    "evaluation.propose": {C: set(), B: {COLLEAGUE}, O: {COLLEAGUE, OTHER_BAN}, A: set()},
    "evaluation.confirm": {C: set(), B: set(), O: {COLLEAGUE, OTHER_BAN}, A: set()},
}
ON_BANS = {
    "ban.detail": {C: set(), B: {10}, O: {10, 20, None}, A: set()},
    # The content of a ban's reports (and the cadres' names): its leader and the office's.
    "report.content": {C: set(), B: {10}, O: {10, 20, None}, A: set()},
    # A proposal assigned to a ban (None: not assigned yet) is followed up by that ban's leader
    # or the office's; only the office's leaders assign it, to a first ban or another.
    "proposal.follow_up": {C: set(), B: {10}, O: {10, 20, None}, A: set()},
}
HELD_BY = {  # office-wide actions and pages: the roles that hold them
    "review.read": {B, O},
    "meeting.write": {O},
    "proposal.assign": {O},
    "admin.roster": {A},
    "admin.trips_import": {A},
    "admin.places": {A},
    "admin.accounts": {A},
    "admin.policy": {A},
    "policy.budget": {O, A},  # the bans' budgets: the admin, or the office leadership
    "admin.backup": {A},
    "admin.audit": {A},
    "page.visits": {C, B, O},
    "page.progress": {B, O},
    "page.review": {B, O},
    "page.evaluations": {B, O},
    "page.admin": {A},
}


def test_the_table_covers_every_declared_action():
    assert set(ON_CADRES) | set(ON_BANS) | set(HELD_BY) == set(actions.REGISTRY)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(actions.REGISTRY.values()), ids=str)
def test_every_declared_action_is_decided_for_each_role(action, role):
    me = actor(role)
    if action.applies_to is Scope.CADRE:
        for target in (ME, COLLEAGUE, OTHER_BAN):
            assert can(me, action, target) is (target in ON_CADRES[action.name][role]), (action, role, target)
        assert not can(None, action, ME)
    elif action.applies_to is Scope.BAN:
        for target in (10, 20, None):
            assert can(me, action, target) is (target in ON_BANS[action.name][role]), (action, role, target)
    else:
        assert can(me, action) is (role in HELD_BY[action.name]), (action, role)
        assert not can(None, action)


@pytest.mark.parametrize("name", ["report.raed", "office.totals", "page.nowhere", "admin.anything", ""])
def test_an_undeclared_action_is_an_error_not_a_no(name):
    with pytest.raises(KeyError, match="no action is declared"):
        actions.named(name)


@pytest.mark.parametrize("name", ["report.read", "report.raed", ""])
def test_an_action_asked_by_its_name_is_an_error_not_a_no(name):
    # Call sites name actions by their object (a typo fails at import); a string, declared or
    # not, is refused whoever asks, logged out too.
    with pytest.raises(TypeError):
        can(actor("office_leader"), name, ME)
    with pytest.raises(TypeError):
        require(actor("admin"), name)
    with pytest.raises(TypeError):
        can(None, name)


def test_a_mistyped_action_attribute_fails_where_it_is_written():
    with pytest.raises(AttributeError):
        actions.REPORT_RAED  # noqa: B018


def test_an_action_is_declared_once():
    with pytest.raises(ValueError):
        actions._declare("trip.read", Scope.CADRE, lambda actor, target: True, "")


def test_the_navigation_and_the_page_actions_read_one_list_of_pages():
    assert [p.address for p in pages.PAGES] == ["visits", "progress", "review", "evaluations", "admin"]
    assert [p.title_key for p in pages.PAGES] == [f"nav.{p.address}" for p in pages.PAGES]
    for role in ROLES:
        assert pages_for(actor(role)) == [p.address for p in pages.PAGES if role in p.roles]
        assert pages_for(actor(role)) == [
            p.address for p in pages.PAGES if can(actor(role), actions.for_page(p.address))
        ]
    assert pages_for(None) == []


@pytest.mark.parametrize(
    "action", [a for a in actions.REGISTRY.values() if a.applies_to is Scope.BAN], ids=str
)
def test_the_bans_a_query_may_read_follow_the_rule_of_a_ban_action(action):
    """bans_for is what a query filters on: None (every ban) exactly for who holds the action on
    every ban, otherwise the bans of the table (the own ban, or none)."""
    for role in ROLES:
        held = ON_BANS[action.name][role]
        assert bans_for(actor(role), action) == (None if None in held else frozenset(held)), (action, role)
    assert bans_for(None, action) == frozenset()
    with pytest.raises(TypeError):
        bans_for(actor("office_leader"), actions.REVIEW_READ)
