"""What waits for the user ("Việc cần làm", core.todo) at the top of their first page, each
line a link to the place to act; and, in the sidebar, the user's own choice of reminder mails
(core.reminders)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from core import reminders, todo
from core.i18n import t
from core.pages import named
from core.permissions import Actor, pages_for
from core.vocabulary import MAIL_MODES
from ui import data
from ui.forms import form, save, show_flash
from ui.text import md, tm

ICONS = {
    todo.Kind.REPORT_DUE: ":material/schedule:",
    todo.Kind.REPORT_OVERDUE: ":material/warning:",
    todo.Kind.REPORT_RETURNED: ":material/undo:",
    todo.Kind.REGISTRATION_MISSING: ":material/edit_calendar:",
    todo.Kind.TRIP_PASSED: ":material/event_busy:",
    todo.Kind.REPORT_WAITING: ":material/fact_check:",
    todo.Kind.REGISTRATION_WAITING: ":material/how_to_reg:",
    todo.Kind.CADRE_BEHIND: ":material/trending_down:",
    todo.Kind.BAN_WAITING: ":material/inbox:",
    todo.Kind.BAN_BEHIND: ":material/trending_down:",
    todo.Kind.NO_ADDRESS: ":material/unsubscribe:",
}
ROOT = Path(__file__).resolve().parents[1]


def todo_list(me: Actor, today: dt.date | None = None) -> None:
    """The list, cached per user until the next write anywhere (ui.data)."""
    waiting = data.read(todo.for_actor, me, today or dt.date.today())
    with st.container(border=True, key="todo"):
        st.markdown(f"**{t('todo.title')}**")
        if not waiting.total:
            st.caption(t("todo.nothing"))
            return
        allowed = set(pages_for(me))
        for item in waiting.items:
            if item.page not in allowed:  # an account whose roles do not open that page: told, not linked
                st.markdown(md(todo.describe(item)))
                continue
            # The page's file by its absolute path: the link is the same whatever script draws it.
            st.page_link(
                ROOT / named(item.page).script,
                label=md(todo.describe(item)),
                icon=ICONS.get(item.kind),
                query_params=dict(item.query),
            )
        if waiting.more:
            st.caption(tm("todo.more", more=waiting.more))


MAIL_PREFS = "mail_prefs"  # the sidebar's expander of mails: open or not, kept by Streamlit


def mail_choice(me: Actor) -> None:
    """The user's address and which mails they want, in a small expander of the sidebar. Its
    form is drawn and its choice read only while it is open: every run of every page draws the
    sidebar, and a closed form cost seven of its messages and a read (docs/performance.md)."""
    box = st.sidebar.expander(t("mail.prefs"), key=MAIL_PREFS, on_change="rerun")
    if not box.open:
        return
    choice = data.read(reminders.own_choice, me)
    with box:
        show_flash("mail_choice")
        state = form("mail_choice", me.account_id)
        with st.form("mail_choice_form", border=False):
            email = st.text_input(
                t("mail.address"), value=choice.email, help=t("mail.address_help"), key=state.prefix + "email"
            )
            state.slot("mail.address")
            if not choice.email:
                st.caption(
                    tm("mail.roster_address", email=choice.roster_email)
                    if choice.roster_email
                    else t("mail.no_address")
                )
            mode = st.radio(
                t("mail.mode"),
                MAIL_MODES,
                index=MAIL_MODES.index(choice.mode) if choice.mode in MAIL_MODES else 0,
                format_func=lambda m: t(f"mail.mode.{m}"),
                key=state.prefix + "mode",
            )
            state.slot()
            if st.form_submit_button(t("mail.save")):
                save(
                    lambda s: reminders.set_own_choice(s, me, email, mode),
                    done=t("mail.saved"),
                    spot="mail_choice",
                    form=state,
                )
