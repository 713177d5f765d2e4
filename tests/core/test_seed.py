"""The demo data reproduces the articles, and `python -m seed` guards non-empty databases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.accounts import check_password
from core.participation import by_ban, office_participation
from core.periods import Window
from db.migrate import upgrade
from db.models import (
    Account,
    Ban,
    Cadre,
    Evaluation,
    Registration,
    ReviewMeeting,
    Setting,
    Trip,
    TripReport,
)
from db.session import dispose_all, reading, writing
from seed.__main__ import main
from seed.loader import load

D = dt.date
Q2_WINDOW = Window(D(2018, 6, 1), D(2018, 7, 31))


def _fresh(tmp_path, name="t.db") -> str:
    url = f"sqlite:///{tmp_path}/{name}"
    upgrade(url)
    return url


def _loaded(tmp_path, demo="central-2018", name="t.db") -> str:
    url = _fresh(tmp_path, name)
    with writing(url) as s:
        load(s, demo)
    return url


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    url = _loaded(tmp_path_factory.mktemp("central"))
    yield url
    dispose_all()


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    url = _loaded(tmp_path_factory.mktemp("province"), "province-2022")
    yield url
    dispose_all()


def test_central_97_of_111_went_between_june_and_july_2018(central):
    with reading(central) as s:
        p = office_participation(s, Q2_WINDOW)
        assert (p.went, p.cadres) == (97, 111)
        assert sum(b.participation.went for b in by_ban(s, Q2_WINDOW)) == 97


def test_central_everyone_registered_for_quarters_two_to_four(central):
    with reading(central) as s:
        p = office_participation(s, Window(D(2018, 4, 1), D(2018, 12, 31)))
        assert (p.cadres, p.registered) == (111, 111)
        assert s.scalar(select(func.count()).select_from(Registration).where(Registration.quarter == 1)) > 0


def test_central_roster(central):
    with reading(central) as s:
        bans = s.scalars(select(Ban).options(selectinload(Ban.cadres))).all()
        assert len(bans) >= 10
        assert {"VP", "TC", "TG"} <= {b.code for b in bans}
        for ban in bans:
            assert 3 <= sum(c.subject_to_rule for c in ban.cadres) <= 15
        cadres = s.scalars(select(Cadre)).all()
        assert sum(c.subject_to_rule for c in cadres) == 111
        assert 4 <= sum(not c.subject_to_rule for c in cadres) <= 6
        assert len({c.code for c in cadres}) == len(cadres)
        assert all(c.joined_on < D(2018, 1, 1) for c in cadres)
        settings = {r.key: r.value for r in s.scalars(select(Setting))}
        assert settings["office_name"] == "CƠ QUAN TRUNG ƯƠNG ĐOÀN"
        assert settings["demo"] == "central-2018"


def test_no_two_trips_of_one_cadre_overlap(central, province):
    for url in (central, province):
        with reading(url) as s:
            trips = s.execute(
                select(Trip.cadre_id, Trip.start_date, Trip.end_date).order_by(Trip.cadre_id, Trip.start_date)
            ).all()
        for a, b in zip(trips, trips[1:]):
            if a.cadre_id == b.cadre_id:
                assert a.end_date < b.start_date, (a, b)


def test_reports_are_consistent_with_their_trips(central):
    with reading(central) as s:
        rows = s.execute(select(TripReport, Trip).join(Trip, Trip.id == TripReport.trip_id)).all()
        states = {r.state for r, _ in rows}
        assert states == {"draft", "submitted", "returned", "accepted"}
        for report, trip in rows:
            assert trip.state == "done"
            if report.submitted_at:
                assert report.submitted_at.date() > trip.end_date
            if report.state == "accepted":
                assert report.accepted_at >= report.submitted_at
            if report.state == "returned":
                assert report.return_reason


def test_review_meeting_and_evaluations(central):
    with reading(central) as s:
        meeting = s.scalar(select(ReviewMeeting))
        assert meeting.held_on == D(2018, 8, 9)
        assert (meeting.period_from, meeting.period_to) == (Q2_WINDOW.start, Q2_WINDOW.end)
        assert "Lê Quốc Phong" in meeting.chair
        evaluations = s.scalars(select(Evaluation).where(Evaluation.year == 2018)).all()
        assert 80 <= len(evaluations) < 111
        assert sum(e.proposed_rating == "excellent" for e in evaluations) <= 0.15 * 111
        assert any(e.locked and e.final_rating for e in evaluations)
        assert any(not e.locked for e in evaluations)


@pytest.mark.parametrize("url_fixture", ["central", "province"])
def test_demo_accounts(request, url_fixture):
    url = request.getfixturevalue(url_fixture)
    with reading(url) as s:
        accounts = {
            a.username: a
            for a in s.scalars(
                select(Account).options(selectinload(Account.roles), selectinload(Account.cadre))
            )
        }
        roles = {u: sorted(r.role for r in a.roles) for u, a in accounts.items()}
        assert roles == {
            "quantri": ["admin"],
            "lanhdao": ["office_leader"],
            "truongban": ["ban_leader"],
            "canbo": ["cadre"],
        }
        assert accounts["quantri"].cadre is None
        for username in ("lanhdao", "truongban", "canbo"):
            cadre = accounts[username].cadre
            assert cadre.subject_to_rule and accounts[username].display_name == cadre.full_name
        assert accounts["truongban"].cadre.position == "Trưởng ban"
        assert accounts["canbo"].cadre.ban_id == accounts["truongban"].cadre.ban_id
        assert all(a.is_demo for a in accounts.values())
        assert check_password("cosodemo", accounts["canbo"].password_hash)
        assert not check_password("sai-mat-khau", accounts["canbo"].password_hash)


def test_canbo_shows_every_report_state(central):
    with reading(central) as s:
        acc = s.scalar(select(Account).where(Account.username == "canbo"))
        assert acc.cadre.ban.code == "TC"
        trips = s.scalars(
            select(Trip)
            .where(Trip.cadre_id == acc.cadre_id, Trip.state == "done")
            .options(selectinload(Trip.report))
        ).all()
        assert len(trips) >= 5
        states = [t.report.state if t.report else None for t in trips]
        assert {"accepted", "returned", None} <= set(states)
        assert any(Q2_WINDOW.overlaps(t.start_date, t.end_date) for t in trips)


def test_province_26_of_26_went_in_2022(province):
    with reading(province) as s:
        p = office_participation(s, Window(D(2022, 1, 1), D(2022, 12, 31)))
        assert (p.went, p.cadres, p.registered) == (26, 26, 26)
        assert s.get(Setting, "demo").value == "province-2022"
        assert s.scalar(select(func.count()).select_from(Cadre).where(Cadre.subject_to_rule.is_(False))) in (
            1,
            2,
        )


def test_loading_is_deterministic(tmp_path):
    def snapshot(url):
        with reading(url) as s:
            names = s.scalars(select(Cadre.full_name).order_by(Cadre.code)).all()
            trips = s.execute(
                select(Trip.cadre_id, func.count()).group_by(Trip.cadre_id).order_by(Trip.cadre_id)
            ).all()
            dates = s.execute(select(Trip.start_date, Trip.end_date).order_by(Trip.id)).all()
        return names, [tuple(r) for r in trips], [tuple(r) for r in dates]

    a = _loaded(tmp_path, name="a.db")
    b = _loaded(tmp_path, name="b.db")
    assert snapshot(a) == snapshot(b)
    dispose_all()


def test_cli_if_empty_skips_and_refuses_without_reset(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/cli.db"
    assert main(["--database-url", url, "--demo", "province-2022"]) == 0
    out = capsys.readouterr().out
    assert "26/26" in out

    assert main(["--database-url", url, "--if-empty"]) == 0
    assert "nothing loaded" in capsys.readouterr().out

    assert main(["--database-url", url]) == 2
    assert "--reset" in capsys.readouterr().err
    with reading(url) as s:  # untouched
        assert s.get(Setting, "demo").value == "province-2022"

    assert main(["--database-url", url, "--reset"]) == 2  # nobody typed the office's name
    with reading(url) as s:
        assert s.get(Setting, "demo").value == "province-2022"

    assert main(["--database-url", url, "--reset", "--yes", "--demo", "central-2018"]) == 0
    assert "97/111" in capsys.readouterr().out
    with reading(url) as s:
        assert s.get(Setting, "demo").value == "central-2018"
        assert s.scalar(select(func.count()).select_from(Cadre)) == 116
        assert s.scalar(select(func.count()).select_from(Account)) == 4
    dispose_all()


def test_cli_uses_database_url_from_the_environment(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/env.db"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["--if-empty", "--demo", "province-2022"]) == 0
    assert "26/26" in capsys.readouterr().out
    with reading(url) as s:
        assert s.scalar(select(func.count()).select_from(Ban)) == 6
    dispose_all()


def test_help_mentions_the_options(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in ("--demo", "--if-empty", "--reset", "central-2018", "province-2022"):
        assert option in out
