"""Small hand-made offices for unit tests, built straight with the models so that the
figures tests expect are counted independently of the code under test."""

from __future__ import annotations

import datetime as dt

from core.accounts import hash_password
from core.permissions import Actor
from core.trips import TripInput, build_trip
from db.models import Account, AccountRole, Ban, Cadre

_HASH = None


def password_hash() -> str:
    global _HASH
    if _HASH is None:
        _HASH = hash_password("matkhau-thu")
    return _HASH


def ban(session, code: str, name: str | None = None, order: int = 0) -> Ban:
    row = Ban(code=code, name=name or f"Ban {code}", sort_order=order)
    session.add(row)
    session.flush()
    return row


def cadre(
    session,
    ban_row: Ban,
    code: str,
    name: str | None = None,
    subject: bool = True,
    joined: dt.date | None = None,
    left: dt.date | None = None,
) -> Cadre:
    row = Cadre(
        code=code,
        full_name=name or f"Cán bộ {code}",
        ban_id=ban_row.id,
        position="Chuyên viên",
        subject_to_rule=subject,
        joined_on=joined,
        left_on=left,
    )
    session.add(row)
    session.flush()
    return row


def account(session, username: str, roles: tuple[str, ...], cadre_row: Cadre | None = None) -> Account:
    row = Account(
        username=username,
        display_name=cadre_row.full_name if cadre_row else username,
        password_hash=password_hash(),
        cadre_id=cadre_row.id if cadre_row else None,
        roles=[AccountRole(role=r) for r in roles],
    )
    session.add(row)
    session.flush()
    return row


def actor(acc: Account, ban_id: int | None = None) -> Actor:
    return Actor(
        acc.id, acc.username, acc.display_name, frozenset(r.role for r in acc.roles), acc.cadre_id, ban_id
    )


def trip_input(start: dt.date, end: dt.date, **kw) -> TripInput:
    values = dict(
        start_date=start,
        end_date=end,
        province="Hà Giang",
        host_unit="Huyện Đoàn Mèo Vạc",
        content_types=("inspection",),
    )
    values.update(kw)
    return TripInput(**values)


def trip(session, cadre_row: Cadre, start: dt.date, end: dt.date, **kw):
    return build_trip(session, cadre_row, trip_input(start, end, **kw))
