"""ui.data: cached reads see every write, at once after this process's own."""

import datetime as dt

from sqlalchemy import update

from core import progress, review_queue, roster
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
        expected = [progress.office_participation(s, w) for w in (two_months, year)]
    assert expected[0] != expected[1]
    assert [data.read(progress.office_participation, w) for w in (two_months, year)] == expected


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
