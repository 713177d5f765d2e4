"""The item of "Việc cần làm" and how it is told: what an item is about (`Kind`), its plain
values (`Item`, so a list is cached for every rerun of the page), the list shown (`Todo`), and
its line in either language (`describe`), the same on the page and in a mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode

from core import formatting
from core.i18n import t
from core.periods import quarter_window

DUE_SOON_DAYS = 3  # a report due within these days is on the list (and mailed once)
REGISTRATION_NOTICE_DAYS = 14  # the coming quarter is asked for from two weeks before it starts
WAITING_DAYS = 3  # a decision waiting longer is mailed to the leader (on the page at once)
SHOWN = 6  # lines of the list on a page; the rest are counted


class Kind(StrEnum):
    """What an item is about; the reminders keep one row per (kind, object, stage, person)."""

    REPORT_DUE = "report_due"  # object: the trip
    REPORT_OVERDUE = "report_overdue"  # object: the trip
    REPORT_RETURNED = "report_returned"  # object: the report; stage: its version
    REGISTRATION_MISSING = "registration_missing"  # object: year * 10 + quarter
    TRIP_PASSED = "trip_passed"  # object: the planned trip
    REPORT_WAITING = "report_waiting"  # object: the report; stage: its version
    REGISTRATION_WAITING = "registration_waiting"  # object: the registration; stage: its version
    CADRE_BEHIND = "cadre_behind"  # object: the cadre (on the page and in the digest)
    BAN_WAITING = "ban_waiting"  # object: the ban (the office leaders' counts per ban)
    BAN_BEHIND = "ban_behind"  # object: the ban
    NO_ADDRESS = "no_address"  # the admins': accounts no reminder reaches (object 0)


OWN_WORK = (
    Kind.REPORT_DUE,
    Kind.REPORT_OVERDUE,
    Kind.REPORT_RETURNED,
    Kind.REGISTRATION_MISSING,
    Kind.TRIP_PASSED,
)
DECISIONS = (Kind.REPORT_WAITING, Kind.REGISTRATION_WAITING)


@dataclass(frozen=True)
class Item:
    kind: str
    object_id: int
    stage: str
    date: dt.date  # the deadline (own work), the day it started waiting (decisions), today (pace)
    page: str  # the page to act on (core.pages' address)
    query: tuple[tuple[str, str], ...]  # its query string: the link opens the place to act
    facts: tuple[tuple[str, object], ...] = ()  # what its line says (plain values)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.kind, self.object_id, self.stage)

    def fact(self, name: str, default=None):
        return dict(self.facts).get(name, default)

    def link(self, base: str = "") -> str:
        """The address of the place to act: relative (`/visits?…`) or under `base`."""
        query = f"?{urlencode(self.query)}" if self.query else ""
        return f"{base.rstrip('/')}/{self.page}{query}"


@dataclass(frozen=True)
class Todo:
    items: tuple[Item, ...]  # the first SHOWN, in the order of the list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


# --- The words of an item -------------------------------------------------------------------


def describe(item: Item, lang: str | None = None, today: dt.date | None = None) -> str:
    """The item's line in `lang` (default: the run's language), its dates dd/mm/yyyy."""
    f = dict(item.facts)
    values: dict[str, object] = {}
    if "start" in f:
        values["dates"] = formatting.dates(f["start"], f["end"])
    if "place" in f:
        values["place"] = f["place"]
    if item.kind in (Kind.REPORT_DUE, Kind.REPORT_OVERDUE, Kind.REPORT_RETURNED):
        values["due"] = formatting.date(item.date)
    if item.kind == Kind.REPORT_RETURNED:
        values["reason"] = f.get("reason") or "—"
    if item.kind in (Kind.REGISTRATION_MISSING, Kind.REGISTRATION_WAITING):
        values["quarter"] = formatting.quarter(f["year"], f["quarter"], lang)
        values["starts"] = formatting.date(quarter_window(f["year"], f["quarter"]).start)
    if item.kind in DECISIONS:
        values["name"] = f["name"]
        values["age"] = f["age"]
    if item.kind == Kind.CADRE_BEHIND:
        values.update(name=f["name"], days=f["days"], target=f["target"])
    if item.kind == Kind.BAN_WAITING:
        values.update(ban=f["ban"], reports=f["reports"], registrations=f["registrations"], age=f["age"])
    if item.kind == Kind.NO_ADDRESS:
        values["count"] = f["count"]
    if item.kind == Kind.BAN_BEHIND:
        values.update(
            ban=f["ban"], days=formatting.number(f["days"], lang), target=formatting.number(f["target"], lang)
        )
    return t(f"todo.{item.kind}", lang, **values)


def _tomorrow(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today + dt.timedelta(days=1), dt.time())


def _age(since: dt.date, today: dt.date) -> int:
    return max(0, (today - since).days)
