"""The dashboard charts (core.charts) as PNG images, drawn by vl-convert for the Word report:
the figures on screen and on paper are one and the same."""

from __future__ import annotations

import altair as alt
import vl_convert

WIDTH = 640


def png(chart: alt.Chart, width: int = WIDTH) -> bytes:
    """The chart as a PNG image (for the Word report), drawn at twice the size for print."""
    return vl_convert.vegalite_to_png(chart.properties(width=width).to_json(), scale=2)
