"""Trips to the grassroots: recording one, moving it through its states, and listing a
cadre's own.

A trip's days are stored one row per calendar day in `trip_days` (only for trips that were
made, state "done"), so every day count — by calendar or working days, clipped to any
window — is an indexed COUNT in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from core import access, actions, audit, limits, places, policy, rollups, submissions
from core.errors import FieldError, NotFound, ValidationError
from core.periods import MAX_TRIP_DAYS, count_days, each_day, is_workday
from core.permissions import Actor, CadreRef, require
from core.text import clean
from db.models import Cadre, Trip, TripContentType, TripDay, TripQuestion
from db.vocabulary import CONTENT_TYPES, TripState

MAX_FUNDING = 2_000_000_000  # VND; fits PostgreSQL's 4-byte integer column
FIRST_YEAR = 2000  # an older date is a typing mistake

# A trip's state machine: (state, action) -> next state. A planned trip is made ("done",
# its days then count) or cancelled. Any trip but a removed one can also be corrected or
# removed (core.trip_changes: "removed", kept out of every figure).
TRANSITIONS: dict[tuple[str, str], str] = {
    (TripState.PLANNED, "done"): TripState.DONE,
    (TripState.PLANNED, "cancel"): TripState.CANCELLED,
}


@dataclass(frozen=True)
class TripInput:
    start_date: dt.date | None
    end_date: dt.date | None
    province: str
    host_unit: str
    content_types: tuple[str, ...]
    district: str = ""
    commune: str = ""
    questions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    co_travellers: str = ""
    funding_vnd: int = 0
    travel_order_no: str = ""
    travel_order_date: dt.date | None = None
    purpose: str = ""
    planned: bool = False

    def cleaned(self) -> TripInput:
        return TripInput(
            start_date=self.start_date,
            end_date=self.end_date,
            province=clean(self.province),
            host_unit=clean(self.host_unit),
            content_types=limits.capped(
                limits.distinct(clean(c) for c in _items(self.content_types)), limits.CONTENT_TYPES
            ),
            district=clean(self.district),
            commune=clean(self.commune),
            questions=limits.capped(
                (q for q in (clean(x, multiline=True) for x in _items(self.questions)) if q), limits.QUESTIONS
            ),
            tags=limits.capped(
                limits.distinct(t for t in (clean(x) for x in _items(self.tags)) if t), limits.TAGS
            ),
            co_travellers=clean(self.co_travellers, multiline=True),
            funding_vnd=self.funding_vnd,
            travel_order_no=clean(self.travel_order_no),
            travel_order_date=self.travel_order_date,
            purpose=clean(self.purpose, multiline=True),
            planned=self.planned,
        )


def _items(value) -> tuple:
    """A list field as a tuple: nothing for None, one item for a lone string or value."""
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        return (value,)
    return tuple(value)


def _is_day(value, today: dt.date) -> bool:
    """A calendar date (not a datetime, not a string) in the years a trip can fall in."""
    return (
        isinstance(value, dt.date)
        and not isinstance(value, dt.datetime)
        and FIRST_YEAR <= value.year <= today.year + 5
    )


def content_type_errors(codes: tuple[str, ...]) -> list[FieldError]:
    """At least one of Guideline 03's content types, and nothing else (trips, registrations)."""
    if not codes:
        return [FieldError("visits.field.content_types", "visits.error.no_content_type")]
    if any(c not in CONTENT_TYPES for c in codes):
        return [FieldError("visits.field.content_types", "visits.error.unknown_content_type")]
    return []


def validate(data: TripInput, today: dt.date) -> list[FieldError]:
    """Every problem of the form at once; an empty list means the trip can be saved."""
    errors: list[FieldError] = []
    for label, value in (("visits.field.start", data.start_date), ("visits.field.end", data.end_date)):
        if value is None:
            errors.append(FieldError(label, "error.required"))
        elif not _is_day(value, today):
            errors.append(FieldError(label, "error.bad_date"))
    if data.travel_order_date is not None and not _is_day(data.travel_order_date, today):
        errors.append(FieldError("visits.field.travel_order_date", "error.bad_date"))
    if not errors:
        if data.end_date < data.start_date:
            errors.append(FieldError("visits.field.end", "visits.error.end_before_start"))
        elif (data.end_date - data.start_date).days >= MAX_TRIP_DAYS:
            errors.append(FieldError("visits.field.end", "visits.error.too_long_trip"))
        if not data.planned and data.end_date > today:
            errors.append(FieldError("visits.field.end", "visits.error.future_not_planned"))
    if not data.province:
        errors.append(FieldError("visits.field.province", "error.required"))
    if not data.host_unit:
        errors.append(FieldError("visits.field.host_unit", "error.required"))
    limits.check(errors, "visits.field.content_types", data.content_types, limits.CONTENT_TYPES)
    errors += content_type_errors(data.content_types)
    if (
        not isinstance(data.funding_vnd, int)
        or isinstance(data.funding_vnd, bool)
        or not 0 <= data.funding_vnd <= MAX_FUNDING
    ):
        errors.append(FieldError("visits.field.funding", "visits.error.bad_funding"))
    for label, value, limit in (
        ("visits.field.province", data.province, limits.PLACE),
        ("visits.field.district", data.district, limits.PLACE),
        ("visits.field.commune", data.commune, limits.PLACE),
        ("visits.field.host_unit", data.host_unit, limits.NAME),
        ("visits.field.travel_order_no", data.travel_order_no, limits.ORDER_NO),
        ("visits.field.co_travellers", data.co_travellers, limits.TEXT),
        ("visits.field.purpose", data.purpose, limits.TEXT),
    ):
        limits.check(errors, label, value, limit)
    limits.check(errors, "visits.field.questions", data.questions, limits.QUESTIONS, each=limits.TEXT)
    limits.check(errors, "visits.field.tags", data.tags, limits.TAGS, each=limits.NAME)
    return errors


# A save runs eighteen small statements on its connection, each built once here: building one,
# and the ORM's unit of work for each row, cost more than running it (docs/performance.md).
_CADRE_FOR_UPDATE = select(Cadre.id, Cadre.ban_id).where(Cadre.id == bindparam("cadre_id")).with_for_update()
_OVERLAP = (
    select(Trip)
    .where(
        Trip.cadre_id == bindparam("cadre_id"),
        Trip.id != bindparam("other_than"),
        Trip.state.not_in((TripState.CANCELLED, TripState.REMOVED)),
        Trip.start_date <= bindparam("end"),
        Trip.end_date >= bindparam("start"),
    )
    .order_by(Trip.start_date)
    .limit(1)
)
_INSERT_TRIP = insert(Trip).returning(*Trip.__table__.columns)


def overlapping_trip(
    session: Session, cadre_id: int, start: dt.date, end: dt.date, other_than: int = 0
) -> Trip | None:
    """Another trip of the same cadre (than the trip `other_than`, when one is corrected) that
    shares a day with [start, end]; cancelled and removed ones aside."""
    return session.scalar(
        _OVERLAP, {"cadre_id": cadre_id, "start": start, "end": end, "other_than": other_than}
    )


def overlap_errors(session: Session, cadre_id: int, data: TripInput, other_than: int = 0) -> list[FieldError]:
    """The overlap of valid `data` with another trip of the cadre, naming that trip."""
    other = overlapping_trip(session, cadre_id, data.start_date, data.end_date, other_than)
    if other is None:
        return []
    return [
        FieldError(
            "visits.field.start",
            "visits.error.overlap",
            {
                "start": other.start_date.strftime("%d/%m/%Y"),
                "end": other.end_date.strftime("%d/%m/%Y"),
                "place": other.place.host_unit or other.place.province,
            },
        )
    ]


def insert_trip(session: Session, cadre_id: int, ban_id: int, data: TripInput) -> dict:
    """Store a new trip of valid, cleaned `data` with its place, content types, questions and,
    if it was made, its days; returns the row as stored."""
    conn = session.connection()
    place = places.get_or_create(
        session, data.province, data.district, data.commune, data.host_unit, on=data.start_date
    )
    days = [] if data.planned else day_flags(data.start_date, data.end_date)
    trip = (
        conn.execute(
            _INSERT_TRIP,
            {
                "cadre_id": cadre_id,
                "ban_id": ban_id,
                "place_id": place.id,
                "start_date": data.start_date,
                "end_date": data.end_date,
                "state": TripState.PLANNED if data.planned else TripState.DONE,
                "travel_order_no": data.travel_order_no or None,
                "travel_order_date": data.travel_order_date,
                "tags": list(data.tags),
                "co_travellers": data.co_travellers,
                "funding_vnd": data.funding_vnd or 0,
                "purpose": data.purpose,
                "days": len(days),
                "workdays": sum(work for _, work in days),
            },
        )
        .one()
        ._asdict()
    )
    conn.execute(
        insert(TripContentType), [{"trip_id": trip["id"], "content_type": c} for c in data.content_types]
    )
    if data.questions:
        conn.execute(
            insert(TripQuestion),
            [{"trip_id": trip["id"], "position": i, "text": q} for i, q in enumerate(data.questions)],
        )
    if days:
        store_days(
            conn,
            rollups.MadeTrip(
                trip["id"],
                cadre_id,
                ban_id,
                place.id,
                place.province_code,
                data.content_types,
                tuple(days),
                data.funding_vnd or 0,
            ),
        )
    return trip


def build_trip(session: Session, cadre: Cadre, data: TripInput) -> Trip:
    """`insert_trip` for the demo data and the tests' factories, which go on with the new trip
    as an object (and may hold the cadre unsaved yet)."""
    session.flush()
    return session.get(Trip, insert_trip(session, cadre.id, cadre.ban_id, data)["id"])


def day_flags(start: dt.date, end: dt.date) -> list[tuple[dt.date, bool]]:
    """Each day of a trip, and whether it is a working day."""
    return [(d, is_workday(d)) for d in each_day(start, end)]


def store_days(conn, trip: rollups.MadeTrip) -> None:
    """The day rows of a trip just made (or corrected: core.trip_changes took its old ones
    away), and the figures kept from them (core.rollups). It has none yet."""
    conn.execute(
        insert(TripDay),
        [
            {
                "trip_id": trip.id,
                "day": d,
                "cadre_id": trip.cadre_id,
                "ban_id": trip.ban_id,
                "is_workday": work,
            }
            for d, work in trip.days
        ],
    )
    rollups.trip_made(conn, trip)


def record_trip(
    session: Session,
    actor: Actor,
    cadre_id: int,
    data: TripInput,
    submission_id: str,
    today: dt.date | None = None,
) -> int:
    """Save a trip of `cadre_id` in the caller's transaction; returns its id.

    Refuses another person's trip, bad input (naming each field), and an overlap with
    another trip of the same cadre (naming it). The same submission id again returns the
    trip saved the first time.
    """
    today = today or dt.date.today()
    # Lock the cadre's row: two trips of one cadre saved at once on PostgreSQL would both
    # pass the overlap check otherwise (SQLite's BEGIN IMMEDIATE already serialises writes).
    cadre = session.execute(_CADRE_FOR_UPDATE, {"cadre_id": cadre_id}).first()
    if cadre is None:
        raise NotFound()
    require(actor, actions.TRIP_WRITE, CadreRef(cadre.id, cadre.ban_id))
    data = data.cleaned()
    payload = _payload(cadre_id, data)
    earlier = submissions.previous_result(session, submission_id, "trip", payload)
    if earlier is not None:
        return earlier
    errors = validate(data, today)
    if not errors:
        errors = overlap_errors(session, cadre_id, data)
    if errors:
        raise ValidationError(errors)
    trip = insert_trip(session, cadre.id, cadre.ban_id, data)
    submissions.claim(session, submission_id, "trip", payload, trip["id"])
    audit.record(session, actor.username, "create", table="trips", row_id=trip["id"], after=audit.plain(trip))
    return trip["id"]


def save_trip(
    session: Session,
    actor: Actor,
    cadre_id: int,
    data: TripInput,
    submission_id: str,
    today: dt.date | None = None,
) -> int:
    """`record_trip` in the caller's transaction; a racing double submit gets the first trip."""
    return submissions.write_once(
        session,
        lambda session: record_trip(session, actor, cadre_id, data, submission_id, today),
        submission_id,
        "trip",
        _payload(cadre_id, data.cleaned()),
    )


def _payload(cadre_id: int, data: TripInput) -> dict:
    return {"cadre": cadre_id, **data.__dict__}


def days_preview(session: Session, start: dt.date | None, end: dt.date | None) -> int:
    """Days a trip would count for, by the policy of its start year (shown before saving)."""
    if not start or not end or end < start:
        return 0
    return count_days(start, end, policy.for_day(session, start).counting_rule)


def change_state(
    session: Session, actor: Actor, trip_id: int, action: str, version: int, today: dt.date | None = None
) -> str:
    """Move a trip along TRANSITIONS ("done" or "cancel"); returns the new state.

    Only the trip's cadre may do it, on the version they read; a trip is marked done only
    once it has ended, and its days are counted from then on.
    """
    today = today or dt.date.today()
    trip = access.load(session, Trip, trip_id, actor, actions.TRIP_WRITE)
    # The cadre's row is locked, as record_trip does: a cadre's trips are counted in the year
    # figures one at a time (core.rollups).
    session.get(Cadre, trip.cadre_id, with_for_update=True)
    session.refresh(trip)  # as it is once the lock is held (a correction may have come first)
    new_state = TRANSITIONS.get((trip.state, action))
    if new_state is None:
        raise ValidationError(
            [FieldError("visits.col.state", "visits.error.bad_transition", {"state": trip.state})]
        )
    access.check_version(trip, version)
    if new_state == TripState.DONE and trip.end_date > today:
        raise ValidationError([FieldError("visits.field.end", "visits.error.not_ended")])
    before = audit.snapshot(trip)
    trip.state = new_state
    trip.version += 1
    if new_state == TripState.DONE:
        days = day_flags(trip.start_date, trip.end_date)
        trip.days, trip.workdays = len(days), sum(work for _, work in days)
        session.flush()
        store_days(
            session.connection(),
            rollups.MadeTrip(
                trip.id,
                trip.cadre_id,
                trip.ban_id,
                trip.place_id,
                trip.place.province_code,
                tuple(c.content_type for c in trip.content_types),
                tuple(days),
                trip.funding_vnd or 0,
            ),
        )
    audit.record(session, actor.username, f"trip.{action}", trip, before=before)
    return new_state
