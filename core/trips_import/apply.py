"""Writing a checked file of past trips, in the caller's one transaction.

`apply` checks the whole file again against the database as it is now (plan.check), keeping
each good row in a temporary file as it is read; only if nothing is wrong does it write the new
trips from there, a chunk at a time: places found or added (core.places), the trips made with
their content types and their days (core.trips.day_flags), their reports and proposals, and an
audit entry per trip naming the file and its row. The kept figures (core.rollups) are then
counted again from the trips by rollups.rebuild, the same counting that keeps them as trips
are made one by one, so every figure is right when the transaction commits.

While it runs no trip of the office can be saved (BEGIN IMMEDIATE on SQLite; on PostgreSQL
the cadres' table is locked against the row locks every trip's save takes), so no trip saved
meanwhile can overlap an imported one or miss the figures counted again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import tempfile
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core import audit, office, places, rollups, submissions
from core.permissions import Actor, require
from core.trips import day_flags
from core.trips_import.parse import Limits, ParsedRow
from core.trips_import.plan import CadreKey, Plan, check
from core.trips_import.read import Source
from db.models import (
    REPORTED_STATES, AuditEntry, Place, Proposal, Trip, TripContentType, TripDay, TripReport,
)

ACTION = "admin.trips_import"
CHUNK = 2000  # rows written per round of statements


@dataclass(frozen=True)
class ImportResult:
    plan: Plan | None
    added: int
    existing: int
    reports: int
    proposals: int
    repeated: bool = False  # the same submission was applied already (a double click)


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


def preview(session: Session, actor: Actor, source: Source, filename: str, today: dt.date | None = None,
            limits: Limits = Limits()) -> Plan:
    """What importing the file would add (per year and ban, new and already there); writes
    nothing, or raises ValidationError naming every problem."""
    require(actor, ACTION)
    office.refuse_demo(session)
    return check(session, source, filename, today, limits)


def apply(session: Session, actor: Actor, source: Source, filename: str, submission_id: str | None = None,
          today: dt.date | None = None, limits: Limits = Limits()) -> ImportResult:
    """Check the whole file against the database as it is now, then write its new trips, in the
    caller's transaction. Nothing is written if anything is wrong (ValidationError)."""
    require(actor, ACTION)
    office.refuse_demo(session)
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("LOCK TABLE cadres IN EXCLUSIVE MODE")
    file_digest = digest(source)
    payload = {"file": file_digest}
    if submission_id and submissions.previous_result(session, submission_id, "trips_import", payload) is not None:
        return ImportResult(None, 0, 0, 0, 0, repeated=True)
    with tempfile.TemporaryFile() as spill:
        def keep(row: ParsedRow, cadre: CadreKey, codes: tuple[str, ...]) -> None:
            pickle.dump((row, cadre.id, cadre.ban_id, codes), spill, pickle.HIGHEST_PROTOCOL)

        plan = check(session, source, filename, today, limits, keep)
        spill.seek(0)
        writer = _Writer(session, actor, filename)
        chunk = []
        for _ in range(plan.rows):
            item = pickle.load(spill)
            if item[0].row in plan.existing_rows:
                continue
            chunk.append(item)
            if len(chunk) == CHUNK:
                writer.write(chunk)
                chunk = []
        if chunk:
            writer.write(chunk)
    if writer.trips:
        rollups.rebuild(conn)
    audit.record(session, actor.username, "trips.import", table="trips", row_id=filename[:64], after={
        "file": filename, "sha256": file_digest, "rows": plan.rows, "added": writer.trips,
        "existing": plan.existing, "reports": writer.reports, "proposals": writer.proposals})
    if submission_id:
        submissions.claim(session, submission_id, "trips_import", payload, writer.trips)
    return ImportResult(plan, writer.trips, plan.existing, writer.reports, writer.proposals)


_TRIP = insert(Trip).returning(*Trip.__table__.columns, sort_by_parameter_order=True)
_REPORT = insert(TripReport).returning(TripReport.id, sort_by_parameter_order=True)


class _Writer:
    """Writes chunks of good rows with a few statements each (executemany)."""

    def __init__(self, session: Session, actor: Actor, filename: str):
        self.conn = session.connection()
        self.session, self.actor, self.filename = session, actor, filename
        self.places = {(p.province, p.district, p.commune, p.host_unit): p.id for p in
                       self.conn.execute(select(Place.id, Place.province, Place.district, Place.commune,
                                                Place.host_unit))}
        self.trips = self.reports = self.proposals = 0

    def place(self, row: ParsedRow) -> int:
        key = (row.province, row.district, row.commune, row.host_unit)
        if key not in self.places:
            self.places[key] = places.get_or_create(self.session, *key).id
        return self.places[key]

    def write(self, chunk: list[tuple[ParsedRow, int, int, tuple[str, ...]]]) -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        rows, days_of = [], []
        for row, cadre_id, ban_id, _codes in chunk:
            days = day_flags(row.start, row.end)
            days_of.append(days)
            sent = _sent_at(row) if row.report_state in REPORTED_STATES else None
            rows.append({
                "cadre_id": cadre_id, "ban_id": ban_id, "place_id": self.place(row), "start_date": row.start,
                "end_date": row.end, "state": "done", "travel_order_no": row.order_no or None,
                "travel_order_date": None, "tags": [], "co_travellers": "", "funding_vnd": row.funding,
                "purpose": "", "version": 1, "created_at": now, "days": len(days),
                "workdays": sum(work for _, work in days), "reported_at": sent,
            })
        stored = [r._asdict() for r in self.conn.execute(_TRIP, rows)]
        self.conn.execute(insert(TripContentType), [
            {"trip_id": trip["id"], "content_type": code} for trip, (_, _, _, codes) in zip(stored, chunk)
            for code in codes])
        self.conn.execute(insert(TripDay), [
            {"trip_id": trip["id"], "day": day, "cadre_id": trip["cadre_id"], "ban_id": trip["ban_id"],
             "is_workday": work} for trip, days in zip(stored, days_of) for day, work in days])
        with_report = [(trip, row) for trip, (row, *_) in zip(stored, chunk)
                       if row.report_state is not None or row.findings or row.proposals]
        if with_report:
            reports = []
            for trip, row in with_report:
                state = row.report_state or "draft"
                sent = _sent_at(row) if state != "draft" else None
                reports.append({"trip_id": trip["id"], "findings": row.findings, "good_models": "",
                                "difficulties": "", "state": state, "return_reason": "", "submitted_at": sent,
                                "accepted_at": sent if state == "accepted" else None, "accepted_by": None,
                                "version": 1})
            ids = [r.id for r in self.conn.execute(_REPORT, reports)]
            # A proposal carries its trip's end once the report is sent (core.reports.mark).
            proposals = [{"report_id": report_id, "text": text, "assigned_ban_id": None, "state": "open",
                          "follow_up": "", "updated_at": now,
                          "trip_end": row.end if row.report_state is not None else None}
                         for report_id, (_, row) in zip(ids, with_report) for text in row.proposals]
            if proposals:
                self.conn.execute(insert(Proposal), proposals)
            self.reports += len(ids)
            self.proposals += len(proposals)
        self.conn.execute(insert(AuditEntry), [
            {"at": now, "actor": self.actor.username, "action": "import", "table_name": "trips",
             "row_id": str(trip["id"]),
             "before": None, "after": {**audit.plain(trip), "file": self.filename, "row": row.row}}
            for trip, (row, *_) in zip(stored, chunk)])
        self.trips += len(stored)


def _sent_at(row: ParsedRow) -> dt.datetime:
    """When a report was sent: the day the file gives, at the start of that day."""
    return dt.datetime.combine(row.report_date, dt.time())
