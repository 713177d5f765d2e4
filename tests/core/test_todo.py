"""core.todo on small offices built by hand: each rule of "Việc cần làm", judged as of a day,
for each role; and the lists' queries read indexes, not every trip or report."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core import reports, todo
from core.todo import Kind
from db.models import Registration, TripReport
from db.session import reading, writing
from db.vocabulary import RegistrationState, ReportState
from tests import factories as f
from tests.statements import statements_sent

D = dt.date
TODAY = D(2024, 6, 20)  # a Thursday; the coming quarter (III/2024) starts on 01/07, 11 days later


@pytest.fixture
def office(db_url):
    """Ban TC: a cadre (canbo), its leader (truongban); ban TG: a cadre with no account; an
    office leader (lanhdao) in TG. Everyone registered for quarter III."""
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC", "Ban Tổ chức", 1), f.ban(s, "TG", "Ban Tuyên giáo", 2)
        people = {
            "canbo": f.cadre(s, tc, "A1", "Nguyễn Văn An"),
            "truongban": f.cadre(s, tc, "A2", "Trần Thị Bình"),
            "lanhdao": f.cadre(s, tg, "B1", "Lê Văn Cường"),
            "other": f.cadre(s, tg, "B2", "Phạm Thị Dung"),
        }
        accounts = {
            "canbo": f.account(s, "canbo", ("cadre",), people["canbo"]),
            "truongban": f.account(s, "truongban", ("ban_leader",), people["truongban"]),
            "lanhdao": f.account(s, "lanhdao", ("office_leader",), people["lanhdao"]),
        }
        for cadre in people.values():
            s.add(
                Registration(
                    cadre_id=cadre.id,
                    year=2024,
                    quarter=3,
                    planned_days=10,
                    places="Hà Giang",
                    content_types=["inspection"],
                    state=RegistrationState.ACCEPTED,
                    created_at=dt.datetime(2024, 4, 2, 9),
                )
            )
        ids = {k: (c.id, tc.id if k in ("canbo", "truongban") else tg.id) for k, c in people.items()}
        actors = {k: f.actor(a, ids[k][1]) for k, a in accounts.items()}
    return {"url": db_url, "cadres": ids, "actors": actors, "bans": {"TC": tc.id, "TG": tg.id}}


def trip(url, who, start, end, report=None, sent=None, reason="", planned=False, **kw):
    """A trip of cadre `who`, with its report in state `report` (None: none) sent at `sent`."""
    with writing(url) as s:
        from db.models import Cadre

        cadre = s.get(Cadre, who)
        row = f.trip(s, cadre, start, end, planned=planned, **kw)
        if report is not None:
            r = TripReport(
                trip_id=row.id, findings="Thu hoạch", state=report, return_reason=reason, submitted_at=sent
            )
            r.trip = row
            s.add(r)
            reports.mark(r)
            s.flush()
            return row.id, r.id
        return row.id, None


def items_of(office, username, today=TODAY, shown=100):
    with reading(office["url"]) as s:
        return todo.for_actor(s, office["actors"][username], today, shown)


def kinds(todo_list):
    return [(i.kind, i.object_id) for i in todo_list.items]


def test_a_report_shows_from_three_days_before_its_deadline_and_stays_once_overdue(office):
    canbo = office["cadres"]["canbo"][0]
    soon, _ = trip(office["url"], canbo, D(2024, 6, 10), D(2024, 6, 12))  # due 22/06: in 2 days
    later, _ = trip(office["url"], canbo, D(2024, 6, 14), D(2024, 6, 15))  # due 25/06: in 5 days
    late, _ = trip(office["url"], canbo, D(2024, 5, 1), D(2024, 5, 3), report=ReportState.DRAFT)  # due 13/05
    done, _ = trip(
        office["url"],
        canbo,
        D(2024, 4, 1),
        D(2024, 4, 2),
        report=ReportState.ACCEPTED,
        sent=dt.datetime(2024, 4, 5, 9),
    )
    waiting = items_of(office, "canbo")
    assert kinds(waiting) == [
        (Kind.REPORT_DUE, soon),
        (Kind.REPORT_OVERDUE, late),
    ]  # the newest deadline first
    due = waiting.items[0]
    assert due.date == D(2024, 6, 22) and due.link() == f"/visits?year=2024&tab=report&trip={soon}"
    assert todo.describe(due, "vi") == (
        "Báo cáo chuyến đi 10/06/2024 – 12/06/2024 tại Huyện Đoàn Mèo Vạc, Hà Giang đến hạn ngày 22/06/2024"
    )
    assert "overdue since 13/05/2024" in todo.describe(waiting.items[1], "en")
    assert later not in [o for _, o in kinds(waiting)] and done not in [o for _, o in kinds(waiting)]
    assert kinds(items_of(office, "canbo", D(2024, 6, 22)))[0] == (Kind.REPORT_DUE, later)


def test_a_report_sent_after_the_day_judged_was_not_sent_yet_that_day(office):
    canbo = office["cadres"]["canbo"][0]
    trip_id, _ = trip(
        office["url"],
        canbo,
        D(2024, 5, 1),
        D(2024, 5, 3),
        report=ReportState.ACCEPTED,
        sent=dt.datetime(2024, 5, 30, 9),
    )
    assert kinds(items_of(office, "canbo", D(2024, 5, 20))) == [(Kind.REPORT_OVERDUE, trip_id)]
    assert kinds(items_of(office, "canbo")) == []


def test_a_returned_report_shows_with_the_leaders_reason_and_again_after_each_return(office):
    canbo = office["cadres"]["canbo"][0]
    _, report_id = trip(
        office["url"],
        canbo,
        D(2024, 6, 1),
        D(2024, 6, 3),
        report=ReportState.RETURNED,
        sent=dt.datetime(2024, 6, 5, 9),
        reason="Thiếu câu trả lời [1] *quan trọng*",
    )
    (item,) = items_of(office, "canbo").items
    assert (item.kind, item.object_id, item.stage) == (Kind.REPORT_RETURNED, report_id, "v1")
    assert todo.describe(item, "vi").endswith(
        "bị trả lại (hạn 13/06/2024): Thiếu câu trả lời [1] *quan trọng*"
    )


def test_a_planned_trip_past_its_dates_asks_to_be_marked_made_or_cancelled(office):
    canbo = office["cadres"]["canbo"][0]
    past, _ = trip(office["url"], canbo, D(2024, 6, 3), D(2024, 6, 5), planned=True)
    trip(office["url"], canbo, D(2024, 6, 25), D(2024, 6, 27), planned=True)
    (item,) = items_of(office, "canbo").items
    assert (item.kind, item.object_id, item.link()) == (
        Kind.TRIP_PASSED,
        past,
        f"/visits?year=2024&trip={past}",
    )


def test_the_coming_quarter_is_asked_for_from_two_weeks_before_it_starts(office):
    url, canbo = office["url"], office["cadres"]["canbo"][0]
    with writing(url) as s:
        s.query(Registration).filter(Registration.cadre_id == canbo).delete()
    assert kinds(items_of(office, "canbo", D(2024, 6, 16))) == []  # 15 days before 01/07
    (item,) = items_of(office, "canbo", D(2024, 6, 17)).items
    assert (item.kind, item.object_id) == (Kind.REGISTRATION_MISSING, 20243)
    assert todo.describe(item, "vi") == "Chưa đăng ký đi cơ sở quý III/2024 (bắt đầu ngày 01/07/2024)"
    assert item.link() == "/visits?year=2024&tab=registration"


def test_a_ban_leader_sees_the_own_bans_decisions_oldest_first_never_the_own(office):
    url, cadres = office["url"], office["cadres"]
    _, newer = trip(
        url,
        cadres["canbo"][0],
        D(2024, 6, 1),
        D(2024, 6, 2),
        report=ReportState.SUBMITTED,
        sent=dt.datetime(2024, 6, 15, 9),
    )
    _, older = trip(
        url,
        cadres["canbo"][0],
        D(2024, 5, 1),
        D(2024, 5, 2),
        report=ReportState.SUBMITTED,
        sent=dt.datetime(2024, 5, 5, 9),
    )
    trip(
        url,
        cadres["truongban"][0],
        D(2024, 5, 6),
        D(2024, 5, 7),
        report=ReportState.SUBMITTED,
        sent=dt.datetime(2024, 5, 8, 9),
    )  # the leader's own: for the office leadership
    trip(
        url,
        cadres["other"][0],
        D(2024, 5, 6),
        D(2024, 5, 7),
        report=ReportState.SUBMITTED,
        sent=dt.datetime(2024, 5, 8, 9),
    )  # another ban's
    with writing(url) as s:
        s.add(
            Registration(
                cadre_id=cadres["canbo"][0],
                year=2024,
                quarter=4,
                planned_days=12,
                places="Cao Bằng",
                content_types=["thematic"],
                state=RegistrationState.SUBMITTED,
                created_at=dt.datetime(2024, 6, 1, 8),
            )
        )
    decisions = [i for i in items_of(office, "truongban").items if i.kind in todo.DECISIONS]
    assert [(i.kind, i.object_id) for i in decisions][0::2] == [
        (Kind.REPORT_WAITING, older),
        (Kind.REPORT_WAITING, newer),
    ]
    assert decisions[1].kind == Kind.REGISTRATION_WAITING
    assert [i.fact("age") for i in decisions] == [46, 19, 5]
    assert all(i.link() == "/progress?ban=TC" for i in decisions)
    assert todo.describe(decisions[0], "vi") == (
        "Báo cáo của Nguyễn Văn An (chuyến đi 01/05/2024 – 02/05/2024) chờ duyệt 46 ngày"
    )


def test_a_ban_leader_sees_the_cadres_behind_a_steady_pace(office):
    url, cadres = office["url"], office["cadres"]
    # 60 days a year: by 20/06 (172 days of 366) a steady pace has reached 28 days.
    trip(url, cadres["canbo"][0], D(2024, 3, 1), D(2024, 3, 10))
    trip(url, cadres["truongban"][0], D(2024, 2, 1), D(2024, 3, 15))
    behind = [i for i in items_of(office, "truongban").items if i.kind == Kind.CADRE_BEHIND]
    assert [(i.object_id, i.fact("days"), i.fact("target")) for i in behind] == [(cadres["canbo"][0], 10, 28)]
    assert behind[0].link() == "/progress?tab=cadres&from=2024-01-01&to=2024-06-20&ban=TC"


def test_an_office_leader_sees_the_decisions_as_counts_per_ban_and_the_bans_behind(office):
    url, cadres, bans = office["url"], office["cadres"], office["bans"]
    for who, sent in (("canbo", 3), ("truongban", 10), ("other", 1)):
        trip(
            url,
            cadres[who][0],
            D(2024, 6, 1),
            D(2024, 6, 2),
            report=ReportState.SUBMITTED,
            sent=dt.datetime(2024, 6, sent, 9),
        )
    trip(
        url,
        cadres["lanhdao"][0],
        D(2024, 5, 1),
        D(2024, 5, 2),
        report=ReportState.SUBMITTED,
        sent=dt.datetime(2024, 5, 3, 9),
    )  # the office leader's own report: not counted for them
    waiting = items_of(office, "lanhdao")
    per_ban = [i for i in waiting.items if i.kind == Kind.BAN_WAITING]
    assert [(i.object_id, i.fact("reports"), i.fact("age")) for i in per_ban] == [
        (bans["TG"], 1, 19),
        (bans["TC"], 2, 17),
    ]
    assert per_ban[1].link() == "/progress?ban=TC"
    behind = [i for i in waiting.items if i.kind == Kind.BAN_BEHIND]
    assert {i.object_id for i in behind} == {bans["TC"], bans["TG"]}
    assert todo.describe(behind[0], "en").endswith("days against the target so far")


def test_a_short_list_and_the_count_of_the_rest(office):
    canbo = office["cadres"]["canbo"][0]
    for month in range(1, 9):
        trip(office["url"], canbo, D(2024, month, 3), D(2024, month, 4), planned=True)
    short = items_of(office, "canbo", D(2024, 9, 10), shown=todo.SHOWN)
    assert short.total == 8 and len(short.items) == todo.SHOWN and short.more == 2
    assert [i.date for i in short.items] == sorted((i.date for i in short.items), reverse=True)


def test_nobody_sees_another_cadres_own_work(office):
    url, cadres = office["url"], office["cadres"]
    trip(url, cadres["other"][0], D(2024, 5, 1), D(2024, 5, 2))
    assert kinds(items_of(office, "canbo")) == []
    assert [i for i in items_of(office, "truongban").items if i.kind in todo.OWN_WORK] == []


# --- The queries read indexes ------------------------------------------------------------------

WATCHED = ("trips", "trip_days", "trip_reports", "registrations", "cadre_months", "reminders")


def full_scans(url, sql, params) -> list[str]:
    """SQLite's full scans of the watched tables; the registrations waiting are read whole
    from their own small partial index, which is what it is for."""
    with reading(url) as s:
        plan = [row[3] for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
    return [
        line
        for line in plan
        if re.match(rf"SCAN ({'|'.join(WATCHED)})\b", line) and "ix_registrations_waiting" not in line
    ]


@pytest.fixture(scope="module")
def big_office(tmp_path_factory):
    """The query-plan tests' synthetic office (tests/core/test_query_plans.py): 400 cadres,
    40,000 trips over eight years, statistics fresh; SQLite."""
    from db.migrate import upgrade
    from db.session import dispose_all
    from tests.bench import synthetic

    url = f"sqlite:///{tmp_path_factory.mktemp('todo-plans') / 'office.db'}"
    upgrade(url)
    dispose_all()
    synthetic.populate(url, cadres=400, trips=40_000, years=tuple(range(2017, 2025)))
    yield url
    dispose_all()


def statements_of(url, read) -> list[tuple[str, object]]:
    with statements_sent(url) as sent, reading(url) as session:
        read(session)
    return sent


@pytest.mark.parametrize("username", ["canbo", "truongban", "lanhdao"])
def test_each_roles_list_reads_indexes_never_every_trip_or_report(big_office, username):
    from core.accounts import load_actor

    with reading(big_office) as s:
        actor = load_actor(s, username)
    today = D(2024, 12, 31)
    for sql, params in statements_of(big_office, lambda s: todo.for_actor(s, actor, today)):
        assert full_scans(big_office, sql, params) == [], sql


def test_the_reminders_run_reads_indexes_never_every_trip_or_report(big_office):
    from core import reminders

    statements = statements_of(big_office, lambda s: reminders.plan(s, D(2024, 12, 31)))
    assert statements
    for sql, params in statements:
        assert full_scans(big_office, sql, params) == [], sql
