"""The fixed vocabularies of the domain, declared once: roles, the states of trips, reports,
registrations, proposals and evaluations, ratings, counting rules and content types.

Each is a `StrEnum`, so a member is the very string the database stores and compares equal
to it (`TripState.DONE == "done"`); their labels live in the message catalogue (and, for
content types, can be renamed per year in the policy). This module imports nothing of the
project, so the models, the migrations' helpers and every layer above can use it.

The tuples below the enums are the same codes as plain strings, in their order of display:
they go where a plain sequence is wanted (CHECK constraints, option lists, `x in CODES`
checks of unvalidated input — `x in SomeEnum` raises TypeError on Python 3.11 for a value
that is not a string).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CADRE = "cadre"
    BAN_LEADER = "ban_leader"
    OFFICE_LEADER = "office_leader"
    ADMIN = "admin"


class ContentType(StrEnum):
    """The four kinds of grassroots work of Guideline 03."""

    THEMATIC = "thematic"
    COORGANISE = "coorganise"
    INSPECTION = "inspection"
    BRANCH_MEETING = "branch_meeting"


class TripState(StrEnum):
    PLANNED = "planned"
    DONE = "done"  # made: only these trips' days count
    CANCELLED = "cancelled"
    REMOVED = "removed"  # recorded by mistake: kept with who, when and why, out of every figure


class ReportState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


class RegistrationState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"


class ProposalState(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class EvaluationState(StrEnum):
    """Derived from an evaluation's row (core.evaluations.state_of), never stored."""

    OPEN = "open"
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"


class Rating(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


class MailMode(StrEnum):
    """Which emails an account gets (core.reminders): everything, the weekly digest only, none."""

    ALL = "all"
    DIGEST = "digest"
    NONE = "none"


class CountingRule(StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"  # only working days (Monday to Friday) count


def codes(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The codes of a vocabulary as plain strings, in declaration order."""
    return tuple(member.value for member in vocabulary)


ROLES = codes(Role)
CONTENT_TYPES = codes(ContentType)
TRIP_STATES = codes(TripState)
REPORT_STATES = codes(ReportState)
REPORTED_STATES = (ReportState.SUBMITTED.value, ReportState.ACCEPTED.value)  # a report in: counted as sent
REGISTRATION_STATES = codes(RegistrationState)
PROPOSAL_STATES = codes(ProposalState)
EVALUATION_STATES = codes(EvaluationState)
RATINGS = codes(Rating)
COUNTING_RULES = codes(CountingRule)
MAIL_MODES = codes(MailMode)
