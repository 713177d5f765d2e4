"""/evaluations — the cadres of a year with their days and evaluation so far."""

import datetime as dt

import pandas as pd
import streamlit as st

from core import evaluations, roster
from core.i18n import t
from db.session import reading
from ui.widgets import actor, year_filter

me = actor()
st.title(t("evaluations.title"))
this_year = dt.date.today().year
year = year_filter(this_year, list(range(2018, this_year + 1)))

with reading() as session:
    sheet = evaluations.year_sheet(session, me, year)
    ban_names = {b.id: b.name for b in roster.bans(session, include_inactive=True)}

evaluated = sum(1 for r in sheet if r.proposed_rating or r.final_rating)
st.caption(t("evaluations.caption", year=year, count=len(sheet), evaluated=evaluated))


def rating(code):
    return t(f"rating.{code}") if code else t("evaluations.not_rated")


st.dataframe(pd.DataFrame({
    t("common.ban"): [ban_names.get(r.ban_id, "") for r in sheet],
    t("common.name"): [r.full_name for r in sheet],
    t("common.position"): [r.position for r in sheet],
    t("common.days"): [r.days for r in sheet],
    t("common.trips"): [r.trips for r in sheet],
    t("evaluations.col.proposed"): [rating(r.proposed_rating) for r in sheet],
    t("evaluations.col.final"): [rating(r.final_rating) for r in sheet],
    t("evaluations.col.locked"): [r.locked for r in sheet],
}), hide_index=True)
