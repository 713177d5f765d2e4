"""The template of a file of past trips: the columns on a first sheet (the one imported), and a
second sheet saying how to fill in each, with the year's content-type labels and the report
states the import takes. The headers stay Vietnamese (the file is the office's); the guide
follows the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from core import policy
from core.i18n import t
from core.trips_import.parse import COLUMNS, CONTENT_SEPARATOR
from db.vocabulary import CONTENT_TYPES

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where a template is built, not with the import itself: the shell's
# `--trips` would otherwise spend seconds and tens of MB loading it for nothing.

SHEET = "Lịch sử chuyến đi"


def template_frame() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([], columns=[c.header for c in COLUMNS])


def guide_frame(session: Session, year: int | None = None, lang: str | None = None) -> pd.DataFrame:
    """One row per column: required or not, and how to write it."""
    import pandas as pd

    rules = policy.for_year(session, year or dt.date.today().year)
    labels = f"{CONTENT_SEPARATOR} ".join(rules.content_label(c, "vi") for c in CONTENT_TYPES)
    return pd.DataFrame(
        {
            t("trips_import.guide.column", lang): [c.header for c in COLUMNS],
            t("trips_import.guide.required", lang): [
                t("common.yes" if c.required else "common.no", lang) for c in COLUMNS
            ],
            t("trips_import.guide.how", lang): [
                t(f"trips_import.guide.{c.field}", lang, year=rules.year, labels=labels) for c in COLUMNS
            ],
        }
    )


def template_xlsx(session: Session, year: int | None = None, lang: str | None = None) -> bytes:
    from core.exports import spreadsheet

    return spreadsheet.workbook(
        {SHEET: template_frame(), t("trips_import.guide.sheet", lang): guide_frame(session, year, lang)}
    )


def template_csv() -> bytes:
    from core.exports import spreadsheet

    return spreadsheet.csv_bytes(template_frame())
