"""Exemption kinds as people read them. A year's policy stores its kinds as written; the
default ones are codes (training, sick_leave, maternity), shown by their labels in the reader's
language, and a label typed back (in either language, case aside) is stored as its code, so a
policy saved from the form keeps the codes exemptions already refer to."""

from __future__ import annotations

from core.i18n import t

KNOWN = ("training", "sick_leave", "maternity")


def label(kind: str, lang: str | None = None) -> str:
    """The kind's label: a known code's text in `lang` (or the current language), any other
    kind as the office wrote it."""
    return t(f"exemption.kind.{kind}", lang) if kind in KNOWN else kind


def code(text: str) -> str:
    """The kind `text` names: a known kind's code if it is one of its labels, else `text`."""
    folded = " ".join(text.casefold().split())
    for kind in KNOWN:
        if folded in (kind, *(" ".join(label(kind, lang).casefold().split()) for lang in ("vi", "en"))):
            return kind
    return text.strip()


def labels(kinds, lang: str | None = None) -> str:
    """The kinds as the policy form shows them, one a line."""
    return "\n".join(label(k, lang) for k in kinds)


def codes(text: str) -> tuple[str, ...]:
    """The kinds of the policy form's lines, labels made codes again."""
    return tuple(code(line) for line in text.splitlines() if line.strip())
