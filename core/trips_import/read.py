"""Reading a spreadsheet row by row, never whole: the first sheet of an .xlsx, or UTF-8 CSV.

A file of past trips may hold 100,000 rows. openpyxl's read-only mode streams them too, but
builds an object per cell and spends 35 s on such a file here; this reader walks the sheet's
XML with lxml's iterparse (C), keeps one row at a time (each row element is dropped once read)
and converts only what a row needs: shared strings (held once, as the workbook holds them),
numbers, booleans, and dates where the cell's number format is a date format (openpyxl's own
rules and conversion). A formula cell is reported as a `Formula`, never evaluated: an import
takes values, and a formula's cached value may be stale or missing.

Against hostile files: the content decides the kind, not the name (an .xlsx is a zip archive
beginning "PK"); an archive that inflates beyond the limit is refused unread; the XML parser
resolves no entity, loads no DTD and reaches no network.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


class FileProblem(Exception):
    """The file cannot be read as a table: `key` is the message key, `params` its values."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula (its text), refused by the import."""

    text: str


Source = bytes | str | os.PathLike


@contextmanager
def _binary(source: Source):
    if isinstance(source, bytes):
        yield io.BytesIO(source)
    else:
        with open(source, "rb") as handle:
            yield handle


def size_of(source: Source) -> int:
    return len(source) if isinstance(source, bytes) else os.path.getsize(source)


def _head(source: Source, n: int = 4096) -> bytes:
    with _binary(source) as handle:
        return handle.read(n)


def is_xlsx(source: Source) -> bool:
    return _head(source, 4) == b"PK\x03\x04"


@contextmanager
def rows(
    source: Source, filename: str = "", max_unzipped: int = 2**30
) -> Iterator[Iterator[tuple[int, list]]]:
    """The file's rows as (row number, cell values), one at a time; FileProblem if the file is
    no table that can be read. Use as a context manager (the file is closed on leaving)."""
    head = _head(source)
    if not head.strip():
        raise FileProblem("trips_import.error.empty")
    if head[:4] == b"PK\x03\x04":
        with _binary(source) as handle:
            yield _xlsx_rows(handle, max_unzipped)
        return
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")) or b"\x00" in head:
        raise FileProblem("trips_import.error.not_spreadsheet")
    with _binary(source) as handle:
        yield _csv_rows(handle, head)


# --- CSV ----------------------------------------------------------------------------------------


def _csv_rows(handle, head: bytes) -> Iterator[tuple[int, list]]:
    sample = head.decode("utf-8-sig", errors="ignore")
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    text = codecs.getreader("utf-8-sig")(handle, errors="strict")
    try:
        yield from enumerate(csv.reader(text, dialect), 1)
    except UnicodeDecodeError as exc:
        raise FileProblem("trips_import.error.encoding") from exc
    except csv.Error as exc:
        raise FileProblem("trips_import.error.not_spreadsheet") from exc


# --- XLSX ---------------------------------------------------------------------------------------


def _parse(archive: zipfile.ZipFile, name: str):
    with archive.open(name) as member:
        return etree.parse(member, _parser())


def _parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _iter(member, tag: str):
    return etree.iterparse(
        member,
        events=("end",),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, str | None, str | None, bool]:
    """The first sheet's part, the shared strings' and the styles' parts, and whether dates
    count from 1904."""
    book = _parse(archive, "xl/workbook.xml").getroot()
    first = book.find(f"{MAIN}sheets/{MAIN}sheet")
    if first is None:
        raise FileProblem("trips_import.error.not_spreadsheet")
    pr = book.find(f"{MAIN}workbookPr")
    date1904 = pr is not None and pr.get("date1904") in ("1", "true")
    targets, kinds = {}, {}
    for rel in _parse(archive, "xl/_rels/workbook.xml.rels").getroot().iter(f"{RELS}Relationship"):
        target = rel.get("Target", "")
        path = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
        targets[rel.get("Id")] = path
        kinds[rel.get("Type", "").rsplit("/", 1)[-1]] = path
    sheet = targets.get(first.get(f"{OFFICE_REL}id"))
    if sheet is None:
        raise FileProblem("trips_import.error.not_spreadsheet")
    return sheet, kinds.get("sharedStrings"), kinds.get("styles"), date1904


def _shared_strings(archive: zipfile.ZipFile, name: str | None) -> list[str]:
    if not name or name not in archive.namelist():
        return []
    strings = []
    with archive.open(name) as member:
        for _, si in _iter(member, f"{MAIN}si"):
            # The text runs, without the phonetic guides (rPh) some East Asian files carry.
            strings.append(
                "".join(t.text or "" for t in si.iter(f"{MAIN}t") if t.getparent().tag != f"{MAIN}rPh")
            )
            si.clear()
    return strings


# Excel's built-in number formats that show a date or time (ids 14–22 and 45–47), and the rule
# telling a custom format does: a d, m, y, h or s outside quotes and [brackets] (openpyxl's
# is_date_format, written out here: importing openpyxl would load numpy with it, a second and
# tens of MB for nothing).
_BUILTIN_DATES = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_QUOTED = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_PART = re.compile(r"(?<![_\\])[dmhysDMHYS]")


def is_date_format(code: str) -> bool:
    return _DATE_PART.search(_QUOTED.sub("", code.split(";")[0])) is not None


def _date_styles(archive: zipfile.ZipFile, name: str | None) -> set[int]:
    """Indexes of the cell styles whose number format shows a date."""
    if not name or name not in archive.namelist():
        return set()
    root = _parse(archive, name).getroot()
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in root.iter(f"{MAIN}numFmt")}
    xfs = root.find(f"{MAIN}cellXfs")
    if xfs is None:
        return set()
    styles = set()
    for i, xf in enumerate(xfs.findall(f"{MAIN}xf")):
        fmt = int(xf.get("numFmtId", "0"))
        if is_date_format(custom[fmt]) if fmt in custom else fmt in _BUILTIN_DATES:
            styles.add(i)
    return styles


_DIGITS = "0123456789"


@functools.cache
def _column(letters: str) -> int:
    """0 for "A", 1 for "B", 26 for "AA" (of a cell's reference, its row number stripped)."""
    n = 0
    for ch in letters:
        if not "A" <= ch <= "Z":
            raise ValueError(letters)
        n = n * 26 + ord(ch) - 64
    return n - 1


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        return float(text)


def _xlsx_rows(handle, max_unzipped: int) -> Iterator[tuple[int, list]]:
    try:
        archive = zipfile.ZipFile(handle)
        if sum(i.file_size for i in archive.infolist()) > max_unzipped:
            raise FileProblem("trips_import.error.too_big_unzipped", limit=max_unzipped // 2**20)
        sheet, strings_part, styles_part, date1904 = _first_sheet(archive)
        strings = _shared_strings(archive, strings_part)
        dates = _date_styles(archive, styles_part)
        member = archive.open(sheet)
    except FileProblem:
        raise
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError, EOFError) as exc:
        raise FileProblem("trips_import.error.not_spreadsheet") from exc
    dates = {str(i) for i in dates}  # compared with the cell's style as written, unconverted
    day_zero = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    v_tag, f_tag, is_tag, t_tag = f"{MAIN}v", f"{MAIN}f", f"{MAIN}is", f"{MAIN}t"
    column, last = _column, 0
    # The loop below runs for every cell (1.4 million in 100,000 trips): what it does not do
    # for the common cell (one child: a value or an inline string of one run) is measured time.
    try:
        with member:
            for _, row in _iter(member, f"{MAIN}row"):
                number = int(row.get("r") or last + 1)
                last = number
                values: list = []
                for cell in row:
                    ref = cell.get("r")
                    if ref:
                        at = column(ref.rstrip(_DIGITS))
                        if at != len(values):
                            if at < len(values):
                                raise FileProblem("trips_import.error.not_spreadsheet")
                            values.extend([None] * (at - len(values)))
                    kind = cell.get("t", "n")
                    text = formula = box = None
                    # <v>, <f>, <is>: walked, as find() costs more here.
                    for part in (cell[0],) if len(cell) == 1 else cell:
                        tag = part.tag
                        if tag == v_tag:
                            text = part.text
                        elif tag == f_tag:
                            formula = part.text or ""
                        elif tag == is_tag:
                            box = part
                    if formula is not None:
                        value = Formula("=" + formula)
                    elif kind == "s":
                        value = strings[int(text)] if text is not None else None
                    elif kind == "inlineStr":
                        if box is None:
                            value = None
                        elif len(box) == 1 and box[0].tag == t_tag:  # one run of text
                            value = box[0].text or ""
                        else:
                            value = "".join(box.itertext())
                    elif kind in ("str", "e"):
                        value = text
                    elif kind == "b":
                        value = text == "1"
                    elif kind == "d":
                        value = dt.datetime.fromisoformat(text) if text else None
                    elif text is None:
                        value = None
                    else:
                        value = _number(text)
                        if dates and cell.get("s", "0") in dates:
                            # A whole day counted from the epoch, the common case, without
                            # openpyxl's general conversion (times, the 1900 leap-year bug).
                            if type(value) is int and (date1904 or value >= 61):
                                value = day_zero + dt.timedelta(days=value)
                            else:
                                value = _from_excel(value, date1904)
                    values.append(value)
                # Drop what was read: the tree never holds more than this row.
                row.clear()
                parent = row.getparent()
                while row.getprevious() is not None:
                    del parent[0]
                yield number, values
    except FileProblem:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, IndexError, OverflowError, EOFError) as exc:
        raise FileProblem("trips_import.error.not_spreadsheet") from exc


def _from_excel(value, date1904: bool):
    """A date or time counted in days from the epoch, as openpyxl converts it (its times, the
    1900 leap-year bug), imported only for the uncommon cell that needs it."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    return from_excel(value, CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)
