"""Registrations (đăng ký): the grassroots work a cadre plans for a quarter.

One per cadre and quarter (a UNIQUE key in the database). A cadre registers any quarter that
has not ended; the registration stays editable until its quarter starts or a leader of the
cadre's ban (or of the office) accepts it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import access, actions, audit, limits, submissions
from core.actions import Action
from core.errors import FieldError, ValidationError
from core.periods import quarter_of, quarter_window
from core.permissions import Actor
from core.text import clean
from core.trips import content_type_errors
from db.models import Cadre, Registration
from db.vocabulary import RegistrationState


@dataclass(frozen=True)
class RegistrationInput:
    year: int
    quarter: int
    planned_days: int | None
    places: str
    content_types: tuple[str, ...]
    questions: str = ""

    def cleaned(self) -> RegistrationInput:
        return RegistrationInput(
            year=self.year,
            quarter=self.quarter,
            planned_days=self.planned_days,
            places=clean(self.places, multiline=True),
            content_types=limits.capped(limits.distinct(self.content_types), limits.CONTENT_TYPES),
            questions=clean(self.questions, multiline=True),
        )


@dataclass(frozen=True)
class RegistrationRow:
    id: int
    year: int
    quarter: int
    planned_days: int
    places: str
    content_types: tuple[str, ...]
    questions: str
    state: str
    version: int
    editable: bool


def quarters_shown(year: int, today: dt.date) -> list[tuple[int, int]]:
    """The quarters of the chosen year, then the quarter after today's if it is not among them."""
    shown = [(year, q) for q in range(1, 5)]
    q = quarter_of(today)
    following = (today.year + 1, 1) if q == 4 else (today.year, q + 1)
    return shown if following in shown else shown + [following]


def is_open(year: int, quarter: int, today: dt.date) -> bool:
    """A quarter can still be registered until it ends."""
    return today <= quarter_window(year, quarter).end


def is_editable(state: str, year: int, quarter: int, today: dt.date) -> bool:
    return state != RegistrationState.ACCEPTED and today < quarter_window(year, quarter).start


def _registration(session: Session, actor: Actor, action: Action, registration_id: int) -> Registration:
    """The registration, once `actor` may do `action` on its cadre's registrations."""
    return access.load(
        session,
        Registration,
        registration_id,
        actor,
        action,
        target=lambda reg: access.cadre_of(access.found(session, Cadre, reg.cadre_id)),
    )


def _row(reg: Registration, today: dt.date) -> RegistrationRow:
    return RegistrationRow(
        reg.id,
        reg.year,
        reg.quarter,
        reg.planned_days,
        reg.places,
        tuple(reg.content_types or ()),
        reg.questions,
        reg.state,
        reg.version,
        is_editable(reg.state, reg.year, reg.quarter, today),
    )


def list_for_cadre(
    session: Session,
    actor: Actor,
    cadre_id: int,
    quarters: list[tuple[int, int]],
    today: dt.date | None = None,
) -> dict[tuple[int, int], RegistrationRow]:
    """The cadre's registrations for the given quarters, by (year, quarter)."""
    today = today or dt.date.today()
    access.load(session, Cadre, cadre_id, actor, actions.REGISTRATION_READ)
    years = {y for y, _ in quarters}
    rows = session.scalars(
        select(Registration).where(Registration.cadre_id == cadre_id, Registration.year.in_(years))
    )
    return {(r.year, r.quarter): _row(r, today) for r in rows if (r.year, r.quarter) in quarters}


def validate(data: RegistrationInput) -> list[FieldError]:
    errors = []
    limit = quarter_window(data.year, data.quarter).days
    if data.planned_days is None or not 1 <= data.planned_days <= limit:
        errors.append(
            FieldError("visits.reg.planned_days", "visits.error.bad_planned_days", {"limit": limit})
        )
    if not data.places:
        errors.append(FieldError("visits.reg.places", "error.required"))
    limits.check(errors, "visits.field.content_types", data.content_types, limits.CONTENT_TYPES)
    errors += content_type_errors(data.content_types)
    for label, value in (("visits.reg.places", data.places), ("visits.reg.questions", data.questions)):
        limits.check(errors, label, value, limits.TEXT)
    return errors


def register(
    session: Session,
    actor: Actor,
    cadre_id: int,
    data: RegistrationInput,
    submission_id: str,
    today: dt.date | None = None,
) -> int:
    """A new registration of `cadre_id` for a quarter that has not ended; returns its id."""
    today = today or dt.date.today()
    access.load(session, Cadre, cadre_id, actor, actions.REGISTRATION_WRITE)
    data = data.cleaned()
    payload = _payload(cadre_id, data)
    earlier = submissions.previous_result(session, submission_id, "registration", payload)
    if earlier is not None:
        return earlier
    errors = validate(data)
    if not is_open(data.year, data.quarter, today):
        errors.insert(0, FieldError("visits.reg.quarter", "visits.error.quarter_over"))
    elif (
        session.scalar(
            select(Registration.id).where(
                Registration.cadre_id == cadre_id,
                Registration.year == data.year,
                Registration.quarter == data.quarter,
            )
        )
        is not None
    ):
        errors.insert(0, FieldError("visits.reg.quarter", "visits.error.already_registered"))
    if errors:
        raise ValidationError(errors)
    reg = Registration(
        cadre_id=cadre_id,
        year=data.year,
        quarter=data.quarter,
        planned_days=data.planned_days,
        places=data.places,
        content_types=list(data.content_types),
        questions=data.questions,
        state=RegistrationState.SUBMITTED,
    )
    session.add(reg)
    session.flush()
    submissions.claim(session, submission_id, "registration", payload, reg.id)
    audit.record(session, actor.username, "create", reg)
    return reg.id


def update(
    session: Session,
    actor: Actor,
    registration_id: int,
    data: RegistrationInput,
    version: int,
    today: dt.date | None = None,
) -> int:
    """Change a registration before its quarter starts and before it is accepted."""
    today = today or dt.date.today()
    reg = _registration(session, actor, actions.REGISTRATION_WRITE, registration_id)
    if not is_editable(reg.state, reg.year, reg.quarter, today):
        raise ValidationError([FieldError("visits.reg.quarter", "visits.error.registration_locked")])
    data = data.cleaned()
    if (reg.planned_days, reg.places, tuple(reg.content_types or ()), reg.questions) == (
        data.planned_days,
        data.places,
        data.content_types,
        data.questions,
    ):
        return reg.id  # the same edit again (a double click): nothing to change
    access.check_version(reg, version)
    errors = validate(
        RegistrationInput(
            reg.year, reg.quarter, data.planned_days, data.places, data.content_types, data.questions
        )
    )
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(reg)
    reg.planned_days, reg.places, reg.questions = data.planned_days, data.places, data.questions
    reg.content_types = list(data.content_types)
    reg.version += 1
    audit.record(session, actor.username, "update", reg, before=before)
    return reg.id


def accept(session: Session, actor: Actor, registration_id: int, version: int) -> None:
    """A leader of the cadre's ban (or of the office) accepts a registration; it is then final."""
    reg = _registration(session, actor, actions.REGISTRATION_ACCEPT, registration_id)
    if reg.state != RegistrationState.SUBMITTED:
        raise ValidationError([FieldError("visits.reg.quarter", "visits.error.registration_locked")])
    access.check_version(reg, version)
    before = audit.snapshot(reg)
    reg.state, reg.accepted_by = RegistrationState.ACCEPTED, actor.account_id
    reg.version += 1
    audit.record(session, actor.username, "registration.accept", reg, before=before)


def save(
    session: Session,
    actor: Actor,
    cadre_id: int,
    data: RegistrationInput,
    submission_id: str,
    registration_id: int | None = None,
    version: int = 0,
    today: dt.date | None = None,
) -> int:
    """Register (or, given `registration_id`, update) in the caller's transaction. A double submit
    racing the first one gets the first registration back; another registration of the same
    quarter saved meanwhile is refused."""

    def write(session: Session) -> int:
        if registration_id is None:
            return register(session, actor, cadre_id, data, submission_id, today)
        return update(session, actor, registration_id, data, version, today)

    return submissions.write_once(
        session,
        write,
        submission_id,
        "registration",
        _payload(cadre_id, data.cleaned()),
        lost_race=ValidationError([FieldError("visits.reg.quarter", "visits.error.already_registered")]),
    )


def _payload(cadre_id: int, data: RegistrationInput) -> dict:
    return {"cadre": cadre_id, **data.__dict__}
