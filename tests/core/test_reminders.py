"""The reminders by email against a real SMTP server started here (aiosmtpd): what arrives,
to whom, in which language, with which links and chart; nothing twice; a connection lost half
way; the choices of each account; the admins' view."""

from __future__ import annotations

import datetime as dt
import ssl

import pytest
from sqlalchemy import func, select, update

from core import reminders
from core.accounts import load_actor
from core.mail import SmtpServer
from db.models import Account, MailStatus, Reminder
from db.session import reading, writing
from tests.mailserver import Collector, authenticator, self_signed, smtp_server

DEMO_DAY = dt.date(2018, 7, 15)  # a Sunday: the digest of the week of Monday 09/07 is due
BASE = "http://dicoso.example.org"
SENDER = "Đi cơ sở <dicoso@example.org>"
DEMO_PEOPLE = ["canbo@example.org", "lanhdao@example.org", "truongban@example.org"]


def run(server, url, today=DEMO_DAY, **kw):
    return reminders.run(today, server, SENDER, BASE, url=url, **kw)


def sent_rows(url) -> list[tuple]:
    with reading(url) as s:
        return s.execute(
            select(Reminder.account_id, Reminder.kind, Reminder.object_id, Reminder.stage, Reminder.outcome)
        ).all()


def set_account(url, username, **values):
    with writing(url) as s:
        s.execute(update(Account).where(Account.username == username).values(**values))


def test_the_demo_day_mails_the_cadres_reminder_and_the_leaders_digest_with_its_chart(demo_url):
    with smtp_server() as (box, server):
        result = run(server, demo_url)
    assert result.ok and result.sent == 3
    assert box.recipients == DEMO_PEOPLE
    canbo = box.to("canbo@example.org")
    assert canbo.subject == "[Đi cơ sở] 1 việc cần làm"
    assert "dicoso@example.org" in str(canbo.message["From"])
    text = canbo.body()
    assert text.startswith("Chào Hà Ngọc Sơn,")
    assert "bị trả lại" in text and f"{BASE}/visits?year=2018&tab=report&trip=" in text
    assert not canbo.images()
    for leader in ("truongban@example.org", "lanhdao@example.org"):
        digest = box.to(leader)
        assert digest.subject == "[Đi cơ sở] Tổng hợp tuần 28/2018"
        (chart,) = digest.images()
        assert chart.get_content().startswith(b"\x89PNG")
        content_id = chart["Content-ID"].strip("<>")
        assert f'src="cid:{content_id}"' in digest.body("html")
        assert "Tiến độ đi cơ sở từ 01/01/2018 đến 15/07/2018" in digest.body()
        assert f"{BASE}/progress?" in digest.body()
    ban_leader = box.to("truongban@example.org").body()
    assert "chờ duyệt" in ban_leader and f"{BASE}/progress?ban=TC" in ban_leader
    assert "cán bộ của ban chậm tiến độ" in ban_leader
    with reading(demo_url) as s:
        assert (
            s.scalar(select(func.count()).select_from(MailStatus).where(MailStatus.last_sent_at.is_not(None)))
            == 3
        )


def test_a_second_run_mails_nothing(demo_url):
    with smtp_server() as (box, server):
        run(server, demo_url)
        first = len(box.messages)
        again = run(server, demo_url)
    assert first == 3
    assert again.ok and again.planned == 0 and len(box.messages) == 3


def test_the_next_week_brings_the_next_digest_and_only_what_is_new(demo_url):
    with smtp_server() as (box, server):
        run(server, demo_url)
        run(server, demo_url, today=DEMO_DAY + dt.timedelta(days=1))
    later = box.messages[3:]
    assert sorted(m.to for m in later) == ["lanhdao@example.org", "truongban@example.org"]
    assert all(m.subject.endswith("tuần 29/2018") for m in later)
    assert all("Việc cần làm mới" not in m.body() for m in later)  # the same decisions: not again


def test_a_connection_lost_half_way_leaves_the_rest_for_the_next_run_and_sends_nothing_twice(demo_url):
    with smtp_server(Collector(drop_after=1)) as (box, server):
        broken = run(server, demo_url)
    assert not broken.ok and broken.sent == 1 and broken.left == 2 and broken.lost.startswith("421")
    first = box.messages[0].to
    with reading(demo_url) as s:
        kept = {
            email
            for (email,) in s.execute(
                select(Account.email).where(
                    Account.id.in_(select(Reminder.account_id).where(Reminder.outcome == "sent"))
                )
            )
        }
        failure = s.scalar(
            select(func.count()).select_from(MailStatus).where(MailStatus.last_error.like("421%"))
        )
    assert kept == {first}
    assert failure >= 1  # each connection that was dropped, the mail it was sending
    with smtp_server() as (box, server):
        rest = run(server, demo_url)
    assert rest.ok and rest.sent == 2
    assert sorted([first] + box.recipients) == DEMO_PEOPLE


def test_a_refused_address_is_kept_as_the_accounts_last_failure_and_the_others_go(demo_url, actor_of):
    with smtp_server(Collector(refuse={"canbo@example.org"})) as (box, server):
        result = run(server, demo_url)
    assert result.sent == 2 and [to for to, _ in result.failed] == ["canbo@example.org"]
    assert box.recipients == ["lanhdao@example.org", "truongban@example.org"]
    with reading(demo_url) as s:
        rows = {r.username: r for r in reminders.mail_status(s, actor_of("quantri"))}
    assert rows["canbo"].last_error.startswith("canbo@example.org: 550")
    assert rows["canbo"].last_sent_at is None and rows["canbo"].last_error_at is not None
    assert rows["lanhdao"].last_sent_at is not None and rows["lanhdao"].last_subject.startswith("[Đi cơ sở]")
    with smtp_server() as (box, server):
        run(server, demo_url)
    assert box.recipients == ["canbo@example.org"]  # the refused reminder was not kept as sent


def test_an_address_that_is_not_one_is_a_failure_and_adds_no_header(demo_url, actor_of):
    from db.models import Cadre

    set_account(demo_url, "canbo", email=None)
    with writing(demo_url) as s:  # a roster's address is whatever the spreadsheet held
        s.execute(
            update(Cadre)
            .where(Cadre.id == actor_of("canbo").cadre_id)
            .values(email="son@example.org\r\nBcc: everyone@example.org")
        )
    with smtp_server() as (box, server):
        result = run(server, demo_url)
    assert [to for to, _ in result.failed] == ["son@example.org\r\nBcc: everyone@example.org"]
    assert box.recipients == ["lanhdao@example.org", "truongban@example.org"]


def test_each_mail_speaks_the_accounts_language(demo_url):
    set_account(demo_url, "canbo", language="en")
    set_account(demo_url, "lanhdao", language="en")
    with smtp_server() as (box, server):
        run(server, demo_url)
    assert box.to("canbo@example.org").subject == "[Grassroots] 1 things to do"
    assert "returned" in box.to("canbo@example.org").body()
    assert box.to("lanhdao@example.org").subject == "[Grassroots] Weekly digest, week 28/2018"
    assert box.to("truongban@example.org").subject.startswith("[Đi cơ sở]")


def test_each_account_chooses_all_the_digest_only_or_nothing(demo_url):
    set_account(demo_url, "canbo", mail_mode="none")
    set_account(demo_url, "truongban", mail_mode="digest")
    with smtp_server() as (box, server):
        run(server, demo_url)
    assert box.recipients == ["lanhdao@example.org", "truongban@example.org"]
    digest_only = box.to("truongban@example.org").body()
    assert "Tiến độ đi cơ sở" in digest_only and "Việc cần làm mới" not in digest_only


def test_the_digest_waits_for_its_day_of_the_week(demo_url, actor_of):
    with writing(demo_url) as s:
        reminders.set_digest_day(s, actor_of("quantri"), 6)  # Sunday
    with smtp_server() as (box, server):
        run(server, demo_url, today=DEMO_DAY - dt.timedelta(days=1))  # Saturday
        saturday = {m.to: m.subject for m in box.messages}
        run(server, demo_url)  # Sunday
    assert not any("Tổng hợp" in subject for subject in saturday.values())
    assert sorted(m.to for m in box.messages if "Tổng hợp" in m.subject) == [
        "lanhdao@example.org",
        "truongban@example.org",
    ]


def test_an_account_without_an_address_misses_its_reminders_counted_once(demo_url, actor_of):
    set_account(demo_url, "canbo", email=None)
    with smtp_server() as (box, server):
        first = run(server, demo_url)
        second = run(server, demo_url)
    assert "canbo@example.org" not in box.recipients
    assert first.missed == [("canbo", 1)] and second.missed == []
    with reading(demo_url) as s:
        rows = {r.username: r for r in reminders.mail_status(s, actor_of("quantri"))}
    assert rows["canbo"].email == "" and rows["canbo"].missed == 1
    assert next(iter(rows)) in ("canbo", "quantri")  # those without an address come first
    # Given an address (here the roster's), the reminder still open is sent once.
    with writing(demo_url) as s:
        reminders.set_address(s, actor_of("quantri"), actor_of("canbo").account_id, "ha.ngoc.son@example.org")
    with smtp_server() as (box, server):
        run(server, demo_url)
    assert box.recipients == ["ha.ngoc.son@example.org"]


def test_a_dry_run_sends_and_records_nothing(demo_url):
    with smtp_server() as (box, server):
        result = run(server, demo_url, dry_run=True)
    assert not box.messages and sent_rows(demo_url) == []
    assert sorted(m.person.email for m, _ in result.preview) == DEMO_PEOPLE
    assert all(c.subject and c.text for _, c in result.preview)


def test_a_run_holding_the_lease_keeps_another_out_until_it_ends_or_expires(demo_url):
    holder = reminders.new_holder()
    assert reminders.take_lease(demo_url, holder) is None
    with smtp_server() as (box, server):
        busy = run(server, demo_url)
        assert busy.busy_until is not None and not box.messages
        reminders.release_lease(demo_url, holder)
        assert run(server, demo_url).sent == 3
    # A run that died leaves its lease to expire.
    assert reminders.take_lease(demo_url, "dead", seconds=-1) is None
    assert reminders.take_lease(demo_url, "alive") is None


def test_starttls_and_login_from_the_url(demo_url, tmp_path, monkeypatch):
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this certificate alone
    with smtp_server(
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticator("dicoso", "s3cret @1"),
    ) as (box, server):
        url = f"smtp://dicoso:s3cret%20%401@127.0.0.1:{server.port}"
        result = run(SmtpServer.from_url(url), demo_url)
    assert result.ok and box.recipients == DEMO_PEOPLE


def test_smtps_is_tls_from_the_first_byte(demo_url, tmp_path, monkeypatch):
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    with smtp_server(ssl_context=context) as (box, server):
        result = run(SmtpServer.from_url(f"smtps://127.0.0.1:{server.port}"), demo_url)
    assert result.ok and box.recipients == DEMO_PEOPLE


def test_a_wrong_password_sends_nothing_and_keeps_nothing(demo_url, tmp_path, monkeypatch):
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    with smtp_server(
        tls_context=context, auth_required=True, authenticator=authenticator("dicoso", "right")
    ) as (box, server):
        result = run(SmtpServer.from_url(f"smtp://dicoso:wrong@127.0.0.1:{server.port}"), demo_url)
    assert result.left == 3 and result.lost and not box.messages
    assert [r for r in sent_rows(demo_url) if r.outcome == "sent"] == []


@pytest.mark.parametrize(
    "url, expected",
    [
        ("smtp://mail.tinhdoan.vn", SmtpServer("mail.tinhdoan.vn", 25, False)),
        ("smtp://u:p%40ss@mail.tinhdoan.vn:587", SmtpServer("mail.tinhdoan.vn", 587, False, "u", "p@ss")),
        ("smtps://u:p@mail.tinhdoan.vn", SmtpServer("mail.tinhdoan.vn", 465, True, "u", "p")),
        (
            "smtp://mail.tinhdoan.vn:2525?connections=1",
            SmtpServer("mail.tinhdoan.vn", 2525, False, connections=1),
        ),
    ],
)
def test_smtp_urls(url, expected):
    assert SmtpServer.from_url(url) == expected
    assert "p@ss" not in repr(SmtpServer.from_url(url))


@pytest.mark.parametrize(
    "url", ["http://mail.example.org", "smtp://", "smtp://host:port", "smtp://host?connections=0"]
)
def test_a_bad_smtp_url_says_why(url):
    with pytest.raises(ValueError):
        SmtpServer.from_url(url)


def test_own_choice_is_checked_and_kept(demo_url, actor_of):
    from core.errors import ValidationError

    me = actor_of("canbo")
    with writing(demo_url) as s:
        reminders.set_own_choice(s, me, " son.hn@example.org ", "digest")
    with reading(demo_url) as s:
        assert reminders.own_choice(s, me) == reminders.MailChoice("son.hn@example.org", "", "digest")
    for email, mode in (("not an address", "all"), ("a@example.org", "sometimes")):
        with pytest.raises(ValidationError), writing(demo_url) as s:
            reminders.set_own_choice(s, me, email, mode)


def test_only_admins_see_the_mail_status_and_set_addresses(demo_url, actor_of):
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied), reading(demo_url) as s:
        reminders.mail_status(s, actor_of("lanhdao"))
    with pytest.raises(PermissionDenied), writing(demo_url) as s:
        reminders.set_address(s, actor_of("truongban"), actor_of("canbo").account_id, "x@example.org")
    with pytest.raises(PermissionDenied), writing(demo_url) as s:
        reminders.set_digest_day(s, actor_of("truongban"), 3)


def test_load_actor_still_works_with_the_new_columns(demo_url):
    with reading(demo_url) as s:
        assert load_actor(s, "canbo").username == "canbo"
