"""Fixtures for the browser tests: the app served by a real Streamlit server, driven by
Playwright in Debian's chromium (never `playwright install`).

    chromium_browser  (session)  the launched chromium
    app_server        (module)   a Streamlit server on a fresh, seeded SQLite database;
                                 `.url`, `.database_url`, `.port`, `.log_path`
    page              (function) a new context (1280x800) and page; screenshot on failure

Environment
    DICOSO_APP_SCRIPT  script to serve (default app.py, relative to the repository root)
    DICOSO_SKIP_SEED=1 do not run `python -m seed` on the fresh database

Every test under tests/browser gets the `browser` marker.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.helpers import (  # noqa: F401  (re-exported for tests)
    REPO_ROOT,
    login,
    screenshot,
    wait_idle,
)
from tests.pg import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STARTUP_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10
SEED_TIMEOUT_S = 600

BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item, so `page` can screenshot a failed test.
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


@dataclass
class AppServer:
    url: str
    database_url: str
    port: int
    log_path: Path
    process: subprocess.Popen


def _log_tail(path: Path, n: int = 60) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-n:])


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT_S)


@pytest.fixture(scope="session")
def chromium_browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make dev` (installs Debian's chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def app_server():
    script = os.environ.get("DICOSO_APP_SCRIPT", "app.py")
    script_path = Path(script) if os.path.isabs(script) else REPO_ROOT / script
    if not script_path.exists():
        pytest.fail(f"app script not found: {script_path}")

    tmp = Path(tempfile.mkdtemp(prefix="dicoso-app-"))
    database_url = f"sqlite:///{tmp / 'dicoso.db'}"
    env = dict(os.environ, DATABASE_URL=database_url, DICOSO_DEMO="1", PYTHONUNBUFFERED="1")
    # Streamlit's own settings from the environment must not move the server elsewhere.
    for key in ("STREAMLIT_SERVER_PORT", "STREAMLIT_SERVER_ADDRESS", "STREAMLIT_SERVER_BASE_URL_PATH"):
        env.pop(key, None)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"

    try:
        if os.environ.get("DICOSO_SKIP_SEED") != "1":
            r = subprocess.run(
                [sys.executable, "-m", "seed"],
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=SEED_TIMEOUT_S,
            )
            if r.returncode != 0:
                pytest.fail(
                    f"`python -m seed` failed (exit {r.returncode}) for {database_url}:\n"
                    f"{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
                )

        port = free_port()
        log_path = tmp / "streamlit.log"
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script_path),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ]
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                cmd,
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        url = f"http://127.0.0.1:{port}"
        failure = None
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT_S
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited with code {proc.returncode}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200 and resp.read().strip() == b"ok":
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no healthy answer within {STARTUP_TIMEOUT_S}s")
                time.sleep(0.2)
        except RuntimeError as exc:
            failure = str(exc)
        if failure is not None:
            _stop(proc)
            tail = _log_tail(log_path)
            print(f"--- streamlit log ({log_path}) ---\n{tail}", file=sys.stderr)
            pytest.fail(f"Streamlit server did not start: {failure}\n--- log tail ---\n{tail}")

        try:
            yield AppServer(url=url, database_url=database_url, port=port, log_path=log_path, process=proc)
        finally:
            _stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def page(chromium_browser, request):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    try:
        yield pg
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            try:
                screenshot(pg, f"FAILED-{request.node.nodeid}")
            except Exception:  # noqa: BLE001  (a screenshot must not hide the failure)
                pass
        context.close()
