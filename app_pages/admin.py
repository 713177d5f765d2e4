"""/admin — roster import, bans and cadres, accounts, the yearly policy, backups, the audit log."""

import datetime as dt
import json

import streamlit as st

from core import (
    accounts,
    audit,
    backup,
    exemption_kinds,
    formatting,
    policy,
    reminders,
    roster,
    roster_import,
    trips_import,
)
from core.errors import DomainError, ValidationError
from core.exports.spreadsheet import csv_bytes
from core.i18n import language, t
from core.vocabulary import CONTENT_TYPES, COUNTING_RULES, ROLES, Role
from ui import admin_trips, data, place_mapping, uploads
from ui.day_field import day_field, day_pair
from ui.forms import form, save, show_flash
from ui.funding import budget_editor
from ui.text import error_text, md, tm
from ui.todo import todo_list
from ui.widgets import actor, built_when_clicked, download, frame, section_picker, table

IMPORTED = "_roster_imported"  # the last import's result: its one-time passwords stay on screen
RESET_ASKED = "_password_reset_asked"  # the account whose password reset waits for its confirmation

me = actor()
st.title(t("admin.title"))
todo_list(me)

bans = data.read(roster.bans, True, cached=False)
cadres = data.read(roster.cadres, me, cached=False)
st.caption(
    tm(
        "admin.summary",
        bans=sum(b.active for b in bans),
        cadres=sum(c.active for c in cadres),
        subject=sum(1 for c in cadres if c.active and c.subject_to_rule),
    )
)


def one_time_passwords(new_accounts) -> None:
    st.warning(t("roster.passwords"))
    columns = {"login.username": "username", "common.name": "full_name", "login.password": "password"}
    table(new_accounts, columns)
    download(
        t("roster.passwords_csv"),
        csv_bytes(frame(new_accounts, columns)),
        "mat-khau-mot-lan.csv",
        key="otp_csv",
    )


def roster_import_section() -> None:
    st.caption(t("roster.intro"))
    c1, c2, c3 = st.columns(3)
    # The template's bans sheet holds the office's bans (a workbook's sheet "Ban" creates or renames them).
    download(
        t("roster.template_xlsx"),
        built_when_clicked(lambda s: roster_import.template_xlsx(bans=roster_import.bans_frame(s, me))),
        "mau-danh-sach-can-bo.xlsx",
        key="tpl_xlsx",
        where=c1,
    )
    download(
        t("roster.template_csv"),
        roster_import.template_csv(),
        "mau-danh-sach-can-bo.csv",
        key="tpl_csv",
        where=c2,
    )
    download(
        t("roster.current_xlsx"),
        built_when_clicked(
            lambda s: roster_import.template_xlsx(
                roster_import.current_roster(s, me), roster_import.bans_frame(s, me)
            )
        ),
        "danh-sach-can-bo.xlsx",
        key="cur_xlsx",
        where=c3,
    )
    # A new key after each import clears the file from the uploader.
    state = form("roster_file")
    upload = uploads.uploader(uploads.ROSTER, t("roster.upload"), key=f"roster_file_{state.generation}")
    show_flash("import")
    if IMPORTED in st.session_state:
        one_time_passwords(st.session_state[IMPORTED].accounts)
    if upload is None:
        return
    try:
        # Read once per file (not at every rerun); checked against the bans at each draw.
        roster_file = uploads.once(
            uploads.ROSTER, upload, lambda u: roster_import.read_file(u.getvalue(), u.name)
        )
        plan = data.read(roster_import.preview, me, roster_file, cached=False)
    except DomainError as exc:
        problems = exc.messages()
        st.error(tm("roster.errors", count=len(problems)))
        table(problems, {"roster.problem": str})
        return
    st.subheader(t("roster.preview"))
    st.info(
        tm(
            "roster.preview.summary",
            added=len(plan.added),
            changed=len(plan.changed),
            unchanged=plan.unchanged,
            missing=len(plan.missing),
        )
    )
    if plan.bans_added:
        with st.expander(tm("roster.preview.bans_added", count=len(plan.bans_added)), expanded=True):
            table(plan.bans_added, {"roster.col.ban_code": "code", "admin.ban_name": "name"})
    if plan.bans_renamed:
        with st.expander(tm("roster.preview.bans_renamed", count=len(plan.bans_renamed)), expanded=True):
            table(
                plan.bans_renamed,
                {
                    "roster.col.ban_code": lambda b: b[0].code,
                    "roster.preview.old_name": lambda b: b[1],
                    "admin.ban_name": lambda b: b[0].name,
                },
            )
    if plan.added:
        with st.expander(tm("roster.preview.added", count=len(plan.added)), expanded=True):
            table(
                plan.added,
                {
                    "roster.col.code": "code",
                    "roster.col.full_name": lambda r: r.cadre.full_name,
                    "roster.col.ban_code": lambda r: r.cadre.ban_code,
                    "roster.col.position": lambda r: r.cadre.position,
                    "roster.col.username": lambda r: r.username or r.code.lower(),
                },
            )
    if plan.changed:
        with st.expander(tm("roster.preview.changed", count=len(plan.changed)), expanded=True):
            table(
                plan.changed,
                {
                    "roster.col.code": "code",
                    "roster.col.full_name": "full_name",
                    "roster.preview.fields": lambda c: ", ".join(t(f) for f in c.fields),
                },
            )
    deactivate = False
    if plan.missing:
        with st.expander(tm("roster.preview.missing", count=len(plan.missing))):
            table(plan.missing, {"roster.col.code": lambda m: m[0], "roster.col.full_name": lambda m: m[1]})
        # Nothing happens to them unless ticked: said before the box, and what ticking does in it.
        st.info(tm("roster.missing_explained", count=len(plan.missing)))
        deactivate = st.checkbox(
            tm("roster.deactivate_missing", count=len(plan.missing)), key="deactivate_missing"
        )
    state.slot()
    if st.button(t("roster.confirm"), type="primary", key="roster_confirm"):

        def keep_passwords(result) -> None:
            if result.accounts:
                st.session_state[IMPORTED] = result
            else:
                st.session_state.pop(IMPORTED, None)

        save(
            lambda s: roster_import.apply(
                s, me, roster_file, roster_file.name, deactivate, state.submission_id
            ),
            done=lambda result: (
                t("roster.repeated")
                if result.repeated
                else (
                    tm("roster.bans_done", added=result.bans_added, renamed=result.bans_renamed) + " "
                    if result.bans_added or result.bans_renamed
                    else ""
                )
                + tm(
                    "roster.done",
                    added=result.added,
                    changed=result.changed,
                    unchanged=result.unchanged,
                    deactivated=result.deactivated,
                )
            ),
            spot="import",
            form=state,
            then=keep_passwords,
        )


def trips_import_section() -> None:
    st.caption(tm("trips_admin.intro", limit=uploads.TRIPS.max_mb))
    c1, c2 = st.columns(2)
    download(
        t("trips_admin.template_xlsx"),
        built_when_clicked(trips_import.template_xlsx),
        "mau-lich-su-chuyen-di.xlsx",
        key="trips_tpl_xlsx",
        where=c1,
    )
    download(
        t("trips_admin.template_csv"),
        trips_import.template_csv(),
        "mau-lich-su-chuyen-di.csv",
        key="trips_tpl_csv",
        where=c2,
    )
    # A new key after each import clears the file from the uploader (and what was kept of it).
    state = form("trips_file")
    upload = uploads.uploader(uploads.TRIPS, t("trips_admin.upload"), key=f"trips_file_{state.generation}")
    show_flash("trips")
    if upload is None:
        return
    limits = trips_import.Limits(max_bytes=uploads.TRIPS.max_bytes)
    try:
        # Read and checked once per file (a large history takes seconds), not at every rerun.
        plan = uploads.once(
            uploads.TRIPS,
            upload,
            lambda u: data.read(trips_import.preview, me, u.getvalue(), u.name, None, limits, cached=False),
        )
    except ValidationError as exc:  # the file's problems, by row and column
        problems = exc.messages()
        more = next((e.params["count"] for e in exc.errors if e.message == "trips_import.error.more"), 0)
        st.error(tm("trips_import.errors", count=len(problems) - bool(more) + more))
        table(problems, {"roster.problem": str})
        return
    except DomainError as exc:  # refused whatever the file (the demo's database, say)
        for message in exc.messages():
            st.error(md(message))
        return
    st.subheader(t("roster.preview"))
    st.info(
        tm(
            "trips_import.preview",
            rows=plan.rows,
            new=plan.new,
            existing=plan.existing,
            reports=plan.reports,
            proposals=plan.proposals,
        )
    )
    if plan.ignored_columns:
        st.caption(tm("trips_import.ignored", columns=", ".join(plan.ignored_columns)))
    table(
        plan.by_year_ban,
        {
            "trips_import.preview.year": lambda y: str(y.year),
            "trips_import.preview.ban": lambda y: f"{y.ban_code} — {y.ban_name}",
            "trips_import.preview.new": "new",
            "trips_import.preview.existing": "existing",
        },
    )
    if not plan.new:
        st.caption(t("trips_admin.nothing_new"))
        return
    state.slot()
    if st.button(t("trips_admin.confirm"), type="primary", key="trips_confirm"):
        content, name = upload.getvalue(), upload.name
        save(
            lambda s: trips_import.apply(s, me, content, name, state.submission_id, None, limits),
            done=lambda result: (
                t("trips_admin.repeated")
                if result.repeated
                else tm(
                    "trips_import.done",
                    added=result.added,
                    existing=result.existing,
                    reports=result.reports,
                    proposals=result.proposals,
                )
            ),
            spot="trips",
            form=state,
        )


def bans_and_cadres_section() -> None:
    show_flash("roster")
    st.subheader(t("admin.bans"))
    table(
        bans,
        {
            "common.code": "code",
            "common.ban": "name",
            "admin.cadres_count": "cadres",
            "common.active": "active",
        },
    )
    ban_by_id = {b.id: b for b in bans}
    ban_choice = st.selectbox(
        t("admin.pick_ban"),
        [None] + list(ban_by_id),
        key="ban_pick",
        format_func=lambda i: t("admin.new") if i is None else f"{ban_by_id[i].code} — {ban_by_id[i].name}",
        placeholder=t("common.choose"),
    )
    chosen_ban = ban_by_id.get(ban_choice)
    ban_form = form("ban", ban_choice or "")
    with st.form(f"ban_form_{ban_choice}"):
        code = st.text_input(t("roster.col.ban_code"), value=chosen_ban.code if chosen_ban else "")
        name = st.text_input(t("admin.ban_name"), value=chosen_ban.name if chosen_ban else "")
        order = st.number_input(
            t("admin.sort_order"),
            value=(bans.index(chosen_ban) + 1) * 10 if chosen_ban else (len(bans) + 1) * 10,
            step=10,
        )
        ban_form.slot()
        if st.form_submit_button(t("common.save")):
            save(
                lambda s: roster.save_ban(s, me, code, name, int(order), ban_choice),
                done=t("common.saved"),
                spot="roster",
                form=ban_form,
            )
    if chosen_ban and st.button(
        t("admin.deactivate") if chosen_ban.active else t("admin.activate"), key="ban_toggle"
    ):
        save(
            lambda s: roster.set_ban_active(s, me, chosen_ban.id, not chosen_ban.active),
            done=t("admin.activated") if not chosen_ban.active else t("admin.deactivated"),
            spot="roster",
        )

    st.subheader(t("admin.cadres"))
    show_all = st.toggle(t("admin.show_inactive"), key="show_inactive")
    listed = [c for c in cadres if show_all or c.active]
    table(
        listed,
        {
            "common.code": "code",
            "common.name": "full_name",
            "common.ban": "ban_name",
            "common.position": "position",
            "common.subject_to_rule": "subject_to_rule",
            "common.active": "active",
            "admin.joined": lambda c: formatting.date(c.joined_on),
            "admin.left": lambda c: formatting.date(c.left_on),
        },
    )
    cadre_by_id = {c.id: c for c in cadres}
    cadre_choice = st.selectbox(
        t("admin.pick_cadre"),
        [None] + [c.id for c in listed],
        key="cadre_pick",
        format_func=lambda i: (
            t("admin.new") if i is None else f"{cadre_by_id[i].code} — {cadre_by_id[i].full_name}"
        ),
        placeholder=t("common.choose"),
    )
    chosen = cadre_by_id.get(cadre_choice)
    now = (
        data.read(roster.cadre_input, me, cadre_choice, cached=False)
        if cadre_choice
        else roster.CadreInput("", "", "")
    )
    active_codes = [b.code for b in bans if b.active]
    cadre_form = form("cadre", cadre_choice or "")
    with st.form(f"cadre_form_{cadre_choice}"):
        left, right = st.columns(2)
        # Days typed as dd/mm/yyyy (ui.day_field): the calendar is English only.
        days = f"cadre_{cadre_choice or 'new'}_{cadre_form.generation}_"
        joined_on, left_on, bad_days = day_pair(
            cadre_form,
            ("roster.col.joined_on", "roster.col.left_on"),
            (days + "joined", days + "left"),
            (now.joined_on, now.left_on),
            columns=(left, right),
        )
        entry = roster.CadreInput(
            code=left.text_input(t("roster.col.code"), value=now.code),
            full_name=right.text_input(t("roster.col.full_name"), value=now.full_name),
            ban_code=left.selectbox(
                t("roster.col.ban_code"),
                active_codes,
                index=active_codes.index(now.ban_code) if now.ban_code in active_codes else 0,
                placeholder=t("common.choose"),
            ),
            position=right.text_input(t("roster.col.position"), value=now.position),
            subject=left.checkbox(t("roster.col.subject"), value=now.subject),
            joined_on=joined_on,
            left_on=left_on,
            email=left.text_input(t("roster.col.email"), value=now.email),
            phone=right.text_input(t("roster.col.phone"), value=now.phone),
        )
        cadre_form.slot()
        if st.form_submit_button(t("common.save")):
            if bad_days:  # nothing is written
                cadre_form.show_error(ValidationError(bad_days))
            else:
                save(
                    lambda s: roster.save_cadre(s, me, entry, cadre_choice),
                    done=t("common.saved"),
                    spot="roster",
                    form=cadre_form,
                )
    if chosen and st.button(
        t("admin.deactivate") if chosen.active else t("admin.activate"), key="cadre_toggle"
    ):
        save(
            lambda s: roster.set_cadre_active(s, me, chosen.id, not chosen.active),
            done=t("admin.activated") if not chosen.active else t("admin.deactivated"),
            spot="roster",
        )


def one_time_password(new) -> str:
    return tm("accounts.one_time", username=new.username, password=new.password)


def confirm_reset(account) -> None:
    """The password reset asked for `account`: what it does, then do it or not."""
    st.warning(tm("accounts.reset_confirm", username=account.username))
    yes, no, _ = st.columns([1, 1, 3])
    if no.button(t("accounts.reset_cancel"), key="password_reset_no"):
        st.session_state.pop(RESET_ASKED, None)
        st.rerun()
    if yes.button(t("accounts.reset_yes"), type="primary", key="password_reset_yes"):
        st.session_state.pop(RESET_ASKED, None)
        save(
            lambda s: accounts.reset_password(s, me, account.id),
            done=one_time_password,
            spot="accounts",
            kind="warning",
        )


def accounts_section() -> None:
    show_flash("accounts")
    account_rows = data.read(accounts.list_accounts, me, cached=False)
    table(
        account_rows,
        {
            "login.username": "username",
            "accounts.display_name": "display_name",
            "accounts.cadre": lambda a: a.cadre_code or "",
            "accounts.roles": lambda a: ", ".join(t(f"role.{r}") for r in a.roles),
            "common.active": "active",
            "accounts.must_change": "must_change_password",
            "accounts.locked": "locked",
        },
    )
    account_by_id = {a.id: a for a in account_rows}
    pick = st.selectbox(
        t("accounts.pick"),
        list(account_by_id),
        key="account_pick",
        format_func=lambda i: f"{account_by_id[i].username} — {account_by_id[i].display_name}",
        placeholder=t("common.choose"),
    )
    if pick is not None:
        chosen_account = account_by_id[pick]
        roles = st.multiselect(
            t("accounts.roles"),
            ROLES,
            default=list(chosen_account.roles),
            format_func=lambda r: t(f"role.{r}"),
            # The chosen roles are kept as their labels: a key per language, or a label of the
            # other language would stay on as a tag after the language is switched.
            key=f"roles_{pick}_{language()}",
            placeholder=t("common.choose"),
            select_all=False,
        )
        b1, b2, b3 = st.columns(3)
        if b1.button(t("accounts.save_roles"), key="roles_save"):
            save(
                lambda s: accounts.set_roles(s, me, pick, tuple(roles)),
                done=t("common.saved"),
                spot="accounts",
            )
        # A reset ends the password in use at once: asked first, then confirmed.
        if b2.button(t("accounts.reset"), key="password_reset"):
            st.session_state[RESET_ASKED] = pick
        if b3.button(
            t("admin.deactivate") if chosen_account.active else t("admin.activate"), key="account_toggle"
        ):
            save(
                lambda s: accounts.set_account_active(s, me, pick, not chosen_account.active),
                done=t("admin.activated") if not chosen_account.active else t("admin.deactivated"),
                spot="accounts",
            )
        if st.session_state.get(RESET_ASKED) == pick:
            confirm_reset(chosen_account)

    st.subheader(t("accounts.new"))
    linked = {a.cadre_code for a in account_rows}
    free = {c.id: c for c in cadres if c.active and c.code not in linked}
    state = form("account")
    with st.form("account_new"):
        cadre_for = st.selectbox(
            t("accounts.cadre"),
            [None] + list(free),
            format_func=lambda i: (
                t("accounts.no_cadre") if i is None else f"{free[i].code} — {free[i].full_name}"
            ),
            placeholder=t("common.choose"),
        )
        username = st.text_input(t("login.username"))
        display = st.text_input(t("accounts.display_name"))
        new_roles = st.multiselect(
            t("accounts.roles"),
            ROLES,
            default=[Role.CADRE],
            format_func=lambda r: t(f"role.{r}"),
            placeholder=t("common.choose"),
            select_all=False,
        )
        state.slot()
        if st.form_submit_button(t("accounts.new")):
            name = display or (free[cadre_for].full_name if cadre_for else username)
            save(
                lambda s: accounts.create_account(s, me, username, name, cadre_for, tuple(new_roles)),
                done=one_time_password,
                spot="accounts",
                kind="warning",
                form=state,
            )


def policy_section() -> None:
    show_flash("policy")
    this_year = dt.date.today().year
    years = list(range(this_year + 1, 2017, -1))
    year = st.selectbox(
        t("policy.year"),
        years,
        index=years.index(this_year),
        key="policy_year",
        placeholder=t("common.choose"),
    )
    current = data.read(policy.for_year, year, cached=False)
    stored = data.read(policy.is_stored, year, cached=False)
    st.caption(tm("policy.stored" if stored else "policy.default", year=year))
    state = form("policy", year)
    with st.form(f"policy_{year}"):
        left, right = st.columns(2)
        target_days = left.number_input(
            t("policy.target_days"), min_value=1, max_value=366, value=current.target_days
        )
        rule = right.selectbox(
            t("policy.counting_rule"),
            COUNTING_RULES,
            index=COUNTING_RULES.index(current.counting_rule),
            format_func=lambda r: t(f"policy.rule.{r}"),
            placeholder=t("common.choose"),
        )
        days = f"{state.prefix}window_"
        window_start, window_end, bad_window = day_pair(
            state,
            ("policy.window_start", "policy.window_end"),
            (days + "start", days + "end"),
            (current.counting_window.start, current.counting_window.end),
            columns=(left, right),
            required=True,
        )
        deadline = left.number_input(
            t("policy.report_deadline_days"), min_value=0, max_value=365, value=current.report_deadline_days
        )
        cap = right.number_input(
            t("policy.excellent_cap_percent"), min_value=0, max_value=100, value=current.excellent_cap_percent
        )
        kinds = st.text_area(
            t("policy.exemption_kinds"), value=exemption_kinds.labels(current.exemption_kinds)
        )
        st.markdown(f"**{t('policy.labels')}**")
        labels = {}
        for code in CONTENT_TYPES:
            a, b = st.columns(2)
            custom = current.custom_labels(code)
            labels[code] = {
                # Labelled in the reader's language: the English name is asked for, not shown.
                "vi": a.text_input(
                    tm("policy.label_vi", name=t(f"content.{code}")), value=custom.get("vi", "")
                ),
                "en": b.text_input(
                    tm("policy.label_en", name=t(f"content.{code}")), value=custom.get("en", "")
                ),
            }
        state.slot()
        if st.form_submit_button(t("common.save")):
            if bad_window:  # nothing is written
                state.show_error(ValidationError(bad_window))
            else:
                save(
                    lambda s: policy.save(
                        s,
                        me,
                        policy.YearPolicy(
                            year,
                            int(target_days),
                            rule,
                            policy.counting_window(year, window_start, window_end),
                            int(deadline),
                            exemption_kinds.codes(kinds),
                            labels,
                            int(cap),
                        ),
                    ),
                    done=tm("policy.saved", year=year),
                    spot="policy",
                    form=state,
                )

    budget_editor(me, year)

    st.subheader(t("policy.exemptions"))
    recorded = data.read(policy.exemptions, me, year, cached=False)
    if recorded:
        table(
            recorded,
            {
                "common.name": "cadre_name",
                "policy.exemption.kind": lambda e: exemption_kinds.label(e.kind),
                "policy.exemption.start": lambda e: formatting.date(e.start),
                "policy.exemption.end": lambda e: formatting.date(e.end),
                "policy.exemption.note": "note",
            },
        )
    active = {c.id: c for c in cadres if c.active}
    exemption = form("exemption")
    with st.form("exemption_new"):
        st.markdown(f"**{t('policy.exemption.add')}**")
        who = st.selectbox(
            t("common.cadre"),
            list(active),
            format_func=lambda i: f"{active[i].code} — {active[i].full_name}",
            placeholder=t("common.choose"),
        )
        kind = st.selectbox(
            t("policy.exemption.kind"),
            current.exemption_kinds,
            format_func=exemption_kinds.label,
            placeholder=t("common.choose"),
        )
        start, end, bad_days = day_pair(
            exemption,
            ("policy.exemption.start", "policy.exemption.end"),
            (exemption.prefix + "start", exemption.prefix + "end"),
        )
        note = st.text_input(t("policy.exemption.note"))
        exemption.slot()
        if st.form_submit_button(t("policy.exemption.add")):
            if bad_days:  # nothing is written
                exemption.show_error(ValidationError(bad_days))
            else:
                save(
                    lambda s: policy.add_exemption(s, me, who, kind, start, end, note),
                    done=t("policy.exemption.saved"),
                    spot="policy",
                    form=exemption,
                )


def backup_section() -> None:
    st.caption(t("backup.intro"))
    stamp = formatting.file_stamp(dt.datetime.now())
    left, right = st.columns(2)
    if data.read(backup.sqlite_path, cached=False) is not None:
        download(
            t("backup.db"),
            built_when_clicked(lambda s: backup.database_file(s, me)),
            f"dicoso-{stamp}.db",
            key="backup_db",
            where=left,
        )
    else:
        left.caption(t("backup.error.not_sqlite"))
    download(
        t("backup.xlsx"),
        built_when_clicked(lambda s: backup.workbook(s, me)),
        f"dicoso-{stamp}.xlsx",
        key="backup_xlsx",
        where=right,
    )
    checked = uploads.uploader(uploads.BACKUP, t("backup.check"), key="backup_check")
    if checked is not None:
        # Checked once per file: the check reads it whole (seconds for a large backup).
        result = uploads.once(uploads.BACKUP, checked, backup.check_backup)
        if result.ok:
            st.success(tm("backup.check.ok", tables=result.tables, rows=result.rows))
        for problem in result.messages():
            st.error(md(problem))


def audit_section() -> None:
    people = data.read(audit.actors, cached=False)
    tables = audit.tables()
    c1, c2, c3, c4 = st.columns(4)
    who = c1.selectbox(
        t("audit.who"),
        [""] + people,
        format_func=lambda v: v or t("audit.all"),
        key="audit_who",
        placeholder=t("common.choose"),
    )
    table_name = c2.selectbox(
        t("audit.table"),
        [""] + tables,
        format_func=lambda v: v or t("audit.all"),
        key="audit_table",
        placeholder=t("common.choose"),
    )
    # Days typed as dd/mm/yyyy (ui.day_field), both optional: a day that is not one is named
    # under its field and not used.
    since, bad_since = day_field("period.from", "audit_from", c3)
    until, bad_until = day_field("period.to", "audit_to", c4)
    for where, errors in ((c3, bad_since), (c4, bad_until)):
        for error in errors:
            where.error(error_text(error))
    page_size = 100
    page_no = st.number_input(t("audit.page"), min_value=1, value=1, step=1, key="audit_page")
    entries, total = data.read(
        audit.search,
        me,
        audit.AuditFilter(who, table_name, since, until),
        page_size,
        (page_no - 1) * page_size,
        cached=False,
    )
    first = (page_no - 1) * page_size + 1 if entries else 0
    st.caption(tm("audit.count", total=total, first=first, last=first + len(entries) - 1 if entries else 0))
    table(
        entries,
        {
            "audit.at": lambda e: formatting.moment(e.at, seconds=True),
            "audit.who": "actor",
            "audit.action": "action",
            "audit.table": "table_name",
            "audit.row": "row_id",
            "audit.change": lambda e: json.dumps(
                e.after if e.after is not None else e.before, ensure_ascii=False
            )[:300],
        },
    )


def mail_section() -> None:
    """The reminders by email: the digest's day, who has no address (and what they missed),
    when each person was last emailed and why the last send failed."""
    show_flash("mail")
    st.caption(t("mail.admin.intro"))
    day = data.read(reminders.digest_day, cached=False)
    day_name = lambda d: t(f"mail.weekday.{reminders.WEEKDAYS[d]}")  # noqa: E731
    day_form = form("digest_day")
    with st.form("digest_day_form"):
        chosen_day = st.selectbox(
            t("mail.admin.digest_day"),
            range(7),
            index=day,
            format_func=day_name,
            placeholder=t("common.choose"),
        )
        day_form.slot()
        if st.form_submit_button(t("common.save")):
            save(
                lambda s: reminders.set_digest_day(s, me, chosen_day),
                done=tm("mail.admin.day_saved", day=day_name(chosen_day)),
                spot="mail",
                form=day_form,
            )
    rows = data.read(reminders.mail_status, me, cached=False)
    missing = [r for r in rows if not r.email]
    st.subheader(tm("mail.admin.no_address", count=len(missing)))
    if missing:
        table(
            missing,
            {"mail.col.account": "username", "common.name": "name", "mail.col.missed": "missed"},
            key="mail_missing",
        )
    else:
        st.caption(t("mail.admin.all_have_address"))
    by_id = {r.account_id: r for r in rows}
    address_form = form("mail_address")
    with st.form("mail_address_form"):
        st.markdown(f"**{t('mail.admin.set_address')}**")
        who = st.selectbox(
            t("mail.col.account"),
            list(by_id),
            format_func=lambda i: f"{by_id[i].username} — {by_id[i].name}",
            placeholder=t("common.choose"),
        )
        address = st.text_input(t("mail.address"))
        address_form.slot("mail.address")
        address_form.slot()
        if st.form_submit_button(t("common.save")) and who is not None:
            save(
                lambda s: reminders.set_address(s, me, who, address),
                done=tm("mail.admin.address_saved", username=by_id[who].username),
                spot="mail",
                form=address_form,
            )
    st.subheader(t("mail.admin.status"))
    reached = [r for r in rows if r.email]
    table(
        reached,
        {
            "mail.col.account": "username",
            "mail.col.address": "email",
            "mail.col.mode": lambda r: t(f"mail.mode.{r.mode}"),
            "mail.col.last_sent": lambda r: formatting.moment(r.last_sent_at),
            "mail.col.subject": "last_subject",
            "mail.col.last_error": "last_error",
            "mail.col.error_at": lambda r: formatting.moment(r.last_error_at),
        },
        key="mail_status",
    )


SECTIONS = {
    "import": roster_import_section,
    "roster": bans_and_cadres_section,
    "trips": trips_import_section,
    "trip_fix": lambda: admin_trips.section(me, cadres),
    "accounts": accounts_section,
    "policy": policy_section,
    "backup": backup_section,
    "audit": audit_section,
    "mail": mail_section,
    "places": lambda: place_mapping.section(me),
}
shown = section_picker({code: t(f"admin.tab.{code}") for code in SECTIONS})
SECTIONS[shown]()
