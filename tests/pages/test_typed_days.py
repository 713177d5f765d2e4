"""Days are typed as dd/mm/yyyy everywhere (no English calendar): the dashboards' window keeps
ISO dates in the address, and a day that is not one is named beside its field, nothing written
(AppTest)."""

from sqlalchemy import func, select

from core.i18n import t
from db.models import Exemption, ReviewMeeting
from db.session import reading

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}


def _field(at, key):
    return at.text_input(key=key)


def test_a_deep_link_fills_the_typed_window_and_a_typed_day_goes_back_to_the_address_as_iso(app_as):
    at = app_as("lanhdao", page="review", query=WINDOW)
    assert (_field(at, "from").value, _field(at, "to").value) == ("01/06/2018", "31/07/2018")
    assert at.header[0].value.startswith("97/111")
    _field(at, "to").set_value("30/9/2018").run()
    assert not at.exception
    assert (at.query_params["from"], at.query_params["to"]) == ("2018-06-01", "2018-09-30")
    assert not at.error


def test_a_typed_day_that_is_not_one_is_named_beside_its_field_and_the_address_is_kept(app_as):
    at = app_as("truongban", page="progress", query=WINDOW)
    for bad in ("31/02/2018", "2018-06-01", "hôm qua", "01/01/1999"):
        _field(at, "from").set_value(bad).run()
        assert not at.exception
        assert [e.value.split(":")[0] for e in at.error] == [t("period.from", "vi")], bad
        assert at.query_params["from"] == "2018-06-01", bad
    _field(at, "from").set_value("01/08/2018").run()  # after the end: the window is refused
    assert t("period.bad_window", "vi") in [e.value for e in at.error]
    assert at.query_params["from"] == "2018-06-01"


def test_the_meeting_record_refuses_a_day_that_is_not_one_and_writes_nothing(app_as, demo_url):
    with reading(demo_url) as s:
        before = s.scalar(select(func.count()).select_from(ReviewMeeting))
    at = app_as("lanhdao", page="review", query={**WINDOW, "tab": "meetings"})
    held = next(f for f in at.text_input if f.label == t("review.field.held_on", "vi") and "new" in f.key)
    held.set_value("32/08/2018")
    next(f for f in at.text_input if f.label == t("review.field.chair", "vi") and f.value == "").set_value(
        "X"
    )
    next(b for b in at.button if b.form_id == "meeting_new").click().run()
    assert not at.exception
    assert any(e.value.startswith(t("review.field.held_on", "vi") + ":") for e in at.error)
    with reading(demo_url) as s:
        assert s.scalar(select(func.count()).select_from(ReviewMeeting)) == before


def test_an_exemption_with_a_day_that_is_not_one_is_refused_beside_the_field(app_as, demo_url):
    with reading(demo_url) as s:
        before = s.scalar(select(func.count()).select_from(Exemption))
    at = app_as("quantri", page="admin", query={"tab": "policy"})
    start = next(f for f in at.text_input if f.label == t("policy.exemption.start", "vi"))
    end = next(f for f in at.text_input if f.label == t("policy.exemption.end", "vi"))
    assert start.placeholder == t("visits.date_placeholder", "vi")
    start.set_value("01/13/2018")
    end.set_value("")  # empty: the day is asked for
    next(b for b in at.button if b.form_id == "exemption_new").click().run()
    assert not at.exception
    shown = [e.value for e in at.error]
    assert t("visits.error.date_text", "vi", field=t("policy.exemption.start", "vi")) in shown
    with reading(demo_url) as s:
        assert s.scalar(select(func.count()).select_from(Exemption)) == before


def test_the_audit_log_takes_typed_days_and_names_one_that_is_not(app_as):
    at = app_as("quantri", page="admin", query={"tab": "audit"})
    _field(at, "audit_from").set_value("1/1/2000").run()
    assert not at.exception and not at.error
    _field(at, "audit_to").set_value("hôm nay").run()
    assert [e.value.split(":")[0] for e in at.error] == [t("period.to", "vi")]


def test_the_meeting_view_shows_a_bans_cadres_as_a_table_its_style_sheet_reaches(app_as):
    """On the projector the per-cadre table is an HTML table (st.table), its days written
    dd/mm/yyyy; a cadre's trips open from the list under it."""
    at = app_as("truongban", page="progress", query={**WINDOW, "mode": "meeting", "tab": "cadres"})
    assert not at.exception
    assert not at.dataframe  # no canvas table, whose cells stay at 14 px
    shown = at.table[0].value
    assert t("progress.pace", "vi") in shown.columns
    assert all(d == "" or d[2] == "/" for d in shown[t("progress.last_trip", "vi")])
    pick = at.selectbox(key="meeting_cadre_pick")
    pick.select_index(0).run()
    assert not at.exception
    assert any(h.value.startswith("Chuyến đi trong kỳ của") for h in at.subheader)
