"""Files attached to trips and their reports: the travel order, photos taken at the
grassroots, the thematic report (PDF, Word, Excel).

- `checking`: what a file is, decided from its bytes; photos shrunk and stripped of metadata;
  zip bombs, programs under another name, images too large to open and empty files refused;
- `storing`: attaching (caps per file and per trip, one file per content and trip) and
  removing (marked, audited, never deleted);
- `listing`: a trip's files for whoever may read its report or correct the trip, one file's
  bytes, a period's counts (in SQL), its thematic reports as one zip.

The files live in the database (table `attachments`): a backup, or a second app server,
needs nothing else.
"""

from core.attachments.checking import OFFERED, Checked, check, safe_file_name, sniff
from core.attachments.listing import (
    AttachmentCounts,
    AttachmentRow,
    FileOut,
    TripFiles,
    content_of,
    counts,
    for_trip,
    thematic_zip,
)
from core.attachments.storing import PARTS, REPORT, TRIP, Upload, attach, may_attach, may_remove, remove

__all__ = [
    "OFFERED",
    "PARTS",
    "REPORT",
    "TRIP",
    "AttachmentCounts",
    "AttachmentRow",
    "Checked",
    "FileOut",
    "TripFiles",
    "Upload",
    "attach",
    "check",
    "content_of",
    "counts",
    "for_trip",
    "may_attach",
    "may_remove",
    "remove",
    "safe_file_name",
    "sniff",
    "thematic_zip",
]
