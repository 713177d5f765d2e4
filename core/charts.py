"""The dashboard charts (Altair), built from aggregated rows only (core.progress,
core.content_mix, core.trend).

The same charts are drawn on /progress and /review and turned into PNG images for the Word
report (core.exports.chart_images), so the figures on screen and on paper are one and the same.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from core import formatting, vocabulary
from core.content_mix import ContentCount
from core.exports.evaluation_papers import rating_label
from core.i18n import t
from core.policy import YearPolicy
from core.progress import BanProgress
from core.ratings import NOT_EVALUATED
from core.trend import TrendPoint

# A font with every Vietnamese diacritic, installed with chromium (fonts-dejavu-core).
FONT = "DejaVu Sans"


def spec(chart: alt.Chart) -> dict:
    """The chart as a Vega-Lite dict, for `st.vega_lite_chart`: Altair builds and validates it
    once (ui.data caches it per set of rows), which is most of a dashboard rerun otherwise.
    Without the default theme's 300 × 300 view, as st.altair_chart draws it: the page sets
    the width and `_sized` the height."""
    out = chart.to_dict()
    config = out.get("config", {})
    view = config.get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    if not view:
        config.pop("view", None)
    return out


# Text sizes in px on a desk and on a projector (read from the back of a meeting room).
AXIS_SIZE = {False: 12, True: 26}
TITLE_SIZE = {False: 16, True: 32}
MARK_TEXT_SIZE = {False: 11, True: 24}
TEXT_COLOUR = "#1f2330"  # dark on both: the theme's light grey fades on a projector


def _sized(chart: alt.Chart, large: bool, rows: int = 0, lang: str | None = None) -> alt.Chart:
    """Fonts, heights and the way numbers are written (core.formatting, as in the headline
    and the tables) for a desk (default) or a projector (`large`)."""
    size = AXIS_SIZE[large]
    height = max(200, rows * (48 if large else 24)) if rows else (460 if large else 280)
    return (
        # fit-x: the width follows the page, the height is the plot's own (not shared with
        # the title, axes and legend).
        chart.properties(height=height, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .configure(font=FONT, locale=alt.Locale(number=alt.NumberLocale(**formatting.number_locale(lang))))
        .configure_axis(
            labelFontSize=size,
            titleFontSize=size,
            labelLimit=360,
            labelColor=TEXT_COLOUR,
            titleColor=TEXT_COLOUR,
        )
        .configure_legend(
            labelFontSize=size,
            titleFontSize=size,
            labelColor=TEXT_COLOUR,
            orient="bottom",
            columns=2 if large else 1,
            labelLimit=420,
        )
        .configure_title(fontSize=TITLE_SIZE[large], anchor="start")
    )


def participation(rows: list[BanProgress], lang: str | None = None, large: bool = False) -> alt.Chart:
    """Share of each ban's cadres who went, one bar per ban."""
    frame = pd.DataFrame(
        {
            "ban": [r.name for r in rows],
            "rate": [r.participation.rate for r in rows],
            "went": [f"{r.participation.went}/{r.participation.cadres}" for r in rows],
        }
    )
    bars = (
        alt.Chart(frame, title=t("progress.chart.participation", lang))
        .mark_bar()
        .encode(
            x=alt.X(
                "rate:Q",
                title=t("progress.chart.rate", lang),
                # A precision of its own: d3's bare "%" writes six decimals ("0.000000%") where
                # Vega formats the value outside the axis (the bar's description, read aloud).
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("ban:N", title=None, sort=None),
            tooltip=[
                alt.Tooltip("ban:N", title=t("common.ban", lang)),
                alt.Tooltip("went:N", title=t("progress.chart.went", lang)),
                alt.Tooltip("rate:Q", title=t("progress.chart.rate", lang), format=".0%"),
            ],
        )
    )
    labels = bars.mark_text(align="left", dx=4, fontSize=MARK_TEXT_SIZE[large]).encode(text="went:N")
    return _sized(alt.layer(bars, labels), large, len(rows), lang)


def days_against_target(rows: list[BanProgress], lang: str | None = None, large: bool = False) -> alt.Chart:
    """Each ban's days in the window (bar) against its pro-rated target (tick)."""
    frame = pd.DataFrame(
        {
            "ban": [r.name for r in rows],
            "days": [r.participation.days for r in rows],
            "target": [r.target_days for r in rows],
        }
    )
    base = alt.Chart(frame, title=t("progress.chart.days_target", lang))
    y = alt.Y("ban:N", title=None, sort=None)
    tooltip = [
        alt.Tooltip("ban:N", title=t("common.ban", lang)),
        alt.Tooltip("days:Q", title=t("progress.chart.days", lang), format=",.0f"),
        alt.Tooltip("target:Q", title=t("progress.chart.target", lang), format=",.0f"),
    ]
    bars = base.mark_bar().encode(
        x=alt.X("days:Q", title=t("progress.chart.days", lang)), y=y, tooltip=tooltip
    )
    ticks = base.mark_tick(color="#d62728", thickness=3, size=30 if large else 20).encode(
        x="target:Q", y=y, tooltip=tooltip
    )
    return _sized(alt.layer(bars, ticks), large, len(rows), lang)


def content_mix(
    rows: list[ContentCount],
    bans: list[BanProgress],
    year_policy: YearPolicy,
    lang: str | None = None,
    large: bool = False,
) -> alt.Chart:
    """Trips of each ban by the four content types of Guideline 03 (stacked bars)."""
    names = {b.ban_id: b.name for b in bans}
    order = [year_policy.content_label(code, lang) for code in _codes(rows)]
    frame = pd.DataFrame(
        {
            "ban": [names.get(r.ban_id, "") for r in rows],
            "content": [year_policy.content_label(r.content_type, lang) for r in rows],
            "trips": [r.trips for r in rows],
            # The stacking order, as data: no Vega expression is ever built from a label (which an
            # admin may have typed).
            "content_order": [order.index(year_policy.content_label(r.content_type, lang)) for r in rows],
        }
    )
    chart = (
        alt.Chart(frame, title=t("progress.chart.content_mix", lang))
        .mark_bar()
        .encode(
            x=alt.X("sum(trips):Q", title=t("progress.chart.trips", lang)),
            y=alt.Y("ban:N", title=None, sort=[b.name for b in bans]),
            color=alt.Color(
                "content:N",
                title=None,
                sort=order,
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
            ),
            order=alt.Order("content_order:Q"),
            tooltip=[
                alt.Tooltip("ban:N", title=t("common.ban", lang)),
                alt.Tooltip("content:N", title=t("progress.chart.content", lang)),
                alt.Tooltip("trips:Q", title=t("progress.chart.trips", lang), format=",.0f"),
            ],
        )
    )
    return _sized(chart, large, len(bans), lang)


def _codes(rows: list[ContentCount]) -> list[str]:
    return list(dict.fromkeys(r.content_type for r in rows))


def trend(points: list[TrendPoint], lang: str | None = None, large: bool = False) -> alt.Chart:
    """Cumulative days week by week across the year, against the target line."""
    done, target = t("progress.chart.cumulative", lang), t("progress.chart.target_line", lang)
    frame = pd.DataFrame(
        [
            {"week": p.week_end.isoformat(), "series": done, "days": p.days}
            for p in points
            if p.days is not None
        ]
        + [{"week": p.week_end.isoformat(), "series": target, "days": p.target} for p in points]
    )
    chart = (
        alt.Chart(frame, title=t("progress.chart.trend", lang))
        .mark_line(point=not large, strokeWidth=3)
        .encode(
            x=alt.X("week:T", title=None, axis=alt.Axis(format="%d/%m")),
            y=alt.Y("days:Q", title=t("progress.chart.days", lang)),
            color=alt.Color(
                "series:N", title=None, sort=[done, target], scale=alt.Scale(range=["#1f77b4", "#d62728"])
            ),
            strokeDash=alt.StrokeDash(
                "series:N", sort=[done, target], scale=alt.Scale(range=[[1, 0], [6, 4]])
            ),
            tooltip=[
                alt.Tooltip("week:T", title=t("progress.chart.week", lang), format="%d/%m/%Y"),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("days:Q", title=t("progress.chart.days", lang), format=",.0f"),
            ],
        )
    )
    return _sized(chart, large, lang=lang)


# Green to red, then grey for "not evaluated yet": the order of vocabulary.RATINGS.
RATING_COLOURS = ["#1a7f37", "#4f9bd9", "#f2c14e", "#d1495b", "#b8b8b8"]


def rating_counts(rows, lang: str | None = None) -> pd.DataFrame:
    """How many cadres of each ban stand at each rating (NOT_EVALUATED: not evaluated yet), one row
    per (ban, rating), in the order of the bans and of the ratings."""
    levels = [*vocabulary.RATINGS, NOT_EVALUATED]
    return pd.DataFrame(
        [
            {
                "ban": b.name,
                "rating": rating_label(None if level == NOT_EVALUATED else level, lang),
                "order": i,
                "n": b.count(level),
            }
            for b in rows
            for i, level in enumerate(levels)
        ]
    )


def ratings_by_ban(rows, lang: str | None = None) -> alt.Chart:
    """The ratings of each ban's cadres (core.ratings.ratings_by_ban), one stacked bar per
    ban."""
    counts = rating_counts(rows, lang)
    levels = [*vocabulary.RATINGS, NOT_EVALUATED]
    return (
        alt.Chart(counts[counts.n > 0])
        .mark_bar()
        .encode(
            x=alt.X("sum(n):Q", title=t("evaluations.chart.count", lang)),
            y=alt.Y(
                "ban:N",
                sort=[b.name for b in rows],
                title=None,
                axis=alt.Axis(labelLimit=260, labelOverlap=False),
            ),
            color=alt.Color(
                "rating:N",
                title=t("evaluations.col.final", lang),
                sort=[rating_label(None if x == NOT_EVALUATED else x, lang) for x in levels],
                scale=alt.Scale(range=RATING_COLOURS),
                legend=alt.Legend(orient="bottom", columns=3, labelLimit=320),
            ),
            order=alt.Order("order:Q"),
            tooltip=["ban:N", "rating:N", alt.Tooltip("n:Q", format=",.0f")],
        )
        .properties(height=alt.Step(28))
    )


def ratings_table(rows, lang: str | None = None) -> pd.DataFrame:
    """The same counts as a table: one row per ban, one column per rating."""
    counts = rating_counts(rows, lang)
    table = counts.pivot_table(index="ban", columns="rating", values="n", aggfunc="sum", sort=False)
    return table.reindex([b.name for b in rows]).rename_axis(index=t("common.ban", lang), columns=None)
