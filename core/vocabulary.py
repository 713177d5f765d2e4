"""The domain's fixed vocabularies for the layers above core (ui, pages): the enums of
db.vocabulary and their tuples of codes, so that nothing above core imports `db`."""

from db.vocabulary import (
    CONTENT_TYPES,
    COUNTING_RULES,
    EVALUATION_STATES,
    MAIL_MODES,
    PROPOSAL_STATES,
    RATINGS,
    REGISTRATION_STATES,
    REPORT_STATES,
    REPORTED_STATES,
    ROLES,
    TRIP_STATES,
    ContentType,
    CountingRule,
    EvaluationState,
    MailMode,
    ProposalState,
    Rating,
    RegistrationState,
    ReportState,
    Role,
    TripState,
    codes,
)

__all__ = [
    "CONTENT_TYPES", "COUNTING_RULES", "EVALUATION_STATES", "MAIL_MODES", "PROPOSAL_STATES", "RATINGS",
    "REGISTRATION_STATES", "REPORT_STATES", "REPORTED_STATES", "ROLES", "TRIP_STATES",
    "ContentType", "CountingRule", "EvaluationState", "MailMode", "ProposalState", "Rating",
    "RegistrationState", "ReportState", "Role", "TripState", "codes",
]
