"""What the map of provinces adds to a warm page (goal: < 50 ms at the large size).

    python -m tests.bench.map_cost [--size tiny|ci|large] [--repeat 5]

A rerun of the same session (what a projector refreshing the meeting view costs while nobody
writes) of tests/bench/map_page.py, which draws only the map, against one of the trivial page
(tests/bench/trivial_page.py), for each window of the bench: the difference of the medians of
`--repeat` runs (15 at least), the two pages run in turn.
`make bench` (tests/bench/run.py) prints it too."""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import tempfile
from pathlib import Path

from tests.bench import synthetic

HERE = Path(__file__).parent
GOAL_MS = 50


def figures(windows: dict, repeat: int) -> dict:
    """{window label: ms the map adds to a warm page}, on the database of DATABASE_URL."""
    from streamlit.testing.v1 import AppTest

    from tests.bench.run import timed_run

    def session(script: str, window=None):
        at = AppTest.from_file(str(HERE / script), default_timeout=300)
        if window is not None:
            at.query_params["from"], at.query_params["to"] = window.start.isoformat(), window.end.isoformat()
        timed_run(at)  # the cold run: the read and the chart are kept
        return at

    out = {}
    for label, window in windows.items():
        trivial, drawn = session("trivial_page.py"), session("map_page.py", window)
        # Interleaved, so that whatever else the machine does weighs on both alike.
        runs = [(timed_run(trivial), timed_run(drawn)) for _ in range(max(repeat, 15))]
        out[label] = max(0.0, statistics.median(m for _, m in runs) - statistics.median(t for t, _ in runs))
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=synthetic.SIZES, default=os.environ.get("BENCH_SIZE", "ci"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from db.session import dispose_all
    from tests.bench.run import WINDOWS

    source = synthetic.cached_sqlite(synthetic.SIZES[args.size], log=lambda line: print(line, flush=True))
    work = Path(tempfile.mkdtemp(prefix="dicoso-bench-map-"))
    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "DICOSO_COOKIE_KEY")}
    try:
        shutil.copy(source, work / "bench.db")
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.db'}"
        os.environ["DICOSO_COOKIE_KEY"] = secrets.token_urlsafe(48)
        out = figures(WINDOWS, args.repeat)
    finally:
        dispose_all()
        shutil.rmtree(work, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    print_figures(out)
    return out


def print_figures(out: dict) -> None:
    shown = ", ".join(f"{label} {ms:.1f} ms" for label, ms in out.items())
    print(f"the map of provinces adds to a warm page: {shown} (goal < {GOAL_MS} ms)", flush=True)


if __name__ == "__main__":
    main()
