"""/admin — the roster: bans and cadres."""

import pandas as pd
import streamlit as st

from core import formatting, roster
from core.i18n import t
from db.session import reading
from ui.widgets import actor

me = actor()
st.title(t("admin.title"))

with reading() as session:
    bans = roster.bans(session, include_inactive=True)
    cadres = roster.cadres(session, me)

st.caption(t("admin.summary", bans=len(bans), cadres=len(cadres),
             subject=sum(1 for c in cadres if c.subject_to_rule)))

st.subheader(t("admin.bans"))
st.dataframe(pd.DataFrame({
    t("common.code"): [b.code for b in bans],
    t("common.ban"): [b.name for b in bans],
    t("admin.cadres_count"): [b.cadres for b in bans],
    t("common.active"): [b.active for b in bans],
}), hide_index=True)

st.subheader(t("admin.cadres"))
st.dataframe(pd.DataFrame({
    t("common.code"): [c.code for c in cadres],
    t("common.name"): [c.full_name for c in cadres],
    t("common.ban"): [c.ban_name for c in cadres],
    t("common.position"): [c.position for c in cadres],
    t("common.subject_to_rule"): [c.subject_to_rule for c in cadres],
    t("common.active"): [c.active for c in cadres],
    t("admin.joined"): [formatting.date(c.joined_on) for c in cadres],
    t("admin.left"): [formatting.date(c.left_on) for c in cadres],
}), hide_index=True)
