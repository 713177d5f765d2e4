"""/visits — the cadre's own page: progress toward the year's target, recording a trip,
reporting its results, and registering the work planned for each quarter."""

import datetime as dt

import streamlit as st

from core import activities, formatting, policy, registrations, reports, targets, trip_list, trips
from core.errors import ValidationError
from core.i18n import t
from core.periods import quarter_window
from core.vocabulary import CONTENT_TYPES, ReportState, TripState
from ui import attachments as attached_files
from ui import data, trip_cards, trip_changes
from ui.day_field import TRIP_DAYS, day_field, day_pair, in_future
from ui.forms import form, save, show_flash
from ui.place_picker import place_picker
from ui.returned import returned_reports
from ui.text import md, tm
from ui.todo import todo_list
from ui.widgets import actor, section_picker, table, year_filter

me = actor()
st.title(t("visits.title"))
todo_list(me)

if me.cadre_id is None:
    st.info(t("visits.no_cadre"))
    st.stop()

today = dt.date.today()
all_trips = data.read(trip_list.list_for_cadre, me, me.cadre_id, today, cached=False)
trip_years = [r.start_date.year for r in all_trips]
year = year_filter(trip_list.default_year(trip_years, today), trip_years + [today.year])
year_policy = data.read(policy.for_year, year)
year_trips = [r for r in all_trips if r.start_date.year == year]


def content_label(code: str) -> str:
    return year_policy.content_label(code)


def trip_label(row: trip_list.TripRow) -> str:
    return f"{formatting.date(row.start_date)}–{formatting.date(row.end_date)} · {row.place}"


def report_label(row: trip_list.TripRow) -> str:
    text = t(f"report_state.{row.report_state or 'none'}")
    return f"{text} · {t('visits.overdue')}" if row.overdue else text


def show_progress() -> None:
    show_flash("progress")
    progress = data.read(targets.progress_of, me, me.cadre_id, year, today, cached=False)
    pace = progress.pace
    left, right = st.columns(2)
    left.metric(tm("visits.my_days", year=year), md(f"{progress.done_days}/{progress.target}"), border=True)
    right.metric(t("common.trips"), sum(1 for r in year_trips if r.state == TripState.DONE), border=True)
    st.progress(
        min(1.0, progress.done_days / progress.target) if progress.target else 1.0,
        text=tm("visits.target", target=progress.target),
    )
    if progress.target != progress.full_target:
        st.caption(
            tm(
                "visits.prorated",
                full=progress.full_target,
                target=progress.target,
                exempted=progress.exempted_days,
            )
        )
    if not pace.days_needed:
        st.success(t("visits.target_reached"))
    elif pace.per_month_needed is None:
        st.error(tm("visits.missed_target", needed=pace.days_needed))
    elif pace.on_track:
        st.success(
            tm(
                "visits.on_track",
                needed=pace.days_needed,
                months=pace.months_left,
                per_month=pace.per_month_needed,
            )
        )
    else:
        st.warning(
            tm(
                "visits.behind",
                expected=pace.expected_so_far,
                needed=pace.days_needed,
                months=pace.months_left,
                per_month=pace.per_month_needed,
            )
        )
    returned_reports(all_trips, trip_label)  # whatever year is shown, until sent again
    # What waits for the cadre is read from every year, whichever year is shown.
    overdue = [r for r in all_trips if r.overdue]
    if overdue:
        st.warning(tm("visits.overdue_count", n=len(overdue), trips="; ".join(map(trip_label, overdue))))

    st.subheader(t("visits.trips_heading"))
    if not year_trips:
        st.info(t("visits.no_trips"))
        return
    trip_cards.cards(year_trips, content_label, report_label, trip_changes.removal_note)
    planned_trips = [r for r in year_trips if r.state == TripState.PLANNED]
    if planned_trips:
        choose_planned(planned_trips)
    st.markdown(f"**{t('trip_change.heading')}**")
    st.caption(t("trip_change.hint"))
    trip_changes.picker(me, year_trips, trip_label, key="my_trip_change", spot="progress")


def choose_planned(planned_trips: list[trip_list.TripRow]) -> None:
    st.markdown(f"**{t('visits.planned_heading')}**")
    asked = next((i for i, r in enumerate(planned_trips) if str(r.id) == st.query_params.get("trip")), 0)
    chosen = st.selectbox(
        t("visits.planned_trip"),
        planned_trips,
        format_func=trip_label,
        index=asked,
        key="planned_trip",
        placeholder=t("common.choose"),
    )
    state = form("trip_state", chosen.id, chosen.version)
    state.slot()
    done_col, cancel_col = st.columns(2)
    for column, action, label in (
        (done_col, "done", "visits.mark_done"),
        (cancel_col, "cancel", "visits.cancel_trip"),
    ):
        if column.button(
            t(label), key=f"trip_{action}_{chosen.id}", width="stretch"
        ):  # a click acts on the trip it was shown for
            save(
                lambda s, action=action: trips.change_state(s, me, chosen.id, action, state.version, today),
                done=tm(f"visits.trip_{action}_saved", trip=trip_label(chosen)),
                spot="progress",
                form=state,
            )


def record_trip() -> None:
    state = form("trip")
    prefix = state.prefix
    planned = st.checkbox(t("visits.field.planned"), key=prefix + "planned", help=t("visits.planned_help"))
    start, end, bad_days = day_pair(state, TRIP_DAYS, (prefix + "start", prefix + "end"))
    if in_future(end, today):
        # A trip in the future is a planned trip: saved so, and said here, beside its dates.
        planned = True
        st.info(t("visits.future_is_planned"))
    elif start and end and end >= start:
        days = data.read(trips.days_preview, start, end)
        rule = data.read(policy.for_day, start).counting_rule
        st.info(tm("visits.days_preview", days=days, rule=t(f"visits.rule.{rule}")))
    province, district, commune = place_picker(prefix, start)
    for field in ("province", "district", "commune"):
        state.slot(f"visits.field.{field}")
    with st.form(prefix + "form", border=False):
        host_unit = st.text_input(t("visits.field.host_unit"), key=prefix + "host_unit")
        state.slot("visits.field.host_unit")
        # Pills, not a multiselect: four choices in sight, no English "Select all".
        content = st.pills(
            t("visits.field.content_types"),
            CONTENT_TYPES,
            selection_mode="multi",
            format_func=lambda code: md(content_label(code)),  # pills read Markdown
            key=prefix + "content",
        )
        state.slot("visits.field.content_types")
        tags = st.multiselect(
            t("visits.field.tags"),
            activities.all_activities(),
            key=prefix + "tags",
            accept_new_options=True,
            placeholder=t("visits.choose_or_add"),
            select_all=False,
        )
        questions = st.text_area(
            t("visits.field.questions"), key=prefix + "questions", help=t("visits.one_per_line")
        )
        co_travellers = st.text_input(t("visits.field.co_travellers"), key=prefix + "co")
        funding = st.number_input(
            t("visits.field.funding"), min_value=0, step=100_000, key=prefix + "funding"
        )
        order_no_col, order_date_col = st.columns(2)
        order_no = order_no_col.text_input(t("visits.field.travel_order_no"), key=prefix + "order_no")
        order_date, bad_order_date = day_field(
            "visits.field.travel_order_date", prefix + "order_date", order_date_col
        )
        files = attached_files.picker("attachments.upload_trip", key=prefix + "files")
        attached_files.caps()
        state.slot("attachments.field")
        state.slot()
        submitted = st.form_submit_button(t("visits.save_trip"), type="primary", key=prefix + "save")
    show_flash("trip")  # the result of the last save, under the button that made it
    if not submitted:
        return
    if bad_days or bad_order_date:
        state.show_error(ValidationError(bad_days + bad_order_date))
        return
    entry = trips.TripInput(
        start_date=start,
        end_date=end,
        province=province,
        district=district,
        commune=commune,
        host_unit=host_unit,
        content_types=tuple(content or ()),
        tags=tuple(tags),
        questions=tuple(questions.splitlines()),
        co_travellers=co_travellers,
        funding_vnd=int(funding or 0),
        travel_order_no=order_no,
        travel_order_date=order_date,
        planned=planned,
    )
    save(
        attached_files.with_files(
            lambda s: trips.save_trip(s, me, me.cadre_id, entry, state.submission_id), me, files
        ),
        done=tm(
            "visits.trip_saved",
            dates=f"{formatting.date(start)}–{formatting.date(end)}",
            place=host_unit or province,
        ),
        spot="trip",
        form=state,
    )


def write_report() -> None:
    made = [r for r in year_trips if r.state == TripState.DONE]
    if not made:
        st.info(t("visits.no_trips_to_report"))
        return
    waiting = next(
        (i for i, r in enumerate(made) if r.report_state in (None, ReportState.DRAFT, ReportState.RETURNED)),
        0,
    )
    # A link of the to-do list (?trip=…) opens on its trip, whatever was chosen before.
    asked = st.query_params.get("trip")
    waiting = next((i for i, r in enumerate(made) if str(r.id) == asked), waiting)
    if st.session_state.get("_report_trip_asked", asked) != asked:
        st.session_state.pop(f"report_trip_{len(made)}", None)
        st.session_state.pop(REPORT_SHOWN, None)
    st.session_state["_report_trip_asked"] = asked
    # The trip just reported on stays chosen: its label (the report's state) changes with the
    # save, and the list would fall back on the next trip waiting, its form in view.
    waiting = next((i for i, r in enumerate(made) if r.id == st.session_state.get(REPORT_SHOWN)), waiting)
    # Keyed on the trips listed: after a new trip the choice starts again on the first one waiting.
    row = st.selectbox(
        t("visits.report_trip"),
        made,
        index=waiting,
        key=f"report_trip_{len(made)}",
        format_func=lambda r: f"{trip_label(r)} · {report_label(r)}",
        placeholder=t("common.choose"),
    )
    st.session_state[REPORT_SHOWN] = row.id
    view = data.read(reports.report_for_trip, me, row.id, cached=False)
    st.caption(
        tm(
            "visits.report_due",
            due=formatting.date(row.report_due),
            state=t(f"report_state.{view.state or 'none'}"),
        )
    )
    if row.overdue:
        st.warning(tm("visits.report_overdue", due=formatting.date(row.report_due)))
    if view.state == ReportState.RETURNED:
        st.warning(t("visits.report_returned"))
        st.text(view.return_reason)
    attached_files.panel(me, row.id, key="report_files")
    if not view.editable:
        show_flash("report")  # "sent": said above the report as it was sent
        if view.state == ReportState.SUBMITTED:
            st.info(t("visits.report.sent_readonly"))
        show_report(view)
        return
    state = form("report", row.id, view.version)
    prefix = state.prefix
    with st.form(prefix + "form", border=False):
        findings = st.text_area(t("visits.report.findings"), value=view.findings, key=prefix + "findings")
        answers = []
        for n, question in enumerate(view.questions, start=1):
            st.text(t("visits.report.question", n=n, text=question.text))
            answers.append(
                (
                    question.id,
                    st.text_area(
                        tm("visits.report.answer_n", n=n),
                        value=question.answer,
                        key=f"{prefix}answer_{question.id}",
                    ),
                )
            )
        state.slot("visits.report.answer")  # a missing answer is said under the answers
        good_models = st.text_area(
            t("visits.report.good_models"), value=view.good_models, key=prefix + "good"
        )
        difficulties = st.text_area(
            t("visits.report.difficulties"), value=view.difficulties, key=prefix + "difficulties"
        )
        proposals = st.text_area(
            t("visits.report.proposals"),
            value="\n".join(view.proposals),
            key=prefix + "proposals",
            help=t("visits.one_per_line"),
        )
        state.slot()
        draft_col, send_col = st.columns(2)
        save_draft = draft_col.form_submit_button(
            t("visits.report.save_draft"), key=prefix + "draft", width="stretch"
        )
        send = send_col.form_submit_button(
            t("visits.report.send"), type="primary", key=prefix + "send", width="stretch"
        )
    show_flash("report")  # "draft saved": under the buttons
    if not (save_draft or send):
        return
    entry = reports.ReportInput(
        findings, good_models, difficulties, tuple(proposals.splitlines()), tuple(answers)
    )
    save(
        lambda s: reports.save_report(s, me, row.id, entry, state.version, state.submission_id, submit=send),
        done=tm("visits.report.sent" if send else "visits.report.saved", trip=trip_label(row)),
        spot="report",
        form=state,
    )


REPORT_SHOWN = "_report_trip_shown"  # the id of the trip whose report the section shows


def show_report(view: reports.ReportView) -> None:
    """A report that can no longer be changed, as plain text."""
    for label, text in (
        ("visits.report.findings", view.findings),
        ("visits.report.good_models", view.good_models),
        ("visits.report.difficulties", view.difficulties),
        ("visits.report.proposals", "\n".join(view.proposals)),
    ):
        st.markdown(f"**{t(label)}**")
        st.text(text or "—")
    for n, question in enumerate(view.questions, start=1):
        st.markdown(f"**{tm('visits.report.answer_n', n=n)}**")
        st.text(question.text)
        st.text(question.answer or "—")


def register() -> None:
    show_flash("registration")
    quarters = registrations.quarters_shown(year, today)
    # The quarters still waiting to be registered are told whichever year is shown.
    now = registrations.quarters_shown(today.year, today)
    asked = list(dict.fromkeys(quarters + [yq for yq in now if registrations.is_open(*yq, today)]))
    registered = data.read(registrations.list_for_cadre, me, me.cadre_id, asked, today, cached=False)
    table(
        quarters,
        {
            "visits.reg.quarter": lambda yq: formatting.quarter(*yq),
            "visits.col.state": lambda yq: (
                t(f"registration_state.{registered[yq].state}")
                if yq in registered
                else t("visits.reg.missing")
            ),
            "visits.reg.planned_days": lambda yq: (
                str(registered[yq].planned_days) if yq in registered else "—"
            ),
        },
    )
    missing = [(y, q) for y, q in asked if (y, q) not in registered and registrations.is_open(y, q, today)]
    if missing:
        st.warning(
            tm("visits.reg.unregistered", quarters=", ".join(formatting.quarter(y, q) for y, q in missing))
        )
    choices = [
        (y, q)
        for y, q in quarters
        if registrations.is_open(y, q, today) and ((y, q) not in registered or registered[(y, q)].editable)
    ]
    if not choices:
        st.info(t("visits.reg.nothing_open"))
        return
    chosen = st.selectbox(
        t("visits.reg.quarter"),
        choices,
        key="reg_quarter",
        format_func=lambda yq: formatting.quarter(*yq),
        placeholder=t("common.choose"),
    )
    existing = registered.get(chosen)
    state = form("registration", chosen, existing.version if existing else 0)
    prefix = state.prefix
    with st.form(prefix + "form", border=False):
        days = st.number_input(
            t("visits.reg.planned_days"),
            min_value=0,
            max_value=quarter_window(*chosen).days,
            value=existing.planned_days if existing else None,
            key=prefix + "days",
        )
        where = st.text_area(
            t("visits.reg.places"), value=existing.places if existing else "", key=prefix + "places"
        )
        content = st.multiselect(
            t("visits.field.content_types"),
            CONTENT_TYPES,
            format_func=content_label,
            default=list(existing.content_types) if existing else None,
            key=prefix + "content",
            placeholder=t("visits.choose"),
            select_all=False,  # its label is English only
        )
        questions = st.text_area(
            t("visits.reg.questions"),
            value=existing.questions if existing else "",
            key=prefix + "questions",
            help=t("visits.one_per_line"),
        )
        state.slot()
        submitted = st.form_submit_button(
            t("visits.reg.update" if existing else "visits.reg.send"), type="primary", key=prefix + "save"
        )
    if not submitted:
        return
    entry = registrations.RegistrationInput(chosen[0], chosen[1], days, where, tuple(content), questions)
    save(
        lambda s: registrations.save(
            s, me, me.cadre_id, entry, state.submission_id, existing.id if existing else None, state.version
        ),
        done=tm("visits.reg.saved", quarter=formatting.quarter(*chosen)),
        spot="registration",
        form=state,
    )


SECTIONS = {"progress": show_progress, "trip": record_trip, "report": write_report, "registration": register}
shown = section_picker({code: t(f"visits.tab.{code}") for code in SECTIONS})
SECTIONS[shown]()
