"""/admin → *Địa danh* (ui.place_mapping): a province name no register knows is listed, kept
as typed, and mapped by the admin to one of today's provinces."""

import datetime as dt

from sqlalchemy import select

from db.models import Place
from db.session import reading, writing
from tests import factories as f


def test_a_typed_province_is_listed_then_mapped_by_the_admin(app_as, demo_url):
    with writing(demo_url) as s:
        cadre = f.cadre(s, f.ban(s, "ZZ"), "ZZ1")
        f.trip(s, cadre, dt.date(2018, 6, 4), dt.date(2018, 6, 5), province="Sao Hỏa", host_unit="Đoàn xã X")
    at = app_as("quantri", page="admin", query={"tab": "places"})
    assert not at.exception
    listed = at.dataframe[0].value
    assert list(listed.iloc[:, 0]) == ["Sao Hỏa"] and list(listed.iloc[:, 2]) == [1]
    at.selectbox(key="map_typed").set_value("Sao Hỏa")
    at.selectbox(key="map_code").set_value("96")
    at.button[0].click().run()
    assert not at.error, [e.value for e in at.error]
    assert any("Sao Hỏa" in s.value and "Cà Mau" in s.value for s in at.success)
    with reading(demo_url) as s:
        assert s.scalar(select(Place.province_code).where(Place.province == "Sao Hỏa")) == "96"


def test_the_demo_has_no_name_left_unmatched(app_as):
    at = app_as("quantri", page="admin", query={"tab": "places"})
    assert not at.exception
    assert [s.value for s in at.success] == ["Mọi địa danh đã khớp danh mục."]
