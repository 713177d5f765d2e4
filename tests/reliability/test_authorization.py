"""The authorization matrix, table-driven: every page and every guarded service × every
demo role. A new page or write action is one more row here.

Pages: what st.navigation offers a session is exactly core.permissions.PAGE_ROLES.
Services: each action is called for real, as each account, on data of the demo cadre
`canbo` (ban TC); a refusal is PermissionDenied and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, insert, select

from core import (
    actions,
    attachments,
    meetings,
    proposals,
    submissions,
    summary,
    trip_changes,
    trip_list,
    trips,
)
from core.errors import PermissionDenied, ValidationError
from core.i18n import t
from core.periods import Window
from core.permissions import PAGE_ROLES, PAGES, Actor, bans_for, can
from db.models import Account, Attachment, AuditEntry, Ban, Cadre, DataVersion, Proposal, Trip, TripReport
from db.session import reading, writing
from db.vocabulary import Role
from tests.factories import trip_input

ACCOUNTS = ("canbo", "truongban", "lanhdao", "quantri")


@pytest.mark.parametrize("username", ACCOUNTS)
def test_each_account_reaches_exactly_the_pages_of_its_roles(app_as, actor_of, username):
    roles = actor_of(username).roles
    for page in PAGES:
        at = app_as(username, page=page)
        assert not at.exception, f"{username} on /{page}"
        shown = [el.value for el in at.title]
        if PAGE_ROLES[page] & roles:
            assert shown == [t(f"{page}.title", "vi")], f"{username} cannot open /{page}"
        else:
            assert t(f"{page}.title", "vi") not in shown, f"{username} reached /{page}"


@dataclass(frozen=True)
class Action:
    name: str
    call: Callable  # (session, actor, the cadre id of canbo) -> anything
    allowed: frozenset[str]  # demo accounts that may do it on canbo's data
    writes: bool = True


def _proposal_of_the_ban_of(s, cadre_id):
    """A proposal assigned to the ban of `cadre_id` (one is handed to it here, in the same
    transaction: a refusal rolls it back with the rest)."""
    ban_id = s.get(Cadre, cadre_id).ban_id
    proposal = s.scalar(select(Proposal).order_by(Proposal.id).limit(1))
    proposal.assigned_ban_id = ban_id
    s.flush()
    return proposal, ban_id


def _follow_up(s, actor, cadre_id):
    proposal, ban_id = _proposal_of_the_ban_of(s, cadre_id)
    proposals.follow_up(s, actor, proposal.id, ban_id, "in_progress", "Đang xử lý", proposal.updated_at)


def _reassign(s, actor, cadre_id):
    proposal, ban_id = _proposal_of_the_ban_of(s, cadre_id)
    other = s.scalar(select(Ban.id).where(Ban.id != ban_id).limit(1))
    proposals.follow_up(s, actor, proposal.id, other, "in_progress", "Chuyển ban", proposal.updated_at)


def _meeting(s, actor, _cadre_id):
    meetings.save_meeting(
        s,
        actor,
        meetings.MeetingInput(dt.date(2018, 8, 9), dt.date(2018, 6, 1), dt.date(2018, 7, 31), "Chủ trì"),
        submission_id=submissions.new_id(),
    )


def _new_trip_of(s, cadre_id: int) -> int:
    """A trip of the cadre just stored (no permission asked: the test's own setting)."""
    cadre = s.get(Cadre, cadre_id)
    return trips.insert_trip(s, cadre.id, cadre.ban_id, trip_input(dt.date(2019, 3, 4), dt.date(2019, 3, 5)))[
        "id"
    ]


PDF = b"%PDF-1.4\n" + b"0" * 100 + b"\n%%EOF\n"


def _file_of(s, cadre_id: int) -> int:
    """A file attached to a new trip of the cadre (no permission asked: the test's own setting)."""
    trip_id = _new_trip_of(s, cadre_id)
    account_id = s.scalar(select(Account.id).where(Account.cadre_id == cadre_id))
    return s.execute(
        insert(Attachment).returning(Attachment.id),
        {
            "trip_id": trip_id,
            "part": "trip",
            "file_name": "giay.pdf",
            "media_type": "application/pdf",
            "size": len(PDF),
            "sha256": "0" * 64,
            "content": PDF,
            "created_by": account_id,
        },
    ).scalar_one()


def _read_files(s, actor, cadre_id):
    file_id = _file_of(s, cadre_id)
    attachments.for_trip(s, actor, s.get(Attachment, file_id).trip_id)
    attachments.content_of(s, actor, file_id)


ACTIONS = [
    Action(
        "trip.write",
        lambda s, actor, cadre_id: trips.record_trip(
            s,
            actor,
            cadre_id,
            trip_input(dt.date(2019, 3, 4), dt.date(2019, 3, 5)),
            submissions.new_id(),
            today=dt.date(2019, 12, 31),
        ),
        frozenset({"canbo"}),
    ),
    Action(
        "trip.read",
        lambda s, actor, cadre_id: trip_list.list_for_cadre(s, actor, cadre_id),
        frozenset({"canbo", "truongban", "lanhdao"}),
        writes=False,
    ),
    Action("meeting.write", _meeting, frozenset({"lanhdao"})),
    Action("proposal.follow_up", _follow_up, frozenset({"truongban", "lanhdao"})),
    Action("proposal.assign", _reassign, frozenset({"lanhdao"})),
    # Correcting and removing: the cadre on their own trips, the office leadership and the
    # admins on anyone's (with a reason); never a ban leader, never another cadre.
    Action(
        "trip.edit",
        lambda s, actor, cadre_id: trip_changes.edit(
            s,
            actor,
            _new_trip_of(s, cadre_id),
            trip_input(dt.date(2019, 3, 4), dt.date(2019, 3, 6)),
            1,
            reason="Sai ngày về",
            today=dt.date(2019, 12, 31),
        ),
        frozenset({"canbo", "lanhdao", "quantri"}),
    ),
    Action(
        "trip.remove",
        lambda s, actor, cadre_id: trip_changes.remove(s, actor, _new_trip_of(s, cadre_id), 1, "Ghi nhầm"),
        frozenset({"canbo", "lanhdao", "quantri"}),
    ),
    # Files: attached by the trip's cadre, read with the report (report.read) and by whoever
    # corrects trips (the admin too: who may remove a file sees it), removed by whoever may
    # edit the trip.
    Action(
        "attachment.add",
        lambda s, actor, cadre_id: attachments.attach(
            s, actor, _new_trip_of(s, cadre_id), attachments.TRIP, [attachments.Upload("giay.pdf", PDF)]
        ),
        frozenset({"canbo"}),
    ),
    Action(
        "attachment.read", _read_files, frozenset({"canbo", "truongban", "lanhdao", "quantri"}), writes=False
    ),
    Action(
        "attachment.remove",
        lambda s, actor, cadre_id: attachments.remove(s, actor, _file_of(s, cadre_id)),
        frozenset({"canbo", "lanhdao", "quantri"}),
    ),
]


def _footprint(url) -> tuple:
    with reading(url) as s:
        return (s.scalar(select(func.count()).select_from(AuditEntry)), s.scalar(select(DataVersion.version)))


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
@pytest.mark.parametrize("username", ACCOUNTS)
def test_each_guarded_action_is_allowed_exactly_to_its_roles(demo_url, actor_of, action, username):
    actor, cadre_id = actor_of(username), actor_of("canbo").cadre_id
    before = _footprint(demo_url)
    if username in action.allowed:
        with writing(demo_url) as s:
            action.call(s, actor, cadre_id)
        if action.writes:
            assert _footprint(demo_url)[0] > before[0], f"{action.name} left no audit entry"
    else:
        with pytest.raises(PermissionDenied):
            with writing(demo_url) as s:
                action.call(s, actor, cadre_id)
        assert _footprint(demo_url) == before, f"refused {action.name} wrote something"


WINDOW = Window(dt.date(2018, 1, 1), dt.date(2018, 12, 31))


@pytest.mark.parametrize("username", ACCOUNTS)
def test_report_content_is_read_for_the_readers_bans_only_and_every_ban_as_counts(
    demo_url, actor_of, username
):
    """Every read of what the cadres wrote (highlights, proposals, the summary the Word report
    and the workbook are made from) holds the bans `report.content` allows, no other."""
    actor, lead = actor_of(username), actor_of("lanhdao")
    reads = (
        lambda s: summary.highlights(s, actor, WINDOW, limit=10_000),
        lambda s: proposals.proposals_for(s, actor, WINDOW),
        lambda s: proposals.proposal_page(s, actor, WINDOW),
        lambda s: proposals.proposal_counts(s, actor, WINDOW),
        lambda s: summary.summary(s, actor, WINDOW, dt.date(2019, 1, 10)),
    )
    if not can(actor, actions.REVIEW_READ):
        for read in reads:
            with reading(demo_url) as s, pytest.raises(PermissionDenied):
                read(s)
        return
    with reading(demo_url) as s:
        names = dict(s.execute(select(Ban.id, Ban.name)).all())
        bans = bans_for(actor, actions.REPORT_CONTENT)
        readable = set(names.values()) if bans is None else {names[b] for b in bans}
        highlights, rows, page, counts, whole = (read(s) for read in reads)
        every = proposals.proposals_for(s, lead, WINDOW)
    assert {h.ban for h in highlights} <= readable
    for r in rows:
        assert r.origin_ban in readable or (bans is not None and r.assigned_ban_id in bans)
        assert r.raised_by == "" or r.origin_ban in readable
    assert page.total == len(rows) and list(page.rows) == rows[: len(page.rows)]
    assert (whole.highlights, whole.proposals, whole.proposal_counts) == (
        [h for h in highlights][: len(whole.highlights)],
        rows,
        counts,
    )
    assert sum(c.total for c in counts) == len(every)  # every ban, counted
    if bans is not None:
        assert len(rows) < len(every)


def _accepted_trip_of(url, cadre_id: int) -> tuple[int, int]:
    """A made trip of the cadre whose report was accepted (the demo has them), and its version."""
    with reading(url) as s:
        return s.execute(
            select(Trip.id, Trip.version)
            .join(TripReport, TripReport.trip_id == Trip.id)
            .where(Trip.cadre_id == cadre_id, TripReport.state == "accepted")
            .limit(1)
        ).one()


def test_cadre_cannot_correct_or_remove_a_trip_whose_report_is_accepted(demo_url, actor_of):
    canbo = actor_of("canbo")
    trip_id, version = _accepted_trip_of(demo_url, canbo.cadre_id)
    before = _footprint(demo_url)
    for change in (
        lambda s: trip_changes.edit(
            s, canbo, trip_id, trip_input(dt.date(2018, 1, 1), dt.date(2018, 1, 1)), version, reason="Sửa"
        ),
        lambda s: trip_changes.remove(s, canbo, trip_id, version, "Ghi nhầm"),
    ):
        with pytest.raises(ValidationError), writing(demo_url) as s:
            change(s)
    assert _footprint(demo_url) == before


@pytest.mark.parametrize("username", ["lanhdao", "quantri"])
def test_office_leader_and_admin_need_a_reason_to_correct_or_remove(demo_url, actor_of, username):
    actor = actor_of(username)
    trip_id, version = _accepted_trip_of(demo_url, actor_of("canbo").cadre_id)
    with reading(demo_url) as s:
        trip = s.get(Trip, trip_id)
        same = trip_input(trip.start_date, trip.end_date)
    before = _footprint(demo_url)
    for change in (
        lambda s: trip_changes.edit(s, actor, trip_id, same, version, reason=" "),
        lambda s: trip_changes.remove(s, actor, trip_id, version, ""),
    ):
        with pytest.raises(ValidationError) as refused, writing(demo_url) as s:
            change(s)
        assert refused.value.fields() == {"trip_change.field.reason"}
    assert _footprint(demo_url) == before
    with writing(demo_url) as s:  # with one, the accepted trip is theirs to remove
        trip_changes.remove(s, actor, trip_id, version, "Trùng với chuyến đi đã ghi")
    assert _footprint(demo_url)[0] == before[0] + 1


def test_the_admin_sees_the_files_they_may_remove_and_a_cadre_of_another_ban_still_cannot(demo_url, actor_of):
    canbo, admin = actor_of("canbo"), actor_of("quantri")
    with writing(demo_url) as s:
        file_id = _file_of(s, canbo.cadre_id)
        trip_id = s.get(Attachment, file_id).trip_id
        s.get(Attachment, file_id).file_name = "../Giấy đi đường: số 1.pdf"
        other = s.scalars(
            select(Cadre).where(Cadre.ban_id != canbo.ban_id, Cadre.active.is_(True)).order_by(Cadre.id)
        ).first()
    with reading(demo_url) as s:
        files = attachments.for_trip(s, admin, trip_id)
        got = attachments.content_of(s, admin, file_id)
    assert [r.id for r in files.rows] == [file_id] and files.can_remove
    assert got.content == PDF
    assert got.file_name == attachments.safe_file_name("../Giấy đi đường: số 1.pdf")
    assert "/" not in got.file_name and got.file_name.isascii()
    # A cadre of another ban, on the same trip: neither the list nor the bytes.
    stranger = Actor(999, "khac", "Cán bộ ban khác", frozenset({Role.CADRE}), other.id, other.ban_id)
    with reading(demo_url) as s:
        with pytest.raises(PermissionDenied):
            attachments.for_trip(s, stranger, trip_id)
        with pytest.raises(PermissionDenied):
            attachments.content_of(s, stranger, file_id)
