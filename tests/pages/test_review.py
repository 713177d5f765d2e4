"""/review as the office leader and as a ban leader (AppTest)."""

import datetime as dt

from sqlalchemy import func, select

from core import meetings, proposals, summary
from core.i18n import t
from core.periods import Window
from db.models import AuditEntry, ReviewMeeting
from db.session import reading, writing

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}


def test_office_leader_sees_the_period_summary_and_the_demo_meeting(app_as):
    at = app_as("lanhdao", page="review", query=WINDOW)
    assert not at.exception
    assert [h.value for h in at.header] == ["97/111 cán bộ đã tham gia đi công tác cơ sở"]
    assert len(at.get("vega_lite_chart")) == 3
    assert t("review.absent", "vi", count=14) in [s.value for s in at.subheader]
    at.segmented_control(key="section").set_value("meetings").run()
    assert any("quý II/2018" in e.label for e in at.expander)


def test_ban_leader_sees_the_office_figures_and_the_own_ban_absentees(app_as):
    at = app_as("truongban", page="review", query=WINDOW)
    assert not at.exception
    assert [h.value for h in at.header] == ["97/111 cán bộ đã tham gia đi công tác cơ sở"]
    assert t("review.absent", "vi", count=1) in [s.value for s in at.subheader]


def test_quick_pick_sets_the_window_to_a_quarter(app_as):
    at = app_as("lanhdao", page="review", query=WINDOW)
    at.selectbox(key="quick_period").set_value("quý III/2018").run()
    assert not at.exception
    assert (at.query_params["from"], at.query_params["to"]) == ("2018-07-01", "2018-09-30")
    assert "quý III/2018" in at.caption[0].value


def test_a_new_meeting_record_is_saved_once_and_listed(app_as, demo_url):
    at = app_as("lanhdao", page="review", query={"from": "2018-07-01", "to": "2018-09-30", "tab": "meetings"})
    chair = next(w for w in at.text_input if w.label == t("review.field.chair", "vi"))
    chair.input("Đồng chí Bí thư thường trực")
    next(w for w in at.text_area if w.label == t("review.difficulties", "vi")).input("Kinh phí còn hạn chế.")
    next(b for b in at.button if b.label == t("common.save", "vi")).click().run()
    assert not at.exception
    assert t("common.saved", "vi") in [s.value for s in at.success]
    with reading(demo_url) as s:
        assert s.scalar(select(func.count()).select_from(ReviewMeeting)) == 2
        assert (
            s.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.table_name == "review_meetings")
            )
            == 1
        )


def test_proposals_are_shown_a_page_at_a_time(app_as, actor_of, demo_url, monkeypatch):
    monkeypatch.setattr(proposals, "PROPOSALS_PER_PAGE", 2)
    with reading(demo_url) as s:
        whole = proposals.proposals_for(
            s, actor_of("lanhdao"), Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31))
        )
    assert len(whole) > 2
    at = app_as("lanhdao", page="review", query={**WINDOW, "tab": "proposals"})
    pager = at.number_input(key="proposals_page_2018-06-01_2018-07-31")
    assert pager.label == t("review.proposals_page", "vi", pages=-(-len(whole) // 2))
    pager.set_value(2).run()
    assert not at.exception
    shown = at.dataframe(key="proposals_2").value
    assert list(shown[t("review.col.proposal", "vi")]) == [p.text for p in whole[2:4]]
    assert any(c.value.startswith(f"{len(whole)} kiến nghị") for c in at.caption)
    at.text_input(key="to").set_value("30/07/2018").run()  # another period: its first page
    assert [n.value for n in at.number_input] == [1]


def test_a_meeting_record_changed_by_someone_else_after_it_was_opened_is_not_overwritten(
    app_as, demo_url, actor_of
):
    """The edit form keeps the version it was opened on, through any rerun, until it is saved."""
    at = app_as("lanhdao", page="review", query={**WINDOW, "tab": "meetings"})
    with reading(demo_url) as s:
        meeting = s.scalar(select(ReviewMeeting))
        kept = meetings.MeetingInput(
            meeting.held_on,
            meeting.period_from,
            meeting.period_to,
            meeting.chair,
            meeting.title,
            meeting.attendees,
            meeting.difficulties,
            meeting.conclusions,
            "Hướng của người khác.",
        )
    at.toggle(key=f"edit_meeting_{meeting.id}").set_value(True).run()
    with writing(demo_url) as s:
        meetings.save_meeting(s, actor_of("lanhdao"), kept, meeting_id=meeting.id, version=meeting.version)
    at.run()  # another click of this leader: the page runs again, the form stays open
    directions = next(w for w in at.text_area if w.label == t("review.directions", "vi"))
    directions.input("Bản của lãnh đạo, trên bản cũ.")
    next(
        b for b in at.button if b.label == t("common.save", "vi") and b.form_id == f"meeting_{meeting.id}"
    ).click().run()
    assert t("error.conflict", "vi") in [e.value for e in at.error]
    with reading(demo_url) as s:
        row = s.get(ReviewMeeting, meeting.id)
        assert (row.directions, row.version) == ("Hướng của người khác.", meeting.version + 1)


def test_ban_leader_reads_the_own_bans_highlights_and_proposals_and_other_bans_as_counts(
    app_as, actor_of, demo_url
):
    window = Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31))
    leader, lead = actor_of("truongban"), actor_of("lanhdao")
    with reading(demo_url) as s:
        own = summary.summary(s, leader, window, dt.date(2018, 8, 9))
        every = summary.summary(s, lead, window, dt.date(2018, 8, 9))
    own_ban = next(b.name for b in own.bans if b.ban_id == leader.ban_id)
    # The names of the cadres of other bans who wrote (the demo's texts repeat across bans:
    # core/test_review.py checks the texts).
    foreign = {h.cadre for h in every.highlights if h.ban != own_ban} | {
        p.raised_by for p in every.proposals if p.origin_ban != own_ban
    }
    foreign -= {p.raised_by for p in every.proposals if p.origin_ban == own_ban}
    assert foreign  # the demo's other bans did write something

    at = app_as("truongban", page="review", query=WINDOW)
    assert not at.exception
    assert t("review.own_ban_content", "vi") in [c.value for c in at.caption]
    drawn = " ".join([c.value for c in at.caption] + [x.value for x in at.text])
    assert not [name for name in foreign if name in drawn]

    at.segmented_control(key="section").set_value("proposals").run()
    assert not at.exception
    shown = at.dataframe(key="proposals_1").value if own.proposals else None
    if shown is not None:
        assert list(shown[t("review.col.proposal", "vi")]) == [p.text for p in own.proposals[:50]]
        assert not [name for name in foreign if any(name in str(v) for v in shown.to_numpy().ravel())]
    (counts,) = [d.value for d in at.dataframe if d.key != "proposals_1"]  # every ban's, as counts
    assert sum(counts[t("review.col.proposals", "vi")]) == len(every.proposals)

    at.segmented_control(key="section").set_value("meetings").run()
    assert not at.exception
    assert not [w for w in at.toggle if str(w.key).startswith("edit_meeting_")]
    assert t("review.new_meeting", "vi") not in [e.label for e in at.expander]


def test_office_leader_reads_every_bans_proposals_with_no_counts_table(app_as):
    at = app_as("lanhdao", page="review", query={**WINDOW, "tab": "proposals"})
    assert not at.exception
    assert t("review.own_ban_content", "vi") not in [c.value for c in at.caption]
    assert [d.key for d in at.dataframe] == ["proposals_1"]  # no table of counts: every proposal is there
