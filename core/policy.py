"""The yearly policy: target days, counting rule, deadlines, labels, caps.

A year without a stored policy uses the defaults of Guideline 03 (60 days, calendar days,
reports within 10 days), so every figure always has a policy to follow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from core.i18n import t
from core.periods import Window, year_window
from db.models import CONTENT_TYPES, Policy


@dataclass(frozen=True)
class YearPolicy:
    year: int
    target_days: int = 60
    counting_rule: str = "calendar"
    window: Window | None = None
    report_deadline_days: int = 10
    exemption_kinds: tuple[str, ...] = ("training", "sick_leave", "maternity")
    content_type_labels: dict = field(default_factory=dict)
    excellent_cap_percent: int = 20

    @property
    def counting_window(self) -> Window:
        return self.window or year_window(self.year)

    def content_label(self, code: str, lang: str | None = None) -> str:
        custom = self.content_type_labels.get(code, {})
        from core.i18n import language

        return custom.get(lang or language()) or t(f"content.{code}", lang)


def for_year(session: Session, year: int) -> YearPolicy:
    row = session.get(Policy, year)
    if row is None:
        return YearPolicy(year=year)
    window = None
    if row.window_start and row.window_end:
        window = Window(row.window_start, row.window_end)
    return YearPolicy(
        year=year,
        target_days=row.target_days,
        counting_rule=row.counting_rule,
        window=window,
        report_deadline_days=row.report_deadline_days,
        exemption_kinds=tuple(row.exemption_kinds or ()),
        content_type_labels=dict(row.content_type_labels or {}),
        excellent_cap_percent=row.excellent_cap_percent,
    )


def for_day(session: Session, day: dt.date) -> YearPolicy:
    return for_year(session, day.year)


def content_types() -> tuple[str, ...]:
    return CONTENT_TYPES
