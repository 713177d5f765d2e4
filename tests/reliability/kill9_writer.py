"""A writer to kill: streams trips of one cadre into a database through core.trips.save_trip.

    python -m tests.reliability.kill9_writer URL USERNAME FIRST [LAST]

Trip number n has the submission id "kill9-<n>" and content that depends on n only, so a
restarted writer can send an unacknowledged trip again. Before each save it prints
"SEND n", after the commit "ACK n <trip id>" (flushed): a kill can fall anywhere between,
also after the COMMIT but before the answer (the time the answer takes to reach a browser).
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from core.accounts import load_actor
from core.trips import TripInput, save_trip
from db.session import reading, writing

FIRST_DAY = dt.date(2000, 1, 1)
TODAY = dt.date(2099, 12, 31)
ANSWER_DELAY = 0.005  # seconds between the commit and the acknowledgement


def trip(number: int) -> TripInput:
    start = FIRST_DAY + dt.timedelta(days=2 * number)
    return TripInput(
        start_date=start,
        end_date=start + dt.timedelta(days=number % 2),
        province="Hà Giang",
        host_unit="Huyện Đoàn Mèo Vạc",
        content_types=("thematic",),
        questions=(f"Câu hỏi số {number}",),
    )


def main(url: str, username: str, first: int, last: int | None = None) -> None:
    with reading(url) as session:
        actor = load_actor(session, username)
    print("READY", flush=True)
    for number in range(first, last + 1 if last is not None else sys.maxsize):
        print(f"SEND {number}", flush=True)
        with writing(url) as session:
            trip_id = save_trip(session, actor, actor.cadre_id, trip(number), f"kill9-{number}", today=TODAY)
        time.sleep(ANSWER_DELAY)
        print(f"ACK {number} {trip_id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *map(int, sys.argv[3:5]))
