"""/progress — per-ban progress for any date window, and a meeting mode for the projector
(`?mode=meeting`): large figures and charts, filters folded away, refreshed live."""

import datetime as dt

import streamlit as st

from core import (
    actions,
    charts,
    content_mix,
    formatting,
    place_visits,
    policy,
    progress,
    province_map,
    registrations,
    reports,
    review_queue,
    roster,
    trend,
    trip_list,
)
from core.errors import DomainError
from core.i18n import language, t
from core.permissions import CadreRef, can
from core.vocabulary import Role
from ui import address, data, guard, projector, review_picks, trip_changes
from ui import attachments as attached_files
from ui.empty_window import offer_latest
from ui.forms import form, save, show_error, show_flash
from ui.funding import funding_section
from ui.text import md, tm
from ui.todo import todo_list
from ui.widgets import (
    DATE_FORMAT,
    actor,
    asked_ban,
    asked_window,
    ban_filter,
    section_picker,
    table,
    window_filter,
)

REFRESH_SECONDS = 10  # how soon a trip saved during the meeting shows on the projector
FILTERS = "meeting_filters"  # the meeting view's folded filters (an expander)

me = actor()


def meeting_toggle() -> bool:
    """The meeting mode, kept in `?mode=meeting` so the projector's link opens in it."""
    on = st.toggle(
        t("progress.meeting_mode"), value=address.choice("mode", ["meeting"]) == "meeting", key="meeting_mode"
    )
    if on and st.query_params.get("mode") != "meeting":
        st.query_params["mode"] = "meeting"
    elif not on and "mode" in st.query_params:
        del st.query_params["mode"]
    return on


def preselect_own_ban() -> None:
    """A ban leader opens on the own ban (once per session; "all bans" can still be chosen)."""
    if st.session_state.get("_progress_ban_preselected"):
        return
    st.session_state["_progress_ban_preselected"] = True
    if "ban" not in st.query_params and me.ban_id is not None and me.has(Role.BAN_LEADER):
        own = next((b for b in bans if b.id == me.ban_id), None)
        if own:
            st.query_params["ban"] = own.code


def headline_items(figures: progress.Headline) -> list[tuple[str, str, str, str]]:
    """Each figure as (label, number, its share, a note)."""
    part = figures.participation
    return [
        (t("progress.went"), f"{part.went}/{part.cadres}", formatting.percent(part.rate), ""),
        (
            t("progress.registered"),
            f"{part.registered}/{part.cadres}",
            formatting.percent(part.registered_rate),
            "",
        ),
        (
            t("progress.total_days"),
            formatting.number(part.days),
            "",
            t("progress.avg_note", avg=formatting.number(figures.average_days, digits=1)),
        ),
        (
            t("progress.target_days"),
            formatting.number(figures.target_days),
            "",
            t(
                "progress.target_note",
                share=formatting.percent(part.days / figures.target_days) if figures.target_days else "–",
            ),
        ),
        (
            t("progress.overdue"),
            formatting.number(figures.reports.overdue),
            "",
            t("progress.overdue_note", date=formatting.date(figures.as_of)),
        ),
    ]


def desk_headline(figures: progress.Headline) -> None:
    """The figures at a desk: side by side, the share or the note under each (the projector's
    are ui.projector's)."""
    items = headline_items(figures)
    for column, (label, value, share, note) in zip(st.columns(len(items)), items):
        column.metric(md(label), md(value))
        column.caption(md(share or note))


def ban_charts(window, ban_rows, year_policy, ban, large: bool) -> None:
    lang = language()
    mix = data.read(content_mix.content_mix, window, False).by_ban
    points = data.read(trend.cumulative_trend, window, today, ban.id if ban else None)
    left, right = projector.pair() if large else st.columns(2)
    left.vega_lite_chart(
        spec=data.chart(charts.participation, ban_rows, lang, large),
        width="stretch",
        key="chart_participation",
    )
    right.vega_lite_chart(
        spec=data.chart(charts.days_against_target, ban_rows, lang, large),
        width="stretch",
        key="chart_target",
    )
    # Full width: the content types' names are long, and the year reads better wide.
    st.vega_lite_chart(
        spec=data.chart(charts.content_mix, mix, ban_rows, year_policy, lang, large),
        width="stretch",
        key="chart_content",
    )
    st.vega_lite_chart(spec=data.chart(charts.trend, points, lang, large), width="stretch", key="chart_trend")


def ban_table(ban_rows, large: bool) -> None:
    """Numbers written by core.formatting, as in the headline and the charts: the percentages
    as text ("92,3%"; a progress column would write "92.31%" whatever the language)."""
    columns = {
        "common.ban": "name",
        "progress.went": lambda b: f"{b.participation.went}/{b.participation.cadres}",
        "progress.rate": lambda b: formatting.percent(b.participation.rate),
        "progress.total_days": lambda b: formatting.number(b.participation.days),
        "progress.target_days": lambda b: formatting.number(b.target_days),
        "progress.reports_in": lambda b: f"{b.reports.reported}/{b.reports.trips}",
        "progress.overdue": lambda b: formatting.number(b.reports.overdue),
    }
    if large:
        projector.table(ban_rows, columns)
    else:
        table(ban_rows, columns)


def cadre_detail(me, window, ban, large: bool = False) -> None:
    if ban is None:
        st.info(t("progress.choose_ban"))
        return
    if not can(me, actions.BAN_DETAIL, ban.id):
        st.info(tm("progress.totals_only", ban=ban.name))
        return
    rows = data.read(progress.ban_detail, me, window, ban.id, today, cached=False)
    columns = {
        "common.name": "full_name",
        "common.position": "position",
        "common.days": "days",
        "progress.target_days": "target_days",
        "common.trips": "trips",
        "progress.last_trip": "last_trip",
        "progress.reports_in": lambda r: f"{r.reports.reported}/{r.reports.trips}",
        "progress.overdue": lambda r: r.reports.overdue,
        "progress.pace": lambda r: t("progress.on_track") if r.on_track else t("progress.behind"),
    }
    if large:
        projector.cadre_table(rows, columns, lambda row: cadre_trips(me, window, row))
        return
    st.caption(t("progress.cadres_hint"))
    picked = table(
        rows,
        columns,
        key="cadre_table",
        on_select="rerun",
        selection_mode="single-row",
        column_config={"progress.last_trip": st.column_config.DateColumn(format=DATE_FORMAT)},
    )
    selected = picked.selection.rows
    if selected:
        cadre_trips(me, window, rows[selected[0]])


def cadre_trips(me, window, cadre) -> None:
    st.subheader(tm("progress.trips_of", name=cadre.full_name))
    show_flash("cadre_trips")
    try:
        rows = [
            r
            for r in data.read(trip_list.list_for_cadre, me, cadre.cadre_id, cached=False)
            if window.overlaps(r.start_date, r.end_date)
        ]
    except DomainError as exc:
        show_error(exc)
        return
    if not rows:
        st.info(t("progress.no_trips"))
        return
    trip_changes.trips_table(rows, key="cadre_trips")
    # The office leadership corrects or removes a cadre's trip here, giving a reason.
    if can(me, actions.TRIP_CORRECT, CadreRef(rows[0].cadre_id, rows[0].ban_id)):
        st.markdown(f"**{t('trip_change.heading')}**")
        st.caption(t("trip_change.office_hint"))
        trip_changes.picker(
            me,
            rows,
            trip_changes.trip_label,
            key="office_trip_change",
            spot="cadre_trips",
            files=True,  # the files this leader may remove, seen first
        )


def map_of_provinces(window, ban, large: bool, where=st) -> None:
    """The 34 provinces coloured by the cadres who went, those nobody visited outlined in red."""
    rows = data.read(place_visits.provinces_on_the_map, window, ban.id if ban else None)
    where.vega_lite_chart(
        spec=data.chart(province_map.chart, rows, language(), large), width="stretch", key="chart_map"
    )
    where.caption(tm("places.map.caption", n=province_map.unvisited(rows)))


def places(window, ban, large: bool = False) -> None:
    ban_id = ban.id if ban else None
    provinces = data.read(place_visits.provinces_visited, window, ban_id)
    visited = data.read(place_visits.places_visited, window, ban_id)
    missed = data.read(place_visits.places_not_visited, window, ban_id)
    st.caption(
        tm("progress.places_summary", provinces=len(provinces), units=len(visited), missed=len(missed))
    )
    map_column, provinces_column = st.columns(2)
    map_of_provinces(window, ban, large, map_column)
    provinces_column.markdown(f"**{t('progress.provinces')}**")
    table(
        provinces,
        {
            "progress.col.province": lambda p: p.province or t("places.unmapped"),
            "common.trips": "trips",
            "progress.col.cadres": "cadres",
        },
        where=provinces_column,
        key="provinces",
    )
    st.markdown(f"**{t('progress.host_units')}**")
    table(
        visited,
        {"progress.col.host_unit": "host_unit", "progress.col.province": "province", "common.trips": "trips"},
        key="host_units",
    )
    st.markdown(f"**{t('progress.not_visited')}**")
    table(
        missed,
        {
            "progress.col.host_unit": "host_unit",
            "progress.col.district": "district",
            "progress.col.province": "province",
        },
        key="not_visited",
    )


DRAWN = "_meeting_drawn"  # what the meeting view's figures were drawn from (`drawn_from`)


def drawn_from() -> tuple:
    """What the figures shown depend on besides the address: the data (its version, which every
    write bumps), the day (the pace and the overdue reports move at midnight) and the language."""
    return data.data_version(), dt.date.today(), language()


def live(me, window, ban, meeting: bool) -> None:
    """Everything that moves when a trip is saved. At a desk a fragment (ui.guard): `me` is the
    actor read again at each of its runs, and a section chosen redraws only this part, not the
    leader's queue above it. On the projector part of the page's run (`watch` runs it again)."""
    if meeting:
        # Read before the figures: a write made while they are drawn is drawn again.
        st.session_state[DRAWN] = drawn_from()
    ban_rows = data.read(progress.ban_progress, window, today)
    figures = progress.total(ban_rows, window, today, ban.id if ban else None)
    year_policy = data.read(policy.for_day, window.start)
    scope = tm(
        "progress.scope", window=formatting.window(window), ban=ban.name if ban else t("common.all_bans")
    )
    if meeting:
        projector.headline(scope, headline_items(figures))
    else:
        st.caption(scope)
        desk_headline(figures)
    shown = section_picker(
        {
            "bans": t("progress.tab.bans"),
            "cadres": t("progress.tab.cadres"),
            "places": t("progress.tab.places"),
            "funding": t("funding.title"),
        }
    )
    if shown == "bans":
        if any(b.participation.went for b in ban_rows):
            ban_charts(window, ban_rows, year_policy, ban, meeting)
            if meeting:  # the projector shows where the office went beside the bans' figures
                map_of_provinces(window, ban, True, st.container(key=projector.HALF))
        else:
            offer_latest(window, today)
        ban_table(ban_rows, meeting)
    elif shown == "cadres":
        cadre_detail(me, window, ban, meeting)
    elif shown == "funding":
        funding_section(window, ban.id if ban else None)
    else:
        places(window, ban, meeting)


def watch(me) -> None:
    """The projector's refresh, every REFRESH_SECONDS: the account checked (ui.guard), then the
    figures drawn again only if what they were drawn from has changed since. A projector
    left on for an hour mostly asks "anything new?" and sends one line, where drawing the
    view again would send every chart and the table unchanged. A change runs the page again,
    so the figures, the charts and the table move together."""
    if st.session_state.get(DRAWN) != drawn_from():
        guard.rerun_app()
    st.caption(tm("progress.refreshed", seconds=REFRESH_SECONDS, time=formatting.clock(dt.datetime.now())))


def decide(action, done_message: str, state, next_report: int | None = None) -> None:
    """Run one leader decision in its own transaction; say what happened. The queue then moves
    on: the report after the one decided opens (ui.review_queue)."""

    def clear_picks(_) -> None:  # what was picked is decided now
        st.session_state.pop("queue_registrations", None)
        review_picks.move_on(next_report)

    save(action, done=done_message, spot="queue", form=state, then=clear_picks)


def pending_reports(queue: review_queue.Queue) -> None:
    """The oldest reports sent, one line each; the one picked is shown whole, with the
    decision. One table and one picker rather than a form per report: the page redraws in
    milliseconds however long the queue."""
    st.markdown(f"**{t('progress.queue.reports')}**")
    st.caption(t("progress.queue.open_hint"))
    items = {r.report_id: r for r in queue.items}
    review_picks.settle(list(items))
    # A row clicked opens its report (the picker below follows it).
    table(
        queue.items,
        {
            "common.cadre": "cadre_name",
            "progress.col.dates": lambda r: formatting.dates(r.start_date, r.end_date),
            "progress.col.place": "place",
            "progress.queue.col.sent": lambda r: r.submitted_at.date() if r.submitted_at else None,
        },
        column_config={"progress.queue.col.sent": st.column_config.DateColumn(format=DATE_FORMAT)},
        **review_picks.row_selection(list(items)),
    )
    if queue.more:
        st.caption(tm("progress.queue.more", more=queue.more))

    def title(report_id: int) -> str:
        r = items[report_id]
        return t(
            "progress.queue.report_title",
            name=r.cadre_name,
            dates=formatting.dates(r.start_date, r.end_date),
            place=r.place,
        )

    picked = st.selectbox(
        t("progress.queue.pick_report"),
        list(items),
        index=None,
        key=review_picks.PICKER,
        placeholder=t("common.choose"),
        format_func=title,
    )
    if picked in items:
        with st.container(border=True, key="queue_report_open"):
            report_detail(items[picked], review_picks.after(list(items), picked))


def report_detail(item: review_queue.PendingReport, next_report: int | None = None) -> None:
    if item.submitted_at:
        st.caption(tm("progress.queue.sent_on", date=formatting.date(item.submitted_at.date())))
    for label, text in (
        ("visits.report.findings", item.findings),
        ("visits.report.good_models", item.good_models),
        ("visits.report.difficulties", item.difficulties),
    ):
        if text:
            st.markdown(f"**{t(label)}**")
            st.text(text)
    for n, (question, answer) in enumerate(item.questions, start=1):
        st.markdown(f"**{tm('visits.report.question', n=n, text=question)}**")
        st.text(answer or "—")
    if item.proposals:
        st.markdown(f"**{t('visits.report.proposals')}**")
        st.text("\n".join(f"– {p}" for p in item.proposals))
    attached_files.panel(me, item.trip_id, key="queue_files")
    state = form("report_decision", item.report_id, item.version)
    reason = st.text_area(t("visits.report.return_reason"), key=f"reason_{item.report_id}")
    state.slot("visits.report.return_reason")
    state.slot()
    left, right = st.columns(2)
    if left.button(t("progress.queue.accept"), key=f"accept_{item.report_id}", type="primary"):
        decide(
            lambda s: reports.review(s, me, item.report_id, "accept", state.version),
            tm("progress.queue.accepted", name=item.cadre_name),
            state,
            next_report,
        )
    if right.button(t("progress.queue.return"), key=f"return_{item.report_id}"):
        decide(
            lambda s: reports.review(s, me, item.report_id, "return", state.version, reason),
            tm("progress.queue.returned", name=item.cadre_name),
            state,
            next_report,
        )


def pending_registrations(queue: review_queue.Queue, year_policy) -> None:
    """The registrations waiting, one line each; those picked are accepted together (one
    transaction: all of them or, if one changed meanwhile, none)."""
    st.markdown(f"**{t('progress.queue.registrations')}**")
    table(
        queue.items,
        {
            "common.cadre": "cadre_name",
            "progress.queue.col.quarter": lambda r: formatting.quarter(r.year, r.quarter),
            "common.days": "planned_days",
            "progress.col.place": "places",
            "progress.col.content": lambda r: "; ".join(
                year_policy.content_label(c) for c in r.content_types
            ),
            "progress.queue.col.questions": "questions",
        },
        key="queue_registrations_table",
    )
    if queue.more:
        st.caption(tm("progress.queue.more", more=queue.more))
    items = {r.registration_id: r for r in queue.items}
    chosen = st.multiselect(
        t("progress.queue.pick_registrations"),
        list(items),
        key="queue_registrations",
        placeholder=t("common.choose"),
        format_func=lambda i: (
            f"{items[i].cadre_name} — {formatting.quarter(items[i].year, items[i].quarter)}"
        ),
        select_all=False,
    )
    # The versions of the registrations as listed when each was picked.
    state = form("registration_decision", tuple(sorted(chosen)), {i: items[i].version for i in chosen})
    state.slot()
    if st.button(t("progress.queue.accept_registrations"), key="accept_registrations", disabled=not chosen):

        def accept_all(session) -> None:
            for i in chosen:
                registrations.accept(session, me, i, state.version[i])

        decide(accept_all, tm("progress.queue.registrations_accepted", n=len(chosen)), state)


def decisions(ban) -> None:
    """Reports and registrations waiting for this leader, outside the live part so that a
    refresh never clears a reason being typed."""
    show_flash("queue")
    waiting_reports = data.read(review_queue.pending_reports, me, ban.id if ban else None)
    waiting_registrations = data.read(review_queue.pending_registrations, me, ban.id if ban else None)
    year_policy = data.read(policy.for_year, today.year)
    st.subheader(
        tm("progress.queue", reports=waiting_reports.total, registrations=waiting_registrations.total)
    )
    if not waiting_reports.total and not waiting_registrations.total:
        st.info(t("progress.queue.empty"))
        return
    if waiting_reports.items:
        pending_reports(waiting_reports)
    else:
        st.caption(t("progress.queue.no_reports"))
    if waiting_registrations.items:
        pending_registrations(waiting_registrations, year_policy)


today = dt.date.today()
bans = data.read(roster.bans)
preselect_own_ban()
st.title(t("progress.title"))
meeting = meeting_toggle()
if not meeting:
    window = window_filter()
    code = ban_filter(bans)
elif (folded := st.expander(t("progress.filters"), key=FILTERS, on_change="rerun")).open:
    with folded:
        window = window_filter()
        code = ban_filter(bans)
else:  # folded on the projector: the link's window and ban, and no field drawn at each run
    window = asked_window()
    code = asked_ban(bans)
ban = next((b for b in bans if b.code == code), None)

if not meeting:  # a leader's work first, above the figures; not on the projector
    decisions(ban)  # the reports waiting for a decision
    todo_list(me)  # and the rest of what waits (registrations, who is behind)
if meeting:
    with st.container(key=projector.KEY):
        live(me, window, ban, meeting)
        guard.fragment(watch, run_every=REFRESH_SECONDS)()
else:
    guard.fragment(live)(window, ban, meeting)
