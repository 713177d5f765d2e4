import datetime as dt

import pytest

from core import targets
from core.errors import PermissionDenied
from core.periods import Window, year_window
from db.models import Exemption, Policy
from db.session import reading, writing
from tests import factories as f

D = dt.date
YEAR = year_window(2018)  # 365 days


def test_full_year_without_exemptions_keeps_the_whole_target():
    assert targets.prorated_target(60, YEAR) == 60


def test_joining_on_1_july_owes_about_half():
    # 184 of 365 days: 60 × 184 / 365 = 30.2
    assert targets.prorated_target(60, YEAR, joined_on=D(2018, 7, 1)) == 30


def test_leaving_on_31_march_owes_a_quarter():
    # 90 days: 60 × 90 / 365 = 14.8
    assert targets.prorated_target(60, YEAR, left_on=D(2018, 3, 31)) == 15


def test_joined_before_and_left_after_the_window_is_present_throughout():
    assert targets.prorated_target(60, YEAR, D(2010, 1, 1), D(2020, 1, 1)) == 60


def test_not_in_the_office_during_the_window_owes_nothing():
    assert targets.prorated_target(60, YEAR, joined_on=D(2019, 2, 1)) == 0
    assert targets.prorated_target(60, YEAR, left_on=D(2017, 12, 31)) == 0


def test_six_months_of_training_halve_the_target():
    # 03/01–02/07: 181 days → 60 × 184 / 365 = 30.2
    assert targets.prorated_target(60, YEAR, exemptions=[(D(2018, 1, 3), D(2018, 7, 2))]) == 30


def test_overlapping_exemptions_count_each_day_once():
    spans = [
        (D(2018, 3, 1), D(2018, 3, 31)),
        (D(2018, 3, 15), D(2018, 4, 14)),
        (D(2018, 3, 20), D(2018, 3, 25)),
    ]
    assert targets.exempted_days(YEAR, spans) == 45


def test_exemptions_outside_the_presence_are_not_subtracted_twice():
    # Joined 1 July; a leave from June to mid-July only removes its July days.
    assert targets.exempted_days(YEAR, [(D(2018, 6, 1), D(2018, 7, 15))], joined_on=D(2018, 7, 1)) == 15


def test_exempted_the_whole_year_owes_nothing():
    assert targets.prorated_target(60, YEAR, exemptions=[(D(2017, 12, 1), D(2019, 1, 31))]) == 0


def test_rounding_is_half_up():
    window = Window(D(2018, 1, 1), D(2018, 1, 4))
    assert targets.prorated_target(5, window, joined_on=D(2018, 1, 3)) == 3  # 2.5 → 3
    assert targets.prorated_target(5, window, joined_on=D(2018, 1, 4)) == 1  # 1.25 → 1


def test_steady_pace_is_on_track_and_says_days_per_month_left():
    pace = targets.on_track(30, 60, YEAR, D(2018, 6, 30))  # 181 days in: 29.75 due
    assert pace.on_track and pace.expected_so_far == 29
    assert pace.days_needed == 30 and pace.months_left == 7 and pace.per_month_needed == 5


def test_behind_the_steady_pace():
    pace = targets.on_track(10, 60, YEAR, D(2018, 6, 30))
    assert not pace.on_track and pace.per_month_needed == 8  # 50 days over 7 months


def test_after_the_window_only_the_target_counts():
    assert targets.on_track(60, 60, YEAR, D(2019, 3, 1)) == targets.Pace(True, 60, 0, 0, None)
    late = targets.on_track(47, 60, YEAR, D(2019, 3, 1))
    assert not late.on_track and late.days_needed == 13 and late.per_month_needed is None


def test_before_the_window_nothing_is_due_yet():
    pace = targets.on_track(0, 60, YEAR, D(2017, 12, 1))
    assert pace.on_track and pace.months_left == 12 and pace.per_month_needed == 5


def test_a_zero_target_is_always_met():
    assert targets.on_track(0, 0, YEAR, D(2018, 6, 1)).on_track


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        tc = f.ban(s, "TC")
        me = f.cadre(s, tc, "C1", joined=D(2018, 7, 1))
        other = f.cadre(s, tc, "C2")
        s.add(Policy(year=2018, target_days=60, counting_rule="working"))
        s.add(Exemption(cadre_id=me.id, kind="sick_leave", start_date=D(2018, 9, 1), end_date=D(2018, 9, 30)))
        f.trip(s, me, D(2018, 7, 6), D(2018, 7, 9))  # Fri–Mon: 2 working days
        return {
            "me": f.actor(f.account(s, "canbo", ("cadre",), me), tc.id),
            "me_id": me.id,
            "other_id": other.id,
        }


def test_progress_counts_working_days_and_prorates_for_joining_and_leave(office, db_url):
    with reading(db_url) as s:
        p = targets.progress_of(s, office["me"], office["me_id"], 2018, today=D(2018, 7, 31))
    # present 184 days, 30 of them on sick leave: 60 × 154 / 365 = 25.3
    assert (p.done_days, p.target, p.full_target, p.exempted_days) == (2, 25, 60, 30)
    # The pace runs from the day the cadre joined: 31 of 184 days → 4 days due.
    assert p.pace.expected_so_far == 4 and not p.pace.on_track


def test_cadre_cannot_read_the_progress_of_another_cadre(office, db_url):
    with reading(db_url) as s, pytest.raises(PermissionDenied):
        targets.progress_of(s, office["me"], office["other_id"], 2018)
