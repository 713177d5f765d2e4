"""Two runs of `make remind` at once (two cron entries, two replicas) send each mail once: two
processes of `python -m cli.remind` against one database and one SMTP server.

The server holds the first mail it gets until the test lets it go, so the run that took the
lease is still sending while the other one starts: that one must find the lease held, say so,
and send nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from core.i18n import t
from db.session import ROOT
from tests.mailserver import Collector, smtp_server

DEMO_PEOPLE = ["canbo@example.org", "lanhdao@example.org", "truongban@example.org"]


def _remind(url: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": url,
        "DICOSO_SMTP_URL": f"smtp://127.0.0.1:{port}",
        "DICOSO_MAIL_FROM": "dicoso@example.org",
        "DICOSO_BASE_URL": "http://dicoso.example.org",
        "DICOSO_SECRETS_FILE": "/nonexistent",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "cli.remind", "--today", "15/07/2018", "--lang", "en"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_runs_at_once_send_each_mail_once(demo_url, figures):
    box = Collector(hold=threading.Event())
    busy = t("remind.cli.busy", "en", until="").split("(")[0]
    with smtp_server(box) as (box, server):
        started = time.monotonic()
        runs = [_remind(demo_url, server.port) for _ in range(2)]
        try:
            deadline = time.monotonic() + 180
            while all(r.poll() is None for r in runs) and time.monotonic() < deadline:
                time.sleep(0.1)
            first = next(r for r in runs if r.poll() is not None)
            other = next(r for r in runs if r is not first)
            assert other.poll() is None, first.communicate()[0]  # it holds the lease: it cannot be done
            assert box.held.wait(timeout=180)  # and it gets to send, held by the server until now
        finally:
            box.hold.set()
        outputs = [r.communicate(timeout=180)[0] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert box.recipients == DEMO_PEOPLE
    assert busy in first.communicate()[0]
    assert sum(busy in out for out in outputs) == 1
    figures(
        f"make remind, two runs at once: {len(box.messages)} mails, each once "
        f"({time.monotonic() - started:.1f} s)"
    )


def test_a_second_process_after_the_first_sends_nothing(demo_url):
    with smtp_server() as (box, server):
        for _ in range(2):
            run = _remind(demo_url, server.port)
            out = run.communicate(timeout=180)[0]
            assert run.returncode == 0, out
    assert box.recipients == DEMO_PEOPLE
    assert t("remind.cli.nothing", "en", today="15/07/2018") in out
