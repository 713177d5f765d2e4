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

import cachetools
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


def _resolve(function_path: str):
    module, name = function_path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def _path(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


# Every session that asks the same gets the same object: no copy on the way out, which
# st.cache_data makes by unpickling on every read, a cost a projector's refresh pays each
# time (docs/performance.md). So what is kept must be immutable: core's rows are frozen
# dataclasses of plain values and tuples, a list comes back as a tuple
# (tests/core/test_cached_reads.py checks every value the pages leave here).
#
# Once a newer data version is read, the entries of older ones are dropped: nobody asks for
# them again, and during a meeting where trips are being saved they would pile up until
# their ttl.
_results: cachetools.TTLCache = cachetools.TTLCache(maxsize=1024, ttl=CACHE_TTL_SECONDS)
_newest: dict[str, int] = {}  # url -> the newest data version read
_results_lock = threading.Lock()
_MISSING = object()


def read(function, *args, cached: bool = True):
    """`function(session, *args)`, cached until the next write anywhere. The arguments are
    keyed by a digest of their pickle, cheaper than Streamlit's own hashing of them.

    `cached=False` reads now, keeping nothing: what a form opens on (its version must be the
    record's as it is now) and the rows of one person, which nobody else asks for."""
    if not cached:
        with reading() as session:
            return function(session, *args)
    url = database_url()
    version = data_version(url)
    key = (_path(function), url, version, _digest(args))
    with _results_lock:
        if version > _newest.get(url, -1):
            _newest[url] = version
            for older in [k for k in _results.keys() if k[1] == url and k[2] < version]:
                del _results[older]
        value = _results.get(key, _MISSING)
    if value is _MISSING:
        with reading(url) as session:
            value = function(session, *args)
        if isinstance(value, list):
            value = tuple(value)
        with _results_lock:
            _results[key] = value
    return value


def cached() -> list[tuple[tuple, object]]:
    """What the cache holds now: ((function, url, data version, digest), value) pairs."""
    with _results_lock:
        return list(_results.items())


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
