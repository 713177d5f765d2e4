"""core.access.load: the row, or NotFound, PermissionDenied or Conflict, in that order."""

import datetime as dt

import pytest

from core import access, actions
from core.errors import Conflict, NotFound, PermissionDenied
from db.models import Cadre, Trip
from db.session import writing
from tests import factories as f


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC"), f.ban(s, "TG")
        me, stranger = f.cadre(s, tc, "C1"), f.cadre(s, tg, "C2")
        return {
            "me": f.actor(f.account(s, "canbo", ("cadre",), me), tc.id),
            "admin": f.actor(f.account(s, "quantri", ("admin",), None), None),
            "me_id": me.id,
            "stranger_id": stranger.id,
        }


def test_the_row_comes_back_to_who_may_act_on_it(db_url, office):
    with writing(db_url) as s:
        cadre = access.load(s, Cadre, office["me_id"], office["me"], actions.TRIP_WRITE)
        assert cadre.id == office["me_id"]
        assert access.cadre_of(cadre).cadre_id == office["me_id"]


def test_a_missing_row_is_not_found_before_anything_else(db_url, office):
    with writing(db_url) as s, pytest.raises(NotFound):
        access.load(s, Cadre, 10_000, office["me"], actions.TRIP_WRITE, version=99)


def test_another_persons_row_is_refused_before_its_version_is_compared(db_url, office):
    with writing(db_url) as s, pytest.raises(PermissionDenied):
        access.load(s, Cadre, office["stranger_id"], office["me"], actions.TRIP_READ, version=99)


def test_an_office_action_is_refused_before_the_row_is_looked_up(db_url, office):
    """Who may not act learns nothing of which rows exist."""
    with writing(db_url) as s, pytest.raises(PermissionDenied):
        access.load(s, Cadre, 10_000, office["me"], actions.ADMIN_ROSTER)
    with writing(db_url) as s, pytest.raises(NotFound):
        access.load(s, Cadre, 10_000, office["admin"], actions.ADMIN_ROSTER)


def test_a_stale_version_is_a_conflict(db_url, office):
    with writing(db_url) as s:
        trip_id = f.trip(s, s.get(Cadre, office["me_id"]), dt.date(2018, 6, 1), dt.date(2018, 6, 2)).id
    with writing(db_url) as s:
        row = access.load(s, Trip, trip_id, office["me"], actions.TRIP_WRITE, version=1)
        with pytest.raises(Conflict):
            access.load(s, Trip, row.id, office["me"], actions.TRIP_WRITE, version=row.version + 1)


@pytest.mark.parametrize("name", ["trip.wirte", "trip.write"])
def test_an_action_given_by_its_name_is_an_error(db_url, office, name):
    with writing(db_url) as s, pytest.raises(TypeError):
        access.load(s, Cadre, office["me_id"], office["me"], name)
