"""The numbers a chart shows on hover (and reads aloud) carry a precision of their own: d3's bare
"%" formats a share of 0 as "0.000000%"."""

import json
import re

import vl_convert

from core import charts
from core.participation import Participation
from core.progress import BanProgress
from core.report_counts import ReportCounts

NOBODY_WENT = [
    BanProgress(1, "TC", "Ban Tổ chức", Participation(12, 0, 0, 0), 20, ReportCounts(0, 0, 0)),
    BanProgress(2, "VP", "Văn phòng", Participation(8, 3, 7, 0), 14, ReportCounts(0, 0, 0)),
]


def formats(chart) -> set[str]:
    """Every d3 format the compiled Vega spec applies to a value (tooltips, descriptions, axes
    use their own tick formatting)."""
    vega = json.dumps(vl_convert.vegalite_to_vega(charts.spec(chart))).replace('\\"', '"')
    return set(re.findall(r'format\(datum\["[^"]+"\], "([^"]*)"\)', vega))


def test_participation_and_days_charts_format_every_hovered_number_with_a_precision():
    for chart in (charts.participation(NOBODY_WENT, "vi"), charts.days_against_target(NOBODY_WENT, "en")):
        found = formats(chart)
        assert found, "the chart formats its numbers"
        # a type ("%", "f" …) without a precision defaults to six decimals ("" prints the number)
        assert not [f for f in found if re.search(r"[%efgrsp]$", f) and not re.search(r"\.\d", f)], found
    assert ".0%" in formats(charts.participation(NOBODY_WENT, "vi"))
