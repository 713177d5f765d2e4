"""The meeting's first minute: N people open the meeting view's link at once, through the real
app.py with a real login cookie, beside a trivial one-line page served in the same run.

    python -m tests.bench.arrival [--data demo|tiny|ci] [--sessions 10,50,100] [--repeat 2]
    python -m tests.bench.arrival --two-servers 200      # two servers, one PostgreSQL
    python -m tests.bench.arrival --data demo --sessions 20 --profile /tmp/app.prof

Four servers are started on 127.0.0.1 (tests/servers.py): `streamlit run app.py` on a copy of
the data; `streamlit run tests/bench/one_line_page.py`, the floor, under the app's own settings
(.streamlit/config.toml); the app's shell, a copy of the app whose /progress is that one-line
page (what any page behind the login pays before it draws anything: the cookie's check, the
account's reading, the navigation and the sidebar); and the one-line page under Streamlit's
defaults, the stock page, whose arrival is measured once per repeat at the largest N, for the
record. For each N, on the floor, the shell, then the app: N websocket sessions open at once
(connect, then the first run of `/progress?mode=meeting&from=…&to=…` with the re-login cookie
streamlit-authenticator would have written, signed as ui/auth.py signs it), then all N ask for
a full rerun together, then for the meeting view's refresh (the `run_every` fragment; the floor
and the shell have none, their rerun stands in) with nothing new since, then, on the app, for
the refresh again after a write to the database ("changed": each draws the view again).
Reported for each: the server's CPU per run (/proc/<pid>/stat, all threads), the p50/p95/max
latency (the arrival's from the moment all N set off), the bytes sent per run, and the
server's resident memory per open session; then the app's figures as ratios to the floor's.
`--repeat` runs it all again, to give the spread. Every wait is bounded.

`--two-servers N`: two app servers on one throwaway PostgreSQL (tests/pg.py) with the demo,
N sessions arriving round-robin over the two ports (the cookie is signed with the shared key,
so it works on either), against the same N on one of them alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jwt

from tests.bench import synthetic
from tests.bench.load import Viewer, pct
from tests.servers import Server, start_streamlit
from ui.data import VERSION_REUSE_SECONDS

ROOT = Path(__file__).resolve().parents[2]
FLOOR = Path(__file__).resolve().parent / "one_line_page.py"
USER = "lanhdao"
DEMO_WINDOW = ("2018-06-01", "2018-07-31")
# The goals of issue 20, checked on the largest N.
GOAL_ARRIVAL_RATIO = 1.5
GOAL_REFRESH_CPU_MS = 8
GOAL_RERUN_CPU_MS = 15
# A server reads the data version again at most this often: a write is seen once it has passed.
VERSION_READ_S = VERSION_REUSE_SECONDS + 0.1


def login_cookie(url: str, key: str, username: str = USER) -> str:
    """The re-login cookie's value as streamlit-authenticator writes it after a login: a JWT
    of the username and its expiry, signed with the key ui.auth gives the authenticator (the
    cookie key and the sessions epoch)."""
    from core import accounts
    from db.session import dispose_all, reading

    with reading(url) as session:
        epoch = accounts.sessions_epoch(session)
    dispose_all()
    expiry = (dt.datetime.now() + dt.timedelta(hours=12)).timestamp()
    return jwt.encode({"username": username, "exp_date": expiry}, f"{key}.{epoch}", algorithm="HS256")


def demo_sqlite(folder: Path) -> str:
    """A fresh SQLite file holding the demo (the central office of 2018)."""
    from db.migrate import upgrade
    from db.session import dispose_all, writing
    from seed.loader import load

    url = f"sqlite:///{folder / 'demo.db'}"
    upgrade(url)
    with writing(url) as session:
        load(session, "central-2018")
    dispose_all()
    return url


def data_url(name: str, folder: Path) -> tuple[str, str]:
    """(database URL, the meeting view's query) for the demo or a synthetic office."""
    if name == "demo":
        return demo_sqlite(folder), f"mode=meeting&from={DEMO_WINDOW[0]}&to={DEMO_WINDOW[1]}"
    shutil.copy(synthetic.cached_sqlite(synthetic.SIZES[name]), folder / "bench.db")
    window = synthetic.MEETING_WINDOW
    return f"sqlite:///{folder / 'bench.db'}", f"mode=meeting&from={window.start}&to={window.end}"


def start_app(url: str, key: str, log: Path) -> Server:
    return start_streamlit(ROOT / "app.py", {"DATABASE_URL": url, "DICOSO_COOKIE_KEY": key}, log)


def start_floor(log: Path) -> Server:
    return start_streamlit(FLOOR, {}, log)


def start_shell(url: str, key: str, folder: Path) -> Server:
    """The app's shell: a copy of the app (its code and settings) whose /progress is the
    floor's one-line page, served on the same data with the same login cookie."""
    shell = folder / "shell"
    shutil.copytree(
        ROOT,
        shell,
        ignore=shutil.ignore_patterns(".*", "tests", "data", "docs", "__pycache__"),
    )
    shutil.copytree(ROOT / ".streamlit", shell / ".streamlit", ignore=shutil.ignore_patterns("secrets.toml"))
    shutil.copy(FLOOR, shell / "app_pages" / "progress.py")
    env = {"DATABASE_URL": url, "DICOSO_COOKIE_KEY": key}
    return start_streamlit(shell / "app.py", env, folder / "shell.log", cwd=shell)


def start_stock_floor(folder: Path) -> Server:
    """The same one-line page under Streamlit's own defaults (run from a folder with no
    .streamlit/config.toml): files watched, a full garbage collection after every run. For
    the record beside the floor: what Streamlit costs a new session before any tuning."""
    stock = folder / "stock"
    stock.mkdir()
    shutil.copy(FLOOR, stock / FLOOR.name)
    return start_streamlit(stock / FLOOR.name, {}, folder / "stock.log", cwd=stock)


def _latency(values: list[float]) -> dict:
    ms = [v * 1000 for v in values]
    return {"p50_ms": round(pct(ms, 50)), "p95_ms": round(pct(ms, 95)), "max_ms": round(max(ms))}


def a_write(url: str) -> Callable[[], None]:
    """A write to the database behind the app (the data version bumped, as by a trip saved
    anywhere): every meeting view's next refresh draws the view again."""

    def write() -> None:
        from db.session import dispose_all, writing

        with writing(url):
            pass
        dispose_all()
        time.sleep(VERSION_READ_S)

    return write


def wave(
    servers: list[Server], query: str, n: int, cookie: str | None, page: str, write: Callable | None = None
) -> dict:
    """N sessions open at once (round-robin over `servers`), rerun together, refresh together
    (nothing new since they were drawn); then, given a `write`, refresh together after it (the
    view drawn again)."""
    cookies = {"dicoso_auth": cookie} if cookie else None
    before_cpu = sum(s.cpu_seconds() for s in servers)
    before_rss = sum(s.rss_mb() for s in servers)
    with ThreadPoolExecutor(max_workers=n) as pool:
        started = time.perf_counter()

        def arrive(i: int) -> tuple[Viewer, float, int]:
            tab = Viewer(servers[i % len(servers)].port, query, cookies=cookies, page_name=page)
            _, size = tab.run(fragment=False)
            return tab, time.perf_counter() - started, size

        arrived = list(pool.map(arrive, range(n)))
        tabs = [tab for tab, _, _ in arrived]
        try:
            figures = {"arrival": _latency([s for _, s, _ in arrived])}
            cpu = sum(s.cpu_seconds() for s in servers)
            figures["arrival"]["cpu_ms"] = round((cpu - before_cpu) * 1000 / n, 1)
            figures["arrival"]["bytes"] = int(statistics.median(size for _, _, size in arrived))
            figures["arrival"]["mb_per_session"] = round(
                (sum(s.rss_mb() for s in servers) - before_rss) / n, 2
            )

            def together(fragment: bool) -> dict:
                """All N ask for a run at once: its latency, server CPU per run and bytes."""
                cpu = sum(s.cpu_seconds() for s in servers)
                results = list(pool.map(lambda tab: tab.run(fragment=fragment), tabs))
                figure = _latency([seconds for seconds, _ in results])
                figure["cpu_ms"] = round((sum(s.cpu_seconds() for s in servers) - cpu) * 1000 / n, 1)
                figure["bytes"] = int(statistics.median(size for _, size in results))
                return figure

            figures["rerun"] = together(fragment=False)
            # The floor has no fragment: its rerun stands in for the refresh.
            figures["refresh"] = together(fragment=all(tab.fragment for tab in tabs))
            if write is not None:
                write()
                figures["changed"] = together(fragment=True)
        finally:
            for tab in tabs:
                tab.close()
    return figures


def last_arrival_ratio(app: dict, floor: dict) -> float:
    return round(app["arrival"]["max_ms"] / floor["arrival"]["max_ms"], 2)


def ratios(app: dict, floor: dict) -> dict:
    return {
        "arrival_last": last_arrival_ratio(app, floor),
        "arrival_cpu": round(app["arrival"]["cpu_ms"] / max(floor["arrival"]["cpu_ms"], 0.1), 2),
        "rerun_cpu": round(app["rerun"]["cpu_ms"] / max(floor["rerun"]["cpu_ms"], 0.1), 2),
        "refresh_cpu": round(app["refresh"]["cpu_ms"] / max(floor["rerun"]["cpu_ms"], 0.1), 2),
    }


def line(label: str, f: dict) -> str:
    parts = []
    for name in ("arrival", "rerun", "refresh", "changed"):
        if name not in f:
            continue
        x = f[name]
        parts.append(
            f"{name} cpu {x['cpu_ms']:5.1f} ms p50/p95/max {x['p50_ms']}/{x['p95_ms']}/{x['max_ms']} ms "
            f"{x['bytes'] / 1000:.0f} KB"
        )
    return f"{label:6} " + " | ".join(parts) + f" | {f['arrival']['mb_per_session'] * 1000:.0f} KB/session"


def measure(data: str, counts: list[int], repeat: int, log=print) -> list[dict]:
    """Each repeat: for each N, the floor's wave then the app's; one dict per (repeat, N)."""
    work = Path(tempfile.mkdtemp(prefix="dicoso-arrival-"))
    key = secrets.token_urlsafe(48)
    rows = []
    app = floor = stock = shell = None
    try:
        url, query = data_url(data, work)
        cookie = login_cookie(url, key)
        app = start_app(url, key, work / "app.log")
        floor = start_floor(work / "floor.log")
        stock = start_stock_floor(work)
        shell = start_shell(url, key, work)
        for server in (floor, stock):  # warm-up: imports, caches
            wave([server], query, 2, None, "")
        for server in (app, shell):
            wave([server], query, 2, cookie, "progress")
        for r in range(repeat):
            for n in counts:
                f = wave([floor], query, n, None, "")
                sh = wave([shell], query, n, cookie, "progress")
                a = wave([app], query, n, cookie, "progress", a_write(url))
                row = {"data": data, "repeat": r + 1, "n": n, "app": a, "floor": f, "ratio": ratios(a, f)}
                row["shell"], row["shell_ratio"] = sh, last_arrival_ratio(sh, f)
                log(f"{data} N={n} (run {r + 1}):")
                log("  " + line("floor", f))
                log("  " + line("shell", sh) + f" (last arrival {row['shell_ratio']}× the floor's)")
                log("  " + line("app", a))
                log(f"  app / floor: {row['ratio']}")
                if n == max(counts):  # the stock page's wave is long: only at the largest N
                    row["stock"] = wave([stock], query, n, None, "")
                    row["vs_stock"] = last_arrival_ratio(a, row["stock"])
                    log("  " + line("stock", row["stock"]))
                    log(f"  app's last arrival / the stock page's: {row['vs_stock']}")
                rows.append(row)
    finally:
        for server in (app, floor, stock, shell):
            if server is not None:
                server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return rows


def two_servers(n: int, log=print) -> dict:
    """N sessions over two app servers on one PostgreSQL, against N on one of them alone."""
    from db.migrate import upgrade
    from db.session import dispose_all, writing
    from seed.loader import load
    from tests.pg import PgCluster, new_pg_database

    work = Path(tempfile.mkdtemp(prefix="dicoso-two-"))
    key = secrets.token_urlsafe(48)
    cluster = PgCluster()
    servers: list[Server] = []
    floor = None
    out = {}
    try:
        url = new_pg_database(cluster.start())
        upgrade(url)
        with writing(url) as session:
            load(session, "central-2018")
        dispose_all()
        cookie = login_cookie(url, key)
        query = f"mode=meeting&from={DEMO_WINDOW[0]}&to={DEMO_WINDOW[1]}"
        servers = [start_app(url, key, work / f"app{i}.log") for i in (1, 2)]
        floor = start_floor(work / "floor.log")
        wave([floor], query, 2, None, "")
        wave(servers, query, 4, cookie, "progress")
        for label, group, with_cookie, page in (
            ("floor", [floor], None, ""),
            ("one", servers[:1], cookie, "progress"),
            ("two", servers, cookie, "progress"),
        ):
            f = wave(group, query, n, with_cookie, page, a_write(url) if with_cookie else None)
            out[label] = f
            log("  " + line(label, f))
    finally:
        for server in [*servers, floor]:
            if server is not None:
                server.stop()
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    return out


def profile(data: str, n: int, out: Path, log=print) -> None:
    """N sessions arrive, rerun and refresh on an app server whose every thread runs under
    cProfile (tests/bench/profile_server.py); the merged profile is written to `out`."""
    import pstats
    import signal

    work = Path(tempfile.mkdtemp(prefix="dicoso-profile-"))
    key = secrets.token_urlsafe(48)
    app = None
    try:
        url, query = data_url(data, work)
        cookie = login_cookie(url, key)
        env = {"DATABASE_URL": url, "DICOSO_COOKIE_KEY": key, "DICOSO_PROFILE_OUT": str(out)}
        app = start_streamlit(ROOT / "app.py", env, work / "app.log")
        wave([app], query, 2, cookie, "progress")  # imports, caches
        log("  " + line("app", wave([app], query, n, cookie, "progress")) + " (profiled)")
        out.unlink(missing_ok=True)
        app.process.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + 60
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # written whole
    finally:
        if app is not None:
            app.stop()
        shutil.rmtree(work, ignore_errors=True)
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(r"/(app|ui|core|db|app_pages)[/.]", 40)


def two_servers_summary(out: dict, n: int) -> dict:
    return {
        f"two_servers_{n}_last_ms": out["two"]["arrival"]["max_ms"],
        f"one_server_{n}_last_ms": out["one"]["arrival"]["max_ms"],
        f"floor_{n}_last_ms": out["floor"]["arrival"]["max_ms"],
        f"two_servers_{n}_refresh_p95_ms": out["two"]["refresh"]["p95_ms"],
        f"one_server_{n}_refresh_p95_ms": out["one"]["refresh"]["p95_ms"],
    }


def summary(rows: list[dict]) -> dict:
    """The bench's JSON figures: the largest N of each data set, worst of the repeats."""
    out = {}
    for data in dict.fromkeys(r["data"] for r in rows):
        n = max(r["n"] for r in rows if r["data"] == data)
        mine = [r for r in rows if r["data"] == data and r["n"] == n]
        key = f"arrival_{data}_{n}"
        out[f"{key}_last_ms"] = max(r["app"]["arrival"]["max_ms"] for r in mine)
        out[f"{key}_floor_last_ms"] = max(r["floor"]["arrival"]["max_ms"] for r in mine)
        out[f"{key}_ratio"] = max(r["ratio"]["arrival_last"] for r in mine)
        # The shell at its best run: even then, what any page behind the login starts from.
        out[f"{key}_shell_last_ms"] = min(r["shell"]["arrival"]["max_ms"] for r in mine)
        out[f"{key}_shell_cpu_ms"] = min(r["shell"]["arrival"]["cpu_ms"] for r in mine)
        out[f"{key}_shell_vs_floor"] = min(r["shell_ratio"] for r in mine)
        out[f"{key}_cpu_ms"] = max(r["app"]["arrival"]["cpu_ms"] for r in mine)
        out[f"{key}_floor_cpu_ms"] = max(r["floor"]["arrival"]["cpu_ms"] for r in mine)
        out[f"{key}_stock_last_ms"] = min(r["stock"]["arrival"]["max_ms"] for r in mine)
        out[f"{key}_stock_cpu_ms"] = min(r["stock"]["arrival"]["cpu_ms"] for r in mine)
        out[f"{key}_vs_stock"] = max(r["vs_stock"] for r in mine)
        out[f"rerun_{data}_{n}_cpu_ms"] = max(r["app"]["rerun"]["cpu_ms"] for r in mine)
        out[f"refresh_{data}_{n}_cpu_ms"] = max(r["app"]["refresh"]["cpu_ms"] for r in mine)
        out[f"refresh_{data}_{n}_p95_ms"] = max(r["app"]["refresh"]["p95_ms"] for r in mine)
        out[f"changed_{data}_{n}_cpu_ms"] = max(r["app"]["changed"]["cpu_ms"] for r in mine)
        out[f"changed_{data}_{n}_p95_ms"] = max(r["app"]["changed"]["p95_ms"] for r in mine)
        out[f"session_{data}_kb"] = round(max(r["app"]["arrival"]["mb_per_session"] for r in mine) * 1000)
    return out


def goals(figures: dict) -> list[str]:
    """What misses the goals, in words (empty when every goal is met)."""
    missed = []
    for key, value in figures.items():
        if key.endswith("_ratio") and value > GOAL_ARRIVAL_RATIO:
            missed.append(f"{key} = {value} > {GOAL_ARRIVAL_RATIO}")
        if key.startswith("refresh_") and key.endswith("_cpu_ms") and value > GOAL_REFRESH_CPU_MS:
            missed.append(f"{key} = {value} > {GOAL_REFRESH_CPU_MS}")
        if key.startswith("rerun_") and key.endswith("_cpu_ms") and value > GOAL_RERUN_CPU_MS:
            missed.append(f"{key} = {value} > {GOAL_RERUN_CPU_MS}")
    return missed


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="demo,ci", help="demo and/or a synthetic size, comma-separated")
    parser.add_argument("--sessions", default="10,50,100")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--two-servers", type=int, default=0, metavar="N")
    parser.add_argument("--profile", type=Path, metavar="FILE", help="profile the app's server into FILE")
    args = parser.parse_args(argv)
    if args.profile:
        return profile(args.data.split(",")[0], int(args.sessions.split(",")[0]), args.profile)
    if args.two_servers:
        return two_servers(args.two_servers)
    counts = [int(n) for n in args.sessions.split(",")]
    rows = [row for data in args.data.split(",") for row in measure(data, counts, args.repeat)]
    figures = summary(rows)
    print(
        f"goals: last arrival ≤ {GOAL_ARRIVAL_RATIO}× the floor's, refresh ≤ {GOAL_REFRESH_CPU_MS} ms "
        f"and rerun ≤ {GOAL_RERUN_CPU_MS} ms of server CPU; missed: {goals(figures) or 'none'}"
    )
    return figures


if __name__ == "__main__":
    print(main(sys.argv[1:]))
