"""/admin through app.py (AppTest): the roster import with its preview, accounts, the first-login
password change, policy, backup and the audit log."""

from sqlalchemy import func, select

from core.i18n import t
from db.models import Account, Cadre
from db.session import reading, writing

CSV = ("Mã cán bộ,Họ và tên,Mã ban,Chức vụ,Thuộc đối tượng 1+2 (Có/Không)\n"
       "MOI01,Hoàng Văn Mới,TC,Chuyên viên,Có\n").encode("utf-8-sig")


def count(url, model):
    with reading(url) as s:
        return s.scalar(select(func.count()).select_from(model))


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_admin_page_has_the_seven_sections(app_as):
    at = app_as("quantri", page="admin")
    assert not at.exception
    assert at.segmented_control(key="section").options == [t(f"admin.tab.{k}", "vi") for k in
                                             ("import", "roster", "accounts", "policy", "backup", "audit", "mail")]


def test_roster_upload_shows_a_preview_and_writes_only_after_confirming(app_as, demo_url):
    at = app_as("quantri", page="admin")
    cadres = count(demo_url, Cadre)
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", CSV, "text/csv")).run()
    assert not at.exception
    assert any("Thêm 1 cán bộ" in i.value for i in at.info)
    assert at.checkbox(key="deactivate_missing")  # 111 + staff are not in this file
    assert count(demo_url, Cadre) == cadres
    button(at, t("roster.confirm", "vi")).click().run()
    assert not at.exception
    assert count(demo_url, Cadre) == cadres + 1
    assert any("thêm 1" in s.value for s in at.success)
    passwords = next(d.value for d in at.dataframe if t("login.password", "vi") in d.value.columns)
    assert list(passwords[t("login.username", "vi")]) == ["moi01"]


def test_a_bad_roster_file_lists_its_errors_and_offers_no_confirm(app_as, demo_url):
    at = app_as("quantri", page="admin")
    bad = CSV.replace(b",TC,", b",XX,")
    at.file_uploader(key="roster_file_0").set_value(("ds.csv", bad, "text/csv")).run()
    assert "chưa có gì được ghi" in at.error[0].value
    problems = next(d.value for d in at.dataframe if t("roster.problem", "vi") in d.value.columns)
    assert list(problems.iloc[:, 0]) == [
        'Dòng 2 — Mã ban: không có ban mã "XX". Tạo ban ở thẻ "Ban và cán bộ" trước.']
    assert t("roster.confirm", "vi") not in [b.label for b in at.button]


def test_reset_password_shows_the_one_time_password_once(app_as):
    at = app_as("quantri", page="admin", query={"tab": "accounts"})
    at.selectbox(key="account_pick").select_index(0).run()
    button(at, t("accounts.reset", "vi")).click().run()
    assert any("Mật khẩu dùng một lần" in w.value for w in at.warning)
    at.run()
    assert not any("Mật khẩu dùng một lần" in w.value for w in at.warning)


def test_a_one_time_password_must_be_changed_before_any_page(app_as, demo_url):
    with writing(demo_url) as s:
        s.scalar(select(Account).where(Account.username == "canbo")).must_change_password = True
    at = app_as("canbo", page="visits")
    assert not at.title  # no page runs
    assert [w.label for w in at.text_input] == [t(f"accounts.{k}", "vi") for k in
                                               ("current_password", "new_password", "repeat_password")]
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
    label = f"{t('content.thematic', 'vi')} (vi)"
    next(w for w in at.text_input if w.label == label).set_value("Khảo sát chuyên đề")
    next(b for b in at.button if b.label == t("common.save", "vi") and "policy" in b.form_id).click().run()
    assert any("Đã lưu quy định năm 2018" in s.value for s in at.success)
    from core import policy
    with reading(demo_url) as s:
        saved = policy.for_year(s, 2018)
    assert saved.target_days == 45 and saved.content_label("thematic", "vi") == "Khảo sát chuyên đề"
    again = app_as("quantri", page="admin", query={"tab": "policy"})  # a new session: the form shows the stored name
    again.selectbox(key="policy_year").select(2018).run()
    assert next(w for w in again.text_input if w.label == label).value == "Khảo sát chuyên đề"


def test_audit_log_filters_by_person(app_as):
    at = app_as("quantri", page="admin", query={"tab": "accounts"})
    at.selectbox(key="account_pick").select_index(0).run()
    button(at, t("accounts.reset", "vi")).click().run()
    at.segmented_control(key="section").set_value("audit").run()
    at.selectbox(key="audit_who").select("quantri").run()
    log = next(d.value for d in at.dataframe if t("audit.action", "vi") in d.value.columns)
    assert list(log[t("audit.action", "vi")]) == ["reset_password"]
