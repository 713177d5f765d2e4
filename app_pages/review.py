"""/review — the period's summary as the review meeting needs it, the meeting record, the
follow-up of proposals, and the Word and Excel exports."""

import datetime as dt

import streamlit as st

from core import (
    actions,
    charts,
    content_mix,
    formatting,
    meetings,
    policy,
    progress,
    proposals,
    roster,
    summary,
)
from core.errors import ValidationError
from core.exports import review_report
from core.i18n import language, t
from core.meetings import meetings_in
from core.periods import Window
from core.permissions import can
from core.vocabulary import PROPOSAL_STATES, Role
from ui import address, data, window_field
from ui import attachments as attached_files
from ui.day_field import day_field
from ui.forms import close, form, save, show_flash
from ui.funding import budget_editor, funding_section
from ui.text import md, tm
from ui.widgets import actor, built_when_clicked, download, section_picker, window_filter

me = actor()
today = dt.date.today()
lang = language()


def quick_pick() -> None:
    """Quarters, half-years and the year, for the year shown (and the one before)."""
    shown = address.date("from") or today
    choices = {
        label: w for year in (shown.year, shown.year - 1) for w, label in summary.quick_periods(year, lang)
    }

    def apply() -> None:
        chosen = choices.get(st.session_state.get("quick_period"))
        if chosen:
            window_field.show(chosen)

    st.selectbox(
        t("review.quick_pick"),
        list(choices),
        index=None,
        key="quick_period",
        placeholder=t("review.quick_pick_hint"),
        on_change=apply,
    )


def figures(window: Window) -> None:
    head = progress.total(data.read(progress.ban_progress, window, today), window, today)
    part = head.participation
    st.header(tm("review.went_sentence", went=part.went, cadres=part.cadres))
    st.write(
        tm(
            "review.registered_sentence",
            registered=part.registered,
            cadres=part.cadres,
            rate=formatting.percent(part.registered_rate),
        )
    )
    st.write(
        tm(
            "review.days_sentence",
            days=formatting.number(part.days),
            avg=formatting.number(head.average_days, digits=1),
        )
    )
    st.write(
        tm(
            "review.doc.reports",
            reported=head.reports.reported,
            trips=head.reports.trips,
            overdue=head.reports.overdue,
            date=formatting.date(head.as_of),
        )
    )
    attached_files.period_count(me, window)


def exports(window: Window) -> None:
    stem = f"so-ket-{window.start.isoformat()}-{window.end.isoformat()}"
    buttons = st.container(horizontal=True)
    download(
        t("review.export_word"),
        built_when_clicked(lambda s: review_report.report(summary.summary(s, me, window, today), lang)),
        f"{stem}.docx",
        key="export_docx",
        icon=":material/description:",
        where=buttons,
    )
    download(
        t("review.export_excel"),
        built_when_clicked(lambda s: review_report.workbook(summary.summary(s, me, window, today), lang)),
        f"{stem}.xlsx",
        key="export_xlsx",
        icon=":material/table:",
        where=buttons,
    )
    attached_files.zip_button(me, window, where=buttons)


def summary_tab(window: Window) -> None:
    year_policy = data.read(policy.for_day, window.start)
    notable = data.read(summary.highlights, me, window)
    absentees = summary.visible_absentees(me, data.read(summary.absentees, window))
    bans = data.read(progress.ban_progress, window, today)
    st.subheader(t("review.by_ban"))
    st.dataframe(summary.ban_frame(bans), hide_index=True, key="by_ban")
    left, right = st.columns(2)
    left.vega_lite_chart(
        spec=data.chart(charts.participation, bans, lang), width="stretch", key="chart_participation"
    )
    right.vega_lite_chart(
        spec=data.chart(charts.days_against_target, bans, lang), width="stretch", key="chart_target"
    )

    st.subheader(t("review.by_content"))
    mix = data.read(content_mix.content_mix, window)
    st.dataframe(summary.content_frame(mix.office, year_policy), hide_index=True, key="by_content")
    st.vega_lite_chart(
        spec=data.chart(charts.content_mix, mix.by_ban, bans, year_policy, lang),
        width="stretch",
        key="chart_content",
    )

    st.subheader(tm("review.absent", count=len(absentees)))
    if not me.has(Role.OFFICE_LEADER):
        st.caption(t("review.absent_own_ban"))
    if absentees:
        st.dataframe(summary.absentee_frame(absentees), hide_index=True, key="absent")
    else:
        st.info(t("review.everyone_went"))

    st.subheader(t("review.highlights"))
    if not can(me, actions.REPORT_CONTENT):  # not every ban's reports: the own ban's
        st.caption(t("review.own_ban_content"))
    if not notable:
        st.info(t("review.no_highlights"))
    for h in notable:
        with st.container(border=True):
            st.caption(f"{md(h.place)} — {md(h.cadre)}, {md(h.ban)}, {formatting.date(h.trip_end)}")
            st.text(h.good_models)


def proposals_tab(window: Window) -> None:
    first = data.read(proposals.proposal_page, me, window, 1)
    st.caption(
        tm(
            "review.proposals_hint",
            total=formatting.number(first.total),
            open=formatting.number(first.open),
            carried=formatting.number(first.carried),
        )
    )
    if not can(me, actions.REPORT_CONTENT):  # the own ban's proposals; every ban's as counts
        st.caption(t("review.own_ban_content"))
        st.dataframe(
            summary.proposal_count_frame(data.read(proposals.proposal_counts, me, window)),
            hide_index=True,
            key="proposal_counts",
        )
    number = 1
    if first.pages > 1:
        pick, _ = st.columns([1, 3])
        # Keyed by the window: another period opens on its first page.
        number = pick.number_input(
            tm("review.proposals_page", pages=first.pages),
            min_value=1,
            max_value=first.pages,
            value=1,
            key=f"proposals_page_{window.start}_{window.end}",
        )
    rows = data.read(proposals.proposal_page, me, window, number).rows
    if not rows:
        st.info(t("review.no_proposals"))
        return
    picked = st.dataframe(
        summary.proposal_frame(rows),
        hide_index=True,
        key=f"proposals_{number}",
        on_select="rerun",
        selection_mode="single-row",
    )
    row = rows[picked.selection.rows[0]] if picked.selection.rows else None
    if row is not None and can(me, actions.PROPOSAL_FOLLOW_UP, row.assigned_ban_id):
        follow_up_form(row)


def follow_up_form(row: proposals.ProposalRow) -> None:
    # The version read is the one shown when the proposal was picked, so a change saved by
    # someone else in between is refused rather than overwritten.
    form_state = form("proposal", row.id, row.updated_at)
    bans = data.read(roster.bans)
    ban_ids = [None] + [b.id for b in bans]
    names = {b.id: b.name for b in bans}
    with st.form(f"follow_up_{row.id}"):
        st.markdown(f"**{t('review.follow_up_of')}**")
        st.text(row.text)
        ban_id = st.selectbox(
            t("review.field.assigned_ban"),
            ban_ids,
            index=ban_ids.index(row.assigned_ban_id),
            format_func=lambda i: names.get(i) or t("review.unassigned"),
            disabled=not can(me, actions.PROPOSAL_ASSIGN),
            placeholder=t("common.choose"),
        )
        state = st.segmented_control(
            t("review.field.proposal_state"),
            PROPOSAL_STATES,
            default=row.state,
            format_func=lambda code: t(f"proposal_state.{code}"),
            required=True,
        )
        note = st.text_area(t("review.field.follow_up"), value=row.follow_up)
        form_state.slot()
        if not st.form_submit_button(t("common.save"), type="primary"):
            return
    save(
        lambda s: proposals.follow_up(s, me, row.id, ban_id, state, note, form_state.version),
        done=t("common.saved"),
        spot="review",
        form=form_state,
    )


def meetings_tab(window: Window) -> None:
    held = data.read(meetings_in, window)
    writer = can(me, actions.MEETING_WRITE)
    if not held:
        st.info(t("review.no_meetings"))
    for meeting in held:
        with st.expander(md(meeting.title) or formatting.date(meeting.held_on), expanded=len(held) == 1):
            st.caption(tm("review.meeting_held", date=formatting.date(meeting.held_on), chair=meeting.chair))
            for label, text in (
                ("review.field.attendees", meeting.attendees),
                ("review.difficulties", meeting.difficulties),
                ("review.conclusions", meeting.conclusions),
                ("review.directions", meeting.directions),
            ):
                if text:
                    st.markdown(f"**{t(label)}**")
                    st.text(text)
            if writer and st.toggle(t("review.edit_meeting"), key=f"edit_meeting_{meeting.id}"):
                meeting_form(window, meeting)
            else:
                close(f"meeting_{meeting.id}")
    if writer:
        with st.expander(t("review.new_meeting"), expanded=not meetings):
            meeting_form(window, None)


def meeting_form(window: Window, meeting: meetings.MeetingRow | None) -> None:
    """Create (a submission id minted when drawn) or edit (the version read when opened)."""
    if meeting is None:
        key = "meeting_new"
        base = meetings.MeetingRow(
            0,
            today,
            window.start,
            window.end,
            t("review.doc.subtitle", period=summary.period_name(window)),
            "",
            "",
            "",
            "",
            "",
            0,
        )
    else:
        key, base = f"meeting_{meeting.id}", meeting
    state = form(key, base.id, base.version)
    with st.form(key):
        # Days typed as dd/mm/yyyy (ui.day_field): the calendar is English only.
        held_on, bad = day_field("review.field.held_on", state.prefix + "held_on", value=base.held_on)
        state.slot("review.field.held_on")
        left, right = st.columns(2)
        period_from, bad_from = day_field(
            "review.field.period_from", state.prefix + "period_from", left, base.period_from
        )
        with left:
            state.slot("review.field.period_from")
        period_to, bad_to = day_field(
            "review.field.period_to", state.prefix + "period_to", right, base.period_to
        )
        with right:
            state.slot("review.field.period_to")
        title = st.text_input(t("review.field.title"), value=base.title)
        chair = st.text_input(t("review.field.chair"), value=base.chair)
        attendees = st.text_area(t("review.field.attendees"), value=base.attendees)
        difficulties = st.text_area(t("review.difficulties"), value=base.difficulties)
        conclusions = st.text_area(t("review.conclusions"), value=base.conclusions)
        directions = st.text_area(t("review.directions"), value=base.directions)
        state.slot()
        if not st.form_submit_button(t("common.save"), type="primary"):
            return
        if bad or bad_from or bad_to:
            state.show_error(ValidationError(bad + bad_from + bad_to))
            return
    data_in = meetings.MeetingInput(
        held_on, period_from, period_to, chair, title, attendees, difficulties, conclusions, directions
    )
    if meeting is None:
        save(
            lambda s: meetings.save_meeting(s, me, data_in, submission_id=state.submission_id),
            done=t("common.saved"),
            spot="review",
            form=state,
        )
    else:
        save(
            lambda s: meetings.save_meeting(s, me, data_in, meeting_id=meeting.id, version=state.version),
            done=t("common.saved"),
            spot="review",
            form=state,
        )


def funding_tab(window: Window) -> None:
    funding_section(window, key="review_funding")
    if can(me, actions.BUDGET_SET):
        with st.expander(tm("policy.budgets", year=window.start.year)):
            budget_editor(me, window.start.year, key="review_budgets", title=False)


st.title(t("review.title"))
show_flash("review")
pick, _ = st.columns([1, 2])
with pick:
    quick_pick()
window = window_filter()
name, dates = summary.period_name(window), formatting.window(window)
st.caption(md(dates if name == dates else f"{name} — {dates}"))
figures(window)
exports(window)
shown = section_picker(
    {
        "summary": t("review.tab.summary"),
        "proposals": t("review.tab.proposals"),
        "meetings": t("review.tab.meetings"),
        "funding": t("funding.title"),
    }
)
{"summary": summary_tab, "proposals": proposals_tab, "meetings": meetings_tab, "funding": funding_tab}[shown](
    window
)
