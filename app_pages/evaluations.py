"""/evaluations — each cadre's year in figures, the leader's evaluation, the office view."""

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from core import evaluations, formatting, roster
from core.errors import DomainError
from core.exports import evaluation_papers
from core.i18n import t
from core.permissions import CadreRef, can
from db.models import RATINGS
from db.session import reading
from ui import data
from ui.widgets import actor, ban_filter, built_when_clicked, show_error, year_filter

me = actor()
st.title(t("evaluations.title"))
this_year = dt.date.today().year
left, right = st.columns(2)
with left:
    year = year_filter(this_year, list(range(2018, this_year + 1)))
with reading() as session:
    all_bans = roster.bans(session)
if me.has("office_leader"):
    with right:
        ban_code = ban_filter(all_bans)
    ban = next((b for b in all_bans if b.code == ban_code), None)
else:
    ban = next((b for b in all_bans if b.id == me.ban_id), None)

with reading() as session:
    sheet = evaluations.year_sheet(session, me, year, ban.id if ban else None)
ban_names = {b.id: b.name for b in all_bans}
st.caption(t("evaluations.caption", year=year, count=len(sheet),
             evaluated=sum(1 for r in sheet if r.rating), locked=sum(1 for r in sheet if r.locked)))


def rating_label(code):
    return evaluation_papers.rating_label(code)


# --- The office view: ratings by ban, the cap, who is not evaluated yet ------------------------
st.subheader(t("evaluations.office"))
cap = data.read(evaluations.cap_check, year)
st.caption(t("evaluations.cap_rule", cap=cap.cap_percent))
cap_text = dict(excellent=cap.excellent, good=cap.good_or_better, limit=cap.limit,
                share=formatting.percent(cap.share))
if cap.exceeded:
    st.warning(t("evaluations.cap_exceeded", **cap_text))
else:
    st.success(t("evaluations.cap_ok", **cap_text))

by_ban = data.read(evaluations.ratings_by_ban, year)
levels = list(RATINGS) + ["none"]
counts = pd.DataFrame([
    {"ban": b.name, "rating": rating_label(None if level == "none" else level), "order": i, "n": b.count(level)}
    for b in by_ban for i, level in enumerate(levels)
])
if not counts.empty:
    chart = alt.Chart(counts[counts.n > 0]).mark_bar().encode(
        x=alt.X("sum(n):Q", title=t("evaluations.chart.count")),
        y=alt.Y("ban:N", sort=[b.name for b in by_ban], title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        color=alt.Color("rating:N", title=t("evaluations.col.final"),
                        sort=[rating_label(None if x == "none" else x) for x in levels],
                        scale=alt.Scale(range=["#1a7f37", "#4f9bd9", "#f2c14e", "#d1495b", "#b8b8b8"]),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=320)),
        order=alt.Order("order:Q"),
        tooltip=["ban:N", "rating:N", "n:Q"],
    ).properties(height=alt.Step(28))
    st.altair_chart(chart, width="stretch")
    table = counts.pivot_table(index="ban", columns="rating", values="n", aggfunc="sum", sort=False)
    table = table.reindex([b.name for b in by_ban]).rename_axis(index=t("common.ban"), columns=None)
    st.dataframe(table, width="stretch")

waiting = [r for r in sheet if not r.rating]
if waiting:
    with st.expander(t("evaluations.not_evaluated", count=len(waiting))):
        st.dataframe(pd.DataFrame({
            t("common.ban"): [ban_names.get(r.ban_id, "") for r in waiting],
            t("common.name"): [r.full_name for r in waiting],
            t("common.position"): [r.position for r in waiting],
        }), hide_index=True)
else:
    st.caption(t("evaluations.all_evaluated"))

# --- The cadres' fact sheets ------------------------------------------------------------------
st.subheader(t("evaluations.facts", year=year))
table = evaluation_papers.frame(sheet, ban_names)
table.insert(len(table.columns) - 1, t("evaluations.col.state"), [t(f"evaluations.state.{r.state}") for r in sheet])
st.dataframe(table, hide_index=True)

# --- One cadre: figures, the evaluation form, the history --------------------------------------
by_id = {r.cadre_id: r for r in sheet}
if by_id:
    cadre_id = st.selectbox(t("evaluations.pick"), list(by_id), key="ev_cadre",
                            format_func=lambda i: f"{by_id[i].full_name} — {ban_names.get(by_id[i].ban_id, '')}")
    row = by_id[cadre_id]
    target = CadreRef(row.cadre_id, row.ban_id)
    cols = st.columns(6)
    cols[0].metric(t("evaluations.fact.days"), f"{row.days}/{row.target_days}")
    cols[1].metric(t("evaluations.fact.trips"), row.trips)
    cols[2].metric(t("evaluations.fact.content"), f"{row.content_types}/4")
    cols[3].metric(t("evaluations.fact.reports"),
                   f"{row.reports_on_time}/{row.reports_on_time + row.reports_late + row.reports_missing}")
    cols[4].metric(t("evaluations.fact.questions"), f"{row.questions_answered}/{row.questions}")
    cols[5].metric(t("evaluations.fact.proposals"), row.proposals)
    st.markdown(f"**{t('evaluations.col.state')}:** {t(f'evaluations.state.{row.state}')}")

    # The version this user saw, kept from the run that drew the form: a save on a stale
    # read is refused (someone else saved in between).
    seen_key = f"ev_seen_{cadre_id}_{year}"
    seen = st.session_state.get(seen_key, row.version)
    st.session_state[seen_key] = row.version
    actions = [a for a in ("propose", "confirm", "reopen")
               if (row.state, a) in evaluations.TRANSITIONS and can(me, evaluations.PERMISSION_OF[a], target)]
    if row.locked and "reopen" not in actions:
        st.info(t("evaluations.locked_note"))
    elif not actions:
        st.info(t("evaluations.read_only"))
    else:
        with st.form(f"ev_form_{cadre_id}_{year}"):
            editable = not row.locked
            options = list(RATINGS)
            rating = st.selectbox(t("evaluations.field.rating"), options, format_func=rating_label,
                                  index=options.index(row.rating) if row.rating else None,
                                  disabled=not editable, key=f"ev_rating_{cadre_id}_{year}")
            comment = st.text_area(t("evaluations.field.comment"), value=row.comment, max_chars=evaluations.MAX_COMMENT,
                                   disabled=not editable, key=f"ev_comment_{cadre_id}_{year}")
            pressed = [a for a in actions if st.form_submit_button(t(f"evaluations.action.{a}"),
                                                                   type="primary" if a == "confirm" else "secondary")]
        if pressed:
            try:
                new_version = evaluations.save(me, cadre_id, year, pressed[0], seen, rating, comment or "")
            except DomainError as exc:
                show_error(exc)
            else:
                st.session_state[seen_key] = new_version
                st.session_state["ev_done"] = t(f"evaluations.done.{pressed[0]}")
                st.rerun()
    if "ev_done" in st.session_state:
        st.success(st.session_state.pop("ev_done"))

    st.markdown(f"**{t('evaluations.history')}**")
    with reading() as session:
        changes = evaluations.history(session, me, cadre_id, year)
    if changes:
        st.dataframe(pd.DataFrame({
            t("evaluations.history.at"): [c.at.strftime("%d/%m/%Y %H:%M") for c in changes],
            t("evaluations.history.who"): [c.actor for c in changes],
            t("evaluations.history.what"): [t(f"evaluations.action.{c.action}") for c in changes],
            t("evaluations.col.proposed"): [rating_label(c.proposed_rating) for c in changes],
            t("evaluations.col.final"): [rating_label(c.final_rating) for c in changes],
            t("evaluations.col.comment"): [c.comment for c in changes],
        }), hide_index=True)
    else:
        st.caption(t("evaluations.history.none"))

# --- Exports ------------------------------------------------------------------------------------
st.subheader(t("evaluations.export"))


left, right = st.columns(2)
left.download_button(t("evaluations.export.xlsx"), key="ev_xlsx",
                     data=built_when_clicked(lambda s: evaluation_papers.workbook(s, me, year)),
                     file_name=f"danh-gia-{year}.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
if ban:
    right.download_button(t("evaluations.export.docx"), key="ev_docx",
                          data=built_when_clicked(lambda s: evaluation_papers.ban_document(s, me, year, ban.id)),
                          file_name=f"nhan-xet-{year}-{ban.code}.docx",
                          mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
else:
    right.caption(t("evaluations.export.pick_ban"))
