"""The review's writes (meeting record, proposal follow-up), its rules of reading, and the
report deadline and target rules, on small hand-built offices."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from core import meetings, progress, proposals, report_counts, reports, summary
from core.errors import Conflict, DuplicateSubmission, PermissionDenied, ValidationError
from core.periods import Window
from core.targets import targets_in
from db.models import AuditEntry, Exemption, Proposal, ReviewMeeting, TripReport
from db.session import reading, writing
from tests import factories as f

D = dt.date
WINDOW = Window(D(2018, 6, 1), D(2018, 7, 31))


def office(db_url):
    """Ban TC (leader L, cadres A, B) and ban TG (cadre C); an office leader O."""
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC", order=1), f.ban(s, "TG", order=2)
        lead, a, b = f.cadre(s, tc, "L"), f.cadre(s, tc, "A"), f.cadre(s, tc, "B")
        c = f.cadre(s, tg, "C")
        o = f.cadre(s, tg, "O")
        actors = {
            "leader": f.actor(f.account(s, "tb", ("ban_leader",), lead), tc.id),
            "office": f.actor(f.account(s, "ld", ("office_leader",), o), tg.id),
            "cadre": f.actor(f.account(s, "cb", ("cadre",), a), tc.id),
        }
        ids = {"TC": tc.id, "TG": tg.id, "L": lead.id, "A": a.id, "B": b.id, "C": c.id}
        return actors, ids


def meeting_input(**kw):
    values = dict(
        held_on=D(2018, 8, 9),
        period_from=WINDOW.start,
        period_to=WINDOW.end,
        chair="Đồng chí Bí thư thứ nhất",
        conclusions="Đi cơ sở phải thành nhu cầu.",
    )
    values.update(kw)
    return meetings.MeetingInput(**values)


def save_meeting(db_url, *args, **kw):
    with writing(db_url) as s:
        return meetings.save_meeting(s, *args, **kw)


def count(db_url, model, *where):
    with reading(db_url) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_a_double_submitted_meeting_record_is_stored_once_and_audited(db_url):
    actors, _ = office(db_url)
    first = save_meeting(db_url, actors["office"], meeting_input(), submission_id="m-1")
    again = save_meeting(db_url, actors["office"], meeting_input(), submission_id="m-1")
    assert first == again
    assert count(db_url, ReviewMeeting) == 1
    assert count(db_url, AuditEntry, AuditEntry.table_name == "review_meetings") == 1
    with pytest.raises(DuplicateSubmission):
        save_meeting(db_url, actors["office"], meeting_input(chair="Người khác"), submission_id="m-1")


def test_a_stale_edit_of_the_meeting_record_is_refused(db_url):
    actors, _ = office(db_url)
    meeting = save_meeting(db_url, actors["office"], meeting_input(), submission_id="m-2")
    save_meeting(
        db_url,
        actors["office"],
        meeting_input(directions="Tăng báo cáo chuyên đề."),
        meeting_id=meeting,
        version=1,
    )
    with pytest.raises(Conflict):
        save_meeting(
            db_url, actors["office"], meeting_input(directions="Bản cũ"), meeting_id=meeting, version=1
        )
    with reading(db_url) as s:
        row = s.get(ReviewMeeting, meeting)
        assert (row.directions, row.version) == ("Tăng báo cáo chuyên đề.", 2)


def test_a_meeting_record_without_chair_or_with_a_reversed_period_names_both_fields(db_url):
    actors, _ = office(db_url)
    with pytest.raises(ValidationError) as caught:
        save_meeting(
            db_url,
            actors["office"],
            meeting_input(chair=" \u200b ", period_to=D(2018, 5, 1)),
            submission_id="m-3",
        )
    assert caught.value.fields() == {"review.field.chair", "review.field.period_to"}
    assert "Chủ trì: bắt buộc nhập." in caught.value.messages("vi")
    assert count(db_url, ReviewMeeting) == 0


def test_a_cadre_cannot_write_a_meeting_record_nor_read_the_review(db_url):
    actors, _ = office(db_url)
    with pytest.raises(PermissionDenied):
        save_meeting(db_url, actors["cadre"], meeting_input(), submission_id="m-4")
    with reading(db_url) as s, pytest.raises(PermissionDenied):
        summary.summary(s, actors["cadre"], WINDOW, D(2018, 8, 9))


def reported_trip(
    db_url,
    cadre_id,
    start,
    end,
    state="accepted",
    submitted=None,
    proposals=(),
    good_models="Mô hình hay",
    findings="",
):
    from db.models import Cadre

    with writing(db_url) as s:
        trip = f.trip(s, s.get(Cadre, cadre_id), start, end)
        if state:
            report = TripReport(
                trip_id=trip.id,
                state=state,
                good_models=good_models,
                findings=findings,
                submitted_at=dt.datetime.combine(submitted or end, dt.time(9)),
            )
            report.proposals = [Proposal(text=text, state=p_state) for text, p_state in proposals]
            report.trip = trip
            reports.mark(report)
            s.add(report)
        return trip.id


def test_proposals_stay_on_the_summary_until_done(db_url):
    actors, ids = office(db_url)
    reported_trip(
        db_url,
        ids["A"],
        D(2018, 3, 5),
        D(2018, 3, 7),
        proposals=[("Đề nghị tăng kinh phí", "open"), ("Đề nghị tài liệu", "done")],
    )
    reported_trip(
        db_url, ids["A"], D(2018, 3, 12), D(2018, 3, 13), proposals=[("Đề nghị sân chơi", "in_progress")]
    )
    reported_trip(db_url, ids["C"], D(2018, 6, 5), D(2018, 6, 7), proposals=[("Đề nghị tập huấn", "open")])
    # A draft's proposals are not raised yet, in the window or before it.
    reported_trip(
        db_url, ids["C"], D(2018, 6, 12), D(2018, 6, 13), state="draft", proposals=[("Nháp", "open")]
    )
    reported_trip(
        db_url, ids["A"], D(2018, 3, 20), D(2018, 3, 21), state="draft", proposals=[("Nháp cũ", "open")]
    )
    with reading(db_url) as s:
        rows = proposals.proposals_for(s, actors["office"], WINDOW)
        page = proposals.proposal_page(s, actors["office"], WINDOW)
    assert [(r.text, r.carried_over) for r in rows] == [
        ("Đề nghị tăng kinh phí", True),
        ("Đề nghị sân chơi", True),
        ("Đề nghị tập huấn", False),
    ]
    assert ([r.text for r in page.rows], page.total, page.open, page.carried) == (
        [r.text for r in rows],
        3,
        3,
        2,
    )
    carried = rows[0]
    with writing(db_url) as s:
        proposals.follow_up(
            s, actors["office"], carried.id, ids["TC"], "done", "Đã bổ sung kinh phí.", carried.updated_at
        )
    with reading(db_url) as s:
        assert [r.text for r in proposals.proposals_for(s, actors["office"], WINDOW)] == [
            "Đề nghị sân chơi",
            "Đề nghị tập huấn",
        ]
        assert (
            s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.table_name == "proposals", AuditEntry.action == "follow_up")
            )
            == 1
        )


def test_a_stale_follow_up_is_refused_and_a_state_needs_a_ban(db_url):
    actors, ids = office(db_url)
    reported_trip(db_url, ids["A"], D(2018, 6, 5), D(2018, 6, 7), proposals=[("Đề nghị", "open")])
    with reading(db_url) as s:
        row = proposals.proposals_for(s, actors["office"], WINDOW)[0]
    with writing(db_url) as s, pytest.raises(ValidationError) as caught:
        proposals.follow_up(s, actors["office"], row.id, None, "in_progress", "", row.updated_at)
    assert caught.value.fields() == {"review.field.assigned_ban"}
    with writing(db_url) as s:
        proposals.follow_up(s, actors["office"], row.id, ids["TG"], "in_progress", "Đang làm", row.updated_at)
    with writing(db_url) as s, pytest.raises(Conflict):
        proposals.follow_up(s, actors["office"], row.id, ids["TC"], "done", "", row.updated_at)


def test_a_ban_leader_lists_absent_cadres_of_the_own_ban_only_with_exemptions(db_url):
    actors, ids = office(db_url)
    with writing(db_url) as s:
        s.add(
            Exemption(
                cadre_id=ids["B"],
                kind="training",
                start_date=D(2018, 5, 1),
                end_date=D(2018, 9, 30),
                note="Học lớp lý luận chính trị",
            )
        )
    reported_trip(db_url, ids["A"], D(2018, 6, 5), D(2018, 6, 7))
    with reading(db_url) as s:
        own = summary.did_not_go(s, actors["leader"], WINDOW)
        everyone = summary.did_not_go(s, actors["office"], WINDOW)
        with pytest.raises(PermissionDenied):
            progress.ban_detail(s, actors["leader"], WINDOW, ids["TG"], D(2018, 8, 9))
    assert [(a.full_name, a.exemptions) for a in own] == [
        ("Cán bộ B", ("Học lớp lý luận chính trị",)),
        ("Cán bộ L", ()),
    ]
    assert {a.full_name for a in everyone} == {"Cán bộ B", "Cán bộ L", "Cán bộ C", "Cán bộ O"}


def test_a_report_is_overdue_only_past_the_deadline_and_judged_at_the_window_end(db_url):
    _, ids = office(db_url)
    reported_trip(db_url, ids["A"], D(2018, 7, 18), D(2018, 7, 20), state=None)  # due 30/07: overdue on 31/07
    reported_trip(db_url, ids["B"], D(2018, 7, 19), D(2018, 7, 21), state=None)  # due 31/07: not yet
    reported_trip(db_url, ids["C"], D(2018, 6, 1), D(2018, 6, 2), submitted=D(2018, 8, 2))  # in after 31/07
    reported_trip(db_url, ids["L"], D(2018, 6, 10), D(2018, 6, 11), state="returned")
    with reading(db_url) as s:
        counts = report_counts.report_counts(s, WINDOW, D(2018, 12, 1))
        while_running = report_counts.report_counts(s, WINDOW, D(2018, 6, 5))
    assert (counts.trips, counts.reported, counts.overdue) == (4, 0, 3)
    assert (while_running.trips, while_running.overdue) == (1, 0)


def test_targets_are_pro_rated_to_the_window_and_lowered_by_exemptions(db_url):
    actors, ids = office(db_url)
    with writing(db_url) as s:
        s.add(
            Exemption(
                cadre_id=ids["B"],
                kind="maternity",
                start_date=D(2018, 7, 1),
                end_date=D(2018, 12, 31),
                note="Nghỉ thai sản",
            )
        )
    today = D(2018, 8, 9)
    with reading(db_url) as s:
        targets = targets_in(s, WINDOW, today, ids["TC"])
        half_way = targets_in(s, WINDOW, D(2018, 6, 30), ids["TC"])
    # 60 days × 61/365 = 10.03 → 10; B was exempted 31 of the 61 days → 60 × 30/365 = 4.9 → 5.
    assert sorted(t for _, t in targets.values()) == [5, 10, 10]
    assert sorted(t for _, t in half_way.values()) == [5, 5, 5]  # 60 × 30/365 by 30/06


# --- Who reads what the cadres wrote -------------------------------------------------------------

SECRET = "bí mật ban TG"


def two_bans_reporting(db_url):
    """A report of cadre A (ban TC) and one of cadre C (ban TG), each with a good model, a
    finding and a proposal; C's carry SECRET in every text."""
    actors, ids = office(db_url)
    reported_trip(
        db_url,
        ids["A"],
        D(2018, 6, 5),
        D(2018, 6, 7),
        good_models="Mô hình ban TC",
        findings="Phát hiện ban TC",
        proposals=[("Kiến nghị ban TC", "open")],
    )
    reported_trip(
        db_url,
        ids["C"],
        D(2018, 6, 12),
        D(2018, 6, 13),
        good_models=f"Mô hình {SECRET}",
        findings=f"Phát hiện {SECRET}",
        proposals=[(f"Kiến nghị {SECRET}", "open")],
    )
    reported_trip(
        db_url,
        ids["C"],
        D(2018, 3, 12),
        D(2018, 3, 13),
        good_models=f"Mô hình cũ {SECRET}",
        proposals=[(f"Kiến nghị cũ {SECRET}", "in_progress")],
    )
    return actors, ids


def texts(value) -> str:
    """Every string inside a summary, its rows and tables, as one text to search."""
    import dataclasses

    if isinstance(value, str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return " ".join(texts(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return " ".join(texts(k) + " " + texts(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return " ".join(texts(v) for v in value)
    return ""


def test_a_ban_leader_reads_the_own_bans_report_content_and_other_bans_as_counts(db_url):
    actors, ids = two_bans_reporting(db_url)
    leader = actors["leader"]
    with reading(db_url) as s:
        notable = summary.highlights(s, leader, WINDOW)
        rows = proposals.proposals_for(s, leader, WINDOW)
        page = proposals.proposal_page(s, leader, WINDOW)
        counts = proposals.proposal_counts(s, leader, WINDOW)
        whole = summary.summary(s, leader, WINDOW, D(2018, 8, 9))
        everything = summary.summary(s, actors["office"], WINDOW, D(2018, 8, 9))
    assert [(h.cadre, h.good_models) for h in notable] == [("Cán bộ A", "Mô hình ban TC")]
    assert [(r.text, r.raised_by) for r in rows] == [("Kiến nghị ban TC", "Cán bộ A")]
    assert ([r.text for r in page.rows], page.total, page.open, page.carried) == (
        ["Kiến nghị ban TC"],
        1,
        1,
        0,
    )
    # Of every ban, how many: TC raised one, TG two (one carried over).
    assert [(c.ban, c.total, c.open) for c in counts] == [("Ban TC", 1, 1), ("Ban TG", 2, 2)]
    assert whole.proposal_counts == counts and not whole.every_ban
    assert SECRET not in texts(whole) and "Cán bộ C" not in texts(whole)
    # The office leadership reads every ban's.
    assert everything.every_ban
    assert {h.cadre for h in everything.highlights} == {"Cán bộ A", "Cán bộ C"}
    assert {r.raised_by for r in everything.proposals} == {"Cán bộ A", "Cán bộ C"}
    assert SECRET in texts(everything)


def test_a_ban_leaders_word_report_and_workbook_hold_no_text_of_another_ban(db_url):
    import io

    import openpyxl
    from docx import Document

    from core.exports import review_report

    actors, _ = two_bans_reporting(db_url)
    with reading(db_url) as s:
        own = summary.summary(s, actors["leader"], WINDOW, D(2018, 8, 9))
        every = summary.summary(s, actors["office"], WINDOW, D(2018, 8, 9))

    def word(summary_):
        doc = Document(io.BytesIO(review_report.report(summary_, "vi")))
        cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
        return " ".join([p.text for p in doc.paragraphs] + cells)

    def book(summary_):
        sheets = openpyxl.load_workbook(io.BytesIO(review_report.workbook(summary_, "vi")))
        return {ws.title: [row for row in ws.iter_rows(values_only=True)] for ws in sheets}

    for text in (word(own), " ".join(str(v) for rows in book(own).values() for row in rows for v in row)):
        assert SECRET not in text and "Cán bộ C" not in text
        assert "Kiến nghị ban TC" in text
    rows = book(own)["Kiến nghị theo ban"]
    header = next(i for i, row in enumerate(rows) if row[0] == "Ban")  # under the sheet's title
    assert rows[header + 1 : header + 3] == [("Ban TC", 1, 1), ("Ban TG", 2, 2)]
    assert SECRET in word(every) and "Cán bộ C" in word(every)


def test_a_proposal_assigned_to_the_own_ban_shows_its_text_but_not_who_of_another_ban_raised_it(db_url):
    actors, ids = two_bans_reporting(db_url)
    with reading(db_url) as s:
        theirs = next(
            r
            for r in proposals.proposals_for(s, actors["office"], WINDOW)
            if r.raised_by == "Cán bộ C" and not r.carried_over
        )
    with writing(db_url) as s:
        proposals.follow_up(
            s, actors["office"], theirs.id, ids["TC"], "in_progress", "Giao ban TC", theirs.updated_at
        )
    with reading(db_url) as s:
        rows = proposals.proposals_for(s, actors["leader"], WINDOW)
        page = proposals.proposal_page(s, actors["leader"], WINDOW)
    assert [(r.text, r.raised_by, r.origin_ban) for r in rows] == [
        ("Kiến nghị ban TC", "Cán bộ A", "Ban TC"),
        (f"Kiến nghị {SECRET}", "", "Ban TG"),
    ]
    assert page.rows == tuple(rows) and page.total == 2
    assert "Cán bộ C" not in texts(summary.proposal_frame(rows).to_dict())


def test_a_leaders_queue_of_another_ban_shows_nothing_of_it(db_url):
    from core import review_queue

    actors, ids = office(db_url)
    reported_trip(
        db_url,
        ids["C"],
        D(2018, 6, 12),
        D(2018, 6, 13),
        state="submitted",
        good_models=f"Mô hình {SECRET}",
        proposals=[(f"Kiến nghị {SECRET}", "open")],
    )
    with reading(db_url) as s:
        theirs = review_queue.pending_reports(s, actors["leader"], ids["TG"])
        all_bans = review_queue.pending_reports(s, actors["leader"], None)
        office_view = review_queue.pending_reports(s, actors["office"], ids["TG"])
    assert (theirs.total, theirs.items, all_bans.total) == (0, (), 0)
    assert office_view.total == 1 and SECRET in office_view.items[0].good_models


def test_only_the_office_leadership_writes_meeting_records(db_url):
    actors, _ = office(db_url)
    with pytest.raises(PermissionDenied):
        save_meeting(db_url, actors["leader"], meeting_input(), submission_id="m-5")
    meeting = save_meeting(db_url, actors["office"], meeting_input(), submission_id="m-6")
    with pytest.raises(PermissionDenied):
        save_meeting(
            db_url,
            actors["leader"],
            meeting_input(directions="Của trưởng ban"),
            meeting_id=meeting,
            version=1,
        )
    with reading(db_url) as s:
        row = s.get(ReviewMeeting, meeting)
        assert (row.version, row.directions) == (1, "")
        # Ban leaders read the records.
        assert [m.id for m in summary.summary(s, actors["leader"], WINDOW, D(2018, 8, 9)).meetings] == [
            meeting
        ]
    assert count(db_url, ReviewMeeting) == 1


def test_a_ban_leader_follows_up_only_the_proposals_assigned_to_the_own_ban(db_url):
    actors, ids = two_bans_reporting(db_url)
    leader, lead = actors["leader"], actors["office"]

    def row(text):
        with reading(db_url) as s:
            return next(r for r in proposals.proposals_for(s, lead, WINDOW) if r.text == text)

    def follow(actor, text, ban, state, note=""):
        with writing(db_url) as s:
            r = row(text)
            return proposals.follow_up(s, actor, r.id, ban, state, note, r.updated_at)

    own, theirs = "Kiến nghị ban TC", f"Kiến nghị {SECRET}"
    before = count(db_url, AuditEntry)
    # Not assigned yet: assigning, even to the own ban, is the office's.
    for text in (own, theirs):
        with pytest.raises(PermissionDenied):
            follow(leader, text, ids["TC"], "in_progress")
    follow(lead, own, ids["TC"], "open")
    follow(lead, theirs, ids["TG"], "in_progress")
    # Another ban's proposal: neither closed, nor taken, nor noted.
    for ban, state in ((ids["TG"], "done"), (ids["TC"], "in_progress"), (None, "open")):
        with pytest.raises(PermissionDenied):
            follow(leader, theirs, ban, state, "Ghi chú")
    # The own ban's: moved along and noted, but not handed to another ban.
    follow(leader, own, ids["TC"], "in_progress", "Đang làm")
    with pytest.raises(PermissionDenied):
        follow(leader, own, ids["TG"], "in_progress", "Đang làm")
    with pytest.raises(PermissionDenied):
        follow(leader, own, None, "open")
    assert count(db_url, AuditEntry) == before + 3
    assert (row(own).state, row(own).follow_up, row(own).assigned_ban_id) == (
        "in_progress",
        "Đang làm",
        ids["TC"],
    )
    assert (row(theirs).state, row(theirs).follow_up) == ("in_progress", "")
    # The office leadership reassigns and closes any.
    follow(lead, own, ids["TG"], "done", "Chuyển ban TG, đã xong")
    assert (row(own).state, row(own).assigned_ban_id) == ("done", ids["TG"])
