"""What was sent, kept: the rows of `reminders` written for each mail sent or missed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.reminders.choices import MISSED, SENT
from core.reminders.planning import Mail
from db.models import MailStatus, Reminder

# --- What was sent, kept -----------------------------------------------------------------------


def _insert(session: Session, model):
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(model)


def record(
    session: Session,
    sent: list[tuple[Mail, str]],
    failed: list[tuple[Mail, str]],
    missed: list[Mail],
    at: dt.datetime,
) -> None:
    """Keep, in the caller's transaction: the reminders of the mails sent (and their subject and
    time per person), the failures per person, the reminders missed for want of an address.
    One statement per table, whatever the number of mails."""
    rows = [
        {"kind": k, "object_id": o, "stage": s, "account_id": m.person.account_id, "outcome": SENT, "at": at}
        for m, _ in sent
        for k, o, s in m.keys
    ]
    if rows:
        upsert = _insert(session, Reminder)
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["kind", "object_id", "stage", "account_id"],
                set_={"outcome": upsert.excluded.outcome, "at": upsert.excluded.at},
            ),
            rows,
        )
    rows = [
        {
            "kind": k,
            "object_id": o,
            "stage": s,
            "account_id": m.person.account_id,
            "outcome": MISSED,
            "at": at,
        }
        for m in missed
        for k, o, s in m.keys
    ]
    if rows:
        session.execute(_insert(session, Reminder).on_conflict_do_nothing(), rows)
    if sent:
        upsert = _insert(session, MailStatus)
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["account_id"],
                set_={
                    "last_sent_at": upsert.excluded.last_sent_at,
                    "last_subject": upsert.excluded.last_subject,
                },
            ),
            [
                {"account_id": m.person.account_id, "last_sent_at": at, "last_subject": subject[:300]}
                for m, subject in sent
            ],
        )
    if failed:
        upsert = _insert(session, MailStatus)
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["account_id"],
                set_={
                    "last_error": upsert.excluded.last_error,
                    "last_error_at": upsert.excluded.last_error_at,
                },
            ),
            [
                {
                    "account_id": m.person.account_id,
                    "last_subject": "",
                    "last_error": error[:500],
                    "last_error_at": at,
                }
                for m, error in failed
            ],
        )
