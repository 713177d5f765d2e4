"""The roster template: the import's columns as an empty workbook or CSV, or filled with the
active roster (edit it and import it back)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import actions
from core.exports import spreadsheet
from core.permissions import Actor, require
from core.roster_import.parsing import BAN_COLUMNS, BAN_HEADERS, BANS_SHEET, COLUMNS, HEADERS
from db.models import Account, Ban, Cadre


def template_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows or [], columns=[HEADERS[f] for f, _ in COLUMNS])


def current_roster(session: Session, actor: Actor) -> pd.DataFrame:
    """The active roster in the template's layout: edit it and import it back."""
    require(actor, actions.ADMIN_ROSTER)
    accounts = {
        a.cadre_id: a
        for a in session.scalars(
            select(Account).where(Account.cadre_id.is_not(None)).options(selectinload(Account.roles))
        )
    }
    rows = []
    query = (
        select(Cadre, Ban.code)
        .join(Ban, Ban.id == Cadre.ban_id)
        .where(Cadre.active.is_(True))
        .order_by(Ban.sort_order, Cadre.code)
    )
    for cadre, ban_code in session.execute(query):
        account = accounts.get(cadre.id)
        values = {
            "code": cadre.code,
            "full_name": cadre.full_name,
            "ban_code": ban_code,
            "position": cadre.position,
            "subject": "Có" if cadre.subject_to_rule else "Không",
            "joined_on": cadre.joined_on.strftime("%d/%m/%Y") if cadre.joined_on else "",
            "left_on": cadre.left_on.strftime("%d/%m/%Y") if cadre.left_on else "",
            "email": cadre.email or "",
            "phone": cadre.phone or "",
            "username": account.username if account else "",
            "role": ", ".join(sorted(r.role for r in account.roles)) if account else "",
        }
        rows.append({HEADERS[f]: v for f, v in values.items()})
    return template_frame(rows)


def bans_frame(session: Session | None = None, actor: Actor | None = None) -> pd.DataFrame:
    """The bans sheet: the office's active bans (none without a session), in their order."""
    if session is not None:
        require(actor, actions.ADMIN_ROSTER)
    rows = (
        []
        if session is None
        else [
            {BAN_HEADERS["code"]: b.code, BAN_HEADERS["name"]: b.name, BAN_HEADERS["order"]: b.sort_order}
            for b in session.scalars(
                select(Ban).where(Ban.active.is_(True)).order_by(Ban.sort_order, Ban.code)
            )
        ]
    )
    return pd.DataFrame(rows, columns=[BAN_HEADERS[f] for f, _ in BAN_COLUMNS])


def template_xlsx(frame: pd.DataFrame | None = None, bans: pd.DataFrame | None = None) -> bytes:
    """The workbook: the cadres' sheet, then the bans sheet (empty unless `bans` is given)."""
    return spreadsheet.workbook(
        {
            "Danh sách cán bộ": template_frame() if frame is None else frame,
            BANS_SHEET: bans_frame() if bans is None else bans,
        }
    )


def template_csv(frame: pd.DataFrame | None = None) -> bytes:
    return spreadsheet.csv_bytes(template_frame() if frame is None else frame)
