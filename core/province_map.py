"""The map of where the office went: the 34 provinces as a tile-grid cartogram (one equal
tile per province, hand-placed north to south: core/admin_units/tile_grid.csv), each
coloured by the cadres who went there in the window, those nobody visited white with a red
outline. Drawn with Altair from the aggregated rows of core.place_visits, nothing fetched
from outside (the app runs without internet), on /progress and, as a PNG, in the Word report
(core.exports.chart_images)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core import admin_units
from core.charts import FONT
from core.i18n import t
from core.place_visits import ProvinceVisit

NOBODY = "#d62728"  # the red of the targets' ticks (core.charts): where nobody went
SHADES = ["#dbe9f6", "#08519c"]


def frame(rows: list[ProvinceVisit]) -> pd.DataFrame:
    """One row per province of `rows` (core.place_visits.every_province: all 34) with its
    place on the grid and the colours of its text."""
    grid = admin_units.tile_grid()
    most = max((r.cadres for r in rows), default=0)
    return pd.DataFrame(
        {
            "code": [r.code for r in rows],
            "province": [r.province for r in rows],
            "col": [grid[r.code][0] for r in rows],
            "row": [grid[r.code][1] for r in rows],
            "cadres": [r.cadres for r in rows],
            "trips": [r.trips for r in rows],
            "visited": [r.cadres > 0 for r in rows],
            # The text's colour, as data (no Vega expression built here): white on the dark
            # tiles, red for the count of a province nobody visited.
            "ink": ["white" if r.cadres > most * 0.55 else "#1b1b1b" for r in rows],
            "count_ink": [
                NOBODY if not r.cadres else "white" if r.cadres > most * 0.55 else "#1b1b1b" for r in rows
            ],
        }
    )


def chart(rows: list[ProvinceVisit], lang: str | None = None, large: bool = False) -> alt.Chart:
    """The 34 tiles, the name and the count on each."""
    data = frame(rows)
    step = 46 if large else 34
    size = 15 if large else 11
    base = alt.Chart(data).encode(
        x=alt.X("col:O", axis=None, scale=alt.Scale(paddingInner=0.06)),
        y=alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0.1)),
        tooltip=[
            alt.Tooltip("province:N", title=t("places.map.province", lang)),
            alt.Tooltip("cadres:Q", title=t("places.map.cadres", lang)),
            alt.Tooltip("trips:Q", title=t("places.map.trips", lang)),
        ],
    )
    visited = (
        base.transform_filter("datum.visited")
        .mark_rect(cornerRadius=3)
        .encode(
            color=alt.Color(
                "cadres:Q",
                title=t("places.map.cadres", lang),
                scale=alt.Scale(range=SHADES, zero=False),
                legend=alt.Legend(orient="bottom", gradientLength=240 if large else 180),
            )
        )
    )
    nobody = base.transform_filter("!datum.visited").mark_rect(
        cornerRadius=3, fill="white", stroke=NOBODY, strokeWidth=2.5 if large else 2
    )
    names = base.mark_text(baseline="bottom", dy=-1, fontSize=size, fontWeight="bold").encode(
        text="province:N", color=alt.Color("ink:N", scale=None)
    )
    counts = base.mark_text(baseline="top", dy=2, fontSize=size).encode(
        text="cadres:Q", color=alt.Color("count_ink:N", scale=None)
    )
    return (
        alt.layer(visited, nobody, names, counts, title=t("places.map.title", lang))
        # The tiles' colour scale and the text's literal colours are two scales, not one.
        .resolve_scale(color="independent")
        .properties(height=alt.Step(step), width=alt.Step(step * 3.4))
        .configure(font=FONT)
        .configure_view(stroke=None)
        .configure_legend(labelFontSize=size, titleFontSize=size)
        .configure_title(fontSize=size + 5, anchor="start")
    )


def unvisited(rows: list[ProvinceVisit]) -> int:
    """How many of the 34 provinces nobody went to."""
    return sum(1 for r in rows if not r.cadres)
