"""`make remind`: mail each person what newly waits for them, and the leaders their weekly
digest, once, then exit (for cron or a systemd timer: README.md shows both).

    python -m cli.remind [--dry-run] [--today dd/mm/yyyy] [--lang vi|en] [--database-url URL]

Settings, from the environment or else the `[smtp]` table of .streamlit/secrets.toml:

    DICOSO_SMTP_URL   (url)       smtp://user:pass@host:587 (STARTTLS when offered), smtps://…:465
    DICOSO_MAIL_FROM  (from)      the sender, e.g. "Đi cơ sở <dicoso@tinhdoan.vn>"
    DICOSO_BASE_URL   (base_url)  where the app is served; links in the mails start with it

On the demo data the sender and the address default to dicoso@example.org and
http://localhost:8501. Without the settings it says what is missing and sends nothing.

Exit codes: 0 done (nothing to send, or another run was sending: it sends nothing); 1 some
mails were not sent (refused, or the connection was lost: they wait for the next run);
2 bad arguments; 3 mail settings missing or not valid (nothing sent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_NOT_ALL_SENT, EXIT_USAGE, EXIT_NOT_CONFIGURED = 0, 1, 2, 3
DEMO_SENDER = "Đi cơ sở <dicoso@example.org>"
DEMO_BASE_URL = "http://localhost:8501"
SETTINGS = (("DICOSO_SMTP_URL", "url"), ("DICOSO_MAIL_FROM", "from"), ("DICOSO_BASE_URL", "base_url"))


def secrets_file() -> Path:
    from db.session import ROOT

    return Path(os.environ.get("DICOSO_SECRETS_FILE") or ROOT / ".streamlit" / "secrets.toml")


def settings(env: dict | None = None, secrets: Path | None = None) -> dict[str, str]:
    """{environment variable: value} of the mail settings given, the environment first."""
    env = os.environ if env is None else env
    table = {}
    path = secrets or secrets_file()
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("smtp", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            table = {}
    out = {}
    for variable, key in SETTINGS:
        value = (
            env.get(variable) or str(table.get(key) or table.get("mail_from" if key == "from" else key, ""))
        ).strip()
        if value:
            out[variable] = value
    return out


def parse_day(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError("dd/mm/yyyy") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cli.remind",
        description="Mail each person what newly waits for them, and the leaders their weekly digest, once.",
        epilog="Settings: DICOSO_SMTP_URL, DICOSO_MAIL_FROM, DICOSO_BASE_URL (or [smtp] url, from, base_url in "
        ".streamlit/secrets.toml). Exit codes: 0 done, 1 some mails not sent (left for the next run), "
        "2 bad arguments, 3 mail settings missing or not valid.",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be sent, to whom, without sending or recording anything",
    )
    parser.add_argument(
        "--today",
        type=parse_day,
        default=None,
        metavar="DD/MM/YYYY",
        help="judge deadlines as of this day (try it on the demo: --today 15/07/2018)",
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="the language of what it prints")
    parser.add_argument("--database-url", default=None, metavar="URL", help="instead of $DATABASE_URL")
    return parser


def main(argv: Sequence[str] | None = None, env: dict | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK

    from core import formatting, mail, reminders
    from core.i18n import set_language, t
    from db.migrate import upgrade
    from db.models import Setting
    from db.session import database_url, reading

    set_language(args.lang)
    url = args.database_url or database_url()
    upgrade(url)
    today = args.today or dt.date.today()
    given = settings(env)
    with reading(url) as session:
        demo = session.get(Setting, "demo") is not None
    if demo and not ("DICOSO_MAIL_FROM" in given and "DICOSO_BASE_URL" in given):
        given.setdefault("DICOSO_MAIL_FROM", DEMO_SENDER)
        given.setdefault("DICOSO_BASE_URL", DEMO_BASE_URL)
        print(t("remind.cli.demo_defaults", sender=given["DICOSO_MAIL_FROM"], base=given["DICOSO_BASE_URL"]))
    missing = [
        variable
        for variable, _ in SETTINGS
        if variable not in given and not (args.dry_run and variable == "DICOSO_SMTP_URL")
    ]
    if missing:
        print(t("remind.cli.missing", missing=", ".join(missing)), file=sys.stderr)
        return EXIT_NOT_CONFIGURED
    server = None
    if "DICOSO_SMTP_URL" in given:
        try:
            server = mail.SmtpServer.from_url(given["DICOSO_SMTP_URL"])
        except ValueError as exc:
            print(t("remind.cli.bad_setting", error=f"DICOSO_SMTP_URL: {exc}"), file=sys.stderr)
            return EXIT_NOT_CONFIGURED
    sender, base_url = given["DICOSO_MAIL_FROM"], given["DICOSO_BASE_URL"]
    if not mail.valid_address(_address_of(sender)):
        print(t("remind.cli.bad_setting", error=f"DICOSO_MAIL_FROM: {sender}"), file=sys.stderr)
        return EXIT_NOT_CONFIGURED
    if not base_url.startswith(("http://", "https://")):
        print(t("remind.cli.bad_setting", error=f"DICOSO_BASE_URL: {base_url}"), file=sys.stderr)
        return EXIT_NOT_CONFIGURED

    result = reminders.run(today, server, sender, base_url, url=url, dry_run=args.dry_run)
    day = formatting.date(today)
    if result.busy_until is not None:
        print(t("remind.cli.busy", until=formatting.moment(result.busy_until, seconds=True) + " UTC"))
        return EXIT_OK
    if args.dry_run:
        print(t("remind.cli.dry_run", today=day, count=len(result.preview)))
        for m, composed in result.preview:
            print(
                t(
                    "remind.cli.would_send",
                    to=m.person.email,
                    username=m.person.username,
                    language=m.person.language,
                    subject=composed.subject,
                )
            )
            print("   " + composed.text.replace("\n", "\n   ").rstrip())
            if composed.chart:
                print(t("remind.cli.chart"))
        for username, count in result.missed:
            print(t("remind.cli.no_address", username=username, count=count))
        return EXIT_OK
    for to, error in result.failed:
        print(t("remind.cli.failed", to=to, error=error), file=sys.stderr)
    if result.lost:
        print(t("remind.cli.connection_lost", error=result.lost, left=result.left), file=sys.stderr)
    if result.lease_lost:
        print(t("remind.cli.lease_lost"), file=sys.stderr)
    for username, count in result.missed:
        print(t("remind.cli.no_address", username=username, count=count))
    if not result.planned and not result.missed:
        print(t("remind.cli.nothing", today=day))
    else:
        print(
            t(
                "remind.cli.summary",
                today=day,
                sent=result.sent,
                failed=len(result.failed),
                left=result.left,
                missed=len(result.missed),
            )
        )
    return EXIT_OK if result.ok else EXIT_NOT_ALL_SENT


def _address_of(sender: str) -> str:
    from email.utils import parseaddr

    return parseaddr(sender)[1]


if __name__ == "__main__":
    sys.exit(main())
