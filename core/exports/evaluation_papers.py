"""The year's evaluations out of the app: an Excel workbook, and a Word document per ban laid
out as a Vietnamese administrative paper (issuing body top left, the Union's name top right,
place and date, the title, the table, the recipients and the signature block the period's
report has: core.exports.docx_layout.office_signature)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.evaluations import EvaluationRow, year_sheet
from core.exports import spreadsheet
from core.exports.docx_layout import (
    administrative_header,
    centred,
    new_document,
    office_signature,
    table,
    to_bytes,
)
from core.i18n import t
from core.permissions import Actor
from core.roster import bans
from core.summary import PAPER_SETTINGS
from db.models import Setting


def rating_label(code: str | None, lang: str | None = None) -> str:
    return t(f"rating.{code}", lang) if code else t("evaluations.not_rated", lang)


def frame(rows: list[EvaluationRow], ban_names: dict[int, str], lang: str | None = None) -> pd.DataFrame:
    """The evaluation table as the page and the workbook show it."""
    return pd.DataFrame(
        {
            t("common.ban", lang): [ban_names.get(r.ban_id, "") for r in rows],
            t("common.code", lang): [r.code for r in rows],
            t("common.name", lang): [r.full_name for r in rows],
            t("common.position", lang): [r.position for r in rows],
            t("common.days", lang): [r.days for r in rows],
            t("evaluations.col.target", lang): [r.target_days for r in rows],
            t("common.trips", lang): [r.trips for r in rows],
            t("evaluations.col.content_types", lang): [r.content_types for r in rows],
            t("evaluations.col.on_time", lang): [r.reports_on_time for r in rows],
            t("evaluations.col.late", lang): [r.reports_late for r in rows],
            t("evaluations.col.missing", lang): [r.reports_missing for r in rows],
            t("evaluations.col.answered", lang): [f"{r.questions_answered}/{r.questions}" for r in rows],
            t("evaluations.col.proposals", lang): [r.proposals for r in rows],
            t("evaluations.col.proposed", lang): [rating_label(r.proposed_rating, lang) for r in rows],
            t("evaluations.col.final", lang): [rating_label(r.final_rating, lang) for r in rows],
            t("evaluations.col.comment", lang): [r.comment for r in rows],
        }
    )


def _ban_names(session: Session) -> dict[int, str]:
    return {b.id: b.name for b in bans(session, include_inactive=True)}


def workbook(session: Session, actor: Actor, year: int) -> bytes:
    """Every evaluation the actor may read for `year`, as one Excel sheet."""
    rows = year_sheet(session, actor, year)
    return spreadsheet.workbook({t("evaluations.sheet", year=year): frame(rows, _ban_names(session))})


def _settings(session: Session) -> dict[str, str]:
    return dict(
        session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(PAPER_SETTINGS))).all()
    )


def ban_document(
    session: Session, actor: Actor, year: int, ban_id: int, today: dt.date | None = None
) -> bytes:
    """The evaluation paper of one ban for `year`, as a .docx file (the review report's layout:
    A4, Times New Roman 13, the administrative header)."""
    today = today or dt.date.today()
    rows = year_sheet(session, actor, year, ban_id)
    doc = new_document()

    settings = _settings(session)
    ban_name = _ban_names(session).get(ban_id, "")
    administrative_header(doc, settings, today)
    doc.add_paragraph()
    centred(doc, t("evaluations.doc.title"), bold=True, size=15)
    centred(doc, t("evaluations.doc.subtitle", year=year), bold=True, size=14)
    centred(doc, t("evaluations.doc.ban", ban=ban_name), italic=True)
    doc.add_paragraph()
    table(
        doc,
        pd.DataFrame(
            {
                t("common.name"): [r.full_name for r in rows],
                t("common.position"): [r.position for r in rows],
                t("common.days"): [r.days for r in rows],
                t("common.trips"): [r.trips for r in rows],
                t("evaluations.col.final"): [rating_label(r.rating) for r in rows],
                t("evaluations.col.comment"): [r.comment for r in rows],
            }
        ),
    )
    recipients = [
        t("doc.recipient.leaders"),
        *([t("evaluations.doc.recipient_ban", ban=ban_name)] if ban_name else []),
        t("doc.recipient.archive"),
    ]
    office_signature(doc, settings, recipients)
    return to_bytes(doc)
