"""Places from the official register (core.admin_units): a typed name becomes today's province
code one way everywhere, the stored places are matched by migration 0020 (the rest kept and
mapped by an admin), and every figure by province, the map's included, is by code."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text

from core import admin_units, place_mapping, place_visits, places, province_map
from core.errors import PermissionDenied, ValidationError
from core.periods import Window, year_window
from db.models import Place, ProvinceYear
from db.session import dispose_all, engine, reading, writing
from tests import factories as f

D = dt.date
OLD = admin_units.old_provinces()
TODAY = admin_units.provinces()
EVERY_NAME = [name for name, _ in OLD] + [unit.name for unit in TODAY]


# --- Names to codes -------------------------------------------------------------------------


def test_the_register_has_34_provinces_and_the_63_before_it_each_go_to_one_of_them():
    assert len(TODAY) == 34 and len(OLD) == 63
    codes = {unit.code for unit in TODAY}
    assert {code for _, code in OLD} == codes  # every province of today is made of former ones
    assert all(admin_units.communes(code) for code in codes)
    assert admin_units.province_code("Bạc Liêu") == admin_units.province_code("Cà Mau") == "96"
    assert admin_units.province_code("Hà Giang") == "08"  # into Tuyên Quang
    assert admin_units.province_code("Thừa Thiên Huế") == admin_units.province_code("Thành phố Huế") == "46"


def _spellings(name: str):
    bare = "".join(
        c
        for c in unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(c)
    )
    return st.sampled_from(
        [
            name,
            name.upper(),
            name.lower(),
            bare,
            bare.lower(),
            f"Tỉnh {name}",
            f"tỉnh  {name.lower()}",
            f"TP. {name}",
            f"Thành phố {name}",
            f"  {name}  ",
            unicodedata.normalize("NFD", name),  # typed on a keyboard that decomposes
            name.replace(" ", "-"),
        ]
    )


@given(st.sampled_from(EVERY_NAME).flatmap(lambda name: st.tuples(st.just(name), _spellings(name))))
def test_a_province_typed_any_common_way_is_the_same_province(case):
    name, typed = case
    expected = dict(OLD).get(name) or next(u.code for u in TODAY if u.name == name)
    assert admin_units.province_code(typed) == expected


@given(st.text(alphabet="xyzqw ", min_size=1, max_size=12))
def test_a_name_no_register_knows_has_no_code(typed):
    assert admin_units.province_code(typed) is None


def test_a_commune_is_found_by_its_name_in_its_province_only():
    dat_mui = admin_units.commune_code("96", "Xã Đất Mũi")
    assert dat_mui and admin_units.commune_code("96", "xa dat mui") == dat_mui
    assert admin_units.commune_code("96", "Đất Mũi") == dat_mui
    assert admin_units.commune_code("01", "Xã Đất Mũi") is None
    assert admin_units.commune_code(None, "Xã Đất Mũi") is None


def test_a_place_keeps_the_codes_of_its_date(db_url):
    with writing(db_url) as s:
        new = places.get_or_create(s, "Cà Mau", "", "Xã Đất Mũi", "Đoàn xã", on=D(2026, 2, 1))
        old = places.get_or_create(
            s, "Bạc Liêu", "Huyện Hồng Dân", "Xã Ninh Quới", "Đoàn xã", on=D(2018, 6, 1)
        )
        typo = places.get_or_create(s, "Sao Hỏa", host_unit="Đoàn xã", on=D(2018, 6, 1))
        got = {p.id: (p.province_code, p.commune_code) for p in s.scalars(select(Place))}
    assert got[new.id] == ("96", admin_units.commune_code("96", "Xã Đất Mũi"))
    assert got[old.id] == ("96", None)  # the names of 2018, grouped under today's Cà Mau
    assert got[typo.id] == ("", None)


# --- Figures by code, on each engine ------------------------------------------------------------


def _ca_mau_three_ways(s):
    b1 = f.ban(s, "B1")
    a, b, c = (f.cadre(s, b1, code) for code in "ABC")
    f.trip(s, a, D(2018, 6, 4), D(2018, 6, 5), province="Cà Mau", host_unit="Xã Đất Mũi")
    f.trip(s, b, D(2018, 6, 6), D(2018, 6, 7), province="Tỉnh Cà Mau", host_unit="Xã Đất Mũi")
    f.trip(s, a, D(2018, 6, 11), D(2018, 6, 12), province="ca mau", host_unit="Huyện Ngọc Hiển")
    f.trip(s, c, D(2018, 6, 13), D(2018, 6, 14), province="Bạc Liêu", host_unit="Huyện Hồng Dân")
    f.trip(s, c, D(2018, 6, 18), D(2018, 6, 19), province="Sao Hỏa", host_unit="Đoàn xã X")


@pytest.mark.parametrize("window", [Window(D(2018, 6, 1), D(2018, 6, 30)), year_window(2018)])
def test_a_province_typed_three_ways_is_one_province_in_the_figures(db_url, window):
    with writing(db_url) as s:
        _ca_mau_three_ways(s)
    with reading(db_url) as s:
        visited = place_visits.provinces_visited(s, window)
    by_code = {v.code: (v.province, v.trips, v.cadres) for v in visited}
    assert by_code == {"96": ("Cà Mau", 4, 3), "": ("", 1, 1)}


def test_the_map_has_every_province_with_zeros_where_nobody_went(db_url):
    with writing(db_url) as s:
        _ca_mau_three_ways(s)
    with reading(db_url) as s:
        rows = place_visits.every_province(place_visits.provinces_visited(s, year_window(2018)))
    assert [r.code for r in rows] == [u.code for u in TODAY]
    assert {r.code: r.cadres for r in rows if r.cadres} == {"96": 3}
    assert all(r.trips == 0 for r in rows if r.code != "96")
    assert province_map.unvisited(rows) == 33
    data = province_map.frame(rows)
    assert len(data) == 34 and len(set(zip(data.col, data.row))) == 34  # one tile each
    assert data.set_index("code").loc["96", "cadres"] == 3
    spec = province_map.chart(rows, "vi").to_dict()
    assert len(spec["layer"]) == 4 and "http" not in str(spec.get("data", ""))


def test_an_admin_maps_a_typed_name_and_it_counts_under_that_province(db_url):
    with writing(db_url) as s:
        _ca_mau_three_ways(s)
        admin = f.actor(f.account(s, "quantri", ("admin",)))
        cadre = f.actor(f.account(s, "k", ("cadre",)))
    with reading(db_url) as s:
        assert [(u.province, u.places, u.trips) for u in place_mapping.unmatched(s)] == [("Sao Hỏa", 1, 1)]
    with pytest.raises(PermissionDenied), writing(db_url) as s:
        place_mapping.map_province(s, cadre, "Sao Hỏa", "96")
    with pytest.raises(ValidationError), writing(db_url) as s:
        place_mapping.map_province(s, admin, "Sao Hỏa", "99")
    with writing(db_url) as s:
        assert place_mapping.map_province(s, admin, "Sao Hỏa", "96") == 1
    with reading(db_url) as s:
        assert place_mapping.unmatched(s) == []
        assert s.scalar(
            select(Place.province).where(Place.province_code == "96", Place.host_unit == "Đoàn xã X")
        )
        assert s.get(ProvinceYear, (2018, "96")).trips == 5  # the kept figures counted again
        assert {
            v.code: v.trips for v in place_visits.provinces_visited(s, Window(D(2018, 6, 1), D(2018, 6, 30)))
        } == {"96": 5}


# --- The places stored before the register (migration 0020) -----------------------------------


def test_migration_0020_matches_the_stored_places_by_name_and_keeps_the_rest(tmp_path):
    from alembic import command

    from db.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0019")
    typed = ["Cà Mau", "Tỉnh Cà Mau", "CA MAU", "Bạc Liêu", "TP. Hồ Chí Minh", "Sao Hỏa", "Hà Giang"]
    with engine(url).begin() as conn:
        conn.execute(
            text("INSERT INTO bans (id, code, name, sort_order, active) VALUES (1, 'TC', 'Ban', 0, 1)")
        )
        for i in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO cadres (id, code, full_name, ban_id, position, subject_to_rule, active) "
                    "VALUES (:i, :c, 'Cán bộ', 1, '', 1, 1)"
                ),
                {"i": i, "c": f"C{i}"},
            )
        for i, name in enumerate(typed, 1):
            conn.execute(
                text(
                    "INSERT INTO places (id, province, district, commune, host_unit) VALUES (:i, :p, '', '', '')"
                ),
                {"i": i, "p": name},
            )
        for trip_id, (cadre_id, place_id) in enumerate([(1, 1), (1, 2), (2, 3), (2, 6)], 1):
            conn.execute(
                text(
                    "INSERT INTO trips (id, cadre_id, ban_id, place_id, start_date, end_date, state, tags, "
                    "co_travellers, funding_vnd, purpose, version, created_at, days, workdays) VALUES "
                    "(:t, :c, 1, :p, '2018-06-04', '2018-06-05', 'done', '[]', '', 0, '', 1, "
                    "'2018-06-06 08:00:00', 2, 2)"
                ),
                {"t": trip_id * 10, "c": cadre_id, "p": place_id},
            )
        conn.execute(
            text("INSERT INTO province_years (year, province, trips, cadres) VALUES (2018, 'Cà Mau', 1, 1)")
        )
    command.upgrade(alembic_config(url), "head")
    dispose_all()
    with engine(url).connect() as conn:
        stored = dict(conn.execute(text("SELECT province, province_code FROM places")).all())
        kept = conn.execute(text("SELECT year, province_code, trips, cadres FROM province_years")).all()
    dispose_all()
    assert stored == {name: admin_units.province_code(name) or "" for name in typed}  # the same rule as core
    assert stored["Sao Hỏa"] == "" and stored["CA MAU"] == "96" and stored["Hà Giang"] == "08"
    assert sorted(kept) == [(2018, "", 1, 1), (2018, "96", 3, 2)]  # counted again, by code
    with reading(url) as s:
        assert [u.province for u in place_mapping.unmatched(s)] == ["Sao Hỏa"]  # listed, never lost
    dispose_all()


def test_the_word_report_carries_the_map(actor_of, demo_url):
    from docx import Document

    from core import summary
    from core.exports import review_report

    window = Window(D(2018, 6, 1), D(2018, 7, 31))
    with reading(demo_url) as s:
        period = summary.summary(s, actor_of("lanhdao"), window, D(2018, 8, 9))
    assert len(period.provinces) == 34 and any(p.cadres for p in period.provinces)
    doc = Document(io.BytesIO(review_report.report(period, "vi")))
    blobs = [rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert len(blobs) == 4 and all(b.startswith(b"\x89PNG") for b in blobs)
    caption = f"({province_map.unvisited(period.provinces)} tỉnh, thành phố)"
    assert any(caption in p.text for p in doc.paragraphs)


def test_the_trips_import_reads_province_names_as_the_trip_form_does(db_url, tmp_path):
    from core import office
    from core.trips_import import apply
    from tests import offices

    offices.build(db_url, tmp_path, trips=False)
    header = list(offices.TRIPS_HEADER)
    rows = [list(offices.TRIPS[0]) for _ in range(4)]
    spellings = ["Hà Giang", "Tỉnh Hà Giang", "HA GIANG", "Tuyên Quang"]  # one province today
    for i, (row, province) in enumerate(zip(rows, spellings)):
        row[header.index("Từ ngày")] = row[header.index("Đến ngày")] = f"{i + 1:02d}/05/2023"
        row[header.index("Tỉnh/Thành phố")] = province
        row[header.index("Ngày nộp báo cáo")] = f"{i + 10:02d}/05/2023"
    rows[3][header.index("Tỉnh/Thành phố")] = "Sao Hỏa"  # kept, listed for an admin
    spellings[3] = "Sao Hỏa"
    try:
        with writing(db_url) as s:
            apply(s, office.shell_actor(), offices.table_csv(header, rows), "lich-su.csv")
    except ValidationError as refused:
        raise AssertionError(refused.messages("vi")) from None
    with reading(db_url) as s:
        stored = dict(s.execute(select(Place.province, Place.province_code)).all())
        visited = place_visits.provinces_visited(s, year_window(2023))
        listed = [u.province for u in place_mapping.unmatched(s)]
    assert {name: stored[name] for name in spellings} == {
        name: admin_units.province_code(name) or "" for name in spellings
    }
    assert {(v.code, v.trips) for v in visited} == {("08", 3), ("", 1)}
    assert listed == ["Sao Hỏa"]
