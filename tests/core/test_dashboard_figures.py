"""Every figure of /progress and /review against an independent count from raw rows, on the
central 2018 demo, the provincial 2022 demo and a generated office (tests/bench/synthetic.py:
200 cadres, 4,000 trips over three years, with exemptions, cadres joining and leaving,
planned and cancelled trips, late, returned and missing reports)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter, defaultdict

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core import content_mix, place_visits, progress, proposals, summary, targets, trend
from core.accounts import load_actor
from core.periods import Window, each_day
from core.proposals import proposals_for
from db.models import Cadre, Place, Trip, TripReport
from db.session import dispose_all, reading, writing

D = dt.date

# case -> (demo, window under review, the day it is looked at). A calendar year is read from
# the figures kept per year (core.rollups): kept trip by trip in the demos, counted in bulk in
# the generated office.
CASES = {
    "central-2018": ("central-2018", Window(D(2018, 6, 1), D(2018, 7, 31)), D(2018, 8, 9)),
    "central-2018-year": ("central-2018", Window(D(2018, 1, 1), D(2018, 12, 31)), D(2018, 8, 9)),
    "province-2022": ("province-2022", Window(D(2022, 1, 1), D(2022, 6, 30)), D(2022, 7, 15)),
    "province-2022-year": ("province-2022", Window(D(2022, 1, 1), D(2022, 12, 31)), D(2022, 12, 20)),
    "generated": ("generated", Window(D(2024, 6, 1), D(2024, 7, 31)), D(2024, 8, 9)),
    "generated-year": ("generated", Window(D(2024, 1, 1), D(2024, 12, 31)), D(2024, 12, 20)),
}


@pytest.fixture(scope="module", params=list(CASES))
def office(request, _empty_template, tmp_path_factory):
    from seed.loader import load

    demo, window, today = CASES[request.param]
    path = tmp_path_factory.mktemp(request.param) / "office.db"
    shutil.copy(_empty_template, path)
    url = f"sqlite:///{path}"
    if demo == "generated":
        from tests.bench.synthetic import populate

        populate(url, cadres=200, trips=4000)
    else:
        with writing(url) as session:
            load(session, demo)
    yield url, window, today
    dispose_all()


class Raw:
    """The office's raw rows, counted in plain Python."""

    def __init__(self, url: str, window: Window, today: dt.date):
        self.window, self.today = window, today
        with reading(url) as s:
            self.cadres = {c.id: c for c in s.scalars(select(Cadre))}
            self.trips = s.scalars(
                select(Trip).options(
                    selectinload(Trip.report).selectinload(TripReport.proposals),
                    selectinload(Trip.content_types),
                    selectinload(Trip.place),
                )
            ).all()
        self.subject = {
            i
            for i, c in self.cadres.items()
            if c.subject_to_rule
            and (c.joined_on is None or c.joined_on <= window.end)
            and (c.left_on is None or c.left_on >= window.start)
        }
        self.done = [t for t in self.trips if t.state == "done"]

    def days_in(self, trip, window=None) -> int:
        w = window or self.window
        return sum(1 for d in each_day(trip.start_date, trip.end_date) if w.start <= d <= w.end)

    def days_by_cadre(self) -> Counter:
        out = Counter()
        for trip in self.done:
            if trip.cadre_id in self.subject and self.days_in(trip):
                out[trip.cadre_id] += self.days_in(trip)
        return out

    def overdue(self, deadline: int) -> int:
        as_of = min(self.window.end, self.today)
        n = 0
        for trip in self.done:
            if not self.window.start <= trip.end_date <= as_of:
                continue
            r = trip.report
            reported = (
                r is not None and r.state in ("submitted", "accepted") and r.submitted_at.date() <= as_of
            )
            if (as_of - trip.end_date).days > deadline and not reported:
                n += 1
        return n


def test_headline_matches_a_count_of_raw_rows(office):
    url, window, today = office
    raw = Raw(url, window, today)
    with reading(url) as s:
        head = progress.headline(s, window, today)
    days = raw.days_by_cadre()
    assert head.participation.cadres == len(raw.subject)
    assert head.participation.went == len(days)
    assert head.participation.days == sum(days.values())
    assert head.reports.overdue == raw.overdue(10)
    assert head.reports.trips == sum(
        1 for t in raw.done if window.start <= t.end_date <= min(window.end, today)
    )


def test_per_ban_figures_add_up_to_the_office(office):
    url, window, today = office
    raw = Raw(url, window, today)
    with reading(url) as s:
        rows = progress.ban_progress(s, window, today)
        head = progress.headline(s, window, today)
    went_by_ban = Counter(raw.cadres[c].ban_id for c in raw.days_by_cadre())
    assert {r.ban_id: r.participation.went for r in rows if r.participation.went} == dict(went_by_ban)
    assert sum(r.participation.days for r in rows) == head.participation.days
    assert sum(r.target_days for r in rows) == head.target_days
    assert sum(r.reports.overdue for r in rows) == head.reports.overdue


def test_content_mix_counts_trips_and_days_per_content_type(office):
    url, window, today = office
    raw = Raw(url, window, today)
    trips, days = Counter(), Counter()
    for trip in raw.done:
        if trip.cadre_id in raw.subject and raw.days_in(trip):
            for c in trip.content_types:
                trips[c.content_type] += 1
                days[c.content_type] += raw.days_in(trip)
    with reading(url) as s:
        mix = content_mix.content_mix(s, window)
        rows, per_ban = mix.office, mix.by_ban
        assert content_mix.content_mix(s, window, office=False) == content_mix.ContentMix((), per_ban)
    assert {r.content_type: (r.trips, r.days) for r in rows} == {k: (trips[k], days[k]) for k in trips}
    assert sum(r.trips for r in per_ban) == sum(trips.values())


def test_trend_is_cumulative_days_of_the_year_week_by_week(office):
    url, window, today = office
    raw = Raw(url, window, today)
    year = Window(D(window.start.year, 1, 1), D(window.start.year, 12, 31))
    raw_year = Raw(url, year, today)
    ban_id = raw_year.done[0].ban_id
    with reading(url) as s:
        points = trend.cumulative_trend(s, window, today)
        of_ban = trend.cumulative_trend(s, window, today, ban_id)
    shown = [p for p in points if p.days is not None]
    assert shown[-1].week_end >= today
    counted = [t for t in raw_year.done if t.cadre_id in raw_year.subject]
    for point, ban_point in zip(shown, of_ban):  # every week: the days are kept per day and ban
        upto = Window(year.start, point.week_end)
        assert point.days == sum(raw.days_in(t, upto) for t in counted)
        assert ban_point.days == sum(raw.days_in(t, upto) for t in counted if t.ban_id == ban_id)
    assert points[-1].target == pytest.approx(len(raw_year.subject) * 60, abs=0.1)
    assert all(a.week_end < b.week_end for a, b in zip(points, points[1:]))


def test_places_visited_and_not_visited(office):
    url, window, today = office
    raw = Raw(url, window, today)
    # By today's province: the demo's 63 provinces of 2018 grouped under the 34 by code.
    per_province = Counter(
        t.place.province_code for t in raw.done if t.start_date <= window.end and t.end_date >= window.start
    )
    with reading(url) as s:
        provinces = place_visits.provinces_visited(s, window)
        units = place_visits.places_visited(s, window)
        missed = place_visits.places_not_visited(s, window)
        known = {(p.province, p.district, p.host_unit) for p in s.scalars(select(Place))}
    assert {p.code: p.trips for p in provinces} == dict(per_province)
    assert sum(u.trips for u in units) == sum(per_province.values())
    visited = {(u.province, u.district, u.host_unit) for u in units}
    assert {(m.province, m.district, m.host_unit) for m in missed} == known - visited


def test_who_did_not_go_and_proposals_followed_up(office):
    url, window, today = office
    raw = Raw(url, window, today)
    with reading(url) as s:
        leader = load_actor(s, "lanhdao")
        absent = summary.did_not_go(s, leader, window)
        proposals = proposals_for(s, leader, window)
    assert {a.cadre_id for a in absent} == raw.subject - set(raw.days_by_cadre())
    expected = {
        p.id
        for t in raw.done
        if t.report and t.report.state != "draft"
        for p in t.report.proposals
        if window.start <= t.end_date <= window.end or (t.end_date < window.start and p.state != "done")
    }
    assert {p.id for p in proposals} == expected


def test_proposals_read_a_page_at_a_time_add_up_to_the_whole_list(office, monkeypatch):
    url, window, _ = office
    monkeypatch.setattr(proposals, "PROPOSALS_PER_PAGE", 7)
    with reading(url) as s:
        whole = proposals_for(s, load_actor(s, "lanhdao"), window)
        leader = load_actor(s, "lanhdao")
        first = proposals.proposal_page(s, leader, window)
        pages = [proposals.proposal_page(s, leader, window, n) for n in range(1, first.pages + 2)]
    counts = (len(whole), sum(p.state != "done" for p in whole), sum(p.carried_over for p in whole))
    assert {(p.total, p.open, p.carried) for p in pages} == {counts}  # the page past the last too
    pages = [p.rows for p in pages]
    assert [p for page in pages for p in page] == whole
    assert all(len(page) == 7 for page in pages[:-2]) and pages[-1] == ()


def test_ban_detail_per_cadre_matches_raw_rows(office):
    url, window, today = office
    raw = Raw(url, window, today)
    with reading(url) as s:
        leader = load_actor(s, "truongban")
        rows = progress.ban_detail(s, leader, window, leader.ban_id, today)
    days = raw.days_by_cadre()
    trips = defaultdict(int)
    for t in raw.done:
        if raw.days_in(t):
            trips[t.cadre_id] += 1
    own = {i for i in raw.subject if raw.cadres[i].ban_id == leader.ban_id}
    assert {r.cadre_id for r in rows} == own
    for r in rows:
        assert (r.days, r.trips) == (days.get(r.cadre_id, 0), trips.get(r.cadre_id, 0))
        assert r.on_track == (r.days >= r.target_days)  # a past window: the whole target counts


def test_targets_per_ban_are_the_sum_of_each_cadres_target(office):
    url, window, today = office
    with reading(url) as s:
        per_ban = targets.targets_by_ban(s, window, today)
        per_cadre = targets.targets_in(s, window, today)
    expected = Counter()
    for ban_id, target in per_cadre.values():
        expected[ban_id] += target
    assert per_ban == dict(expected)
    assert len(set(t for _, t in per_cadre.values())) > 1, "some cadres are pro-rated or exempted"
