"""Every action a permission is asked for, declared once: its name, what it applies to, and
the rule of who holds it.

Services and pages pass these objects to core.permissions (`require(actor,
actions.TRIP_WRITE, CadreRef(...))`), so a mistyped action is an AttributeError where it is
written, not a silent "no". A name given as a string (`"trip.write"`) is looked up here, and
a name that is not declared raises KeyError.

A rule gets the actor and the target in the form its scope says: a `CadreRef` (or None when
none was given) for a cadre's data, a ban id (None: every ban) for a ban, nothing otherwise.
A rule on a ban holds on None only for an actor who holds it on every ban, and otherwise on
the actor's own ban at most: core.permissions.bans_for turns it into the bans a query may
read (a WHERE on the ban in SQL, never every row filtered in Python).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from core import pages
from db.vocabulary import Role

if TYPE_CHECKING:
    from core.permissions import Actor, CadreRef


class Scope(Enum):
    """What an action applies to, and so what its target is."""

    CADRE = "a cadre's data"  # target: core.permissions.CadreRef
    BAN = "a ban"  # target: a ban id (None: every ban)
    OFFICE = "the office"  # no target
    PAGE = "a page"  # no target


@dataclass(frozen=True)
class Action:
    name: str
    applies_to: Scope
    rule: Callable[..., bool] = field(repr=False, compare=False)  # (actor, target) -> holds it?
    description: str = field(default="", compare=False)

    def __str__(self) -> str:
        return self.name


REGISTRY: dict[str, Action] = {}


def _declare(name: str, applies_to: Scope, rule: Callable[..., bool], description: str) -> Action:
    if name in REGISTRY:
        raise ValueError(f"the action {name!r} is declared twice")
    REGISTRY[name] = action = Action(name, applies_to, rule, description)
    return action


def named(name: str) -> Action:
    """The action declared as `name`; KeyError for a name that is not declared."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no action is declared as {name!r} (core.actions)") from None


# --- Who holds an action ----------------------------------------------------------------------


def _leads(actor: Actor, ban_id: int | None) -> bool:
    return actor.has(Role.BAN_LEADER) and actor.ban_id is not None and actor.ban_id == ban_id


def _the_cadre(actor: Actor, target: CadreRef | None) -> bool:
    """Only the cadre the data belongs to."""
    return target is not None and actor.cadre_id == target.cadre_id


def _the_office_leadership_or_an_admin(actor: Actor, target: CadreRef | None) -> bool:
    """Any cadre's data: the office leadership and the admins (never a ban leader)."""
    return target is not None and (actor.has(Role.OFFICE_LEADER) or actor.has(Role.ADMIN))


def _the_cadre_or_the_leaders(actor: Actor, target: CadreRef | None) -> bool:
    """The cadre, the leader of the cadre's ban, the office leadership."""
    if target is None:
        return False
    return actor.cadre_id == target.cadre_id or actor.has(Role.OFFICE_LEADER) or _leads(actor, target.ban_id)


def _the_leaders(actor: Actor, target: CadreRef | None) -> bool:
    """The leader of the cadre's ban, the office leadership."""
    return target is not None and (actor.has(Role.OFFICE_LEADER) or _leads(actor, target.ban_id))


def _the_leaders_of_another(actor: Actor, target: CadreRef | None) -> bool:
    """A leader acts on the cadres of the own ban (office leaders on everyone), never on
    their own work."""
    if target is None or actor.cadre_id == target.cadre_id:
        return False
    return actor.has(Role.OFFICE_LEADER) or _leads(actor, target.ban_id)


def _an_office_leader_of_another(actor: Actor, target: CadreRef | None) -> bool:
    return actor.has(Role.OFFICE_LEADER) and not (target is not None and actor.cadre_id == target.cadre_id)


def _the_ban_leadership(actor: Actor, ban_id: int | None) -> bool:
    """Per-cadre figures of a ban: its own leader, or the office leadership."""
    return actor.has(Role.OFFICE_LEADER) or _leads(actor, ban_id)


def _any_leader(actor: Actor, _target: None) -> bool:
    return actor.has(Role.OFFICE_LEADER) or actor.has(Role.BAN_LEADER)


def _an_office_leader(actor: Actor, _target: None) -> bool:
    return actor.has(Role.OFFICE_LEADER)


def _an_admin(actor: Actor, _target: None) -> bool:
    return actor.has(Role.ADMIN)


def _opens(page: pages.Page) -> Callable[..., bool]:
    return lambda actor, _target: bool(page.roles & actor.roles)


# --- The actions --------------------------------------------------------------------------------

CADRE, BAN, OFFICE = Scope.CADRE, Scope.BAN, Scope.OFFICE

TRIP_READ = _declare("trip.read", CADRE, _the_cadre_or_the_leaders, "read a cadre's trips")
TRIP_WRITE = _declare("trip.write", CADRE, _the_cadre, "record and change the own trips")
TRIP_CORRECT = _declare(
    "trip.correct", CADRE, _the_office_leadership_or_an_admin, "correct or remove any trip, giving a reason"
)
REPORT_READ = _declare("report.read", CADRE, _the_cadre_or_the_leaders, "read a trip's report")
REPORT_WRITE = _declare("report.write", CADRE, _the_cadre, "write and send the own reports")
# A trip's attached files go with its report (report.read), and to whoever corrects trips
# (trip.correct: the office leadership and the admins): a file is removed by whoever may edit
# the trip, and whoever may remove a file must see what they remove. The admin reads the
# files, never the report's text.
ATTACHMENT_READ = _declare(
    "attachment.read",
    CADRE,
    lambda actor, target: REPORT_READ.rule(actor, target) or TRIP_CORRECT.rule(actor, target),
    "read and download a trip's attached files",
)
REPORT_REVIEW = _declare("report.review", CADRE, _the_leaders_of_another, "return or accept a report")
REGISTRATION_READ = _declare(
    "registration.read", CADRE, _the_cadre_or_the_leaders, "read a cadre's registrations"
)
REGISTRATION_WRITE = _declare("registration.write", CADRE, _the_cadre, "register the own quarters")
REGISTRATION_ACCEPT = _declare("registration.accept", CADRE, _the_leaders_of_another, "accept a registration")
EVALUATION_READ = _declare("evaluation.read", CADRE, _the_leaders, "read an evaluation and its history")
EVALUATION_PROPOSE = _declare("evaluation.propose", CADRE, _the_leaders_of_another, "propose a rating")
EVALUATION_CONFIRM = _declare(
    "evaluation.confirm", CADRE, _an_office_leader_of_another, "confirm, change or reopen a rating"
)
BAN_DETAIL = _declare("ban.detail", BAN, _the_ban_leadership, "see a ban's figures cadre by cadre")
REVIEW_READ = _declare(
    "review.read",
    OFFICE,
    _any_leader,
    "read the period summary (every ban's figures, as counts) and the meeting records",
)
# What the cadres of a ban wrote (findings, good models, difficulties, answers, proposals) and
# who wrote it: the ban's own leader and the office leadership. Other leaders read the ban's
# counts only (how many reports, how many proposals).
REPORT_CONTENT = _declare(
    "report.content", BAN, _the_ban_leadership, "read the content of a ban's reports and who wrote them"
)
MEETING_WRITE = _declare(
    "meeting.write", OFFICE, _an_office_leader, "write or edit a review meeting's record"
)
# The target is the ban the proposal is assigned to (None: not assigned yet, the office's).
PROPOSAL_FOLLOW_UP = _declare(
    "proposal.follow_up",
    BAN,
    _the_ban_leadership,
    "move a proposal assigned to the ban along and note what was done",
)
PROPOSAL_ASSIGN = _declare(
    "proposal.assign", OFFICE, _an_office_leader, "assign a proposal to a ban, or to another"
)
ADMIN_ROSTER = _declare("admin.roster", OFFICE, _an_admin, "edit and import the roster")
ADMIN_PLACES = _declare("admin.places", OFFICE, _an_admin, "map typed province names to the register")
ADMIN_TRIPS_IMPORT = _declare("admin.trips_import", OFFICE, _an_admin, "import past trips from a spreadsheet")
ADMIN_ACCOUNTS = _declare("admin.accounts", OFFICE, _an_admin, "run the accounts")
ADMIN_POLICY = _declare("admin.policy", OFFICE, _an_admin, "set the yearly policy and exemptions")
# The funding budget per ban of a year (core.policy.save_budgets): the admin with the rest of
# the year's policy, or the office leadership, who answers for the money.
BUDGET_SET = _declare(
    "policy.budget", OFFICE, lambda a, t: _an_admin(a, t) or _an_office_leader(a, t), "set the bans' budgets"
)
ADMIN_BACKUP = _declare("admin.backup", OFFICE, _an_admin, "make and restore backups")
ADMIN_AUDIT = _declare("admin.audit", OFFICE, _an_admin, "read the audit log")

# One per page of core.pages, held by the roles that open it: "page.visits" …
PAGE_ACTIONS: dict[str, Action] = {
    page.address: _declare(f"page.{page.address}", Scope.PAGE, _opens(page), f"open /{page.address}")
    for page in pages.PAGES
}


def for_page(address: str) -> Action:
    """The action of opening the page at `address`."""
    return PAGE_ACTIONS[address]
