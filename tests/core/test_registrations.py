import datetime as dt

import pytest
from sqlalchemy import func, select

from core import registrations, submissions
from core.errors import Conflict, PermissionDenied, ValidationError
from db.models import AuditEntry, Registration
from db.session import reading, writing
from tests import factories as f

D = dt.date
TODAY = D(2018, 8, 9)  # in Q3/2018


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        tc, tg = f.ban(s, "TC"), f.ban(s, "TG")
        me, boss, stranger = f.cadre(s, tc, "C1"), f.cadre(s, tc, "C2"), f.cadre(s, tg, "C3")
        return {
            "me": f.actor(f.account(s, "canbo", ("cadre",), me), tc.id),
            "leader": f.actor(f.account(s, "truongban", ("ban_leader",), boss), tc.id),
            "other_leader": f.actor(f.account(s, "truongbankhac", ("ban_leader",), stranger), tg.id),
            "me_id": me.id,
            "boss_id": boss.id,
        }


def plan(quarter=4, year=2018, **kw):
    values = dict(
        year=year,
        quarter=quarter,
        planned_days=20,
        places="Hà Giang; Cao Bằng",
        content_types=("thematic", "inspection"),
        questions="Thanh niên cần gì?",
    )
    values.update(kw)
    return registrations.RegistrationInput(**values)


def register(office, db_url, data=None, sid=None, who="me", cadre="me_id", **kw):
    with writing(db_url) as s:
        return registrations.save(
            s, office[who], office[cadre], data or plan(), sid or submissions.new_id(), today=TODAY, **kw
        )


def count(db_url):
    with reading(db_url) as s:
        return s.scalar(select(func.count()).select_from(Registration))


def test_register_a_coming_quarter_and_see_it_listed(office, db_url):
    reg_id = register(office, db_url)
    with reading(db_url) as s:
        rows = registrations.list_for_cadre(
            s, office["me"], office["me_id"], registrations.quarters_shown(2018, TODAY), TODAY
        )
        assert s.scalar(select(AuditEntry.action).where(AuditEntry.table_name == "registrations")) == "create"
    assert list(rows) == [(2018, 4)]
    assert rows[(2018, 4)].id == reg_id and rows[(2018, 4)].state == "submitted" and rows[(2018, 4)].editable


def test_the_current_quarter_can_still_be_registered_but_not_a_past_one(office, db_url):
    register(office, db_url, plan(quarter=3))
    with pytest.raises(ValidationError) as err:
        register(office, db_url, plan(quarter=2))
    assert err.value.fields() == {"visits.reg.quarter"}


def test_one_registration_per_quarter(office, db_url):
    register(office, db_url)
    with pytest.raises(ValidationError) as err:
        register(office, db_url, plan(planned_days=30))
    assert "đã đăng ký cho quý này" in err.value.messages("vi")[0]
    assert count(db_url) == 1


def test_double_submit_stores_one_registration(office, db_url):
    first = register(office, db_url, sid="same-click")
    assert register(office, db_url, sid="same-click") == first
    assert count(db_url) == 1


def test_bad_form_names_every_field_and_writes_nothing(office, db_url):
    with pytest.raises(ValidationError) as err:
        register(office, db_url, plan(planned_days=None, places=" ", content_types=()))
    assert err.value.fields() == {
        "visits.reg.planned_days",
        "visits.reg.places",
        "visits.field.content_types",
    }
    assert count(db_url) == 0


def test_more_days_than_the_quarter_has_are_refused(office, db_url):
    with pytest.raises(ValidationError) as err:
        register(office, db_url, plan(planned_days=93))
    assert "từ 1 đến 92 ngày" in err.value.messages("vi")[0]


def test_editable_before_the_quarter_starts(office, db_url):
    reg_id = register(office, db_url)
    register(office, db_url, plan(planned_days=25), registration_id=reg_id, version=1)
    with reading(db_url) as s:
        reg = s.get(Registration, reg_id)
        assert (reg.planned_days, reg.version) == (25, 2)


def test_the_same_edit_twice_is_one_edit_but_a_stale_other_edit_is_a_conflict(office, db_url):
    reg_id = register(office, db_url)
    register(office, db_url, plan(planned_days=25), registration_id=reg_id, version=1)
    register(office, db_url, plan(planned_days=25), registration_id=reg_id, version=1)
    with pytest.raises(Conflict):
        register(office, db_url, plan(planned_days=30), registration_id=reg_id, version=1)


def test_not_editable_once_the_quarter_started(office, db_url):
    reg_id = register(office, db_url, plan(quarter=3))
    with pytest.raises(ValidationError):
        register(office, db_url, plan(quarter=3, planned_days=25), registration_id=reg_id, version=1)


def accept(office, db_url, reg_id, who="leader", version=1):
    with writing(db_url) as s:
        registrations.accept(s, office[who], reg_id, version)


def test_accepted_by_the_ban_leader_and_then_final(office, db_url):
    reg_id = register(office, db_url)
    accept(office, db_url, reg_id)
    with reading(db_url) as s:
        reg = s.get(Registration, reg_id)
        assert reg.state == "accepted" and reg.accepted_by == office["leader"].account_id
    with pytest.raises(ValidationError):
        register(office, db_url, plan(planned_days=25), registration_id=reg_id, version=2)
    with pytest.raises(ValidationError):
        accept(office, db_url, reg_id, version=2)


def test_only_leaders_of_the_cadres_ban_accept(office, db_url):
    reg_id = register(office, db_url)
    with pytest.raises(PermissionDenied):
        accept(office, db_url, reg_id, who="me")
    with pytest.raises(PermissionDenied):
        accept(office, db_url, reg_id, who="other_leader")


def test_cadre_cannot_register_for_nor_read_another_cadre(office, db_url):
    with pytest.raises(PermissionDenied):
        register(office, db_url, cadre="boss_id")
    with reading(db_url) as s, pytest.raises(PermissionDenied):
        registrations.list_for_cadre(s, office["me"], office["boss_id"], [(2018, 4)], TODAY)


def test_quarters_shown_are_the_years_and_the_next_one():
    assert registrations.quarters_shown(2018, D(2018, 8, 9)) == [(2018, q) for q in range(1, 5)]
    assert registrations.quarters_shown(2018, D(2018, 11, 1))[-1] == (2019, 1)
    assert registrations.quarters_shown(2018, D(2026, 11, 22))[-1] == (2027, 1)
