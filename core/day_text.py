"""Days typed by hand as dd/mm/yyyy: the phone's form uses text fields rather than Streamlit's
calendar, whose month and weekday names are English whatever the app's language."""

from __future__ import annotations

import datetime as dt
import re

_DAY_TEXT = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*")


def parse(text: str | None) -> dt.date | None:
    """A day typed as dd/mm/yyyy (or d/m/yyyy, with "-" or "." between), the way it is written
    in Vietnam; None for an empty text. Raises ValueError for anything else, or for a day the
    calendar has not (31/02/2026)."""
    if not text or not text.strip():
        return None
    found = _DAY_TEXT.fullmatch(text)
    if found is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in found.groups())
    return dt.date(year, month, day)


def planned_by_dates(end: dt.date | None, today: dt.date) -> bool:
    """A trip that ends after today has not been made yet: it is a planned trip, whether or
    not the box was ticked (core.trips refuses a trip made in the future)."""
    return end is not None and end > today
