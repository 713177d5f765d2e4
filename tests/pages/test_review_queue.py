"""Leaders decide on reports and registrations from /progress; cadres never can."""

from sqlalchemy import select

from core import review_queue
from core.accounts import load_actor
from core.i18n import t
from db.models import Registration, TripReport
from db.session import reading

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}


def test_ban_leader_sees_only_the_own_bans_pending_reports(actor_of, demo_url):
    leader = actor_of("truongban")
    with reading(demo_url) as s:
        pending = review_queue.pending_reports(s, leader, ban_id=None).items
    assert pending, "the demo has submitted reports in Ban Tổ chức"
    with reading(demo_url) as s:
        bans = {s.get(TripReport, p.report_id).trip.ban_id for p in pending}
    assert bans == {leader.ban_id}


def test_office_leader_sees_pending_reports_of_every_ban_but_not_own(actor_of, demo_url):
    office = actor_of("lanhdao")
    with reading(demo_url) as s:
        queue = review_queue.pending_reports(s, office, limit=1000)
        submitted = s.scalars(select(TripReport).where(TripReport.state == "submitted")).all()
        own = [r for r in submitted if r.trip.cadre_id == office.cadre_id]
        assert queue.total == len(queue.items) == len(submitted) - len(own)
        assert len({s.get(TripReport, p.report_id).trip.ban_id for p in queue.items}) > 1


def test_a_pending_report_carries_its_trip_questions_and_proposals(actor_of, demo_url):
    with reading(demo_url) as s:
        queue = review_queue.pending_reports(s, actor_of("lanhdao"), limit=1000)
        for item in queue.items:
            report = s.get(TripReport, item.report_id)
            trip = report.trip
            assert (item.cadre_name, item.start_date, item.end_date, item.findings, item.version) == (
                trip.cadre.full_name,
                trip.start_date,
                trip.end_date,
                report.findings,
                report.version,
            )
            assert item.questions == tuple((q.text, q.answer) for q in trip.questions)
            assert item.proposals == tuple(p.text for p in report.proposals)
    assert any(i.questions for i in queue.items) and any(i.proposals for i in queue.items)


def test_a_long_queue_is_drawn_a_page_at_a_time_oldest_first(actor_of, demo_url):
    office = actor_of("lanhdao")
    with reading(demo_url) as s:
        whole = review_queue.pending_reports(s, office, limit=1000)
        first = review_queue.pending_reports(s, office, limit=2)
        registrations = review_queue.pending_registrations(s, office, limit=1)
        all_registrations = review_queue.pending_registrations(s, office, limit=1000)
    assert whole.total > 2
    assert [p.report_id for p in first.items] == [p.report_id for p in whole.items[:2]]
    assert (first.total, first.more) == (whole.total, whole.total - 2)
    assert registrations.total == len(all_registrations.items) and len(registrations.items) <= 1


def test_a_leader_without_a_ban_is_offered_nothing(actor_of, demo_url):
    from dataclasses import replace

    leader = replace(actor_of("truongban"), ban_id=None)
    with reading(demo_url) as s:
        assert review_queue.pending_reports(s, leader).total == 0
        assert review_queue.pending_registrations(s, leader).total == 0


def test_leader_reads_a_picked_report_and_accepts_it_from_progress(app_as, demo_url):
    at = app_as("truongban", page="progress", query=WINDOW)
    picker = at.selectbox(key="queue_report")
    assert picker.value is None and not [
        b for b in at.button if b.key and b.key.startswith("accept_") and b.key != "accept_registrations"
    ]
    report_id = _first_waiting_report(demo_url, "truongban")
    picker.set_value(report_id).run()
    assert t("visits.report.findings", "vi") in [m.value.strip("*") for m in at.markdown]
    at.button(key=f"accept_{report_id}").click().run()
    assert not at.exception
    assert any("Đã duyệt báo cáo" in s.value for s in at.success)
    assert at.selectbox(key="queue_report").value != report_id  # the queue moved on
    with reading(demo_url) as s:
        assert s.get(TripReport, report_id).state == "accepted"


def test_after_each_decision_the_next_waiting_report_opens_until_the_queue_is_empty(app_as, demo_url):
    at = app_as("truongban", page="progress", query=WINDOW)
    with reading(demo_url) as s:
        waiting = [r.report_id for r in review_queue.pending_reports(s, load_actor(s, "truongban")).items]
    assert len(waiting) >= 2
    at.selectbox(key="queue_report").set_value(waiting[0]).run()
    for n, report_id in enumerate(waiting):
        assert at.selectbox(key="queue_report").value == report_id
        if n % 2:  # returned, with a reason: the queue moves on just the same
            at.text_area(key=f"reason_{report_id}").input("Bổ sung số liệu.")
            at.button(key=f"return_{report_id}").click().run()
        else:
            at.button(key=f"accept_{report_id}").click().run()
        assert not at.exception
        assert not [b for b in at.button if b.key in (f"accept_{report_id}", f"return_{report_id}")]
    assert not [w for w in at.selectbox if w.key == "queue_report"]
    assert t("progress.queue.no_reports", "vi") in [c.value for c in at.caption]
    with reading(demo_url) as s:
        assert {s.get(TripReport, i).state for i in waiting} == {"accepted", "returned"}


def test_returning_a_report_needs_a_reason(app_as, demo_url):
    at = app_as("truongban", page="progress", query=WINDOW)
    report_id = _first_waiting_report(demo_url, "truongban")
    at.selectbox(key="queue_report").set_value(report_id).run()
    at.button(key=f"return_{report_id}").click().run()
    assert any("Lý do trả lại" in e.value for e in at.error)
    with reading(demo_url) as s:
        assert s.get(TripReport, report_id).state == "submitted"
    at.text_area(key=f"reason_{report_id}").input("Bổ sung câu trả lời cho câu hỏi 2.")
    at.button(key=f"return_{report_id}").click().run()
    with reading(demo_url) as s:
        report = s.get(TripReport, report_id)
        assert report.state == "returned" and report.return_reason.startswith("Bổ sung")


def test_office_leader_accepts_the_registrations_picked_at_once(app_as, demo_url):
    at = app_as("lanhdao", page="progress", query=WINDOW)
    with reading(demo_url) as s:
        waiting = review_queue.pending_registrations(s, load_actor(s, "lanhdao")).items
    picked = [r.registration_id for r in waiting[:3]]
    assert at.button(key="accept_registrations").disabled
    at.multiselect(key="queue_registrations").set_value(picked).run()
    at.button(key="accept_registrations").click().run()
    assert not at.exception
    assert t("progress.queue.registrations_accepted", "vi", n=3) in [s.value for s in at.success]
    with reading(demo_url) as s:
        assert [s.get(Registration, i).state for i in picked] == ["accepted"] * 3
        assert s.get(Registration, waiting[3].registration_id).state == "submitted"


def test_meeting_mode_shows_no_decisions(app_as):
    at = app_as("lanhdao", page="progress", query={**WINDOW, "mode": "meeting"})
    assert not [w for w in at.selectbox if w.key == "queue_report"]
    assert not [b for b in at.button if b.key and b.key.startswith("accept_")]


def _first_waiting_report(url: str, username: str) -> int:
    with reading(url) as s:
        return review_queue.pending_reports(s, load_actor(s, username)).items[0].report_id
