"""The kept figures (core.rollups): the dashboards read them, and they must say exactly what
the trips say, as trips are made one by one, on either engine."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from core import content_mix, participation, place_visits, places, progress, rollups, summary
from core.periods import Window, year_window
from core.trips import TRANSITIONS, change_state
from db.models import (
    Cadre,
    CadreYear,
    CadreYearContent,
    Place,
    PlaceYear,
    Policy,
    ProvinceYear,
    Trip,
    TripContentType,
)
from db.session import dispose_all, reading, writing
from tests import factories as f

D = dt.date
YEAR = year_window(2018)


def _office(s, rule: str = "calendar"):
    """Two bans; cadres subject and not, one who left in the year; trips across both ends of
    the year, of two content types, twice at one place, at two places of one province; a
    weekend-only trip; a planned and a cancelled trip; a trip made later by change_state."""
    s.add(Policy(year=2018, counting_rule=rule))
    b1, b2 = f.ban(s, "B1", order=1), f.ban(s, "B2", order=2)
    a = f.cadre(s, b1, "A")
    b = f.cadre(s, b1, "B", left=D(2018, 6, 30))
    c = f.cadre(s, b2, "C")
    n = f.cadre(s, b2, "N", subject=False)
    f.trip(
        s, a, D(2017, 12, 29), D(2018, 1, 3), content_types=("thematic", "inspection"), funding_vnd=900_000
    )
    f.trip(s, a, D(2018, 3, 5), D(2018, 3, 7), funding_vnd=1_500_000)
    f.trip(s, a, D(2018, 4, 2), D(2018, 4, 2), host_unit="Xã Lũng Cú")  # same province, another place
    f.trip(s, b, D(2018, 5, 12), D(2018, 5, 13), content_types=("coorganise",))  # a weekend
    f.trip(
        s,
        c,
        D(2018, 12, 28),
        D(2019, 1, 4),
        province="Cao Bằng",
        host_unit="Huyện Đoàn Bảo Lạc",
        funding_vnd=3_000_000,
    )
    f.trip(s, c, D(2018, 2, 1), D(2018, 2, 2))  # C at A's place
    f.trip(s, n, D(2018, 7, 2), D(2018, 7, 4))
    f.trip(s, c, D(2018, 9, 3), D(2018, 9, 4), planned=True, funding_vnd=700_000)
    later = f.trip(
        s,
        a,
        D(2018, 10, 1),
        D(2018, 10, 5),
        planned=True,
        province="Lào Cai",
        host_unit="Xã Y Tý",
        funding_vnd=2_000_000,
    )
    cancelled = f.trip(s, b, D(2018, 6, 4), D(2018, 6, 5), planned=True, funding_vnd=400_000)
    owner = f.actor(f.account(s, "a", ("cadre",), a))
    change_state(s, owner, later.id, "done", later.version, today=D(2018, 10, 6))
    change_state(
        s,
        f.actor(f.account(s, "b", ("cadre",), b)),
        cancelled.id,
        "cancel",
        cancelled.version,
        today=D(2018, 6, 1),
    )


def _figures(url: str, window: Window) -> dict:
    today = D(2018, 12, 31)
    with reading(url) as s:
        return {
            "participation": participation.office_participation(s, window),
            "by_ban": participation.by_ban(s, window),
            "content": content_mix.content_mix(s, window),
            "places": place_visits.places_visited(s, window),
            "provinces": place_visits.provinces_visited(s, window),
            "not_visited": place_visits.places_not_visited(s, window),
            "absentees": summary.absentees(s, window),
            "headline": progress.headline(s, window, today),
        }


def _through_the_trips(monkeypatch, url, window) -> dict:
    with monkeypatch.context() as m:
        m.setattr(rollups, "calendar_year", lambda w: None)
        return _figures(url, window)


@pytest.mark.parametrize("rule", ["calendar", "working"])
def test_a_year_reads_the_same_figures_as_its_trips(db_url, monkeypatch, rule):
    with writing(db_url) as s:
        _office(s, rule)
    kept = _figures(db_url, YEAR)
    assert kept == _through_the_trips(monkeypatch, db_url, YEAR)
    # Not empty by accident: A, C went (B's weekend counts only by calendar days), B left.
    went = {"calendar": 3, "working": 2}[rule]
    assert (kept["participation"].cadres, kept["participation"].went) == (3, went)
    # Hà Giang (2018) is grouped under today's Tuyên Quang.
    assert {p.province: (p.trips, p.cadres) for p in kept["provinces"]} == {
        "Tuyên Quang": (6, 4),
        "Cao Bằng": (1, 1),
        "Lào Cai": (1, 1),
    }


# Whole months, whole months with days before and after, within one month, across the New
# Year, a quarter: each cadre's days are read from the kept months plus the trip days around.
WINDOWS = [
    Window(D(2018, 3, 1), D(2018, 4, 30)),
    Window(D(2018, 5, 13), D(2018, 7, 2)),
    Window(D(2018, 3, 6), D(2018, 3, 31)),
    Window(D(2017, 12, 30), D(2018, 2, 1)),
    Window(D(2018, 10, 1), D(2018, 12, 31)),
    Window(D(2018, 2, 2), D(2018, 2, 27)),
]


@pytest.mark.parametrize("rule", ["calendar", "working"])
def test_any_window_reads_the_same_days_as_its_trip_days(db_url, monkeypatch, rule):
    with writing(db_url) as s:
        _office(s, rule)
    for window in WINDOWS:
        kept = _figures(db_url, window)
        with monkeypatch.context() as m:
            m.setattr(rollups, "whole_months", lambda w: (None, [w]))
            assert kept == _figures(db_url, window), window
    assert _figures(db_url, WINDOWS[0])["participation"].days > 0  # not empty by accident


def test_whole_months_and_the_days_around_them():
    W = Window
    assert rollups.whole_months(W(D(2018, 6, 1), D(2018, 7, 31))) == (W(D(2018, 6, 1), D(2018, 7, 31)), [])
    assert rollups.whole_months(W(D(2018, 5, 13), D(2018, 7, 2))) == (
        W(D(2018, 6, 1), D(2018, 6, 30)),
        [W(D(2018, 5, 13), D(2018, 5, 31)), W(D(2018, 7, 1), D(2018, 7, 2))],
    )
    assert rollups.whole_months(W(D(2018, 2, 1), D(2018, 2, 28))) == (W(D(2018, 2, 1), D(2018, 2, 28)), [])
    assert rollups.whole_months(W(D(2018, 2, 2), D(2018, 3, 30))) == (
        None,
        [W(D(2018, 2, 2), D(2018, 3, 30))],
    )
    assert rollups.whole_months(W(D(2017, 12, 30), D(2018, 2, 1))) == (
        W(D(2018, 1, 1), D(2018, 1, 31)),
        [W(D(2017, 12, 30), D(2017, 12, 31)), W(D(2018, 2, 1), D(2018, 2, 1))],
    )
    assert rollups.whole_months(W(D(2020, 2, 1), D(2020, 2, 29))) == (W(D(2020, 2, 1), D(2020, 2, 29)), [])


def kept_rows(s) -> dict[str, list[tuple]]:
    """Every row of the kept figures, per table, sorted."""
    return {
        t.__tablename__: sorted(tuple(r) for r in s.execute(select(*t.__table__.columns)))
        for t in rollups.TABLES
    }


def recounted_rows(s) -> dict[str, list[tuple]]:
    """The rows the kept figures should hold, counted in Python from the trips themselves (their
    dates, cadre, ban, place and content types; no day row, no SQL of core.rollups)."""
    counts: dict[str, dict[tuple, list[int]]] = {t.__tablename__: {} for t in rollups.TABLES}
    cadres: dict[str, dict[tuple, set]] = {"place_years": {}, "province_years": {}}

    def add(table: str, key: tuple, *values: int) -> None:
        row = counts[table].setdefault(key, [0] * len(values))
        counts[table][key] = [a + b for a, b in zip(row, values)]

    made = s.execute(
        select(
            Trip.id,
            Trip.cadre_id,
            Trip.ban_id,
            Trip.place_id,
            Place.province_code,
            Trip.start_date,
            Trip.end_date,
            Trip.funding_vnd,
        )
        .join(Place, Place.id == Trip.place_id)
        .where(Trip.state == "done")
    ).all()
    types: dict[int, list[str]] = {}
    for trip_id, content_type in s.execute(select(TripContentType.trip_id, TripContentType.content_type)):
        types.setdefault(trip_id, []).append(content_type)
    for trip_id, cadre_id, ban_id, place_id, province, start, end, funding in made:
        days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
        for day in days:
            work = int(day.weekday() < 5)
            add("ban_days", (day, ban_id), 1, work, funding if day == end else 0)  # paid as it ends
            add("cadre_months", (day.replace(day=1), cadre_id), 1, work)
        for year in sorted({d.year for d in days}):
            n = sum(1 for d in days if d.year == year)
            work = sum(1 for d in days if d.year == year and d.weekday() < 5)
            add("cadre_years", (year, cadre_id), n, work)
            for content_type in types.get(trip_id, ()):
                add("cadre_year_contents", (year, content_type, ban_id, cadre_id), 1, n, int(work > 0), work)
            add("place_years", (year, place_id), 1, 0)
            add("province_years", (year, province), 1, 0)
            cadres["place_years"].setdefault((year, place_id), set()).add(cadre_id)
            cadres["province_years"].setdefault((year, province), set()).add(cadre_id)
    for table, who in cadres.items():
        for key, ids in who.items():
            counts[table][key][1] = len(ids)
    return {
        table: sorted(key + tuple(values) for key, values in rows.items()) for table, rows in counts.items()
    }


def test_kept_rows_are_those_counted_again_from_scratch(db_url):
    with writing(db_url) as s:
        _office(s)
    with reading(db_url) as s:
        kept = kept_rows(s)
        assert recounted_rows(s) == kept
    with writing(db_url) as s:
        rollups.rebuild(s)
    with reading(db_url) as s:
        assert kept_rows(s) == kept
        assert kept["cadre_years"]  # the trips of 2017, 2018 and 2019 each have their years
        assert {r[0] for r in kept["cadre_years"]} == {2017, 2018, 2019}
        assert (D(2017, 12, 1), D(2019, 1, 1)) == (min(kept["cadre_months"])[0], max(kept["cadre_months"])[0])


def test_nothing_but_a_removal_leads_out_of_done():
    """A made trip stays made; it leaves "done" only when removed, which takes its counts away
    (core.trip_changes; tests/core/test_trip_change_figures.py)."""
    assert all(state != "done" for state, _ in TRANSITIONS)


def test_a_window_other_than_a_calendar_year_reads_the_trips(db_url):
    with writing(db_url) as s:
        _office(s)
        # Kept rows that disagree with the trips are not read for any other window.
        s.execute(CadreYear.__table__.update().values(days=999))
    with reading(db_url) as s:
        almost = Window(D(2018, 1, 1), D(2018, 12, 30))
        assert participation.office_participation(s, almost).days < 999
        assert participation.office_participation(s, YEAR).days > 999


def test_trips_saved_at_once_at_one_place_are_all_counted(db_url):
    """Two writers adding trips of different cadres at the same place and province: the shared
    rows are incremented, so neither count is lost (PostgreSQL runs them truly at once)."""
    with writing(db_url) as s:
        b1 = f.ban(s, "B1")
        cadres = [f.cadre(s, b1, f"K{i}").id for i in range(6)]
        place = places.get_or_create(s, "Hà Giang", host_unit="Huyện Đoàn Mèo Vạc").id  # as the trips name it
    dispose_all()
    errors = []

    def save(cadre_id):
        try:
            with writing(db_url) as s:
                cadre = s.get(Cadre, cadre_id, with_for_update=True)
                f.trip(s, cadre, D(2018, 3, 1), D(2018, 3, 2))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(c,)) for c in cadres]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with reading(db_url) as s:
        assert s.get(PlaceYear, (2018, place)).trips == 6
        assert (s.get(PlaceYear, (2018, place)).cadres, s.get(ProvinceYear, (2018, "08")).cadres) == (
            6,
            6,
        )
        assert s.scalar(select(CadreYearContent.trips).where(CadreYearContent.cadre_id == cadres[0])) == 1


def test_a_long_trip_across_the_window_is_counted_and_bounds_the_reads(db_url):
    """A window's trips are those ending up to the longest trip made after it: a trip of
    months that started before a window and ends long after it is still in it."""
    with writing(db_url) as s:
        b1 = f.ban(s, "B1")
        a, b = f.cadre(s, b1, "A"), f.cadre(s, b1, "B")
        f.trip(s, a, D(2018, 6, 4), D(2018, 6, 6))
        assert rollups.longest_trip(s) == 3
        f.trip(
            s,
            b,
            D(2018, 5, 1),
            D(2018, 9, 30),
            province="Lào Cai",
            host_unit="Xã Y Tý",
            content_types=("coorganise",),
        )
        assert rollups.longest_trip(s) == 153
    window = Window(D(2018, 6, 1), D(2018, 6, 30))
    with reading(db_url) as s:
        assert {p.province: p.trips for p in place_visits.provinces_visited(s, window)} == {
            "Tuyên Quang": 1,
            "Lào Cai": 1,
        }
        assert len(place_visits.places_visited(s, window)) == 2 and not place_visits.places_not_visited(
            s, window
        )
        assert {c.content_type: (c.trips, c.days) for c in content_mix.content_mix(s, window).office} == {
            "inspection": (1, 3),
            "coorganise": (1, 30),
        }
