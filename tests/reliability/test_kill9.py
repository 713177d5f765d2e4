"""A writer killed with SIGKILL at random moments loses nothing it acknowledged, corrupts
nothing, and the trip it was saving when it died is stored once when sent again.

Each round starts the writer, lets it stream trips for 0.3–1.5 s, and kills it with
`kill -9`. The next round first sends the last unacknowledged trip again, with the same
submission id: the kill may have fallen before or after its COMMIT, and either way it must
end up stored exactly once.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from sqlalchemy import func, select

from db.models import Submission, Trip, TripDay
from db.session import ROOT, dispose_all, reading
from tests.reliability.conftest import build_office

KILLS = 10


def _round(url: str, username: str, first: int, pause: float | None) -> tuple[dict, int | None]:
    """Run the writer from trip `first` and kill it after `pause` s of writing (None: only
    send trip `first` and let it end); returns the acknowledged trips {number: trip id} and
    the trip sent but not acknowledged."""
    args = [str(first)] if pause is not None else [str(first), str(first)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.kill9_writer", url, username, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout.readline().strip() == "READY"
    if pause is not None:
        time.sleep(pause)
        proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == (-signal.SIGKILL if pause is not None else 0)
    acked, pending = {}, None
    # Only whole lines count: the kill may cut the last one short, and an acknowledgement the
    # client did not receive whole is none.
    for line in out.split("\n")[:-1]:
        if not line.strip():
            continue
        word, *rest = line.split()
        if word == "SEND":
            pending = int(rest[0])
        elif word == "ACK":
            acked[int(rest[0])] = int(rest[1])
            pending = None
    return acked, pending


def _committed(url: str, number: int) -> bool:
    with reading(url) as s:
        return s.get(Submission, f"kill9-{number}") is not None


def test_kill9_of_a_writer_loses_nothing_acknowledged_and_doubles_nothing(tmp_path, _empty_template, figures):
    path = tmp_path / "kill9.db"
    shutil.copy(_empty_template, path)
    url = f"sqlite:///{path}"
    ((actor, _cadre_id),) = build_office(url, 1)
    dispose_all()  # the writer is the only one with the file open while it runs

    rng = random.Random(int(os.environ.get("DICOSO_KILL9_SEED", "7")))
    acknowledged: dict[int, int] = {}
    resent = after_commit = 0
    next_number = 0
    for kill in range(KILLS + 1):
        last_round = kill == KILLS  # only sends the last unacknowledged trip again
        acked, pending = _round(
            url, actor.username, next_number, None if last_round else rng.uniform(0.3, 1.5)
        )
        assert all(acknowledged.get(n, t) == t for n, t in acked.items()), "a resend made a new trip"
        if kill and next_number not in acknowledged:
            resent += 1
        acknowledged.update(acked)
        if pending is not None:
            after_commit += _committed(url, pending)
        next_number = pending if pending is not None else max(acknowledged, default=-1) + 1

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()

    with reading(url) as s:
        stored = dict(s.execute(select(Submission.id, Submission.row_id)).all())
        trips = s.scalar(select(func.count()).select_from(Trip))
        days = s.scalar(select(func.count()).select_from(TripDay))
    for number, trip_id in acknowledged.items():
        assert stored.get(f"kill9-{number}") == trip_id, f"acknowledged trip {number} lost"
    # every trip in the database came from one submission: nothing doubled
    assert trips == len(stored) == len(set(stored.values()))
    assert days == sum(1 + int(n.split("-")[1]) % 2 for n in stored)
    lost = sum(1 for n, t in acknowledged.items() if stored.get(f"kill9-{n}") != t)
    figures(
        f"kill -9 on sqlite: {KILLS} kills, {len(acknowledged)} writes acknowledged, "
        f"{trips} trips stored; {resent} unacknowledged trips sent again after a restart, "
        f"{after_commit} of them already committed when the writer died; lost {lost}, "
        "doubled 0, integrity_check ok"
    )
