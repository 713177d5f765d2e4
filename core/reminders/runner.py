"""The run of `make remind`: plan, compose, send over SMTP and record, under the lease."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from core import mail
from core.reminders.choices import now
from core.reminders.composing import Composed, as_message, chart_image, compose
from core.reminders.lease import LEASE_SECONDS, new_holder, release_lease, renew_lease, take_lease
from core.reminders.planning import Mail, Plan, plan
from core.reminders.records import record
from db.session import reading, writing

FLUSH_EVERY = 200  # mails whose rows are written together …
FLUSH_SECONDS = 2.0  # … or every two seconds: a run killed outright may send again what it sent since

# --- The run --------------------------------------------------------------------------------------


@dataclass
class Result:
    today: dt.date
    planned: int = 0
    sent: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    missed: list[tuple[str, int]] = field(default_factory=list)  # (username, reminders)
    left: int = 0  # mails left for the next run
    busy_until: dt.datetime | None = None  # another run held the lease
    lost: str = ""  # why the connection was lost
    lease_lost: bool = False
    preview: list[tuple[Mail, Composed]] = field(default_factory=list)  # --dry-run
    plan_seconds: float = 0.0  # deciding who gets what
    send_seconds: float = 0.0  # writing, sending and keeping the mails

    @property
    def ok(self) -> bool:
        return not (self.failed or self.left or self.lost or self.lease_lost)


def run(
    today: dt.date,
    server: mail.SmtpServer | None,
    sender: str,
    base_url: str,
    *,
    url: str | None = None,
    dry_run: bool = False,
    connect: Callable[[mail.SmtpServer], mail.Connection] = mail.Connection,
    lease_seconds: int = LEASE_SECONDS,
) -> Result:
    """One run of the reminders for `today` (see the module's docstring)."""
    result = Result(today)
    if dry_run:
        with reading(url) as session:
            p = plan(session, today)
        result.planned = len(p.mails)
        result.preview = [(m, compose(m, base_url, today)) for m in p.mails]
        result.missed = [(m.person.username, len(m.keys)) for m in p.missed]
        return result
    holder = new_holder()
    result.busy_until = take_lease(url, holder, lease_seconds)
    if result.busy_until is not None:
        return result
    try:
        started = time.perf_counter()
        with reading(url) as session:
            p = plan(session, today)
        result.planned = len(p.mails)
        result.missed = [(m.person.username, len(m.keys)) for m in p.missed]
        if p.missed:
            with writing(url, bump_version=False) as session:
                record(session, [], [], p.missed, now())
        result.plan_seconds = time.perf_counter() - started
        if p.mails:
            _send(p, server, sender, base_url, url, connect, holder, lease_seconds, result)
        result.send_seconds = time.perf_counter() - started - result.plan_seconds
    finally:
        release_lease(url, holder)
    return result


def _send(p: Plan, server, sender, base_url, url, connect, holder, lease_seconds, result: Result) -> None:
    """Send the plan's mails on `server.connections` connections at once (threads: each mostly
    waits for the server), keeping what was sent every FLUSH_EVERY mails or FLUSH_SECONDS (and
    at the end): a lost connection stops the run, what is left waits for the next one."""
    envelope = mail.Sender.of(sender)
    charts_by_lang = {
        lang: chart_image(p.chart_rows, lang) for lang in {m.person.language for m in p.mails if m.digest}
    }
    pending = list(reversed(p.mails))
    lock = threading.Lock()
    stop = threading.Event()
    sent: list[tuple[Mail, str]] = []
    failed: list[tuple[Mail, str]] = []
    opened: list[str] = []  # why a connection could not be opened

    def work() -> None:
        conn = connect(server)
        try:
            conn.open()
        except mail.ConnectionLost as exc:
            with lock:
                opened.append(str(exc))
            return
        try:
            while not stop.is_set():
                with lock:
                    if not pending:
                        return
                    m = pending.pop()
                c = compose(m, base_url, p.today)
                try:
                    if not mail.valid_address(m.person.email):
                        raise mail.Refused(f"not a valid address: {m.person.email!r}")
                    conn.send(
                        envelope,
                        m.person.email,
                        as_message(m, c, envelope, charts_by_lang.get(m.person.language)),
                    )
                except mail.Refused as exc:
                    with lock:
                        failed.append((m, str(exc)))
                        result.failed.append((m.person.email, str(exc)))
                    continue
                except mail.ConnectionLost as exc:
                    with lock:
                        failed.append((m, str(exc)))
                        result.lost = result.lost or str(exc)
                    stop.set()
                    return
                with lock:
                    sent.append((m, c.subject))
        finally:
            conn.close()

    def flush() -> bool:
        nonlocal sent, failed
        with lock:
            done, sent, wrong, failed = sent, [], failed, []
        if not done and not wrong:
            return True
        with writing(url, bump_version=False) as session:
            record(session, done, wrong, [], now())
            kept = renew_lease(session, holder, lease_seconds)
        result.sent += len(done)
        return kept

    workers = [
        threading.Thread(target=work, name=f"remind-smtp-{n}", daemon=True)
        for n in range(max(1, min(server.connections, len(p.mails))))
    ]
    for worker in workers:
        worker.start()
    last_flush = time.monotonic()
    try:
        while any(worker.is_alive() for worker in workers):
            workers[0].join(timeout=0.1) if workers[0].is_alive() else time.sleep(0.1)
            if len(sent) >= FLUSH_EVERY or time.monotonic() - last_flush >= FLUSH_SECONDS:
                last_flush = time.monotonic()
                if not flush():
                    result.lease_lost = True
                    stop.set()
    finally:
        stop.set()
        for worker in workers:
            worker.join()
        flush()
        if len(opened) == len(workers):
            result.lost = result.lost or opened[0]
        result.left = len(p.mails) - result.sent - len(result.failed)
