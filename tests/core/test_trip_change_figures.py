"""Every kept figure follows every change of a trip at once: random sequences of trips
recorded, corrected, made, cancelled, reported on and removed (hypothesis), on each engine,
after each of which the kept rows (core.rollups), the trips' day rows and counts, and the
report dates kept on the trips and proposals equal what the raw rows say."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from core import reports, rollups, submissions, trip_changes, trips
from core.errors import DomainError
from core.periods import Window
from db.models import Base, DataVersion, Proposal, Trip, TripDay, TripReport
from db.session import reading, writing
from db.vocabulary import ReportState, TripState
from tests import factories as f
from tests.core.test_rollups import _figures, _through_the_trips, kept_rows, recounted_rows

D = dt.date
TODAY = D(2019, 2, 1)
FIRST = D(2018, 12, 1)  # trips fall between here and two months later: across months and the New Year
PLACES = (("Hà Giang", "Huyện Đoàn Mèo Vạc"), ("Hà Giang", "Xã Lũng Cú"), ("Lào Cai", "Xã Y Tý"))
CONTENT = st.sets(st.sampled_from(("thematic", "coorganise", "inspection")), min_size=1, max_size=2)
SPAN = st.tuples(st.integers(0, 60), st.integers(0, 5))  # first day after FIRST, days after the first

STALE = st.integers(0, 4).map(lambda n: n == 0)  # now and then, a form opened before another's save
CREATE = st.tuples(st.just("create"), st.integers(0, 2), SPAN, st.integers(0, 2), CONTENT, st.booleans())
OPERATIONS = st.one_of(
    CREATE,
    st.tuples(st.just("edit"), st.integers(0, 20), SPAN, st.integers(0, 2), CONTENT, st.booleans(), STALE),
    st.tuples(st.just("done"), st.integers(0, 20)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("report"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("remove"), st.integers(0, 20), st.booleans(), STALE),
)


def _reset(url: str) -> dict:
    """An office of two bans and three cadres (and its leader), alone in the database."""
    with writing(url) as s:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in ("alembic_version", DataVersion.__tablename__):
                s.execute(delete(table))
        b1, b2 = f.ban(s, "B1"), f.ban(s, "B2")
        cadres = [f.cadre(s, b1, "A"), f.cadre(s, b1, "B"), f.cadre(s, b2, "C")]
        boss = f.cadre(s, b2, "L")
        return {
            "cadres": [f.actor(f.account(s, c.code.lower(), ("cadre",), c), c.ban_id) for c in cadres],
            "office": f.actor(f.account(s, "lanhdao", ("office_leader",), boss), b2.id),
        }


def _span(span) -> tuple[dt.date, dt.date]:
    start = FIRST + dt.timedelta(days=span[0])
    return start, start + dt.timedelta(days=span[1])


def _input(span, place, content, planned=False):
    start, end = _span(span)
    province, host_unit = PLACES[place]
    return f.trip_input(
        start,
        end,
        province=province,
        host_unit=host_unit,
        content_types=tuple(sorted(content)),
        questions=("Thanh niên cần gì?",),
        planned=planned,
        funding_vnd=100_000 * (span[0] % 7 + place),  # changes with a correction, so must its kept sum
    )


def _apply(url: str, office: dict, operation: tuple) -> None:
    """One operation, as its user would do it; a refusal (an overlap, a trip not ended, a state
    that does not allow it …) writes nothing, which the checks then see too."""
    kind, *args = operation
    with reading(url) as s:
        rows = s.execute(select(Trip.id, Trip.cadre_id, Trip.version).order_by(Trip.id)).all()
    if kind != "create" and not rows:
        return
    if kind != "create":
        trip_id, cadre_id, version = rows[args[0] % len(rows)]
        owner = next(a for a in office["cadres"] if a.cadre_id == cadre_id)

    def call(s):
        if kind == "create":
            who, span, place, content, planned = args
            actor = office["cadres"][who]
            trips.save_trip(
                s,
                actor,
                actor.cadre_id,
                _input(span, place, content, planned),
                submissions.new_id(),
                today=TODAY,
            )
        elif kind == "edit":
            _, span, place, content, by_office, stale = args
            trip_changes.edit(
                s,
                office["office"] if by_office else owner,
                trip_id,
                _input(span, place, content),
                version - 1 if stale else version,
                reason="Sửa lại ngày",
                today=TODAY,
            )
        elif kind in ("done", "cancel"):
            trips.change_state(s, owner, trip_id, kind, version, today=TODAY)
        elif kind == "report":
            answers = tuple((q.id, "Đã trả lời") for q in s.get(Trip, trip_id).questions)
            report_id = reports.save_report(
                s,
                owner,
                trip_id,
                reports.ReportInput(findings="Kết quả", proposals=("Tăng kinh phí",), answers=answers),
                0,
                submissions.new_id(),
                submit=True,
            )
            if args[1]:  # and accepted
                reports.review(s, office["office"], report_id, "accept", s.get(TripReport, report_id).version)
        else:
            _, by_office, stale = args
            trip_changes.remove(
                s,
                office["office"] if by_office else owner,
                trip_id,
                version - 1 if stale else version,
                "Ghi nhầm",
            )

    try:
        with writing(url) as s:
            call(s)
        event(f"{kind}: done")
    except DomainError as refusal:
        event(f"{kind}: {type(refusal).__name__}")


def _check(url: str) -> None:
    with reading(url) as s:
        kept = kept_rows(s)
        assert kept == recounted_rows(s)
        # The trips' own copies: day rows of the trips made only, over their dates; their counts.
        for trip in s.scalars(select(Trip)):
            days = s.execute(
                select(TripDay.day, TripDay.is_workday)
                .where(TripDay.trip_id == trip.id)
                .order_by(TripDay.day)
            ).all()
            if trip.state == TripState.DONE:
                assert [d for d, _ in days] == list(trips.each_day(trip.start_date, trip.end_date))
                assert (trip.days, trip.workdays) == (len(days), sum(1 for d, _ in days if d.weekday() < 5))
                assert all(work == (d.weekday() < 5) for d, work in days)
            else:
                assert (days, trip.days, trip.workdays) == ([], 0, 0), trip.state
            report = trip.report
            counts = trip.state == TripState.DONE
            assert trip.reported_at == (
                report.submitted_at
                if counts
                and report is not None
                and report.state in (ReportState.SUBMITTED, ReportState.ACCEPTED)
                else None
            )
        for proposal, state, end, trip_state in s.execute(
            select(Proposal, TripReport.state, Trip.end_date, Trip.state)
            .join(TripReport, TripReport.id == Proposal.report_id)
            .join(Trip, Trip.id == TripReport.trip_id)
        ):
            assert proposal.trip_end == (
                end if state != ReportState.DRAFT and trip_state != TripState.REMOVED else None
            )
        # And what rebuild would count again, in this transaction (rolled back as it closes).
        rollups.rebuild(s)
        assert kept_rows(s) == kept


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(CREATE, min_size=2, max_size=4), operations=st.lists(OPERATIONS, min_size=2, max_size=10)
)
def test_every_kept_figure_follows_each_change_of_a_trip(db_url, monkeypatch, first, operations):
    office = _reset(db_url)
    for operation in first + operations:
        _apply(db_url, office, operation)
        _check(db_url)
    # The dashboards' figures of the year read from the kept rows are those read from the trips.
    year = Window(D(2018, 1, 1), D(2018, 12, 31))
    assert _figures(db_url, year) == _through_the_trips(monkeypatch, db_url, year)
