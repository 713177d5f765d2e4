"""Importing an office's past trips from a spreadsheet (.xlsx or UTF-8 .csv), the way the roster
is imported: read and check the whole file, show what it would do, then write it in one
transaction.

    read      the file row by row (the first sheet of a workbook, or CSV), never whole
    parse     the columns (COLUMNS, Vietnamese as the office's file has them) and each cell
    plan      every problem by row and column against the database; the preview (Plan)
    apply     the write: trips made, their days, reports, proposals, audit, the kept figures
    template  the workbook an office fills in

A page calls `preview(session, actor, content, filename)` to show the Plan (or the problems),
then `apply(session, actor, content, filename, submission_id)` in its write transaction;
`python -m seed --trips FILE` (cli/trips.py) does both from the shell.
"""

from core.trips_import.apply import ACTION, ImportResult, apply, preview
from core.trips_import.parse import COLUMNS, Limits, RowError
from core.trips_import.plan import Plan, YearBan, check
from core.trips_import.template import template_csv, template_xlsx

__all__ = [
    "ACTION",
    "COLUMNS",
    "ImportResult",
    "Limits",
    "Plan",
    "RowError",
    "YearBan",
    "apply",
    "check",
    "preview",
    "template_csv",
    "template_xlsx",
]
