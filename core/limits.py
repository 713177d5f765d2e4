"""How much one write may hold, declared once: the length of every text field and the number
of items of every list field that a form, an import or a direct call can send.

Every write service checks its input with `check` while it validates, before its transaction
writes anything, and refuses with a FieldError naming the field ("error.too_long",
"error.too_many"). A list is cleaned through `capped`, which stops after one item more than its
cap: half a million question lines are refused after reading 31 of them, not cleaned whole
while the write lock is held. A name's cap is its column's size (db/models.py), so PostgreSQL
never refuses what SQLite would store.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sized

from core.errors import FieldError
from db import vocabulary

# --- Texts, in characters -----------------------------------------------------------------------

NAME = 200  # a person's name, a position, a host unit, a ban, a chair, an account, an e-mail, a tag
PLACE = 100  # a province, a district, a commune (the places' columns)
ORDER_NO = 64  # a travel order's number
KIND = 32  # an exemption kind (the exemptions' column)
LABEL = 200  # a content type's label
TITLE = 300  # a meeting record's title
TEXT = 5_000  # a paragraph: a purpose, the co-travellers, a question, a registration's places, a comment
NOTE = 2_000  # an exemption's note
PROPOSAL = 2_000  # one proposal of a report
REPORT_TEXT = 20_000  # a report's findings, good models, difficulties; an answer; the proposals together
MEETING_TEXT = 10_000  # the attendees, difficulties, conclusions and directions of a meeting record
FOLLOW_UP = 10_000  # what was done about a proposal

# --- Lists, in items ----------------------------------------------------------------------------

QUESTIONS = 30  # questions set before a trip
TAGS = 20  # activities named on a trip
CONTENT_TYPES = len(vocabulary.CONTENT_TYPES)  # content types of a trip or a registration (each once)
PROPOSALS = 30  # proposals of one report
ANSWERS = QUESTIONS  # answers of one report, one per question
EXEMPTION_KINDS = 30  # exemption kinds of a year's policy
LABELS = 20  # content type labels of a year's policy (a type and a language each)
ROLES = len(vocabulary.ROLES)  # roles of an account (each once)


# --- Files attached to trips and reports (core.attachments), in bytes ---------------------------

MB = 1024 * 1024
ATTACHMENT_BYTES = 10 * MB  # one file as uploaded (the uploader states it)
TRIP_ATTACHMENT_BYTES = 30 * MB  # a trip's files together (trip and report), as stored
ATTACHMENTS_PER_UPLOAD = 10  # files sent at once
OFFICE_UNZIPPED_BYTES = 50 * MB  # a .docx/.xlsx's parts together, uncompressed (declared sizes)
OFFICE_RATIO = 100  # a part of over 1 MB compressed more than this is refused (a zip bomb)
OFFICE_PARTS = 2_000  # parts of a .docx/.xlsx
IMAGE_PIXELS = 50_000_000  # an image with more pixels is refused before it is decoded
IMAGE_SIDE = 1600  # an image is stored with its longest side at most this (px)
ZIP_BYTES = 200 * MB  # the period's thematic reports downloaded as one zip


def capped(items: Iterable, limit: int) -> tuple:
    """The first `limit` + 1 items: enough to tell a list over its cap, without reading the rest."""
    return tuple(itertools.islice(items, limit + 1))


def distinct(items: Iterable) -> Iterable:
    """The items in order, each once (lazily: `capped` stops it early)."""
    seen = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


def check(
    errors: list[FieldError], field: str, value: str | Sized, limit: int, *, each: int | None = None
) -> None:
    """Append to `errors` the FieldError of `field` if `value` is over `limit`: a text longer
    than `limit` characters ("error.too_long"), or a list of more than `limit` items
    ("error.too_many"; then, given `each`, a list holding an item longer than `each`)."""
    if isinstance(value, str):
        if len(value) > limit:
            errors.append(FieldError(field, "error.too_long", {"limit": limit}))
    elif len(value) > limit:
        errors.append(FieldError(field, "error.too_many", {"limit": limit}))
    elif each is not None and any(len(item) > each for item in value):
        errors.append(FieldError(field, "error.too_long", {"limit": each}))
