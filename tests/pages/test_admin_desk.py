"""/admin's everyday tasks (AppTest): an admin corrects a cadre's trip with a reason, exemption
kinds read in words, and a roster leaving cadres out says what the box would do to them."""

import datetime as dt
import json

from sqlalchemy import select

from core import attachments, submissions, trips
from core.attachments import Upload
from core.i18n import t
from db.models import Attachment, AuditEntry, Cadre, Policy, Trip
from db.session import reading, writing
from tests.factories import trip_input
from tests.pages.test_admin import CSV, button, count, office_admin  # noqa: F401 (a fixture)

D = dt.date
KEY = "admin_trip_change"  # the picker's keys on /admin (ui.admin_trips)


def test_the_admin_corrects_a_cadres_trip_giving_a_reason(app_as, demo_url, actor_of):
    canbo = actor_of("canbo")
    with writing(demo_url) as s:
        trip_id = trips.save_trip(
            s,
            canbo,
            canbo.cadre_id,
            trip_input(D(2019, 3, 4), D(2019, 3, 6)),
            submissions.new_id(),
            today=D(2019, 3, 10),
        )
    at = app_as("quantri", page="admin", query={"tab": "trip_fix"})
    assert not at.exception
    at.selectbox(key="trip_fix_cadre").set_value(canbo.cadre_id).run()
    listed = at.dataframe[0].value
    assert "04/03/2019" in " ".join(listed[t("progress.col.dates", "vi")])
    at.selectbox(key=f"{KEY}_trip").set_value(trip_id).run()
    at.segmented_control(key=f"{KEY}_action").set_value("edit").run()
    prefix = f"{KEY}_edit_{trip_id}_0_"
    assert at.text_input(key=prefix + "host_unit").value == "Huyện Đoàn Mèo Vạc"  # prefilled
    at.text_input(key=prefix + "end").input("05/03/2019")
    at.button(key=prefix + "save").click().run()
    # The reason is required of an admin: nothing changed without it.
    assert [e.value for e in at.error] == [
        t("error.required", "vi", field=t("trip_change.field.reason", "vi"))
    ]
    with reading(demo_url) as s:
        assert s.get(Trip, trip_id).end_date == D(2019, 3, 6)
    at.text_area(key=prefix + "reason").input("Sổ công tác ghi về ngày 05/03")
    at.button(key=prefix + "save").click().run()
    assert not at.error
    assert any(s.value.startswith("Đã lưu thay đổi của chuyến đi") for s in at.success)
    with reading(demo_url) as s:
        trip = s.get(Trip, trip_id)
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (trip.end_date, trip.days, trip.version) == (D(2019, 3, 5), 2, 2)
    assert (entry.actor, entry.action) == ("quantri", "trip.correct")
    assert "Sổ công tác ghi về ngày 05/03" in json.dumps(entry.after, ensure_ascii=False)


def test_exemption_kinds_read_in_words_and_are_stored_as_their_codes(app_as, demo_url):
    at = app_as("quantri", page="admin", query={"tab": "policy"})
    at.selectbox(key="policy_year").select(2018).run()
    kinds = next(a for a in at.text_area if a.label == t("policy.exemption_kinds", "vi"))
    assert kinds.value == "Đi học, bồi dưỡng\nNghỉ ốm\nNghỉ thai sản"
    kind = next(s for s in at.selectbox if s.label == t("policy.exemption.kind", "vi"))
    assert kind.options == ["Đi học, bồi dưỡng", "Nghỉ ốm", "Nghỉ thai sản"]
    assert not any("sick_leave" in str(d.value.to_dict()) for d in at.dataframe)
    kinds.set_value("Đi học, bồi dưỡng\nNghỉ ốm\nNghỉ thai sản\nĐi biệt phái")
    next(b for b in at.button if b.label == t("common.save", "vi") and "policy" in b.form_id).click().run()
    assert not at.exception and not at.error
    with reading(demo_url) as s:
        stored = s.scalar(select(Policy.exemption_kinds).where(Policy.year == 2018))
    assert list(stored) == ["training", "sick_leave", "maternity", "Đi biệt phái"]


def test_the_exemption_kinds_are_in_english_for_an_english_reader(app_as):
    at = app_as("quantri", page="admin", query={"tab": "policy"}, lang="en")
    kind = next(s for s in at.selectbox if s.label == t("policy.exemption.kind", "en"))
    assert kind.options == ["Training", "Sick leave", "Maternity leave"]


def test_cadres_left_out_of_the_file_are_told_to_stay_unless_the_box_is_ticked(office_admin, db_url):  # noqa: F811
    at = office_admin
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", CSV, "text/csv")).run()
    with reading(db_url) as s:
        active = len(s.scalars(select(Cadre).where(Cadre.active.is_(True))).all())
    explained = t("roster.missing_explained", "vi", count=active)
    assert explained in [i.value for i in at.info]
    assert "vẫn hoạt động" in explained and "Nếu không đánh dấu" in explained
    box = at.checkbox(key="deactivate_missing")
    assert box.label == t("roster.deactivate_missing", "vi", count=active) and not box.value
    assert "không đăng nhập được" in box.label
    cadres = count(db_url, Cadre)
    button(at, t("roster.confirm", "vi")).click().run()
    with reading(db_url) as s:
        still_active = len(s.scalars(select(Cadre).where(Cadre.active.is_(True))).all())
    assert count(db_url, Cadre) == cadres + 1 and still_active == active + 1  # no one deactivated


def _trip_of_canbo(demo_url, canbo, **place) -> int:
    """A made trip of `canbo` in August 2025, named in today's register."""
    with writing(demo_url) as s:
        return trips.save_trip(
            s,
            canbo,
            canbo.cadre_id,
            trip_input(D(2025, 8, 4), D(2025, 8, 6), **place),
            submissions.new_id(),
            today=D(2025, 8, 10),
        )


def _open_correction(app_as, cadre_id: int, trip_id: int):
    at = app_as("quantri", page="admin", query={"tab": "trip_fix"})
    at.selectbox(key="trip_fix_cadre").set_value(cadre_id).run()
    at.selectbox(key=f"{KEY}_trip").set_value(trip_id).run()
    at.segmented_control(key=f"{KEY}_action").set_value("edit").run()
    return at, f"{KEY}_edit_{trip_id}_0_"


def test_the_admin_picks_a_trips_commune_from_the_register_and_its_code_follows(app_as, demo_url, actor_of):
    canbo = actor_of("canbo")
    trip_id = _trip_of_canbo(demo_url, canbo, province="Tuyên Quang", commune="Xã Bắc Mê")
    with reading(demo_url) as s:
        assert s.get(Trip, trip_id).place.commune_code == "00991"
    at, prefix = _open_correction(app_as, canbo.cadre_id, trip_id)
    assert at.selectbox(key=prefix + "province").value == "Tuyên Quang"  # prefilled, today's register
    commune = at.selectbox(key=prefix + "commune_08")
    assert commune.value == "Xã Bắc Mê" and "Xã Bắc Quang" in commune.options
    commune.set_value("Xã Bắc Quang").run()
    at.text_area(key=prefix + "reason").input("Sai xã theo giấy công tác")
    at.button(key=prefix + "save").click().run()
    assert not at.error
    with reading(demo_url) as s:
        place = s.get(Trip, trip_id).place
        assert (place.province, place.commune, place.province_code, place.commune_code) == (
            "Tuyên Quang",
            "Xã Bắc Quang",
            "08",
            "01153",
        )


def test_a_district_and_commune_typed_before_the_register_stay_when_the_admin_leaves_the_place(
    app_as, demo_url, actor_of
):
    canbo = actor_of("canbo")
    typed = dict(province="Tuyên Quang", district="Huyện Na Hang", commune="Xã Đã Đổi Tên")
    trip_id = _trip_of_canbo(demo_url, canbo, **typed)
    with reading(demo_url) as s:
        place_id = s.get(Trip, trip_id).place_id
    at, prefix = _open_correction(app_as, canbo.cadre_id, trip_id)
    commune = at.selectbox(key=prefix + "commune_08")
    assert commune.value == "Xã Đã Đổi Tên"
    assert t("places.as_typed", "vi", name="Xã Đã Đổi Tên") in commune.options
    assert any("Huyện Na Hang" in c.value for c in at.caption)  # the district is shown, kept
    at.text_input(key=prefix + "end").input("05/08/2025")
    at.text_area(key=prefix + "reason").input("Về sớm một ngày")
    at.button(key=prefix + "save").click().run()
    assert not at.error
    with reading(demo_url) as s:
        trip = s.get(Trip, trip_id)
        assert (trip.end_date, trip.place_id) == (D(2025, 8, 5), place_id)
        assert (trip.place.district, trip.place.commune, trip.place.province_code) == (
            "Huyện Na Hang",
            "Xã Đã Đổi Tên",
            "08",
        )


def test_the_admin_sees_a_trips_files_before_removing_one(app_as, demo_url, actor_of):
    from tests.pages.test_attachments import PDF, photo, plain

    canbo = actor_of("canbo")
    trip_id = _trip_of_canbo(demo_url, canbo, province="Tuyên Quang", commune="Xã Bắc Mê")
    with writing(demo_url) as s:
        photo_id, pdf_id = attachments.attach(
            s,
            canbo,
            trip_id,
            attachments.TRIP,
            [Upload("anh.jpg", photo()), Upload("Giấy đi đường.pdf", PDF)],
        )
    at, _ = _open_correction(app_as, canbo.cadre_id, trip_id)
    assert not at.exception
    assert len(at.get("image")) == 1  # the photo's thumbnail, as the leader sees it
    buttons = [d for d in at.get("download_button") if d.key.startswith(f"{KEY}_files")]
    assert len(buttons) == 2
    assert any(plain(c.value).startswith("Giấy đi đường.pdf · ") for c in at.caption)
    at.button(key=f"{KEY}_files_trip_remove_{pdf_id}").click().run()
    assert t("attachments.removed", "vi", name="Giấy đi đường.pdf") in [plain(s.value) for s in at.success]
    with reading(demo_url) as s:
        assert s.get(Attachment, pdf_id).removed_at is not None
        assert s.get(Attachment, photo_id).removed_at is None
