"""Many viewers of /progress in meeting mode, over Streamlit's own websocket protocol.

    python -m tests.bench.load [--size ci] [--viewers 10,50,100] [--rounds 3] [--soak 60]

For each setting of Streamlit's `runner.postScriptGC` (a full garbage collection after every
script run, on by default), a server is started (`streamlit run tests/bench/meeting_entry.py`,
127.0.0.1 only) on a copy of the synthetic database. N websocket sessions open
`/?mode=meeting&from=…&to=…` as the office leader, each runs the page once, then every session
asks for the meeting view's refresh at the same moment (the rerun of the `run_every` fragment
that a projector's browser sends every 10 s), `--rounds` times. Reported per N: the server's
CPU time per refresh (/proc/<pid>/stat), the p50/p95 latency of a refresh (request sent →
"finished" received) and the bytes a refresh sends. Then a soak: `--soak` seconds of 50
viewers refreshing every 2 s (five times the meeting's pace), the server's resident memory
sampled every 5 s. Every loop is bounded by a count or a deadline.

Then tests/bench/arrival.py: the same N arriving at once through the real app.py with a login
cookie, beside a one-line page (the floor), on the demo and on the synthetic office; and, but at
the tiny size, 200 sessions over two app servers on one PostgreSQL (`--two-servers`).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from websockets.sync.client import connect

from tests.bench import synthetic
from tests.servers import Server, start_streamlit

# A viewer keeps its connection open across calls, as a browser tab does.
warnings.filterwarnings("ignore", r"connect\(\) must be used as a context manager", DeprecationWarning)

ENTRY = Path(__file__).resolve().parent / "meeting_entry.py"
TIMEOUT_S = 120


def proto():
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return BackMsg, ForwardMsg


class Viewer:
    """One browser tab of the meeting view, speaking the websocket protocol directly."""

    def __init__(self, port: int, query: str, cookies: dict | None = None, page_name: str = ""):
        self.query = query
        self.ws = connect(
            f"ws://127.0.0.1:{port}/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=TIMEOUT_S,
            ping_interval=None,
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            if cookies
            else None,
        )
        self.page_hash = ""
        self.page_name = page_name  # the address's page, as a browser opening a deep link says
        self.fragment = ""
        self.early = 0  # runs that ended early because another was asked for
        self.cached: set[str] = set()  # what a browser keeps and says it has, as the frontend does
        self.received: list = []  # the last run's messages (ForwardMsg), for the tests to read

    def run(self, fragment: bool) -> tuple[float, int]:
        """Ask for a full run (or the fragment's refresh); (seconds until finished, bytes)."""
        BackMsg, ForwardMsg = proto()
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        if not self.page_hash:
            state.page_name = self.page_name
        state.cached_message_hashes.extend(self.cached)
        if fragment:
            state.fragment_id = self.fragment
            state.is_auto_rerun = True
        started = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        received = 0
        self.received = []
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            data = self.ws.recv(timeout=TIMEOUT_S)
            received += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            self.received.append(forward)
            kind = forward.WhichOneof("type")
            if forward.metadata.cacheable:
                self.cached.add(forward.hash)
            if kind == "new_session":
                self.page_hash = forward.new_session.page_script_hash
            elif kind == "navigation":  # the page st.navigation ran: the browser's next run asks for it
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.fragment = forward.auto_rerun.fragment_id
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    self.early += 1  # the script asked for another run (st.rerun): wait for it
                    continue
                if forward.script_finished not in (
                    ForwardMsg.FINISHED_SUCCESSFULLY,
                    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                ):
                    raise RuntimeError(f"the page did not finish: {forward.script_finished}")
                return time.perf_counter() - started, received
        raise TimeoutError("no answer from the server")

    def close(self) -> None:
        self.ws.close()


def start_server(database_url: str, gc: bool, workdir: Path) -> Server:
    env = {
        "DATABASE_URL": database_url,
        "DICOSO_BENCH": "1",
        "DICOSO_BENCH_USER": "lanhdao",
        "DICOSO_COOKIE_KEY": secrets.token_urlsafe(48),
    }
    return start_streamlit(
        ENTRY, env, workdir / f"streamlit-gc-{gc}.log", "--runner.postScriptGC", str(gc).lower()
    )


def pct(values, p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def measure(server: Server, query: str, viewers: int, rounds: int) -> dict:
    """`viewers` sessions each run the page, then refresh together `rounds` times."""
    with ThreadPoolExecutor(max_workers=viewers) as pool:
        tabs = list(pool.map(lambda _: Viewer(server.port, query), range(viewers)))
        try:
            list(pool.map(lambda tab: tab.run(fragment=False), tabs))
            if not all(tab.fragment for tab in tabs):
                raise RuntimeError("the meeting view sent no live fragment")
            cpu = server.cpu_seconds()
            results = [r for _ in range(rounds) for r in pool.map(lambda tab: tab.run(fragment=True), tabs)]
            cpu = server.cpu_seconds() - cpu
        finally:
            for tab in tabs:
                tab.close()
    latencies = [seconds * 1000 for seconds, _ in results]
    return {
        "cpu_ms_per_refresh": round(cpu * 1000 / len(results), 1),
        "p50_ms": round(pct(latencies, 50), 1),
        "p95_ms": round(pct(latencies, 95), 1),
        "bytes_per_refresh": int(statistics.median(size for _, size in results)),
    }


def soak(server: Server, query: str, seconds: float, viewers: int = 50, every: float = 2.0) -> dict:
    """`viewers` sessions refreshing every `every` seconds for `seconds`; RSS sampled."""
    samples = [server.rss_mb()]
    refreshes = 0
    with ThreadPoolExecutor(max_workers=viewers) as pool:
        tabs = list(pool.map(lambda _: Viewer(server.port, query), range(viewers)))
        try:
            list(pool.map(lambda tab: tab.run(fragment=False), tabs))
            samples.append(server.rss_mb())
            deadline = time.monotonic() + seconds
            next_sample = time.monotonic() + 5
            while time.monotonic() < deadline:
                started = time.monotonic()
                refreshes += len(list(pool.map(lambda tab: tab.run(fragment=True), tabs)))
                if time.monotonic() >= next_sample:
                    samples.append(server.rss_mb())
                    next_sample += 5
                time.sleep(max(0.0, every - (time.monotonic() - started)))
        finally:
            for tab in tabs:
                tab.close()
    samples.append(server.rss_mb())
    return {
        "rss_start_mb": round(samples[1]),
        "rss_end_mb": round(samples[-1]),
        "rss_max_mb": round(max(samples)),
        "soak_refreshes": refreshes,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=synthetic.SIZES, default=os.environ.get("BENCH_SIZE", "ci"))
    parser.add_argument("--viewers", default="10,50,100")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--soak", type=float, default=float(os.environ.get("BENCH_SOAK_SECONDS", 60)))
    parser.add_argument(
        "--no-arrival", action="store_true", help="skip tests/bench/arrival.py (app.py with a login cookie)"
    )
    parser.add_argument(
        "--two-servers", type=int, default=None, help="sessions over two servers on PostgreSQL (0: none)"
    )
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.viewers.split(",")]
    source = synthetic.cached_sqlite(synthetic.SIZES[args.size])
    window = synthetic.MEETING_WINDOW
    query = f"mode=meeting&from={window.start.isoformat()}&to={window.end.isoformat()}"

    work = Path(tempfile.mkdtemp(prefix="dicoso-load-"))
    figures: dict = {}
    try:
        for gc in (True, False):
            shutil.copy(source, work / "bench.db")
            server = start_server(f"sqlite:///{work / 'bench.db'}", gc, work)
            try:
                measure(server, query, 2, 1)  # warm-up: imports, caches
                for n in counts:
                    figures[(gc, n)] = measure(server, query, n, args.rounds)
                    print(f"postScriptGC={gc!s:5} viewers={n:3}: {figures[(gc, n)]}", flush=True)
                if args.soak > 0:
                    figures[(gc, "soak")] = soak(server, query, args.soak)
                    print(
                        f"postScriptGC={gc!s:5} soak {args.soak:.0f} s: {figures[(gc, 'soak')]}", flush=True
                    )
            finally:
                server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = summary(figures, counts, args.soak > 0)
    if not args.no_arrival:
        # The meeting's first minute through the real app.py, beside a one-line page.
        from tests.bench import arrival

        print(
            "\nthe meeting's arrival through app.py with a login cookie (tests/bench/arrival.py):", flush=True
        )
        out.update(arrival.main(["--data", f"demo,{args.size}", "--sessions", args.viewers]))
        two = args.two_servers if args.two_servers is not None else (0 if args.size == "tiny" else 200)
        if two:
            print(f"\n{two} sessions over two app servers on one PostgreSQL:", flush=True)
            out.update(arrival.two_servers_summary(arrival.two_servers(two), two))
    return out


def summary(figures: dict, counts: list[int], soaked: bool) -> dict:
    """The load figures for the bench's JSON line (the largest N, and the soak)."""
    n = max(counts)
    out = {}
    for gc, name in ((True, "gc_on"), (False, "gc_off")):
        f = figures[(gc, n)]
        out[f"load_{n}_{name}_cpu_ms_per_refresh"] = f["cpu_ms_per_refresh"]
        out[f"load_{n}_{name}_p50_ms"] = f["p50_ms"]
        out[f"load_{n}_{name}_p95_ms"] = f["p95_ms"]
        if soaked:
            out[f"soak_{name}_rss_start_mb"] = figures[(gc, "soak")]["rss_start_mb"]
            out[f"soak_{name}_rss_end_mb"] = figures[(gc, "soak")]["rss_end_mb"]
    out["refresh_bytes"] = figures[(True, n)]["bytes_per_refresh"]
    return out


if __name__ == "__main__":
    print(main(sys.argv[1:]))
