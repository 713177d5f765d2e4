"""Correcting and removing a trip (core.trip_changes): who may, with what reason, what is kept,
and that a removed trip is out of every figure."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from core import (
    evaluations,
    proposals,
    reports,
    review_queue,
    rollups,
    submissions,
    summary,
    trip_changes,
    trip_list,
    trips,
)
from core.errors import Conflict, PermissionDenied, ValidationError
from core.periods import year_window
from db.models import AuditEntry, Proposal, Trip, TripDay, TripQuestion
from db.session import dispose_all, reading, writing
from tests import factories as f
from tests.core.test_rollups import _figures, kept_rows, recounted_rows

D = dt.date
TODAY = D(2019, 3, 1)
YEAR = year_window(2018)


@pytest.fixture
def office(db_url):
    """Ban TC (cadres A and B, leader L), ban TG (cadre C), an office leader and an admin; A has a
    made trip, a planned one and a cancelled one; B a made trip at the same place."""
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC"), f.ban(s, "TG")
        a, b, c = f.cadre(s, tc, "A"), f.cadre(s, tc, "B"), f.cadre(s, tg, "C")
        lead, boss = f.cadre(s, tc, "L"), f.cadre(s, tg, "O")
        made = f.trip(
            s, a, D(2018, 6, 4), D(2018, 6, 6), questions=("Thanh niên cần gì?", "Chi đoàn ra sao?")
        )
        planned = f.trip(s, a, D(2018, 9, 3), D(2018, 9, 4), planned=True)
        cancelled = f.trip(s, a, D(2018, 10, 1), D(2018, 10, 2), planned=True)
        other = f.trip(s, b, D(2018, 6, 4), D(2018, 6, 5))
        people = {
            "a": f.actor(f.account(s, "canbo", ("cadre",), a), tc.id),
            "b": f.actor(f.account(s, "dongnghiep", ("cadre",), b), tc.id),
            "c": f.actor(f.account(s, "canbokhac", ("cadre",), c), tg.id),
            "ban_leader": f.actor(f.account(s, "truongban", ("ban_leader",), lead), tc.id),
            "office": f.actor(f.account(s, "lanhdao", ("office_leader",), boss), tg.id),
            "admin": f.actor(f.account(s, "quantri", ("admin",))),
        }
        trips.change_state(s, people["a"], cancelled.id, "cancel", cancelled.version, today=D(2018, 9, 1))
        return {
            **people,
            "made": made.id,
            "planned": planned.id,
            "cancelled": cancelled.id,
            "other": other.id,
        }


def edit(db_url, who, trip_id, data, version=None, reason=""):
    with writing(db_url) as s:
        version = version if version is not None else s.get(Trip, trip_id).version
        return trip_changes.edit(s, who, trip_id, data, version, reason, today=TODAY)


def remove(db_url, who, trip_id, reason="Ghi nhầm", version=None):
    with writing(db_url) as s:
        version = version if version is not None else s.get(Trip, trip_id).version
        trip_changes.remove(s, who, trip_id, version, reason)


def footprint(db_url) -> tuple:
    with reading(db_url) as s:
        return (
            s.scalar(select(func.count()).select_from(AuditEntry)),
            sorted(tuple(r) for r in s.execute(select(Trip.id, Trip.version, Trip.state, Trip.start_date))),
        )


def assert_kept_figures_right(db_url):
    with reading(db_url) as s:
        assert kept_rows(s) == recounted_rows(s)


# --- The cadre's own trips ------------------------------------------------------------------------


def test_cadre_corrects_own_trip_and_its_days_and_figures_follow(office, db_url):
    version = edit(
        db_url,
        office["a"],
        office["made"],
        f.trip_input(
            D(2018, 12, 30),
            D(2019, 1, 2),
            province="Lào Cai",
            host_unit="Xã Y Tý",
            content_types=("thematic",),
            questions=("Thanh niên cần gì?", "Chi đoàn ra sao?"),
            funding_vnd=2_000_000,
            travel_order_no="15/QĐ",
        ),
    )
    with reading(db_url) as s:
        trip = s.get(Trip, office["made"])
        assert (trip.version, version, trip.state) == (2, 2, "done")
        assert (trip.place.province, trip.place.host_unit, trip.funding_vnd, trip.travel_order_no) == (
            "Lào Cai",
            "Xã Y Tý",
            2_000_000,
            "15/QĐ",
        )
        assert [c.content_type for c in trip.content_types] == ["thematic"]
        assert s.scalars(
            select(TripDay.day).where(TripDay.trip_id == trip.id).order_by(TripDay.day)
        ).all() == [D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1), D(2019, 1, 2)]
        assert (trip.days, trip.workdays) == (4, 3)
    assert_kept_figures_right(db_url)


def test_a_planned_trip_corrected_stays_planned_and_counts_nothing(office, db_url):
    edit(db_url, office["a"], office["planned"], f.trip_input(D(2019, 3, 4), D(2019, 3, 8)))
    with reading(db_url) as s:
        trip = s.get(Trip, office["planned"])
        assert (trip.state, trip.start_date, trip.days) == ("planned", D(2019, 3, 4), 0)
        assert not s.scalar(select(func.count()).select_from(TripDay).where(TripDay.trip_id == trip.id))


def test_a_question_kept_or_reworded_keeps_its_answer_and_a_new_one_starts_empty(office, db_url):
    with writing(db_url) as s:
        for q in s.get(Trip, office["made"]).questions:
            q.answer = f"Trả lời: {q.text}"
    edit(
        db_url,
        office["a"],
        office["made"],
        f.trip_input(
            D(2018, 6, 4),
            D(2018, 6, 6),
            questions=("Chi đoàn ra sao?", "Thanh niên cần những gì?", "Câu mới"),
        ),
    )
    with reading(db_url) as s:
        rows = s.execute(
            select(TripQuestion.position, TripQuestion.text, TripQuestion.answer)
            .where(TripQuestion.trip_id == office["made"])
            .order_by(TripQuestion.position)
        ).all()
    assert rows == [
        (0, "Chi đoàn ra sao?", "Trả lời: Chi đoàn ra sao?"),
        (1, "Thanh niên cần những gì?", "Trả lời: Thanh niên cần gì?"),
        (2, "Câu mới", ""),
    ]


def test_every_edit_keeps_the_trip_before_and_after_in_the_audit_log(office, db_url):
    edit(
        db_url, office["a"], office["made"], f.trip_input(D(2018, 6, 5), D(2018, 6, 7), host_unit="Xã Pả Vi")
    )
    with reading(db_url) as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.actor, entry.action, entry.table_name, entry.row_id) == (
        "canbo",
        "trip.edit",
        "trips",
        str(office["made"]),
    )
    assert (entry.before["start_date"], entry.after["start_date"]) == ("2018-06-04", "2018-06-05")
    assert (entry.before["place"]["host_unit"], entry.after["place"]["host_unit"]) == (
        "Huyện Đoàn Mèo Vạc",
        "Xã Pả Vi",
    )
    assert (
        entry.before["questions"] == ["Thanh niên cần gì?", "Chi đoàn ra sao?"]
        and entry.after["questions"] == []
    )
    assert (entry.before["version"], entry.after["version"]) == (1, 2)


def test_cadre_removes_a_trip_recorded_by_mistake_which_is_kept_with_who_when_and_why(office, db_url):
    remove(db_url, office["a"], office["made"], "Ghi nhầm ngày, chuyến đi không diễn ra")
    with reading(db_url) as s:
        trip = s.get(Trip, office["made"])
        assert (trip.state, trip.days, trip.removed_reason, trip.removed_by) == (
            "removed",
            0,
            "Ghi nhầm ngày, chuyến đi không diễn ra",
            office["a"].account_id,
        )
        assert trip.removed_at is not None
        assert not s.scalar(select(func.count()).select_from(TripDay).where(TripDay.trip_id == trip.id))
        row = next(
            r for r in trip_list.list_for_cadre(s, office["a"], office["a"].cadre_id) if r.id == trip.id
        )
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (row.state, row.days, row.removed_by, row.removed_reason) == (
        "removed",
        0,
        "Cán bộ A",
        "Ghi nhầm ngày, chuyến đi không diễn ra",
    )
    assert (entry.action, entry.before["state"], entry.after["state"]) == ("trip.remove", "done", "removed")
    assert_kept_figures_right(db_url)


def test_a_removal_needs_a_reason_from_everyone(office, db_url):
    before = footprint(db_url)
    for who in ("a", "office", "admin"):
        with pytest.raises(ValidationError) as refused:
            remove(db_url, office[who], office["made"], reason="  \u200b ")
        assert refused.value.fields() == {"trip_change.field.reason"}
    assert footprint(db_url) == before


def test_a_cancelled_trip_can_be_removed_but_not_corrected_and_a_removed_one_neither(office, db_url):
    with pytest.raises(ValidationError):
        edit(
            db_url,
            office["a"],
            office["cancelled"],
            f.trip_input(D(2018, 10, 1), D(2018, 10, 2), planned=True),
        )
    remove(db_url, office["a"], office["cancelled"])
    for attempt in (
        lambda: remove(db_url, office["a"], office["cancelled"]),
        lambda: edit(db_url, office["a"], office["cancelled"], f.trip_input(D(2018, 10, 1), D(2018, 10, 2))),
        lambda: remove(db_url, office["office"], office["cancelled"]),
    ):
        with pytest.raises(ValidationError):
            attempt()


def test_a_made_trip_cannot_be_moved_into_the_future(office, db_url):
    with pytest.raises(ValidationError) as refused:
        edit(db_url, office["a"], office["made"], f.trip_input(D(2019, 6, 4), D(2019, 6, 6)))
    assert refused.value.fields() == {"visits.field.end"}


def test_a_correction_is_refused_on_an_overlap_with_another_trip_but_not_with_itself(office, db_url):
    with writing(db_url) as s:
        f.trip(s, s.get(Trip, office["made"]).cadre, D(2018, 7, 2), D(2018, 7, 3))
    edit(db_url, office["a"], office["made"], f.trip_input(D(2018, 6, 5), D(2018, 6, 8)))  # over its own days
    with pytest.raises(ValidationError) as refused:
        edit(db_url, office["a"], office["made"], f.trip_input(D(2018, 6, 30), D(2018, 7, 2)))
    assert "02/07/2018–03/07/2018" in refused.value.messages("vi")[0]


def test_a_removed_trip_no_longer_blocks_its_dates(office, db_url):
    remove(db_url, office["a"], office["made"])
    with writing(db_url) as s:
        trips.save_trip(
            s,
            office["a"],
            office["a"].cadre_id,
            f.trip_input(D(2018, 6, 4), D(2018, 6, 6)),
            submissions.new_id(),
            today=TODAY,
        )
    assert_kept_figures_right(db_url)


# --- Who may ---------------------------------------------------------------------------------------


def test_cadre_cannot_edit_trip_of_another_cadre(office, db_url):
    before = footprint(db_url)
    for who in ("b", "c"):
        with pytest.raises(PermissionDenied):
            edit(db_url, office[who], office["made"], f.trip_input(D(2018, 6, 4), D(2018, 6, 5)))
        with pytest.raises(PermissionDenied):
            remove(db_url, office[who], office["made"])
        with reading(db_url) as s, pytest.raises(PermissionDenied):
            trip_changes.for_change(s, office[who], office["made"])
    assert footprint(db_url) == before


def test_ban_leader_cannot_edit_or_remove_a_cadres_trip(office, db_url):
    before = footprint(db_url)
    with pytest.raises(PermissionDenied):
        edit(
            db_url,
            office["ban_leader"],
            office["made"],
            f.trip_input(D(2018, 6, 4), D(2018, 6, 5)),
            reason="Sửa",
        )
    with pytest.raises(PermissionDenied):
        remove(db_url, office["ban_leader"], office["made"])
    assert footprint(db_url) == before


def _accept_report(db_url, office, trip_id):
    with writing(db_url) as s:
        answers = tuple((q.id, "Đã trả lời") for q in s.get(Trip, trip_id).questions)
        report_id = reports.save_report(
            s,
            office["a"],
            trip_id,
            reports.ReportInput(findings="Kết quả", proposals=("Tăng kinh phí",), answers=answers),
            0,
            submissions.new_id(),
            submit=True,
        )
        reports.review(s, office["ban_leader"], report_id, "accept", 1)


def test_cadre_cannot_edit_or_remove_a_trip_whose_report_is_accepted(office, db_url):
    _accept_report(db_url, office, office["made"])
    before = footprint(db_url)
    with pytest.raises(ValidationError) as refused:
        edit(db_url, office["a"], office["made"], f.trip_input(D(2018, 6, 4), D(2018, 6, 5)))
    assert "đã được duyệt" in refused.value.messages("vi")[0]
    with pytest.raises(ValidationError):
        remove(db_url, office["a"], office["made"])
    assert footprint(db_url) == before
    with reading(db_url) as s:
        seen = trip_changes.for_change(s, office["a"], office["made"])
    assert (seen.edit, seen.remove) == (None, None)


@pytest.mark.parametrize("who", ["office", "admin"])
def test_office_leader_and_admin_correct_any_trip_giving_a_reason(office, db_url, who):
    _accept_report(db_url, office, office["made"])
    data = f.trip_input(D(2018, 6, 4), D(2018, 6, 5), host_unit="Xã Pả Vi")
    with pytest.raises(ValidationError) as refused:
        edit(db_url, office[who], office["made"], data)
    assert refused.value.fields() == {"trip_change.field.reason"}
    edit(db_url, office[who], office["made"], data, reason="Sai ngày về theo giấy công tác")
    with reading(db_url) as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert s.get(Trip, office["made"]).end_date == D(2018, 6, 5)
    assert (entry.action, entry.after["reason"]) == ("trip.correct", "Sai ngày về theo giấy công tác")
    remove(db_url, office[who], office["other"], reason="Trùng với chuyến đi khác")
    assert_kept_figures_right(db_url)


def test_the_modes_offered(office):
    mine = trip_changes.mode
    ref = trips.CadreRef(office["a"].cadre_id, office["a"].ban_id)
    assert mine(office["a"], ref, "done", "submitted", "edit") == trip_changes.OWN
    assert mine(office["a"], ref, "done", "accepted", "edit") is None
    assert mine(office["a"], ref, "cancelled", None, "edit") is None
    assert mine(office["a"], ref, "cancelled", None, "remove") == trip_changes.OWN
    assert mine(office["office"], ref, "done", "accepted", "remove") == trip_changes.CORRECTION
    assert mine(office["admin"], ref, "planned", None, "edit") == trip_changes.CORRECTION
    assert mine(office["ban_leader"], ref, "done", None, "edit") is None
    assert mine(office["office"], ref, "removed", None, "remove") is None


# --- Two people on one trip --------------------------------------------------------------------------


def test_second_edit_of_the_same_version_is_told_to_reload_and_overwrites_nothing(office, db_url):
    with reading(db_url) as s:
        opened = trip_changes.for_change(s, office["a"], office["made"])  # both forms open on this version
    edit(
        db_url,
        office["office"],
        office["made"],
        f.trip_input(D(2018, 6, 4), D(2018, 6, 5)),
        version=opened.version,
        reason="Sai ngày về",
    )
    after_first = footprint(db_url)
    with pytest.raises(Conflict):
        edit(
            db_url,
            office["a"],
            office["made"],
            f.trip_input(D(2018, 6, 4), D(2018, 6, 9)),
            version=opened.version,
        )
    with pytest.raises(Conflict):
        remove(db_url, office["a"], office["made"], version=opened.version)
    assert footprint(db_url) == after_first
    with reading(db_url) as s:
        assert s.get(Trip, office["made"]).end_date == D(2018, 6, 5)


def test_two_corrections_of_one_trip_at_once_one_saved_the_other_told_to_reload(office, db_url):
    """Both read version 1 and save at once (truly at once on PostgreSQL): the second waits for
    the first's lock on the cadre, then finds the trip at version 2."""
    dispose_all()
    results: list = []

    def correct(who, end):
        try:
            edit(
                db_url, office[who], office["made"], f.trip_input(D(2018, 6, 4), end), version=1, reason="Sửa"
            )
            results.append(who)
        except Conflict:
            results.append("conflict")

    threads = [
        threading.Thread(target=correct, args=("a", D(2018, 6, 8))),
        threading.Thread(target=correct, args=("office", D(2018, 6, 5))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) in (["a", "conflict"], ["conflict", "office"])
    with reading(db_url) as s:
        trip = s.get(Trip, office["made"])
        assert (trip.version, trip.end_date) == (2, D(2018, 6, 8) if "a" in results else D(2018, 6, 5))
    assert_kept_figures_right(db_url)


# --- Out of every figure -----------------------------------------------------------------------------


def _every_figure(db_url, office) -> dict:
    leader = office["office"]
    with reading(db_url) as s:
        return {
            **_figures(db_url, YEAR),
            "queue": review_queue.pending_reports(s, leader),
            "proposals": proposals.proposals_for(s, leader, YEAR),
            "highlights": summary.highlights(s, leader, YEAR),
            "year_sheet": evaluations.year_sheet(s, leader, 2018),
            "kept": kept_rows(s),
        }


def test_a_removed_trip_is_out_of_every_figure(office, db_url):
    """Recording trips, reporting on one and leaving the other overdue, then removing both gives
    every figure of never having recorded them: participation, days, content types, places,
    the absentees, reports in and overdue, the leaders' queue, proposals, good models, the
    evaluations' fact sheet, the kept rows."""
    before = _every_figure(db_url, office)
    with writing(db_url) as s:
        c = s.get(Trip, office["other"]).cadre
        reported = f.trip(
            s, c, D(2018, 8, 6), D(2018, 8, 8), content_types=("thematic",), questions=("Vì sao?",)
        )
        overdue = f.trip(
            s, c, D(2018, 9, 3), D(2018, 9, 3), province="Hà Giang", host_unit="Huyện Đoàn Mèo Vạc"
        )
        answers = tuple((q.id, "Vì thế") for q in reported.questions)
        reports.save_report(
            s,
            office["b"],
            reported.id,
            reports.ReportInput(
                findings="Kết quả", good_models="Mô hình tốt", proposals=("Tăng kinh phí",), answers=answers
            ),
            0,
            submissions.new_id(),
            submit=True,
        )
        ids = (reported.id, overdue.id)
    during = _every_figure(db_url, office)
    assert {k for k in before if before[k] != during[k]} >= {
        "participation",
        "by_ban",
        "content",
        "headline",
        "queue",
        "proposals",
        "highlights",
        "year_sheet",
        "kept",
    }
    for trip_id in ids:
        remove(db_url, office["b"], trip_id)
    assert _every_figure(db_url, office) == before
    with reading(db_url) as s:
        assert s.scalars(select(Proposal.trip_end)).all() == [None]
        assert s.get(Trip, ids[0]).reported_at is None


def test_a_removed_trips_report_cannot_be_reviewed(office, db_url):
    with writing(db_url) as s:
        answers = tuple((q.id, "Đã trả lời") for q in s.get(Trip, office["made"]).questions)
        report_id = reports.save_report(
            s,
            office["a"],
            office["made"],
            reports.ReportInput(findings="Kết quả", answers=answers),
            0,
            submissions.new_id(),
            submit=True,
        )
    remove(db_url, office["a"], office["made"])
    with pytest.raises(ValidationError), writing(db_url) as s:
        reports.review(s, office["ban_leader"], report_id, "accept", 1)


def test_rebuilding_the_kept_figures_leaves_a_removed_trip_out(office, db_url):
    remove(db_url, office["a"], office["made"])
    with reading(db_url) as s:
        kept = kept_rows(s)
    with writing(db_url) as s:
        rollups.rebuild(s)
        reports.mark_trips(s)
        reports.mark_proposals(s)
    with reading(db_url) as s:
        assert kept_rows(s) == kept
