"""`make bench`'s reminders: a run of `make remind` over the synthetic office, and what
"Việc cần làm" adds to a page.

    python -m tests.bench.remind [--size ci|large|tiny] [--repeat 5]

On a copy of the cached synthetic office (tests/bench/synthetic.py), every cadre is given an
account with an address (one leader per ban, the office leader is `lanhdao`), then, judged as
of TODAY (the data's last day, when the last two weeks' reports still wait for a decision and
the digest is due):

(a) one run of core.reminders against an SMTP sink in other processes (tests/bench/
    smtp_sink.py, 127.0.0.1): its wall time, the mails sent, and the statements it
    sent to the database (an SQLAlchemy event), reads and writes apart; then a second run,
    which finds nothing new. The reads of a run are counted again on the tiny office: the
    same number, whatever the number of people;
(b) core.todo.for_actor for a cadre, a ban leader and the office leader: the median of
    `--repeat` reads on a new session (what a page pays when the cache is cold);
(c) the list on a warm page: AppTest reruns of a page that draws only the list (tests/bench/
    todo_page.py; the list comes from the cache) against the trivial page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import delete, event, func, insert, select, update

from core import reminders, todo
from core.accounts import hash_password, load_actor
from core.mail import SmtpServer
from db.models import Account, AccountRole, Cadre, MailStatus, Reminder
from db.session import ROOT, dispose_all, engine, reading, writing
from tests.bench import synthetic
from tests.pg import free_port

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2024, 12, 31)  # the synthetic office's last day (a Tuesday: the digest is due)
SINK_PROCESSES = 2  # the SMTP sink's processes (one per core of the bench's machine)
GOALS = (
    "goals at 50,000 cadres: a run of make remind < 60 s, its reads the same whatever the people; "
    "the to-do list adds < 20 ms to a warm page"
)


def give_everyone_an_account(url: str) -> int:
    """An account with an address for every cadre that has none (one statement per table), the
    first cadre of each ban its leader; returns the accounts added."""
    with writing(url) as s:
        have = set(s.scalars(select(Account.cadre_id).where(Account.cadre_id.is_not(None))))
        cadres = s.execute(
            select(Cadre.id, Cadre.ban_id, Cadre.full_name).where(Cadre.active.is_(True))
        ).all()
        first = s.scalar(select(Account.id).order_by(Account.id.desc()).limit(1)) or 0
        pw = hash_password(secrets.token_hex(8))
        rows, roles = [], []
        for n, (cadre_id, ban_id, name) in enumerate(
            (c for c in cadres if c.id not in have), start=first + 1
        ):
            rows.append(
                {
                    "id": n,
                    "username": f"cb{cadre_id:06d}",
                    "display_name": name,
                    "password_hash": pw,
                    "cadre_id": cadre_id,
                    "active": True,
                    "must_change_password": False,
                    "session_version": 1,
                    "language": "vi" if cadre_id % 5 else "en",
                    "is_demo": False,
                    "created_at": dt.datetime(2022, 1, 1),
                    "email": f"cb{cadre_id:06d}@example.org",
                    "mail_mode": "all",
                }
            )
            lead = cadre_id == ban_id and ban_id != 1  # ban 1 has truongban
            roles.append({"account_id": n, "role": "ban_leader" if lead else "cadre"})
        if rows:
            s.execute(insert(Account), rows)
            s.execute(insert(AccountRole), roles)
        s.execute(
            update(Account).where(Account.email.is_(None)).values(email=Account.username + "@example.org")
        )
        return len(rows)


@contextmanager
def counted(url: str):
    """{"reads": n, "writes": n} of the statements sent to `url` meanwhile (an executemany is one)."""
    counts = {"reads": 0, "writes": 0}

    def count(conn, cursor, statement, parameters, context, executemany):
        counts["reads" if statement.lstrip().upper().startswith("SELECT") else "writes"] += 1

    event.listen(engine(url), "before_cursor_execute", count)
    try:
        yield counts
    finally:
        event.remove(engine(url), "before_cursor_execute", count)


@contextmanager
def sink(kind: str = "minimal", processes: int = SINK_PROCESSES):
    """An SMTP server that accepts and drops every mail: `processes` processes of
    tests/bench/smtp_sink.py sharing one port."""
    import socket

    port = free_port()
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.bench.smtp_sink", str(port), kind],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(processes)
    ]
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(0.5)  # every process listening
        yield SmtpServer("127.0.0.1", port, False)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=10)


def forget_the_runs(url: str) -> None:
    """As if no run had been made: no reminder kept, nobody emailed."""
    with writing(url, bump_version=False) as s:
        s.execute(delete(Reminder))
        s.execute(delete(MailStatus))


def run_figures(url: str, kind: str = "minimal") -> dict:
    """A first run and a second one against a sink of `kind`; the figures' names end in
    `_aiosmtpd` for aiosmtpd's server."""
    sender, base = "Đi cơ sở <dicoso@example.org>", "http://localhost:8501"
    with sink(kind) as server:
        with counted(url) as first_counts:
            started = time.perf_counter()
            first = reminders.run(TODAY, server, sender, base, url=url)
            first_s = time.perf_counter() - started
        with counted(url) as second_counts:
            started = time.perf_counter()
            second = reminders.run(TODAY, server, sender, base, url=url)
            second_s = time.perf_counter() - started
    if not first.ok:
        raise RuntimeError(f"the run did not send everything: {first}")
    with reading(url) as s:
        people = s.scalar(select(func.count()).select_from(Account).where(Account.active.is_(True)))
    tail = "" if kind == "minimal" else f"_{kind}"
    return {
        "remind_people": people,
        f"remind_mails{tail}": first.sent,
        f"remind_s{tail}": round(first_s, 1),
        f"remind_plan_s{tail}": round(first.plan_seconds, 1),
        f"remind_send_s{tail}": round(first.send_seconds, 1),
        f"remind_reads{tail}": first_counts["reads"],
        f"remind_writes{tail}": first_counts["writes"],
        f"remind_again_mails{tail}": second.sent,
        f"remind_again_s{tail}": round(second_s, 1),
        f"remind_again_reads{tail}": second_counts["reads"],
    }


def todo_figures(url: str, repeat: int) -> dict:
    out = {}
    with reading(url) as s:
        actors = {name: load_actor(s, name) for name in ("canbo", "truongban", "lanhdao")}
    for name, actor in actors.items():
        times, shown = [], None
        for _ in range(repeat + 1):
            started = time.perf_counter()
            with reading(url) as s:
                shown = todo.for_actor(s, actor, TODAY)
            times.append((time.perf_counter() - started) * 1000)
        out[f"todo_query_ms_{name}"] = round(statistics.median(times[1:]), 1)
        out[f"todo_items_{name}"] = shown.total
    return out


def page_figures(repeat: int) -> dict:
    """What the list adds to a warm page (a rerun: it comes from the cache): its page against
    the trivial page. A cold page pays the list's query (`todo_figures`)."""
    from streamlit.testing.v1 import AppTest

    from tests.bench.run import TRIVIAL_PAGE, compile_once, timed_run

    compile_once()

    def warm(script: Path, user: str | None = None) -> float:
        if user:
            os.environ["BENCH_TODO_USER"], os.environ["BENCH_TODO_DAY"] = user, TODAY.isoformat()
        at = AppTest.from_file(str(script), default_timeout=300)
        timed_run(at)
        return statistics.median(timed_run(at) for _ in range(repeat))

    out = {"trivial_warm_ms": round(warm(TRIVIAL_PAGE), 1)}
    for user in ("canbo", "truongban", "lanhdao"):
        out[f"todo_adds_warm_ms_{user}"] = round(
            warm(HERE / "todo_page.py", user) - out["trivial_warm_ms"], 1
        )
    return out


def figures(url: str, repeat: int = 5, size: str = "ci") -> dict:
    """Every figure of this module on the office at `url` (a throwaway copy: accounts are added)."""
    added = give_everyone_an_account(url)
    out = {"remind_accounts_added": added}
    out.update(todo_figures(url, repeat))
    out.update(page_figures(repeat))
    out.update(run_figures(url))
    forget_the_runs(url)
    out.update(run_figures(url, "aiosmtpd"))
    if size != "tiny":
        out["remind_reads_tiny"] = tiny_run_reads()
    return out


def tiny_run_reads() -> int:
    """The reads of a first run on the tiny office, every cadre with an account too."""
    work = Path(tempfile.mkdtemp(prefix="dicoso-bench-tiny-"))
    try:
        shutil.copy(synthetic.cached_sqlite(synthetic.SIZES["tiny"], log=lambda _: None), work / "tiny.db")
        url = f"sqlite:///{work / 'tiny.db'}"
        give_everyone_an_account(url)
        return run_figures(url)["remind_reads"]
    finally:
        dispose_all()
        shutil.rmtree(work, ignore_errors=True)


def print_figures(out: dict) -> None:
    print(f"\n{GOALS}", flush=True)
    for tail, server in (("", "a minimal SMTP sink"), ("_aiosmtpd", "aiosmtpd's SMTP server")):
        print(
            f"make remind over {out['remind_people']:,} accounts, to {server}: {out['remind_mails' + tail]:,} mails in "
            f"{out['remind_s' + tail]} s (deciding {out['remind_plan_s' + tail]} s, sending "
            f"{out['remind_send_s' + tail]} s), {out['remind_reads' + tail]} reads and "
            f"{out['remind_writes' + tail]} writes; again: {out['remind_again_mails' + tail]} mails in "
            f"{out['remind_again_s' + tail]} s ({out['remind_again_reads' + tail]} reads)"
        )
    if "remind_reads_tiny" in out:
        print(
            f"a first run reads {out['remind_reads']} statements here, {out['remind_reads_tiny']} on the tiny office"
        )
    for user in ("canbo", "truongban", "lanhdao"):
        print(
            f"to-do of {user:9}: {out[f'todo_items_{user}']:5} items, its query {out[f'todo_query_ms_{user}']} ms "
            f"(a cold page); adds {out[f'todo_adds_warm_ms_{user}']} ms to a warm page "
            f"(the trivial page: {out['trivial_warm_ms']} ms)",
            flush=True,
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=synthetic.SIZES, default=os.environ.get("BENCH_SIZE", "ci"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    source = synthetic.cached_sqlite(synthetic.SIZES[args.size], log=lambda line: print(line, flush=True))
    work = Path(tempfile.mkdtemp(prefix="dicoso-bench-remind-"))
    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "DICOSO_COOKIE_KEY")}
    try:
        shutil.copy(source, work / "bench.db")
        url = f"sqlite:///{work / 'bench.db'}"
        os.environ["DATABASE_URL"] = url
        os.environ["DICOSO_COOKIE_KEY"] = secrets.token_urlsafe(48)
        out = figures(url, args.repeat, args.size)
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


if __name__ == "__main__":
    main(sys.argv[1:])
