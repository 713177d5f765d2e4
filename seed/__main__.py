"""`python -m seed`: migrate the database, then load demo data into it.

    python -m seed                          # default demo (central-2018) into an empty database
    python -m seed --demo province-2022
    python -m seed --if-empty               # what `make run` does: load only into an empty DB
    python -m seed --reset                  # wipe every row, then load
    python -m seed --roster FILE.xlsx       # upsert a real roster (bans must exist; cli/roster.py)

The database is $DATABASE_URL, or the SQLite file under data/ (see db/session.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Callable, Sequence

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
            "By default the database must be empty (no bans yet)."
        ),
        epilog=(
            f"Demo accounts: quantri, lanhdao, truongban, canbo (password {loader.DEMO_PASSWORD!r}). "
            "Database: $DATABASE_URL, else the SQLite file under data/."
        ),
    )
    # What to load. One source per run.
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--demo", choices=sorted(loader.DEMOS), default=None, metavar="NAME",
        help=f"demo data set to load: {', '.join(loader.DEMOS)} (default {loader.DEFAULT_DEMO}: "
             "the central office of 2018, 97/111 cadres went between 01/06 and 31/07/2018)",
    )
    roster.add_arguments(parser, source)
    # What to do when the database already holds data.
    existing = parser.add_mutually_exclusive_group()
    existing.add_argument(
        "--if-empty", action="store_true",
        help="load only if the database has no bans yet; otherwise say so and do nothing",
    )
    existing.add_argument(
        "--reset", action="store_true",
        help="delete every row of every table first (accounts included), in the same transaction",
    )
    parser.add_argument(
        "--database-url", default=None, metavar="URL",
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
    if args.roster:
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
            print("Refusing to load: the database already holds data. "
                  "Use --reset to delete every row first, or --if-empty to skip.", file=sys.stderr)
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
