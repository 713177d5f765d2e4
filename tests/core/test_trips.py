import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from core import audit, submissions, trip_list, trips
from core.errors import DuplicateSubmission, PermissionDenied, ValidationError
from db.models import AuditEntry, Trip, TripDay
from db.session import reading, writing
from tests import factories as f

D = dt.date
TODAY = D(2018, 8, 9)


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        tc = f.ban(s, "TC")
        tg = f.ban(s, "TG")
        me = f.cadre(s, tc, "C1")
        other = f.cadre(s, tg, "C2")
        me_acc = f.account(s, "canbo", ("cadre",), me)
        return {"me": f.actor(me_acc, tc.id), "me_id": me.id, "other_id": other.id}


def save(office, db_url, data, sid=None):
    with writing(db_url) as s:
        return trips.save_trip(
            s, office["me"], office["me_id"], data, sid or submissions.new_id(), today=TODAY
        )


def test_recorded_trip_stores_one_day_row_per_day_and_an_audit_entry(office, db_url):
    trip_id = save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 3)))
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(TripDay).where(TripDay.trip_id == trip_id)) == 3
        trip = s.get(Trip, trip_id)
        assert (trip.days, trip.workdays) == (3, 1)  # Friday to Sunday
        entry = s.scalar(select(AuditEntry).where(AuditEntry.table_name == "trips"))
        assert entry.actor == "canbo" and entry.row_id == str(trip_id) and entry.action == "create"
        assert entry.after == audit.snapshot(trip)  # every column as stored


def test_recorded_trip_keeps_every_field_of_the_form(office, db_url):
    trip_id = save(
        office,
        db_url,
        f.trip_input(
            D(2018, 6, 1),
            D(2018, 6, 3),
            district="Huyện Mèo Vạc",
            commune="Xã Pả Vi",
            content_types=("thematic", "inspection"),
            questions=("Câu hỏi 1", "Câu hỏi 2"),
            tags=("Điều tra, khảo sát",),
            co_travellers="Đồng chí A",
            funding_vnd=1_500_000,
            travel_order_no="12/QĐ",
            travel_order_date=D(2018, 5, 28),
            purpose="Khảo sát",
        ),
    )
    with reading(db_url) as s:
        trip = s.get(Trip, trip_id)
        assert (trip.place.province, trip.place.district, trip.place.commune, trip.place.host_unit) == (
            "Hà Giang",
            "Huyện Mèo Vạc",
            "Xã Pả Vi",
            "Huyện Đoàn Mèo Vạc",
        )
        assert sorted(c.content_type for c in trip.content_types) == ["inspection", "thematic"]
        assert [(q.position, q.text) for q in trip.questions] == [(0, "Câu hỏi 1"), (1, "Câu hỏi 2")]
        assert (
            trip.tags,
            trip.co_travellers,
            trip.funding_vnd,
            trip.travel_order_no,
            trip.travel_order_date,
            trip.purpose,
            trip.state,
            trip.version,
        ) == (["Điều tra, khảo sát"], "Đồng chí A", 1_500_000, "12/QĐ", D(2018, 5, 28), "Khảo sát", "done", 1)


def test_double_submit_with_the_same_id_stores_one_trip(office, db_url):
    data = f.trip_input(D(2018, 6, 1), D(2018, 6, 3))
    first = save(office, db_url, data, "sid-1")
    second = save(office, db_url, data, "sid-1")
    assert first == second
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Trip)) == 1


def test_same_submission_id_with_other_content_is_refused(office, db_url):
    save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 3)), "sid-1")
    with pytest.raises(DuplicateSubmission):
        save(office, db_url, f.trip_input(D(2018, 6, 10), D(2018, 6, 12)), "sid-1")


def test_concurrent_double_submit_stores_one_trip(office, db_url):
    data = f.trip_input(D(2018, 6, 1), D(2018, 6, 3))
    results, errors = [], []

    def submit():
        try:
            results.append(save(office, db_url, data, "same-click"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors and len(set(results)) == 1
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Trip)) == 1


def test_overlapping_trip_is_refused_naming_the_other_trip(office, db_url):
    save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 3)))
    with pytest.raises(ValidationError) as err:
        save(office, db_url, f.trip_input(D(2018, 6, 3), D(2018, 6, 5), host_unit="Xã Pải Lủng"))
    text = " ".join(err.value.messages("vi"))
    assert "01/06/2018" in text and "03/06/2018" in text and "Mèo Vạc" in text


def test_bad_form_writes_nothing_and_names_every_wrong_field(office, db_url):
    bad = f.trip_input(
        D(2018, 6, 5), D(2018, 6, 1), province="", host_unit="", content_types=(), funding_vnd=-5
    )
    with pytest.raises(ValidationError) as err:
        save(office, db_url, bad)
    assert err.value.fields() == {
        "visits.field.end",
        "visits.field.province",
        "visits.field.host_unit",
        "visits.field.content_types",
        "visits.field.funding",
    }
    assert any("Ngày về" in m for m in err.value.messages("vi"))
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Trip)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_future_dates_only_for_planned_trips(office, db_url):
    future = f.trip_input(D(2018, 9, 1), D(2018, 9, 2))
    with pytest.raises(ValidationError):
        save(office, db_url, future)
    trip_id = save(office, db_url, f.trip_input(D(2018, 9, 1), D(2018, 9, 2), planned=True))
    with reading(db_url) as s:
        assert s.get(Trip, trip_id).state == "planned"
        assert s.scalar(select(func.count()).select_from(TripDay)) == 0  # planned days do not count


def test_cadre_cannot_record_a_trip_for_another_cadre(office, db_url):
    with pytest.raises(PermissionDenied), writing(db_url) as s:
        trips.save_trip(
            s,
            office["me"],
            office["other_id"],
            f.trip_input(D(2018, 6, 1), D(2018, 6, 2)),
            submissions.new_id(),
            today=TODAY,
        )


def test_cadre_cannot_list_trips_of_another_cadre(office, db_url):
    with reading(db_url) as s, pytest.raises(PermissionDenied):
        trip_list.list_for_cadre(s, office["me"], office["other_id"])


def test_vietnamese_typed_in_nfd_is_stored_in_nfc(office, db_url):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Huyện Đoàn Mèo Vạc\u200b")
    save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 1), host_unit=nfd))
    with reading(db_url) as s:
        rows = trip_list.list_for_cadre(s, office["me"], office["me_id"])
    assert rows[0].place.startswith("Huyện Đoàn Mèo Vạc") and "\u200b" not in rows[0].place


def change(office, db_url, trip_id, action, version=1, today=TODAY):
    with writing(db_url) as s:
        return trips.change_state(s, office["me"], trip_id, action, version, today)


def day_rows(db_url, trip_id):
    """The trip's day rows, checked against the counts the trip keeps of them."""
    with reading(db_url) as s:
        days = s.scalars(select(TripDay).where(TripDay.trip_id == trip_id)).all()
        trip = s.get(Trip, trip_id)
        assert (trip.days, trip.workdays) == (len(days), sum(d.is_workday for d in days))
        return len(days)


def test_planned_trip_marked_done_once_ended_then_its_days_count(office, db_url):
    trip_id = save(office, db_url, f.trip_input(D(2018, 9, 1), D(2018, 9, 3), planned=True))
    with pytest.raises(ValidationError) as err:
        change(office, db_url, trip_id, "done")  # 09/08: not ended yet
    assert err.value.fields() == {"visits.field.end"}
    assert change(office, db_url, trip_id, "done", today=D(2018, 9, 3)) == "done"
    assert day_rows(db_url, trip_id) == 3
    with reading(db_url) as s:
        trip = s.get(Trip, trip_id)
        assert (trip.days, trip.workdays) == (3, 1)  # Saturday to Monday
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "trip.done"))
        assert entry.before["state"] == "planned" and entry.after["state"] == "done"


def test_planned_trip_cancelled_counts_no_day_and_frees_its_dates(office, db_url):
    trip_id = save(office, db_url, f.trip_input(D(2018, 9, 1), D(2018, 9, 3), planned=True))
    assert change(office, db_url, trip_id, "cancel") == "cancelled"
    assert day_rows(db_url, trip_id) == 0
    save(office, db_url, f.trip_input(D(2018, 9, 2), D(2018, 9, 2), planned=True))


@pytest.mark.parametrize("state_action", ["done", "cancel"])
def test_a_made_trip_can_be_neither_marked_done_again_nor_cancelled(office, db_url, state_action):
    trip_id = save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 3)))
    with pytest.raises(ValidationError):
        change(office, db_url, trip_id, state_action)
    assert day_rows(db_url, trip_id) == 3


def test_a_cancelled_trip_stays_cancelled(office, db_url):
    trip_id = save(office, db_url, f.trip_input(D(2018, 9, 1), D(2018, 9, 3), planned=True))
    change(office, db_url, trip_id, "cancel")
    with pytest.raises(ValidationError):
        change(office, db_url, trip_id, "done", version=2, today=D(2018, 10, 1))


def test_state_change_on_a_stale_version_is_a_conflict(office, db_url):
    from core.errors import Conflict

    trip_id = save(office, db_url, f.trip_input(D(2018, 9, 1), D(2018, 9, 3), planned=True))
    with pytest.raises(Conflict):
        change(office, db_url, trip_id, "cancel", version=7)


def test_cadre_cannot_change_the_state_of_another_cadres_trip(office, db_url):
    with writing(db_url) as s:
        from db.models import Cadre

        other = s.get(Cadre, office["other_id"])
        trip_id = f.trip(s, other, D(2018, 9, 1), D(2018, 9, 2), planned=True).id
    with pytest.raises(PermissionDenied):
        change(office, db_url, trip_id, "cancel")


def test_days_preview_follows_the_years_counting_rule(office, db_url):
    from db.models import Policy

    with reading(db_url) as s:
        assert trips.days_preview(s, D(2018, 6, 1), D(2018, 6, 4)) == 4  # Fri–Mon, calendar
    with writing(db_url) as s:
        s.add(Policy(year=2018, counting_rule="working"))
    with reading(db_url) as s:
        assert trips.days_preview(s, D(2018, 6, 1), D(2018, 6, 4)) == 2
        assert trips.days_preview(s, D(2018, 6, 4), D(2018, 6, 1)) == 0


def test_listed_trips_flag_a_missing_report_past_the_deadline(office, db_url):
    save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 3)))
    with reading(db_url) as s:
        on_time = trip_list.list_for_cadre(s, office["me"], office["me_id"], today=D(2018, 6, 13))[0]
        late = trip_list.list_for_cadre(s, office["me"], office["me_id"], today=D(2018, 6, 14))[0]
    assert on_time.report_due == D(2018, 6, 13) and not on_time.overdue
    assert late.overdue


def test_the_page_opens_on_this_year_if_it_has_trips_else_the_latest():
    assert trip_list.default_year([2018, 2019], D(2026, 11, 22)) == 2019
    assert trip_list.default_year([2018, 2026], D(2026, 11, 22)) == 2026
    assert trip_list.default_year([], D(2026, 11, 22)) == 2026
    assert trip_list.default_year([2018, 2027], D(2026, 11, 22)) == 2018  # 2027: only planned
    assert trip_list.default_year([2027], D(2026, 11, 22)) == 2026
