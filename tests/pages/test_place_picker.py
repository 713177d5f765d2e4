"""The trip form's place picker (ui.place_picker) as the demo cadre `canbo`: a trip since
1 July 2025 picks a province, then one of its communes, from the official register; an
earlier trip picks the province by its name then."""

import datetime as dt

from sqlalchemy import select

from core import admin_units
from db.models import Account, Place, Trip
from db.session import reading

D = dt.date
TRIP = "trip_0_"
RECORD = {"tab": "trip"}


def last_trip_place(url) -> Place:
    with reading(url) as s:
        cadre_id = s.scalar(select(Account.cadre_id).where(Account.username == "canbo"))
        trip = s.scalar(select(Trip).where(Trip.cadre_id == cadre_id).order_by(Trip.id.desc()).limit(1))
        place = trip.place
        s.expunge(place)
        return place


def test_a_trip_of_2026_picks_a_commune_of_the_province_picked_and_keeps_their_codes(app_as, demo_url):
    at = app_as("canbo", page="visits", query={"year": "2026", **RECORD})
    at.text_input(key=TRIP + "start").input("02/03/2026")
    at.text_input(key=TRIP + "end").input("03/03/2026").run()
    province = at.selectbox(key=TRIP + "province")
    assert len(province.options) == 34 and "Cà Mau" in province.options
    assert "Bạc Liêu" not in province.options  # merged into Cà Mau on 1 July 2025
    province.set_value("Cà Mau").run()
    commune = at.selectbox(key=TRIP + "commune_96")
    assert commune.options == [u.name for u in admin_units.communes("96")]
    assert "Xã Đất Mũi" in commune.options and "Phường Hoàn Kiếm" not in commune.options
    commune.set_value("Xã Đất Mũi")
    at.text_input(key=TRIP + "host_unit").input("Đoàn xã Đất Mũi")
    at.pills(key=TRIP + "content").set_value(["inspection"])
    at.button(key=TRIP + "save").click().run()
    assert not at.error, [e.value for e in at.error]
    place = last_trip_place(demo_url)
    assert (place.province, place.district, place.commune, place.host_unit) == (
        "Cà Mau",
        "",
        "Xã Đất Mũi",
        "Đoàn xã Đất Mũi",
    )
    assert (place.province_code, place.commune_code) == ("96", admin_units.commune_code("96", "Xã Đất Mũi"))


def test_the_commune_waits_for_the_province(app_as):
    at = app_as("canbo", page="visits", query={"year": "2026", **RECORD})
    at.text_input(key=TRIP + "start").input("02/03/2026").run()
    assert at.selectbox(key=TRIP + "commune_none").disabled


def test_a_trip_of_2018_picks_among_the_63_provinces_of_then_and_counts_under_today(app_as, demo_url):
    at = app_as("canbo", page="visits", query={"year": "2018", **RECORD})
    at.text_input(key=TRIP + "start").input("03/12/2018")
    at.text_input(key=TRIP + "end").input("04/12/2018").run()
    province = at.selectbox(key=TRIP + "old_province")
    assert len(province.options) == 63 and "Bạc Liêu" in province.options
    province.set_value("Bạc Liêu")
    at.text_input(key=TRIP + "district").input("Huyện Hồng Dân")
    at.text_input(key=TRIP + "commune").input("Xã Ninh Quới")
    at.text_input(key=TRIP + "host_unit").input("Đoàn xã Ninh Quới")
    at.pills(key=TRIP + "content").set_value(["inspection"])
    at.button(key=TRIP + "save").click().run()
    assert not at.error, [e.value for e in at.error]
    place = last_trip_place(demo_url)
    assert (place.province, place.district, place.commune) == ("Bạc Liêu", "Huyện Hồng Dân", "Xã Ninh Quới")
    assert (place.province_code, place.commune_code) == ("96", None)
