"""Yearly evaluations of each cadre's grassroots work (đánh giá, nhận xét)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import progress
from core.periods import year_window
from core.permissions import Actor, require
from db.models import Cadre, Evaluation


@dataclass(frozen=True)
class EvaluationRow:
    cadre_id: int
    code: str
    full_name: str
    ban_id: int
    position: str
    days: int
    trips: int
    proposed_rating: str | None
    final_rating: str | None
    locked: bool


def year_sheet(session: Session, actor: Actor, year: int, ban_id: int | None = None) -> list[EvaluationRow]:
    """The cadres of a year with their days and their evaluation so far.

    An office leader sees every ban; a ban leader only the own ban, whatever is asked.
    """
    if not actor.has("office_leader"):
        ban_id = actor.ban_id
        require(actor, "ban.detail", ban_id)
    figures = progress.by_cadre(session, year_window(year), ban_id)
    query = select(Evaluation).where(Evaluation.year == year)
    if ban_id is not None:
        query = query.join(Cadre, Cadre.id == Evaluation.cadre_id).where(Cadre.ban_id == ban_id)
    evaluations = {e.cadre_id: e for e in session.scalars(query)}
    rows = []
    for f in sorted(figures, key=lambda f: (f.ban_id, f.full_name)):
        ev = evaluations.get(f.cadre_id)
        rows.append(EvaluationRow(
            f.cadre_id, f.code, f.full_name, f.ban_id, f.position, f.days, f.trips,
            ev.proposed_rating if ev else None, ev.final_rating if ev else None,
            bool(ev and ev.locked),
        ))
    return rows
