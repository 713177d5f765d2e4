"""The money (core.funding): spending per ban summed by the database from the kept figures
equals the funding of the trips made that ended in the window, whatever the window; each
ban's yearly budget is pro-rated to the window's days; the budgets are set by the admin or
the office leadership only."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from sqlalchemy import select

from core import funding, policy, trip_changes
from core.errors import PermissionDenied, ValidationError
from core.periods import Window
from db.models import Ban, Policy, Trip
from db.session import reading, writing
from tests import factories as f
from tests.core.test_rollups import WINDOWS, _office

D = dt.date


def _raw_spending(s, window: Window) -> dict[int, int]:
    """Per ban, the funding of the trips made (state done) that ended in the window, added up in
    Python from the trips themselves."""
    out: dict[int, int] = {}
    for ban_id, end, amount, state in s.execute(
        select(Trip.ban_id, Trip.end_date, Trip.funding_vnd, Trip.state)
    ):
        if state == "done" and window.start <= end <= window.end and amount:
            out[ban_id] = out.get(ban_id, 0) + amount
    return out


def _office_with_a_removed_trip(s):
    _office(s)
    ban = s.scalar(select(Ban).where(Ban.code == "B1"))
    cadre = f.cadre(s, ban, "R")
    mistaken = f.trip(s, cadre, D(2018, 3, 20), D(2018, 3, 21), funding_vnd=5_000_000)
    boss = f.actor(f.account(s, "lanhdao", ("office_leader",)), None)
    trip_changes.remove(s, boss, mistaken.id, mistaken.version, "Ghi nhầm")


YEAR = Window(D(2018, 1, 1), D(2018, 12, 31))


def test_spending_per_ban_is_the_funding_of_the_trips_made_that_ended_in_the_window(db_url):
    with writing(db_url) as s:
        _office_with_a_removed_trip(s)
    with reading(db_url) as s:
        for window in [YEAR, *WINDOWS, Window(D(2017, 1, 1), D(2019, 12, 31))]:
            assert funding.spent_by_ban(s, window) == _raw_spending(s, window), window
        # Not empty by accident; planned, cancelled and removed trips' money is left out:
        # 2018 holds A's trips ending 03/01, 07/03 and 05/10 (made later), not the one into 2019.
        spent = funding.funding(s, YEAR)
        assert spent.spent == 900_000 + 1_500_000 + 2_000_000
        assert [b.spent for b in spent.bans] == [4_400_000, 0]
        assert funding.funding(s, Window(D(2019, 1, 1), D(2019, 1, 31))).spent == 3_000_000


def test_a_corrected_trip_moves_its_funding(db_url):
    with writing(db_url) as s:
        ban = f.ban(s, "B1")
        cadre = f.cadre(s, ban, "A")
        owner = f.actor(f.account(s, "a", ("cadre",), cadre), ban.id)
        trip = f.trip(s, cadre, D(2018, 3, 5), D(2018, 3, 7), funding_vnd=1_000_000)
        trip_changes.edit(
            s,
            owner,
            trip.id,
            f.trip_input(D(2018, 4, 2), D(2018, 4, 3), funding_vnd=2_500_000),
            trip.version,
            today=D(2018, 5, 1),
        )
    with reading(db_url) as s:
        assert funding.spent_by_ban(s, Window(D(2018, 3, 1), D(2018, 3, 31))) == {}
        assert funding.spent_by_ban(s, Window(D(2018, 4, 1), D(2018, 4, 30))) == {ban.id: 2_500_000}


def test_the_budget_is_pro_rated_to_the_days_of_the_window(db_url):
    with writing(db_url) as s:
        b1, b2, b3 = f.ban(s, "B1", order=1), f.ban(s, "B2", order=2), f.ban(s, "B3", order=3)
        s.add(Policy(year=2018, ban_budgets={str(b1.id): 365_000_000, str(b2.id): 73_000_000}))
        s.add(Policy(year=2020, ban_budgets={str(b1.id): 366_000_000}))  # a leap year
    with reading(db_url) as s:
        ten_days = Window(D(2018, 6, 1), D(2018, 6, 10))
        assert funding.prorated_budgets(s, ten_days) == {b1.id: 10_000_000, b2.id: 2_000_000}
        summed = funding.funding(s, ten_days)
        assert [(b.ban_id, b.budget) for b in summed.bans] == [
            (b1.id, 10_000_000),
            (b2.id, 2_000_000),
            (b3.id, None),
        ]
        assert summed.budget == 12_000_000 and summed.share == 0
        # The whole year is the whole budget; a window across the New Year takes of each year
        # its share (2019 has no budget); a leap year counts 366 days.
        assert funding.prorated_budgets(s, YEAR)[b1.id] == 365_000_000
        assert funding.prorated_budgets(s, Window(D(2018, 12, 22), D(2019, 1, 10))) == {
            b1.id: 10_000_000,
            b2.id: 2_000_000,
        }
        assert funding.prorated_budgets(s, Window(D(2020, 2, 1), D(2020, 2, 29))) == {b1.id: 29_000_000}
        assert funding.funding(s, Window(D(2019, 1, 1), D(2019, 3, 31))).budget is None
    assert funding.year_shares(Window(D(2018, 12, 31), D(2019, 1, 1))) == [
        (2018, Fraction(1, 365)),
        (2019, Fraction(1, 365)),
    ]


def _people(s):
    ban = f.ban(s, "B1")
    other = f.ban(s, "B2")
    return (
        ban,
        other,
        {
            "admin": f.actor(f.account(s, "quantri", ("admin",))),
            "office": f.actor(f.account(s, "lanhdao", ("office_leader",))),
            "ban": f.actor(f.account(s, "truongban", ("ban_leader",), f.cadre(s, ban, "L")), ban.id),
            "cadre": f.actor(f.account(s, "canbo", ("cadre",), f.cadre(s, ban, "C")), ban.id),
        },
    )


def test_the_admin_or_the_office_leadership_sets_the_budgets_and_keeps_the_policy(db_url):
    with writing(db_url) as s:
        ban, other, who = _people(s)
        s.add(Policy(year=2018, target_days=45))
        policy.save_budgets(s, who["admin"], 2018, {ban.id: 120_000_000, other.id: 0})
        policy.save_budgets(s, who["office"], 2019, {other.id: "50.000.000 đ", ban.id: ""})  # as typed
    with reading(db_url) as s:
        kept = policy.for_year(s, 2018)
        assert (kept.target_days, kept.ban_budgets) == (45, ((ban.id, 120_000_000),))
        # A year without a policy gets the defaults with its budgets.
        assert policy.for_year(s, 2019) == policy.YearPolicy(2019, ban_budgets={other.id: 50_000_000})


@pytest.mark.parametrize("role", ["ban", "cadre"])
def test_a_ban_leader_or_a_cadre_cannot_set_a_budget(db_url, role):
    with writing(db_url) as s:
        ban, _other, who = _people(s)
        with pytest.raises(PermissionDenied):
            policy.save_budgets(s, who[role], 2018, {ban.id: 1})


@pytest.mark.parametrize("amount", [-1, policy.MAX_BUDGET + 1, "mười triệu", "-5", "1,5 tỷ", 1.5])
def test_a_bad_budget_is_refused_naming_the_ban_and_nothing_is_written(db_url, amount):
    with writing(db_url) as s:
        ban, other, who = _people(s)
        ban_id, other_id, admin = ban.id, other.id, who["admin"]
    with pytest.raises(ValidationError) as refused, writing(db_url) as s:
        policy.save_budgets(s, admin, 2018, {other_id: 5, ban_id: amount})
    assert "Ban B1" in refused.value.messages("vi")[0]
    with reading(db_url) as s:
        assert s.get(Policy, 2018) is None
