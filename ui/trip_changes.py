"""Correcting and removing a trip, drawn alike wherever it is offered: on /visits for the
cadre's own trips, on /progress for the office leadership on any cadre's.

One picker of the trips the user may change (core.trip_changes.mode decides, and the service
asks again on save), then either the trip's form prefilled with every field as stored, or its
removal asking a reason and a confirmation. Both keep the version the trip was read at when
opened (ui.forms.form): a trip saved meanwhile by someone else is refused with "reload".
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core import formatting, policy, trip_changes, trip_list, trips
from core.activities import all_activities
from core.errors import DomainError, ValidationError
from core.i18n import t
from core.permissions import Actor, CadreRef
from core.vocabulary import CONTENT_TYPES
from ui import attachments as attached_files
from ui import data
from ui.day_field import TRIP_DAYS, day_field, day_pair
from ui.forms import form, save, show_error
from ui.place_picker import PickedPlace, place_picker
from ui.text import md, tm
from ui.widgets import table


def trips_table(rows: list[trip_list.TripRow], key: str) -> None:
    """A cadre's trips as a leader or an admin corrects them: each trip's content types named
    by its own year's policy, its state, its report and, if removed, why."""
    table(
        rows,
        {
            "progress.col.dates": lambda r: formatting.dates(r.start_date, r.end_date),
            "progress.col.place": "place",
            "progress.col.content": lambda r: "; ".join(
                data.read(policy.for_year, r.start_date.year).content_label(c) for c in r.content_types
            ),
            "common.days": "days",
            "progress.col.state": lambda r: t(f"trip_state.{r.state}"),
            "progress.col.report": lambda r: t(f"report_state.{r.report_state or 'none'}"),
            "trip_change.col.note": removal_note,
        },
        key=key,
    )


def trip_label(row: trip_list.TripRow) -> str:
    """A trip as the correction picker names it."""
    return f"{formatting.dates(row.start_date, row.end_date)} · {row.place}"


def removal_note(row: trip_list.TripRow) -> str:
    """What the cadre's history says of a removed trip: when, by whom and why."""
    if row.state != "removed":
        return ""
    return t(
        "trip_change.removed_note",
        date=formatting.date(row.removed_at.date()) if row.removed_at else "",
        who=row.removed_by,
        reason=row.removed_reason,
    )


def changeable(me: Actor, rows: list[trip_list.TripRow]) -> list[trip_list.TripRow]:
    """The trips of `rows` that `me` may correct or remove."""

    def may(row: trip_list.TripRow) -> bool:
        ref = CadreRef(row.cadre_id, row.ban_id)
        return any(
            trip_changes.mode(me, ref, row.state, row.report_state, change)
            for change in (trip_changes.EDIT, trip_changes.REMOVE)
        )

    return [r for r in rows if may(r)]


def picker(
    me: Actor,
    rows: list[trip_list.TripRow],
    label: Callable[[trip_list.TripRow], str],
    *,
    key: str,
    spot: str,
    files: bool = False,
) -> None:
    """Pick one of `rows` that `me` may change, then correct or remove it. `key` starts the
    widgets' keys; the message after a save is flashed at `spot`. With `files`, the trip's
    attached files are shown too (ui.attachments), with a remove button where `me` may remove
    them: whoever may remove a file sees what they remove."""
    rows = changeable(me, rows)
    if not rows:
        st.caption(t("trip_change.none"))
        return
    by_id = {r.id: r for r in rows}
    # Trips by id: a trip corrected moves in the list, and the choice must stay on it.
    chosen = st.selectbox(
        t("trip_change.pick"),
        list(by_id),
        index=None,
        key=f"{key}_trip",
        format_func=lambda i: label(by_id[i]),
        placeholder=t("common.choose"),
    )
    if chosen is None:
        return
    try:
        view = data.read(trip_changes.for_change, me, chosen, cached=False)
    except DomainError as exc:
        show_error(exc)
        return
    if files:
        attached_files.panel(me, chosen, key=f"{key}_files")
    changes = [c for c in (trip_changes.EDIT, trip_changes.REMOVE) if getattr(view, c)]
    change = st.segmented_control(
        t("trip_change.action"), changes, key=f"{key}_action", format_func=lambda c: t(f"trip_change.{c}")
    )

    def done(_) -> None:  # what was picked is changed now: pick again from the list as it is
        for widget in (f"{key}_trip", f"{key}_action"):
            st.session_state.pop(widget, None)

    if change == trip_changes.EDIT:
        edit_form(me, view, label(by_id[chosen]), key=key, spot=spot, then=done)
    elif change == trip_changes.REMOVE:
        remove_form(me, view, label(by_id[chosen]), key=key, spot=spot, then=done)


def _reason(state, required: bool, help_key: str) -> str:
    """The reason's field (marked when required), its errors right under it."""
    reason = st.text_area(
        t("trip_change.field.reason") + (" *" if required else ""),
        key=state.prefix + "reason",
        help=t(help_key),
    )
    state.slot("trip_change.field.reason")
    return reason


def edit_form(
    me: Actor,
    view: trip_changes.TripToChange,
    title: str,
    *,
    key: str,
    spot: str,
    then: Callable | None = None,
) -> None:
    """The trip's form, every field prefilled as stored."""
    state = form(f"{key}_edit", view.id, view.version)
    prefix = state.prefix
    stored = view.data
    year_policy = data.read(policy.for_year, stored.start_date.year)
    st.caption(tm("trip_change.keeps_state", state=t(f"trip_state.{view.state}")))
    # The dates and the place outside the form, as in the trip form (app_pages/visits.py): the
    # register offered follows the first day typed, the communes the province picked.
    start, end, bad_days = day_pair(
        state, TRIP_DAYS, (prefix + "start", prefix + "end"), (stored.start_date, stored.end_date)
    )
    place = place_picker(
        prefix, start or stored.start_date, PickedPlace(stored.province, stored.district, stored.commune)
    )
    for name in ("province", "district", "commune"):
        state.slot(f"visits.field.{name}")
    with st.form(prefix + "form", border=False):
        host_unit = st.text_input(
            t("visits.field.host_unit"), value=stored.host_unit, key=prefix + "host_unit"
        )
        state.slot("visits.field.host_unit")
        content = st.pills(
            t("visits.field.content_types"),
            CONTENT_TYPES,
            selection_mode="multi",
            default=list(stored.content_types),
            format_func=lambda code: md(year_policy.content_label(code)),  # pills read Markdown
            key=prefix + "content",
        )
        state.slot("visits.field.content_types")
        activities = all_activities()
        tags = st.multiselect(
            t("visits.field.tags"),
            activities + [a for a in stored.tags if a not in activities],
            default=list(stored.tags),
            key=prefix + "tags",
            accept_new_options=True,
            placeholder=t("visits.choose_or_add"),
            select_all=False,
        )
        questions = st.text_area(
            t("visits.field.questions"),
            value="\n".join(stored.questions),
            key=prefix + "questions",
            help=t("visits.one_per_line"),
        )
        state.slot("visits.field.questions")
        co_travellers = st.text_input(
            t("visits.field.co_travellers"), value=stored.co_travellers, key=prefix + "co"
        )
        funding = st.number_input(
            t("visits.field.funding"),
            min_value=0,
            step=100_000,
            value=stored.funding_vnd,
            key=prefix + "funding",
        )
        state.slot("visits.field.funding")
        order_no_col, order_date_col = st.columns(2)
        order_no = order_no_col.text_input(
            t("visits.field.travel_order_no"), value=stored.travel_order_no, key=prefix + "order_no"
        )
        order_date, bad_order = day_field(
            "visits.field.travel_order_date", prefix + "order_date", order_date_col, stored.travel_order_date
        )
        correction = view.edit == trip_changes.CORRECTION
        reason = _reason(
            state, correction, "trip_change.reason_required" if correction else "trip_change.reason_optional"
        )
        state.slot()
        submitted = st.form_submit_button(t("trip_change.save"), type="primary", key=prefix + "save")
    if not submitted:
        return
    if bad_days + bad_order:
        state.show_error(ValidationError(bad_days + bad_order))
        return
    entry = trips.TripInput(
        start_date=start,
        end_date=end,
        content_types=tuple(content or ()),
        tags=tuple(tags),
        questions=tuple(questions.splitlines()),
        co_travellers=co_travellers,
        funding_vnd=int(funding or 0),
        travel_order_no=order_no,
        travel_order_date=order_date,
        purpose=stored.purpose,
        host_unit=host_unit,
        **place._asdict(),
    )
    save(
        lambda s: trip_changes.edit(s, me, view.id, entry, state.version, reason),
        done=tm("trip_change.saved", trip=title),
        spot=spot,
        form=state,
        then=then,
    )


def remove_form(
    me: Actor,
    view: trip_changes.TripToChange,
    title: str,
    *,
    key: str,
    spot: str,
    then: Callable | None = None,
) -> None:
    """The removal: a reason, a confirmation, then the button."""
    state = form(f"{key}_remove", view.id, view.version)
    prefix = state.prefix
    reason = _reason(state, True, "trip_change.remove_reason_help")
    confirmed = st.checkbox(t("trip_change.confirm"), key=prefix + "confirm")
    state.slot()
    if st.button(t("trip_change.remove_button"), key=prefix + "remove", disabled=not confirmed):
        save(
            lambda s: trip_changes.remove(s, me, view.id, state.version, reason),
            done=tm("trip_change.removed", trip=title),
            spot=spot,
            form=state,
            then=then,
        )
