"""Yearly evaluations: the fact sheet's figures, every transition of the state machine, who
may do what, optimistic locking, the history, the excellent cap, and the exports."""

import datetime as dt
import io

import openpyxl
import pytest
from docx import Document
from sqlalchemy import func, select

from core import evaluations, ratings, reports
from core.errors import Conflict, PermissionDenied, ValidationError
from core.exports import evaluation_papers
from core.roster import bans
from db.models import AuditEntry, Evaluation, Policy, Proposal, Setting, TripQuestion, TripReport
from db.session import reading, writing
from tests import factories as f

D = dt.date


@pytest.fixture
def office(db_url):
    """Ban TC (leader `tb`, cadres a and b) and ban TG (cadre c); `ld` leads the office."""
    with writing(db_url) as s:
        s.add(Policy(year=2018, target_days=60, report_deadline_days=10))
        tc, tg = f.ban(s, "TC", "Ban Tổ chức", 1), f.ban(s, "TG", "Ban Tuyên giáo", 2)
        lead, a, b = f.cadre(s, tc, "TB", "Trưởng ban"), f.cadre(s, tc, "A", "Cán bộ A"), f.cadre(s, tc, "B")
        c, boss = f.cadre(s, tg, "C"), f.cadre(s, tg, "LD", "Lãnh đạo")
        actors = {
            "tb": f.actor(f.account(s, "tb", ("ban_leader",), lead), tc.id),
            "ld": f.actor(f.account(s, "ld", ("office_leader",), boss), tg.id),
            "a": f.actor(f.account(s, "a", ("cadre",), a), tc.id),
            "tb2": f.actor(f.account(s, "tb2", ("ban_leader",), c), tg.id),
        }
        # a: two trips of 3 days; one report on time (day 10), one late (day 11); 3 questions,
        # 2 answered; two content types; one proposal.
        t1 = f.trip(
            s,
            a,
            D(2018, 6, 4),
            D(2018, 6, 6),
            content_types=("inspection", "thematic"),
            questions=("Q1", "Q2"),
        )
        t2 = f.trip(s, a, D(2018, 9, 10), D(2018, 9, 12), questions=("Q3",))
        for trip, submitted in ((t1, dt.datetime(2018, 6, 16, 17)), (t2, dt.datetime(2018, 9, 23, 9))):
            report = TripReport(trip=trip, state="submitted", submitted_at=submitted)
            reports.mark(report)
            s.add(report)
        s.flush()
        s.add(
            Proposal(
                report_id=s.scalar(select(TripReport.id).where(TripReport.trip_id == t1.id)), text="Kinh phí"
            )
        )
        for q in s.scalars(select(TripQuestion).where(TripQuestion.text.in_(("Q1", "Q3")))):
            q.answer = "Đã trả lời"
        # b: one trip without a report.
        f.trip(s, b, D(2018, 7, 2), D(2018, 7, 3))
        ids = {"a": a.id, "b": b.id, "c": c.id, "tb": lead.id, "tc": tc.id, "tg": tg.id}
    return db_url, actors, ids


def save(*args) -> int:
    """evaluations.save in its own write transaction (the database of DATABASE_URL)."""
    with writing() as s:
        return evaluations.save(s, *args)


def row_of(url, actor, cadre_id, year=2018):
    with reading(url) as s:
        return next(r for r in evaluations.year_sheet(s, actor, year) if r.cadre_id == cadre_id)


def test_fact_sheet_counts_days_trips_content_reports_questions_and_proposals(office):
    url, who, ids = office
    a = row_of(url, who["ld"], ids["a"])
    assert (a.days, a.target_days, a.trips, a.content_types) == (6, 60, 2, 2)
    assert (a.reports_on_time, a.reports_late, a.reports_missing) == (1, 1, 0)
    assert (a.questions_answered, a.questions, a.proposals) == (2, 3, 1)
    b = row_of(url, who["ld"], ids["b"])
    assert (b.days, b.trips, b.reports_missing, b.questions) == (2, 1, 1, 0)


def test_report_deadline_follows_the_years_policy(office):
    url, who, ids = office
    with writing(url) as s:
        s.get(Policy, 2018).report_deadline_days = 11
    a = row_of(url, who["ld"], ids["a"])
    assert (a.reports_on_time, a.reports_late) == (2, 0)


def test_ban_leader_sees_only_the_own_bans_cadres(office):
    url, who, ids = office
    with reading(url) as s:
        assert {r.ban_id for r in evaluations.year_sheet(s, who["tb"], 2018, ids["tg"])} == {ids["tc"]}
        with pytest.raises(PermissionDenied):
            evaluations.year_sheet(s, who["a"], 2018)


# --- The state machine, transition by transition ------------------------------------------------


def test_open_to_proposed_by_the_ban_leader(office):
    url, who, ids = office
    version = save(who["tb"], ids["a"], 2018, "propose", None, "good", "Đi đều, báo cáo tốt.")
    row = row_of(url, who["ld"], ids["a"])
    assert (row.state, row.proposed_rating, row.version, version) == ("proposed", "good", 1, 1)


def test_proposed_to_proposed_when_the_ban_leader_edits(office):
    url, who, ids = office
    v = save(who["tb"], ids["a"], 2018, "propose", None, "good")
    save(who["tb"], ids["a"], 2018, "propose", v, "excellent", "Xuất sắc.")
    row = row_of(url, who["ld"], ids["a"])
    assert (row.state, row.proposed_rating, row.comment, row.version) == (
        "proposed",
        "excellent",
        "Xuất sắc.",
        2,
    )


def test_proposed_to_confirmed_by_the_office_leader_who_may_change_the_rating(office):
    url, who, ids = office
    v = save(who["tb"], ids["a"], 2018, "propose", None, "excellent")
    save(who["ld"], ids["a"], 2018, "confirm", v, "good", "Hạ xuống tốt.")
    row = row_of(url, who["ld"], ids["a"])
    assert (row.state, row.proposed_rating, row.final_rating, row.locked) == (
        "confirmed",
        "excellent",
        "good",
        True,
    )


def test_open_to_confirmed_directly_by_the_office_leader(office):
    url, who, ids = office
    save(who["ld"], ids["c"], 2018, "confirm", None, "completed")
    assert row_of(url, who["ld"], ids["c"]).state == "confirmed"


def test_confirmed_to_proposed_when_the_office_leader_reopens(office):
    url, who, ids = office
    v = save(who["ld"], ids["c"], 2018, "confirm", None, "completed")
    save(who["ld"], ids["c"], 2018, "reopen", v)
    row = row_of(url, who["ld"], ids["c"])
    assert (row.state, row.final_rating, row.proposed_rating) == ("proposed", None, "completed")


@pytest.mark.parametrize("action", ["propose", "confirm"])
def test_a_locked_evaluation_refuses_further_changes(office, action):
    url, who, ids = office
    v = save(who["ld"], ids["a"], 2018, "confirm", None, "good")
    actor = who["tb"] if action == "propose" else who["ld"]
    with pytest.raises(ValidationError) as seen:
        save(actor, ids["a"], 2018, action, v, "excellent")
    assert "đã chốt" in seen.value.messages("vi")[0]
    assert row_of(url, who["ld"], ids["a"]).final_rating == "good"


@pytest.mark.parametrize("setup", [None, "propose"])
def test_reopen_is_refused_unless_locked(office, setup):
    url, who, ids = office
    v = save(who["tb"], ids["a"], 2018, "propose", None, "good") if setup else None
    with pytest.raises(ValidationError):
        save(who["ld"], ids["a"], 2018, "reopen", v)


def test_every_transition_of_the_table_is_tested_above():
    assert set(evaluations.TRANSITIONS) == {
        ("open", "propose"),
        ("proposed", "propose"),
        ("open", "confirm"),
        ("proposed", "confirm"),
        ("confirmed", "reopen"),
    }


# --- Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who_acts, action, cadre",
    [
        ("tb", "propose", "c"),  # a ban leader, on another ban's cadre
        ("tb", "propose", "tb"),  # a leader, on the own evaluation
        ("tb", "confirm", "a"),  # a ban leader cannot confirm
        ("a", "propose", "b"),  # a cadre evaluates nobody
        ("tb2", "propose", "a"),  # the other ban's leader
    ],
)
def test_who_may_not_evaluate_whom(office, who_acts, action, cadre):
    url, who, ids = office
    with pytest.raises(PermissionDenied):
        save(who[who_acts], ids[cadre], 2018, action, None, "good")
    with reading(url) as s:
        assert s.scalar(select(func.count()).select_from(Evaluation)) == 0


def test_a_rating_is_required_and_must_be_one_of_the_four(office):
    url, who, ids = office
    for rating in (None, "superb"):
        with pytest.raises(ValidationError) as seen:
            save(who["tb"], ids["a"], 2018, "propose", None, rating)
        assert seen.value.fields() == {"evaluations.field.rating"}


# --- Optimistic locking, double submits, history ---------------------------------------------


def test_second_leader_saving_on_a_stale_read_gets_a_conflict(office):
    url, who, ids = office
    v = save(who["tb"], ids["a"], 2018, "propose", None, "good")
    # The office leader and the ban leader both read version v; the office leader saves first.
    save(who["ld"], ids["a"], 2018, "confirm", v, "completed")
    with pytest.raises(Conflict):
        save(who["tb"], ids["a"], 2018, "propose", v, "excellent")
    assert row_of(url, who["ld"], ids["a"]).final_rating == "completed"


def test_two_leaders_creating_the_same_evaluation_the_second_gets_a_conflict(office):
    url, who, ids = office
    save(who["tb"], ids["a"], 2018, "propose", None, "good", "Một")
    with pytest.raises(Conflict):
        save(who["ld"], ids["a"], 2018, "propose", None, "completed", "Hai")


def test_the_same_click_twice_saves_once(office):
    url, who, ids = office
    first = save(who["tb"], ids["a"], 2018, "propose", None, "good", "Tốt")
    again = save(who["tb"], ids["a"], 2018, "propose", None, "good", "Tốt")
    assert first == again == 1


def test_history_lists_every_change_with_who_and_when(office):
    url, who, ids = office
    v = save(who["tb"], ids["a"], 2018, "propose", None, "excellent", "Đề xuất")
    v = save(who["ld"], ids["a"], 2018, "confirm", v, "good", "Chốt")
    save(who["ld"], ids["a"], 2018, "reopen", v)
    with reading(url) as s:
        changes = evaluations.history(s, who["tb"], ids["a"], 2018)
        assert (
            s.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.table_name == "evaluations")
            )
            == 3
        )
        with pytest.raises(PermissionDenied):
            evaluations.history(s, who["tb2"], ids["a"], 2018)
    assert [(c.actor, c.action, c.proposed_rating, c.final_rating) for c in changes] == [
        ("tb", "propose", "excellent", None),
        ("ld", "confirm", "excellent", "good"),
        ("ld", "reopen", "excellent", None),
    ]
    assert all(isinstance(c.at, dt.datetime) for c in changes)


# --- The office view -------------------------------------------------------------------------------


def test_ratings_by_ban_count_each_level_and_the_not_evaluated(office):
    url, who, ids = office
    save(who["tb"], ids["a"], 2018, "propose", None, "excellent")
    save(who["ld"], ids["c"], 2018, "confirm", None, "good")
    with reading(url) as s:
        rows = {
            r.code: {level: r.count(level) for level in ("excellent", "good", "none")}
            for r in ratings.ratings_by_ban(s, 2018)
        }
    assert rows == {
        "TC": {"excellent": 1, "good": 0, "none": 2},
        "TG": {"excellent": 0, "good": 1, "none": 1},
    }


def test_cap_warns_when_excellent_exceeds_the_share_of_good_or_better(office):
    url, who, ids = office
    save(who["tb"], ids["a"], 2018, "propose", None, "excellent")
    save(who["ld"], ids["c"], 2018, "confirm", None, "good")
    with reading(url) as s:
        cap = ratings.cap_check(s, 2018)
    assert (cap.excellent, cap.good_or_better, cap.limit, cap.exceeded) == (1, 2, 0, True)
    with writing(url) as s:
        s.get(Policy, 2018).excellent_cap_percent = 50
    with reading(url) as s:
        assert not ratings.cap_check(s, 2018).exceeded


# --- Exports ---------------------------------------------------------------------------------------


def test_excel_export_lists_the_years_evaluations(office):
    url, who, ids = office
    save(who["tb"], ids["a"], 2018, "propose", None, "good", "=cmd|' /C calc'!A0")
    with reading(url) as s:
        content = evaluation_papers.workbook(s, who["ld"], 2018)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + 5
    assert "'=cmd|' /C calc'!A0" in values[[r[1] for r in values].index("A")]  # neutralised


def test_word_paper_of_a_ban_has_the_administrative_layout(office):
    url, who, ids = office
    with writing(url) as s:
        s.add_all(
            [
                Setting(key="parent_name", value="BCH TRUNG ƯƠNG ĐOÀN"),
                Setting(key="office_name", value="CƠ QUAN TRUNG ƯƠNG ĐOÀN"),
                Setting(key="office_place", value="Hà Nội"),
            ]
        )
    save(who["tb"], ids["a"], 2018, "propose", None, "good", "Tích cực.")
    with reading(url) as s:
        content = evaluation_papers.ban_document(s, who["tb"], 2018, ids["tc"], today=D(2019, 1, 15))
    doc = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    header = "\n".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "CƠ QUAN TRUNG ƯƠNG ĐOÀN" in header and "Hà Nội, ngày 15 tháng" in header
    assert "BẢN NHẬN XÉT, ĐÁNH GIÁ" in text
    assert "Việc thực hiện chế độ đi công tác cơ sở năm 2018" in text  # no line opens in lower case
    table = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert table[0][:2] == ["TT", "Họ và tên"]
    assert ["Cán bộ A", "Chuyên viên", "6", "2", "Hoàn thành tốt nhiệm vụ", "Tích cực."] in [
        r[1:] for r in table
    ]
    assert len(table) == 1 + 3  # the ban's three cadres


def test_word_paper_of_a_ban_ends_with_the_reports_recipients_and_signature_block(office):
    """The evaluation paper is signed as the period's report is (docx_layout.office_signature):
    "Nơi nhận" left, the standing committee, the signer's post, room to sign and the name."""
    url, who, ids = office
    with writing(url) as s:
        s.add_all(
            [
                Setting(key="office_name", value="CƠ QUAN TRUNG ƯƠNG ĐOÀN"),
                Setting(key="signer_title", value="PHÓ BÍ THƯ"),
                Setting(key="signer_name", value="Nguyễn Văn Ký"),
            ]
        )
    with reading(url) as s:
        content = evaluation_papers.ban_document(s, who["tb"], 2018, ids["tc"], today=D(2019, 1, 15))
        ban = next(b.name for b in bans(s) if b.id == ids["tc"])
    doc = Document(io.BytesIO(content))
    foot = doc.tables[-1]
    recipients = [p.text for p in foot.cell(0, 0).paragraphs if p.text]
    assert recipients == [
        "Nơi nhận:",
        "- Thường trực, Ban Thường vụ (để chỉ đạo);",
        f"- {ban} (để thông báo đến cán bộ);",
        "- Lưu: VP.",
    ]
    signed = [p.text for p in foot.cell(0, 1).paragraphs]
    named = [x for x in signed if x]
    assert named == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Ký"]
    assert signed.index("Nguyễn Văn Ký") - signed.index("PHÓ BÍ THƯ") >= 4  # room to sign
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    assert not any("LÃNH ĐẠO CƠ QUAN" in x for x in cells)  # the old block, signed by nobody
    assert all(len(t.columns) == 2 for t in (doc.tables[0], foot))  # header and foot, as the report's
