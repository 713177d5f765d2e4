"""The roster: bans and cadres."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.periods import Window
from core.permissions import Actor, require
from db.models import Ban, Cadre


@dataclass(frozen=True)
class BanRow:
    id: int
    code: str
    name: str
    active: bool
    cadres: int = 0


@dataclass(frozen=True)
class CadreRow:
    id: int
    code: str
    full_name: str
    ban_id: int
    ban_code: str
    ban_name: str
    position: str
    subject_to_rule: bool
    active: bool
    joined_on: dt.date | None
    left_on: dt.date | None


def bans(session: Session, include_inactive: bool = False) -> list[BanRow]:
    """Bans in the office's order, with their count of active cadres."""
    counts = (
        select(Cadre.ban_id, func.count().label("n"))
        .where(Cadre.active.is_(True))
        .group_by(Cadre.ban_id)
        .subquery()
    )
    query = (
        select(Ban.id, Ban.code, Ban.name, Ban.active, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.ban_id == Ban.id)
        .order_by(Ban.sort_order, Ban.name)
    )
    if not include_inactive:
        query = query.where(Ban.active.is_(True))
    return [BanRow(*row) for row in session.execute(query)]


def ban_by_code(session: Session, code: str | None) -> BanRow | None:
    if not code:
        return None
    for ban in bans(session, include_inactive=True):
        if ban.code == code:
            return ban
    return None


def _cadre_query():
    return select(
        Cadre.id, Cadre.code, Cadre.full_name, Cadre.ban_id, Ban.code, Ban.name, Cadre.position,
        Cadre.subject_to_rule, Cadre.active, Cadre.joined_on, Cadre.left_on,
    ).join(Ban, Ban.id == Cadre.ban_id)


def cadres(session: Session, actor: Actor, ban_id: int | None = None,
           window: Window | None = None) -> list[CadreRow]:
    """The roster, for admins and leaders: a ban leader sees the own ban only."""
    if not actor.has("admin") and not actor.has("office_leader"):
        require(actor, "ban.detail", ban_id)
    query = _cadre_query().order_by(Ban.sort_order, Cadre.full_name)
    if ban_id is not None:
        query = query.where(Cadre.ban_id == ban_id)
    if window is not None:
        query = query.where(
            (Cadre.joined_on.is_(None)) | (Cadre.joined_on <= window.end),
            (Cadre.left_on.is_(None)) | (Cadre.left_on >= window.start),
        )
    return [CadreRow(*row) for row in session.execute(query)]


def cadre(session: Session, cadre_id: int) -> CadreRow | None:
    row = session.execute(_cadre_query().where(Cadre.id == cadre_id)).first()
    return CadreRow(*row) if row else None
