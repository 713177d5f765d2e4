import datetime as dt

from core import content_mix, participation, progress
from core.periods import Window
from db.models import Policy, Registration
from db.session import reading, writing
from tests import factories as f

D = dt.date
WINDOW = Window(D(2018, 6, 1), D(2018, 7, 31))


def build(db_url):
    """Two bans. TC: a goes in the window (3 days), b goes only in May, c joins after the
    window. TG: d goes across the window's start (2 of 4 days inside), e is not subject."""
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC", order=1), f.ban(s, "TG", order=2)
        a, b = f.cadre(s, tc, "A"), f.cadre(s, tc, "B")
        f.cadre(s, tc, "C", joined=D(2018, 9, 1))
        d = f.cadre(s, tg, "D")
        e = f.cadre(s, tg, "E", subject=False)
        f.trip(s, a, D(2018, 6, 8), D(2018, 6, 10))  # Fri–Sun
        f.trip(s, b, D(2018, 5, 2), D(2018, 5, 4))
        f.trip(s, d, D(2018, 5, 30), D(2018, 6, 2))
        f.trip(s, e, D(2018, 6, 5), D(2018, 6, 6))
        for cadre in (a, b, d):
            for q in (2, 3):
                s.add(Registration(cadre_id=cadre.id, year=2018, quarter=q, planned_days=10))
        s.add(Registration(cadre_id=b.id, year=2018, quarter=4, planned_days=5))
        return tc.id, tg.id


def test_office_figure_counts_who_went_among_those_subject(db_url):
    build(db_url)
    with reading(db_url) as s:
        office = participation.office_participation(s, WINDOW)
    assert (office.went, office.cadres, office.days, office.registered) == (2, 3, 5, 3)


def test_window_clips_trip_days(db_url):
    build(db_url)
    with reading(db_url) as s:
        assert participation.office_participation(s, Window(D(2018, 6, 1), D(2018, 6, 1))).days == 1


def test_per_ban_figures(db_url):
    tc, tg = build(db_url)
    with reading(db_url) as s:
        rows = {r.code: r.participation for r in participation.by_ban(s, WINDOW)}
    assert (rows["TC"].went, rows["TC"].cadres, rows["TC"].days) == (1, 2, 3)
    assert (rows["TG"].went, rows["TG"].cadres, rows["TG"].days) == (1, 1, 2)


def test_working_day_policy_counts_weekdays_only(db_url):
    build(db_url)
    with writing(db_url) as s:
        s.add(Policy(year=2018, counting_rule="working"))
    with reading(db_url) as s:
        rows = {r.code: r.participation.days for r in participation.by_ban(s, WINDOW)}
    # TC: 08/06 is a Friday, 09–10/06 the weekend. TG: of 01–02/06 only Friday 01/06 counts.
    assert rows == {"TC": 1, "TG": 1}


def test_content_counts_the_days_inside_the_window_by_the_years_rule(db_url):
    """A trip wholly inside the window counts the days it stores; one across an edge only its
    days inside; one whose days inside are all weekend days is not in the window at all
    under the working-day rule."""
    with writing(db_url) as s:
        tc = f.ban(s, "TC")
        a, b, c = (f.cadre(s, tc, code) for code in "ABC")
        f.trip(s, a, D(2018, 6, 8), D(2018, 6, 10))  # Fri–Sun, inside
        f.trip(s, b, D(2018, 5, 30), D(2018, 6, 2))  # Wed–Sat, across the start: Fri 01/06, Sat 02/06 inside
        f.trip(s, c, D(2018, 7, 28), D(2018, 8, 1))  # Sat–Wed, across the end: Sat 28 – Tue 31/07 inside
        f.trip(s, a, D(2018, 5, 31), D(2018, 6, 1), content_types=("thematic",))  # Thu–Fri, across the start
        f.trip(s, b, D(2018, 7, 1), D(2018, 7, 1), content_types=("thematic",))  # a Sunday
    with reading(db_url) as s:
        calendar = {
            c.content_type: (c.trips, c.days, c.cadres) for c in content_mix.content_mix(s, WINDOW).office
        }
    assert calendar == {"inspection": (3, 3 + 2 + 4, 3), "thematic": (2, 1 + 1, 2)}
    with writing(db_url) as s:
        s.add(Policy(year=2018, counting_rule="working"))
    with reading(db_url) as s:
        working = {
            c.content_type: (c.trips, c.days, c.cadres) for c in content_mix.content_mix(s, WINDOW).office
        }
    assert working == {"inspection": (3, 1 + 1 + 2, 3), "thematic": (1, 1, 1)}


def test_by_cadre_lists_days_and_trips(db_url):
    tc, _ = build(db_url)
    with reading(db_url) as s:
        rows = participation.by_cadre(s, WINDOW, tc)
    assert [(r.code, r.days, r.trips) for r in rows] == [("A", 3, 1), ("B", 0, 0)]


def test_headline_is_the_sum_of_the_ban_rows_even_with_a_ban_closed(db_url):
    from db.models import Ban

    _, tg = build(db_url)
    with writing(db_url) as s:
        s.get(Ban, tg).active = False  # its cadres and trips stay on record
    with reading(db_url) as s:
        rows = progress.ban_progress(s, WINDOW, D(2018, 8, 9))
        office = participation.office_participation(s, WINDOW)
        head = progress.headline(s, WINDOW, D(2018, 8, 9))
        only_tg = progress.headline(s, WINDOW, D(2018, 8, 9), tg)
    assert [r.code for r in rows] == ["TC", "TG"]  # the closed ban last, not dropped
    assert (
        (head.participation.cadres, head.participation.went, head.participation.days)
        == (office.cadres, office.went, office.days)
        == (3, 2, 5)
    )
    assert (only_tg.participation.went, only_tg.participation.days) == (1, 2)
    assert head.reports.trips == sum(r.reports.trips for r in rows)
