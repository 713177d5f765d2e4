"""The money on screen: funding spent in the window per ban and in total, against the budgets
pro-rated to the window (core.funding), on /progress and /review; and the editor of a year's
budgets per ban (with the year's policy on /admin, and for the office leadership on /review)."""

from __future__ import annotations

import streamlit as st

from core import actions, formatting, funding, policy, roster
from core.funding import Funding
from core.i18n import t
from core.periods import Window, year_window
from core.permissions import Actor, can
from ui import data
from ui.forms import form, save, show_flash
from ui.text import md, tm
from ui.widgets import table


def _amount(value: int | None) -> str:
    return "–" if value is None else formatting.vnd(value)


def _share(ratio: float | None) -> str:
    return "–" if ratio is None else formatting.percent(ratio)


def funding_section(window: Window, ban_id: int | None = None, *, key: str = "funding") -> None:
    """Spent against the pro-rated budget: the office's (or the chosen ban's) total in large,
    then one row a ban."""
    spent = data.read(funding.funding, window)
    rows = [b for b in spent.bans if ban_id is None or b.ban_id == ban_id]
    shown = Funding(window, tuple(rows))
    days = (window.end - window.start).days + 1
    if window.start.year == window.end.year:
        year = year_window(window.start.year)
        year_days = (year.end - year.start).days + 1
        st.caption(
            tm("funding.caption", days=formatting.number(days), year_days=formatting.number(year_days))
        )
    else:  # each year's budget by the share of its days the window holds
        st.caption(t("funding.caption_years"))
    if shown.budget is None:
        st.info(t("funding.no_budget"))
    left, middle, right = st.columns(3)
    left.metric(t("funding.headline"), md(formatting.vnd(shown.spent)))
    middle.metric(t("funding.budget"), md(_amount(shown.budget)))
    right.metric(t("funding.share"), md(_share(shown.share)))
    if shown.budget is not None:
        # Said in words: a metric's delta arrow reads "-140.723.288 đ" as a rise.
        left_over = shown.budget - shown.spent
        note = "funding.left_note" if left_over >= 0 else "funding.over_note"
        right.caption(tm(note, amount=formatting.vnd(abs(left_over))))
    table(
        rows,
        {
            "common.ban": "name",
            "funding.spent": lambda b: formatting.vnd(b.spent),
            "funding.budget": lambda b: _amount(b.budget),
            "funding.share": lambda b: _share(b.share),
            "funding.left": lambda b: _amount(None if b.budget is None else b.budget - b.spent),
        },
        key=key,
        height=(len(rows) + 1) * 35 + 3,  # every ban in view, no scrolling inside the table
    )


def budget_editor(me: Actor, year: int, *, key: str = "budgets", title: bool = True) -> None:
    """The year's budget per active ban, typed in VND with its thousands ("270.000.000"; empty:
    none); saved together."""
    if not can(me, actions.BUDGET_SET):
        return
    show_flash(key)
    current = dict(data.read(policy.for_year, year, cached=False).ban_budgets)
    bans = data.read(roster.bans)
    state = form(key, year)
    with st.form(f"{key}_{year}"):
        if title:
            st.markdown(f"**{tm('policy.budgets', year=year)}**")
        st.caption(t("policy.budgets_hint"))
        columns = st.columns(2)
        # Text with the thousands written ("270.000.000"): a number input shows 270000000.
        given = {
            b.id: columns[n % 2].text_input(
                md(b.name),
                value=formatting.number(current[b.id]) if current.get(b.id) else "",
                placeholder="0",
                key=f"{state.prefix}{b.id}",
            )
            for n, b in enumerate(bans)
        }
        state.slot()
        if st.form_submit_button(t("common.save")):
            save(
                lambda s: policy.save_budgets(s, me, year, given),
                done=tm("policy.budgets_saved", year=year),
                spot=key,
                form=state,
            )
