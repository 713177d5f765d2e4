"""/progress as the office leader and as a ban leader (AppTest)."""

import datetime as dt

from core import progress
from core.i18n import t
from core.periods import Window
from db.session import reading

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}


def office_figures(demo_url):
    with reading(demo_url) as s:
        return progress.headline(s, Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31)), dt.date.today())


def test_office_leader_sees_the_office_headline_and_four_charts(app_as, demo_url):
    at = app_as("lanhdao", page="progress", query=WINDOW)
    assert not at.exception
    head = office_figures(demo_url)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("progress.went", "vi")] == f"{head.participation.went}/{head.participation.cadres}"
    assert metrics[t("progress.overdue", "vi")] == str(head.reports.overdue)
    assert len(at.get("vega_lite_chart")) == 4
    at.segmented_control(key="section").set_value("cadres").run()
    assert at.query_params["tab"] == "cadres"  # a link to this view opens on it
    assert t("progress.choose_ban", "vi") in [i.value for i in at.info]
    assert not at.get("vega_lite_chart")  # only the section shown is drawn


def test_a_link_opens_on_its_section(app_as):
    at = app_as("lanhdao", page="progress", query={**WINDOW, "tab": "places"})
    assert not at.exception
    assert at.segmented_control(key="section").value == "places"
    # the map; provinces, host units, not visited, then the leader's queue (reports, registrations)
    assert len(at.dataframe) == 5 and len(at.get("vega_lite_chart")) == 1
    at.segmented_control(key="section").set_value("bans").run()
    assert "tab" not in at.query_params


def test_ban_leader_opens_on_the_own_ban_with_each_cadre(app_as):
    at = app_as("truongban", page="progress", query={**WINDOW, "tab": "cadres"})
    assert not at.exception
    assert at.query_params["ban"] == "TC"
    cadres = at.dataframe(key="cadre_table").value
    assert t("progress.pace", "vi") in cadres.columns
    assert len(cadres) == 13


def test_ban_leader_sees_another_ban_as_totals_only(app_as):
    at = app_as("truongban", page="progress", query={**WINDOW, "ban": "KT", "tab": "cadres"})
    assert not at.exception
    assert any("Ban Kiểm tra" in i.value for i in at.info)
    assert all(t("progress.pace", "vi") not in d.value.columns for d in at.dataframe)


def test_meeting_mode_from_the_link_folds_the_filters_and_shows_big_numbers(app_as, demo_url):
    at = app_as("lanhdao", page="progress", query={**WINDOW, "mode": "meeting"})
    assert not at.exception
    assert at.toggle(key="meeting_mode").value is True
    assert not at.metric  # large markdown numbers instead
    head = office_figures(demo_url)
    # Each figure one item of one Markdown list: its number, its share, its label.
    assert f"- # {head.participation.went}/{head.participation.cadres}\n\n  ## " in "\n".join(
        m.value for m in at.markdown
    )
    assert at.expander[0].label == t("progress.filters", "vi")
    assert not at.text_input and not at.selectbox  # folded, the filters draw no field
    at.toggle(key="meeting_mode").set_value(False).run()
    assert "mode" not in at.query_params
    assert at.metric
