"""/visits — the cadre's own trips and days toward the year's target."""

import datetime as dt

import pandas as pd
import streamlit as st

from core import formatting, policy, trips
from core.i18n import t
from db.session import reading
from ui.widgets import actor, year_filter

me = actor()
st.title(t("visits.title"))

if me.cadre_id is None:
    st.info(t("visits.no_cadre"))
    st.stop()

with reading() as session:
    all_trips = trips.list_for_cadre(session, me, me.cadre_id)
    years = sorted({r.start_date.year for r in all_trips}) or [dt.date.today().year]
    year = year_filter(max(years), years)
    year_policy = policy.for_year(session, year)

rows = [r for r in all_trips if r.start_date.year == year]
done_days = sum(r.days for r in rows)
left, right = st.columns(2)
left.metric(t("visits.my_days", year=year), f"{done_days}/{year_policy.target_days}")
right.metric(t("common.trips"), len([r for r in rows if r.state == "done"]))
st.progress(min(1.0, done_days / year_policy.target_days) if year_policy.target_days else 0.0,
            text=t("visits.target", target=year_policy.target_days))

st.subheader(t("visits.trips_heading"))
if not rows:
    st.info(t("visits.no_trips"))
else:
    table = pd.DataFrame({
        t("visits.col.dates"): [f"{formatting.date(r.start_date)} – {formatting.date(r.end_date)}" for r in rows],
        t("visits.col.place"): [r.place for r in rows],
        t("visits.col.content"): ["; ".join(year_policy.content_label(c) for c in r.content_types) for r in rows],
        t("common.days"): [r.days for r in rows],
        t("visits.col.state"): [t(f"trip_state.{r.state}") for r in rows],
        t("visits.col.report"): [t(f"report_state.{r.report_state or 'none'}") for r in rows],
    })
    st.dataframe(table, hide_index=True)
