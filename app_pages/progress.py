"""/progress — per-ban progress for a date window."""

import altair as alt
import pandas as pd
import streamlit as st

from core import formatting, progress, roster
from core.i18n import t
from core.permissions import can
from db.session import reading
from ui import data
from ui.widgets import actor, ban_filter, window_filter

me = actor()
st.title(t("progress.title"))

window = window_filter()
with reading() as session:
    bans = roster.bans(session)
code = ban_filter(bans)
ban = next((b for b in bans if b.code == code), None)

office = data.read(progress.office_participation, window, ban.id if ban else None)
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("progress.subject"), office.cadres)
c2.metric(t("progress.went"), f"{office.went}/{office.cadres}", border=True)
c3.metric(t("progress.registered"), formatting.percent(office.registered_rate))
c4.metric(t("progress.total_days"), formatting.number(office.days))

per_ban = data.read(progress.by_ban, window)
st.subheader(t("progress.by_ban"))
frame = pd.DataFrame({
    "code": [b.code for b in per_ban],
    "ban": [b.name for b in per_ban],
    "went": [b.participation.went for b in per_ban],
    "cadres": [b.participation.cadres for b in per_ban],
    "rate": [b.participation.rate for b in per_ban],
    "days": [b.participation.days for b in per_ban],
})
chart = (
    alt.Chart(frame, title=t("progress.chart_title"))
    .mark_bar()
    .encode(
        x=alt.X("rate:Q", title=t("progress.rate"), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("ban:N", title=None, sort=None),
        tooltip=[alt.Tooltip("ban:N", title=t("common.ban")),
                 alt.Tooltip("went:Q", title=t("progress.went")),
                 alt.Tooltip("cadres:Q", title=t("progress.subject")),
                 alt.Tooltip("days:Q", title=t("progress.total_days"))],
    )
)
st.altair_chart(chart, width="stretch")
st.dataframe(
    frame.assign(went=[f"{w}/{c}" for w, c in zip(frame.went, frame.cadres)])
    .drop(columns=["cadres", "code"])
    .rename(columns={"ban": t("common.ban"), "went": t("progress.went"),
                     "rate": t("progress.rate"), "days": t("progress.total_days")}),
    hide_index=True,
    column_config={t("progress.rate"): st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1)},
)

if ban and can(me, "ban.detail", ban.id):
    st.subheader(f"{t('progress.by_cadre')}: {ban.name}")
    cadres = data.read(progress.by_cadre, window, ban.id)
    st.dataframe(pd.DataFrame({
        t("common.name"): [c.full_name for c in cadres],
        t("common.position"): [c.position for c in cadres],
        t("common.days"): [c.days for c in cadres],
        t("common.trips"): [c.trips for c in cadres],
    }), hide_index=True)
