"""Roster import from a spreadsheet (.xlsx or UTF-8 .csv): read, validate, preview, apply.

The whole file is read and validated first; errors are listed by row and column in the
user's language and nothing is written. Only a valid file is applied, in one transaction:
cadres are upserted by their code, cadres missing from the file may be deactivated (never
deleted: their history stays), and each new cadre gets an account with a one-time password
that must be changed at first login.

`parsing` reads the file into rows once (`read_file`, refused at the first cap passed: bytes,
unzipped size, rows, columns, cells, characters in a cell) and checks every cell, `planning` compares the rows with
the database (the preview), `applying` writes them in the caller's transaction, and
`template` gives the file's layout, empty or filled with the active roster. A workbook's
second sheet "Ban" (Mã ban, Tên ban, Thứ tự) brings the office's bans: created or renamed by
code before the cadres are checked, in the same transaction (a CSV roster has none: its bans
must exist). The shell
command is cli/roster.py.
"""

from core.roster_import.applying import ImportResult, apply
from core.roster_import.parsing import RosterFile, RosterRow, RowError, parse, read_file
from core.roster_import.planning import Change, Plan, preview
from core.roster_import.template import (
    bans_frame,
    current_roster,
    template_csv,
    template_frame,
    template_xlsx,
)

__all__ = [
    "Change",
    "ImportResult",
    "bans_frame",
    "Plan",
    "RosterFile",
    "RosterRow",
    "RowError",
    "apply",
    "current_roster",
    "parse",
    "preview",
    "read_file",
    "template_csv",
    "template_frame",
    "template_xlsx",
]
