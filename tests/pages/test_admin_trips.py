"""/admin's section "Nhập lịch sử chuyến đi" through app.py (AppTest), on an office built with the
shell's commands (tests/offices.py): the preview of a history file, its import once confirmed
(once, whatever the clicks), a bad file's problems with nothing written, the demo refused."""

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from core import office
from core.i18n import t
from db.models import Trip
from db.session import reading, writing
from tests import offices
from tests.pages.test_admin import office_admin  # noqa: F401  (the fixture)


def trips(url) -> int:
    with reading(url) as s:
        return s.scalar(select(func.count()).select_from(Trip))


def to_trips(at: AppTest) -> AppTest:
    return at.segmented_control(key="section").set_value("trips").run()


def upload(at: AppTest, content: bytes, name: str = "lich-su.csv") -> AppTest:
    return at.file_uploader(key="trips_file_0").set_value((name, content, "text/csv")).run()


def confirm_button(at: AppTest):
    return next((b for b in at.button if b.label == t("trips_admin.confirm", "vi")), None)


def test_a_history_file_is_previewed_then_imported_once_on_confirming(office_admin, db_url):  # noqa: F811
    at = to_trips(office_admin)
    assert not at.exception and trips(db_url) == 0
    upload(at, offices.trips_csv())
    assert not at.exception and not at.error
    assert any("8 chuyến đi trong tệp: 8 chuyến mới, 0 đã có" in i.value for i in at.info)
    by_year = next(d.value for d in at.dataframe if t("trips_import.preview.year", "vi") in d.value.columns)
    new = t("trips_import.preview.new", "vi")
    assert by_year.groupby(t("trips_import.preview.year", "vi"))[new].sum().to_dict() == {
        "2023": 5,
        "2024": 3,
    }
    assert trips(db_url) == 0  # nothing written before confirming
    confirm_button(at).click().run()
    assert not at.exception
    assert trips(db_url) == len(offices.TRIPS)
    assert any("Đã nhập 8 chuyến đi" in s.value for s in at.success)
    assert confirm_button(at) is None  # the uploader is cleared


def test_a_second_click_on_the_same_submission_imports_nothing_more(office_admin, db_url, monkeypatch):  # noqa: F811
    from core import trips_import

    at = upload(to_trips(office_admin), offices.trips_csv())
    submissions = []
    real = trips_import.apply
    monkeypatch.setattr(
        trips_import,
        "apply",
        lambda s, a, c, n, sid, *rest: submissions.append(sid) or real(s, a, c, n, sid, *rest),
    )
    confirm_button(at).click().run()
    assert trips(db_url) == len(offices.TRIPS)
    # The same submission once more (a click that arrives twice): nothing more is written.
    with writing(db_url) as s:
        again = real(s, office.shell_actor(), offices.trips_csv(), "lich-su.csv", submissions[0])
    assert again.repeated and trips(db_url) == len(offices.TRIPS)
    # The same file uploaded again: every trip is already there, nothing to confirm.
    at.file_uploader(key="trips_file_1").set_value(("lich-su.csv", offices.trips_csv(), "text/csv")).run()
    assert any("0 chuyến mới, 8 đã có" in i.value for i in at.info)
    assert confirm_button(at) is None


def test_a_bad_history_file_shows_its_problems_and_writes_nothing(office_admin, db_url):  # noqa: F811
    bad = list(offices.TRIPS)
    bad[0] = ("XX999", *bad[0][1:])
    bad[1] = (bad[1][0], "12/05/2023", "10/05/2023", *bad[1][3:])
    at = upload(to_trips(office_admin), offices.trips_csv(bad))
    assert not at.exception
    assert "chưa có gì được ghi" in at.error[0].value
    problems = list(
        next(d.value for d in at.dataframe if t("roster.problem", "vi") in d.value.columns).iloc[:, 0]
    )
    assert len(problems) >= 2
    assert any(p.startswith("Dòng 2") and "XX999" in p for p in problems)
    assert any(p.startswith("Dòng 3") for p in problems)
    assert confirm_button(at) is None and trips(db_url) == 0


def test_the_history_import_is_refused_on_the_demo(app_as, demo_url):
    at = app_as("quantri", page="admin", query={"tab": "trips"})
    before = trips(demo_url)
    at.file_uploader(key="trips_file_0").set_value(("lich-su.csv", offices.trips_csv(), "text/csv")).run()
    assert not at.exception
    from core.office import DemoDatabase
    from ui.text import md

    refusal = DemoDatabase().messages("vi")[0]
    assert "--new-office" in refusal and "--reset" in refusal
    assert [e.value for e in at.error] == [md(refusal)]
    assert confirm_button(at) is None and trips(demo_url) == before


def test_the_uploader_states_the_trips_cap(office_admin):  # noqa: F811
    from ui import uploads

    widget = to_trips(office_admin).file_uploader(key="trips_file_0")
    assert widget.proto.max_upload_size_mb == uploads.TRIPS.max_mb == 20 and "20 MB" in widget.label
    assert uploads.TRIPS.max_mb < uploads.LARGEST_MB
