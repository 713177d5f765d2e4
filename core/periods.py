"""Periods and day counting: windows, quarters, the two counting rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db.vocabulary import CountingRule

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MAX_TRIP_DAYS = 367  # a trip lasts a year at most (the dashboards rely on it to bound their reads)


@dataclass(frozen=True)
class Window:
    """An inclusive date window [start, end]."""

    start: dt.date
    end: dt.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("window ends before it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return start <= self.end and end >= self.start

    def clip(self, start: dt.date, end: dt.date) -> Window | None:
        if not self.overlaps(start, end):
            return None
        return Window(max(start, self.start), min(end, self.end))

    def quarters(self) -> list[tuple[int, int]]:
        """The (year, quarter) pairs the window touches."""
        out, year, q = [], self.start.year, quarter_of(self.start)
        while quarter_window(year, q).start <= self.end:
            out.append((year, q))
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
        return out


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_window(year: int, quarter: int) -> Window:
    if quarter not in ROMAN:
        raise ValueError("quarter must be 1..4")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return Window(start, end - dt.timedelta(days=1))


def year_window(year: int) -> Window:
    return Window(dt.date(year, 1, 1), dt.date(year, 12, 31))


def current_quarter(today: dt.date | None = None) -> Window:
    today = today or dt.date.today()
    return quarter_window(today.year, quarter_of(today))


def is_workday(day: dt.date) -> bool:
    """Monday to Friday. Public holidays are not subtracted (offices record them as leave)."""
    return day.weekday() < 5


def each_day(start: dt.date, end: dt.date):
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


def count_days(start: dt.date, end: dt.date, rule: str = CountingRule.CALENDAR) -> int:
    """Days of a trip from start to end inclusive, by the year's counting rule."""
    if end < start:
        return 0
    if rule == CountingRule.CALENDAR:
        return (end - start).days + 1
    if rule == CountingRule.WORKING:
        return sum(1 for d in each_day(start, end) if is_workday(d))
    raise ValueError(f"unknown counting rule {rule!r}")


def parse_iso(value: str | None) -> dt.date | None:
    """A date from the query string (ISO yyyy-mm-dd), or None if absent or malformed."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def window_from_query(params: dict, default: Window) -> Window:
    """The window of `?from=…&to=…`, falling back to `default` for a missing or bad half."""
    start = parse_iso(params.get("from")) or default.start
    end = parse_iso(params.get("to")) or default.end
    if end < start:
        return default
    return Window(start, end)
