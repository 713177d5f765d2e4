"""Accounts run by admins: one-time passwords, roles, deactivation; the first-login change;
the audit log's search."""

import datetime as dt

import pytest
from sqlalchemy import select

from core import accounts, audit, policy, roster
from core.errors import PermissionDenied, ValidationError
from db.models import Account, Exemption
from db.session import reading, writing
from tests import factories as f


@pytest.fixture
def office(db_url):
    with writing(db_url) as s:
        admin = f.actor(f.account(s, "quantri", ("admin",)))
        tc = f.ban(s, "TC")
        cadre = f.cadre(s, tc, "A01", "Nguyễn Văn An")
        user = f.account(s, "an", ("cadre",), cadre)
        ids = {"user": user.id, "cadre": cadre.id, "ban": tc.id}
    return db_url, admin, ids


def account(url, username):
    with reading(url) as s:
        return s.scalar(select(Account).where(Account.username == username))


def test_reset_password_gives_a_one_time_password_that_must_be_changed(office):
    url, admin, ids = office
    with writing(url) as s:
        new = accounts.reset_password(s, admin, ids["user"])
    acc = account(url, "an")
    assert acc.must_change_password and accounts.check_password(new.password, acc.password_hash)
    assert len(new.password) >= 12


def test_first_login_change_clears_the_flag_and_checks_every_field(office):
    url, admin, ids = office
    with writing(url) as s:
        otp = accounts.reset_password(s, admin, ids["user"]).password
    with reading(url) as s:
        me = accounts.load_actor(s, "an")
        assert accounts.must_change_password(s, "an")
    with pytest.raises(ValidationError) as seen, writing(url) as s:
        accounts.change_own_password(s, me, "sai", "ngắn", "khác")
    assert seen.value.fields() == {
        "accounts.current_password",
        "accounts.new_password",
        "accounts.repeat_password",
    }
    with writing(url) as s:
        accounts.change_own_password(s, me, otp, "mật-khẩu-mới-2018", "mật-khẩu-mới-2018")
    acc = account(url, "an")
    assert not acc.must_change_password and accounts.check_password("mật-khẩu-mới-2018", acc.password_hash)


def test_roles_are_assigned_and_an_admin_cannot_drop_the_own_admin_role(office):
    url, admin, ids = office
    with writing(url) as s:
        accounts.set_roles(s, admin, ids["user"], ("cadre", "ban_leader"))
    with reading(url) as s:
        assert accounts.load_actor(s, "an").roles == {"ban_leader", "cadre"}
    with pytest.raises(ValidationError), writing(url) as s:
        accounts.set_roles(s, admin, admin.account_id, ("cadre",))


def test_deactivating_a_cadre_ends_the_account_but_keeps_the_row(office):
    url, admin, ids = office
    with writing(url) as s:
        roster.set_cadre_active(s, admin, ids["cadre"], False)
    assert account(url, "an").active is False
    with reading(url) as s:
        assert accounts.load_actor(s, "an") is None
        assert roster.cadre(s, ids["cadre"]).active is False


def test_created_account_needs_a_free_username_and_a_role(office):
    url, admin, ids = office
    with pytest.raises(ValidationError) as seen, writing(url) as s:
        accounts.create_account(s, admin, "an", "Trùng", None, ())
    assert seen.value.fields() == {"login.username", "accounts.roles"}
    with writing(url) as s:
        new = accounts.create_account(s, admin, "VanPhong", "Văn phòng", None, ("admin",))
    assert new.username == "vanphong" and account(url, "vanphong").must_change_password


def test_ban_and_cadre_forms_name_bad_fields(office):
    url, admin, ids = office
    with pytest.raises(ValidationError) as seen, writing(url) as s:
        roster.save_cadre(s, admin, roster.CadreInput("A01", "", "ZZ", email="x@"))
    assert seen.value.fields() == {
        "roster.col.code",
        "roster.col.full_name",
        "roster.col.ban_code",
        "roster.col.email",
    }
    with pytest.raises(ValidationError), writing(url) as s:
        roster.set_ban_active(s, admin, ids["ban"], False)  # still has an active cadre


def test_policy_is_saved_per_year_and_checked(office):
    url, admin, ids = office
    with pytest.raises(ValidationError) as seen, writing(url) as s:
        policy.save(s, admin, policy.YearPolicy(2019, target_days=0, excellent_cap_percent=120))
    assert seen.value.fields() == {"policy.target_days", "policy.excellent_cap_percent"}
    with writing(url) as s:
        policy.save(
            s,
            admin,
            policy.YearPolicy(
                2019,
                target_days=45,
                counting_rule="working",
                content_type_labels={"thematic": {"vi": "Khảo sát", "en": ""}},
            ),
        )
    with reading(url) as s:
        saved = policy.for_year(s, 2019)
        assert (saved.target_days, saved.counting_rule) == (45, "working")
        assert saved.content_label("thematic", "vi") == "Khảo sát"
        assert policy.for_year(s, 2018).target_days == 60  # another year keeps the default


def test_exemption_is_recorded_with_a_kind_of_the_years_policy(office):
    url, admin, ids = office
    with pytest.raises(ValidationError), writing(url) as s:
        policy.add_exemption(s, admin, ids["cadre"], "holiday", dt.date(2018, 3, 1), dt.date(2018, 4, 1))
    with writing(url) as s:
        policy.add_exemption(
            s, admin, ids["cadre"], "training", dt.date(2018, 3, 1), dt.date(2018, 4, 1), "Lớp"
        )
    with reading(url) as s:
        assert [e.kind for e in policy.exemptions(s, admin, 2018)] == ["training"]
        assert s.scalar(select(Exemption.note)) == "Lớp"


def test_audit_log_is_searchable_by_person_table_and_dates(office):
    url, admin, ids = office
    with writing(url) as s:
        accounts.reset_password(s, admin, ids["user"])
        roster.save_ban(s, admin, "TG", "Ban Tuyên giáo")
    today = dt.date.today()
    with reading(url) as s:
        rows, total = audit.search(s, admin, audit.AuditFilter(actor="quantri", table="accounts"))
        assert total == 1 and rows[0].action == "reset_password"
        assert "password_hash" not in (rows[0].after or {})
        assert audit.search(s, admin, audit.AuditFilter(start=today, end=today))[1] == 2
        assert audit.search(s, admin, audit.AuditFilter(end=today - dt.timedelta(days=1)))[1] == 0
        assert len(audit.search(s, admin, audit.AuditFilter(), limit=1)[0]) == 1
        with pytest.raises(PermissionDenied):
            audit.search(s, accounts.load_actor(s, "an"), audit.AuditFilter())
