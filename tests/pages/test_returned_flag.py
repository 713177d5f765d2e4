"""A report returned to a cadre is flagged on the cadre's progress tab (/visits), whatever year
the tab shows, with a link to the report (AppTest)."""

from sqlalchemy import select

from core.accounts import load_actor
from core.i18n import t
from db.models import Trip, TripReport
from db.session import writing


def return_a_report_of(url: str, username: str) -> tuple[int, int]:
    """One of the cadre's reports, sent earlier, comes back returned: its trip's id and year."""
    with writing(url) as s:
        me = load_actor(s, username)
        report = s.scalars(
            select(TripReport)
            .join(Trip, Trip.id == TripReport.trip_id)
            .where(Trip.cadre_id == me.cadre_id, TripReport.state.in_(("submitted", "accepted")))
            .order_by(Trip.start_date)
        ).first()
        report.state, report.return_reason = "returned", "Bổ sung số liệu."
        report.version += 1
        trip = s.get(Trip, report.trip_id)
        return trip.id, trip.start_date.year


def flagged(at) -> list[str]:
    """The query strings of the links to returned reports."""
    fix = t("visits.returned_fix", "vi")
    return [p.proto.query_string for p in at.get("page_link") if fix in p.proto.label]


def returned_in_db(url: str, username: str) -> int:
    with writing(url) as s:
        me = load_actor(s, username)
        return len(
            s.scalars(
                select(TripReport.id)
                .join(Trip, Trip.id == TripReport.trip_id)
                .where(Trip.cadre_id == me.cadre_id, TripReport.state == "returned")
            ).all()
        )


def test_a_returned_report_is_flagged_on_the_cadres_progress_tab(app_as, demo_url):
    before = returned_in_db(demo_url, "canbo")
    assert len(flagged(app_as("canbo", page="visits"))) == before
    trip_id, year = return_a_report_of(demo_url, "canbo")
    at = app_as("canbo", page="visits")
    other = next(y for y in at.selectbox(key="year").options if y != str(year))
    at.selectbox(key="year").set_value(int(other)).run()  # another year shown
    assert not at.exception and at.selectbox(key="year").value != year
    count = t("visits.returned_count", "vi", n=before + 1)
    assert [w.value for w in at.warning if w.value == count]
    links = flagged(at)
    assert len(links) == before + 1 and any(f"trip={trip_id}" in q for q in links)
    assert all("tab=report" in q for q in links)


def test_a_report_sent_again_is_no_longer_flagged(app_as, demo_url):
    trip_id, _ = return_a_report_of(demo_url, "canbo")
    with writing(demo_url) as s:
        s.scalars(select(TripReport).where(TripReport.trip_id == trip_id)).one().state = "submitted"
    at = app_as("canbo", page="visits")
    assert not [q for q in flagged(at) if f"trip={trip_id}" in q]
