"""Who may do what: one resolver that every service asks, `can(actor, action, target)`.

The actor is loaded from the database at every script run (core.accounts.load_actor), never
taken from session state alone, so a role removed by an admin stops working at once.
Pages use `can` only to decide what to show; services call `require` before every write and
every read of another person's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import PermissionDenied

# The pages of each role (their addresses are fixed: links and bookmarks use them); the order
# is the navigation's order.
PAGES = ("visits", "progress", "review", "evaluations", "admin")
PAGE_ROLES: dict[str, frozenset[str]] = {
    "visits": frozenset({"cadre", "ban_leader", "office_leader"}),
    "progress": frozenset({"ban_leader", "office_leader"}),
    "review": frozenset({"ban_leader", "office_leader"}),
    "evaluations": frozenset({"ban_leader", "office_leader"}),
    "admin": frozenset({"admin"}),
}


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


def pages_for(actor: Actor) -> list[str]:
    return [p for p in PAGES if PAGE_ROLES[p] & actor.roles]


def _leads(actor: Actor, ban_id: int | None) -> bool:
    return actor.has("ban_leader") and actor.ban_id is not None and actor.ban_id == ban_id


def can(actor: Actor | None, action: str, target: CadreRef | int | None = None) -> bool:
    """May `actor` do `action` on `target`?

    Targets: a CadreRef for data of one cadre (trips, reports, registrations, evaluations),
    a ban id for "ban.*" actions, nothing for office-wide actions.
    """
    if actor is None:
        return False
    if action.startswith("page."):
        return bool(PAGE_ROLES.get(action[5:], frozenset()) & actor.roles)

    if action in ("trip.write", "registration.write", "report.write"):
        # Only the cadre writes their own trips, registrations and reports.
        return isinstance(target, CadreRef) and actor.cadre_id == target.cadre_id
    if action in ("trip.read", "report.read", "registration.read"):
        if not isinstance(target, CadreRef):
            return False
        return (
            actor.cadre_id == target.cadre_id
            or actor.has("office_leader")
            or _leads(actor, target.ban_id)
        )
    if action in ("report.review", "registration.accept", "evaluation.propose"):
        # A leader acts on the cadres of the own ban (office leaders on everyone), never on
        # their own work.
        if not isinstance(target, CadreRef) or actor.cadre_id == target.cadre_id:
            return False
        return actor.has("office_leader") or _leads(actor, target.ban_id)
    if action == "evaluation.read":
        if not isinstance(target, CadreRef):
            return False
        return actor.has("office_leader") or _leads(actor, target.ban_id)
    if action == "evaluation.confirm":
        return actor.has("office_leader") and not (
            isinstance(target, CadreRef) and actor.cadre_id == target.cadre_id
        )
    if action == "ban.detail":
        # Per-cadre figures of a ban: its own leader, or the office leadership.
        return actor.has("office_leader") or _leads(actor, target)
    if action in ("office.totals", "meeting.write", "proposal.follow_up", "review.read"):
        return actor.has("office_leader") or actor.has("ban_leader")
    if action.startswith("admin."):
        return actor.has("admin")
    return False


def require(actor: Actor | None, action: str, target: CadreRef | int | None = None) -> None:
    if not can(actor, action, target):
        raise PermissionDenied()
