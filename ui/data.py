"""Cached reads of office-wide figures.

A cached result is keyed on the database's data version, which every write bumps (see
db/session.py): a write made through any app server is seen by every server's next read,
and the ttl bounds how long an unused entry lives. Only functions whose result does not
depend on who asks may be read through here; per-person data is read uncached, after the
permission check in core.
"""

from __future__ import annotations

import hashlib
import importlib
import pickle

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
    with reading(url) as session:
        return _resolve(function_path)(session, *args)


def _resolve(function_path: str):
    module, name = function_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def _path(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def read(function, *args):
    """`function(session, *args)`, cached until the next write anywhere."""
    url = database_url()
    return _cached(_path(function), url, data_version(url), args)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _chart_spec(function_path: str, digest: str, _args: tuple) -> dict:
    from core.charts import spec

    return spec(_resolve(function_path)(*_args))


def chart(function, *args) -> dict:
    """The Vega-Lite spec of the core.charts chart `function(*args)`, built once for the same
    rows and language: a projector refreshing every few seconds redraws it without rebuilding.
    The rows are keyed by a digest of their pickle (Streamlit's own hashing of a hundred
    dataclasses costs more than the chart)."""
    return _chart_spec(_path(function), hashlib.sha256(pickle.dumps(args)).hexdigest(), args)
