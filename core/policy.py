"""The yearly policy: target days, counting rule, deadlines, labels, caps.

A year without a stored policy uses the defaults of Guideline 03 (60 days, calendar days,
reports within 10 days), so every figure always has a policy to follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import access, actions, audit, limits
from core.errors import FieldError, ValidationError
from core.i18n import t
from core.periods import Window, year_window
from core.permissions import require
from core.text import clean
from db.models import Ban, Cadre, Exemption, Policy
from db.vocabulary import CONTENT_TYPES, COUNTING_RULES, CountingRule


@dataclass(frozen=True)
class YearPolicy:
    year: int
    target_days: int = 60
    counting_rule: str = CountingRule.CALENDAR
    window: Window | None = None
    report_deadline_days: int = 10
    exemption_kinds: tuple[str, ...] = ("training", "sick_leave", "maternity")
    # Given as {code: {language: text}}, kept as pairs: a policy read is shared by every
    # session (ui.data), so nothing of it can be changed in place.
    content_type_labels: tuple = ()
    excellent_cap_percent: int = 20
    # (ban id, VND) of the bans given a funding budget for the year (core.funding).
    ban_budgets: tuple[tuple[int, int], ...] = ()

    def __post_init__(self):
        if isinstance(self.ban_budgets, Mapping):
            object.__setattr__(self, "ban_budgets", tuple(sorted(self.ban_budgets.items())))
        if isinstance(self.content_type_labels, Mapping):
            object.__setattr__(
                self,
                "content_type_labels",
                tuple((code, tuple(texts.items())) for code, texts in self.content_type_labels.items()),
            )

    def custom_labels(self, code: str) -> dict[str, str]:
        """The office's own names of a content type, by language (none: the catalogue's)."""
        return dict(dict(self.content_type_labels).get(code, ()))

    @property
    def counting_window(self) -> Window:
        return self.window or year_window(self.year)

    def content_label(self, code: str, lang: str | None = None) -> str:
        custom = self.custom_labels(code)
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
        content_type_labels=row.content_type_labels or {},
        excellent_cap_percent=row.excellent_cap_percent,
        ban_budgets={int(ban): int(vnd) for ban, vnd in (row.ban_budgets or {}).items()},
    )


def is_stored(session: Session, year: int) -> bool:
    """Has the year its own policy (otherwise the defaults apply)?"""
    return session.get(Policy, year) is not None


def for_day(session: Session, day: dt.date) -> YearPolicy:
    return for_year(session, day.year)


def content_types() -> tuple[str, ...]:
    return CONTENT_TYPES


# --- Editing a year's policy, and recorded exemptions (admins) --------------------------------


def counting_window(year: int, start: dt.date, end: dt.date) -> Window | None:
    """The window a policy form asks for: None when it is the calendar year (the default)."""
    if end < start:
        raise ValidationError([FieldError("policy.window", "period.bad_window")])
    window = Window(start, end)
    return None if window == year_window(year) else window


def save(session: Session, actor, data: YearPolicy) -> None:
    """Store the policy of `data.year`; every figure of that year follows it from now on."""
    require(actor, actions.ADMIN_POLICY)
    errors = []
    if not 0 < data.target_days <= 366:
        errors.append(FieldError("policy.target_days", "policy.error.range", {"low": 1, "high": 366}))
    if data.counting_rule not in COUNTING_RULES:
        errors.append(FieldError("policy.counting_rule", "policy.error.bad_rule"))
    if data.window is not None and (data.window.start.year != data.year):
        errors.append(FieldError("policy.window", "policy.error.window_year", {"year": data.year}))
    if not 0 <= data.report_deadline_days <= 365:
        errors.append(
            FieldError("policy.report_deadline_days", "policy.error.range", {"low": 0, "high": 365})
        )
    if not 0 <= data.excellent_cap_percent <= 100:
        errors.append(
            FieldError("policy.excellent_cap_percent", "policy.error.range", {"low": 0, "high": 100})
        )
    kinds = list(
        limits.capped(
            limits.distinct(k for k in (clean(k) for k in data.exemption_kinds) if k), limits.EXEMPTION_KINDS
        )
    )
    limits.check(errors, "policy.exemption_kinds", kinds, limits.EXEMPTION_KINDS, each=limits.KIND)
    # (type, language, label) of every label given, a type and a language each.
    pairs = limits.capped(
        ((code, lang, clean(text)) for code, texts in data.content_type_labels for lang, text in texts),
        limits.LABELS,
    )
    limits.check(
        errors, "policy.labels", [text for _code, _lang, text in pairs], limits.LABELS, each=limits.LABEL
    )
    if errors:
        raise ValidationError(errors)
    labels: dict[str, dict[str, str]] = {}
    for code, lang, text in pairs:
        if code in CONTENT_TYPES and text:
            labels.setdefault(code, {})[lang] = text
    row = session.get(Policy, data.year)
    before = audit.snapshot(row) if row else None
    if row is None:
        row = Policy(year=data.year)
        session.add(row)
    row.target_days, row.counting_rule = data.target_days, data.counting_rule
    row.window_start = data.window.start if data.window else None
    row.window_end = data.window.end if data.window else None
    row.report_deadline_days, row.excellent_cap_percent = (
        data.report_deadline_days,
        data.excellent_cap_percent,
    )
    row.exemption_kinds, row.content_type_labels = kinds, {k: v for k, v in labels.items() if v}
    audit.record(session, actor.username, "update" if before else "create", row, before=before)


MAX_BUDGET = 1_000_000_000_000  # VND a ban a year: a thousand billion, well above any office's


def _vnd(given):
    """An amount as typed ("270.000.000", "270 000 000 đ") as a whole number; anything else
    is returned as it is, for the check to refuse."""
    if isinstance(given, str):
        digits = given.strip().removesuffix("đ").replace(".", "").replace(",", "").replace(" ", "")
        if digits == "":
            return None
        return int(digits) if digits.isdigit() else given
    return given


def save_budgets(session: Session, actor, year: int, budgets: Mapping[int, int | str | None]) -> None:
    """Set the funding budget of `year` per ban (None, 0 or empty: no budget), given as whole
    VND or as typed ("270.000.000"). The year's other rules stay as they are (a year without a
    stored policy gets the defaults with its budgets)."""
    require(actor, actions.BUDGET_SET)
    names = dict(session.execute(select(Ban.id, Ban.name)).all())
    errors = []
    kept: dict[str, int] = {}
    for ban_id, given in budgets.items():
        amount = _vnd(given)
        if ban_id not in names:
            errors.append(FieldError("policy.budget", "policy.error.unknown_ban"))
        elif amount is not None and (
            not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount <= MAX_BUDGET
        ):
            errors.append(FieldError("policy.budget", "policy.error.budget_range", {"ban": names[ban_id]}))
        elif amount:
            kept[str(ban_id)] = amount
    if errors:
        raise ValidationError(errors)
    row = session.get(Policy, year)
    before = audit.snapshot(row) if row else None
    if row is None:
        defaults = YearPolicy(year)
        row = Policy(
            year=year,
            target_days=defaults.target_days,
            counting_rule=defaults.counting_rule,
            report_deadline_days=defaults.report_deadline_days,
            exemption_kinds=list(defaults.exemption_kinds),
            content_type_labels={},
            excellent_cap_percent=defaults.excellent_cap_percent,
        )
        session.add(row)
    row.ban_budgets = kept
    audit.record(session, actor.username, "update" if before else "create", row, before=before)


@dataclass(frozen=True)
class ExemptionRow:
    id: int
    cadre_id: int
    cadre_name: str
    kind: str
    start: dt.date
    end: dt.date
    note: str


def exemptions(session: Session, actor, year: int) -> list[ExemptionRow]:
    """Exemptions that touch `year`, for the admin's list."""

    require(actor, actions.ADMIN_POLICY)
    window = year_window(year)
    rows = session.execute(
        select(Exemption, Cadre.full_name)
        .join(Cadre, Cadre.id == Exemption.cadre_id)
        .where(Exemption.start_date <= window.end, Exemption.end_date >= window.start)
        .order_by(Exemption.start_date)
    )
    return [
        ExemptionRow(e.id, e.cadre_id, name, e.kind, e.start_date, e.end_date, e.note) for e, name in rows
    ]


def add_exemption(
    session: Session,
    actor,
    cadre_id: int,
    kind: str,
    start: dt.date | None,
    end: dt.date | None,
    note: str = "",
) -> int:
    access.load(session, Cadre, cadre_id, actor, actions.ADMIN_POLICY)
    errors = []
    if start is None:
        errors.append(FieldError("policy.exemption.start", "error.required"))
    if end is None:
        errors.append(FieldError("policy.exemption.end", "error.required"))
    if start and end and end < start:
        errors.append(FieldError("policy.exemption.end", "period.bad_window"))
    if start and kind not in for_year(session, start.year).exemption_kinds:
        errors.append(FieldError("policy.exemption.kind", "policy.error.bad_kind"))
    note = clean(note, multiline=True)
    limits.check(errors, "policy.exemption.note", note, limits.NOTE)
    if errors:
        raise ValidationError(errors)
    row = Exemption(cadre_id=cadre_id, kind=kind, start_date=start, end_date=end, note=note)
    session.add(row)
    audit.record(session, actor.username, "create", row)
    return row.id
