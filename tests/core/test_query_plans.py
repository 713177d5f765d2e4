"""The dashboards' queries use the indexes on the tables that grow with history (trips, trip
days, proposals and the days kept per month and per day), never a full scan of them.

The SQL is captured as the core functions emit it (SQLAlchemy's before_cursor_execute), on a
synthetic office big enough for the planner to care (tests/bench/synthetic.py), with the
planner's statistics fresh, as in a running deployment; then each statement's plan is read
back: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (FORMAT JSON) on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from core import content_mix, funding, place_visits, progress, proposals, summary, trend
from core.accounts import load_actor
from core.periods import Window
from db.migrate import upgrade
from db.session import dispose_all, engine, reading
from tests.bench import synthetic
from tests.conftest import ENGINES
from tests.statements import statements_sent

D = dt.date
TODAY = D(2025, 1, 15)
WINDOW = synthetic.MEETING_WINDOW
WATCHED = ("trips", "trip_days", "proposals", "cadre_months", "ban_days")
_WATCHED = "|".join(WATCHED)


@pytest.fixture(scope="module", params=ENGINES)
def office(request, tmp_path_factory):
    """A migrated database holding a synthetic office of 400 cadres and 40,000 trips over
    eight years: the history an office keeps, in which a two-month window is a few percent."""
    if request.param == "postgresql":
        from tests.pg import drop_pg_database, new_pg_database

        url = new_pg_database(request.getfixturevalue("pg_server"))
        request.addfinalizer(lambda: drop_pg_database(url))
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('plans') / 'office.db'}"
    upgrade(url)
    dispose_all()
    synthetic.populate(url, cadres=400, trips=40_000, years=tuple(range(2017, 2025)))
    yield url
    dispose_all()


def captured(url: str, read) -> list[tuple[str, object]]:
    """The statements `read(session, actor)` sends to the database, with their parameters."""
    with reading(url) as session:
        actor = load_actor(session, "lanhdao")
        with statements_sent(url) as sent:
            read(session, actor)
    return [(sql, params) for sql, params in sent if re.search(rf"\b({_WATCHED})\b", sql)]


def full_scans(url: str, sql: str, params) -> list[str]:
    """The plan's full scans of the watched tables (an empty list when there are none)."""
    with reading(url) as session:
        conn = session.connection()
        if conn.dialect.name == "sqlite":
            plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
            return [line for line in plan if re.match(rf"SCAN ({_WATCHED})\b", line)]
        (document,) = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", params).one()
        return [
            f"Seq Scan on {node['Relation Name']}"
            for node in _nodes(document[0]["Plan"])
            if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in WATCHED
        ]


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def _ban_leader(actor):
    """The office leader `lanhdao` as the leader of the own ban only."""
    return dataclasses.replace(actor, roles=frozenset({"ban_leader"}))


READS = {
    "headline": lambda s, a: progress.headline(s, WINDOW, TODAY),
    "ban_progress": lambda s, a: progress.ban_progress(s, WINDOW, TODAY),
    "content_mix": lambda s, a: content_mix.content_mix(s, WINDOW),
    "ban_detail": lambda s, a: progress.ban_detail(s, a, WINDOW, 1, TODAY),
    "places_visited": lambda s, a: place_visits.places_visited(s, WINDOW),
    "provinces_visited": lambda s, a: place_visits.provinces_visited(s, WINDOW),
    "places_not_visited": lambda s, a: place_visits.places_not_visited(s, WINDOW),
    "absentees": lambda s, a: summary.absentees(s, WINDOW),
    # The funding per ban: one range of the days kept per day and ban, summed.
    "funding": lambda s, a: funding.funding(s, WINDOW),
    # Whole months read the days kept per month, the days around them the trip days.
    "absentees_around_months": lambda s, a: summary.absentees(s, Window(D(2024, 5, 20), D(2024, 7, 10))),
    "highlights": lambda s, a: summary.highlights(s, a, WINDOW),
    "proposals": lambda s, a: proposals.proposals_for(s, a, WINDOW),
    "proposal_page": lambda s, a: proposals.proposal_page(s, a, WINDOW, 2),
    "proposal_counts": lambda s, a: proposals.proposal_counts(s, a, WINDOW),
    # A ban's leader reads the own ban's reports: the same reads, filtered by ban.
    "highlights_of_a_ban": lambda s, a: summary.highlights(s, _ban_leader(a), WINDOW),
    "proposals_of_a_ban": lambda s, a: proposals.proposals_for(s, _ban_leader(a), WINDOW),
    "proposal_page_of_a_ban": lambda s, a: proposals.proposal_page(s, _ban_leader(a), WINDOW, 2),
}


@pytest.mark.parametrize("name", READS)
def test_dashboard_query_over_a_window_never_scans_all_trips_or_days(office, name):
    statements = captured(office, READS[name])
    assert statements, f"{name} read none of {WATCHED}"
    for sql, params in statements:
        assert full_scans(office, sql, params) == [], sql


def test_yearly_trend_reads_the_day_index_not_every_trip(office):
    """The trend covers the counting year (a third of this office's days): SQLite walks the
    day index; PostgreSQL may rightly prefer a sequential read of trip_days for that share,
    but never of trips."""
    for sql, params in captured(office, lambda s, a: trend.cumulative_trend(s, WINDOW, TODAY)):
        scans = full_scans(office, sql, params)
        assert [line for line in scans if "trip_days" not in line] == [], sql
        if engine(office).dialect.name == "sqlite":
            assert scans == [], sql
