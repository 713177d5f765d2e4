"""The office view of a year's evaluations: how many cadres of each ban stand at each rating,
and the cap on the share rated excellent."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from core import participation, policy
from db.models import Ban, Cadre, Evaluation
from db.vocabulary import Rating

GOOD_OR_BETTER = (Rating.EXCELLENT, Rating.GOOD)
NOT_EVALUATED = "none"  # counted with the ratings (ratings_by_ban): no rating yet


@dataclass(frozen=True)
class BanRatings:
    ban_id: int
    code: str
    name: str
    counts: tuple[tuple[str, int], ...]  # (rating code, cadres); NOT_EVALUATED: none yet

    def count(self, rating: str) -> int:
        return dict(self.counts).get(rating, 0)


@dataclass(frozen=True)
class CapCheck:
    excellent: int
    good_or_better: int
    cap_percent: int

    @property
    def limit(self) -> int:
        """The most cadres that may be rated excellent under the cap."""
        return self.good_or_better * self.cap_percent // 100

    @property
    def exceeded(self) -> bool:
        return self.excellent > self.limit

    @property
    def share(self) -> float:
        return self.excellent / self.good_or_better if self.good_or_better else 0.0


def _standing_rating():
    return func.coalesce(Evaluation.final_rating, Evaluation.proposed_rating)


def ratings_by_ban(session: Session, year: int) -> list[BanRatings]:
    """Per active ban, how many cadres subject to 1+2 stand at each rating (one GROUP BY).
    Office-wide counts, no names: cacheable."""
    window = policy.for_year(session, year).counting_window
    rating = func.coalesce(_standing_rating(), NOT_EVALUATED)
    rows = session.execute(
        select(Cadre.ban_id, rating, func.count())
        .select_from(Cadre)
        .outerjoin(Evaluation, and_(Evaluation.cadre_id == Cadre.id, Evaluation.year == year))
        .where(participation.subject_cadres(window))
        .group_by(Cadre.ban_id, rating)
    ).all()
    counts: dict[int, list] = {}
    for ban_id, code, n in rows:
        counts.setdefault(ban_id, []).append((code, n))
    bans = session.execute(
        select(Ban.id, Ban.code, Ban.name).where(Ban.active.is_(True)).order_by(Ban.sort_order, Ban.name)
    )
    return [BanRatings(b.id, b.code, b.name, tuple(counts.get(b.id, ()))) for b in bans]


def cap_check(session: Session, year: int) -> CapCheck:
    """Decree 335/2025's rule as the office configures it: cadres rated excellent may be at
    most `excellent_cap_percent`% of those rated good or better."""
    window = policy.for_year(session, year).counting_window
    rating = _standing_rating()
    excellent, good_or_better = session.execute(
        select(
            func.coalesce(func.sum(case((rating == Rating.EXCELLENT, 1), else_=0)), 0),
            func.coalesce(func.sum(case((rating.in_(GOOD_OR_BETTER), 1), else_=0)), 0),
        )
        .select_from(Evaluation)
        .join(Cadre, Cadre.id == Evaluation.cadre_id)
        .where(Evaluation.year == year, participation.subject_cadres(window))
    ).one()
    return CapCheck(int(excellent), int(good_or_better), policy.for_year(session, year).excellent_cap_percent)
