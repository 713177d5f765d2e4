"""Cleaning user text: Unicode NFC (Vietnamese typed on some keyboards arrives as NFD),
no zero-width or control characters, trimmed."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: str | None, multiline: bool = False) -> str:
    if value is None:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value)))
    if not multiline:
        text = " ".join(text.split())
    return text.strip()
