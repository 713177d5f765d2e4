"""Writing a checked file of past trips, in the caller's one transaction.

`apply` checks the whole file again against the database as it is now (plan.check), keeping
each good row in a temporary file as it is read; only if nothing is wrong does it write the new
trips from there, a chunk at a time: places found or added (core.places), the trips made with
their content types and their days (counted out by the database: Driver.trip_days), their reports and proposals, and an
audit entry per trip naming the file and its row. The kept figures (core.rollups) are then
counted again from the trips by rollups.rebuild, the same counting that keeps them as trips
are made one by one, so every figure is right when the transaction commits.

While it runs no trip of the office can be saved (BEGIN IMMEDIATE on SQLite; on PostgreSQL
the cadres' table is locked against the row locks every trip's save takes), so no trip saved
meanwhile can overlap an imported one or miss the figures counted again. A large import on
PostgreSQL (an office's history: BULK_FROM trips, and at least as many as it holds) writes the
trips, their rows and the kept figures without their secondary indexes and foreign keys, made
again before the commit (Driver.without_indexes): meanwhile the pages reading them wait.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import pickle
import tempfile
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import actions, audit, office, places, rollups, submissions
from core.permissions import Actor, require
from core.trips_import.driver import BULK_FROM, Driver
from core.trips_import.parse import Limits, ParsedRow
from core.trips_import.phases import Phases, Timings
from core.trips_import.plan import CadreKey, Plan, check
from core.trips_import.read import Source
from db.models import REPORTED_STATES, Place, Trip

ACTION = actions.ADMIN_TRIPS_IMPORT
# Written without their indexes in a large import (_Writer.bulk): the trips and their rows,
# then the kept figures, counted again whole.
BULK_TABLES = ("trips", "trip_days", "trip_content_types", "trip_reports")
CHUNK = 2000  # rows written per round of statements


@dataclass(frozen=True)
class ImportResult:
    plan: Plan | None
    added: int
    existing: int
    reports: int
    proposals: int
    repeated: bool = False  # the same submission was applied already (a double click)
    timings: Timings | None = None  # seconds per phase and the peak memory (core.trips_import.phases)


def digest(source: Source) -> str:
    """The file's SHA-256, read in blocks."""
    sha = hashlib.sha256()
    if isinstance(source, bytes):
        sha.update(source)
    else:
        with open(source, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
    return sha.hexdigest()


def preview(
    session: Session,
    actor: Actor,
    source: Source,
    filename: str,
    today: dt.date | None = None,
    limits: Limits = Limits(),
) -> Plan:
    """What importing the file would add (per year and ban, new and already there); writes
    nothing, or raises ValidationError naming every problem."""
    require(actor, ACTION)
    office.refuse_demo(session)
    return check(session, source, filename, today, limits)


def apply(
    session: Session,
    actor: Actor,
    source: Source,
    filename: str,
    submission_id: str | None = None,
    today: dt.date | None = None,
    limits: Limits = Limits(),
) -> ImportResult:
    """Check the whole file against the database as it is now, then write its new trips, in the
    caller's transaction. Nothing is written if anything is wrong (ValidationError)."""
    require(actor, ACTION)
    office.refuse_demo(session)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("LOCK TABLE cadres IN EXCLUSIVE MODE")
        # The kept figures' statements over 100,000 trips are costed high enough for the
        # planner to compile them (JIT), which cost more than running them: 0.5-1 s each.
        conn.exec_driver_sql("SET LOCAL jit = off")
    file_digest = digest(source)
    payload = {"file": file_digest}
    if (
        submission_id
        and submissions.previous_result(session, submission_id, "trips_import", payload) is not None
    ):
        return ImportResult(None, 0, 0, 0, 0, repeated=True)
    with tempfile.TemporaryFile() as spill:
        kept: list = []

        def keep(row: ParsedRow, cadre: CadreKey, codes: tuple[str, ...]) -> None:
            kept.append((tuple(row), cadre.id, cadre.ban_id, codes))
            if len(kept) == CHUNK:
                pickle.dump(kept, spill, pickle.HIGHEST_PROTOCOL)
                kept.clear()

        phases = Phases()
        plan = check(session, source, filename, today, limits, keep, phases)
        with phases.phase("spill"):
            pickle.dump(kept, spill, pickle.HIGHEST_PROTOCOL)
            spill.seek(0)
        writer = _Writer(session, actor, filename, phases)
        writer.large = plan.new >= BULK_FROM and plan.new >= session.scalar(
            select(func.count()).select_from(Trip)
        )
        with phases.phase("write"), writer.bulk(*BULK_TABLES):
            for _ in range(-(-plan.rows // CHUNK)):
                chunk = [
                    (ParsedRow(*row), *rest)
                    for row, *rest in pickle.load(spill)
                    if row[0] not in plan.existing_rows
                ]
                if chunk:
                    writer.write(chunk)
        phases.move("audit", "write")  # the audit rows were timed within
    with phases.phase("rollups"):
        if writer.trips:
            writer.driver.analyze(writer.trips)
            with writer.bulk(*(table.__tablename__ for table in rollups.TABLES)):
                rollups.rebuild(conn)
    audit.record(
        session,
        actor.username,
        "trips.import",
        table="trips",
        row_id=filename[:64],
        after={
            "file": filename,
            "sha256": file_digest,
            "rows": plan.rows,
            "added": writer.trips,
            "existing": plan.existing,
            "reports": writer.reports,
            "proposals": writer.proposals,
        },
    )
    if submission_id:
        submissions.claim(session, submission_id, "trips_import", payload, writer.trips)
    return ImportResult(
        plan, writer.trips, plan.existing, writer.reports, writer.proposals, timings=phases.result()
    )


_PLACE_KEY = ("province", "district", "commune", "host_unit")
_TRIP_COLUMNS = (
    "cadre_id",
    "ban_id",
    "place_id",
    "start_date",
    "end_date",
    "state",
    "travel_order_no",
    "travel_order_date",
    "tags",
    "co_travellers",
    "funding_vnd",
    "purpose",
    "version",
    "created_at",
    "days",
    "workdays",
    "reported_at",
)  # in the order write() gives them


class _Writer:
    """Writes chunks of good rows with a few statements each (executemany)."""

    def __init__(self, session: Session, actor: Actor, filename: str, phases: Phases):
        self.conn = session.connection()
        self.phases = phases
        self.driver = Driver(self.conn)
        self.session, self.actor, self.filename = session, actor, filename
        self.places = {
            (p.province, p.district, p.commune, p.host_unit): p.id
            for p in self.conn.execute(
                select(Place.id, Place.province, Place.district, Place.commune, Place.host_unit)
            )
        }
        self.trips = self.reports = self.proposals = 0
        self.large = False

    def bulk(self, *tables: str):
        """The tables written without their indexes if the import is large: BULK_FROM new
        trips, and at least as many as there were (Driver.without_indexes)."""
        return self.driver.without_indexes(*tables) if self.large else contextlib.nullcontext()

    def add_places(self, chunk) -> None:
        """The chunk's places not stored yet, numbered here and added in one statement. No
        other writer can add one meanwhile: a trip's save adds its place after taking the
        cadre's lock, which this transaction holds (core.places.get_or_create is the
        one-at-a-time way)."""
        new: dict[tuple, dt.date] = {}
        for row, *_ in chunk:
            if (key := (row.province, row.district, row.commune, row.host_unit)) not in self.places:
                new.setdefault(key, row.start)
        if new:
            # Named as the trip form names them: the same codes (core.places.codes) for the
            # same names, so a province typed three ways is one province in every figure.
            keys = list(new)
            ids = self.driver.ids("places", len(keys))
            coded = [places.codes(*key[:3], new[key]) for key in keys]
            self.driver.insert(
                "places",
                ("id", *_PLACE_KEY, "province_code", "commune_code"),
                [(i, *key, c["province_code"], c["commune_code"]) for i, key, c in zip(ids, keys, coded)],
            )
            self.places.update(zip(keys, ids))

    def write(self, chunk: list[tuple[ParsedRow, int, int, tuple[str, ...]]]) -> None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.add_places(chunk)
        driver, places, value = self.driver, self.places, self.driver.value
        # Dates as the driver stores them (ISO text on SQLite), made once per value.
        day_value = dt.date.isoformat if driver.sqlite else _same
        at = driver.value(now)
        ids = driver.ids("trips", len(chunk))
        rows = []
        for trip_id, (row, cadre_id, ban_id, _codes) in zip(ids, chunk):
            start, end = row.start, row.end
            days = (end - start).days + 1
            sent = _sent_at(row) if row.report_state in REPORTED_STATES else None
            rows.append(
                (
                    trip_id,
                    cadre_id,
                    ban_id,
                    places[(row.province, row.district, row.commune, row.host_unit)],
                    day_value(start),
                    day_value(end),
                    "done",
                    row.order_no or None,
                    None,
                    "[]",
                    "",
                    row.funding,
                    "",
                    1,
                    at,
                    days,
                    workdays(start, days),
                    driver.value(sent) if sent else None,
                )
            )
        driver.insert("trips", ("id", *_TRIP_COLUMNS), rows)
        driver.insert(
            "trip_content_types",
            ("trip_id", "content_type"),
            [(trip_id, code) for trip_id, (_, _, _, codes) in zip(ids, chunk) for code in codes],
        )
        # Each trip's days, counted out by the database from the trips just written.
        driver.trip_days(ids)
        with_report = [
            (trip_id, row)
            for trip_id, (row, *_) in zip(ids, chunk)
            if row.report_state is not None or row.findings or row.proposals
        ]
        if with_report:
            report_ids = driver.ids("trip_reports", len(with_report))
            report_of = dict(zip((trip_id for trip_id, _ in with_report), report_ids))
            reports = []
            for report_id, (trip_id, row) in zip(report_ids, with_report):
                state = row.report_state or "draft"
                sent = value(_sent_at(row)) if state != "draft" else None
                reports.append(
                    (
                        report_id,
                        trip_id,
                        row.findings,
                        "",
                        "",
                        state,
                        "",
                        sent,
                        sent if state == "accepted" else None,
                        None,
                        1,
                    )
                )
            driver.insert(
                "trip_reports",
                (
                    "id",
                    "trip_id",
                    "findings",
                    "good_models",
                    "difficulties",
                    "state",
                    "return_reason",
                    "submitted_at",
                    "accepted_at",
                    "accepted_by",
                    "version",
                ),
                reports,
            )
            # A proposal carries its trip's end once the report is sent (core.reports.mark).
            proposals = [
                (
                    report_of[trip_id],
                    text,
                    None,
                    "open",
                    "",
                    value(now),
                    day_value(row.end) if row.report_state is not None else None,
                )
                for trip_id, row in with_report
                for text in row.proposals
            ]
            driver.insert(
                "proposals",
                ("report_id", "text", "assigned_ban_id", "state", "follow_up", "updated_at", "trip_end"),
                proposals,
            )
            self.reports += len(report_of)
            self.proposals += len(proposals)
        with self.phases.phase("audit"):
            # Each trip imported, by whom, from which file and row.
            actor = self.actor.username
            driver.insert(
                "audit_log",
                ("at", "actor", "action", "table_name", "row_id", "before", "after"),
                [
                    (
                        at,
                        actor,
                        "import",
                        "trips",
                        str(trip_id),
                        None,
                        json.dumps(
                            {
                                "cadre_id": r[1],
                                "ban_id": r[2],
                                "place_id": r[3],
                                "start_date": row.start.isoformat(),
                                "end_date": row.end.isoformat(),
                                "state": "done",
                                "funding_vnd": row.funding,
                                "travel_order_no": r[7],
                                "file": self.filename,
                                "row": row.row,
                            }
                        ),
                    )
                    for trip_id, r, (row, *_) in zip(ids, rows, chunk)
                ],
            )
        self.trips += len(ids)


def _same(value):
    return value


def workdays(start: dt.date, days: int) -> int:
    """Monday to Friday among `days` days from `start` (core.periods.is_workday), counted
    without walking them."""
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for i in range(rest) if (first + i) % 7 < 5)


def _sent_at(row: ParsedRow) -> dt.datetime:
    """When a report was sent: the day the file gives, at the start of that day."""
    return dt.datetime.combine(row.report_date, dt.time())
