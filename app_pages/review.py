"""/review — the period's summary as the review meeting needs it."""

import pandas as pd
import streamlit as st

from core import formatting, progress, review
from core.i18n import t
from db.session import reading
from ui import data
from ui.widgets import window_filter

st.title(t("review.title"))
window = window_filter()
st.caption(formatting.window(window))

office = data.read(progress.office_participation, window)
st.header(t("review.went_sentence", went=office.went, cadres=office.cadres))
st.write(t("review.registered_sentence", registered=office.registered, cadres=office.cadres,
           rate=formatting.percent(office.registered_rate)))
average = office.days / office.went if office.went else 0
st.write(t("review.days_sentence", days=formatting.number(office.days),
           avg=formatting.number(average, digits=1)))

st.subheader(t("review.by_ban"))
per_ban = data.read(progress.by_ban, window)
st.dataframe(pd.DataFrame({
    t("common.ban"): [b.name for b in per_ban],
    t("progress.went"): [f"{b.participation.went}/{b.participation.cadres}" for b in per_ban],
    t("progress.rate"): [formatting.percent(b.participation.rate) for b in per_ban],
    t("progress.total_days"): [b.participation.days for b in per_ban],
}), hide_index=True)

st.subheader(t("review.meetings"))
with reading() as session:
    meetings = review.meetings_in(session, window)
if not meetings:
    st.info(t("review.no_meetings"))
for meeting in meetings:
    with st.expander(meeting.title or formatting.date(meeting.held_on), expanded=True):
        st.caption(t("review.meeting_held", date=formatting.date(meeting.held_on), chair=meeting.chair))
        if meeting.difficulties:
            st.markdown(f"**{t('review.difficulties')}**")
            st.text(meeting.difficulties)
        if meeting.conclusions:
            st.markdown(f"**{t('review.conclusions')}**")
            st.text(meeting.conclusions)
