"""The fixed vocabularies the pages offer as choices: content types, counting rules, roles,
ratings, proposal states. Defined with the tables they constrain (db.models); pages take
them from here, so that they need not import the database layer."""

from db.models import CONTENT_TYPES, COUNTING_RULES, PROPOSAL_STATES, RATINGS, ROLES

__all__ = ["CONTENT_TYPES", "COUNTING_RULES", "PROPOSAL_STATES", "RATINGS", "ROLES"]
