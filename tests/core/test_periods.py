import datetime as dt

import pytest

from core.periods import Window, count_days, current_quarter, quarter_window, window_from_query, year_window

D = dt.date


def test_calendar_days_count_both_ends():
    assert count_days(D(2018, 6, 1), D(2018, 6, 1)) == 1
    assert count_days(D(2018, 6, 1), D(2018, 7, 31)) == 61


def test_working_days_skip_weekends():
    # 01/06/2018 was a Friday: Fri + Mon..Fri = 6 working days up to Friday 08/06.
    assert count_days(D(2018, 6, 1), D(2018, 6, 8), "working") == 6


def test_unknown_counting_rule_is_refused():
    with pytest.raises(ValueError):
        count_days(D(2018, 6, 1), D(2018, 6, 2), "lunar")


def test_quarter_windows_cover_the_year_without_gaps():
    quarters = [quarter_window(2018, q) for q in range(1, 5)]
    assert quarters[0].start == D(2018, 1, 1) and quarters[-1].end == D(2018, 12, 31)
    for a, b in zip(quarters, quarters[1:]):
        assert b.start - a.end == dt.timedelta(days=1)
    assert sum(q.days for q in quarters) == year_window(2018).days == 365


def test_window_lists_the_quarters_it_touches():
    assert Window(D(2018, 6, 1), D(2018, 7, 31)).quarters() == [(2018, 2), (2018, 3)]
    assert Window(D(2018, 12, 1), D(2019, 1, 5)).quarters() == [(2018, 4), (2019, 1)]


def test_clip_keeps_only_the_days_inside():
    w = Window(D(2018, 6, 1), D(2018, 7, 31))
    assert w.clip(D(2018, 5, 28), D(2018, 6, 2)) == Window(D(2018, 6, 1), D(2018, 6, 2))
    assert w.clip(D(2018, 8, 1), D(2018, 8, 3)) is None


def test_query_string_window_falls_back_on_bad_values():
    default = current_quarter(D(2018, 8, 9))
    assert window_from_query({"from": "2018-06-01", "to": "2018-07-31"}, default) == Window(
        D(2018, 6, 1), D(2018, 7, 31)
    )
    assert window_from_query({"from": "01/06/2018"}, default) == default
    assert window_from_query({"from": "2018-08-01", "to": "2018-07-01"}, default) == default
