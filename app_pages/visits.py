"""/visits — the cadre's own page: progress toward the year's target, recording a trip,
reporting its results, and registering the work planned for each quarter."""

import datetime as dt

import pandas as pd
import streamlit as st

from core import formatting, places, policy, registrations, reports, targets, trips
from core.errors import DomainError
from core.i18n import t
from core.periods import quarter_window
from db.models import CONTENT_TYPES
from db.session import reading, writing
from ui import data
from ui.widgets import DATE_FORMAT, actor, form_keys, form_saved, show_error, year_filter

me = actor()
st.title(t("visits.title"))

if me.cadre_id is None:
    st.info(t("visits.no_cadre"))
    st.stop()

today = dt.date.today()
with reading() as session:
    all_trips = trips.list_for_cadre(session, me, me.cadre_id, today)
trip_years = [r.start_date.year for r in all_trips]
year = year_filter(trips.default_year(trip_years, today), trip_years + [today.year])
with reading() as session:
    progress = targets.progress_of(session, me, me.cadre_id, year, today)
    year_policy = policy.for_year(session, year)
    quarters = registrations.quarters_shown(year, today)
    registered = registrations.list_for_cadre(session, me, me.cadre_id, quarters, today)
year_trips = [r for r in all_trips if r.start_date.year == year]


def flash(name: str, message: str | None = None) -> None:
    """Show a message after the rerun that follows a save (or keep one for it)."""
    if message is not None:
        st.session_state[f"flash_{name}"] = message
    elif (kept := st.session_state.pop(f"flash_{name}", None)) is not None:
        st.success(kept)


def content_label(code: str) -> str:
    return year_policy.content_label(code)


def trip_label(row: trips.TripRow) -> str:
    return f"{formatting.date(row.start_date)}–{formatting.date(row.end_date)} · {row.place}"


def report_label(row: trips.TripRow) -> str:
    text = t(f"report_state.{row.report_state or 'none'}")
    return f"{text} · {t('visits.overdue')}" if row.overdue else text


def show_progress() -> None:
    pace = progress.pace
    left, right = st.columns(2)
    left.metric(t("visits.my_days", year=year), f"{progress.done_days}/{progress.target}", border=True)
    right.metric(t("common.trips"), sum(1 for r in year_trips if r.state == "done"), border=True)
    st.progress(min(1.0, progress.done_days / progress.target) if progress.target else 1.0,
                text=t("visits.target", target=progress.target))
    if progress.target != progress.full_target:
        st.caption(t("visits.prorated", full=progress.full_target, target=progress.target,
                     exempted=progress.exempted_days))
    if not pace.days_needed:
        st.success(t("visits.target_reached"))
    elif pace.per_month_needed is None:
        st.error(t("visits.missed_target", needed=pace.days_needed))
    elif pace.on_track:
        st.success(t("visits.on_track", needed=pace.days_needed, months=pace.months_left,
                     per_month=pace.per_month_needed))
    else:
        st.warning(t("visits.behind", expected=pace.expected_so_far, needed=pace.days_needed,
                     months=pace.months_left, per_month=pace.per_month_needed))
    overdue = [r for r in year_trips if r.overdue]
    if overdue:
        st.warning(t("visits.overdue_count", n=len(overdue), trips="; ".join(map(trip_label, overdue))))

    st.subheader(t("visits.trips_heading"))
    if not year_trips:
        st.info(t("visits.no_trips"))
        return
    # What a cadre checks first comes first: on a phone the later columns scroll.
    st.dataframe(pd.DataFrame({
        t("visits.col.dates"): [formatting.dates(r.start_date, r.end_date) for r in year_trips],
        t("common.days"): [r.days for r in year_trips],
        t("visits.col.report"): [report_label(r) if r.state == "done" else "" for r in year_trips],
        t("visits.col.due"): [formatting.date(r.report_due) for r in year_trips],
        t("visits.col.state"): [t(f"trip_state.{r.state}") for r in year_trips],
        t("visits.col.place"): [r.place for r in year_trips],
        t("visits.col.content"): ["; ".join(content_label(c) for c in r.content_types) for r in year_trips],
    }), hide_index=True)
    planned_trips = [r for r in year_trips if r.state == "planned"]
    if planned_trips:
        choose_planned(planned_trips)


def choose_planned(planned_trips: list[trips.TripRow]) -> None:
    st.markdown(f"**{t('visits.planned_heading')}**")
    chosen = st.selectbox(t("visits.planned_trip"), planned_trips, format_func=trip_label,
                          key="planned_trip")
    done_col, cancel_col = st.columns(2)
    for column, action, label in ((done_col, "done", "visits.mark_done"),
                                  (cancel_col, "cancel", "visits.cancel_trip")):
        if column.button(t(label), key=f"trip_{action}", width="stretch"):
            try:
                with writing() as session:
                    trips.change_state(session, me, chosen.id, action, chosen.version, today)
            except DomainError as exc:
                show_error(exc)
            else:
                flash("progress", t(f"visits.trip_{action}_saved", trip=trip_label(chosen)))
                st.rerun()


def fill_place(prefix: str) -> None:
    """Copy a known place into the place fields of the trip form."""
    place = st.session_state.get(prefix + "known")
    if place is not None:
        for part in ("province", "district", "commune", "host_unit"):
            st.session_state[prefix + part] = getattr(place, part)


def record_trip() -> None:
    flash("trip")
    prefix, submission_id = form_keys("trip")
    planned = st.checkbox(t("visits.field.planned"), key=prefix + "planned",
                          help=t("visits.planned_help"))
    left, right = st.columns(2)
    start = left.date_input(t("visits.field.start"), value=None, key=prefix + "start", format=DATE_FORMAT)
    end = right.date_input(t("visits.field.end"), value=None, key=prefix + "end", format=DATE_FORMAT)
    if start and end and end >= start:
        with reading() as session:
            days = trips.days_preview(session, start, end)
            rule = policy.for_day(session, start).counting_rule
        st.info(t("visits.days_preview", days=days, rule=t(f"visits.rule.{rule}")))
    st.selectbox(t("visits.known_place"), data.read(places.known_places), index=None,
                 format_func=places.PlaceRow.label, key=prefix + "known",
                 placeholder=t("visits.known_place_hint"), on_change=fill_place, args=(prefix,))
    with st.form(prefix + "form", border=False):
        province = st.text_input(t("visits.field.province"), key=prefix + "province")
        district = st.text_input(t("visits.field.district"), key=prefix + "district")
        commune = st.text_input(t("visits.field.commune"), key=prefix + "commune")
        host_unit = st.text_input(t("visits.field.host_unit"), key=prefix + "host_unit")
        content = st.multiselect(t("visits.field.content_types"), CONTENT_TYPES,
                                 format_func=content_label, key=prefix + "content",
                                 placeholder=t("visits.choose"))
        tags = st.multiselect(t("visits.field.tags"), trips.all_activities(), key=prefix + "tags",
                              accept_new_options=True, placeholder=t("visits.choose_or_add"))
        questions = st.text_area(t("visits.field.questions"), key=prefix + "questions",
                                 help=t("visits.one_per_line"))
        co_travellers = st.text_input(t("visits.field.co_travellers"), key=prefix + "co")
        funding = st.number_input(t("visits.field.funding"), min_value=0, step=100_000,
                                  key=prefix + "funding")
        order_no_col, order_date_col = st.columns(2)
        order_no = order_no_col.text_input(t("visits.field.travel_order_no"), key=prefix + "order_no")
        order_date = order_date_col.date_input(t("visits.field.travel_order_date"), value=None,
                                               key=prefix + "order_date", format=DATE_FORMAT)
        submitted = st.form_submit_button(t("visits.save_trip"), type="primary", key=prefix + "save")
    if not submitted:
        return
    entry = trips.TripInput(
        start_date=start, end_date=end, province=province, district=district, commune=commune,
        host_unit=host_unit, content_types=tuple(content), tags=tuple(tags),
        questions=tuple(questions.splitlines()), co_travellers=co_travellers,
        funding_vnd=int(funding or 0), travel_order_no=order_no, travel_order_date=order_date,
        planned=planned,
    )
    try:
        trips.save_trip(me, me.cadre_id, entry, submission_id)
    except DomainError as exc:
        show_error(exc)
        return
    form_saved("trip")
    flash("trip", t("visits.trip_saved", dates=f"{formatting.date(start)}–{formatting.date(end)}",
                    place=host_unit or province))
    st.rerun()


def write_report() -> None:
    flash("report")
    made = [r for r in year_trips if r.state == "done"]
    if not made:
        st.info(t("visits.no_trips_to_report"))
        return
    waiting = next((i for i, r in enumerate(made) if r.report_state in (None, "draft", "returned")), 0)
    # Keyed on the trips listed: after a new trip the choice starts again on the first one waiting.
    row = st.selectbox(t("visits.report_trip"), made, index=waiting, key=f"report_trip_{len(made)}",
                       format_func=lambda r: f"{trip_label(r)} · {report_label(r)}")
    with reading() as session:
        view = reports.report_for_trip(session, me, row.id)
    st.caption(t("visits.report_due", due=formatting.date(row.report_due),
                 state=t(f"report_state.{view.state or 'none'}")))
    if row.overdue:
        st.warning(t("visits.report_overdue", due=formatting.date(row.report_due)))
    if view.state == "returned":
        st.warning(t("visits.report_returned"))
        st.text(view.return_reason)
    if not view.editable:
        show_report(view)
        return
    prefix, submission_id = form_keys(f"report_{row.id}_{view.version}")
    with st.form(prefix + "form", border=False):
        findings = st.text_area(t("visits.report.findings"), value=view.findings, key=prefix + "findings")
        answers = []
        for n, question in enumerate(view.questions, start=1):
            st.text(t("visits.report.question", n=n, text=question.text))
            answers.append((question.id, st.text_area(t("visits.report.answer_n", n=n), value=question.answer,
                                                      key=f"{prefix}answer_{question.id}")))
        good_models = st.text_area(t("visits.report.good_models"), value=view.good_models,
                                   key=prefix + "good")
        difficulties = st.text_area(t("visits.report.difficulties"), value=view.difficulties,
                                    key=prefix + "difficulties")
        proposals = st.text_area(t("visits.report.proposals"), value="\n".join(view.proposals),
                                 key=prefix + "proposals", help=t("visits.one_per_line"))
        draft_col, send_col = st.columns(2)
        save_draft = draft_col.form_submit_button(t("visits.report.save_draft"), key=prefix + "draft",
                                                  width="stretch")
        send = send_col.form_submit_button(t("visits.report.send"), type="primary", key=prefix + "send",
                                           width="stretch")
    if not (save_draft or send):
        return
    entry = reports.ReportInput(findings, good_models, difficulties, tuple(proposals.splitlines()),
                                tuple(answers))
    try:
        reports.save_report(me, row.id, entry, view.version, submission_id, submit=send)
    except DomainError as exc:
        show_error(exc)
        return
    form_saved(f"report_{row.id}_{view.version}")
    flash("report", t("visits.report.sent" if send else "visits.report.saved", trip=trip_label(row)))
    st.rerun()


def show_report(view: reports.ReportView) -> None:
    """A report that can no longer be changed, as plain text."""
    for label, text in (("visits.report.findings", view.findings),
                        ("visits.report.good_models", view.good_models),
                        ("visits.report.difficulties", view.difficulties),
                        ("visits.report.proposals", "\n".join(view.proposals))):
        st.markdown(f"**{t(label)}**")
        st.text(text or "—")
    for n, question in enumerate(view.questions, start=1):
        st.markdown(f"**{t('visits.report.answer_n', n=n)}**")
        st.text(question.text)
        st.text(question.answer or "—")


def register() -> None:
    flash("registration")
    st.dataframe(pd.DataFrame({
        t("visits.reg.quarter"): [formatting.quarter(y, q) for y, q in quarters],
        t("visits.col.state"): [t(f"registration_state.{registered[(y, q)].state}") if (y, q) in registered
                                else t("visits.reg.missing") for y, q in quarters],
        t("visits.reg.planned_days"): [str(registered[(y, q)].planned_days) if (y, q) in registered else "—"
                                       for y, q in quarters],
    }), hide_index=True)
    missing = [(y, q) for y, q in quarters if (y, q) not in registered and registrations.is_open(y, q, today)]
    if missing:
        st.warning(t("visits.reg.unregistered", quarters=", ".join(formatting.quarter(y, q) for y, q in missing)))
    choices = [(y, q) for y, q in quarters if registrations.is_open(y, q, today)
               and ((y, q) not in registered or registered[(y, q)].editable)]
    if not choices:
        st.info(t("visits.reg.nothing_open"))
        return
    chosen = st.selectbox(t("visits.reg.quarter"), choices, key="reg_quarter",
                          format_func=lambda yq: formatting.quarter(*yq))
    existing = registered.get(chosen)
    prefix, submission_id = form_keys(f"registration_{chosen[0]}_{chosen[1]}")
    with st.form(prefix + "form", border=False):
        days = st.number_input(t("visits.reg.planned_days"), min_value=0,
                               max_value=quarter_window(*chosen).days,
                               value=existing.planned_days if existing else None, key=prefix + "days")
        where = st.text_area(t("visits.reg.places"), value=existing.places if existing else "",
                             key=prefix + "places")
        content = st.multiselect(t("visits.field.content_types"), CONTENT_TYPES, format_func=content_label,
                                 default=list(existing.content_types) if existing else None,
                                 key=prefix + "content", placeholder=t("visits.choose"))
        questions = st.text_area(t("visits.reg.questions"), value=existing.questions if existing else "",
                                 key=prefix + "questions", help=t("visits.one_per_line"))
        submitted = st.form_submit_button(t("visits.reg.update" if existing else "visits.reg.send"),
                                          type="primary", key=prefix + "save")
    if not submitted:
        return
    entry = registrations.RegistrationInput(chosen[0], chosen[1], days, where, tuple(content), questions)
    try:
        registrations.save(me, me.cadre_id, entry, submission_id,
                           existing.id if existing else None, existing.version if existing else 0)
    except DomainError as exc:
        show_error(exc)
        return
    form_saved(f"registration_{chosen[0]}_{chosen[1]}")
    flash("registration", t("visits.reg.saved", quarter=formatting.quarter(*chosen)))
    st.rerun()


progress_tab, trip_tab, report_tab, registration_tab = st.tabs(
    [t("visits.tab.progress"), t("visits.tab.trip"), t("visits.tab.report"), t("visits.tab.registration")],
    key="visits_tab",
)
with progress_tab:
    flash("progress")
    show_progress()
with trip_tab:
    record_trip()
with report_tab:
    write_report()
with registration_tab:
    register()
