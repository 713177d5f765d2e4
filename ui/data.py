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
import pickle
import threading
import time

import cachetools
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

        def kept():
            with _results_lock:
                return _results.get(key, _MISSING)

        def compute_and_keep():
            with reading(url) as session:
                value = function(session, *args)
            if isinstance(value, list):
                value = tuple(value)
            with _results_lock:
                _results[key] = value
            return value

        value = _once(key, kept, compute_and_keep)
    return value


# Sessions asking for the same missing entry at the same moment wait for the first to compute
# it rather than each computing it: after a write, a meeting's projectors all miss the cache at
# their next refresh, and a hundred people opening the link together all miss it at once.
_computing: dict[tuple, threading.Lock] = {}
_computing_lock = threading.Lock()


def _once(key: tuple, kept, compute_and_keep):
    """`kept()` if it is there by the time this session's turn comes, else `compute_and_keep()`:
    one session at a time computes `key`, the others take what it kept. If it fails, the next
    one tries in turn."""
    with _computing_lock:
        gate = _computing.setdefault(key, threading.Lock())
    try:
        with gate:
            value = kept()
            if value is _MISSING:
                value = compute_and_keep()
    finally:
        with _computing_lock:
            if _computing.get(key) is gate:
                del _computing[key]
    return value


def cached() -> list[tuple[tuple, object]]:
    """What the cache holds now: ((function, url, data version, digest), value) pairs."""
    with _results_lock:
        return list(_results.items())


# A chart's spec per set of rows, shared by every session like the reads above. Its datasets
# are kept as the Arrow bytes Streamlit sends (st.vega_lite_chart converts rows to Arrow on
# every call, but passes bytes through): the conversion was most of a projector's refresh.
# Streamlit copies the spec's top level before taking the datasets out, and changes nothing
# below it (tests/pages/test_progress_cache.py checks that a cached spec stays as built).
_specs: cachetools.TTLCache = cachetools.TTLCache(maxsize=256, ttl=CACHE_TTL_SECONDS)
# The rows a page hands over are, on a refresh, the very objects the cache above gave it: a
# chart of the same objects is found without pickling them again for a digest.
_specs_by_identity: cachetools.TTLCache = cachetools.TTLCache(maxsize=256, ttl=CACHE_TTL_SECONDS)
_specs_lock = threading.Lock()


def _build_spec(function, args: tuple) -> dict:
    from streamlit import dataframe_util

    from core.charts import spec

    built = spec(function(*args))
    datasets = built.get("datasets")
    if datasets:
        built["datasets"] = {
            name: rows if isinstance(rows, bytes) else dataframe_util.convert_anything_to_arrow_bytes(rows)
            for name, rows in datasets.items()
        }
    return built


# Compared by value where the others are compared as objects: a session's language or a flag
# is an equal value, not the same object, in each session (the language comes from its
# address), and a new session would otherwise pickle the rows for a digest.
_PLAIN = (str, int, float, bool, type(None))


def _identities(args: tuple) -> tuple:
    return tuple((type(a), a) if isinstance(a, _PLAIN) else id(a) for a in args)


def chart(function, *args) -> dict:
    """The Vega-Lite spec of the core.charts chart `function(*args)`, built once for the same
    rows and language: a projector refreshing every few seconds redraws it without rebuilding.
    The rows are keyed by a digest of their pickle (Streamlit's own hashing of a hundred
    dataclasses costs more than the chart), or by the objects themselves when the same ones
    come again (a cached read gives every session the same rows). Each caller gets its own
    top-level dict (Streamlit takes the datasets out of it)."""
    path = _path(function)
    by_identity = (path, _identities(args))
    with _specs_lock:
        seen = _specs_by_identity.get(by_identity)
    if seen is not None and all(a is b for a, b in zip(seen[0], args) if not isinstance(b, _PLAIN)):
        return dict(seen[1])
    key = (path, _digest(args))

    def kept():
        with _specs_lock:
            return _specs.get(key, _MISSING)

    def compute_and_keep():
        built = _build_spec(function, args)
        with _specs_lock:
            _specs[key] = built
        return built

    built = kept()
    if built is _MISSING:
        built = _once(("chart", *key), kept, compute_and_keep)
    with _specs_lock:
        _specs_by_identity[by_identity] = (args, built)  # the args kept alive: their ids stay theirs
    return dict(built)
