"""Forms: what a form keeps between reruns, the one way a page writes, and the message shown
after a save.

A page draws a form with `form(kind, record, version)`: the state holds the form's
submission id (minted when it is first drawn, so a second click or a retry stores one row)
and the version of the record as it was when the form was opened. Both are kept until the
form is saved or reopened on another record; the version is not read again on each rerun,
so a record changed by someone else in between is refused on save (a Conflict) instead of
overwritten.

A page writes with `save(write, ...)`: `write(session)` calls a core service inside one
write transaction, after the session's account has been read again in that transaction
(ui.guard: a deactivated or changed account writes nothing, and the whole app runs again); a refusal is shown under the field it names (or above the form's
buttons); a success is flashed, to be shown after the rerun that follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import streamlit as st

from core.errors import DomainError, ValidationError
from core.submissions import new_id
from db.session import writing
from ui import guard
from ui.text import error_messages, error_text

T = TypeVar("T")

_FORMS = "_forms"  # kind -> what that form keeps between reruns
_FLASH = "_flash"  # spot -> [(kind of message, text)] to show after the next rerun


@dataclass
class FormState:
    """One form as drawn now. `prefix` starts its widget keys: a new one after each save,
    so the widgets start empty (or from the stored record) again."""

    kind: str
    record: str
    generation: int
    submission_id: str
    version: object
    _slots: dict = field(default_factory=dict, repr=False)

    @property
    def prefix(self) -> str:
        return (
            f"{self.kind}_{self.record}_{self.generation}_"
            if self.record
            else f"{self.kind}_{self.generation}_"
        )

    def slot(self, field_key: str = "") -> None:
        """Where the errors about `field_key` (a field's label key) will show, if a save is
        refused: call it right under the field. `slot()` is the place of the errors about
        the form as a whole, or a field given no place: above the buttons."""
        self._slots[field_key] = st.container()

    def show_error(self, exc: DomainError) -> None:
        general = self._slots.get("")
        if isinstance(exc, ValidationError):
            # Each error's text with its params (which may quote what was typed) escaped.
            for error in exc.errors:
                (self._slots.get(error.field) or general or st).error(error_text(error))
        else:
            for message in error_messages(exc):
                (general or st).error(message)

    def saved(self) -> None:
        """After a save: the next draw is a fresh form, with a new id, on the version then read."""
        st.session_state[_FORMS][self.kind] = {
            "record": None,
            "generation": self.generation + 1,
            "submission_id": None,
            "version": None,
        }


def form(kind: str, record: object = "", version: object = None) -> FormState:
    """The state of the form `kind` open on `record` (an id, or "" for a new row), which was at
    `version` when the form was opened. Another record, or a save, opens it again."""
    forms = st.session_state.setdefault(_FORMS, {})
    record = "_".join(map(str, record)) if isinstance(record, tuple) else str(record)
    kept = forms.get(kind)
    if kept is None or kept["record"] != record:
        kept = {
            "record": record,
            "generation": kept["generation"] if kept else 0,
            "submission_id": new_id(),
            "version": version,
        }
        forms[kind] = kept
    return FormState(kind, record, kept["generation"], kept["submission_id"], kept["version"])


class _NoLongerSignedIn(Exception):
    """The session's account was deactivated, changed or its sessions ended: write nothing."""


def save(
    write: Callable[..., T],
    *,
    done: str | Callable[[T], str | None] | None = None,
    spot: str = "",
    kind: str = "success",
    form: FormState | None = None,
    then: Callable[[T], None] | None = None,
) -> None:
    """`write(session)` in one write transaction, then: on a refusal its messages, under the
    fields of `form` they name, and nothing written; on success `form` reopened, `then(result)`,
    the message `done` (or `done(result)`) flashed at `spot`, and a rerun."""
    try:
        with writing() as session:
            # The account is read again in the write's own transaction: a write from a
            # fragment's rerun, or one racing a deactivation, does not act on a stale login.
            if not guard.holds(session):
                raise _NoLongerSignedIn()
            result = write(session)
    except _NoLongerSignedIn:
        guard.rerun_app()  # nothing written; app.py logs out, or draws the account as it is now
        return
    except DomainError as exc:
        (form or FormState("", "", 0, "", None)).show_error(exc)
        return
    if form is not None:
        form.saved()
    if then is not None:
        then(result)
    message = done(result) if callable(done) else done
    if message:
        flash(spot, message, kind)  # markdown: `done` is checked at the calls of save
    st.rerun()


def show_error(exc: DomainError) -> None:
    """A refusal met outside a form (a read of another person's data, say), where it happens."""
    FormState("", "", 0, "", None).show_error(exc)


def flash(spot: str, message: str, kind: str = "success") -> None:
    """Keep `message` to be shown once at `spot`, after the rerun that follows a save. It is
    shown as Markdown: user text in it goes through ui.text (`tm`, `md`)."""
    st.session_state.setdefault(_FLASH, {}).setdefault(spot, []).append((kind, message))


def show_flash(spot: str = "") -> None:
    """The messages kept for `spot`, shown once."""
    for kind, message in st.session_state.get(_FLASH, {}).pop(spot, []):
        getattr(st, kind)(message)  # markdown: checked at the calls of flash and save


def close(kind: str) -> None:
    """The form `kind` is no longer on screen (its toggle was turned off, say): opened again, it
    starts on the record as it is then."""
    st.session_state.get(_FORMS, {}).pop(kind, None)
