"""A real office from an empty database (`python -m seed --new-office`), kept apart from the demo
(imports refuse the demo's database, `make run` prints the demo accounts on the demo only), and
`--reset`, which empties a database only once its office's name is typed."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from sqlalchemy import func, select

from core import office, policy, roster_import, trips_import
from core.accounts import check_password
from core.i18n import t
from db.models import Account, AuditEntry, Ban, Base, Cadre, Policy, Setting, Trip
from db.session import reading, writing
from seed.__main__ import main as seed_main
from tests import offices


def rows(url) -> dict[str, int]:
    with reading(url) as s:
        return {
            table.name: s.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


def new_office(url, *extra) -> int:
    return seed_main(["--database-url", url, "--new-office", offices.NAME, "--admin", "vanphong", *extra])


def test_new_office_stores_its_name_this_years_policy_and_one_admin_who_must_change_the_password(
    db_url, capsys
):
    assert (
        new_office(
            db_url,
            "--parent-name",
            "BCH ĐOÀN TNCS HỒ CHÍ MINH TỈNH HÀ GIANG",
            "--office-place",
            "Hà Giang",
            "--office-symbol",
            "TĐTN-VP",
            "--signer-name",
            "Nguyễn Văn Bí",
        )
        == 0
    )
    out = capsys.readouterr().out
    password = out.split("): ")[-1].split()[0]
    with reading(db_url) as s:
        settings = dict(s.execute(select(Setting.key, Setting.value)).all())
        assert settings == {
            "office_name": "Tỉnh đoàn Hà Giang",
            "parent_name": "BCH ĐOÀN TNCS HỒ CHÍ MINH TỈNH HÀ GIANG",
            "office_place": "Hà Giang",
            "office_symbol": "TĐTN-VP",
            "signer_name": "Nguyễn Văn Bí",
        }
        assert office.office_name(s) == "Tỉnh đoàn Hà Giang"
        assert s.scalars(select(Policy.year)).all() == [dt.date.today().year]
        assert policy.for_year(s, dt.date.today().year).target_days == 60
        (admin,) = s.scalars(select(Account)).all()
        assert (admin.username, [r.role for r in admin.roles], admin.cadre_id) == (
            "vanphong",
            ["admin"],
            None,
        )
        assert admin.must_change_password and not admin.is_demo
        assert check_password(password, admin.password_hash)
        assert not office.holds_demo(s)
        assert s.scalar(select(func.count()).select_from(Ban)) == 0
        actions = {e.action for e in s.scalars(select(AuditEntry))}
        assert {"office.create", "create"} <= actions
    assert "vanphong" in out and "cosodemo" not in out


def test_the_one_time_password_can_go_to_a_file_only_its_owner_reads(db_url, tmp_path, capsys):
    path = tmp_path / "otp.csv"
    assert new_office(db_url, "--passwords-csv", str(path)) == 0
    assert str(path) in capsys.readouterr().out
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    password = offices.read_passwords(path)["vanphong"]
    with reading(db_url) as s:
        assert check_password(password, s.scalar(select(Account.password_hash)))


def test_new_office_is_refused_on_the_demo_and_says_what_it_found(demo_url, capsys):
    before = rows(demo_url)
    assert new_office(demo_url) == 2
    err = capsys.readouterr().err
    assert "116 cán bộ" in err and "4 tài khoản" in err and "chuyến đi" in err and "--reset" in err
    assert rows(demo_url) == before


def test_new_office_is_refused_on_a_database_with_one_account(db_url, capsys):
    assert new_office(db_url) == 0
    before = rows(db_url)
    assert seed_main(["--database-url", db_url, "--new-office", "Khác", "--admin", "khac"]) == 2
    assert "1 tài khoản" in capsys.readouterr().err
    assert rows(db_url) == before


def test_new_office_needs_an_admin_and_a_valid_username(db_url, capsys):
    assert seed_main(["--database-url", db_url, "--new-office", offices.NAME]) == 2
    assert "--admin" in capsys.readouterr().err
    assert seed_main(["--database-url", db_url, "--new-office", offices.NAME, "--admin", "Văn Phòng!"]) == 1
    assert "Tên đăng nhập của quản trị" in capsys.readouterr().err
    assert seed_main(["--database-url", db_url, "--new-office", "  ", "--admin", "vanphong"]) == 1
    assert "Tên cơ quan: bắt buộc nhập" in capsys.readouterr().err
    with reading(db_url) as s:
        assert office.is_empty(s)


def test_make_runs_if_empty_loads_no_demo_into_a_new_office(db_url, capsys):
    assert new_office(db_url) == 0
    assert seed_main(["--database-url", db_url, "--if-empty"]) == 0
    with reading(db_url) as s:
        assert not office.holds_demo(s)
        assert s.scalar(select(func.count()).select_from(Cadre)) == 0


# --- The demo and a real office never mix ------------------------------------------------------


def test_a_roster_import_into_the_demo_is_refused_naming_new_office_and_reset(demo_url, tmp_path, capsys):
    roster = tmp_path / "ds.csv"
    roster.write_bytes(offices.roster_csv())
    before = rows(demo_url)
    assert seed_main(["--database-url", demo_url, "--roster", str(roster)]) == 1
    err = capsys.readouterr().err
    assert "--new-office" in err and "--reset" in err and "dữ liệu mẫu" in err
    assert rows(demo_url) == before
    with reading(demo_url) as s, pytest.raises(office.DemoDatabase) as seen:
        roster_import.preview(s, office.shell_actor(), offices.roster_csv(), "ds.csv")
    english = seen.value.messages("en")[0]
    assert "demo" in english and "--new-office" in english and "--reset" in english


def test_a_trips_import_into_the_demo_is_refused(demo_url, tmp_path, capsys):
    path = tmp_path / "lich-su.csv"
    path.write_bytes(offices.trips_csv())
    before = rows(demo_url)
    assert seed_main(["--database-url", demo_url, "--trips", str(path)]) == 1
    assert "--new-office" in capsys.readouterr().err
    assert rows(demo_url) == before
    with reading(demo_url) as s, pytest.raises(office.DemoDatabase):
        trips_import.preview(s, office.shell_actor(), offices.trips_csv(), "lich-su.csv")


def test_the_demo_is_known_by_its_accounts_even_without_its_marker(demo_url):
    with writing(demo_url) as s:
        s.execute(Setting.__table__.delete().where(Setting.key == "demo"))
    with reading(demo_url) as s:
        assert office.holds_demo(s)
        with pytest.raises(office.DemoDatabase):
            roster_import.preview(s, office.shell_actor(), offices.roster_csv(), "ds.csv")


def test_describe_lists_the_demo_accounts_on_the_demo(demo_url, capsys):
    assert seed_main(["--database-url", demo_url, "--describe"]) == 0
    out = capsys.readouterr().out
    assert "cosodemo" in out and all(name in out for name in ("quantri", "lanhdao", "truongban", "canbo"))


def test_describe_lists_no_demo_account_on_an_office(db_url, tmp_path, capsys):
    assert seed_main(["--database-url", db_url, "--describe"]) == 0
    assert capsys.readouterr().out == ""  # an empty database
    offices.build(db_url, tmp_path)
    capsys.readouterr()
    assert seed_main(["--database-url", db_url, "--describe"]) == 0
    out = capsys.readouterr().out
    assert "Tỉnh đoàn Hà Giang" in out and "3 ban, 5 cán bộ, 6 tài khoản, 8 chuyến đi" in out
    assert "cosodemo" not in out and "quantri" not in out


# --- Emptying a database -------------------------------------------------------------------------


def test_reset_asks_for_the_office_name_and_deletes_nothing_on_a_wrong_answer(
    db_url, tmp_path, monkeypatch, capsys
):
    offices.build(db_url, tmp_path)
    before = rows(db_url)
    monkeypatch.setattr("builtins.input", lambda prompt: "Tỉnh đoàn Cao Bằng")
    assert seed_main(["--database-url", db_url, "--reset"]) == 2
    captured = capsys.readouterr()
    assert "không khớp" in captured.err
    assert rows(db_url) == before


def test_reset_with_the_office_name_typed_empties_the_database_and_says_what_it_deleted(
    db_url, tmp_path, monkeypatch, capsys
):
    offices.build(db_url, tmp_path)
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "  tỉnh ĐOÀN hà giang ")
    capsys.readouterr()
    assert seed_main(["--database-url", db_url, "--reset"]) == 0
    assert "Tỉnh đoàn Hà Giang" in asked[0] and "5 cán bộ" in asked[0]
    out = capsys.readouterr().out
    assert out.startswith("Đã xoá: ") and "3 ban, 5 cán bộ, 6 tài khoản" in out and "8 chuyến đi" in out
    with reading(db_url) as s:
        assert office.is_empty(s)
    # The schema stays: the office can start again.
    assert new_office(db_url) == 0


def test_reset_of_the_demo_with_yes_then_a_new_office(demo_url, capsys):
    assert seed_main(["--database-url", demo_url, "--reset", "--yes"]) == 0
    assert "116 cán bộ" in capsys.readouterr().out
    assert new_office(demo_url) == 0
    with reading(demo_url) as s:
        assert not office.holds_demo(s)
        assert s.scalar(select(func.count()).select_from(Trip)) == 0


def test_reset_without_a_terminal_deletes_nothing(demo_url, capsys):
    before = rows(demo_url)
    assert seed_main(["--database-url", demo_url, "--reset"]) == 2  # stdin is not a terminal here
    assert rows(demo_url) == before


def test_reset_of_data_without_an_office_name_needs_yes(db_url, capsys):
    with writing(db_url) as s:
        s.add(Ban(code="X", name="Ban X"))
    assert seed_main(["--database-url", db_url, "--reset"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert seed_main(["--database-url", db_url, "--reset", "--yes"]) == 0
    assert "1 ban" in capsys.readouterr().out


def test_every_message_of_the_office_commands_reads_in_both_languages():
    for key in ("office.error.demo", "office.error.not_empty"):
        vi, en = t(key, "vi", found="x"), t(key, "en", found="x")
        assert "--reset" in vi and "--reset" in en and vi != en
