"""`make bench`: how fast the dashboards are on a synthetic office, in one run.

    python -m tests.bench.run [--size tiny|ci|large] [--repeat 5] [--no-load] [--no-import]

(BENCH_SIZE=large works too.) On a copy of the cached synthetic SQLite file
(tests/bench/synthetic.py), after one warm-up, the median of `--repeat` runs of:

(a) queries: the core functions behind each section of /progress and /review (QUERY_SETS),
    exactly as the pages call them, for a two-month window and for a year, against a naive
    path that loads every trip (joined to its cadre) into pandas and aggregates there. The
    naive path computes the figures of every section at once, each simpler than the app's
    (participation and days per ban, trips per province); loading is most of its time.
(b) pages: each page's script run by AppTest (app.py, logged in as the office leader),
    against a trivial page (tests/bench/trivial_page.py), each script compiled once as a
    server does. "cold" is a new session after a write, so every cached read misses;
    "warm" is a rerun of the same session (what a projector refreshing in meeting mode
    costs while nobody writes).
(c) bytes: what a page sends to the browser, the sum of the serialized protobuf of every
    element and block of the AppTest tree (the deltas' payload; the envelope of each
    ForwardMsg is a few bytes more; tests/bench/load.py measures the wire too).
(d) a trip saved through core.trips.save_trip while two threads run the dashboard queries
    in a loop (SQLite in WAL, the default deployment) → p50 / p95.

(e) tests/bench/remind.py: a run of `make remind` with every cadre an account, and what
    the to-do lists ("Việc cần làm") cost.

It also prints the largest number of rows any chart is fed (read back from the charts' specs
and datasets in AppTest). Then, unless --no-load, tests/bench/load.py: many viewers of
/progress in meeting mode over real websockets, with and without Streamlit's post-run garbage
collection. Then, unless --no-import, tests/bench/trips_import.py: `python -m seed --trips` on a
workbook of 100,000 past trips (1,000 at the tiny size) into a new office, on SQLite and on a
throwaway PostgreSQL server, its time and peak memory. The last line printed is one JSON object
with every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select

from core import content_mix, meetings, participation, place_visits, progress, proposals, trend
from core.accounts import load_actor
from core.periods import Window
from core.submissions import new_id
from core.summary import absentees, highlights, visible_absentees
from core.trips import TripInput, save_trip
from db.models import Cadre, Place, Trip
from db.session import ROOT, dispose_all, reading, writing
from tests.bench import synthetic

HERE = Path(__file__).resolve().parent
TRIVIAL_PAGE = HERE / "trivial_page.py"
WINDOWS = {"2 months": synthetic.MEETING_WINDOW, "year": synthetic.YEAR_WINDOW}
INSERTS = 200  # trips saved alone, and as many while the dashboards read: enough for a steady p95
GOALS = (
    "goals at CI size: queries ≥ 10× faster than naive; page ≤ 10× trivial; chart ≤ 5,000 rows; "
    "page ≤ 2 MB; a trip saved in < 20 ms while dashboards read; at 50,000 cadres every page < 1 s; "
    "100,000 past trips imported in < 60 s on each engine, memory bounded"
)
# The past trips imported (tests/bench/trips_import.py) at each size, and on which engines.
IMPORT_ROWS = {"tiny": 1_000, "ci": 100_000, "large": 100_000}
IMPORT_ENGINES = {"tiny": "sqlite", "ci": "sqlite,postgresql", "large": "sqlite,postgresql"}


def median_ms(function, repeat: int) -> float:
    """Median wall time of `function()` in ms, after one warm-up call. The garbage of what ran
    before (the naive path leaves some 100 MB of pandas objects) is collected before each call,
    so that no figure includes collecting another's."""
    function()
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# --- (a) the queries --------------------------------------------------------------------------


def _progress_head(session, window: Window, today: dt.date) -> None:
    """What /progress reads above its sections: the bans to filter by, the figures by ban."""
    from core import policy, roster

    roster.bans(session)
    progress.total(progress.ban_progress(session, window, today), window, today)
    policy.for_day(session, window.start)


def progress_queries(session, actor, window: Window, today: dt.date) -> None:
    """What /progress reads for the whole office (app_pages/progress.py, no ban chosen) in its
    first section, the one the meeting view shows: the figures by ban, the content, the trend."""
    _progress_head(session, window, today)
    content_mix.content_mix(session, window, False)
    trend.cumulative_trend(session, window, today, None)


def progress_places_queries(session, actor, window: Window, today: dt.date) -> None:
    """/progress with `&tab=places`: the figures above the sections, then where cadres went."""
    _progress_head(session, window, today)
    place_visits.provinces_visited(session, window, None)
    place_visits.places_visited(session, window, None)
    place_visits.places_not_visited(session, window, None)


def review_queries(session, actor, window: Window, today: dt.date) -> None:
    """What /review reads (app_pages/review.py) in its first section: the figures by ban and
    content, who did not go, the highlights. (The Word report and the workbook read every
    proposal, when one is downloaded.)"""
    from core import policy

    progress.total(progress.ban_progress(session, window, today), window, today)
    policy.for_day(session, window.start)
    highlights(session, actor, window)
    visible_absentees(actor, absentees(session, window))
    content_mix.content_mix(session, window)


def review_proposals_queries(session, actor, window: Window, today: dt.date) -> None:
    """/review with `&tab=proposals`: the figures, then the first page of proposals with the
    counts of all of them, and the bans to assign them to."""
    from core import roster

    progress.total(progress.ban_progress(session, window, today), window, today)
    proposals.proposal_page(session, actor, window)
    roster.bans(session)


def review_meetings_queries(session, actor, window: Window, today: dt.date) -> None:
    """/review with `&tab=meetings`: the figures, then the period's meeting records."""
    progress.total(progress.ban_progress(session, window, today), window, today)
    meetings.meetings_in(session, window)


# Each section of a page reads only what it shows (ui.widgets.section_picker); the first of
# each page is what opens, and what the meeting view refreshes.
QUERY_SETS = {
    "progress": progress_queries,
    "progress_places": progress_places_queries,
    "review": review_queries,
    "review_proposals": review_proposals_queries,
    "review_meetings": review_meetings_queries,
}


def naive(url: str, window: Window) -> dict:
    """The path the design rules out: every trip (joined to its cadre), its content types,
    report and place into pandas, and the page's figures computed there (participation and
    days per ban, content mix per ban, the year's days per week, reports in, places visited).
    Returns the office's went/cadres/days, which the bench checks against the app's."""
    from sqlalchemy import create_engine

    from db.models import TripContentType, TripReport

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            trips = pd.read_sql(
                select(
                    Trip.id,
                    Trip.cadre_id,
                    Trip.ban_id,
                    Trip.start_date,
                    Trip.end_date,
                    Trip.state,
                    Trip.place_id,
                    Place.province,
                    Cadre.subject_to_rule,
                    Cadre.joined_on,
                    Cadre.left_on,
                    TripReport.state.label("report"),
                )
                .join(Cadre, Cadre.id == Trip.cadre_id)
                .join(Place, Place.id == Trip.place_id)
                .outerjoin(TripReport, TripReport.trip_id == Trip.id),
                conn,
            )
            types = pd.read_sql(select(TripContentType.trip_id, TripContentType.content_type), conn)
            cadres = pd.read_sql(
                select(Cadre.id, Cadre.ban_id, Cadre.subject_to_rule, Cadre.joined_on, Cadre.left_on), conn
            )
    finally:
        engine.dispose()
    start, end = pd.Timestamp(window.start), pd.Timestamp(window.end)
    for frame, columns in (
        (trips, ("start_date", "end_date", "joined_on", "left_on")),
        (cadres, ("joined_on", "left_on")),
    ):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column])

    def subject(frame, lo, hi):
        return (
            frame.subject_to_rule
            & (frame.joined_on.isna() | (frame.joined_on <= hi))
            & (frame.left_on.isna() | (frame.left_on >= lo))
        )

    made = trips[
        (trips.state == "done")
        & (trips.start_date <= end)
        & (trips.end_date >= start)
        & subject(trips, start, end)
    ].copy()
    made["days"] = (made.end_date.clip(upper=end) - made.start_date.clip(lower=start)).dt.days + 1
    counted = cadres[subject(cadres, start, end)]
    per_ban = (
        made.groupby("ban_id")
        .agg(went=("cadre_id", "nunique"), days=("days", "sum"))
        .join(counted.groupby("ban_id").size().rename("cadres"), how="right")
    )
    made.merge(types, left_on="id", right_on="trip_id").groupby(["content_type", "ban_id"]).agg(
        trips=("id", "nunique"), days=("days", "sum"), cadres=("cadre_id", "nunique")
    )
    ended = trips[(trips.state == "done") & trips.end_date.between(start, end)]
    ended.groupby("ban_id").agg(
        trips=("id", "count"), reported=("report", lambda r: r.isin(["submitted", "accepted"]).sum())
    )
    year_start, year_end = pd.Timestamp(window.start.year, 1, 1), pd.Timestamp(window.start.year, 12, 31)
    year = trips[
        (trips.state == "done")
        & (trips.start_date <= year_end)
        & (trips.end_date >= year_start)
        & subject(trips, year_start, year_end)
    ]
    first, last = year.start_date.clip(lower=year_start).values, year.end_date.clip(upper=year_end).values
    lengths = (last - first).astype("timedelta64[D]").astype(int) + 1
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    days = pd.Series(np.repeat(first, lengths) + offsets.astype("timedelta64[D]"))
    days.dt.to_period("W").value_counts().sort_index().cumsum()
    made.groupby("province").agg(trips=("id", "count"), cadres=("cadre_id", "nunique"))
    made.groupby("place_id").agg(trips=("id", "count"), cadres=("cadre_id", "nunique"))
    return {"cadres": len(counted), "went": int(made.cadre_id.nunique()), "days": int(made.days.sum())}


def query_figures(url: str, actor, repeat: int) -> dict:
    today = dt.date.today()
    out = {}
    for label, window in WINDOWS.items():
        with reading(url) as session:
            app = participation.office_participation(session, window)
        if naive(url, window) != {"cadres": app.cadres, "went": app.went, "days": app.days}:
            raise AssertionError(f"the naive path and the app disagree on {window}")
        naive_ms = median_ms(lambda: naive(url, window), repeat)
        for page, queries in QUERY_SETS.items():

            def run():
                with reading(url) as session:
                    queries(session, actor, window, today)

            app_ms = median_ms(run, repeat)
            out[(page, label)] = {"app_ms": app_ms, "naive_ms": naive_ms, "ratio": naive_ms / app_ms}
    return out


# --- (b), (c) the pages -----------------------------------------------------------------------


def _login(at, actor) -> None:
    at.session_state["authentication_status"] = True
    at.session_state["username"] = actor.username
    at.session_state["name"] = actor.name
    at.session_state["roles"] = sorted(actor.roles)
    at.session_state["logout"] = False


# What is measured as a page: the file and the query string. /progress at a desk also lists
# the reports and registrations waiting for the leader; the meeting view does not.
PAGES = {
    "progress": ("progress", {}),
    "progress_meeting": ("progress", {"mode": "meeting"}),
    "progress_places": ("progress", {"tab": "places"}),
    "review": ("review", {}),
    "review_proposals": ("review", {"tab": "proposals"}),
    "review_meetings": ("review", {"tab": "meetings"}),
}


def page_test(actor, page: str, window: Window):
    from streamlit.testing.v1 import AppTest

    script, query = PAGES[page]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    _login(at, actor)
    at.query_params["from"], at.query_params["to"] = window.start.isoformat(), window.end.isoformat()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{script}.py")
    return at


def timed_run(at) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"the page failed: {at.exception[0].message}")
    return elapsed


def tree_bytes(node) -> int:
    """Serialized size of every element and block under `node` of an AppTest tree."""
    proto = getattr(node, "proto", None)
    size = len(proto.SerializeToString()) if proto is not None else 0
    return size + sum(tree_bytes(child) for child in getattr(node, "children", {}).values())


def chart_rows(at) -> int:
    """The most rows fed to any one chart of the page (datasets, inline data and values)."""
    import pyarrow as pa

    def arrow_rows(data: bytes) -> int:
        return pa.ipc.open_stream(io.BytesIO(data)).read_all().num_rows if data else 0

    most = 0
    for chart in at.get("vega_lite_chart"):
        proto = chart.proto
        counts = [arrow_rows(d.data.data) for d in proto.datasets] + [arrow_rows(proto.data.data)]
        spec = json.loads(proto.spec or "{}")
        counts += [len(d) for d in _inline_values(spec)]
        most = max([most, *counts])
    return most


def _inline_values(spec):
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "values" and isinstance(value, list):
                yield value
            else:
                yield from _inline_values(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _inline_values(item)


def compile_once() -> None:
    """Compile each script once, as a server does (its Runtime keeps one ScriptCache); AppTest
    makes a new cache for every run, so each measured run would also pay the compile."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    # app.py is compiled by the script runner, the page it navigates to by the pages manager.
    local_script_runner.ScriptCache = app_test.ScriptCache = lambda: shared


def touch() -> None:
    """A write (an empty one): every cached read misses afterwards."""
    from db.session import writing

    with writing():
        pass


def page_figures(actor, repeat: int) -> dict:
    from streamlit.testing.v1 import AppTest

    compile_once()

    def trivial() -> float:
        return timed_run(AppTest.from_file(str(TRIVIAL_PAGE), default_timeout=60))

    trivial()
    at = AppTest.from_file(str(TRIVIAL_PAGE), default_timeout=60)
    timed_run(at)
    trivial_ms = {
        "cold_ms": statistics.median(trivial() for _ in range(repeat)),
        "warm_ms": statistics.median(timed_run(at) for _ in range(repeat)),
    }
    out = {}
    for page in PAGES:
        for label, window in WINDOWS.items():
            timed_run(page_test(actor, page, window))  # warm-up
            cold = []
            for _ in range(repeat):
                touch()
                cold.append(timed_run(page_test(actor, page, window)))
            at = page_test(actor, page, window)
            timed_run(at)
            warm = [timed_run(at) for _ in range(repeat)]
            out[(page, label)] = {
                "cold_ms": statistics.median(cold),
                "warm_ms": statistics.median(warm),
                "bytes": tree_bytes(at._tree),
                "chart_rows": chart_rows(at),
            }
    return trivial_ms, out


# --- (d) writing while the dashboards read ----------------------------------------------------


def insert_figures(url: str, actor) -> dict:
    """Latency of save_trip for INSERTS trips of different cadres, alone and while two
    threads run the /progress queries without pause."""
    with reading(url) as session:
        cadres = session.execute(
            select(Cadre.id, Cadre.ban_id).where(Cadre.active.is_(True)).order_by(Cadre.id).limit(2 * INSERTS)
        ).all()
    stop = threading.Event()
    reads = [0]

    def reader():
        while not stop.is_set():
            with reading(url) as session:
                progress_queries(session, actor, synthetic.MEETING_WINDOW, dt.date.today())
            reads[0] += 1

    def save(cadre_id, ban_id) -> float:
        from core.permissions import Actor

        cadre = Actor(0, f"cb{cadre_id}", "", frozenset({"cadre"}), cadre_id, ban_id)
        data = TripInput(dt.date(2025, 3, 3), dt.date(2025, 3, 5), "Tỉnh 01", "Tỉnh đoàn 01", ("thematic",))
        started = time.perf_counter()
        with writing(url) as session:
            save_trip(session, cadre, cadre_id, data, new_id())
        return (time.perf_counter() - started) * 1000

    half = len(cadres) // 2  # the tiny office has fewer cadres than 2 * INSERTS
    alone = [save(*c) for c in cadres[:half]]
    threads = [threading.Thread(target=reader, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    try:
        busy = [save(*c) for c in cadres[half:]]
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)

    def pct(values, p):
        return statistics.quantiles(values, n=100, method="inclusive")[p - 1]

    return {
        "alone_p50_ms": pct(alone, 50),
        "alone_p95_ms": pct(alone, 95),
        "p50_ms": pct(busy, 50),
        "p95_ms": pct(busy, 95),
        "dashboard_reads": reads[0],
    }


# --- the run ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=synthetic.SIZES, default=os.environ.get("BENCH_SIZE", "ci"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-load", action="store_true", help="skip the many-viewer load test")
    parser.add_argument("--no-import", action="store_true", help="skip the import of past trips")
    args = parser.parse_args(argv)
    size = synthetic.SIZES[args.size]
    source = synthetic.cached_sqlite(size, log=lambda line: print(line, flush=True))

    work = Path(tempfile.mkdtemp(prefix="dicoso-bench-"))
    saved_env = {k: os.environ.get(k) for k in ("DATABASE_URL", "DICOSO_COOKIE_KEY")}
    try:
        shutil.copy(source, work / "bench.db")
        url = f"sqlite:///{work / 'bench.db'}"
        os.environ["DATABASE_URL"] = url
        os.environ["DICOSO_COOKIE_KEY"] = secrets.token_urlsafe(48)
        rows = synthetic.counts(url)
        print(
            f"size {size.name}: {rows['cadres']:,} cadres, {rows['trips']:,} trips, "
            f"{rows['trip_days']:,} trip days, {rows['trip_reports']:,} reports",
            flush=True,
        )
        with reading(url) as session:
            leader = load_actor(session, "lanhdao")
        queries = query_figures(url, leader, args.repeat)
        trivial_ms, pages = page_figures(leader, args.repeat)
        from tests.bench import map_cost

        map_ms = map_cost.figures(WINDOWS, args.repeat)
        inserts = insert_figures(url, leader)
        from tests.bench import remind  # last: it gives every cadre an account

        reminders = remind.figures(url, args.repeat, size.name)
    finally:
        dispose_all()
        shutil.rmtree(work, ignore_errors=True)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    print_table(queries, trivial_ms, pages, inserts)
    remind.print_figures(reminders)
    map_cost.print_figures(map_ms)
    load_figures = {}
    if not args.no_load:
        from tests.bench import load

        print("\nmany viewers of the meeting view (tests/bench/load.py):", flush=True)
        load_figures = load.main(["--size", size.name])
    import_figures = {}
    if not args.no_import:
        from tests.bench import trips_import

        print("\nimporting past trips (tests/bench/trips_import.py):", flush=True)
        import_figures = trips_import.main(
            ["--rows", str(IMPORT_ROWS[size.name]), "--engines", IMPORT_ENGINES[size.name]]
        )
    result = summary(rows, queries, trivial_ms, pages, inserts, {**reminders, **load_figures})
    result.update(import_figures)
    result["map_warm_ms"] = round(max(map_ms.values()), 1)
    print(json.dumps(result, ensure_ascii=False))
    return result


def print_table(queries, trivial_ms, pages, inserts) -> None:
    print(f"\n{GOALS}\n", flush=True)
    print(
        f"{'page':17} {'window':9} {'app ms':>8} {'naive ms':>9} {'naive/app':>9} "
        f"{'cold ms':>8} {'warm ms':>8} {'bytes':>10} {'chart rows':>10}"
    )
    for (page, label), p in pages.items():
        q = queries.get((page, label))
        figures = (
            f"{q['app_ms']:8.1f} {q['naive_ms']:9.1f} {q['ratio']:9.1f}" if q else f"{'':8} {'':9} {'':9}"
        )
        print(
            f"{page:17} {label:9} {figures} {p['cold_ms']:8.1f} {p['warm_ms']:8.1f} {p['bytes']:10,} "
            f"{p['chart_rows']:10}"
        )
    print(f"trivial page: cold {trivial_ms['cold_ms']:.1f} ms, warm {trivial_ms['warm_ms']:.1f} ms")
    print(
        f"save_trip: alone p50 {inserts['alone_p50_ms']:.1f} ms, p95 {inserts['alone_p95_ms']:.1f} ms; "
        f"while dashboards read p50 {inserts['p50_ms']:.1f} ms, p95 {inserts['p95_ms']:.1f} ms "
        f"({inserts['dashboard_reads']} dashboard reads meanwhile)",
        flush=True,
    )


def summary(rows, queries, trivial_ms, pages, inserts, load_figures) -> dict:
    """The JSON line: for each page, the worse of the two windows."""

    def worst(table, page, key, pick=max):
        return pick(v[key] for (p, _), v in table.items() if p == page)

    result = {"trips": rows["trips"], "cadres": rows["cadres"]}
    for page in QUERY_SETS:
        result[f"naive_over_app_{page}"] = round(worst(queries, page, "ratio", min), 1)
        result[f"app_query_ms_{page}"] = round(worst(queries, page, "app_ms"), 1)
    for page in PAGES:
        result[f"page_over_trivial_{page}"] = round(worst(pages, page, "warm_ms") / trivial_ms["warm_ms"], 1)
        result[f"page_cold_over_trivial_{page}"] = round(
            worst(pages, page, "cold_ms") / trivial_ms["cold_ms"], 1
        )
        result[f"page_warm_ms_{page}"] = round(worst(pages, page, "warm_ms"), 1)
        result[f"page_cold_ms_{page}"] = round(worst(pages, page, "cold_ms"), 1)
        result[f"bytes_{page}"] = worst(pages, page, "bytes")
    result["trivial_warm_ms"] = round(trivial_ms["warm_ms"], 1)
    result["trivial_cold_ms"] = round(trivial_ms["cold_ms"], 1)
    result["chart_rows_max"] = max(v["chart_rows"] for v in pages.values())
    result["insert_p50_ms"] = round(inserts["p50_ms"], 1)
    result["insert_p95_ms"] = round(inserts["p95_ms"], 1)
    result.update(load_figures)
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
