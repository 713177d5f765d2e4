"""Who may do what: one resolver that every service asks, `can(actor, action, target)`.

The actions and the rule of who holds each are declared in core.actions; the pages and the
roles that open them in core.pages. The actor is loaded from the database at every script run
(core.accounts.load_actor), never taken from session state alone, so a role removed by an
admin stops working at once. Pages use `can` only to decide what to show; services call
`require` before every write and every read of another person's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import actions, pages
from core.actions import Action, Scope
from core.errors import PermissionDenied

# The pages' addresses in the navigation's order and the roles of each, as core.pages declares them.
PAGES: tuple[str, ...] = pages.ADDRESSES
PAGE_ROLES: dict[str, frozenset[str]] = {p.address: p.roles for p in pages.PAGES}


@dataclass(frozen=True)
class Actor:
    account_id: int
    username: str
    name: str
    roles: frozenset[str]
    cadre_id: int | None = None
    ban_id: int | None = None
    language: str = "vi"

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class CadreRef:
    """What a rule needs to know about the cadre a piece of data belongs to."""

    cadre_id: int
    ban_id: int


def action_of(action: Action) -> Action:
    """The action asked, checked to be one of core.actions' objects: call sites name an action
    by its attribute (`actions.REPORT_READ`), so a typo fails where it is written, and a
    string, even a declared name, is an error rather than a silent "no"."""
    if isinstance(action, Action):
        return action
    raise TypeError(f"not an action of core.actions: {action!r}")


def can(actor: Actor | None, action: Action, target: CadreRef | int | None = None) -> bool:
    """May `actor` do `action` on `target`?

    Targets, by what the action applies to: a CadreRef for data of one cadre (trips, reports,
    registrations, evaluations), a ban id for a ban, nothing for the office and for pages.
    """
    action = action_of(action)  # before the actor: a mistyped name fails for everyone
    if actor is None:
        return False
    if action.applies_to is Scope.CADRE:
        target = target if isinstance(target, CadreRef) else None
    elif action.applies_to is not Scope.BAN:
        target = None
    return bool(action.rule(actor, target))


def require(actor: Actor | None, action: Action, target: CadreRef | int | None = None) -> None:
    if not can(actor, action, target):
        raise PermissionDenied()


def bans_for(actor: Actor | None, action: Action) -> frozenset[int] | None:
    """The bans on which `actor` holds an action on a ban: None for every ban, otherwise a set
    (the own ban, or nothing). A query reads only these bans' rows (core.access.in_bans)."""
    action = action_of(action)
    if action.applies_to is not Scope.BAN:
        raise TypeError(f"{action.name} does not apply to a ban")
    if can(actor, action, None):
        return None
    if actor is not None and actor.ban_id is not None and can(actor, action, actor.ban_id):
        return frozenset({actor.ban_id})
    return frozenset()


def pages_for(actor: Actor | None) -> list[str]:
    """The addresses of the pages `actor` may open, in the navigation's order."""
    return [p.address for p in pages.PAGES if can(actor, actions.for_page(p.address))]
