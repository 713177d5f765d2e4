"""ui.data: cached reads see every write, at once after this process's own."""

import dataclasses
import datetime as dt
import decimal
import enum
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import update

from core import participation, review_queue, roster
from core.periods import Window
from db.models import Ban, DataVersion
from db.session import engine, reading, writing
from ui import data


def test_a_write_of_this_process_is_seen_by_the_next_read_at_once(demo_url):
    before = data.read(roster.bans)
    with writing(demo_url) as s:
        s.execute(update(Ban).where(Ban.id == before[0].id).values(name="Ban đổi tên"))
    assert data.read(roster.bans)[0].name == "Ban đổi tên"


def test_a_write_of_another_server_is_seen_once_the_version_is_read_again(demo_url, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(data.time, "monotonic", lambda: clock[0])
    first = data.data_version(demo_url)
    # Another app server's write: it bumps the version in the database, not this process's count.
    with engine(demo_url).begin() as conn:
        conn.execute(update(DataVersion).values(version=DataVersion.version + 1))
    clock[0] += data.VERSION_REUSE_SECONDS / 2
    assert data.data_version(demo_url) == first  # the reads of one page run share one look
    clock[0] += data.VERSION_REUSE_SECONDS
    assert data.data_version(demo_url) == first + 1


def test_each_set_of_arguments_has_its_own_entry(demo_url):
    two_months = Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31))
    year = Window(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    with reading(demo_url) as s:
        expected = [participation.office_participation(s, w) for w in (two_months, year)]
    assert expected[0] != expected[1]
    assert [data.read(participation.office_participation, w) for w in (two_months, year)] == expected


def test_what_depends_on_who_asks_is_cached_per_reader(demo_url, actor_of):
    office, leader = actor_of("lanhdao"), actor_of("truongban")
    with reading(demo_url) as s:
        expected = {a.username: review_queue.pending_reports(s, a) for a in (office, leader)}
    assert expected["lanhdao"] != expected["truongban"]
    for reader in (office, leader, office):
        assert data.read(review_queue.pending_reports, reader) == expected[reader.username]


def test_logging_in_and_choosing_a_language_leave_the_cached_figures_alone(app_as, demo_url):
    def version() -> int:
        with reading(demo_url) as s:
            return s.get(DataVersion, 1).version

    before = version()
    at = app_as("lanhdao", page="progress", query={"from": "2018-06-01", "to": "2018-07-31"})
    at.sidebar.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception and at.session_state["lang"] == "en"
    assert version() == before
    with writing(demo_url):
        pass
    assert version() == before + 1  # any other write: every cached read is made again


def _immutable(value) -> bool:
    if value is None or isinstance(value, (str, bytes, int, float, dt.date, enum.Enum, decimal.Decimal)):
        return True
    if isinstance(value, (tuple, frozenset)):
        return all(_immutable(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.__dataclass_params__.frozen and all(
            _immutable(getattr(value, f.name)) for f in dataclasses.fields(value)
        )
    return False


def _mutable_part(value):
    """Where a value is not immutable: the type, or the path to the first mutable field."""
    if isinstance(value, (tuple, frozenset)):
        return next(_mutable_part(item) for item in value if not _immutable(item))
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:
        field = next(f.name for f in dataclasses.fields(value) if not _immutable(getattr(value, f.name)))
        return f"{type(value).__name__}.{field}: {_mutable_part(getattr(value, field))}"
    return type(value).__name__


def test_every_value_the_pages_leave_in_the_cache_is_immutable(app_as):
    # The cache hands the same object to every session: one that changed it would change it
    # for everybody.
    window = {"from": "2018-06-01", "to": "2018-07-31"}
    for username, page, query in (
        ("lanhdao", "progress", window),
        ("lanhdao", "progress", {**window, "tab": "cadres"}),
        ("lanhdao", "progress", {**window, "tab": "places"}),
        ("lanhdao", "progress", {**window, "mode": "meeting"}),
        ("truongban", "progress", {**window, "ban": "TC"}),
        ("lanhdao", "review", window),
        ("lanhdao", "review", {**window, "tab": "proposals"}),
        ("lanhdao", "review", {**window, "tab": "meetings"}),
        ("lanhdao", "evaluations", {"year": "2018"}),
        ("canbo", "visits", {}),
        ("canbo", "visits", {"tab": "trip"}),
        ("canbo", "visits", {"tab": "report"}),
        ("canbo", "visits", {"tab": "registration"}),
        ("quantri", "admin", {}),
    ):
        assert not app_as(username, page=page, query=query).exception
    values = [value for _, value in data.cached()]
    assert len(values) >= 15
    assert sorted({_mutable_part(v) for v in values if not _immutable(v)}) == []


def test_entries_of_an_older_data_version_are_dropped_once_a_newer_one_is_read(demo_url):
    year = Window(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    data.read(roster.bans)
    data.read(participation.office_participation, year)
    with writing(demo_url):
        pass  # a write: a new data version
    data.read(roster.bans)
    versions = {key[2] for key, _ in data.cached() if key[1] == demo_url}
    assert versions == {data.data_version(demo_url)}


def test_sessions_asking_at_once_for_a_missing_entry_compute_it_once(demo_url):
    """After a write every projector misses the cache at its next refresh: the first computes,
    the others wait for it and get the very object it kept."""
    calls = []
    together = threading.Barrier(8)

    def slow_bans(session):
        calls.append(1)
        time.sleep(0.3)
        return roster.bans(session)

    def ask(_):
        together.wait()
        return data.read(slow_bans)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(ask, range(8)))
    assert len(calls) == 1
    assert all(r is results[0] for r in results)


def test_when_the_first_to_compute_fails_the_next_computes_in_its_turn(demo_url):
    calls = []
    together = threading.Barrier(4)

    def first_fails(session):
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.3)
            raise RuntimeError("the database went away")
        return roster.bans(session)

    def ask(_):
        together.wait()
        try:
            return data.read(first_fails)
        except RuntimeError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(ask, range(4)))
    failed = [r for r in results if isinstance(r, RuntimeError)]
    assert len(failed) == 1 and len(calls) == 2
    kept = data.read(first_fails)
    assert all(r is kept for r in results if not isinstance(r, RuntimeError))


@pytest.fixture
def digested(monkeypatch) -> list[tuple]:
    """The arguments of every digest ui.data takes (each one a pickling)."""
    seen = []
    digest = data._digest
    monkeypatch.setattr(data, "_digest", lambda args: seen.append(args) or digest(args))
    return seen


def test_a_new_session_finds_the_charts_without_pickling_their_rows(app_as, digested):
    """The meeting's link opened by one person after another: the charts are those of the
    first, found by their rows' objects (a cached read gives every session the same ones) and
    the plain values beside them (the language: an equal string, a new object in each
    session). Pickling the rows for a digest is what a new session would otherwise pay."""
    query = {"from": "2018-06-01", "to": "2018-07-31", "mode": "meeting", "lang": "vi"}
    assert not app_as("lanhdao", page="progress", query=query).exception
    digested.clear()  # from the second session on
    at = app_as("lanhdao", page="progress", query=query)
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 5
    assert [args for args in digested if any(isinstance(a, (tuple, list)) for a in args)] == []


def test_charts_of_equal_plain_values_and_the_same_rows_are_one_entry(demo_url, digested):
    """An equal language string (a new object) and the same rows find the kept spec without a
    digest; another language is another chart."""
    from core import charts, progress

    rows = data.read(
        progress.ban_progress, Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31)), dt.date(2018, 7, 31)
    )
    first = data.chart(charts.participation, rows, "vi", True)
    digested.clear()
    again = data.chart(charts.participation, rows, "".join(["v", "i"]), True)
    assert again == first and digested == []
    english = data.chart(charts.participation, rows, "en", True)
    assert english != first and len(digested) == 1
