""" "Việc cần làm" at the top of each role's first page, the user's choice of mails in the
sidebar and the admins' reminders section, through app.py (AppTest)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from core import reminders, todo
from core.accounts import load_actor
from core.i18n import t
from db.models import Account, Cadre, Setting
from db.session import reading, writing
from ui.text import md as plain

RETURNED_FLAG_ICON = ":material/edit_note:"


def todo_links(at):
    """(label, page, query string) of the list's links, in order."""
    return [
        (link.proto.label, link.proto.page, link.proto.query_string)
        for link in at.get("page_link")
        if link.proto.icon != RETURNED_FLAG_ICON  # the progress tab's flag of returned reports (ui.returned)
    ]


def expected(url, username, lang="vi"):
    with reading(url) as s:
        waiting = todo.for_actor(s, load_actor(s, username), dt.date.today())
    return waiting, [plain(todo.describe(i, lang)) for i in waiting.items]


def test_a_cadre_sees_the_own_work_first_on_the_own_page_each_a_link_to_act(app_as, demo_url):
    at = app_as("canbo")
    assert not at.exception
    assert [x.value for x in at.title] == [t("visits.title", "vi")]
    links = todo_links(at)
    waiting, labels = expected(demo_url, "canbo")
    assert waiting.total >= 2 and [label for label, _, _ in links] == labels
    # The newest deadline first: the last trip's report, overdue; then the one returned.
    assert "quá hạn" in links[0][0] and "bị trả lại" in links[1][0]
    assert all(page == "visits" and "tab=report" in query and "trip=" in query for _, page, query in links)


def test_the_link_opens_the_report_of_its_trip(app_as, demo_url):
    waiting, _ = expected(demo_url, "canbo")
    returned = next(i for i in waiting.items if i.kind == todo.Kind.REPORT_RETURNED)
    at = app_as("canbo", page="visits", query=dict(returned.query))
    assert not at.exception
    chosen = next(s for s in at.selectbox if s.label == t("visits.report_trip", "vi"))
    assert chosen.value.id == int(dict(returned.query)["trip"])
    assert any(w.value == t("visits.report_returned", "vi") for w in at.warning)


def test_a_ban_leader_sees_the_decisions_waiting_oldest_first_and_who_is_behind(app_as, demo_url):
    at = app_as("truongban")
    assert not at.exception
    links = todo_links(at)
    waiting, labels = expected(demo_url, "truongban")
    assert [label for label, _, _ in links] == labels
    decisions = [q for label, page, q in links if "chờ duyệt" in label]
    assert decisions and all(q == "ban=TC" for q in decisions)
    assert waiting.more and any(c.value == t("todo.more", "vi", more=waiting.more) for c in at.caption)


def test_an_office_leader_sees_counts_per_ban_and_the_bans_behind(app_as, demo_url):
    at = app_as("lanhdao", lang="en")
    assert not at.exception
    links = todo_links(at)
    waiting, labels = expected(demo_url, "lanhdao", "en")
    assert [label for label, _, _ in links] == labels
    with reading(demo_url) as s:
        everything = todo.for_actor(s, load_actor(s, "lanhdao"), dt.date.today(), shown=1000).items
    per_ban = [i for i in everything if i.kind == todo.Kind.BAN_WAITING]
    assert per_ban and all(i.page == "progress" and dict(i.query)["ban"] for i in per_ban)
    assert "waiting (the oldest" in todo.describe(per_ban[0], "en")


def test_an_admin_sees_the_accounts_no_reminder_reaches(app_as, demo_url):
    at = app_as("quantri")
    assert [x.value for x in at.title] == [t("admin.title", "vi")]
    assert todo_links(at) == [] and any(c.value == t("todo.nothing", "vi") for c in at.caption)
    with writing(demo_url) as s:
        s.execute(update(Account).where(Account.username == "canbo").values(email=None))
        s.execute(update(Cadre).values(email=None))
    at = app_as("quantri")
    assert todo_links(at) == [(plain(t("todo.no_address", "vi", count=1)), "admin", "tab=mail")]


def open_mail_choice(at):
    """The sidebar's expander opened, as a click does: its form is drawn only then."""
    from ui.todo import MAIL_PREFS

    assert not [w for w in at.text_input if w.label == t("mail.address", "vi")]  # closed: not drawn
    at.session_state[MAIL_PREFS] = True
    return at.run()


def test_the_user_chooses_an_address_and_the_mails_in_the_sidebar(app_as, demo_url):
    at = open_mail_choice(app_as("canbo"))
    next(w for w in at.text_input if w.label == t("mail.address", "vi")).input("ha.ngoc.son@example.org")
    next(w for w in at.radio if w.label == t("mail.mode", "vi")).set_value("digest")
    next(b for b in at.button if b.label == t("mail.save", "vi")).click().run()
    assert not at.exception
    assert any(s.value == t("mail.saved", "vi") for s in at.success)
    with reading(demo_url) as s:
        assert s.execute(
            select(Account.email, Account.mail_mode).where(Account.username == "canbo")
        ).one() == ("ha.ngoc.son@example.org", "digest")


def test_a_wrong_address_is_refused_under_its_field(app_as, demo_url):
    at = open_mail_choice(app_as("canbo"))
    next(w for w in at.text_input if w.label == t("mail.address", "vi")).input("không phải địa chỉ")
    next(b for b in at.button if b.label == t("mail.save", "vi")).click().run()
    assert any(e.value == t("mail.error.bad_address", "vi") for e in at.error)
    with reading(demo_url) as s:
        assert s.scalar(select(Account.email).where(Account.username == "canbo")) == "canbo@example.org"


def test_the_admins_reminders_section_sets_the_digest_day_and_shows_each_persons_mail(app_as, demo_url):
    with writing(demo_url) as s:
        s.execute(update(Account).where(Account.username == "canbo").values(email=None))
        s.execute(update(Cadre).values(email=None))
    from tests.mailserver import smtp_server

    with smtp_server() as (box, server):
        reminders.run(dt.date(2018, 7, 15), server, "dicoso@example.org", "http://x", url=demo_url)
    at = app_as("quantri", page="admin", query={"tab": "mail"})
    assert not at.exception
    missing = next(d.value for d in at.dataframe if t("mail.col.missed", "vi") in d.value.columns)
    assert missing[t("mail.col.account", "vi")].tolist() == ["canbo"]
    assert missing[t("mail.col.missed", "vi")].tolist() == [1]
    status = next(d.value for d in at.dataframe if t("mail.col.last_sent", "vi") in d.value.columns)
    sent = status[status[t("mail.col.last_sent", "vi")] != ""]
    assert sorted(sent[t("mail.col.account", "vi")]) == ["lanhdao", "truongban"]
    next(w for w in at.selectbox if w.label == t("mail.admin.digest_day", "vi")).set_value(4)
    next(b for b in at.button if b.label == t("common.save", "vi")).click().run()
    assert not at.exception
    with reading(demo_url) as s:
        assert s.get(Setting, reminders.DIGEST_SETTING).value == "4"
