"""/admin through app.py (AppTest): the roster import with its preview, accounts, the first-login
password change, policy, backup and the audit log."""

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from core.i18n import t
from db.models import Account, Cadre
from db.session import ROOT, reading, writing
from tests import offices
from ui.text import md

CSV = (
    "Mã cán bộ,Họ và tên,Mã ban,Chức vụ,Thuộc đối tượng 1+2 (Có/Không)\n"
    "MOI01,Hoàng Văn Mới,TC,Chuyên viên,Có\n"
).encode("utf-8-sig")


def count(url, model):
    with reading(url) as s:
        return s.scalar(select(func.count()).select_from(model))


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_admin_page_has_the_seven_sections(app_as):
    at = app_as("quantri", page="admin")
    assert not at.exception
    assert at.segmented_control(key="section").options == [
        t(f"admin.tab.{k}", "vi")
        for k in (
            "import",
            "roster",
            "trips",
            "trip_fix",
            "accounts",
            "policy",
            "backup",
            "audit",
            "mail",
            "places",
        )
    ]


@pytest.fixture
def office_admin(db_url, tmp_path, monkeypatch):
    """/admin of a real office (its roster imports; the demo's is refused), its admin logged in
    with the one-time password already changed."""
    offices.build(db_url, tmp_path, trips=False)
    with writing(db_url) as s:
        s.scalar(select(Account).where(Account.username == offices.ADMIN)).must_change_password = False
    monkeypatch.delenv("DICOSO_DEMO", raising=False)
    monkeypatch.setenv("DICOSO_COOKIE_KEY", "k3Y-9fQ2xW_7rTzP1vLmN8bC4dHsJ6gA0eUoRiYtXq5Vn2Mw")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = offices.ADMIN
    at.session_state["name"] = offices.ADMIN
    at.session_state["roles"] = ["admin"]
    at.session_state["logout"] = False
    at.switch_page("app_pages/admin.py")
    at.run()
    return at


def test_roster_upload_shows_a_preview_and_writes_only_after_confirming(office_admin, db_url):
    at = office_admin
    cadres = count(db_url, Cadre)
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", CSV, "text/csv")).run()
    assert not at.exception
    assert any("Thêm 1 cán bộ" in i.value for i in at.info)
    assert at.checkbox(key="deactivate_missing")  # the five cadres of the roster are not in this file
    assert count(db_url, Cadre) == cadres
    button(at, t("roster.confirm", "vi")).click().run()
    assert not at.exception
    assert count(db_url, Cadre) == cadres + 1
    assert any("thêm 1" in s.value for s in at.success)
    passwords = next(d.value for d in at.dataframe if t("login.password", "vi") in d.value.columns)
    assert list(passwords[t("login.username", "vi")]) == ["moi01"]


def test_a_roster_upload_into_the_demo_is_refused_naming_the_commands_that_leave_it(app_as, demo_url):
    at = app_as("quantri", page="admin")
    cadres = count(demo_url, Cadre)
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", CSV, "text/csv")).run()
    problems = next(d.value for d in at.dataframe if t("roster.problem", "vi") in d.value.columns)
    assert "--new-office" in problems.iloc[0, 0] and "--reset" in problems.iloc[0, 0]
    assert t("roster.confirm", "vi") not in [b.label for b in at.button]
    assert count(demo_url, Cadre) == cadres


def test_a_bad_roster_file_lists_its_errors_and_offers_no_confirm(office_admin):
    at = office_admin
    bad = CSV.replace(b",TC,", b",XX,")
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", bad, "text/csv")).run()
    assert "chưa có gì được ghi" in at.error[0].value
    problems = next(d.value for d in at.dataframe if t("roster.problem", "vi") in d.value.columns)
    assert list(problems.iloc[:, 0]) == [
        'Dòng 2 — Mã ban: không có ban nào mã hoặc tên là "XX". Ghi mã ban (một trong: PT, TC, VP) hoặc '
        'đúng tên ban; ban mới thì thêm vào trang tính "Ban" của tệp.'
    ]
    assert t("roster.confirm", "vi") not in [b.label for b in at.button]


def password_hash(url, username):
    with reading(url) as s:
        return s.scalar(select(Account.password_hash).where(Account.username == username))


def test_reset_password_asks_first_then_shows_the_one_time_password_once(app_as, demo_url):
    at = app_as("quantri", page="admin", query={"tab": "accounts"})
    at.selectbox(key="account_pick").select_index(0).run()
    picker = at.selectbox(key="account_pick")
    username = picker.options[picker.index].split(" — ")[0]
    before = password_hash(demo_url, username)
    at.button(key="password_reset").click().run()
    # One click only asks: what the reset does, and nothing changed yet.
    assert [w.value for w in at.warning] == [t("accounts.reset_confirm", "vi", username=username)]
    assert password_hash(demo_url, username) == before
    at.button(key="password_reset_no").click().run()  # changed their mind
    assert not at.warning and password_hash(demo_url, username) == before
    at.button(key="password_reset").click().run()
    at.button(key="password_reset_yes").click().run()
    assert any("Mật khẩu dùng một lần" in w.value for w in at.warning)
    assert password_hash(demo_url, username) != before
    at.run()
    assert not any("Mật khẩu dùng một lần" in w.value for w in at.warning)
    assert not at.warning  # and the confirmation is not asked again


def test_a_one_time_password_must_be_changed_before_any_page(app_as, demo_url):
    with writing(demo_url) as s:
        s.scalar(select(Account).where(Account.username == "canbo")).must_change_password = True
    at = app_as("canbo", page="visits")
    assert not at.title  # no page runs
    assert [w.label for w in at.text_input] == [
        t(f"accounts.{k}", "vi") for k in ("current_password", "new_password", "repeat_password")
    ]
    at.text_input[0].input("cosodemo")
    at.text_input[1].input("mat-khau-moi-2018")
    at.text_input[2].input("mat-khau-khac")
    at.button[0].click().run()
    assert "không khớp" in at.error[0].value
    at.text_input[2].input("mat-khau-moi-2018")
    at.button[0].click().run()
    assert [el.value for el in at.title] == [t("visits.title", "vi")]


def test_policy_form_saves_the_years_target_and_content_type_names(app_as, demo_url):
    at = app_as("quantri", page="admin", query={"tab": "policy"})
    at.selectbox(key="policy_year").select(2018).run()
    target = next(n for n in at.number_input if n.label == t("policy.target_days", "vi"))
    target.set_value(45)
    label = t("policy.label_vi", "vi", name=t("content.thematic", "vi"))
    labels = [w.label for w in at.text_input]
    assert t("policy.label_en", "vi", name=t("content.thematic", "vi")) in labels
    assert not [x for x in labels if t("content.thematic", "en") in x]  # no English on a Vietnamese screen
    next(w for w in at.text_input if w.label == label).set_value("Khảo sát chuyên đề")
    next(b for b in at.button if b.label == t("common.save", "vi") and "policy" in b.form_id).click().run()
    assert any("Đã lưu quy định năm 2018" in s.value for s in at.success)
    from core import policy

    with reading(demo_url) as s:
        saved = policy.for_year(s, 2018)
    assert saved.target_days == 45 and saved.content_label("thematic", "vi") == "Khảo sát chuyên đề"
    again = app_as(
        "quantri", page="admin", query={"tab": "policy"}
    )  # a new session: the form shows the stored name
    again.selectbox(key="policy_year").select(2018).run()
    assert next(w for w in again.text_input if w.label == label).value == "Khảo sát chuyên đề"


def test_audit_log_filters_by_person(app_as):
    at = app_as("quantri", page="admin", query={"tab": "accounts"})
    at.selectbox(key="account_pick").select_index(0).run()
    at.button(key="password_reset").click().run()
    at.button(key="password_reset_yes").click().run()  # the reset, once confirmed
    at.segmented_control(key="section").set_value("audit").run()
    at.selectbox(key="audit_who").select("quantri").run()
    log = next(d.value for d in at.dataframe if t("audit.action", "vi") in d.value.columns)
    assert list(log[t("audit.action", "vi")]) == ["reset_password"]


def test_each_uploader_states_the_cap_the_server_checks_and_the_global_cap_is_the_largest(app_as):
    import tomllib

    from core import backup
    from core.roster_import.reading import MAX_BYTES
    from tests.conftest import ROOT
    from ui import uploads

    assert (uploads.ROSTER.max_bytes, uploads.BACKUP.max_bytes) == (MAX_BYTES, backup.MAX_BYTES)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == uploads.LARGEST_MB == max(k.max_mb for k in uploads.KINDS)
    at = app_as("quantri", page="admin")
    roster_widget = at.file_uploader(key="roster_file_0")
    assert roster_widget.proto.max_upload_size_mb == uploads.ROSTER.max_mb == 5
    assert "5 MB" in roster_widget.label
    at.segmented_control(key="section").set_value("backup").run()
    backup_widget = at.file_uploader(key="backup_check")
    assert backup_widget.proto.max_upload_size_mb == uploads.BACKUP.max_mb == 200
    assert "200 MB" in backup_widget.label


def test_a_roster_over_its_cap_is_refused_on_the_server_unread(app_as, monkeypatch):
    from core import roster_import
    from ui import uploads

    def read(*args):
        raise AssertionError("a file over the cap was read")

    monkeypatch.setattr(roster_import, "read_file", read)
    at = app_as("quantri", page="admin")
    too_big = CSV + b"x" * (uploads.ROSTER.max_bytes + 1 - len(CSV))  # the browser's check skipped
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", too_big, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("upload.too_big", "vi", name=md("ds.csv"), limit=5)]
    assert t("roster.confirm", "vi") not in [b.label for b in at.button]


def test_a_roster_file_is_read_once_not_at_every_rerun(office_admin, db_url, monkeypatch):
    from core import roster_import

    calls = []
    real = roster_import.read_file
    monkeypatch.setattr(roster_import, "read_file", lambda *a: calls.append(a[1:]) or real(*a))
    at = office_admin
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", CSV, "text/csv")).run()
    at.checkbox(key="deactivate_missing").check().run()
    at.run()
    assert calls == [("ds.csv",)]
    bad = CSV.replace(b",TC,", b",XX,")
    at.file_uploader(key="roster_file_0").set_value(("ds2.csv", bad, "text/csv")).run()
    at.run()
    assert calls == [("ds.csv",), ("ds2.csv",)] and "chưa có gì được ghi" in at.error[0].value
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", CSV, "text/csv")).run()
    cadres = count(db_url, Cadre)
    button(at, t("roster.confirm", "vi")).click().run()
    assert count(db_url, Cadre) == cadres + 1
    assert len(calls) == 3  # the confirmed import applies the file as read for its preview


# The one-file backup and its check are SQLite's (a PostgreSQL office backs up with pg_dump).
@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_backup_is_checked_once_and_one_over_the_cap_is_refused(app_as, tmp_path, monkeypatch):
    from core import backup
    from core.permissions import Actor
    from db.session import reading as read_db
    from ui import uploads

    admin = Actor(0, "quantri", "Quản trị", frozenset({"admin"}))
    with read_db() as s:
        content = backup.database_file(s, admin)
    checks = []
    real = backup.check_backup
    monkeypatch.setattr(backup, "check_backup", lambda f: checks.append(1) or real(f))
    at = app_as("quantri", page="admin", query={"tab": "backup"})
    at.file_uploader(key="backup_check").set_value(("dicoso.db", content, "application/octet-stream")).run()
    assert any("Tệp sao lưu dùng được" in s.value for s in at.success)
    at.run()
    assert checks == [1] and any("Tệp sao lưu dùng được" in s.value for s in at.success)
    too_big = content + b"\x00" * (uploads.BACKUP.max_bytes + 1 - len(content))
    at.file_uploader(key="backup_check").set_value(("big.db", too_big, "application/octet-stream")).run()
    assert [e.value for e in at.error] == [t("upload.too_big", "vi", name=md("big.db"), limit=200)]
    assert checks == [1]


def test_a_roster_workbook_with_a_bans_sheet_shows_its_bans_in_the_preview(office_admin, db_url):
    from db.models import Ban
    from tests.core.test_roster_bans import workbook

    rows = [
        (code, name, ban, position, "Có", user, role)
        for code, name, ban, position, user, role in offices.CADRES
    ]
    rows.append(("HG006", "Đỗ Văn Nam", "DN", "Chuyên viên", "Có", "", ""))
    bans = [*offices.BANS[:2], ("PT", "Ban Phong trào Thanh niên", 3), ("DN", "Ban Đoàn kết tập hợp", 4)]
    at = office_admin
    at.file_uploader(key="roster_file_0").set_value(
        ("ds.xlsx", workbook(rows, bans), "application/octet-stream")
    ).run()
    assert not at.exception and not at.error
    labels = [e.label for e in at.expander]
    assert t("roster.preview.bans_added", "vi", count=1) in labels
    assert t("roster.preview.bans_renamed", "vi", count=1) in labels
    added = next(
        d.value
        for d in at.dataframe
        if list(d.value.columns) == [t("roster.col.ban_code", "vi"), t("admin.ban_name", "vi")]
    )
    assert added.values.tolist() == [["DN", "Ban Đoàn kết tập hợp"]]
    button(at, t("roster.confirm", "vi")).click().run()
    assert not at.exception
    with reading(db_url) as s:
        names = dict(s.execute(select(Ban.code, Ban.name)).all())
    assert names["DN"] == "Ban Đoàn kết tập hợp" and names["PT"] == "Ban Phong trào Thanh niên"
    assert any("Ban: thêm 1, đổi tên hoặc thứ tự 1." in s.value and "thêm 1" in s.value for s in at.success)
