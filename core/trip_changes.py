"""Correcting and removing a trip.

A cadre corrects their own trip (dates, place, content types, questions, funding, travel
order …) and removes a trip recorded by mistake, while its report has not been accepted. The
office leadership and the admins correct or remove any trip, giving a reason; a ban leader
does neither (they accept or return reports).

A removed trip is never deleted: its state becomes "removed", with when, by whom and why, and
it stays in the cadre's history (core.trip_list.list_for_cadre). Every figure counts the trips
made (state "done") or their day rows, so a removed trip is out of all of them.

Every figure follows in the same transaction. A made trip's day rows and kept counts
(core.rollups) are taken away as they were stored, and a corrected trip's are added again by
the same statements as a trip just made (core.trips.store_days); its report's copies on the
trip and its proposals follow (core.reports.mark). The form keeps the version the trip was
read at: a trip changed meanwhile by someone else is refused (Conflict: reload), never
overwritten. Every change leaves the trip before and after, with its place, content types and
questions, in the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core import access, actions, audit, limits, places, reports, rollups, trips
from core.errors import FieldError, NotFound, PermissionDenied, ValidationError
from core.permissions import Actor, CadreRef, can
from core.text import clean
from core.trips import TripInput
from db.models import Cadre, Place, Trip, TripContentType, TripDay, TripQuestion
from db.vocabulary import ReportState, TripState

OWN = "own"  # the trip's cadre, while its report is not accepted: no reason asked
CORRECTION = "correction"  # the office leadership or an admin: a reason is required

EDIT, REMOVE = "edit", "remove"
# The states a trip can be corrected in, and removed from.
CHANGEABLE = {
    EDIT: (TripState.PLANNED, TripState.DONE),
    REMOVE: (TripState.PLANNED, TripState.DONE, TripState.CANCELLED),
}


def mode(
    actor: Actor | None, trip: CadreRef, state: str, report_state: str | None, change: str
) -> str | None:
    """How `actor` may make `change` (EDIT or REMOVE) to a trip of `trip`'s cadre, in `state`,
    its report in `report_state`: as its cadre (OWN), as a correction with a reason
    (CORRECTION), or not at all (None). Pages ask it to decide what to offer; the services ask
    it again before every change."""
    if actor is None or state not in CHANGEABLE[change]:
        return None
    if can(actor, actions.TRIP_WRITE, trip) and report_state != ReportState.ACCEPTED:
        return OWN
    if can(actor, actions.TRIP_CORRECT, trip):
        return CORRECTION
    return None


@dataclass(frozen=True)
class TripToChange:
    """A trip as the correction form opens on it."""

    id: int
    version: int
    state: str
    report_state: str | None
    cadre_name: str
    data: TripInput  # every field as stored, to prefill the form
    edit: str | None  # mode(…, EDIT)
    remove: str | None  # mode(…, REMOVE)


def for_change(session: Session, actor: Actor, trip_id: int) -> TripToChange:
    """The trip `actor` may correct or remove, with every field as stored."""
    trip = _permitted(session, actor, trip_id)
    ref, report_state = access.cadre_of(trip), _report_state(trip)
    return TripToChange(
        id=trip.id,
        version=trip.version,
        state=trip.state,
        report_state=report_state,
        cadre_name=trip.cadre.full_name,
        data=_input_of(trip),
        edit=mode(actor, ref, trip.state, report_state, EDIT),
        remove=mode(actor, ref, trip.state, report_state, REMOVE),
    )


def edit(
    session: Session,
    actor: Actor,
    trip_id: int,
    data: TripInput,
    version: int,
    reason: str = "",
    today: dt.date | None = None,
) -> int:
    """Correct a trip with `data` (every field of the form) in the caller's transaction, on the
    version the form was opened with; returns the new version.

    The trip keeps its state (a planned trip stays planned, a made one made), its cadre and
    its ban. A question kept word for word keeps its answer; a question reworded keeps the
    answer of the question it replaces (in order); a new one starts without. Refuses what
    saving a new trip refuses (naming each field), an overlap with another trip of the cadre,
    and a correction by the office without a reason.
    """
    today = today or dt.date.today()
    trip = _locked(session, actor, trip_id, version)
    how = _mode_or_refuse(actor, trip, EDIT)
    reason = clean(reason, multiline=True)
    data = dataclasses.replace(data, planned=trip.state == TripState.PLANNED).cleaned()
    errors = trips.validate(data, today) + _reason_errors(reason, required=how == CORRECTION)
    if not errors:
        errors = trips.overlap_errors(session, trip.cadre_id, data, other_than=trip.id)
    if errors:
        raise ValidationError(errors)
    before = _snapshot(trip)
    made = trip.state == TripState.DONE
    if made:
        _take_away(session, trip)
    place = places.get_or_create(
        session, data.province, data.district, data.commune, data.host_unit, on=data.start_date
    )
    trip.place = session.get(Place, place.id)
    trip.start_date, trip.end_date = data.start_date, data.end_date
    trip.travel_order_no, trip.travel_order_date = data.travel_order_no or None, data.travel_order_date
    trip.tags, trip.co_travellers, trip.purpose = list(data.tags), data.co_travellers, data.purpose
    trip.funding_vnd = data.funding_vnd or 0
    kept_types = {c.content_type: c for c in trip.content_types}
    trip.content_types = [
        kept_types.get(code) or TripContentType(content_type=code) for code in data.content_types
    ]
    trip.questions = _questions(trip.questions, data.questions)
    trip.version += 1
    if made:
        days = trips.day_flags(trip.start_date, trip.end_date)
        trip.days, trip.workdays = len(days), sum(work for _, work in days)
        session.flush()
        trips.store_days(
            session.connection(),
            rollups.MadeTrip(
                trip.id,
                trip.cadre_id,
                trip.ban_id,
                place.id,
                place.province_code,
                data.content_types,
                tuple(days),
                trip.funding_vnd,
            ),
        )
    if trip.report is not None:
        reports.mark(trip.report)  # its proposals carry the trip's end
    session.flush()
    after = _snapshot(trip) | ({"reason": reason} if reason else {})
    audit.record(
        session,
        actor.username,
        "trip.edit" if how == OWN else "trip.correct",
        trip,
        before=before,
        after=after,
    )
    return trip.version


def remove(
    session: Session, actor: Actor, trip_id: int, version: int, reason: str, now: dt.datetime | None = None
) -> None:
    """Remove a trip recorded by mistake, in the caller's transaction, on the version the form
    was opened with: kept, marked "removed" with who, when and why (a reason is required of
    everyone), and taken out of every figure."""
    trip = _locked(session, actor, trip_id, version)
    _mode_or_refuse(actor, trip, REMOVE)
    reason = clean(reason, multiline=True)
    errors = _reason_errors(reason, required=True)
    if errors:
        raise ValidationError(errors)
    before = _snapshot(trip)
    if trip.state == TripState.DONE:
        _take_away(session, trip)
        trip.days = trip.workdays = 0
    trip.state = TripState.REMOVED
    trip.removed_at = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    trip.removed_by, trip.removed_reason = actor.account_id, reason
    trip.version += 1
    if trip.report is not None:
        reports.mark(trip.report)  # a removed trip's report and proposals count nowhere
    session.flush()
    audit.record(session, actor.username, "trip.remove", trip, before=before, after=_snapshot(trip))


# --- How a change starts -----------------------------------------------------------------------


def _permitted(session: Session, actor: Actor, trip_id: int, **options) -> Trip:
    """The trip, once `actor` is its cadre or holds the office's correction; otherwise
    NotFound or PermissionDenied."""
    trip = access.found(session, Trip, trip_id, **options)
    ref = access.cadre_of(trip)
    if not (can(actor, actions.TRIP_WRITE, ref) or can(actor, actions.TRIP_CORRECT, ref)):
        raise PermissionDenied()
    return trip


def _locked(session: Session, actor: Actor, trip_id: int, version: int) -> Trip:
    """The trip, read after its cadre's row is locked (every writer of a cadre's trips takes
    that lock first: core.trips, core.rollups), at the version the form was opened with."""
    cadre_id = session.scalar(select(Trip.cadre_id).where(Trip.id == trip_id))
    if cadre_id is None:
        raise NotFound()
    session.get(Cadre, cadre_id, with_for_update=True)
    trip = _permitted(session, actor, trip_id, populate_existing=True)
    access.check_version(trip, version)
    return trip


def _mode_or_refuse(actor: Actor, trip: Trip, change: str) -> str:
    how = mode(actor, access.cadre_of(trip), trip.state, _report_state(trip), change)
    if how is not None:
        return how
    if trip.state not in CHANGEABLE[change]:
        raise ValidationError([FieldError("visits.col.state", "trip_change.error.state")])
    raise ValidationError([FieldError("visits.col.report", "trip_change.error.accepted")])


def _reason_errors(reason: str, required: bool) -> list[FieldError]:
    if required and not reason:
        return [FieldError("trip_change.field.reason", "error.required")]
    errors: list[FieldError] = []
    limits.check(errors, "trip_change.field.reason", reason, limits.TEXT)
    return errors


# --- The trip's parts ----------------------------------------------------------------------------


def _report_state(trip: Trip) -> str | None:
    return trip.report.state if trip.report is not None else None


def _take_away(session: Session, trip: Trip) -> None:
    """A made trip's day rows, and what they counted in the kept figures, as they were stored."""
    conn = session.connection()
    days = tuple(
        (day, bool(work))
        for day, work in conn.execute(
            select(TripDay.day, TripDay.is_workday).where(TripDay.trip_id == trip.id).order_by(TripDay.day)
        )
    )
    rollups.trip_unmade(
        conn,
        rollups.MadeTrip(
            trip.id,
            trip.cadre_id,
            trip.ban_id,
            trip.place_id,
            trip.place.province_code,
            tuple(c.content_type for c in trip.content_types),
            days,
            trip.funding_vnd or 0,
        ),
    )
    conn.execute(delete(TripDay).where(TripDay.trip_id == trip.id))


def _questions(old: list[TripQuestion], texts: tuple[str, ...]) -> list[TripQuestion]:
    """The trip's questions for `texts`, in order: a text kept word for word keeps its row (and
    answer), a new text takes the next row left over (a question reworded keeps its answer),
    and only then a new row."""
    by_text: dict[str, list[TripQuestion]] = {}
    for question in old:
        by_text.setdefault(question.text, []).append(question)
    kept = [by_text[text].pop(0) if by_text.get(text) else None for text in texts]
    spare = [q for q in old if all(q is not k for k in kept)]
    rows = []
    for position, (text, row) in enumerate(zip(texts, kept)):
        row = row or (spare.pop(0) if spare else TripQuestion(text=text, answer=""))
        row.text, row.position = text, position
        rows.append(row)
    return rows


def _input_of(trip: Trip) -> TripInput:
    return TripInput(
        start_date=trip.start_date,
        end_date=trip.end_date,
        province=trip.place.province,
        district=trip.place.district,
        commune=trip.place.commune,
        host_unit=trip.place.host_unit,
        content_types=tuple(sorted(c.content_type for c in trip.content_types)),
        questions=tuple(q.text for q in trip.questions),
        tags=tuple(trip.tags or ()),
        co_travellers=trip.co_travellers,
        funding_vnd=trip.funding_vnd,
        travel_order_no=trip.travel_order_no or "",
        travel_order_date=trip.travel_order_date,
        purpose=trip.purpose,
        planned=trip.state == TripState.PLANNED,
    )


def _snapshot(trip: Trip) -> dict:
    """The trip's columns, with its place, content types and questions (the audit's before and
    after)."""
    return audit.snapshot(trip) | {
        "place": {
            "province": trip.place.province,
            "district": trip.place.district,
            "commune": trip.place.commune,
            "host_unit": trip.place.host_unit,
        },
        "content_types": sorted(c.content_type for c in trip.content_types),
        "questions": [q.text for q in trip.questions],
    }
