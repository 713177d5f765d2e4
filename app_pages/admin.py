"""/admin — roster import, bans and cadres, accounts, the yearly policy, backups, the audit log."""

import datetime as dt
import json

import pandas as pd
import streamlit as st

from core import accounts, audit, backup, formatting, policy, roster, roster_import, submissions
from core.errors import DomainError
from core.exports.spreadsheet import csv_bytes
from core.i18n import t
from db.models import CONTENT_TYPES, COUNTING_RULES, ROLES, Base
from db.session import reading, writing
from ui.widgets import DATE_FORMAT, actor, built_when_clicked, show_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
me = actor()
st.title(t("admin.title"))

with reading() as session:
    bans = roster.bans(session, include_inactive=True)
    cadres = roster.cadres(session, me)
st.caption(t("admin.summary", bans=sum(b.active for b in bans), cadres=sum(c.active for c in cadres),
             subject=sum(1 for c in cadres if c.active and c.subject_to_rule)))


def flash(key: str, message: str) -> None:
    """A message shown once, after the rerun that follows a write."""
    st.session_state[f"flash_{key}"] = message


def show_flash(key: str) -> None:
    if f"flash_{key}" in st.session_state:
        st.success(st.session_state.pop(f"flash_{key}"))


def one_time_passwords(new_accounts) -> None:
    st.warning(t("roster.passwords"))
    frame = pd.DataFrame({t("login.username"): [a.username for a in new_accounts],
                          t("common.name"): [a.full_name for a in new_accounts],
                          t("login.password"): [a.password for a in new_accounts]})
    st.dataframe(frame, hide_index=True)
    st.download_button(t("roster.passwords_csv"), csv_bytes(frame), file_name="mat-khau-mot-lan.csv",
                       mime="text/csv", key="otp_csv")


def save(section: str, message: str, action, after=None) -> None:
    """`action(session)` in one transaction; then say so once and redraw, or say why not."""
    try:
        with writing() as session:
            result = action(session)
    except DomainError as exc:
        show_error(exc)
        return
    if after:
        after(result)
    if message:
        flash(section, message)
    st.rerun()


tab_import, tab_roster, tab_accounts, tab_policy, tab_backup, tab_audit = st.tabs(
    [t(f"admin.tab.{k}") for k in ("import", "roster", "accounts", "policy", "backup", "audit")])

# --- Roster import ------------------------------------------------------------------------------
with tab_import:
    st.caption(t("roster.intro"))
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("roster.template_xlsx"), roster_import.template_xlsx(), file_name="mau-danh-sach-can-bo.xlsx",
                       mime=XLSX, key="tpl_xlsx")
    c2.download_button(t("roster.template_csv"), roster_import.template_csv(), file_name="mau-danh-sach-can-bo.csv",
                       mime="text/csv", key="tpl_csv")
    c3.download_button(t("roster.current_xlsx"), built_when_clicked(lambda s: roster_import.template_xlsx(
        roster_import.current_roster(s, me))), file_name="danh-sach-can-bo.xlsx", mime=XLSX, key="cur_xlsx")
    # A new key after each import clears the file from the uploader.
    upload = st.file_uploader(t("roster.upload"), type=["xlsx", "csv"],
                              key=f"roster_file_{st.session_state.get('imports', 0)}")
    show_flash("import")
    if "import_result" in st.session_state:
        one_time_passwords(st.session_state["import_result"].accounts)
    if upload is not None:
        content = upload.getvalue()
        try:
            with reading() as session:
                plan = roster_import.preview(session, me, content, upload.name)
        except DomainError as exc:
            problems = exc.messages()
            st.error(t("roster.errors", count=len(problems)))
            st.dataframe(pd.DataFrame({t("roster.problem"): problems}), hide_index=True)
        else:
            st.subheader(t("roster.preview"))
            st.info(t("roster.preview.summary", added=len(plan.added), changed=len(plan.changed),
                      unchanged=plan.unchanged, missing=len(plan.missing)))
            if plan.added:
                with st.expander(t("roster.preview.added", count=len(plan.added)), expanded=True):
                    st.dataframe(pd.DataFrame({
                        t("roster.col.code"): [r.code for r in plan.added],
                        t("roster.col.full_name"): [r.cadre.full_name for r in plan.added],
                        t("roster.col.ban_code"): [r.cadre.ban_code for r in plan.added],
                        t("roster.col.position"): [r.cadre.position for r in plan.added],
                        t("roster.col.username"): [r.username or r.code.lower() for r in plan.added],
                    }), hide_index=True)
            if plan.changed:
                with st.expander(t("roster.preview.changed", count=len(plan.changed)), expanded=True):
                    st.dataframe(pd.DataFrame({
                        t("roster.col.code"): [c.code for c in plan.changed],
                        t("roster.col.full_name"): [c.full_name for c in plan.changed],
                        t("roster.preview.fields"): [", ".join(t(f) for f in c.fields) for c in plan.changed],
                    }), hide_index=True)
            deactivate = False
            if plan.missing:
                with st.expander(t("roster.preview.missing", count=len(plan.missing))):
                    st.dataframe(pd.DataFrame({t("roster.col.code"): [c for c, _ in plan.missing],
                                               t("roster.col.full_name"): [n for _, n in plan.missing]}),
                                 hide_index=True)
                deactivate = st.checkbox(t("roster.deactivate_missing", count=len(plan.missing)), key="deactivate_missing")
            submission = st.session_state.setdefault("roster_submission", submissions.new_id())
            if st.button(t("roster.confirm"), type="primary", key="roster_confirm"):
                try:
                    with writing() as session:
                        result = roster_import.apply(session, me, content, upload.name, deactivate, submission)
                except DomainError as exc:
                    show_error(exc)
                else:
                    del st.session_state["roster_submission"]
                    flash("import", t("roster.repeated") if result.repeated else t(
                        "roster.done", added=result.added, changed=result.changed,
                        unchanged=result.unchanged, deactivated=result.deactivated))
                    if result.accounts:
                        st.session_state["import_result"] = result
                    else:
                        st.session_state.pop("import_result", None)
                    st.session_state["imports"] = st.session_state.get("imports", 0) + 1
                    st.rerun()

# --- Bans and cadres ----------------------------------------------------------------------------
with tab_roster:
    show_flash("roster")
    st.subheader(t("admin.bans"))
    st.dataframe(pd.DataFrame({
        t("common.code"): [b.code for b in bans],
        t("common.ban"): [b.name for b in bans],
        t("admin.cadres_count"): [b.cadres for b in bans],
        t("common.active"): [b.active for b in bans],
    }), hide_index=True)
    ban_by_id = {b.id: b for b in bans}
    ban_choice = st.selectbox(t("admin.pick_ban"), [None] + list(ban_by_id), key="ban_pick",
                              format_func=lambda i: t("admin.new") if i is None else f"{ban_by_id[i].code} — {ban_by_id[i].name}")
    chosen_ban = ban_by_id.get(ban_choice)
    with st.form(f"ban_form_{ban_choice}"):
        code = st.text_input(t("roster.col.ban_code"), value=chosen_ban.code if chosen_ban else "")
        name = st.text_input(t("admin.ban_name"), value=chosen_ban.name if chosen_ban else "")
        order = st.number_input(t("admin.sort_order"), value=(bans.index(chosen_ban) + 1) * 10 if chosen_ban
                                else (len(bans) + 1) * 10, step=10)
        if st.form_submit_button(t("common.save")):
            save("roster", t("common.saved"), lambda s: roster.save_ban(s, me, code, name, int(order), ban_choice))
    if chosen_ban and st.button(t("admin.deactivate") if chosen_ban.active else t("admin.activate"), key="ban_toggle"):
        save("roster", t("admin.activated") if not chosen_ban.active else t("admin.deactivated"),
             lambda s: roster.set_ban_active(s, me, chosen_ban.id, not chosen_ban.active))

    st.subheader(t("admin.cadres"))
    show_all = st.toggle(t("admin.show_inactive"), key="show_inactive")
    listed = [c for c in cadres if show_all or c.active]
    st.dataframe(pd.DataFrame({
        t("common.code"): [c.code for c in listed],
        t("common.name"): [c.full_name for c in listed],
        t("common.ban"): [c.ban_name for c in listed],
        t("common.position"): [c.position for c in listed],
        t("common.subject_to_rule"): [c.subject_to_rule for c in listed],
        t("common.active"): [c.active for c in listed],
        t("admin.joined"): [formatting.date(c.joined_on) for c in listed],
        t("admin.left"): [formatting.date(c.left_on) for c in listed],
    }), hide_index=True)
    cadre_by_id = {c.id: c for c in cadres}
    cadre_choice = st.selectbox(t("admin.pick_cadre"), [None] + [c.id for c in listed], key="cadre_pick",
                                format_func=lambda i: t("admin.new") if i is None else
                                f"{cadre_by_id[i].code} — {cadre_by_id[i].full_name}")
    chosen = cadre_by_id.get(cadre_choice)
    with reading() as session:
        now = roster.cadre_input(session, me, cadre_choice) if cadre_choice else roster.CadreInput("", "", "")
    active_codes = [b.code for b in bans if b.active]
    with st.form(f"cadre_form_{cadre_choice}"):
        left, right = st.columns(2)
        data = roster.CadreInput(
            code=left.text_input(t("roster.col.code"), value=now.code),
            full_name=right.text_input(t("roster.col.full_name"), value=now.full_name),
            ban_code=left.selectbox(t("roster.col.ban_code"), active_codes,
                                    index=active_codes.index(now.ban_code) if now.ban_code in active_codes else 0),
            position=right.text_input(t("roster.col.position"), value=now.position),
            subject=left.checkbox(t("roster.col.subject"), value=now.subject),
            joined_on=left.date_input(t("roster.col.joined_on"), value=now.joined_on,
                                      format=DATE_FORMAT, min_value=dt.date(1970, 1, 1)),
            left_on=right.date_input(t("roster.col.left_on"), value=now.left_on,
                                     format=DATE_FORMAT, min_value=dt.date(1970, 1, 1)),
            email=left.text_input(t("roster.col.email"), value=now.email),
            phone=right.text_input(t("roster.col.phone"), value=now.phone),
        )
        if st.form_submit_button(t("common.save")):
            save("roster", t("common.saved"), lambda s: roster.save_cadre(s, me, data, cadre_choice))
    if chosen and st.button(t("admin.deactivate") if chosen.active else t("admin.activate"), key="cadre_toggle"):
        save("roster", t("admin.activated") if not chosen.active else t("admin.deactivated"),
             lambda s: roster.set_cadre_active(s, me, chosen.id, not chosen.active))

# --- Accounts -----------------------------------------------------------------------------------
with tab_accounts:
    show_flash("accounts")
    if "otp" in st.session_state:
        st.warning(t("accounts.one_time", **st.session_state.pop("otp")))

    def show_once(new) -> None:
        st.session_state["otp"] = {"username": new.username, "password": new.password}
    with reading() as session:
        account_rows = accounts.list_accounts(session, me)
    st.dataframe(pd.DataFrame({
        t("login.username"): [a.username for a in account_rows],
        t("accounts.display_name"): [a.display_name for a in account_rows],
        t("accounts.cadre"): [a.cadre_code or "" for a in account_rows],
        t("accounts.roles"): [", ".join(t(f"role.{r}") for r in a.roles) for a in account_rows],
        t("common.active"): [a.active for a in account_rows],
        t("accounts.must_change"): [a.must_change_password for a in account_rows],
        t("accounts.locked"): [a.locked for a in account_rows],
    }), hide_index=True)
    account_by_id = {a.id: a for a in account_rows}
    pick = st.selectbox(t("accounts.pick"), list(account_by_id), key="account_pick",
                        format_func=lambda i: f"{account_by_id[i].username} — {account_by_id[i].display_name}")
    if pick is not None:
        chosen_account = account_by_id[pick]
        roles = st.multiselect(t("accounts.roles"), ROLES, default=list(chosen_account.roles),
                               format_func=lambda r: t(f"role.{r}"), key=f"roles_{pick}")
        b1, b2, b3 = st.columns(3)
        if b1.button(t("accounts.save_roles"), key="roles_save"):
            save("accounts", t("common.saved"), lambda s: accounts.set_roles(s, me, pick, tuple(roles)))
        if b2.button(t("accounts.reset"), key="password_reset"):
            save("accounts", "", lambda s: accounts.reset_password(s, me, pick), after=show_once)
        if b3.button(t("admin.deactivate") if chosen_account.active else t("admin.activate"), key="account_toggle"):
            save("accounts", t("admin.activated") if not chosen_account.active else t("admin.deactivated"),
                 lambda s: accounts.set_account_active(s, me, pick, not chosen_account.active))

    st.subheader(t("accounts.new"))
    linked = {a.cadre_code for a in account_rows}
    free = {c.id: c for c in cadres if c.active and c.code not in linked}
    with st.form("account_new"):
        cadre_for = st.selectbox(t("accounts.cadre"), [None] + list(free), format_func=lambda i: t("accounts.no_cadre")
                                 if i is None else f"{free[i].code} — {free[i].full_name}")
        username = st.text_input(t("login.username"))
        display = st.text_input(t("accounts.display_name"))
        new_roles = st.multiselect(t("accounts.roles"), ROLES, default=["cadre"], format_func=lambda r: t(f"role.{r}"))
        if st.form_submit_button(t("accounts.new")):
            name = display or (free[cadre_for].full_name if cadre_for else username)
            save("accounts", "", lambda s: accounts.create_account(s, me, username, name, cadre_for, tuple(new_roles)),
                 after=show_once)

# --- The yearly policy --------------------------------------------------------------------------
with tab_policy:
    show_flash("policy")
    this_year = dt.date.today().year
    years = list(range(this_year + 1, 2017, -1))
    year = st.selectbox(t("policy.year"), years, index=years.index(this_year), key="policy_year")
    with reading() as session:
        current = policy.for_year(session, year)
        stored = policy.is_stored(session, year)
    st.caption(t("policy.stored" if stored else "policy.default", year=year))
    with st.form(f"policy_{year}"):
        left, right = st.columns(2)
        target_days = left.number_input(t("policy.target_days"), min_value=1, max_value=366, value=current.target_days)
        rule = right.selectbox(t("policy.counting_rule"), COUNTING_RULES, index=COUNTING_RULES.index(current.counting_rule),
                               format_func=lambda r: t(f"policy.rule.{r}"))
        window_start = left.date_input(t("policy.window_start"), value=current.counting_window.start, format=DATE_FORMAT)
        window_end = right.date_input(t("policy.window_end"), value=current.counting_window.end, format=DATE_FORMAT)
        deadline = left.number_input(t("policy.report_deadline_days"), min_value=0, max_value=365,
                                     value=current.report_deadline_days)
        cap = right.number_input(t("policy.excellent_cap_percent"), min_value=0, max_value=100,
                                 value=current.excellent_cap_percent)
        kinds = st.text_area(t("policy.exemption_kinds"), value="\n".join(current.exemption_kinds))
        st.markdown(f"**{t('policy.labels')}**")
        labels = {}
        for code in CONTENT_TYPES:
            a, b = st.columns(2)
            custom = current.custom_labels(code)
            labels[code] = {
                "vi": a.text_input(f"{t(f'content.{code}', 'vi')} (vi)", value=custom.get("vi", "")),
                "en": b.text_input(f"{t(f'content.{code}', 'en')} (en)", value=custom.get("en", "")),
            }
        if st.form_submit_button(t("common.save")):
            save("policy", t("policy.saved", year=year), lambda s: policy.save(s, me, policy.YearPolicy(
                year, int(target_days), rule, policy.counting_window(year, window_start, window_end),
                int(deadline), tuple(kinds.splitlines()), labels, int(cap))))

    st.subheader(t("policy.exemptions"))
    with reading() as session:
        recorded = policy.exemptions(session, me, year)
    if recorded:
        st.dataframe(pd.DataFrame({
            t("common.name"): [e.cadre_name for e in recorded],
            t("policy.exemption.kind"): [e.kind for e in recorded],
            t("policy.exemption.start"): [formatting.date(e.start) for e in recorded],
            t("policy.exemption.end"): [formatting.date(e.end) for e in recorded],
            t("policy.exemption.note"): [e.note for e in recorded],
        }), hide_index=True)
    active = {c.id: c for c in cadres if c.active}
    with st.form("exemption_new"):
        st.markdown(f"**{t('policy.exemption.add')}**")
        who = st.selectbox(t("common.cadre"), list(active), format_func=lambda i: f"{active[i].code} — {active[i].full_name}")
        kind = st.selectbox(t("policy.exemption.kind"), current.exemption_kinds)
        left, right = st.columns(2)
        start = left.date_input(t("policy.exemption.start"), value=None, format=DATE_FORMAT)
        end = right.date_input(t("policy.exemption.end"), value=None, format=DATE_FORMAT)
        note = st.text_input(t("policy.exemption.note"))
        if st.form_submit_button(t("policy.exemption.add")):
            save("policy", t("policy.exemption.saved"),
                 lambda s: policy.add_exemption(s, me, who, kind, start, end, note))

# --- Backup -------------------------------------------------------------------------------------
with tab_backup:
    st.caption(t("backup.intro"))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    left, right = st.columns(2)
    with reading() as session:
        one_file = backup.sqlite_path(session) is not None
    if one_file:
        left.download_button(t("backup.db"), built_when_clicked(lambda s: backup.database_file(s, me)),
                             file_name=f"dicoso-{stamp}.db", mime="application/vnd.sqlite3", key="backup_db")
    else:
        left.caption(t("backup.error.not_sqlite"))
    right.download_button(t("backup.xlsx"), built_when_clicked(lambda s: backup.workbook(s, me)),
                          file_name=f"dicoso-{stamp}.xlsx", mime=XLSX, key="backup_xlsx")
    checked = st.file_uploader(t("backup.check"), key="backup_check", max_upload_size=200)
    if checked is not None:
        result = backup.check_backup(checked.getvalue())
        if result.ok:
            st.success(t("backup.check.ok", tables=result.tables, rows=result.rows))
        for problem in result.problems:
            st.error(t(problem))

# --- Audit log ----------------------------------------------------------------------------------
with tab_audit:
    with reading() as session:
        people = audit.actors(session)
    tables = sorted(table.name for table in Base.metadata.sorted_tables)
    c1, c2, c3, c4 = st.columns(4)
    who = c1.selectbox(t("audit.who"), [""] + people, format_func=lambda v: v or t("audit.all"), key="audit_who")
    table = c2.selectbox(t("audit.table"), [""] + tables, format_func=lambda v: v or t("audit.all"), key="audit_table")
    since = c3.date_input(t("period.from"), value=None, format=DATE_FORMAT, key="audit_from")
    until = c4.date_input(t("period.to"), value=None, format=DATE_FORMAT, key="audit_to")
    page_size = 100
    page_no = st.number_input(t("audit.page"), min_value=1, value=1, step=1, key="audit_page")
    with reading() as session:
        entries, total = audit.search(session, me, audit.AuditFilter(who, table, since, until),
                                      limit=page_size, offset=(page_no - 1) * page_size)
    first = (page_no - 1) * page_size + 1 if entries else 0
    st.caption(t("audit.count", total=total, first=first, last=first + len(entries) - 1 if entries else 0))
    st.dataframe(pd.DataFrame({
        t("audit.at"): [e.at.strftime("%d/%m/%Y %H:%M:%S") for e in entries],
        t("audit.who"): [e.actor for e in entries],
        t("audit.action"): [e.action for e in entries],
        t("audit.table"): [e.table_name for e in entries],
        t("audit.row"): [e.row_id for e in entries],
        t("audit.change"): [json.dumps(e.after if e.after is not None else e.before, ensure_ascii=False)[:300]
                            for e in entries],
    }), hide_index=True)
