"""Files attached to trips and reports: what is accepted (by content), what is refused (and
that nothing is then stored), the caps, one file per content and trip, who reads and who
removes, the period's counts and its thematic reports as one zip."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time
import zipfile
import zlib

import pytest
from PIL import Image
from sqlalchemy import func, select

from core import attachments, limits, reports, submissions
from core.attachments import REPORT, TRIP, Upload
from core.errors import PermissionDenied, ValidationError
from core.i18n import t
from core.periods import Window
from db.models import Attachment, AuditEntry
from db.session import reading, writing
from tests import factories as f

D = dt.date
WINDOW = Window(D(2018, 6, 1), D(2018, 6, 30))


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC", "Ban Tổ chức"), f.ban(s, "TG", "Ban Tuyên giáo")
        me, boss, stranger = f.cadre(s, tc, "C1"), f.cadre(s, tc, "C2"), f.cadre(s, tg, "C3")
        other_leader, chief = f.cadre(s, tg, "C4"), f.cadre(s, tg, "C5")
        trip = f.trip(s, me, D(2018, 6, 1), D(2018, 6, 3))
        stranger_trip = f.trip(s, stranger, D(2018, 6, 10), D(2018, 6, 12))
        return {
            "me": f.actor(f.account(s, "canbo", ("cadre",), me), tc.id),
            "stranger": f.actor(f.account(s, "canbokhac", ("cadre",), stranger), tg.id),
            "leader": f.actor(f.account(s, "truongban", ("ban_leader",), boss), tc.id),
            "other_leader": f.actor(f.account(s, "truongbankhac", ("ban_leader",), other_leader), tg.id),
            "chief": f.actor(f.account(s, "lanhdao", ("office_leader",), chief), tg.id),
            "admin": f.actor(f.account(s, "quantri", ("admin",))),
            "trip": trip.id,
            "stranger_trip": stranger_trip.id,
        }


# --- Sample files ---------------------------------------------------------------------------------


def jpeg(size=(3000, 2000), colour=(200, 30, 30), gps=True) -> bytes:
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: the phone was held upright
    if gps:
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2], ifd[3], ifd[4] = "N", (21.0, 1.0, 30.0), "E", (105.0, 51.0, 12.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 120, 0, 128)).save(out, "PNG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels (its pixels never come: opening it would
    allocate them)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))


def pdf(size: int = 2000) -> bytes:
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    return head + b"0" * max(0, size - len(head) - len(tail)) + tail


def docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Báo cáo chuyên đề khảo sát")
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def office_zip(main: str = DOCX_MAIN, **members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=main))
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


# --- Helpers ----------------------------------------------------------------------------------


def attach(db_url, office, files, who="me", part=TRIP, trip="trip"):
    with writing(db_url) as s:
        return attachments.attach(s, office[who], office[trip], part, [Upload(n, c) for n, c in files])


def stored(db_url) -> int:
    with reading(db_url) as s:
        return s.scalar(select(func.count()).select_from(Attachment))


def refusal(db_url, office, files, **kw) -> list[str]:
    before = stored(db_url)
    with pytest.raises(ValidationError) as refused:
        attach(db_url, office, files, **kw)
    assert stored(db_url) == before, "a refused upload stored something"
    return refused.value.messages("vi")


# --- Accepted, by content ---------------------------------------------------------------------


def test_a_photo_is_shrunk_turned_upright_and_stripped_of_its_location(office, db_url):
    (file_id,) = attach(db_url, office, [("IMG_0001.JPG", jpeg())])
    with reading(db_url) as s:
        row = s.get(Attachment, file_id)
        image = Image.open(io.BytesIO(row.content))
        assert (row.media_type, row.file_name) == ("image/jpeg", "IMG_0001.jpg")
        assert image.size == (1067, 1600)  # 3000 × 2000 turned upright, longest side 1600
        assert not image.getexif() and b"Exif" not in row.content and b"PhoneMaker" not in row.content
        assert (
            row.size == len(row.content)
            and row.thumbnail
            and max(Image.open(io.BytesIO(row.thumbnail)).size) == 320
        )


def test_documents_are_kept_as_sent_and_named_by_what_they_are(office, db_url):
    files = [("bao cao.PDF", pdf()), ("chuyen-de", docx()), ("so-lieu.bin", xlsx()), ("anh.png", png())]
    ids = attach(db_url, office, files, part=REPORT)
    with reading(db_url) as s:
        rows = [s.get(Attachment, i) for i in ids]
    assert [r.media_type for r in rows] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/jpeg",
    ]
    assert [r.file_name for r in rows] == ["bao cao.pdf", "chuyen-de.docx", "so-lieu.xlsx", "anh.jpg"]
    assert rows[0].content == pdf() and rows[1].content == files[1][1]


def test_the_same_file_sent_twice_is_stored_once(office, db_url):
    first = attach(db_url, office, [("a.pdf", pdf())])
    again = attach(db_url, office, [("a-copy.pdf", pdf()), ("a.pdf", pdf())])
    assert again == first * 2 and stored(db_url) == 1


# --- Refused, with nothing stored -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00\x03" + b"\0" * 500, "attachments.error.program"),
        ("anh.jpg", b"\x7fELF\x02\x01\x01" + b"\0" * 500, "attachments.error.program"),
        ("bao-cao.pdf", b"", "attachments.error.empty"),
        ("ghi-chu.docx", b"just some text, not Word", "attachments.error.type"),
        ("anh.heic", b"\0\0\0\x18ftypheic" + b"\0" * 100, "attachments.error.heic"),
        ("hong.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 200, "attachments.error.broken_image"),
        (
            "macro.docx",
            office_zip("application/vnd.ms-word.document.macroEnabled.main+xml"),
            "attachments.error.type",
        ),
        (
            "slides.docx",
            office_zip("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
            "attachments.error.type",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_message_naming_it(office, db_url, name, content, expected):
    messages = refusal(db_url, office, [(name, content)])
    assert messages == [t(expected, "vi", name=name)]


def test_a_zip_bomb_is_refused_from_its_declared_sizes_without_inflating_it(office, db_url):
    huge = office_zip(**{"word/document.xml": b"\0" * (limits.OFFICE_UNZIPPED_BYTES + 1)})
    dense = office_zip(**{"word/document.xml": b"\0" * (5 * limits.MB)})  # under the total, 1000:1
    for content in (huge, dense):
        assert len(content) < limits.MB
        start = time.perf_counter()
        messages = refusal(db_url, office, [("bom.docx", content)])
        assert time.perf_counter() - start < 1
        assert messages == [t("attachments.error.zip_bomb", "vi", name="bom.docx", limit=50, ratio=100)]


def test_an_image_too_large_to_open_is_refused_before_it_is_decoded(office, db_url):
    start = time.perf_counter()
    messages = refusal(db_url, office, [("khong-lo.png", png_header_only(20_000, 20_000))])
    assert time.perf_counter() - start < 1
    assert messages == [t("attachments.error.pixels", "vi", name="khong-lo.png", limit=50)]


def test_a_file_over_its_cap_is_refused(office, db_url):
    messages = refusal(db_url, office, [("lon.pdf", pdf(limits.ATTACHMENT_BYTES + 1))])
    assert messages == [t("attachments.error.too_big", "vi", name="lon.pdf", limit=10)]


def test_a_trip_holds_30_mb_and_one_bad_file_refuses_the_whole_upload(office, db_url):
    big = limits.ATTACHMENT_BYTES - 1000
    attach(db_url, office, [(f"{i}.pdf", pdf(big - i)) for i in range(3)])  # 30 MB less 3 KB
    messages = refusal(db_url, office, [("them.pdf", pdf(5000))])
    assert messages == [t("attachments.error.trip_full", "vi", limit=30, used=30.0)]
    # One bad file among good ones: none of them is stored, each bad one is named.
    refusal(
        db_url,
        office,
        [("tot.pdf", pdf(100)), ("xau.pdf", b"MZ" + b"\0" * 10)],
        trip="stranger_trip",
        who="stranger",
    )


def test_what_is_refused_is_said_in_english_too(office, db_url):
    with pytest.raises(ValidationError) as refused:
        attach(db_url, office, [("setup.pdf", b"MZ" + b"\0" * 100)])
    assert refused.value.messages("en") == [
        'The file "setup.pdf" is a program, not a document or a photo: not stored.'
    ]


# --- Who reads, attaches and removes ------------------------------------------------------------


def test_the_cadre_the_leaders_of_the_ban_and_the_admin_read_the_files_and_nobody_else(office, db_url):
    (file_id,) = attach(db_url, office, [("a.pdf", pdf())])
    with reading(db_url) as s:
        # The admin corrects trips and removes their files: they see what they remove.
        for who in ("me", "leader", "chief", "admin"):
            assert [r.id for r in attachments.for_trip(s, office[who], office["trip"]).rows] == [file_id]
            assert attachments.content_of(s, office[who], file_id).content == pdf()
        for who in ("stranger", "other_leader"):
            with pytest.raises(PermissionDenied):
                attachments.for_trip(s, office[who], office["trip"])
            with pytest.raises(PermissionDenied):
                attachments.content_of(s, office[who], file_id)


def test_only_the_cadre_attaches(office, db_url):
    for who in ("leader", "chief", "admin", "stranger"):
        with pytest.raises(PermissionDenied):
            attach(db_url, office, [("a.pdf", pdf())], who=who)
    assert stored(db_url) == 0


def test_whoever_may_edit_the_trip_removes_a_file_which_is_kept_and_audited(office, db_url):
    ids = attach(db_url, office, [("a.pdf", pdf()), ("b.pdf", pdf(3000)), ("c.pdf", pdf(4000))])
    for who in ("leader", "stranger", "other_leader"):
        with pytest.raises(PermissionDenied), writing(db_url) as s:
            attachments.remove(s, office[who], ids[0])
    for who, file_id in (("me", ids[0]), ("chief", ids[1]), ("admin", ids[2])):
        with writing(db_url) as s:
            attachments.remove(s, office[who], file_id)
    with reading(db_url) as s:
        assert attachments.for_trip(s, office["me"], office["trip"]).rows == ()
        rows = s.scalars(select(Attachment).order_by(Attachment.id)).all()
        assert all(r.removed_at and r.removed_by and r.content for r in rows)  # kept, never lost
        audit = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "attachments")).all()
    assert [a.action for a in audit].count("attachment.remove") == 3
    assert all("content" not in (a.after or {}) for a in audit)
    assert {a.before["file_name"] for a in audit if a.action == "attachment.remove"} == {
        "a.pdf",
        "b.pdf",
        "c.pdf",
    }
    # Sent again after its removal, the same content is a new file.
    assert attach(db_url, office, [("a.pdf", pdf())]) != (ids[0],)


def test_a_report_takes_files_while_it_can_be_written_and_not_once_sent(office, db_url):
    attach(db_url, office, [("bc.pdf", pdf())], part=REPORT)
    with writing(db_url) as s:
        reports.write(
            s,
            office["me"],
            office["trip"],
            reports.ReportInput(findings="Kết quả"),
            0,
            submissions.new_id(),
            submit=True,
        )
    messages = refusal(db_url, office, [("bc2.pdf", pdf(3000))], part=REPORT)
    assert messages == [t("attachments.error.closed", "vi")]


# --- A period's counts and its thematic reports -----------------------------------------------------


def test_the_period_counts_its_files_in_sql_and_its_thematic_reports_zip_by_ban(office, db_url):
    attach(
        db_url,
        office,
        [("bc.pdf", pdf()), ("so-lieu.xlsx", xlsx()), ("anh.jpg", jpeg(gps=False))],
        part=REPORT,
    )
    attach(db_url, office, [("giay-cong-tac.pdf", pdf(3000)), ("anh2.png", png())])
    attach(db_url, office, [("bc-tg.docx", docx())], part=REPORT, who="stranger", trip="stranger_trip")
    with reading(db_url) as s:
        chief = attachments.counts(s, office["chief"], WINDOW)
        leader = attachments.counts(s, office["leader"], WINDOW)
        outside = attachments.counts(s, office["chief"], Window(D(2018, 7, 1), D(2018, 7, 31)))
        whole = zipfile.ZipFile(io.BytesIO(attachments.thematic_zip(s, office["chief"], WINDOW)))
        own = zipfile.ZipFile(io.BytesIO(attachments.thematic_zip(s, office["leader"], WINDOW)))
        with pytest.raises(PermissionDenied):
            attachments.counts(s, office["me"], WINDOW)
    assert (chief.thematic, chief.photos, chief.files, chief.thematic_readable) == (3, 2, 6, 3)
    assert (leader.thematic, leader.thematic_readable) == (3, 2)  # every ban counted, the own read
    assert outside.files == 0
    assert sorted(n.split("/")[0] for n in whole.namelist()) == ["TC", "TC", "TG"]
    assert [n.split("/")[0] for n in own.namelist()] == ["TC", "TC"]
    assert all(n.isascii() and n.endswith((".pdf", ".xlsx", ".docx")) for n in whole.namelist())
    assert pdf() in [whole.read(n) for n in whole.namelist()]


def test_a_safe_file_name_has_no_path_no_marks_and_no_surprises():
    assert attachments.safe_file_name("Báo cáo Đoàn xã.pdf") == "Bao-cao-Doan-xa.pdf"
    assert attachments.safe_file_name("../../etc/passwd") == "passwd"
    assert attachments.safe_file_name(".htaccess") == "tep.htaccess"
    assert attachments.safe_file_name("a\u202egnp.exe") == "agnp.exe"


def test_the_word_report_counts_the_periods_thematic_reports(office, db_url):
    from docx import Document

    from core import summary
    from core.exports import review_report

    attach(db_url, office, [("bc.pdf", pdf()), ("anh.jpg", jpeg(gps=False))], part=REPORT)
    attach(db_url, office, [("bc-tg.docx", docx())], part=REPORT, who="stranger", trip="stranger_trip")
    with reading(db_url) as s:
        period = summary.summary(s, office["leader"], WINDOW, D(2018, 7, 15))
    text = [p.text for p in Document(io.BytesIO(review_report.report(period, "vi"))).paragraphs]
    assert t("attachments.count_sentence", "vi", thematic=2, photos=1, files=3) in text
    assert "2 chuyên đề khảo sát đính kèm; 1 ảnh, 3 tệp đính kèm trong tất cả." in text
