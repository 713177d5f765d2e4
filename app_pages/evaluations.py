"""/evaluations — each cadre's year in figures, the leader's evaluation, the office view."""

import datetime as dt

import streamlit as st

from core import charts, evaluations, formatting, ratings, roster
from core.exports import evaluation_papers
from core.i18n import t
from core.permissions import CadreRef, can
from core.vocabulary import RATINGS, Role
from ui import data
from ui.forms import form, save, show_flash
from ui.text import md, tm
from ui.widgets import actor, ban_filter, built_when_clicked, download, table, year_filter

me = actor()
st.title(t("evaluations.title"))
this_year = dt.date.today().year
left, right = st.columns(2)
with left:
    year = year_filter(this_year, list(range(2018, this_year + 1)))
all_bans = data.read(roster.bans)
if me.has(Role.OFFICE_LEADER):
    with right:
        ban_code = ban_filter(all_bans)
    ban = next((b for b in all_bans if b.code == ban_code), None)
else:
    ban = next((b for b in all_bans if b.id == me.ban_id), None)
    if ban is None:  # a ban leader whose account is linked to no cadre, so to no ban
        st.info(t("evaluations.no_ban"))
        st.stop()

sheet = data.read(evaluations.year_sheet, me, year, ban.id if ban else None, cached=False)
ban_names = {b.id: b.name for b in all_bans}
st.caption(
    tm(
        "evaluations.caption",
        year=year,
        count=len(sheet),
        evaluated=sum(1 for r in sheet if r.rating),
        locked=sum(1 for r in sheet if r.locked),
    )
)


def rating_label(code):
    return evaluation_papers.rating_label(code)


# --- The office view: ratings by ban, the cap, who is not evaluated yet ------------------------
st.subheader(t("evaluations.office"))
cap = data.read(ratings.cap_check, year)
st.caption(tm("evaluations.cap_rule", cap=cap.cap_percent))
cap_text = dict(
    excellent=cap.excellent, good=cap.good_or_better, limit=cap.limit, share=formatting.percent(cap.share)
)
if cap.exceeded:
    st.warning(tm("evaluations.cap_exceeded", **cap_text))
else:
    st.success(tm("evaluations.cap_ok", **cap_text))

by_ban = data.read(ratings.ratings_by_ban, year)
if by_ban:
    st.altair_chart(charts.ratings_by_ban(by_ban), width="stretch")
    st.dataframe(charts.ratings_table(by_ban), width="stretch")

waiting = [r for r in sheet if not r.rating]
if waiting:
    with st.expander(tm("evaluations.not_evaluated", count=len(waiting))):
        table(
            waiting,
            {
                "common.ban": lambda r: ban_names.get(r.ban_id, ""),
                "common.name": "full_name",
                "common.position": "position",
            },
        )
else:
    st.caption(t("evaluations.all_evaluated"))

# --- The cadres' fact sheets ------------------------------------------------------------------
st.subheader(tm("evaluations.facts", year=year))
facts = evaluation_papers.frame(sheet, ban_names)
facts.insert(
    len(facts.columns) - 1, t("evaluations.col.state"), [t(f"evaluations.state.{r.state}") for r in sheet]
)
st.dataframe(facts, hide_index=True)

# --- One cadre: figures, the evaluation form, the history --------------------------------------
by_id = {r.cadre_id: r for r in sheet}
if by_id:
    cadre_id = st.selectbox(
        t("evaluations.pick"),
        list(by_id),
        key="ev_cadre",
        format_func=lambda i: f"{by_id[i].full_name} — {ban_names.get(by_id[i].ban_id, '')}",
        placeholder=t("common.choose"),
    )
    row = by_id[cadre_id]
    target = CadreRef(row.cadre_id, row.ban_id)
    cols = st.columns(6)
    cols[0].metric(t("evaluations.fact.days"), md(f"{row.days}/{row.target_days}"))
    cols[1].metric(t("evaluations.fact.trips"), md(row.trips))
    cols[2].metric(t("evaluations.fact.content"), md(f"{row.content_types}/4"))
    cols[3].metric(
        t("evaluations.fact.reports"),
        md(f"{row.reports_on_time}/{row.reports_on_time + row.reports_late + row.reports_missing}"),
    )
    cols[4].metric(t("evaluations.fact.questions"), md(f"{row.questions_answered}/{row.questions}"))
    cols[5].metric(t("evaluations.fact.proposals"), md(row.proposals))
    st.markdown(f"**{t('evaluations.col.state')}:** {t(f'evaluations.state.{row.state}')}")

    # The version this leader opened the form on, kept until it is saved or another cadre is
    # chosen: a save after someone else saved in between is refused, not written over theirs.
    state = form("evaluation", (cadre_id, year), row.version)
    actions = [
        a
        for a in ("propose", "confirm", "reopen")
        if (row.state, a) in evaluations.TRANSITIONS and can(me, evaluations.PERMISSION_OF[a], target)
    ]
    if row.locked and "reopen" not in actions:
        st.info(t("evaluations.locked_note"))
    elif not actions:
        st.info(t("evaluations.read_only"))
    else:
        with st.form(f"ev_form_{cadre_id}_{year}"):
            editable = not row.locked
            options = list(RATINGS)
            rating = st.selectbox(
                t("evaluations.field.rating"),
                options,
                format_func=rating_label,
                index=options.index(row.rating) if row.rating else None,
                disabled=not editable,
                key=f"ev_rating_{cadre_id}_{year}",
                placeholder=t("common.choose"),
            )
            comment = st.text_area(
                t("evaluations.field.comment"),
                value=row.comment,
                max_chars=evaluations.MAX_COMMENT,
                disabled=not editable,
                key=f"ev_comment_{cadre_id}_{year}",
            )
            state.slot()
            pressed = [
                a
                for a in actions
                if st.form_submit_button(
                    t(f"evaluations.action.{a}"), type="primary" if a == "confirm" else "secondary"
                )
            ]
        if pressed:
            save(
                lambda s: evaluations.save(
                    s, me, cadre_id, year, pressed[0], state.version, rating, comment or ""
                ),
                done=t(f"evaluations.done.{pressed[0]}"),
                spot="evaluation",
                form=state,
            )
    show_flash("evaluation")

    st.markdown(f"**{t('evaluations.history')}**")
    changes = data.read(evaluations.history, me, cadre_id, year, cached=False)
    if changes:
        table(
            changes,
            {
                "evaluations.history.at": lambda c: formatting.moment(c.at),
                "evaluations.history.who": "actor",
                "evaluations.history.what": lambda c: t(f"evaluations.action.{c.action}"),
                "evaluations.col.proposed": lambda c: rating_label(c.proposed_rating),
                "evaluations.col.final": lambda c: rating_label(c.final_rating),
                "evaluations.col.comment": "comment",
            },
        )
    else:
        st.caption(t("evaluations.history.none"))

# --- Exports ------------------------------------------------------------------------------------
st.subheader(t("evaluations.export"))


left, right = st.columns(2)
download(
    t("evaluations.export.xlsx"),
    built_when_clicked(lambda s: evaluation_papers.workbook(s, me, year)),
    f"danh-gia-{year}.xlsx",
    key="ev_xlsx",
    where=left,
)
if ban:
    download(
        t("evaluations.export.docx"),
        built_when_clicked(lambda s: evaluation_papers.ban_document(s, me, year, ban.id)),
        f"nhan-xet-{year}-{ban.code}.docx",
        key="ev_docx",
        where=right,
    )
else:
    right.caption(t("evaluations.export.pick_ban"))
