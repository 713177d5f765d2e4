"""Correcting and removing a trip in the pages (AppTest): the cadre on /visits, the office
leader on /progress's view of one cadre; a ban leader is offered neither."""

import datetime as dt

import pytest
from sqlalchemy import select

from core import submissions, trip_changes, trips
from core.i18n import t
from db.models import Account, AuditEntry, Trip
from db.session import reading, writing
from tests.factories import trip_input

D = dt.date
YEAR = {"year": "2019"}  # a year the demo has no trip in: the page lists the test's trip alone
MINE = "my_trip_change"  # the picker's keys on /visits
OFFICE = "office_trip_change"  # and on /progress


@pytest.fixture
def trip_id(demo_url, actor_of):
    """A made trip of the demo cadre `canbo`, 04/03/2019–06/03/2019, no report yet."""
    canbo = actor_of("canbo")
    with writing(demo_url) as s:
        return trips.save_trip(
            s,
            canbo,
            canbo.cadre_id,
            trip_input(D(2019, 3, 4), D(2019, 3, 6), questions=("Vì sao?",)),
            submissions.new_id(),
            today=D(2019, 3, 10),
        )


def stored(demo_url, trip_id) -> Trip:
    with reading(demo_url) as s:
        trip = s.get(Trip, trip_id)
        trip.place  # noqa: B018 - loaded before the session closes
        return trip


def last_audit(demo_url) -> AuditEntry:
    with reading(demo_url) as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def errors(at) -> list[str]:
    """The errors shown, but /visits's own about the year's target (2019 is past and empty)."""
    missed = t("visits.missed_target", "vi", needed=0).split(":")[0]
    return [e.value for e in at.error if not e.value.startswith(missed)]


def open_change(at, key, trip_id, change):
    at.selectbox(key=f"{key}_trip").set_value(trip_id).run()
    at.segmented_control(key=f"{key}_action").set_value(change).run()
    return f"{key}_{change}_{trip_id}_0_"


def test_cadre_corrects_a_trip_in_a_form_opened_on_it_prefilled(app_as, demo_url, trip_id):
    at = app_as("canbo", page="visits", query=YEAR)
    prefix = open_change(at, MINE, trip_id, "edit")
    assert at.text_input(key=prefix + "host_unit").value == "Huyện Đoàn Mèo Vạc"
    assert at.text_input(key=prefix + "end").value == "06/03/2019"  # dd/mm/yyyy, typed
    assert at.pills(key=prefix + "content").value == ["inspection"]
    assert at.text_area(key=prefix + "questions").value == "Vì sao?"
    at.text_input(key=prefix + "end").input("08/03/2019")
    at.text_input(key=prefix + "host_unit").input("Xã Pả Vi")
    at.number_input(key=prefix + "funding").set_value(1_500_000)
    at.button(key=prefix + "save").click().run()
    assert not errors(at)
    trip = stored(demo_url, trip_id)
    assert (trip.end_date, trip.place.host_unit, trip.funding_vnd, trip.days, trip.version) == (
        D(2019, 3, 8),
        "Xã Pả Vi",
        1_500_000,
        5,
        2,
    )
    assert any(s.value.startswith("Đã lưu thay đổi của chuyến đi") for s in at.success)
    assert last_audit(demo_url).action == "trip.edit"
    assert at.selectbox(key=f"{MINE}_trip").value is None  # the picker starts again


def test_cadre_removes_a_trip_with_a_reason_and_a_confirmation_and_sees_it_in_the_history(
    app_as, demo_url, trip_id
):
    at = app_as("canbo", page="visits", query=YEAR)
    prefix = open_change(at, MINE, trip_id, "remove")
    assert at.button(key=prefix + "remove").disabled  # not before the confirmation
    at.checkbox(key=prefix + "confirm").check().run()
    at.button(key=prefix + "remove").click().run()
    assert errors(at) == [t("error.required", "vi", field=t("trip_change.field.reason", "vi"))]
    assert stored(demo_url, trip_id).state == "done"
    at.text_area(key=prefix + "reason").input("Ghi nhầm: chuyến đi không diễn ra")
    at.button(key=prefix + "remove").click().run()
    assert not errors(at)
    assert stored(demo_url, trip_id).state == "removed"
    # The year's trips, one card each: the removed one says so, with who removed it and why.
    cards = [m.value for m in at.markdown if m.value.startswith("**") and " – " in m.value]
    assert len(cards) == 1 and "Đã xoá" in cards[0]
    assert any("Ghi nhầm: chuyến đi không diễn ra" in c.value.replace("\\", "") for c in at.caption)
    assert at.metric[1].value == "0"  # no trip made left in the year


def test_a_form_opened_before_someone_elses_save_is_told_to_reload(app_as, demo_url, actor_of, trip_id):
    at = app_as("canbo", page="visits", query=YEAR)
    prefix = open_change(at, MINE, trip_id, "edit")
    with writing(demo_url) as s:  # meanwhile the office leader corrects the same trip
        trip_changes.edit(
            s,
            actor_of("lanhdao"),
            trip_id,
            trip_input(D(2019, 3, 4), D(2019, 3, 5)),
            1,
            reason="Sai ngày về",
            today=D(2019, 3, 10),
        )
    at.text_input(key=prefix + "host_unit").input("Xã Pả Vi")
    at.button(key=prefix + "save").click().run()
    assert errors(at) == [t("error.conflict", "vi")]
    trip = stored(demo_url, trip_id)
    assert (trip.end_date, trip.place.host_unit) == (D(2019, 3, 5), "Huyện Đoàn Mèo Vạc")


def _cadre_view(app_as, demo_url, username):
    """/progress's cadres of ban TC over 2019, with `canbo`'s row picked."""
    at = app_as(
        username,
        page="progress",
        query={"from": "2019-01-01", "to": "2019-12-31", "ban": "TC", "tab": "cadres"},
    )
    with reading(demo_url) as s:
        name = s.scalar(select(Account.display_name).where(Account.username == "canbo"))
    names = list(at.dataframe(key="cadre_table").value[t("common.name", "vi")])
    at.session_state["cadre_table"] = {"selection": {"rows": [names.index(name)], "columns": []}}
    return at.run()


def test_office_leader_corrects_a_cadres_trip_giving_a_reason(app_as, demo_url, trip_id):
    at = _cadre_view(app_as, demo_url, "lanhdao")
    assert not at.exception
    prefix = open_change(at, OFFICE, trip_id, "edit")
    at.text_input(key=prefix + "start").input("5/3/2019")
    at.button(key=prefix + "save").click().run()
    assert errors(at) == [t("error.required", "vi", field=t("trip_change.field.reason", "vi"))]
    assert stored(demo_url, trip_id).start_date == D(2019, 3, 4)
    at.text_area(key=prefix + "reason").input("Sai ngày đi theo giấy công tác")
    at.button(key=prefix + "save").click().run()
    assert not errors(at)
    assert stored(demo_url, trip_id).start_date == D(2019, 3, 5)
    entry = last_audit(demo_url)
    assert (entry.actor, entry.action, entry.after["reason"]) == (
        "lanhdao",
        "trip.correct",
        "Sai ngày đi theo giấy công tác",
    )


def test_office_leader_removes_a_cadres_trip(app_as, demo_url, trip_id):
    at = _cadre_view(app_as, demo_url, "lanhdao")
    prefix = open_change(at, OFFICE, trip_id, "remove")
    at.text_area(key=prefix + "reason").input("Trùng với chuyến đi đã ghi")
    at.checkbox(key=prefix + "confirm").check().run()
    at.button(key=prefix + "remove").click().run()
    assert not errors(at)
    trip = stored(demo_url, trip_id)
    assert (trip.state, trip.removed_reason) == ("removed", "Trùng với chuyến đi đã ghi")


def test_ban_leader_is_offered_no_correction_of_a_cadres_trip(app_as, demo_url, trip_id):
    at = _cadre_view(app_as, demo_url, "truongban")
    assert not at.exception
    assert t("progress.trips_of", "vi", name="").strip() in " ".join(s.value for s in at.subheader)
    assert f"{OFFICE}_trip" not in [box.key for box in at.selectbox]


def test_office_leader_corrects_the_place_from_the_register_of_the_trips_time(app_as, demo_url, trip_id):
    assert stored(demo_url, trip_id).place.province_code == "08"  # Hà Giang is part of Tuyên Quang today
    at = _cadre_view(app_as, demo_url, "lanhdao")
    prefix = open_change(at, OFFICE, trip_id, "edit")
    # A trip of 2019: the 63 provinces of its time, opened on the trip's own.
    province = at.selectbox(key=prefix + "old_province")
    assert province.value == "Hà Giang" and len(province.options) == 63
    province.set_value("Cao Bằng").run()
    at.text_input(key=prefix + "district").input("Huyện Bảo Lạc")
    at.text_area(key=prefix + "reason").input("Sai tỉnh theo giấy công tác")
    at.button(key=prefix + "save").click().run()
    assert not errors(at)
    place = stored(demo_url, trip_id).place
    assert (place.province, place.district, place.host_unit, place.province_code) == (
        "Cao Bằng",
        "Huyện Bảo Lạc",
        "Huyện Đoàn Mèo Vạc",  # the host unit, free text, as it was
        "04",
    )


def test_a_stored_place_no_register_knows_is_shown_and_kept_by_a_correction_that_leaves_it(
    app_as, demo_url, actor_of
):
    canbo = actor_of("canbo")
    typed = dict(province="Hà Tuyên", district="Huyện Chiêm Hoá cũ", commune="Xã Đã Đổi Tên")
    with writing(demo_url) as s:
        trip_id = trips.save_trip(
            s,
            canbo,
            canbo.cadre_id,
            trip_input(D(2019, 3, 4), D(2019, 3, 6), **typed),
            submissions.new_id(),
            today=D(2019, 3, 10),
        )
        # No register knows the name; an admin has mapped it since (/admin's list of names).
        s.get(Trip, trip_id).place.province_code = "08"
    before = stored(demo_url, trip_id).place
    at = _cadre_view(app_as, demo_url, "lanhdao")
    prefix = open_change(at, OFFICE, trip_id, "edit")
    province = at.selectbox(key=prefix + "old_province")
    assert province.value == "Hà Tuyên"
    assert t("places.as_typed", "vi", name="Hà Tuyên") in province.options  # marked as typed
    assert at.text_input(key=prefix + "district").value == "Huyện Chiêm Hoá cũ"
    assert at.text_input(key=prefix + "commune").value == "Xã Đã Đổi Tên"
    at.text_input(key=prefix + "end").input("05/03/2019")
    at.text_area(key=prefix + "reason").input("Sổ công tác ghi về ngày 05/03")
    at.button(key=prefix + "save").click().run()
    assert not errors(at)
    trip = stored(demo_url, trip_id)
    assert trip.end_date == D(2019, 3, 5)
    assert trip.place_id == before.id
    assert (trip.place.province, trip.place.district, trip.place.commune, trip.place.province_code) == (
        *typed.values(),
        "08",
    )
