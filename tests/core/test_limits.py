"""Every write service caps the number of items of its list fields and the length of its
texts (core.limits): one item over the cap is refused naming the field, before anything is
written; a list at the cap is stored."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import func, select

from core import (
    accounts,
    evaluations,
    limits,
    meetings,
    policy,
    proposals,
    registrations,
    reports,
    roster,
    submissions,
    trips,
)
from core.errors import ValidationError
from db.models import (
    Account,
    AuditEntry,
    Ban,
    Cadre,
    DataVersion,
    Evaluation,
    Policy,
    Proposal,
    Registration,
    ReviewMeeting,
    Trip,
    TripReport,
)
from db.session import reading, writing
from tests import factories as f

D = dt.date
TODAY = D(2018, 8, 9)


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        tc = f.ban(s, "TC")
        me, boss, lead = f.cadre(s, tc, "C1"), f.cadre(s, tc, "C2"), f.cadre(s, tc, "C3")
        return {
            "me": f.actor(f.account(s, "canbo", ("cadre",), me), tc.id),
            "leader": f.actor(f.account(s, "truongban", ("ban_leader",), boss), tc.id),
            "office": f.actor(f.account(s, "lanhdao", ("office_leader",), lead), tc.id),
            "admin": f.actor(f.account(s, "quantri", ("admin",)), None),
            "me_id": me.id,
            "ban": tc.id,
        }


def footprint(url) -> tuple:
    """What any write would change: the rows of every table a service writes, the audit, the
    data version."""
    with reading(url) as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m))
            for m in (
                Trip,
                TripReport,
                Proposal,
                Registration,
                ReviewMeeting,
                Evaluation,
                Cadre,
                Ban,
                Policy,
                Account,
                AuditEntry,
            )
        ) + (s.scalar(select(DataVersion.version)),)


def refused(url, write, field: str, message: str = "error.too_many") -> None:
    """`write(session)` is refused naming `field` with `message`, and wrote nothing."""
    before = footprint(url)
    with pytest.raises(ValidationError) as caught, writing(url) as s:
        write(s)
    assert (field, message) in {(e.field, e.message) for e in caught.value.errors}, caught.value.errors
    assert footprint(url) == before


def stored(url, write):
    with writing(url) as s:
        return write(s)


def save_trip(office, start=D(2018, 6, 4), **kw):
    return lambda s: trips.save_trip(
        s, office["me"], office["me_id"], f.trip_input(start, start, **kw), submissions.new_id(), today=TODAY
    )


# --- Trips: questions, tags, content types -------------------------------------------------------


@pytest.mark.parametrize(
    "field, key, cap, item",
    [
        ("questions", "visits.field.questions", limits.QUESTIONS, "Câu hỏi {}"),
        ("tags", "visits.field.tags", limits.TAGS, "Hoạt động {}"),
    ],
)
def test_a_trips_list_one_over_its_cap_is_refused_and_at_its_cap_stored(
    db_url, office, field, key, cap, item
):
    refused(db_url, save_trip(office, **{field: tuple(item.format(i) for i in range(cap + 1))}), key)
    trip_id = stored(db_url, save_trip(office, **{field: tuple(item.format(i) for i in range(cap))}))
    with reading(db_url) as s:
        trip = s.get(Trip, trip_id)
        assert len(trip.questions if field == "questions" else trip.tags) == cap


def test_a_trips_content_types_are_each_once_at_most(db_url, office):
    every = ("thematic", "coorganise", "inspection", "branch_meeting")
    refused(db_url, save_trip(office, content_types=(*every, "other")), "visits.field.content_types")
    stored(db_url, save_trip(office, content_types=every + every))  # the same type twice is once


def test_an_over_long_item_of_a_list_is_refused_naming_the_list(db_url, office):
    refused(db_url, save_trip(office, tags=("x" * (limits.NAME + 1),)), "visits.field.tags", "error.too_long")
    refused(
        db_url,
        save_trip(office, province="x" * (limits.PLACE + 1)),
        "visits.field.province",
        "error.too_long",
    )


def test_half_a_million_question_lines_are_refused_fast(db_url, office):
    lines = tuple(f"Câu hỏi số {i}" for i in range(500_000))
    started = time.perf_counter()
    refused(db_url, save_trip(office, questions=lines), "visits.field.questions")
    assert time.perf_counter() - started < 10  # today: seconds holding the write lock, and stored


# --- Reports: proposals, answers ---------------------------------------------------------------


def made_trip(db_url, office, questions=()):
    with writing(db_url) as s:
        trip = f.trip(s, s.get(Cadre, office["me_id"]), D(2018, 6, 1), D(2018, 6, 2), questions=questions)
        return trip.id, [q.id for q in trip.questions]


def write_report(office, trip_id, **kw):
    data = reports.ReportInput(findings="Đoàn xã hoạt động tốt.", **kw)
    return lambda s: reports.save_report(s, office["me"], trip_id, data, 0, submissions.new_id())


def test_a_reports_proposals_one_over_the_cap_are_refused_and_at_the_cap_stored(db_url, office):
    trip_id, _ = made_trip(db_url, office)
    refused(
        db_url,
        write_report(office, trip_id, proposals=tuple(f"Kiến nghị {i}" for i in range(limits.PROPOSALS + 1))),
        "visits.report.proposals",
    )
    stored(
        db_url,
        write_report(office, trip_id, proposals=tuple(f"Kiến nghị {i}" for i in range(limits.PROPOSALS))),
    )
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Proposal)) == limits.PROPOSALS


def test_a_reports_answers_one_over_the_cap_are_refused_and_at_the_cap_stored(db_url, office):
    trip_id, ids = made_trip(db_url, office, questions=tuple(f"Câu {i}" for i in range(limits.QUESTIONS)))
    too_many = tuple((q, "Trả lời") for q in ids) + ((ids[0], "Lần nữa"),)
    refused(db_url, write_report(office, trip_id, answers=too_many), "visits.report.answer")
    stored(db_url, write_report(office, trip_id, answers=tuple((q, "Trả lời") for q in ids)))


# --- Registrations: content types --------------------------------------------------------------


def register(office, content_types):
    data = registrations.RegistrationInput(2018, 4, 10, "Hà Giang", content_types)
    return lambda s: registrations.save(
        s, office["me"], office["me_id"], data, submissions.new_id(), today=TODAY
    )


def test_a_registrations_content_types_over_the_cap_are_refused_and_at_the_cap_stored(db_url, office):
    every = ("thematic", "coorganise", "inspection", "branch_meeting")
    refused(db_url, register(office, (*every, "x")), "visits.field.content_types")
    stored(db_url, register(office, every))


# --- Texts: meeting records, follow-up notes, evaluations, the roster, accounts, policy ----------


def meeting(office, **kw):
    data = meetings.MeetingInput(D(2018, 8, 9), D(2018, 6, 1), D(2018, 7, 31), "Chủ trì", **kw)
    return lambda s: meetings.save_meeting(s, office["office"], data, submission_id=submissions.new_id())


@pytest.mark.parametrize(
    "field, key, cap",
    [
        ("title", "review.field.title", limits.TITLE),
        ("attendees", "review.field.attendees", limits.MEETING_TEXT),
        ("conclusions", "review.conclusions", limits.MEETING_TEXT),
    ],
)
def test_a_meeting_records_texts_are_capped(db_url, office, field, key, cap):
    refused(db_url, meeting(office, **{field: "x" * (cap + 1)}), key, "error.too_long")
    stored(db_url, meeting(office, **{field: "x" * cap}))


def test_a_follow_up_note_is_capped(db_url, office):
    trip_id, _ = made_trip(db_url, office)
    stored(db_url, write_report(office, trip_id, proposals=("Kiến nghị",)))
    with reading(db_url) as s:
        p = s.scalar(select(Proposal))
        read_at = p.updated_at

    def follow(note):
        return lambda s: proposals.follow_up(
            s, office["office"], p.id, office["ban"], "in_progress", note, read_at
        )

    refused(db_url, follow("x" * (limits.FOLLOW_UP + 1)), "review.field.follow_up", "error.too_long")
    stored(db_url, follow("x" * limits.FOLLOW_UP))


def test_an_evaluations_comment_is_capped(db_url, office):
    def propose(comment):
        return lambda s: evaluations.save(
            s, office["leader"], office["me_id"], 2018, "propose", None, "good", comment
        )

    refused(db_url, propose("x" * (limits.TEXT + 1)), "evaluations.field.comment", "error.too_long")
    stored(db_url, propose("x" * limits.TEXT))


def test_the_rosters_names_are_capped(db_url, office):
    def cadre(**kw):
        data = roster.CadreInput(**{"code": "C9", "full_name": "Cán bộ mới", "ban_code": "TC", **kw})
        return lambda s: roster.save_cadre(s, office["admin"], data)

    refused(db_url, cadre(full_name="x" * (limits.NAME + 1)), "roster.col.full_name", "error.too_long")
    refused(db_url, cadre(email="a" * limits.NAME + "@b.vn"), "roster.col.email", "error.too_long")
    refused(
        db_url,
        lambda s: roster.save_ban(s, office["admin"], "TX", "x" * (limits.NAME + 1)),
        "admin.ban_name",
        "error.too_long",
    )
    stored(db_url, cadre(full_name="x" * limits.NAME))


def test_an_accounts_name_and_roles_are_capped(db_url, office):
    def create(name="Người mới", roles=("cadre",)):
        return lambda s: accounts.create_account(s, office["admin"], "nguoimoi", name, None, roles)

    refused(db_url, create(name="x" * (limits.NAME + 1)), "accounts.display_name", "error.too_long")
    refused(db_url, create(roles=("cadre", "ban_leader", "office_leader", "admin", "root")), "accounts.roles")
    stored(db_url, create(roles=("cadre", "ban_leader", "office_leader", "admin") * 2))


def test_a_policys_lists_are_capped(db_url, office):
    def save(**kw):
        return lambda s: policy.save(s, office["admin"], policy.YearPolicy(2019, **kw))

    kinds = tuple(f"loai_{i}" for i in range(limits.EXEMPTION_KINDS + 1))
    refused(db_url, save(exemption_kinds=kinds), "policy.exemption_kinds")
    refused(
        db_url, save(exemption_kinds=("x" * (limits.KIND + 1),)), "policy.exemption_kinds", "error.too_long"
    )
    labels = tuple((f"type_{i}", (("vi", "Nhãn"),)) for i in range(limits.LABELS + 1))
    refused(db_url, save(content_type_labels=labels), "policy.labels")
    refused(
        db_url,
        save(content_type_labels={"thematic": {"vi": "x" * (limits.LABEL + 1)}}),
        "policy.labels",
        "error.too_long",
    )
    stored(db_url, save(exemption_kinds=kinds[:-1], content_type_labels=labels[:-1]))
    with reading(db_url) as s:
        assert len(policy.for_year(s, 2019).exemption_kinds) == limits.EXEMPTION_KINDS


def test_an_exemptions_note_is_refused_not_cut(db_url, office):
    def add(note):
        return lambda s: policy.add_exemption(
            s, office["admin"], office["me_id"], "training", D(2018, 6, 1), D(2018, 6, 30), note
        )

    refused(db_url, add("x" * (limits.NOTE + 1)), "policy.exemption.note", "error.too_long")
    stored(db_url, add("x" * limits.NOTE))
