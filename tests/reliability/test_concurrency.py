"""Many cadres saving trips at once, with retries and double clicks: every trip the app
acknowledged is stored exactly once, and no write fails (a 100% success threshold).

20 writer threads, each a different cadre logged in with an own account, save 50 trips each
through `core.trips.save_trip`, on SQLite (writes serialised by BEGIN IMMEDIATE) and on
PostgreSQL (a connection pool). About one submission in ten is sent again with the same
submission id after it was acknowledged (a retry after a dropped socket), and two per writer
are double clicks: the same submission sent by two threads at the same moment.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from core import submissions
from core.trips import TripInput, save_trip
from db.models import Submission, Trip, TripDay
from db.session import reading, writing
from tests.reliability.conftest import build_office

WRITERS = 20
TRIPS_EACH = 50
DOUBLE_CLICKS = (11, 37)  # trip numbers each writer double-clicks
FIRST_DAY = dt.date(2018, 1, 1)
TODAY = dt.date(2018, 12, 31)
PLACES = [
    ("Hà Giang", "Huyện Đoàn Mèo Vạc"),
    ("Lào Cai", "Huyện Đoàn Sa Pa"),
    ("Cà Mau", "Tỉnh Đoàn Cà Mau"),
    ("Nghệ An", "Đoàn trường THPT Đô Lương 1"),
]


def _trip(number: int, rng: random.Random) -> TripInput:
    start = FIRST_DAY + dt.timedelta(days=3 * number)  # a cadre's trips never overlap
    province, host = rng.choice(PLACES)
    return TripInput(
        start_date=start,
        end_date=start + dt.timedelta(days=rng.randint(0, 2)),
        province=province,
        host_unit=host,
        content_types=("inspection",),
        questions=(f"Câu hỏi {number}",),
        funding_vnd=rng.randint(0, 5) * 500_000,
    )


def _writer(url: str, actor, cadre_id: int, seed: int) -> tuple[dict, int]:
    """Save this cadre's trips; returns {submission id: (trip id, days)} and the sends made."""
    rng = random.Random(seed)
    acknowledged, sends = {}, 0
    with ThreadPoolExecutor(2) as clicks:
        for number in range(TRIPS_EACH):
            data, sid = _trip(number, rng), submissions.new_id()

            def send(data=data, sid=sid):
                with writing(url) as session:
                    return save_trip(session, actor, cadre_id, data, sid, today=TODAY)

            if number in DOUBLE_CLICKS:
                first, second = clicks.submit(send), clicks.submit(send)
                trip_id, again = first.result(), second.result()
                assert again == trip_id, "a double click stored two trips"
                sends += 2
            else:
                trip_id = send()
                sends += 1
            if rng.random() < 0.1:  # the answer was lost on the way: the browser sends again
                assert send() == trip_id, "a retry stored a second trip"
                sends += 1
            acknowledged[sid] = (trip_id, (data.end_date - data.start_date).days + 1)
    return acknowledged, sends


def test_concurrent_writers_store_every_acknowledged_trip_exactly_once(fresh_url, figures):
    office = build_office(fresh_url, WRITERS)
    began = time.perf_counter()
    with ThreadPoolExecutor(WRITERS) as pool:
        futures = [
            pool.submit(_writer, fresh_url, actor, cadre_id, seed)
            for seed, (actor, cadre_id) in enumerate(office)
        ]
        results = [f.result() for f in futures]  # re-raises any error: zero are allowed
    seconds = time.perf_counter() - began

    acknowledged = {sid: ack for acks, _ in results for sid, ack in acks.items()}
    sends = sum(n for _, n in results)
    trip_ids = [trip_id for trip_id, _ in acknowledged.values()]
    assert len(acknowledged) == WRITERS * TRIPS_EACH
    assert len(set(trip_ids)) == len(trip_ids)

    with reading(fresh_url) as s:
        stored = dict(
            s.execute(select(Submission.id, Submission.row_id).where(Submission.kind == "trip")).all()
        )
        assert stored == {sid: trip_id for sid, (trip_id, _) in acknowledged.items()}
        assert sorted(s.scalars(select(Trip.id))) == sorted(trip_ids)
        assert s.scalar(select(func.count()).select_from(TripDay)) == sum(
            days for _, days in acknowledged.values()
        )
        # no cadre has two trips starting the same day
        assert (
            s.scalar(
                select(func.count()).select_from(
                    select(Trip.cadre_id, Trip.start_date)
                    .group_by(Trip.cadre_id, Trip.start_date)
                    .having(func.count() > 1)
                    .subquery()
                )
            )
            == 0
        )

    engine = fresh_url.split(":", 1)[0].split("+", 1)[0]
    figures(
        f"concurrency on {engine}: {WRITERS} writers, {len(trip_ids)} trips from {sends} "
        f"sends (retries and double clicks included), {seconds:.1f} s, "
        f"{len(trip_ids) / seconds:.0f} trips/s ({sends / seconds:.0f} sends/s), 0 errors, "
        "0 duplicates"
    )
