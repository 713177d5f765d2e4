"""A cadre's yearly target, pro-rated, and whether the cadre is on track.

The pure functions (`days_present`, `exempted_days`, `prorated_target`, `on_track`) take
plain dates and numbers, so the per-ban and evaluation pages reuse them unchanged.
`progress_of` reads one cadre's figures from the database and applies them; `targets_in`
and `targets_by_ban` give the targets of a window's cadres for the dashboards.

Pro-rating: target × (days present in the counting window − exempted days) / days in the
window, where "present" is the part of the window between joining and leaving the office
and exempted days are the days of recorded exemptions (long training, sick or maternity
leave) falling inside that part, each day counted once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from core import access, actions, policy
from core.participation import subject_cadres
from core.periods import Window
from core.permissions import Actor
from db.models import Cadre, Exemption, TripDay
from db.vocabulary import CountingRule


def present_window(
    window: Window, joined_on: dt.date | None = None, left_on: dt.date | None = None
) -> Window | None:
    """The part of `window` the cadre was in the office (None if none)."""
    start = max(window.start, joined_on) if joined_on else window.start
    end = min(window.end, left_on) if left_on else window.end
    return Window(start, end) if start <= end else None


def days_present(window: Window, joined_on: dt.date | None = None, left_on: dt.date | None = None) -> int:
    present = present_window(window, joined_on, left_on)
    return present.days if present else 0


def exempted_days(
    window: Window,
    exemptions: Iterable[tuple[dt.date, dt.date]],
    joined_on: dt.date | None = None,
    left_on: dt.date | None = None,
) -> int:
    """Days of the (present part of the) window covered by any exemption; overlaps once."""
    present = present_window(window, joined_on, left_on)
    if present is None:
        return 0
    parts = sorted((w.start, w.end) for w in (present.clip(s, e) for s, e in exemptions) if w)
    total, covered_to = 0, present.start - dt.timedelta(days=1)
    for start, end in parts:
        start = max(start, covered_to + dt.timedelta(days=1))
        if start <= end:
            total += (end - start).days + 1
            covered_to = end
    return total


def prorated_target(
    target_days: int,
    window: Window,
    joined_on: dt.date | None = None,
    left_on: dt.date | None = None,
    exemptions: Iterable[tuple[dt.date, dt.date]] = (),
) -> int:
    """The cadre's share of `target_days`, in whole days, rounded half up.

    A cadre present for the whole window without exemptions keeps the full target; one who
    joined on 1 July owes about half; one exempted for the whole time owes nothing.
    """
    owed = days_present(window, joined_on, left_on) - exempted_days(window, exemptions, joined_on, left_on)
    if owed <= 0 or target_days <= 0:
        return 0
    return math.floor(target_days * owed / window.days + 0.5)


@dataclass(frozen=True)
class Pace:
    on_track: bool
    expected_so_far: int  # days a steady pace would have reached by today
    days_needed: int  # days still missing to reach the target
    months_left: int  # whole or started months of the window after today
    per_month_needed: int | None  # days per remaining month; None once the window is over


def months_left(window: Window, today: dt.date) -> int:
    """Months of the window still ahead, the current one counted (0 once the window ended)."""
    if today > window.end:
        return 0
    start = max(today, window.start)
    return (window.end.year - start.year) * 12 + window.end.month - start.month + 1


def on_track(done_days: int, target_days: int, window: Window, today: dt.date) -> Pace:
    """Compare the days done with a steady pace through the window.

    On track means at least the days a steady pace would have reached by today (rounded
    down, so nobody is "behind" by a fraction of a day). After the window, only the target
    counts.
    """
    needed = max(0, target_days - done_days)
    if today < window.start:
        elapsed = 0
    elif today > window.end:
        elapsed = window.days
    else:
        elapsed = (today - window.start).days + 1
    expected = math.floor(target_days * elapsed / window.days)
    left = months_left(window, today)
    per_month = math.ceil(needed / left) if left else None
    return Pace(done_days >= expected, expected, needed, left, per_month)


@dataclass(frozen=True)
class Progress:
    year: int
    window: Window
    counting_rule: str
    full_target: int
    target: int  # pro-rated
    done_days: int
    exempted_days: int
    pace: Pace


def progress_of(
    session: Session, actor: Actor, cadre_id: int, year: int, today: dt.date | None = None
) -> Progress:
    """One cadre's days in the year's counting window against the pro-rated target."""
    today = today or dt.date.today()
    cadre = access.load(session, Cadre, cadre_id, actor, actions.TRIP_READ)
    rules = policy.for_year(session, year)
    window = rules.counting_window
    query = (
        select(func.count())
        .select_from(TripDay)
        .where(TripDay.cadre_id == cadre_id, TripDay.day.between(window.start, window.end))
    )
    if rules.counting_rule == CountingRule.WORKING:
        query = query.where(TripDay.is_workday.is_(True))
    done = session.scalar(query) or 0
    exemptions = session.execute(
        select(Exemption.start_date, Exemption.end_date).where(
            Exemption.cadre_id == cadre_id,
            Exemption.kind.in_(rules.exemption_kinds),
            Exemption.start_date <= window.end,
            Exemption.end_date >= window.start,
        )
    ).all()
    spans = [(r.start_date, r.end_date) for r in exemptions]
    target = prorated_target(rules.target_days, window, cadre.joined_on, cadre.left_on, spans)
    return Progress(
        year=year,
        window=window,
        counting_rule=rules.counting_rule,
        full_target=rules.target_days,
        target=target,
        done_days=done,
        exempted_days=exempted_days(window, spans, cadre.joined_on, cadre.left_on),
        # A late joiner's pace runs from the day they joined, not from 1 January.
        pace=on_track(done, target, present_window(window, cadre.joined_on, cadre.left_on) or window, today),
    )


# --- The targets of a window's cadres (the dashboards) ---------------------------------------


def elapsed(window: Window, today: dt.date) -> Window | None:
    """The part of the window already lived through (None before it starts)."""
    if today < window.start:
        return None
    return Window(window.start, min(window.end, today))


def targets_in(
    session: Session, window: Window, today: dt.date, ban_id: int | None = None
) -> dict[int, tuple[int, int]]:
    """{cadre_id: (ban_id, target days)} of the cadres counted in the window.

    A cadre's target for a window is the year's target pro-rated (`prorated_target`) to the
    elapsed part of the window inside the year's counting window, less the days the cadre
    was not in the office or was exempted (training, leave …). Reads roster and exemption
    rows only, never trips.
    """
    rule = _TargetRule.of(session, window, today)
    if rule is None:
        return {}
    query = select(Cadre.id, Cadre.ban_id, Cadre.joined_on, Cadre.left_on).where(subject_cadres(window))
    if ban_id is not None:
        query = query.where(Cadre.ban_id == ban_id)
    return {c.id: (c.ban_id, rule.target(c)) for c in session.execute(query)}


def targets_by_ban(session: Session, window: Window, today: dt.date) -> dict[int, int]:
    """{ban_id: the sum of `targets_in`} without a row per cadre: the cadres in the office the
    whole elapsed window and not exempted (nearly everyone) are counted by the database,
    and only the others are pro-rated one by one."""
    rule = _TargetRule.of(session, window, today)
    if rule is None:
        return {}
    whole = and_(
        subject_cadres(window),
        or_(Cadre.joined_on.is_(None), Cadre.joined_on <= rule.part.start),
        or_(Cadre.left_on.is_(None), Cadre.left_on >= rule.part.end),
        Cadre.id.not_in(list(rule.spans)),
    )
    out = {
        ban_id: n * rule.full
        for ban_id, n in session.execute(
            select(Cadre.ban_id, func.count()).where(whole).group_by(Cadre.ban_id)
        )
    }
    for c in session.execute(
        select(Cadre.id, Cadre.ban_id, Cadre.joined_on, Cadre.left_on).where(subject_cadres(window), ~whole)
    ):
        out[c.ban_id] = out.get(c.ban_id, 0) + rule.target(c)
    return out


@dataclass(frozen=True)
class _TargetRule:
    """The year's target pro-rated to the elapsed part of a window, and who was exempted in it."""

    part: Window
    share: float  # the target of a cadre present for the whole part, before rounding
    full: int  # that target, rounded as `prorated_target` does
    spans: dict[int, list]  # cadre id -> exempted (start, end) overlapping the part

    @classmethod
    def of(cls, session: Session, window: Window, today: dt.date) -> _TargetRule | None:
        rules = policy.for_day(session, window.start)
        counting = rules.counting_window
        part = elapsed(window, today)
        part = counting.clip(part.start, part.end) if part else None
        if part is None:
            return None
        spans: dict[int, list] = {}
        for cadre_id, start, end in session.execute(
            select(Exemption.cadre_id, Exemption.start_date, Exemption.end_date).where(
                Exemption.kind.in_(rules.exemption_kinds),
                Exemption.start_date <= part.end,
                Exemption.end_date >= part.start,
            )
        ):
            spans.setdefault(cadre_id, []).append((start, end))
        share = rules.target_days * part.days / counting.days
        return cls(part, share, prorated_target(share, part), spans)

    def target(self, c) -> int:
        if (
            (c.joined_on is None or c.joined_on <= self.part.start)
            and (c.left_on is None or c.left_on >= self.part.end)
            and c.id not in self.spans
        ):
            return self.full
        return prorated_target(self.share, self.part, c.joined_on, c.left_on, self.spans.get(c.id, ()))
