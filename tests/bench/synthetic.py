"""Synthetic offices for the benchmarks and the query-plan tests, built with the app's models.

`populate(url, cadres, trips)` fills an empty, migrated database (SQLite or PostgreSQL) with
bulk inserts (SQLAlchemy Core `insert()` executemany, in chunks): bans, places, cadres,
accounts, policies, registrations, exemptions, trips with their content types and, for trips
made, one `trip_days` row per day (what core.trips.insert_trip stores), reports,
proposals and review meetings. Trips of one cadre never overlap. Every random choice comes
from one `random.Random(seed)`, so a size always gives the same office.

`cached_sqlite(size)` returns an SQLite file under data/bench/ named after the size and
GENERATOR_VERSION, generating it only when missing (bump the version when the data changes).

The office's accounts are those of the demo (`lanhdao` office leader, `truongban` leader of
the first ban, `canbo` a cadre of it; password `cosodemo`), so a bench run logs in the same way.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select, text

from core import admin_units, reports, rollups
from core.accounts import hash_password
from core.periods import Window, each_day, is_workday
from core.trips_import.driver import Driver
from db.models import (
    CONTENT_TYPES,
    Account,
    AccountRole,
    Ban,
    Base,
    Cadre,
    Exemption,
    Place,
    Policy,
    Proposal,
    Registration,
    ReviewMeeting,
    Setting,
    Trip,
    TripContentType,
    TripDay,
    TripReport,
)
from db.session import ROOT

GENERATOR_VERSION = 5  # 5: the places carry their province codes (migration 0020)
BENCH_DIR = ROOT / "data" / "bench"

YEARS = (2022, 2023, 2024)
MEETING_WINDOW = Window(dt.date(2024, 6, 1), dt.date(2024, 7, 31))  # two months, as in seed 000
YEAR_WINDOW = Window(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@dataclass(frozen=True)
class Size:
    name: str
    cadres: int
    trips: int


SIZES = {
    "tiny": Size("tiny", 200, 4_000),
    "ci": Size("ci", 5_000, 100_000),
    "large": Size("large", 50_000, 1_000_000),
}

CHUNK = 20_000
# Written straight through the database's driver (core.trips_import.driver, as the trips
# import writes): the day rows and content types are most of the office's rows, and
# SQLAlchemy's work on each row's parameters cost more than their insert. Plain values only
# (ids, dates, booleans, short text): nothing for SQLAlchemy to serialise or default.
DIRECT = (TripDay.__table__, TripContentType.__table__)
SQLITE_CACHE_KIB = 1_048_576  # the build's page cache: the large office's indexes stay in memory
PASSWORD = "cosodemo"
ACCOUNTS = (("lanhdao", "office_leader"), ("truongban", "ban_leader"), ("canbo", "cadre"))
CONTENT_WEIGHTS = (20, 45, 18, 17)  # thematic, coorganise, inspection, branch_meeting
TRIP_LENGTHS = ((1, 2, 3, 4, 5, 6, 7), (8, 14, 22, 22, 16, 10, 8))
REPORT_STATES = (("accepted", "draft", "returned"), (90, 5, 5))
PENDING_DAYS = 14  # reports of trips that ended in the data's last two weeks still wait for review
PROPOSAL_STATES = (("done", "in_progress", "open"), (70, 15, 15))


def cached_sqlite(size: Size, log=print) -> Path:
    """The SQLite file of `size`, generated once (into a temporary name, renamed when done)."""
    from db.migrate import upgrade
    from db.session import dispose_all

    path = BENCH_DIR / f"{size.name}-{size.cadres}c-{size.trips}t-v{GENERATOR_VERSION}.db"
    if path.exists():
        _migrate(f"sqlite:///{path}", log)
        return path

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in BENCH_DIR.glob(partial.name + "*"):
        leftover.unlink()
    url = f"sqlite:///{partial}"
    started = time.perf_counter()
    upgrade(url)
    dispose_all()
    counts = populate(url, size.cadres, size.trips)
    engine = create_engine(url)
    with engine.connect() as conn:  # fold the WAL into the file before it is renamed
        conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    engine.dispose()
    log(f"generated {path.name} in {time.perf_counter() - started:.0f} s: {counts}")
    partial.rename(path)
    return path


def _migrate(url: str, log) -> None:
    """Bring a cached file to the newest schema (new indexes), then refresh the planner's
    statistics, as a deployment would."""
    from db.migrate import upgrade
    from db.session import dispose_all

    engine = create_engine(url)
    try:

        def revision():
            with engine.connect() as conn:
                return conn.scalar(text("SELECT version_num FROM alembic_version"))

        before = revision()
        upgrade(url)
        dispose_all()
        if revision() != before:
            log(f"migrated {Path(url.split('///')[1]).name} from {before}; analysing")
            with engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
    finally:
        engine.dispose()


def populate(
    url: str, cadres: int, trips: int, seed: int = 6, years: tuple[int, ...] = YEARS
) -> dict[str, int]:
    """Fill the empty, migrated database at `url` with trips spread over `years` (the last
    one is the dashboards' year); returns the row counts written."""
    engine = create_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.begin() as conn:
            if sqlite:
                # One bulk load into a new file: nothing to protect until it is renamed.
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            builder = _Builder(conn, random.Random(seed), cadres, trips, years)
            builder.run()
            # What core.trips and core.reports keep as each trip is made and each report sent.
            rollups.rebuild(conn)
            reports.mark_trips(conn)
            reports.mark_proposals(conn)
            if not sqlite:
                _advance_sequences(conn)
        with engine.connect() as conn:
            # What autovacuum does in a running PostgreSQL: statistics, and the visibility map
            # that index-only scans rely on.
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "ANALYZE" if sqlite else "VACUUM ANALYZE"
            )
        return builder.counts
    finally:
        engine.dispose()


def _advance_sequences(conn) -> None:
    """Rows were inserted with explicit ids: move PostgreSQL's sequences past them."""
    for table in (
        "bans",
        "places",
        "cadres",
        "accounts",
        "exemptions",
        "registrations",
        "trips",
        "trip_reports",
        "proposals",
        "review_meetings",
    ):
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
            )
        )


class _Builder:
    def __init__(self, conn, rng: random.Random, cadres: int, trips: int, years: tuple[int, ...]):
        self.conn, self.rng, self.years = conn, rng, years
        self.n_cadres, self.n_trips = cadres, trips
        self.n_bans = min(100, max(8, cadres // 500))
        self.counts: dict[str, int] = {}
        self.pending: dict = {}
        self.driver = Driver(conn)

    # -- bulk writing

    def add(self, model, row: dict) -> None:
        rows = self.pending.setdefault(model.__table__, [])
        rows.append(row)
        if len(rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Write every pending row, parents first (PostgreSQL checks foreign keys at once)."""
        for table in Base.metadata.sorted_tables:
            rows = self.pending.pop(table, [])
            if not rows:
                continue
            if table in DIRECT:
                columns = tuple(rows[0])
                value = self.driver.value
                self.driver.insert(
                    table.name, columns, [tuple(value(v) for v in row.values()) for row in rows]
                )
            else:
                self.conn.execute(insert(table), rows)
            self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    # -- the office

    def run(self) -> None:
        for key, value in (
            ("office_name", "Cơ quan thử tải"),
            ("parent_name", "Đoàn TNCS Hồ Chí Minh"),
            ("office_place", "Hà Nội"),
        ):
            self.add(Setting, {"key": key, "value": value})
        for year in self.years:
            self.add(
                Policy,
                {
                    "year": year,
                    "target_days": 60,
                    "counting_rule": "calendar",
                    "report_deadline_days": 10,
                    "exemption_kinds": ["training", "sick_leave", "maternity"],
                    "content_type_labels": {},
                    "excellent_cap_percent": 20,
                },
            )
        for i in range(1, self.n_bans + 1):
            self.add(
                Ban,
                {
                    "id": i,
                    "code": f"B{i:03d}",
                    "name": f"Ban thử {i:03d}",
                    "sort_order": i * 10,
                    "active": True,
                },
            )
        self.places = self.make_places()
        self.make_cadres()
        self.make_accounts()
        self.flush()
        self.make_trips()
        for q, (year, quarter) in enumerate((y, q) for y in self.years for q in (1, 2, 3, 4)):
            start = dt.date(year, 3 * quarter - 2, 1)
            self.add(
                ReviewMeeting,
                {
                    "id": q + 1,
                    "held_on": start + dt.timedelta(days=100),
                    "period_from": start,
                    "period_to": start + dt.timedelta(days=89),
                    "title": f"Sơ kết quý {quarter}/{year}",
                    "chair": "Bí thư thứ nhất",
                    "attendees": "",
                    "difficulties": "",
                    "conclusions": "Kết luận",
                    "directions": "",
                    "version": 1,
                },
            )
        self.flush()

    def make_places(self) -> int:
        place_id = 0
        for p in range(1, 64):
            province = f"Tỉnh {p:02d}"
            units = [("", "", f"Tỉnh đoàn {p:02d}")]
            for d in range(1, 11):
                units.append((f"Huyện {d:02d}", "", f"Huyện đoàn {d:02d}"))
                units += [(f"Huyện {d:02d}", f"Xã {c:02d}", f"Đoàn xã {c:02d}") for c in range(1, 6)]
            for district, commune, unit in units:
                place_id += 1
                self.add(
                    Place,
                    {
                        "id": place_id,
                        "province": province,
                        "district": district,
                        "commune": commune,
                        "host_unit": unit,
                        # The 63 provinces before 2025, grouped under the 34 of today.
                        "province_code": admin_units.old_provinces()[p - 1][1],
                    },
                )
        return place_id

    def make_cadres(self) -> None:
        rng = self.rng
        self.cadres = []  # (id, ban_id, joined_on, left_on, subject)
        for i in range(1, self.n_cadres + 1):
            ban_id = (i - 1) % self.n_bans + 1
            joined = (
                dt.date(2024, rng.randint(2, 11), 1)
                if rng.random() < 0.03
                else dt.date(rng.randint(2005, 2021), rng.randint(1, 12), rng.randint(1, 28))
            )
            left = dt.date(2024, rng.randint(3, 11), 15) if rng.random() < 0.02 else None
            subject = i <= 3 or rng.random() < 0.95
            self.cadres.append((i, ban_id, joined, left, subject))
            self.add(
                Cadre,
                {
                    "id": i,
                    "code": f"CB{i:06d}",
                    "full_name": f"Cán bộ thử {i:06d}",
                    "ban_id": ban_id,
                    "position": "Chuyên viên",
                    "subject_to_rule": subject,
                    "active": left is None,
                    "joined_on": joined,
                    "left_on": left,
                },
            )
            if rng.random() < 0.02:
                start = dt.date(2024, rng.randint(1, 10), rng.randint(1, 28))
                self.add(
                    Exemption,
                    {
                        "cadre_id": i,
                        "kind": "training",
                        "start_date": start,
                        "end_date": start + dt.timedelta(days=rng.randint(20, 60)),
                        "note": "Học tập trung",
                    },
                )
            if subject:
                for year in self.years:
                    for quarter in (1, 2, 3, 4):
                        if rng.random() < 0.95:
                            self.add(
                                Registration,
                                {
                                    "cadre_id": i,
                                    "year": year,
                                    "quarter": quarter,
                                    "planned_days": rng.randint(10, 20),
                                    "places": "",
                                    "content_types": ["thematic"],
                                    "questions": "",
                                    "state": "accepted",
                                    "version": 1,
                                    "created_at": dt.datetime(year, 3 * quarter - 2, 2, 9),
                                },
                            )

    def make_accounts(self) -> None:
        pw = hash_password(PASSWORD)
        # lanhdao is cadre 1 (ban 1), truongban cadre 1 + n_bans (ban 1), canbo cadre 1 + 2·n_bans.
        for n, (username, role) in enumerate(ACCOUNTS):
            cadre_id = 1 + n * self.n_bans
            self.add(
                Account,
                {
                    "id": n + 1,
                    "username": username,
                    "display_name": f"Cán bộ thử {cadre_id:06d}",
                    "password_hash": pw,
                    "cadre_id": cadre_id,
                    "active": True,
                    "must_change_password": False,
                    "session_version": 1,
                    "language": "vi",
                    "is_demo": False,
                    "created_at": dt.datetime(2022, 1, 1),
                },
            )
            self.add(AccountRole, {"account_id": n + 1, "role": role})

    def make_trips(self) -> None:
        rng = self.rng
        first, last = dt.date(self.years[0], 1, 1), dt.date(self.years[-1], 12, 31)
        span = (last - first).days + 1
        per_cadre, extra = divmod(self.n_trips, self.n_cadres)
        trip_id = report_id = 0
        for cadre_id, ban_id, *_ in self.cadres:
            # The years cut into one slot per trip, each trip somewhere inside its slot: the
            # days spread evenly over the years and trips of one cadre never overlap.
            n = per_cadre + (1 if cadre_id <= extra else 0)
            slot = span / max(n, 1)
            for k in range(n):
                length = min(rng.choices(*TRIP_LENGTHS)[0], max(1, int(slot) - 1))
                start = first + dt.timedelta(
                    days=int(k * slot) + rng.randint(0, max(0, int(slot) - length - 1))
                )
                end = start + dt.timedelta(days=length - 1)
                trip_id += 1
                state = rng.choices(("done", "cancelled", "planned"), (92, 4, 4))[0]
                days = list(each_day(start, end)) if state == "done" else []
                self.add(
                    Trip,
                    {
                        "id": trip_id,
                        "cadre_id": cadre_id,
                        "ban_id": ban_id,
                        "place_id": rng.randint(1, self.places),
                        "start_date": start,
                        "end_date": end,
                        "state": state,
                        "tags": [],
                        "co_travellers": "",
                        "funding_vnd": 0,
                        "purpose": "",
                        "version": 1,
                        "created_at": dt.datetime.combine(start, dt.time(8)),
                        "days": len(days),
                        "workdays": sum(map(is_workday, days)),
                    },
                )
                for code in set(rng.choices(CONTENT_TYPES, CONTENT_WEIGHTS, k=rng.choice((1, 1, 2, 3)))):
                    self.add(TripContentType, {"trip_id": trip_id, "content_type": code})
                if state != "done":
                    continue
                for d in days:
                    self.add(
                        TripDay,
                        {
                            "trip_id": trip_id,
                            "day": d,
                            "cadre_id": cadre_id,
                            "ban_id": ban_id,
                            "is_workday": is_workday(d),
                        },
                    )
                if rng.random() < 0.85:
                    report_id += 1
                    self.add_report(report_id, trip_id, end, ban_id)

    def add_report(self, report_id: int, trip_id: int, end: dt.date, ban_id: int) -> None:
        rng = self.rng
        recent = (dt.date(self.years[-1], 12, 31) - end).days < PENDING_DAYS
        state = "submitted" if recent and rng.random() < 0.8 else rng.choices(*REPORT_STATES)[0]
        submitted = (
            None
            if state == "draft"
            else dt.datetime.combine(end + dt.timedelta(days=rng.randint(0, 15)), dt.time(17))
        )
        good = "Mô hình hay ở cơ sở" if rng.random() < 0.3 else ""
        self.add(
            TripReport,
            {
                "id": report_id,
                "trip_id": trip_id,
                "findings": "Thu hoạch",
                "good_models": good,
                "difficulties": "",
                "state": state,
                "return_reason": "",
                "submitted_at": submitted,
                "accepted_at": submitted if state == "accepted" else None,
                "version": 1,
            },
        )
        if state != "draft" and rng.random() < 0.1:
            # Proposals of earlier years are mostly done by now; this year's are still moving.
            moving = end.year == self.years[-1] or rng.random() < 0.05
            self.add(
                Proposal,
                {
                    "report_id": report_id,
                    "text": "Đề xuất của cơ sở",
                    "assigned_ban_id": ban_id,
                    "state": rng.choices(*PROPOSAL_STATES)[0] if moving else "done",
                    "follow_up": "",
                    "updated_at": submitted,
                },
            )


def counts(url: str) -> dict[str, int]:
    """Rows of the main tables (for the bench's header)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                m.__tablename__: conn.scalar(select(func.count()).select_from(m))
                for m in (Cadre, Trip, TripDay, TripReport, Proposal)
            }
    finally:
        engine.dispose()


def size_from_env() -> Size:
    name = os.environ.get("BENCH_SIZE", "ci")
    if name not in SIZES:
        raise SystemExit(f"BENCH_SIZE={name!r}: choose one of {', '.join(SIZES)}")
    return SIZES[name]
