"""The map of /progress alone (app_pages/progress.py, map_of_provinces), as the page draws it
in meeting mode: the provinces visited in the window (a cached read), the 34 tiles, the chart
built once per set of rows (ui.data.chart). tests/bench/map_cost.py runs it against the
trivial page: what the map adds to a warm page."""

import datetime as dt

import streamlit as st

from core import place_visits, province_map
from core.periods import Window
from ui import data

window = Window(dt.date.fromisoformat(st.query_params["from"]), dt.date.fromisoformat(st.query_params["to"]))
rows = data.read(place_visits.provinces_on_the_map, window, None)
st.vega_lite_chart(spec=data.chart(province_map.chart, rows, "vi", True), width="stretch", key="chart_map")
st.caption(str(province_map.unvisited(rows)))
