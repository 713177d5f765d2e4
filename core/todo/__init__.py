"""What waits for each person ("Việc cần làm"): the short list at the top of each user's
first page, and what the reminders by email (core.reminders) are made of.

The rules, declared once here:

- a cadre: the reports of trips made that are due within DUE_SOON_DAYS or overdue (the due
  date is the trip's end plus the policy's deadline, core.reports), the reports returned
  for more work (with the reason), the coming quarter not yet registered from
  REGISTRATION_NOTICE_DAYS before it starts, the planned trips whose dates have passed
  (to be marked done or cancelled);
- a ban leader: the reports and registrations of the own ban's cadres waiting for a decision
  (the oldest first, with their age), and the ban's cadres behind a steady pace toward the
  year's target (core.targets: their days so far against the target pro-rated to today);
- an office leader: the same office-wide as counts per ban, and the bans behind pace (days
  against the pro-rated target, core.progress: the figures of /progress).

Everything is judged as of `today` (a report sent after it is not sent yet; `--today` of
`make remind` replays another day). The lists read indexes and the figures kept as trips
are made (core.rollups), never every trip: a cadre's own trips by the (cadre, start) index,
the decisions waiting by the (state, sent) index of reports and the registrations' small
index of those waiting, a ban's days so far from the days kept per cadre and month.

An `Item` is plain values (its facts), so a list is cached for every rerun of the page and
the same item is told in either language (`describe`) on the page and in a mail.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.permissions import Actor
from core.todo.item import (
    DECISIONS,
    DUE_SOON_DAYS,
    OWN_WORK,
    REGISTRATION_NOTICE_DAYS,
    SHOWN,
    WAITING_DAYS,
    Item,
    Kind,
    Todo,
    describe,
)
from core.todo.own import coming_quarter, own_work
from core.todo.pace import (
    bans_behind,
    behind_everywhere,
    behind_in_ban,
    days_so_far,
    name_cadres,
    pace_window,
)
from core.todo.waiting import (
    Waiting,
    ban_leaders,
    waiting,
    waiting_by_ban,
    waits_for_ban_leader,
)
from db.models import Account, Ban, Cadre
from db.vocabulary import Role

__all__ = [
    "DECISIONS",
    "DUE_SOON_DAYS",
    "OWN_WORK",
    "REGISTRATION_NOTICE_DAYS",
    "SHOWN",
    "WAITING_DAYS",
    "Item",
    "Kind",
    "Todo",
    "Waiting",
    "accounts_without_address",
    "ban_leaders",
    "bans_behind",
    "behind_everywhere",
    "behind_in_ban",
    "coming_quarter",
    "days_so_far",
    "describe",
    "for_actor",
    "name_cadres",
    "own_work",
    "pace_window",
    "waiting",
    "waiting_by_ban",
    "waits_for_ban_leader",
]


# --- One person's list (the page) -------------------------------------------------------------


def for_actor(session: Session, actor: Actor, today: dt.date, shown: int = SHOWN) -> Todo:
    """What waits for `actor`, in the order of the list: the own work (the newest deadline
    first), the decisions waiting (the oldest first), then who is behind pace; the first
    `shown` of them and the count of all. Only the actor's own data and, for a leader, what a
    leader may see of the ban or the office (the same rules as /progress)."""
    items: list[Item] = []
    if actor.cadre_id is not None:
        own = [i for _, i in own_work(session, today, actor.cadre_id)]
        items += sorted(own, key=lambda i: (i.date, i.kind, i.object_id), reverse=True)
    if actor.has(Role.OFFICE_LEADER):
        items += waiting_by_ban(session, today, except_cadre=actor.cadre_id)
        items += bans_behind(session, today)
    elif actor.has(Role.BAN_LEADER) and actor.ban_id is not None:
        code = session.scalar(select(Ban.code).where(Ban.id == actor.ban_id)) or ""
        items += [w.item for w in waiting(session, today, actor.ban_id) if w.cadre_id != actor.cadre_id]
        items += [
            i for i in behind_in_ban(session, today, actor.ban_id, code) if i.object_id != actor.cadre_id
        ]
    if actor.has(Role.ADMIN):
        missing = accounts_without_address(session)
        if missing:
            items.append(
                Item(Kind.NO_ADDRESS, 0, "count", today, "admin", (("tab", "mail"),), (("count", missing),))
            )
    return Todo(tuple(items[:shown]), len(items))


def accounts_without_address(session: Session) -> int:
    """Active accounts with no address of their own nor on the roster: no reminder reaches them."""
    own, roster = func.nullif(func.trim(Account.email), ""), func.nullif(func.trim(Cadre.email), "")
    return session.scalar(
        select(func.count())
        .select_from(Account)
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .where(Account.active.is_(True), func.coalesce(own, roster).is_(None))
    )
