"""Files on /visits (the trip form, the report's panel) and /review (the count, the zip)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from PIL import Image
from sqlalchemy import func, select

from core import attachments
from core.attachments import REPORT, Upload
from core.i18n import t
from core.periods import Window
from db.models import Account, Attachment, Trip
from db.session import reading, writing
from tests.pages.test_visits import RECORD, TRIP, fill_trip
from tests.pages.test_visits import REPORT as REPORT_TAB

D = dt.date


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), (10, 90, 160)).save(out, "JPEG")
    return out.getvalue()


PDF = b"%PDF-1.4\n" + b"0" * 3000 + b"\n%%EOF\n"


def plain(text: str) -> str:
    """Text as read, without the escapes ui.text adds for Markdown."""
    return text.replace("\\", "")


def files_of_canbo(url) -> list[tuple[str, str]]:
    with reading(url) as s:
        cadre_id = s.scalar(select(Account.cadre_id).where(Account.username == "canbo"))
        return [
            tuple(r)
            for r in s.execute(
                select(Attachment.file_name, Attachment.part)
                .join(Trip, Trip.id == Attachment.trip_id)
                .where(Trip.cadre_id == cadre_id)
                .order_by(Attachment.id)
            )
        ]


def trips_of_canbo(url) -> int:
    with reading(url) as s:
        cadre_id = s.scalar(select(Account.cadre_id).where(Account.username == "canbo"))
        return s.scalar(select(func.count()).select_from(Trip).where(Trip.cadre_id == cadre_id))


def test_the_trip_form_takes_a_photo_and_a_pdf_with_the_trip_and_states_its_caps(app_as, demo_url):
    at = fill_trip(app_as("canbo", page="visits", query={"year": "2018", **RECORD}))
    uploader = at.file_uploader(key=TRIP + "files")
    assert "10 MB" in uploader.label
    assert {".jpg", ".png", ".pdf", ".docx", ".xlsx"} <= set(uploader.allowed_type)
    assert any("30 MB một chuyến đi" in c.value for c in at.caption)
    uploader.set_value([("IMG_1.jpg", photo(), "image/jpeg"), ("giay-cong-tac.pdf", PDF, "application/pdf")])
    at.button(key=TRIP + "save").click().run()
    assert not at.exception and not [e.value for e in at.error]
    assert files_of_canbo(demo_url) == [("IMG_1.jpg", "trip"), ("giay-cong-tac.pdf", "trip")]


def test_a_bad_file_in_the_trip_form_stores_neither_the_trip_nor_any_file(app_as, demo_url):
    at = fill_trip(app_as("canbo", page="visits", query={"year": "2018", **RECORD}))
    trips_before = trips_of_canbo(demo_url)
    at.file_uploader(key=TRIP + "files").set_value(
        [("bao-cao.pdf", b"MZ\x90\x00" + b"\0" * 100, "application/pdf"), ("ok.pdf", PDF, "application/pdf")]
    )
    at.button(key=TRIP + "save").click().run()
    assert [plain(e.value) for e in at.error] == [t("attachments.error.program", "vi", name="bao-cao.pdf")]
    assert trips_of_canbo(demo_url) == trips_before and files_of_canbo(demo_url) == []


def chosen_trip(at) -> int:
    return next(b for b in at.selectbox if b.key and b.key.startswith("report_trip_")).value.id


def _report_tab(app_as):
    return app_as("canbo", page="visits", query={"year": "2018", **REPORT_TAB})


def test_the_report_panel_attaches_a_thematic_report_and_shows_the_thumbnails(app_as, demo_url, actor_of):
    at = _report_tab(app_as)
    assert not at.exception
    trip_id = chosen_trip(at)
    panel = [u for u in at.file_uploader if u.key and "report_files_report" in u.key]
    if not panel:  # the first trip waiting has a report already sent: the trip's own files only
        panel = [u for u in at.file_uploader if u.key and "report_files_trip" in u.key]
    panel[0].set_value(("chuyen-de.pdf", PDF, "application/pdf"))
    at.run()
    attach = [b for b in at.button if b.key and b.key.endswith("attach") and not b.disabled]
    attach[0].click().run()
    assert not at.exception and not [e.value for e in at.error]
    assert t("attachments.attached", "vi", n=1) in [s.value for s in at.success]
    with writing(demo_url) as s:  # a photo too, from another tab
        attachments.attach(s, actor_of("canbo"), trip_id, "trip", [Upload("anh.jpg", photo())])
    at = _report_tab(app_as)
    assert len(at.get("image")) == 1  # the photo's thumbnail
    assert any(plain(c.value).startswith("chuyen-de.pdf · ") for c in at.caption)
    downloads = [d for d in at.get("download_button")]
    assert len(downloads) == 2


def test_the_report_panel_removes_a_file_and_keeps_it_in_the_database(app_as, demo_url, actor_of):
    at = _report_tab(app_as)
    trip_id = chosen_trip(at)
    with writing(demo_url) as s:
        (file_id,) = attachments.attach(s, actor_of("canbo"), trip_id, "trip", [Upload("anh.jpg", photo())])
    at = _report_tab(app_as)
    at.button(key=f"report_files_trip_remove_{file_id}").click().run()
    assert t("attachments.removed", "vi", name="anh.jpg") in [plain(s.value) for s in at.success]
    with reading(demo_url) as s:
        assert s.get(Attachment, file_id).removed_at is not None
    assert not _report_tab(app_as).get("imgs")


def _thematic_report_in_2018(demo_url, actor_of) -> None:
    """A thematic report attached to one of canbo's trips of June 2018 whose report is open."""
    canbo = actor_of("canbo")
    with writing(demo_url) as s:
        for trip_id in s.scalars(
            select(Trip.id)
            .where(Trip.cadre_id == canbo.cadre_id, Trip.state == "done")
            .order_by(Trip.end_date.desc())
        ):
            trip = s.get(Trip, trip_id)
            if Window(D(2018, 6, 1), D(2018, 7, 31)).overlaps(trip.end_date, trip.end_date) and (
                attachments.may_attach(canbo, trip, REPORT)
            ):
                attachments.attach(s, canbo, trip_id, REPORT, [Upload("chuyen-de.pdf", PDF)])
                return
    raise AssertionError("the demo has no open report of canbo in June–July 2018")


def test_review_counts_the_files_and_a_leader_downloads_the_thematic_reports_as_one_zip(
    app_as, demo_url, actor_of
):
    _thematic_report_in_2018(demo_url, actor_of)
    query = {"from": "2018-06-01", "to": "2018-07-31"}
    for who in ("lanhdao", "truongban"):
        at = app_as(who, page="review", query=query)
        assert not at.exception
        sentence = t("attachments.count_sentence", "vi", thematic=1, photos=0, files=1)
        assert sentence in [m.value for m in at.markdown], who
        button = at.get("download_button")
        labels = [b.proto.label for b in button]
        assert t("attachments.zip", "vi", n=1) in labels, who
    with reading(demo_url) as s:
        archive = zipfile.ZipFile(
            io.BytesIO(
                attachments.thematic_zip(s, actor_of("lanhdao"), Window(D(2018, 6, 1), D(2018, 7, 31)))
            )
        )
    assert [archive.read(n) for n in archive.namelist()] == [PDF]


def test_the_leader_sees_the_thumbnails_of_a_report_waiting_in_the_queue(app_as, demo_url, actor_of):
    from core import review_queue

    with writing(demo_url) as s:
        item = review_queue.pending_reports(s, actor_of("truongban")).items[0]
        trip = s.get(Trip, item.trip_id)
        checked = attachments.check("anh.jpg", photo())
        s.add(
            Attachment(
                trip_id=trip.id,
                part="trip",
                file_name=checked.file_name,
                media_type=checked.media_type,
                size=checked.size,
                sha256=checked.sha256,
                content=checked.content,
                thumbnail=checked.thumbnail,
                created_by=s.scalar(select(Account.id).where(Account.username == "quantri")),
            )
        )
    at = app_as("truongban", page="progress", query={"from": "2018-06-01", "to": "2018-07-31"})
    at.selectbox(key="queue_report").set_value(item.report_id).run()
    assert not at.exception
    assert len(at.get("image")) == 1
    assert not [b for b in at.button if b.key and "_remove_" in b.key]  # a ban leader does not remove


def test_a_file_name_is_shown_as_text_never_as_markdown(app_as, demo_url, actor_of):
    hostile = "[x](evil.example) <img src=x onerror=alert(1)> **$x^2$** :red[a].pdf"  # no "/": a path
    at = _report_tab(app_as)
    with writing(demo_url) as s:
        attachments.attach(s, actor_of("canbo"), chosen_trip(at), "trip", [Upload(hostile, PDF)])
    at = _report_tab(app_as)
    shown = [c.value for c in at.caption if "evil" in c.value]
    assert len(shown) == 1 and plain(shown[0]).startswith(hostile)
    assert "\\[x\\]" in shown[0] and "\\<img" in shown[0] and "\\$" in shown[0] and "\\*\\*" in shown[0]
