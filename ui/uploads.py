"""Uploads: each kind of file the app takes, and its size cap, declared once here.

The cap a widget states (Streamlit draws "Limit … per file" from `max_upload_size`, and the
label says it in the reader's language) is the cap checked here, on the server, against the
file as received: the widget's own check runs only in the browser, which a client can skip.
Streamlit's global `server.maxUploadSize` (.streamlit/config.toml) is the largest kind's
cap, the one the server enforces while the bytes arrive; tests/pages/test_admin.py holds
the three to the same numbers.

An uploaded file is held in the server's memory (docs/deployment.md) and a page reruns at
every click: what is made of a file (a roster read, a backup checked) is made once per file
and kept in the session, keyed by the file, until another file replaces it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from core import backup, limits
from core.attachments import OFFERED
from core.errors import DomainError
from core.roster_import import reading
from ui.text import tm

T = TypeVar("T")
MB = 1024 * 1024


@dataclass(frozen=True)
class UploadKind:
    name: str
    max_mb: int
    types: tuple[str, ...] | None = None  # the extensions offered (the content is checked anyway)
    # Whether a kept result is keyed by a digest of the content (cheap for small files), or by
    # Streamlit's id of the upload and its size (a digest of 200 MB at every rerun is not).
    by_digest: bool = True

    @property
    def max_bytes(self) -> int:
        return self.max_mb * MB


ROSTER = UploadKind("roster", reading.MAX_BYTES // MB, ("xlsx", "csv"))
BACKUP = UploadKind("backup", backup.MAX_MB, by_digest=False)
# Past trips (core.trips_import, given this cap as its Limits.max_bytes): a workbook of 100,000
# trips is about 7 MB; the shell (`python -m seed --trips`) takes larger histories.
TRIPS = UploadKind("trips", 20, ("xlsx", "csv"))
# A file attached to a trip or its report (core.attachments checks it again, by content).
ATTACHMENT = UploadKind("attachment", limits.ATTACHMENT_BYTES // MB, OFFERED)
KINDS = (ROSTER, BACKUP, TRIPS, ATTACHMENT)
# What .streamlit/config.toml's server.maxUploadSize must be.
LARGEST_MB = max(k.max_mb for k in KINDS)


def uploader(kind: UploadKind, label: str, *, key: str):
    """A file uploader stating `kind`'s cap, and the file if it is within it (else the
    refusal, naming the cap, and None). With no file, what was kept of the last is dropped."""
    upload = st.file_uploader(
        tm("upload.label", label=label, limit=kind.max_mb),
        type=kind.types,
        key=key,
        max_upload_size=kind.max_mb,
    )
    if upload is None:
        st.session_state.pop(_slot(kind), None)
        return None
    if upload.size > kind.max_bytes:
        st.session_state.pop(_slot(kind), None)
        st.error(tm("upload.too_big", name=upload.name, limit=kind.max_mb))
        return None
    return upload


def _slot(kind: UploadKind) -> str:
    return f"_upload_{kind.name}"


def once(kind: UploadKind, upload, make: Callable[[object], T]) -> T:
    """`make(upload)`, computed once for this file and kept in the session (one file per
    kind); a refusal (DomainError) is kept too and raised again at each rerun."""
    key = hashlib.sha256(upload.getvalue()).hexdigest() if kind.by_digest else (upload.file_id, upload.size)
    kept = st.session_state.get(_slot(kind))
    if kept is None or kept[0] != key:
        try:
            value = make(upload)
        except DomainError as exc:
            value = exc
        kept = (key, value)
        st.session_state[_slot(kind)] = kept
    if isinstance(kept[1], DomainError):
        raise kept[1]
    return kept[1]
