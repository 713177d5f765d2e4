"""The money: funding spent on the trips made in a window, per ban and for the office, against
each ban's budget of the year pro-rated to the window (seed 001 names too little funding as a
difficulty; the trips record it, this adds it up).

The spending is summed by the database from the funding kept per calendar day and ban
(core.rollups: a trip's funding counts on the day it ends, when its money is settled), so a
window of any length reads one range of the `ban_days` key. A ban's budget is set per year in
the year's policy (core.policy.save_budgets); a window gets of each year's budget the share of
that year's days it covers (a quarter of 2018: 91/365 of the 2018 budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core import policy
from core.periods import Window, year_window
from db.models import Ban, BanDay


@dataclass(frozen=True)
class BanFunding:
    ban_id: int
    name: str
    spent: int  # VND, the trips made that ended in the window
    budget: int | None  # VND, the budget pro-rated to the window; None: no budget set

    @property
    def share(self) -> float | None:
        """Spent over budget (None without a budget above nothing)."""
        return self.spent / self.budget if self.budget else None


@dataclass(frozen=True)
class Funding:
    window: Window
    bans: tuple[BanFunding, ...]

    @property
    def spent(self) -> int:
        return sum(b.spent for b in self.bans)

    @property
    def budget(self) -> int | None:
        """The pro-rated budgets of the bans that have one; None when no ban has one."""
        budgets = [b.budget for b in self.bans if b.budget is not None]
        return sum(budgets) if budgets else None

    @property
    def share(self) -> float | None:
        return self.spent / self.budget if self.budget else None


def spent_by_ban(session: Session, window: Window) -> dict[int, int]:
    """VND spent per ban on the trips made that ended in the window (bans with none left out)."""
    rows = session.execute(
        select(BanDay.ban_id, func.sum(BanDay.funding_vnd))
        .where(BanDay.day.between(window.start, window.end))
        .group_by(BanDay.ban_id)
    )
    return {ban_id: int(total) for ban_id, total in rows if total}


def year_shares(window: Window) -> list[tuple[int, Fraction]]:
    """Each calendar year the window touches, and the share of its days the window covers."""
    out = []
    for year in range(window.start.year, window.end.year + 1):
        whole = year_window(year)
        start, end = max(window.start, whole.start), min(window.end, whole.end)
        out.append((year, Fraction((end - start).days + 1, (whole.end - whole.start).days + 1)))
    return out


def prorated_budgets(session: Session, window: Window) -> dict[int, int]:
    """Each ban's budget pro-rated to the window, in whole VND (bans with no budget in any year
    of the window left out)."""
    exact: dict[int, Fraction] = {}
    for year, share in year_shares(window):
        for ban_id, amount in policy.for_year(session, year).ban_budgets:
            exact[ban_id] = exact.get(ban_id, Fraction(0)) + amount * share
    return {ban_id: round(value) for ban_id, value in exact.items()}


def funding(session: Session, window: Window) -> Funding:
    """Every active ban (and an inactive one that spent or had a budget in the window), in the
    office's order, with its spending and pro-rated budget."""
    spent = spent_by_ban(session, window)
    budgets = prorated_budgets(session, window)
    rows = session.execute(
        select(Ban.id, Ban.name)
        .where(or_(Ban.active.is_(True), Ban.id.in_(set(spent) | set(budgets))))
        .order_by(Ban.sort_order, Ban.name)
    )
    return Funding(
        window,
        tuple(BanFunding(ban_id, name, spent.get(ban_id, 0), budgets.get(ban_id)) for ban_id, name in rows),
    )
