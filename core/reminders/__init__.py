"""Reminders by email: `make remind` (cli/remind.py) runs `run` once.

Each run mails each person at most once, grouping what is new for them (core.todo's items
not yet mailed to them), in the account's language, with links into the app; the leaders get
a weekly digest too (each ban's days against its target so far, with the chart of /progress
as a PNG inside the mail) on the first run on or after the digest's day of the week (a
setting, Monday by default).

What is new is what has no row in `reminders` for (kind, object, stage, person) with the
outcome "sent": such a row is written only once the SMTP server accepted the mail carrying
it, so a run that loses its connection half way leaves the rest for the next run and sends
nothing twice. The rows are written in small batches (and at once when a send fails), so a
run of thousands of mails costs a few statements per batch, not per mail. An account without
an address gets rows with the outcome "missed" instead, counted on /admin. Own work is mailed
when it fell due within LOOKBACK_DAYS (a report overdue for a year is on the page, not in a
first run's mail); a decision once it has waited core.todo.WAITING_DAYS.

One run at a time: a run holds a lease row (`leases`) until it ends or its time runs out
(renewed while it sends); a second run meanwhile says so and sends nothing. The whole run
reads a fixed number of statements however many people there are (`make bench` counts them).

The package, one concern a module: choices (the settings, each account's choice and address,
the admins' view), planning (what is new for whom), composing (subjects, bodies, the digest's
chart), records (the rows of what was sent), lease (one run at a time), runner (the run).
Its public names are re-exported here.
"""

from core.reminders.choices import (
    DEFAULT_DIGEST_DAY,
    DIGEST,
    DIGEST_SETTING,
    LISTED,
    LISTED_CADRES,
    LOOKBACK_DAYS,
    MISSED,
    SENT,
    WEEKDAYS,
    MailChoice,
    MailStatusRow,
    Person,
    digest_day,
    mail_status,
    now,
    own_choice,
    people,
    set_address,
    set_digest_day,
    set_own_choice,
)
from core.reminders.composing import Composed, as_message, chart_image, chart_png, compose
from core.reminders.lease import LEASE, LEASE_SECONDS, new_holder, release_lease, renew_lease, take_lease
from core.reminders.planning import BanLine, Digest, Mail, Plan, plan
from core.reminders.records import record
from core.reminders.runner import FLUSH_EVERY, FLUSH_SECONDS, Result, run

__all__ = [
    "BanLine",
    "Composed",
    "DEFAULT_DIGEST_DAY",
    "DIGEST",
    "DIGEST_SETTING",
    "Digest",
    "FLUSH_EVERY",
    "FLUSH_SECONDS",
    "LEASE",
    "LEASE_SECONDS",
    "LISTED",
    "LISTED_CADRES",
    "LOOKBACK_DAYS",
    "MISSED",
    "Mail",
    "MailChoice",
    "MailStatusRow",
    "Person",
    "Plan",
    "Result",
    "SENT",
    "WEEKDAYS",
    "as_message",
    "chart_image",
    "chart_png",
    "compose",
    "digest_day",
    "mail_status",
    "new_holder",
    "now",
    "own_choice",
    "people",
    "plan",
    "record",
    "release_lease",
    "renew_lease",
    "run",
    "set_address",
    "set_digest_day",
    "set_own_choice",
    "take_lease",
]
