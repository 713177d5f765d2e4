"""The message catalogue: {key: (Vietnamese, English)}, merged from one module per area."""

from core.messages import (
    admin,
    admin_desk,
    attachments,
    cadre,
    common,
    evaluations,
    funding,
    leading,
    office,
    places,
    progress,
    reminders,
    report_doc,
    review,
    trip_changes,
    visits,
)

_AREAS = (
    common,
    visits,
    progress,
    review,
    evaluations,
    admin,
    trip_changes,
    office,
    reminders,
    leading,
    attachments,
    funding,
    report_doc,
    cadre,
    places,
    admin_desk,
)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in _AREAS:
        for key, texts in area.MESSAGES.items():
            if key in merged:
                raise KeyError(f"message key {key!r} defined twice ({area.__name__})")
            merged[key] = texts
    return merged


CATALOGUE = _merge()
