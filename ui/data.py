"""Cached reads of office-wide figures.

A cached result is keyed on the database's data version, which every write bumps (see
db/session.py): a write made through any app server is seen by every server's next read,
and the ttl bounds how long an unused entry lives. Only functions whose result does not
depend on who asks may be read through here; per-person data is read uncached, after the
permission check in core.
"""

from __future__ import annotations

import importlib

import streamlit as st
from sqlalchemy import select

from db.models import DataVersion
from db.session import database_url, reading

CACHE_TTL_SECONDS = 300


def data_version(url: str | None = None) -> int:
    with reading(url) as session:
        return session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=1024)
def _cached(function_path: str, url: str, version: int, args: tuple):
    module, name = function_path.rsplit(".", 1)
    function = getattr(importlib.import_module(module), name)
    with reading(url) as session:
        return function(session, *args)


def read(function, *args):
    """`function(session, *args)`, cached until the next write anywhere."""
    url = database_url()
    return _cached(f"{function.__module__}.{function.__qualname__}", url, data_version(url), args)
