"""Checking a file of past trips against the database, and what importing it would do.

Every row is checked, and every problem is named by row and column before anything is
written (the ones a row has on its own come from parse): the cadre's code must be on the
roster; the content types must be labels of the policy of the trip's year; the trip must pass
the rules a trip typed in the form passes (core.trips.validate: dates, length, place, funding,
lengths of text); it may not overlap another trip of the same cadre, in the file or in the
database, and the problem names both. A row whose cadre, start and end match a trip already in
the database is that trip: it is counted as already there and not added again, so importing
the same file twice adds nothing.

The rows are read once; `check` hands each good one to `keep` (core.trips_import.apply spills
them to a temporary file), and holds only a few numbers per row to find overlaps and count the
preview: memory stays bounded whatever the size of the file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import places, policy, trips
from core.errors import FieldError, ValidationError
from core.periods import MAX_TRIP_DAYS
from core.trips_import.parse import LABEL, Limits, ParsedRow, RowError, TripFile, cell_error
from core.trips_import.phases import STREAM, Phases
from db.models import Ban, Cadre, Place, Trip
from db.vocabulary import CONTENT_TYPES

MAX_LISTED = 1000  # problems listed one by one; beyond, their number

# The trip form's fields, as the file's columns (core.trips.validate names the form's).
_FROM_FORM = {
    "visits.field.start": "start",
    "visits.field.end": "end",
    "visits.field.province": "province",
    "visits.field.district": "district",
    "visits.field.commune": "commune",
    "visits.field.host_unit": "host_unit",
    "visits.field.content_types": "content",
    "visits.field.funding": "funding",
    "visits.field.travel_order_no": "order_no",
}


@dataclass(frozen=True)
class YearBan:
    """Trips of one year (of their start) and ban in the file: new, and already there."""

    year: int
    ban_code: str
    ban_name: str
    new: int
    existing: int


@dataclass(frozen=True)
class Plan:
    """What importing the file would do."""

    filename: str
    rows: int  # rows with a trip
    new: int
    existing: int  # trips already in the database (same cadre, start and end): not added again
    reports: int  # reports the new trips bring (sent, accepted, or a draft holding their text)
    proposals: int
    by_year_ban: tuple[YearBan, ...]
    ignored_columns: tuple[str, ...]
    existing_rows: frozenset[int] = frozenset()  # their row numbers


@dataclass(frozen=True)
class CadreKey:
    id: int
    ban_id: int


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


class _Context:
    """What the check reads from the database once: the roster's codes, the bans, each
    year's content-type labels (read when a year first appears)."""

    def __init__(self, session: Session):
        self.session = session
        self.cadres = {
            code: CadreKey(id_, ban)
            for code, id_, ban in session.execute(select(Cadre.code, Cadre.id, Cadre.ban_id))
        }
        self.bans = {
            id_: (code, name) for id_, code, name in session.execute(select(Ban.id, Ban.code, Ban.name))
        }
        self._labels: dict[int, tuple[dict[str, str], str]] = {}

    def labels(self, year: int) -> tuple[dict[str, str], str]:
        """{folded label: code} of the year's policy (its labels in both languages, and the
        codes), and the Vietnamese labels as a problem lists them."""
        if year not in self._labels:
            rules = policy.for_year(self.session, year)
            names = {}
            for code in CONTENT_TYPES:
                for text in (rules.content_label(code, "vi"), rules.content_label(code, "en"), code):
                    names[fold(text)] = code
            self._labels[year] = (names, "; ".join(rules.content_label(c, "vi") for c in CONTENT_TYPES))
        return self._labels[year]


class _Problems:
    def __init__(self):
        self.listed: list[FieldError] = []
        self.more = 0

    def add(self, errors) -> None:
        for error in errors:
            if len(self.listed) < MAX_LISTED:
                self.listed.append(error)
            else:
                self.more += 1

    def raise_any(self) -> None:
        if self.listed:
            more = [FieldError("", "trips_import.error.more", {"count": self.more})] if self.more else []
            raise ValidationError(sorted(self.listed, key=lambda e: getattr(e, "row", 0)) + more)


def trip_input(row: ParsedRow, codes: tuple[str, ...]) -> trips.TripInput:
    """The trip as the form would have it (made, not planned), for core.trips' rules."""
    return trips.TripInput(
        start_date=row.start,
        end_date=row.end,
        province=row.province,
        host_unit=row.host_unit,
        content_types=codes,
        district=row.district,
        commune=row.commune,
        funding_vnd=row.funding,
        travel_order_no=row.order_no,
    )


def _row_problems(ctx: _Context, row: ParsedRow, today: dt.date) -> tuple[CadreKey | None, tuple, list]:
    errors = []
    cadre = ctx.cadres.get(row.cadre_code)
    if cadre is None and row.cadre_code:  # (no code at all was named by parse)
        errors.append(
            cell_error(row.row, "cadre_code", "trips_import.error.unknown_cadre", value=row.cadre_code)
        )
    names, allowed = ctx.labels(row.start.year)
    codes, unknown = [], []
    for label in row.content:
        code = names.get(fold(label))
        if code is None:
            unknown.append(label)
        elif code not in codes:
            codes.append(code)
    for label in unknown:
        errors.append(
            cell_error(
                row.row,
                "content",
                "trips_import.error.unknown_content",
                value=label,
                year=row.start.year,
                allowed=allowed,
            )
        )
    for error in trips.validate(trip_input(row, tuple(codes)), today):
        field = _FROM_FORM.get(error.field)
        # What is missing was named by parse, unknown labels above.
        if field is None or error.message in ("error.required", "visits.error.no_content_type"):
            continue
        errors.append(RowError(LABEL[field], error.message, error.params, row.row))
    return cadre, tuple(codes), errors


def _dates(start: int, end: int) -> tuple[str, str]:
    return (dt.date.fromordinal(start).strftime("%d/%m/%Y"), dt.date.fromordinal(end).strftime("%d/%m/%Y"))


def _overlaps_in_file(keys: list[tuple]) -> list[RowError]:
    """Two rows of one cadre sharing a day (or the same trip twice), naming both rows."""
    errors = []
    keys.sort()
    cadre, reach = None, None  # reach: (end, row, start) of the trip reaching furthest so far
    for k_cadre, start, end, row, *_ in keys:
        if k_cadre != cadre:
            cadre, reach = k_cadre, (end, row, start)
            continue
        if start <= reach[0]:
            other_end, other_row, other_start = reach
            if (start, end) == (other_start, other_end):
                errors.append(
                    cell_error(row, "start", "trips_import.error.repeated_in_file", other=other_row)
                )
            else:
                first, last = _dates(other_start, other_end)
                errors.append(
                    cell_error(
                        row,
                        "start",
                        "trips_import.error.overlap_in_file",
                        other=other_row,
                        start=first,
                        end=last,
                    )
                )
        if end > reach[0]:
            reach = (end, row, start)
    return errors


def _against_database(session: Session, keys: list[tuple]) -> tuple[set[int], list[RowError]]:
    """The rows already in the database (same cadre, start and end), and those overlapping
    another trip of the cadre there (cancelled plans aside), naming it."""
    if not keys:
        return set(), []
    low = dt.date.fromordinal(min(k[1] for k in keys) - MAX_TRIP_DAYS)
    high = dt.date.fromordinal(max(k[2] for k in keys))
    cadres = {k[0] for k in keys}
    stored: dict[int, list[tuple[int, int, int, int]]] = {}
    query = (
        select(Trip.cadre_id, Trip.start_date, Trip.end_date, Trip.id, Trip.place_id)
        .where(Trip.state != "cancelled", Trip.start_date <= high, Trip.end_date >= low)
        .order_by(Trip.cadre_id, Trip.start_date)
    )
    for cadre_id, start, end, trip_id, place_id in session.execute(query):
        if cadre_id in cadres:
            stored.setdefault(cadre_id, []).append((start.toordinal(), end.toordinal(), trip_id, place_id))
    existing, clashes = set(), []
    for cadre_id, start, end, row, *_ in keys:
        trips_of = stored.get(cadre_id)
        if not trips_of:
            continue
        at = bisect.bisect_right(trips_of, (end, float("inf")))
        clash = None
        for other in reversed(trips_of[max(0, at - 64) : at]):  # those starting by this trip's end
            if (other[0], other[1]) == (start, end):
                clash = None
                existing.add(row)
                break
            if other[1] >= start and clash is None:
                clash = other
        if clash is not None and row not in existing:
            clashes.append((row, clash))
    labels = {}
    if clashes:
        ids = {c[3] for _, c in clashes}
        for place in session.execute(
            select(Place.id, Place.province, Place.district, Place.commune, Place.host_unit).where(
                Place.id.in_(ids)
            )
        ):
            labels[place.id] = places.PlaceRow(*place).label()
    errors = []
    for row, (start, end, _trip, place_id) in clashes:
        first, last = _dates(start, end)
        errors.append(
            cell_error(
                row,
                "start",
                "trips_import.error.overlap_in_database",
                start=first,
                end=last,
                place=labels.get(place_id, ""),
            )
        )
    return existing, errors


def check(
    session: Session,
    source,
    filename: str = "",
    today: dt.date | None = None,
    limits: Limits = Limits(),
    keep: Callable[[ParsedRow, CadreKey, tuple[str, ...]], None] | None = None,
    phases: Phases | None = None,
) -> Plan:
    """Read and check the whole file against the database as it is now; the Plan of a good
    file, or a ValidationError naming every problem (row and column). Writes nothing: `keep`
    receives each good row (with its cadre and content-type codes) as it is read."""
    today = today or dt.date.today()
    phases = phases or Phases()
    clock, seconds, cpu = time.perf_counter, phases.seconds, time.process_time()
    ctx = _Context(session)
    file = TripFile(source, filename, today, limits, phases)
    problems = _Problems()
    # Per good row: cadre, start, end (ordinals), row number, ban, report (0/1), proposals.
    keys: list[tuple] = []
    for number, row, errors in phases.timed(iter(file), "parse"):
        started = clock()
        if row is not None:
            cadre, codes, more = _row_problems(ctx, row, today)
            errors = errors + more
        if errors:
            problems.add(errors)
            seconds["check"] += clock() - started
            continue
        has_report = int(row.report_state is not None or bool(row.findings) or bool(row.proposals))
        keys.append(
            (
                cadre.id,
                row.start.toordinal(),
                row.end.toordinal(),
                number,
                cadre.ban_id,
                has_report,
                len(row.proposals),
            )
        )
        checked = clock()
        seconds["check"] += checked - started
        if keep is not None:
            keep(row, cadre, codes)
            seconds["spill"] += clock() - checked
    phases.move("read", "parse")  # the parse's steps include the reader's
    phases.add(STREAM, 0.0, time.process_time() - cpu)
    with phases.phase("overlaps"):
        problems.add(_overlaps_in_file(keys))
        existing, clashes = _against_database(session, keys)
        problems.add(clashes)
    problems.raise_any()
    with phases.phase("plan"):
        return _plan(ctx, file, filename, keys, existing)


def _plan(ctx: _Context, file: TripFile, filename: str, keys: list[tuple], existing: set[int]) -> Plan:
    """The preview of a good file: trips per year and ban, new and already there."""
    counts: Counter = Counter()
    reports = proposals = 0
    for _cadre, start, _end, row, ban_id, has_report, n_proposals in keys:
        old = row in existing
        counts[(dt.date.fromordinal(start).year, ban_id, old)] += 1
        if not old:
            reports += has_report
            proposals += n_proposals
    by_year_ban = []
    for year, ban_id in sorted({(y, b) for y, b, _ in counts}, key=lambda yb: (yb[0], ctx.bans[yb[1]][0])):
        code, name = ctx.bans[ban_id]
        by_year_ban.append(
            YearBan(year, code, name, counts[(year, ban_id, False)], counts[(year, ban_id, True)])
        )
    return Plan(
        filename=filename,
        rows=len(keys),
        new=len(keys) - len(existing),
        existing=len(existing),
        reports=reports,
        proposals=proposals,
        by_year_ban=tuple(by_year_ban),
        ignored_columns=file.ignored,
        existing_rows=frozenset(existing),
    )
