"""Cleaning user text: Unicode NFC (Vietnamese typed on some keyboards arrives as NFD),
no zero-width or control characters, trimmed."""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters, bidirectional controls (embeddings, overrides, isolates, the Arabic
# letter mark) that can make text read differently from what is stored, C0 controls but
# newline, tab and carriage return (made a newline below), and DEL.
_INVISIBLE = re.compile(
    r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)


def clean(value: str | None, multiline: bool = False) -> str:
    if value is None:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = " ".join(text.split())
    return text.strip()
