"""The person behind this browser session, read again from the database before anything of
theirs is drawn or written by a run that did not go through app.py.

app.py reads the account at every full run (ui.auth.authenticate) and logs out a deactivated
account or one whose sessions were ended. A fragment's rerun (the meeting view's refresh
every few seconds, a click inside the fragment) runs only the fragment: so every fragment of
the app is made with `fragment(...)` below, and every write goes through ui.forms.save, which
asks `holds(session)` inside its own transaction. Either way, when the account is gone, no
longer active, its sessions ended, or it changed (its roles, its cadre, its ban), nothing
more is drawn or written and the whole app runs again: app.py then logs the person out, or
draws the pages of the account as it is now.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.errors import DomainError
from core.permissions import Actor
from db.session import reading
from ui import auth
from ui.text import error_messages

ACTOR = "actor"  # where app.py keeps the actor of the run (ui.widgets.actor())
# The actor app.py read in this full run (`read_by_app`): a fragment drawn within that run
# takes it as it is, where a fragment's own rerun reads the account again.
_read_by_app: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("read_by_app", default=None)


def read_by_app(actor: Actor) -> None:
    """app.py has just read `actor` from the database (ui.auth.authenticate), in this full run."""
    _read_by_app.set(actor)


def _read_in_this_run() -> bool:
    """Was the actor of the session read by app.py in this very run? Only in a full run (a
    fragment's rerun does not run app.py), and only the object app.py left in the session
    state: a run of the same thread before this one left another."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or ctx.fragment_ids_this_run:
        return False
    kept = st.session_state.get(ACTOR)
    return kept is not None and _read_by_app.get() is kept


def _same(fresh: Actor, kept: Actor | None) -> bool:
    """Does the account still give the rights the pages were drawn with?"""
    return kept is not None and (
        fresh.account_id,
        fresh.username,
        fresh.roles,
        fresh.cadre_id,
        fresh.ban_id,
    ) == (kept.account_id, kept.username, kept.roles, kept.cadre_id, kept.ban_id)


def holds(session) -> bool:
    """May this browser session still act as the actor its pages were drawn for? Read through
    `session`, so a write can ask it in its own transaction."""
    fresh = auth.signed_in_actor(session)
    if fresh is None or not _same(fresh, st.session_state.get(ACTOR)):
        return False
    st.session_state[ACTOR] = fresh
    return True


def rerun_app() -> None:
    """Stop here, and run the whole app again (app.py checks the account and logs out)."""
    st.rerun(scope="app")


def current() -> Actor:
    """The actor re-read now. If this session may no longer act as it, nothing after this
    call runs: the whole app runs again instead. Within a full run app.py has read it already
    (one read of the account per run, not two)."""
    if _read_in_this_run():
        return st.session_state[ACTOR]
    with reading() as session:
        ok = holds(session)
    if not ok:
        rerun_app()
    return st.session_state[ACTOR]


def fragment(body: Callable[..., None], *, run_every: float | None = None) -> Callable[..., None]:
    """`st.fragment(body, run_every=…)` for the pages: each run of the fragment, whether the
    page's run, its own refresh or a click inside it, first re-reads the actor (`current()`)
    and calls `body(actor, *args)` with it; if the account was deactivated, lost a role or had
    its sessions ended, the body is not drawn and the whole app runs again."""

    @functools.wraps(body)  # the fragment's identity is its body's module and name
    def checked(*args, **kwargs):
        actor = current()
        with refusals_shown():
            body(actor, *args, **kwargs)

    return st.fragment(checked, run_every=run_every)


@contextlib.contextmanager
def refusals_shown():
    """A refusal of core (a permission, a row gone, a conflict) that no page caught is shown as
    its message in the reader's language, where it happened, never as a traceback."""
    try:
        yield
    except DomainError as exc:
        for message in error_messages(exc):
            st.error(message)


def run_page(page) -> None:
    """Run the page chosen by the navigation (app.py), its uncaught refusals shown as messages."""
    with refusals_shown():
        page.run()
