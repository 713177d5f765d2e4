"""Streamlit servers started by the bench and by tests that need more than one
(tests/bench/load.py, tests/browser/test_two_servers.py): 127.0.0.1 only, stopped by id."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from db.session import ROOT
from tests.pg import free_port

TICK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime

    def rss_mb(self) -> float:
        return int(Path(f"/proc/{self.process.pid}/statm").read_text().split()[1]) * PAGE_SIZE / 2**20

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_streamlit(
    script: Path, env: dict, log: Path, *options: str, timeout: float = 60, cwd: Path = ROOT
) -> Server:
    """`streamlit run script` on a free port with `env` added to ours, from `cwd` (whose
    .streamlit/config.toml it reads: the project's own by default); waits until healthy."""
    port = free_port()
    full_env = dict(os.environ, PYTHONUNBUFFERED="1", STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", **env)
    for key in ("STREAMLIT_SERVER_PORT", "STREAMLIT_SERVER_ADDRESS", "STREAMLIT_SERVER_BASE_URL_PATH"):
        full_env.pop(key, None)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                # Every thread under cProfile (tests/bench/arrival.py --profile).
                "tests.bench.profile_server" if "DICOSO_PROFILE_OUT" in env else "streamlit",
                "run",
                str(script),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                *options,
            ],
            cwd=cwd,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = Server(process, port, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"streamlit did not answer within {timeout:.0f} s")
