"""Cached reads of office-wide figures.

A cached result is keyed on the database's data version, which every write bumps (see
db/session.py): a write made through any app server is seen by every server's reads from
VERSION_REUSE_SECONDS later on (at once after a write of this process), and the ttl bounds
how long an unused entry lives. A function whose result depends on who asks takes the
actor among its arguments: each reader then has entries of their own, made by core's
permission check on the first read.
"""

from __future__ import annotations

import hashlib
import importlib
import pickle
import threading
import time

import streamlit as st
from sqlalchemy import select

from db import session as db_session
from db.models import DataVersion
from db.session import database_url, reading

CACHE_TTL_SECONDS = 300
# A page makes a dozen cached reads in a run: they share one look at the data version.
VERSION_REUSE_SECONDS = 0.5

_versions: dict[str, tuple[float, int, int]] = {}  # url -> (when read, commits then, version)
_versions_lock = threading.Lock()


def data_version(url: str | None = None) -> int:
    url = url or database_url()
    now, commits = time.monotonic(), db_session.commits()
    seen = _versions.get(url)
    if seen and now - seen[0] < VERSION_REUSE_SECONDS and seen[1] == commits:
        return seen[2]
    with reading(url) as session:
        version = session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0
    with _versions_lock:
        _versions[url] = (now, commits, version)
    return version


def _digest(args: tuple) -> str:
    return hashlib.sha256(pickle.dumps(args)).hexdigest()


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=1024)
def _cached(function_path: str, url: str, version: int, digest: str, _args: tuple):
    with reading(url) as session:
        return _resolve(function_path)(session, *_args)


def _resolve(function_path: str):
    module, name = function_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def _path(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def read(function, *args):
    """`function(session, *args)`, cached until the next write anywhere. The arguments are
    keyed by a digest of their pickle, cheaper than Streamlit's own hashing of them."""
    url = database_url()
    return _cached(_path(function), url, data_version(url), _digest(args), args)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _chart_spec(function_path: str, digest: str, _args: tuple) -> dict:
    from core.charts import spec

    return spec(_resolve(function_path)(*_args))


def chart(function, *args) -> dict:
    """The Vega-Lite spec of the core.charts chart `function(*args)`, built once for the same
    rows and language: a projector refreshing every few seconds redraws it without rebuilding.
    The rows are keyed by a digest of their pickle (Streamlit's own hashing of a hundred
    dataclasses costs more than the chart)."""
    return _chart_spec(_path(function), _digest(args), args)
