"""Files attached to a trip and its report, on screen: the uploader (with its caps stated;
on a phone its file picker offers the camera, and a toggle opens the camera in the page), the
thumbnails with a download and a remove button each, and on /review the period's count and its
thematic reports as one zip.

Every check is core's (core.attachments): the uploader's own limit runs only in the browser.
"""

from __future__ import annotations

import streamlit as st

from core import attachments, formatting, limits
from core.attachments import REPORT, TRIP, TripFiles, Upload
from core.i18n import t
from core.periods import Window
from ui import data
from ui.forms import form, save, show_flash
from ui.text import md, tm
from ui.uploads import ATTACHMENT
from ui.widgets import built_when_clicked

_COLUMNS = 3  # thumbnails a row (a phone stacks them)


def caps(used_bytes: int | None = None) -> None:
    """What may be attached, and how much (the caps the server checks); given `used_bytes`,
    what the trip's files already take."""
    limit = tm(
        "attachments.caps",
        file=limits.ATTACHMENT_BYTES // limits.MB,
        trip=limits.TRIP_ATTACHMENT_BYTES // limits.MB,
    )
    if used_bytes is None:
        st.caption(limit)
        return
    used = tm("attachments.used", used=formatting.number(round(used_bytes / limits.MB, 1), digits=1))
    st.caption(f"{limit} {used}")


def picker(label_key: str, *, key: str) -> list[Upload]:
    """A file uploader for photos and documents (inside a form or not): the files chosen."""
    chosen = st.file_uploader(
        tm("upload.label", label=t(label_key), limit=ATTACHMENT.max_mb),
        type=list(ATTACHMENT.types),
        accept_multiple_files=True,
        key=key,
        max_upload_size=ATTACHMENT.max_mb,
    )
    return [Upload(f.name, f.getvalue()) for f in chosen or ()]


def with_files(write_trip, me, files: list[Upload]):
    """A write for ui.forms.save: `write_trip(session)` (a trip's id), then `files` attached
    to that trip, in the one transaction: a bad file stores neither."""

    def write(session) -> int:
        trip_id = write_trip(session)
        attachments.attach(session, me, trip_id, TRIP, files)
        return trip_id

    return write


def _camera(*, key: str) -> list[Upload]:
    if not st.toggle(t("attachments.camera_toggle"), key=key + "toggle"):
        return []
    shot = st.camera_input(t("attachments.camera"), key=key + "shot")
    return [Upload("anh-chup.jpg", shot.getvalue())] if shot is not None else []


def panel(me, trip_id: int, *, key: str) -> None:
    """A trip's files (the trip's, then its report's) as `me` may see them, with an uploader
    where `me` may attach."""
    # Read at each run, not cached: thumbnails are bytes, and the shared cache is for figures.
    files = data.read(attachments.for_trip, me, trip_id, cached=False)
    show_flash(key)
    if not files.rows and not (files.can_attach_trip or files.can_attach_report):
        return
    st.markdown(f"**{t('attachments.heading')}**")
    if files.can_attach_trip or files.can_attach_report:
        caps(files.used_bytes)
    for part, heading in ((TRIP, "attachments.trip_files"), (REPORT, "attachments.report_files")):
        rows = files.of(part)
        may_attach = files.can_attach_trip if part == TRIP else files.can_attach_report
        if not rows and not may_attach:
            continue
        st.caption(t(heading))
        gallery(me, files, rows, key=f"{key}_{part}")
        if may_attach:
            _attach_form(me, files, part, key=f"{key}_{part}")


def gallery(me, files: TripFiles, rows, *, key: str) -> None:
    """Thumbnails of photos, names of documents; a download each, a remove where allowed."""
    if not rows:
        st.caption(t("attachments.none"))
        return
    for start in range(0, len(rows), _COLUMNS):
        for column, row in zip(st.columns(_COLUMNS), rows[start : start + _COLUMNS], strict=False):
            with column.container(border=True):
                if row.is_image and row.thumbnail:
                    st.image(row.thumbnail, width="stretch")
                else:
                    st.markdown(":material/description:")
                size = tm("attachments.size_kb", kb=formatting.number(max(1, row.size // 1024)))
                st.caption(f"{md(row.file_name)} · {size}")
                buttons = st.container(horizontal=True)
                buttons.download_button(
                    t("attachments.download"),
                    built_when_clicked(lambda s, i=row.id: attachments.content_of(s, me, i).content),
                    file_name=attachments.safe_file_name(row.file_name),
                    mime=row.media_type,
                    key=f"{key}_get_{row.id}",
                    icon=":material/download:",
                )
                if files.can_remove and buttons.button(
                    t("attachments.remove"), key=f"{key}_remove_{row.id}", icon=":material/delete:"
                ):
                    save(
                        lambda s, i=row.id: attachments.remove(s, me, i),
                        done=tm("attachments.removed", name=row.file_name),
                        spot=key.rsplit("_", 1)[0],
                    )


def _attach_form(me, files: TripFiles, part: str, *, key: str) -> None:
    state = form(f"attach_{key}", files.trip_id)
    label = "attachments.upload_trip" if part == TRIP else "attachments.upload_report"
    chosen = picker(label, key=state.prefix + "files") + _camera(key=state.prefix + "camera")
    state.slot()
    if st.button(t("attachments.attach"), key=state.prefix + "attach", disabled=not chosen, type="primary"):
        save(
            lambda s: attachments.attach(s, me, files.trip_id, part, chosen),
            done=lambda ids: tm("attachments.attached", n=len(set(ids))),
            spot=key.rsplit("_", 1)[0],
            form=state,
        )


def period_count(me, window: Window) -> attachments.AttachmentCounts:
    """The period's files counted (every ban's, as counts), in a sentence."""
    counts = data.read(attachments.counts, me, window)
    st.write(
        tm("attachments.count_sentence", thematic=counts.thematic, photos=counts.photos, files=counts.files)
    )
    return counts


def zip_button(me, window: Window, *, where=None) -> None:
    """The period's thematic reports the reader may read, as one zip (made when clicked)."""
    counts = data.read(attachments.counts, me, window)
    if not counts.thematic_readable:
        return
    if counts.thematic_readable_bytes > limits.ZIP_BYTES:
        st.caption(tm("attachments.error.zip_too_big", limit=limits.ZIP_BYTES // limits.MB))
        return
    (where or st).download_button(
        tm("attachments.zip", n=counts.thematic_readable),
        built_when_clicked(lambda s: attachments.thematic_zip(s, me, window)),
        file_name=f"chuyen-de-{window.start.isoformat()}-{window.end.isoformat()}.zip",
        mime="application/zip",
        key="export_thematic_zip",
        icon=":material/folder_zip:",
    )
