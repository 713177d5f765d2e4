import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from core import submissions, trips
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
    return trips.save_trip(office["me"], office["me_id"], data, sid or submissions.new_id(),
                           url=db_url, today=TODAY)


def test_recorded_trip_stores_one_day_row_per_day_and_an_audit_entry(office, db_url):
    trip_id = save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 3)))
    with reading(db_url) as s:
        assert s.scalar(select(func.count()).select_from(TripDay).where(TripDay.trip_id == trip_id)) == 3
        entry = s.scalar(select(AuditEntry).where(AuditEntry.table_name == "trips"))
        assert entry.actor == "canbo" and entry.after["id"] == trip_id


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
    bad = f.trip_input(D(2018, 6, 5), D(2018, 6, 1), province="", host_unit="", content_types=(),
                       funding_vnd=-5)
    with pytest.raises(ValidationError) as err:
        save(office, db_url, bad)
    assert err.value.fields() == {"visits.field.end", "visits.field.province",
                                  "visits.field.host_unit", "visits.field.content_types",
                                  "visits.field.funding"}
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
    with pytest.raises(PermissionDenied):
        trips.save_trip(office["me"], office["other_id"], f.trip_input(D(2018, 6, 1), D(2018, 6, 2)),
                        submissions.new_id(), url=db_url, today=TODAY)


def test_cadre_cannot_list_trips_of_another_cadre(office, db_url):
    with reading(db_url) as s, pytest.raises(PermissionDenied):
        trips.list_for_cadre(s, office["me"], office["other_id"])


def test_vietnamese_typed_in_nfd_is_stored_in_nfc(office, db_url):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Huyện Đoàn Mèo Vạc\u200b")
    save(office, db_url, f.trip_input(D(2018, 6, 1), D(2018, 6, 1), host_unit=nfd))
    with reading(db_url) as s:
        rows = trips.list_for_cadre(s, office["me"], office["me_id"])
    assert rows[0].place.startswith("Huyện Đoàn Mèo Vạc") and "\u200b" not in rows[0].place
