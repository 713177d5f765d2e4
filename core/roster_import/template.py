"""The roster template: the import's columns as an empty workbook or CSV, or filled with the
active roster (edit it and import it back)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import actions
from core.exports import spreadsheet
from core.i18n import t
from core.permissions import Actor, require
from core.roster_import.parsing import BAN_COLUMNS, BAN_HEADERS, BANS_SHEET, COLUMNS, HEADERS, REQUIRED
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


def example(ban_code: str) -> dict[str, str]:
    """A made-up cadre in the template's columns, as the guide shows one."""
    return {
        "code": "CB001",
        "full_name": "Nguyễn Thị Lan",
        "ban_code": ban_code,
        "position": "Chuyên viên",
        "subject": "Có",
        "joined_on": "01/03/2020",
        "left_on": "",
        "email": "lan.nt@example.com",
        "phone": "0912345678",
        "username": "lannt",
        "role": "cán bộ",
    }


def guide_frame(bans: pd.DataFrame | None = None, lang: str | None = None) -> pd.DataFrame:
    """The guide sheet: each column, whether it is required, how to fill it in (the bans'
    codes named) and an example row, written down the sheet (never imported)."""
    codes = [] if bans is None else [str(c) for c in bans[BAN_HEADERS["code"]]]
    listed = ", ".join(codes[:20]) + (" …" if len(codes) > 20 else "") if codes else "TC, TG…"
    sample = example(codes[0] if codes else "TC")
    return pd.DataFrame(
        {
            t("roster.guide.column", lang): [HEADERS[f] for f, _ in COLUMNS] + [""],
            t("roster.guide.required", lang): [
                t("common.yes" if f in REQUIRED else "common.no", lang) for f, _ in COLUMNS
            ]
            + [""],
            t("roster.guide.how", lang): [t(f"roster.guide.{f}", lang, codes=listed) for f, _ in COLUMNS]
            + [t("roster.guide.note", lang)],
            t("roster.guide.example", lang): [sample[f] for f, _ in COLUMNS] + [""],
        }
    )


def template_xlsx(
    frame: pd.DataFrame | None = None, bans: pd.DataFrame | None = None, lang: str | None = None
) -> bytes:
    """The workbook: the cadres' sheet, the bans sheet (empty unless `bans` is given), then a
    guide with an example row and the bans' codes (the import reads only the first two)."""
    bans = bans_frame() if bans is None else bans
    return spreadsheet.workbook(
        {
            "Danh sách cán bộ": template_frame() if frame is None else frame,
            BANS_SHEET: bans,
            t("roster.guide.sheet", "vi"): guide_frame(bans, lang),
        }
    )


def template_csv(frame: pd.DataFrame | None = None) -> bytes:
    return spreadsheet.csv_bytes(template_frame() if frame is None else frame)
