"""A ban's progress: who went, its days against the pro-rated target and its report figures,
side by side per ban and for the office (the headline of /progress and /review), and per
cadre of one ban. Each figure comes from its own module: core.participation,
core.targets, core.report_counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import actions, targets
from core.participation import Participation, by_ban, by_cadre
from core.periods import Window
from core.permissions import Actor, require
from core.report_counts import ReportCounts, as_of, report_counts
from core.targets import elapsed, targets_by_ban, targets_in
from db.models import Trip
from db.vocabulary import TripState


@dataclass(frozen=True)
class Headline:
    participation: Participation
    target_days: int  # pro-rated target of the cadres counted, for the elapsed window
    reports: ReportCounts
    as_of: dt.date

    @property
    def average_days(self) -> float:
        return self.participation.days / self.participation.went if self.participation.went else 0.0


def headline(session: Session, window: Window, today: dt.date, ban_id: int | None = None) -> Headline:
    """The big numbers of the dashboard: went X/Y, registered, days, target, overdue reports."""
    return total(ban_progress(session, window, today), window, today, ban_id)


def total(rows: list[BanProgress], window: Window, today: dt.date, ban_id: int | None = None) -> Headline:
    """The headline of the office (or of one ban) from the rows of `ban_progress`: a page that
    shows both reads the database once."""
    rows = [r for r in rows if ban_id is None or r.ban_id == ban_id]
    part = Participation(
        *(sum(getattr(r.participation, f) for r in rows) for f in ("cadres", "went", "days", "registered"))
    )
    reports = ReportCounts(
        *(sum(getattr(r.reports, f) for r in rows) for f in ("trips", "reported", "overdue"))
    )
    return Headline(part, sum(r.target_days for r in rows), reports, as_of(window, today))


@dataclass(frozen=True)
class BanProgress:
    ban_id: int
    code: str
    name: str
    participation: Participation
    target_days: int
    reports: ReportCounts


def ban_progress(session: Session, window: Window, today: dt.date) -> list[BanProgress]:
    """`by_ban` with each ban's pro-rated target and report figures."""
    reports = report_counts(session, window, today, group="ban")
    per_ban = targets_by_ban(session, window, today)
    return [
        BanProgress(
            row.ban_id,
            row.code,
            row.name,
            row.participation,
            per_ban.get(row.ban_id, 0),
            reports.get(row.ban_id, ReportCounts(0, 0, 0)),
        )
        for row in by_ban(session, window, also=set(reports))
    ]


@dataclass(frozen=True)
class CadreProgress:
    cadre_id: int
    code: str
    full_name: str
    position: str
    days: int
    trips: int
    last_trip: dt.date | None  # end of the latest trip made, up to the window's end
    reports: ReportCounts
    target_days: int  # pro-rated to the elapsed part of the window
    on_track: bool  # days at least what a steady pace toward that target reaches by now


def ban_detail(
    session: Session, actor: Actor, window: Window, ban_id: int, today: dt.date
) -> list[CadreProgress]:
    """Per-cadre progress of one ban; its own leader or the office leadership only."""
    require(actor, actions.BAN_DETAIL, ban_id)
    goals = targets_in(session, window, today, ban_id)
    reports = report_counts(session, window, today, group="cadre", ban_id=ban_id)
    last = dict(
        session.execute(
            select(Trip.cadre_id, func.max(Trip.end_date))
            .where(Trip.ban_id == ban_id, Trip.state == TripState.DONE, Trip.start_date <= window.end)
            .group_by(Trip.cadre_id)
        ).all()
    )
    part = elapsed(window, today) or window
    out = []
    for c in by_cadre(session, window, ban_id):
        target = goals.get(c.cadre_id, (ban_id, 0))[1]
        out.append(
            CadreProgress(
                c.cadre_id,
                c.code,
                c.full_name,
                c.position,
                c.days,
                c.trips,
                min(last[c.cadre_id], window.end) if c.cadre_id in last else None,
                reports.get(c.cadre_id, ReportCounts(0, 0, 0)),
                target,
                targets.on_track(c.days, target, part, as_of(window, today)).on_track,
            )
        )
    return out
