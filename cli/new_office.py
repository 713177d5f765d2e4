"""`python -m seed --new-office`, `--reset` and `--describe` (core/office.py does the work).

python -m seed --new-office "Tỉnh đoàn Hà Giang" --admin vanphong [--passwords-csv otp.csv]
               [--admin-name "…"] [--parent-name "…"] [--office-place "Hà Giang"]
               [--office-symbol "TĐTN-VP"] [--signer-name "…"]
python -m seed --reset [--yes]       # empty the database (asks for the office's name)
python -m seed --describe            # what `make run` prints under the address
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Sequence

from core import office
from core.accounts import NewAccount
from core.errors import DomainError
from core.i18n import t
from db.migrate import upgrade
from db.session import reading, writing

# The demo's accounts, as `make run` lists them (seed/loader.py makes them).
DEMO_ACCOUNTS = (
    ("quantri", "role.admin"),
    ("lanhdao", "role.office_leader"),
    ("truongban", "office.describe.ban_leader"),
    ("canbo", "office.describe.cadre"),
)


def _fail(exc: DomainError) -> None:
    for message in exc.messages():
        print(message, file=sys.stderr)


def write_passwords(path: str, made: Sequence[NewAccount]) -> None:
    """The one-time passwords to a CSV file only its owner reads (made so before anything is
    written to it), UTF-8 with a BOM for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["username", "full_name", "password"])
    for account in made:
        writer.writerow([account.username, account.full_name, account.password])
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an older file keeps its mode otherwise
    with os.fdopen(descriptor, "w", encoding="utf-8-sig", newline="") as out:
        out.write(buffer.getvalue())


def new_office(args: argparse.Namespace, url: str) -> int:
    if not args.admin:
        print(t("office.cli.admin_required"), file=sys.stderr)
        return 2
    upgrade(url)
    try:
        with writing(url) as session:
            made = office.create_office(
                session,
                args.new_office,
                args.admin,
                admin_name=args.admin_name or "",
                parent_name=args.parent_name or "",
                place=args.office_place or "",
                symbol=args.office_symbol or "",
                signer=args.signer_name or "",
            )
    except office.NotEmpty as exc:
        _fail(exc)
        return 2
    except DomainError as exc:
        _fail(exc)
        return 1
    with reading(url) as session:
        name = office.office_name(session)
    print(t("office.cli.created", name=name, username=made.username))
    if args.passwords_csv:
        write_passwords(args.passwords_csv, [made])
        print(t("office.cli.password_written", path=args.passwords_csv))
    else:
        print(t("office.cli.password", username=made.username, password=made.password))
    print(t("office.cli.next"))
    return 0


def reset(args: argparse.Namespace, url: str, ask=None) -> int:
    """Empty the database once the user typed its office's name (or passed --yes)."""
    ask = ask or input
    upgrade(url)
    with reading(url) as session:
        counts = office.contents(session)
        name = office.office_name(session)
    if not counts:
        print(t("office.cli.reset_nothing"))
        return 0
    if not args.yes:
        if name is None:
            print(t("office.cli.reset_needs_yes", contents=office.describe_contents(counts)), file=sys.stderr)
            return 2
        try:
            typed = ask(
                t("office.cli.reset_prompt", name=name, contents=office.describe_contents(counts)) + " "
            )
        except (EOFError, OSError):  # nobody to ask (no terminal): not confirmed
            typed = ""
        with reading(url) as session:
            agreed = office.confirmed(session, typed)
        if not agreed:
            print(t("office.cli.reset_refused"), file=sys.stderr)
            return 2
    with writing(url) as session:
        deleted = office.reset(session)
    print(t("office.cli.reset_done", contents=office.describe_contents(deleted)))
    return 0


def refused_as_demo(url: str) -> bool:
    """Say so and answer True when the database holds the demo (before an office's import)."""
    upgrade(url)
    with reading(url) as session:
        try:
            office.refuse_demo(session)
        except office.DemoDatabase as exc:
            _fail(exc)
            return True
    return False


def describe_lines(url: str) -> list[str]:
    """On the demo's data its accounts and their published password; on an office's data its
    name and what it holds (never a password); nothing on an empty database."""
    from seed.loader import DEMO_PASSWORD

    with reading(url) as session:
        if office.holds_demo(session):
            return [t("office.describe.demo", password=DEMO_PASSWORD)] + [
                f"    {username:10} {t(role)}" for username, role in DEMO_ACCOUNTS
            ]
        counts = office.contents(session)
        if not counts:
            return []
        shown = {k: v for k, v in counts.items() if k in ("bans", "cadres", "accounts", "trips")}
        return [
            t(
                "office.describe.office",
                name=office.office_name(session) or t("app.title"),
                contents=office.describe_contents(shown),
            ),
            t("office.describe.no_demo"),
        ]


def describe(url: str) -> int:
    upgrade(url)
    for line in describe_lines(url):
        print("  " + line)
    return 0
