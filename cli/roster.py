"""Import a roster from the shell: the /admin import, with the same checks and summary.

    python -m cli.roster FILE.xlsx|csv [--deactivate-missing] [--passwords-csv FILE] [--database-url URL]
    python -m seed --roster FILE …    (the same command, among the demo loader's options)

Exit codes: 0 imported, 1 the file has problems (listed on stderr, nothing written),
2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

ROSTER_HELP = (
    "import a roster (.xlsx or UTF-8 .csv, the /admin template's columns): cadres are "
    "upserted by their code, new cadres get accounts with one-time passwords; the whole "
    "file is checked first and nothing is written if any row is wrong"
)


def add_arguments(parser: argparse.ArgumentParser, roster_group=None) -> None:
    """`--roster FILE` (in `roster_group`, if given: `python -m seed` makes it one source among
    its demos), `--deactivate-missing` and `--passwords-csv FILE`."""
    (roster_group or parser).add_argument("--roster", default=None, metavar="FILE", help=ROSTER_HELP)
    parser.add_argument(
        "--deactivate-missing",
        action="store_true",
        help="with --roster: deactivate active cadres that are not in the file (history is kept)",
    )
    parser.add_argument(
        "--passwords-csv",
        default=None,
        metavar="FILE",
        help="with --roster or --new-office: write the new accounts' one-time passwords to FILE (CSV) instead of the screen",
    )


def run(args: argparse.Namespace, url: str) -> int:
    """Import `args.roster` into the database at `url` (migrated first), as an admin named after
    the shell's user; print the summary and the one-time passwords, or the file's problems."""
    import getpass
    from pathlib import Path

    import pandas as pd

    from core import roster_import
    from core.errors import DomainError, ValidationError
    from core.exports.spreadsheet import csv_bytes
    from core.i18n import t
    from core.permissions import Actor
    from db.migrate import upgrade
    from db.session import writing

    path = Path(args.roster)
    try:
        content = path.read_bytes()
    except OSError as exc:
        key = {FileNotFoundError: "roster.cli.not_found", PermissionError: "roster.cli.not_allowed"}
        print(t(key.get(type(exc), "roster.cli.cannot_read"), path=path), file=sys.stderr)
        return 2
    shell = Actor(
        account_id=0, username=f"shell:{getpass.getuser()}", name="shell", roles=frozenset({"admin"})
    )
    upgrade(url)
    try:
        # Read (the costly part) before the write transaction, so its lock is not held meanwhile.
        roster = roster_import.read_file(content, path.name)
        with writing(url) as session:
            result = roster_import.apply(session, shell, roster, path.name, args.deactivate_missing)
    except ValidationError as exc:
        problems = exc.messages()
        print(t("roster.errors", count=len(problems)), file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1
    except DomainError as exc:  # the demo's database, refused whole
        for message in exc.messages():
            print(message, file=sys.stderr)
        return 1
    if result.bans_added or result.bans_renamed:
        print(t("roster.bans_done", added=result.bans_added, renamed=result.bans_renamed))
    print(
        t(
            "roster.done",
            added=result.added,
            changed=result.changed,
            unchanged=result.unchanged,
            deactivated=result.deactivated,
        )
    )
    if result.accounts:
        frame = pd.DataFrame([a.__dict__ for a in result.accounts])
        if args.passwords_csv:
            Path(args.passwords_csv).write_bytes(csv_bytes(frame))
            Path(args.passwords_csv).chmod(0o600)
            print(t("roster.cli.passwords_written", count=len(result.accounts), path=args.passwords_csv))
        else:
            print(t("roster.passwords"))
            for a in result.accounts:
                print(f"  {a.username}\t{a.password}\t{a.full_name}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cli.roster",
        description=f"Bring the database to the newest schema, then {ROSTER_HELP} (the bans: a workbook's "
        "sheet 'Ban', else they must exist).",
        epilog="Database: $DATABASE_URL, else the SQLite file under data/.",
    )
    parser.add_argument("roster", metavar="FILE", help="the roster file (.xlsx or UTF-8 .csv)")
    parser.add_argument(
        "--deactivate-missing",
        action="store_true",
        help="deactivate active cadres that are not in the file (history is kept)",
    )
    parser.add_argument(
        "--passwords-csv",
        default=None,
        metavar="FILE",
        help="write the new accounts' one-time passwords to FILE (CSV) instead of the screen",
    )
    parser.add_argument(
        "--database-url", default=None, metavar="URL", help="database to use instead of $DATABASE_URL"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from db.session import database_url

    args = build_parser().parse_args(argv)
    return run(args, args.database_url or database_url())


if __name__ == "__main__":
    sys.exit(main())
