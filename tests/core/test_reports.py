import datetime as dt

import pytest
from sqlalchemy import func, select

from core import reports, submissions
from core.errors import Conflict, PermissionDenied, ValidationError
from core.policy import YearPolicy
from db.models import AuditEntry, Proposal, Trip, TripQuestion, TripReport
from db.session import reading, writing
from tests import factories as f

D = dt.date


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC"), f.ban(s, "TG")
        me = f.cadre(s, tc, "C1")
        colleague = f.cadre(s, tc, "C2")
        boss = f.cadre(s, tc, "C3")
        stranger = f.cadre(s, tg, "C4")
        trip = f.trip(
            s,
            me,
            D(2018, 6, 1),
            D(2018, 6, 3),
            questions=("Thanh niên cần gì?", "Chi đoàn sinh hoạt thế nào?"),
        )
        planned = f.trip(s, me, D(2018, 9, 1), D(2018, 9, 2), planned=True)
        other_trip = f.trip(s, colleague, D(2018, 6, 1), D(2018, 6, 2))
        return {
            "me": f.actor(f.account(s, "canbo", ("cadre",), me), tc.id),
            "colleague": f.actor(f.account(s, "dongnghiep", ("cadre",), colleague), tc.id),
            "leader": f.actor(f.account(s, "truongban", ("ban_leader",), boss), tc.id),
            "other_leader": f.actor(f.account(s, "truongbankhac", ("ban_leader",), stranger), tg.id),
            "trip": trip.id,
            "planned": planned.id,
            "other_trip": other_trip.id,
            "questions": [q.id for q in trip.questions],
        }


def full(office, **kw):
    values = dict(
        findings="Đoàn xã hoạt động tốt.",
        good_models="Tổ vay vốn",
        difficulties="Thiếu kinh phí",
        proposals=("Tăng kinh phí", "", "Tập huấn cán bộ"),
        answers=tuple((q, f"Trả lời {i}") for i, q in enumerate(office["questions"])),
    )
    values.update(kw)
    return reports.ReportInput(**values)


def send(office, db_url, who="me", data=None, version=0, submit=True, sid=None):
    with writing(db_url) as s:
        return reports.save_report(
            s,
            office[who],
            office["trip"],
            data or full(office),
            version,
            sid or submissions.new_id(),
            submit=submit,
        )


def review(office, db_url, action, version, who="leader", reason=""):
    with writing(db_url) as s:
        report_id = s.scalar(select(TripReport.id))
        return reports.review(s, office[who], report_id, action, version, reason)


def state_and_version(db_url):
    with reading(db_url) as s:
        r = s.scalar(select(TripReport))
        return r.state, r.version


def test_draft_saved_with_nothing_required_then_submitted(office, db_url):
    send(office, db_url, data=reports.ReportInput(findings="Mới ghi được một ý"), submit=False)
    assert state_and_version(db_url) == ("draft", 1)
    send(office, db_url, version=1)
    assert state_and_version(db_url) == ("submitted", 2)
    with reading(db_url) as s:
        r = s.scalar(select(TripReport))
        assert r.submitted_at is not None
        assert [p.text for p in r.proposals] == ["Tăng kinh phí", "Tập huấn cán bộ"]
        assert [q.answer for q in s.scalars(select(TripQuestion).order_by(TripQuestion.position))] == [
            "Trả lời 0",
            "Trả lời 1",
        ]
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.table_name == "trip_reports")).all()
        assert actions == ["report.save", "report.submit"]


def test_sending_needs_findings_and_an_answer_to_every_question(office, db_url):
    data = full(office, findings="", answers=((office["questions"][0], "Có"),))
    with pytest.raises(ValidationError) as err:
        send(office, db_url, data=data)
    assert err.value.fields() == {"visits.report.findings", "visits.report.answer"}
    assert "Trả lời câu hỏi 2: chưa có câu trả lời." in err.value.messages("vi")
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(TripReport)) == 0


def test_submitted_report_is_returned_with_a_reason(office, db_url):
    send(office, db_url)
    assert review(office, db_url, "return", 1, reason="Thiếu số liệu") == "returned"
    with reading(db_url) as s:
        assert s.scalar(select(TripReport.return_reason)) == "Thiếu số liệu"


def test_returning_without_a_reason_is_refused(office, db_url):
    send(office, db_url)
    with pytest.raises(ValidationError) as err:
        review(office, db_url, "return", 1)
    assert err.value.fields() == {"visits.report.return_reason"}
    assert state_and_version(db_url) == ("submitted", 1)


def test_returned_report_is_edited_and_submitted_again(office, db_url):
    send(office, db_url)
    review(office, db_url, "return", 1, reason="Thiếu số liệu")
    send(
        office, db_url, data=full(office, findings="Bổ sung số liệu: 70% chi đoàn sinh hoạt đều."), version=2
    )
    assert state_and_version(db_url) == ("submitted", 3)


def test_submitted_report_is_accepted_and_then_read_only(office, db_url):
    send(office, db_url)
    assert review(office, db_url, "accept", 1) == "accepted"
    with reading(db_url) as s:
        r = s.scalar(select(TripReport))
        assert r.accepted_by == office["leader"].account_id and r.accepted_at is not None
        assert not reports.report_for_trip(s, office["me"], office["trip"]).editable
    with pytest.raises(ValidationError) as err:
        send(office, db_url, version=2)
    assert "không sửa được nữa" in err.value.messages("vi")[0]


def test_only_submitted_reports_can_be_reviewed(office, db_url):
    send(office, db_url, submit=False)
    with pytest.raises(ValidationError):
        review(office, db_url, "accept", 1)
    with pytest.raises(ValidationError):
        review(office, db_url, "return", 1, reason="x")


def test_a_submitted_report_cannot_be_changed_by_the_cadre(office, db_url):
    send(office, db_url)
    with pytest.raises(ValidationError):
        send(office, db_url, version=1, submit=False)


def test_cadre_cannot_review_nor_write_the_report_of_another_cadre(office, db_url):
    send(office, db_url)
    with pytest.raises(PermissionDenied):
        review(office, db_url, "accept", 1, who="colleague")
    with pytest.raises(PermissionDenied), writing(db_url) as s:
        reports.save_report(s, office["colleague"], office["trip"], full(office), 1, submissions.new_id())
    with reading(db_url) as s, pytest.raises(PermissionDenied):
        reports.report_for_trip(s, office["me"], office["other_trip"])


def test_leader_of_another_ban_cannot_review(office, db_url):
    send(office, db_url)
    with pytest.raises(PermissionDenied):
        review(office, db_url, "accept", 1, who="other_leader")


def test_stale_version_is_a_conflict(office, db_url):
    send(office, db_url, submit=False)
    with pytest.raises(Conflict):
        send(office, db_url, version=0, submit=False, data=full(office, findings="Khác"))


def test_double_submit_stores_one_report(office, db_url):
    first = send(office, db_url, sid="same-click")
    assert send(office, db_url, sid="same-click") == first
    assert state_and_version(db_url) == ("submitted", 1)
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Proposal)) == 2


def test_a_planned_trip_cannot_be_reported(office, db_url):
    with pytest.raises(ValidationError), writing(db_url) as s:
        reports.save_report(s, office["me"], office["planned"], full(office), 0, submissions.new_id())


def test_overdue_means_past_the_deadline_without_a_report_sent():
    due = reports.due_date(D(2018, 6, 3), YearPolicy(2018, report_deadline_days=10))
    assert due == D(2018, 6, 13)
    assert not reports.is_overdue(None, due, D(2018, 6, 13))
    assert reports.is_overdue(None, due, D(2018, 6, 14))
    assert reports.is_overdue("draft", due, D(2018, 6, 14))
    assert not reports.is_overdue("submitted", due, D(2018, 6, 14))
    assert not reports.is_overdue("accepted", due, D(2018, 6, 14))


def test_the_trip_keeps_when_its_report_came_in_through_every_move(office, db_url):
    """The window's report figures read the trip's copy (core.report_counts.report_counts)."""

    def came_in():
        with reading(db_url) as s:
            r = s.scalar(select(TripReport))
            return s.get(Trip, office["trip"]).reported_at, r.submitted_at

    send(office, db_url, submit=False)
    assert came_in()[0] is None  # a draft is not in
    send(office, db_url, version=1)
    kept, sent = came_in()
    assert kept == sent is not None
    review(office, db_url, "return", 2, reason="Thiếu số liệu")
    assert came_in()[0] is None
    send(office, db_url, version=3)
    review(office, db_url, "accept", 4)
    kept, sent = came_in()
    assert kept == sent is not None


def test_each_proposal_keeps_its_trips_end_once_the_report_is_sent(office, db_url):
    """A period's proposals are found by that copy (core.proposals._proposals_shown)."""

    def kept():
        with reading(db_url) as s:
            return s.execute(select(Proposal.text, Proposal.trip_end).order_by(Proposal.id)).all()

    end = D(2018, 6, 3)
    send(office, db_url, submit=False)
    assert kept() == [("Tăng kinh phí", None), ("Tập huấn cán bộ", None)]  # a draft's are not shown
    send(office, db_url, version=1)
    assert kept() == [("Tăng kinh phí", end), ("Tập huấn cán bộ", end)]
    review(office, db_url, "return", 2, reason="Thiếu số liệu")
    # Edited while returned, not yet sent again: the new proposal is shown at once, as the
    # returned report's were.
    send(
        office,
        db_url,
        data=full(office, proposals=("Tăng kinh phí", "Thêm sân chơi")),
        version=3,
        submit=False,
    )
    assert kept() == [("Tăng kinh phí", end), ("Thêm sân chơi", end)]
    send(office, db_url, data=full(office, proposals=("Thêm sân chơi",)), version=4)
    review(office, db_url, "accept", 5)
    assert kept() == [("Thêm sân chơi", end)]
