"""`python -m seed`: migrate the database, then load demo data into it.

    python -m seed                          # default demo (central-2018) into an empty database
    python -m seed --demo province-2022
    python -m seed --if-empty               # what `make run` does: load only into an empty DB
    python -m seed --reset [--yes]          # empty the database (asks for the office's name)
    python -m seed --reset --demo NAME      # empty it, then load a demo
    python -m seed --new-office "NAME" --admin USERNAME   # a real office on an empty database
    python -m seed --roster FILE.xlsx       # upsert a real roster (bans: its sheet "Ban", else they must exist; cli/roster.py)
    python -m seed --trips FILE.xlsx        # import past trips (checked whole first)
    python -m seed --describe               # what `make run` prints: the demo accounts on the demo only

The database is $DATABASE_URL, or the SQLite file under data/ (see db/session.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from cli import roster
from db.migrate import upgrade
from db.session import database_url, reading, writing
from seed import loader


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m seed",
        description=(
            "Bring the database to the newest schema, then load data into it. "
            "By default the database must be empty."
        ),
        epilog=(
            f"Demo accounts: quantri, lanhdao, truongban, canbo (password {loader.DEMO_PASSWORD!r}). "
            "Database: $DATABASE_URL, else the SQLite file under data/."
        ),
    )
    # What to load. One source per run.
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--demo",
        choices=sorted(loader.DEMOS),
        default=None,
        metavar="NAME",
        help=f"demo data set to load: {', '.join(loader.DEMOS)} (default {loader.DEFAULT_DEMO}: "
        "the central office of 2018, 97/111 cadres went between 01/06 and 31/07/2018)",
    )
    roster.add_arguments(parser, source)
    source.add_argument(
        "--new-office",
        default=None,
        metavar="NAME",
        help="start a real office on an empty database: its name (the app's title, the Word and Excel "
        "headers), this year's policy and one admin account (--admin) with a one-time password",
    )
    source.add_argument(
        "--trips",
        default=None,
        metavar="FILE",
        help="import past trips (.xlsx or UTF-8 .csv: Mã cán bộ, Từ ngày, Đến ngày, Tỉnh/Thành phố, …): "
        "the whole file is checked first, a preview printed, then written in one transaction; "
        "a trip already there (same cadre, start and end) is not added again",
    )
    source.add_argument(
        "--describe",
        action="store_true",
        help="print what the database holds for `make run`: the demo accounts on the demo's data only",
    )
    parser.add_argument(
        "--admin", default=None, metavar="USERNAME", help="with --new-office: the first admin's username"
    )
    parser.add_argument(
        "--admin-name", default=None, metavar="TEXT", help="with --new-office: the admin's display name"
    )
    parser.add_argument(
        "--parent-name",
        default=None,
        metavar="TEXT",
        help="with --new-office: the upper body shown above the office's name in the Word header",
    )
    parser.add_argument(
        "--office-place",
        default=None,
        metavar="TEXT",
        help="with --new-office: the place written before the date in the Word header",
    )
    parser.add_argument(
        "--office-symbol",
        default=None,
        metavar="TEXT",
        help='with --new-office: the symbol in the papers\' number ("TĐTN-VP" in "Số: …-BC/TĐTN-VP")',
    )
    parser.add_argument(
        "--signer-name",
        default=None,
        metavar="TEXT",
        help="with --new-office: who signs the review report for the standing committee",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="with --trips: check and preview, write nothing"
    )
    parser.add_argument(
        "--timings",
        action="store_true",
        help="with --trips: print each phase's seconds and the peak memory (a JSON line, for make bench)",
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="with --reset: do not ask for the office's name to confirm",
    )
    # What to do when the database already holds data.
    existing = parser.add_mutually_exclusive_group()
    existing.add_argument(
        "--if-empty",
        action="store_true",
        help="load only if the database has no bans yet; otherwise say so and do nothing",
    )
    existing.add_argument(
        "--reset",
        action="store_true",
        help="empty the database (every row, accounts included; the schema stays) once its office's name "
        "is typed (or --yes); with --demo, then load that demo",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        metavar="URL",
        help="database to use instead of $DATABASE_URL",
    )
    return parser


def _job(args: argparse.Namespace) -> tuple[str, Callable[[Session], None]]:
    """What this run loads: a label and a function that writes it in a session."""
    name = args.demo or loader.DEFAULT_DEMO
    return f"demo {name}", lambda session: loader.load(session, name)


def import_roster(args: argparse.Namespace, url: str) -> int:
    """`--roster FILE`: the admin command of cli/roster.py."""
    return roster.run(args, url)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = args.database_url or database_url()
    from cli import new_office, trips

    if args.describe:
        return new_office.describe(url)
    if args.new_office is not None:
        return new_office.new_office(args, url)
    if args.trips:
        return trips.import_trips(args, url)
    if args.reset:  # emptied once confirmed; then a demo is loaded only if one is named
        code = new_office.reset(args, url)
        if code or not args.demo:
            return code
    if args.roster:
        if new_office.refused_as_demo(url):  # an office's roster never goes into the demo
            return 1
        return import_roster(args, url)
    label, job = _job(args)

    upgrade(url)
    with reading(url) as session:
        empty = loader.is_empty(session)
    if not empty:
        if args.if_empty:
            print("The database already holds data; nothing loaded (--if-empty).")
            return 0
        if not args.reset:
            print(
                "Refusing to load: the database already holds data. "
                "Use --reset to delete every row first, or --if-empty to skip.",
                file=sys.stderr,
            )
            return 2

    started = time.perf_counter()
    with writing(url) as session:
        if args.reset:
            loader.reset(session)
        job(session)
    elapsed = time.perf_counter() - started

    print(f"Loaded {label} in {elapsed:.1f} s.")
    with reading(url) as session:
        for line in loader.summary(session):
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
