"""What an uploaded file really is, decided from its bytes (never from its name), and what is
kept of it.

Accepted: JPEG, PNG and WebP photos; PDF; Word .docx and Excel .xlsx. A photo is decoded with
Pillow, turned upright, shrunk to `limits.IMAGE_SIDE` and stored as a fresh JPEG: nothing of
the original's metadata (EXIF, the phone's GPS position, XMP) is carried over. Its pixels are
counted from the header before anything is decoded, so an image that would take gigabytes to
open is refused unopened. A .docx or .xlsx is a zip: the declared sizes of its parts are
checked before anything is inflated (Python's zipfile never yields more than a member
declares), then its [Content_Types].xml, read through defusedxml, must name Word's or Excel's
main part (a macro-enabled file names another, and is refused).

Every refusal is a ValidationError naming the file, in the reader's language; nothing is kept.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree

from core import limits
from core.errors import FieldError, ValidationError
from core.text import clean

JPEG, PNG, WEBP = "image/jpeg", "image/png", "image/webp"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMAGES = (JPEG, PNG, WEBP)
DOCUMENTS = (PDF, DOCX, XLSX)
EXTENSION = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf", DOCX: "docx", XLSX: "xlsx"}
# What the uploader offers (the content decides anyway).
OFFERED = ("jpg", "jpeg", "png", "webp", "pdf", "docx", "xlsx")

_MAIN_PART = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Programs, whatever their name says: Windows (MZ), Linux (ELF), macOS (Mach-O), scripts (#!).
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")
FIELD = "attachments.field"
THUMBNAIL_SIDE = 320


@dataclass(frozen=True)
class Checked:
    """A file as it will be stored."""

    file_name: str  # the name given, cleaned, its extension the one of what the file is
    media_type: str
    content: bytes
    thumbnail: bytes | None  # a small JPEG, for images

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def refused(message: str, name: str, **params) -> ValidationError:
    return ValidationError([FieldError(FIELD, message, {"name": name, **params})])


def check(name: str, content: bytes) -> Checked:
    """The file `name` holding `content`, as it will be stored; or the ValidationError saying
    why it is refused."""
    name = display_name(name)
    if not content:
        raise refused("attachments.error.empty", name)
    if len(content) > limits.ATTACHMENT_BYTES:
        raise refused("attachments.error.too_big", name, limit=limits.ATTACHMENT_BYTES // limits.MB)
    media_type = sniff(content, name)
    if media_type in IMAGES:
        stored, thumbnail = _reencoded(content, name)
        return Checked(_with_extension(name, JPEG), JPEG, stored, thumbnail)
    return Checked(_with_extension(name, media_type), media_type, content, None)


def sniff(content: bytes, name: str = "") -> str:
    """The media type of `content`, from its first bytes (and a zip's content types)."""
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        return _office_type(content, name)
    if content[4:8] == b"ftyp" and content[8:12] in _HEIF_BRANDS:
        raise refused("attachments.error.heic", name)
    if content.startswith(_PROGRAMS):
        raise refused("attachments.error.program", name)
    raise refused("attachments.error.type", name)


def _office_type(content: bytes, name: str) -> str:
    """DOCX or XLSX, once the zip is known to inflate to a bounded size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except Exception as exc:  # noqa: BLE001  (any failure to open means "not a document")
        raise refused("attachments.error.type", name) from exc
    bomb = refused(
        "attachments.error.zip_bomb",
        name,
        limit=limits.OFFICE_UNZIPPED_BYTES // limits.MB,
        ratio=limits.OFFICE_RATIO,
    )
    if len(parts) > limits.OFFICE_PARTS or sum(p.file_size for p in parts) > limits.OFFICE_UNZIPPED_BYTES:
        raise bomb
    for part in parts:
        if part.file_size > limits.MB and part.file_size > limits.OFFICE_RATIO * max(part.compress_size, 1):
            raise bomb
    try:
        root = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except Exception as exc:  # noqa: BLE001  (missing, unreadable, a DTD: not Word or Excel)
        raise refused("attachments.error.type", name) from exc
    for override in root.iter(f"{_CONTENT_TYPES_NS}Override"):
        found = _MAIN_PART.get(override.get("ContentType", ""))
        if found:
            return found
    raise refused("attachments.error.type", name)


def _reencoded(content: bytes, name: str) -> tuple[bytes, bytes]:
    """The photo as a fresh JPEG of at most IMAGE_SIDE px, upright, without metadata; and its
    thumbnail."""
    from PIL import Image, ImageOps

    too_large = refused("attachments.error.pixels", name, limit=limits.IMAGE_PIXELS // 1_000_000)
    try:
        with warnings.catch_warnings():
            # Pillow's own guard warns, then raises, past its global cap: here both refuse.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content), formats=("JPEG", "PNG", "WEBP"))
            width, height = image.size
            if width * height > limits.IMAGE_PIXELS:  # counted from the header: nothing decoded yet
                raise too_large
            image.draft("RGB", (limits.IMAGE_SIDE, limits.IMAGE_SIDE))  # a JPEG decodes smaller
            image = ImageOps.exif_transpose(image)  # upright before the EXIF is dropped
            if image.mode in ("RGBA", "LA", "P", "PA"):
                image = image.convert("RGBA")
                flat = Image.new("RGB", image.size, "white")
                flat.paste(image, mask=image.getchannel("A"))
                image = flat
            image = image.convert("RGB")
            image.thumbnail((limits.IMAGE_SIDE, limits.IMAGE_SIDE), Image.Resampling.LANCZOS)
            stored = _jpeg(image, 85)
            image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
            return stored, _jpeg(image, 80)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_large from exc
    except Exception as exc:  # noqa: BLE001  (a truncated or malformed image)
        raise refused("attachments.error.broken_image", name) from exc


def _jpeg(image, quality: int) -> bytes:
    out = io.BytesIO()
    # No exif=, icc_profile= or xmp=: the new file carries none of the original's metadata.
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def display_name(name: str) -> str:
    """The name shown: its last path component, cleaned (NFC, no control characters), at most
    limits.NAME characters."""
    name = clean(re.split(r"[\\/]", str(name or ""))[-1])
    return name[-limits.NAME :] or "tep"


def _with_extension(name: str, media_type: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem[: limits.NAME - 6]}.{EXTENSION[media_type]}"


def safe_file_name(name: str, fallback: str = "tep") -> str:
    """A name any browser and file system take: ASCII letters and digits (Vietnamese letters
    without their marks, đ as d), dots, dashes and underscores, at most 100 characters, never
    starting with a dot."""
    name = re.split(r"[\\/]", name)[-1]
    text = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = text.encode("ascii", "ignore").decode()
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_") or fallback
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext)[:8]
    return f"{stem[:90]}.{ext}" if ext else stem[:100]
