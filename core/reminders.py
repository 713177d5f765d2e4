"""Reminders by email: `make remind` (cli/remind.py) runs `run` once.

Each run mails each person at most once, grouping what is new for them (core.todo's items
not yet mailed to them), in the account's language, with links into the app; the leaders get
a weekly digest too (each ban's days against its target so far, with the chart of /progress
as a PNG inside the mail) on the first run on or after the digest's day of the week (a
setting, Monday by default).

What is new is what has no row in `reminders` for (kind, object, stage, person) with the
outcome "sent": such a row is written only once the SMTP server accepted the mail carrying
it, so a run that loses its connection half way leaves the rest for the next run and sends
nothing twice. The rows are written in small batches (and at once when a send fails), so a
run of thousands of mails costs a few statements per batch, not per mail. An account without
an address gets rows with the outcome "missed" instead, counted on /admin. Own work is mailed
when it fell due within LOOKBACK_DAYS (a report overdue for a year is on the page, not in a
first run's mail); a decision once it has waited core.todo.WAITING_DAYS.

One run at a time: a run holds a lease row (`leases`) until it ends or its time runs out
(renewed while it sends); a second run meanwhile says so and sends nothing. The whole run
reads a fixed number of statements however many people there are (`make bench` counts them).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import socket
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import access, actions, audit, charts, formatting, mail, progress, todo
from core.errors import FieldError, ValidationError
from core.i18n import LANGUAGES, t
from core.periods import Window
from core.permissions import Actor, require
from core.text import clean
from core.todo import Item, Kind
from db.models import Account, AccountRole, Cadre, Lease, MailStatus, Reminder, Setting
from db.session import reading, writing
from db.vocabulary import MAIL_MODES, MailMode, Role

LOOKBACK_DAYS = 30
DIGEST_SETTING = "digest_weekday"
DEFAULT_DIGEST_DAY = 0  # Monday
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LEASE = "remind"
LEASE_SECONDS = 300
FLUSH_EVERY = 200  # mails whose rows are written together …
FLUSH_SECONDS = 2.0  # … or every two seconds: a run killed outright may send again what it sent since
LISTED = 20  # items a mail lists; the rest are counted, with a link
LISTED_CADRES = 10  # cadres behind pace a ban leader's digest names
DIGEST = "digest"
SENT, MISSED = "sent", "missed"
CHART_ID = "tien-do-cac-ban@dicoso"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --- Who, and what they chose -----------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    account_id: int
    username: str
    name: str
    email: str | None  # the account's own, else the cadre's on the roster
    language: str
    mode: str
    roles: frozenset[str]
    cadre_id: int | None
    ban_id: int | None

    @property
    def leader(self) -> bool:
        return bool(self.roles & {Role.BAN_LEADER, Role.OFFICE_LEADER})


def people(session: Session) -> list[Person]:
    """Every active account that wants some mail, with its address (two statements)."""
    roles: dict[int, set[str]] = defaultdict(set)
    for account_id, role in session.execute(
        select(AccountRole.account_id, AccountRole.role)
        .join(Account, Account.id == AccountRole.account_id)
        .where(Account.active.is_(True))
    ):
        roles[account_id].add(role)
    own = func.nullif(func.trim(Account.email), "")
    rows = session.execute(
        select(
            Account.id,
            Account.username,
            Account.display_name,
            func.coalesce(own, Cadre.email),
            Account.language,
            Account.mail_mode,
            Account.cadre_id,
            Cadre.ban_id,
        )
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .where(Account.active.is_(True), Account.mail_mode != MailMode.NONE)
        .order_by(Account.id)
    )
    return [
        Person(
            r[0],
            r[1],
            r[2],
            (r[3] or "").strip() or None,
            r[4] if r[4] in LANGUAGES else "vi",
            r[5],
            frozenset(roles.get(r[0], ())),
            r[6],
            r[7],
        )
        for r in rows
    ]


def digest_day(session: Session) -> int:
    """The weekday of the leaders' digest (0 Monday … 6 Sunday)."""
    value = session.scalar(select(Setting.value).where(Setting.key == DIGEST_SETTING))
    return int(value) if value is not None and value.isdigit() and int(value) < 7 else DEFAULT_DIGEST_DAY


def set_digest_day(session: Session, actor: Actor, day: int) -> None:
    require(actor, actions.ADMIN_POLICY)
    if day not in range(7):
        raise ValidationError([FieldError("mail.admin.digest_day", "mail.error.bad_day")])
    row = session.get(Setting, DIGEST_SETTING)
    before = audit.snapshot(row) if row else None
    if row is None:
        row = Setting(key=DIGEST_SETTING, value=str(day))
        session.add(row)
    row.value = str(day)
    audit.record(session, actor.username, "update" if before else "create", row, before=before)


# --- The user's own choice, and the admins' view -------------------------------------------------


@dataclass(frozen=True)
class MailChoice:
    email: str  # the account's own address ("" if none)
    roster_email: str  # the cadre's address on the roster ("" if none)
    mode: str


def own_choice(session: Session, actor: Actor) -> MailChoice:
    row = session.execute(
        select(Account.email, Account.mail_mode, Cadre.email)
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .where(Account.id == actor.account_id)
    ).one()
    return MailChoice(row[0] or "", row[2] or "", row[1])


def _checked_address(value: str) -> str | None:
    address = clean(value or "")
    if address and not mail.valid_address(address):
        raise ValidationError([FieldError("mail.address", "mail.error.bad_address")])
    return address or None


def set_own_choice(session: Session, actor: Actor, email: str, mode: str) -> None:
    """The user's own address (empty: the roster's) and which mails they want."""
    if mode not in MAIL_MODES:
        raise ValidationError([FieldError("mail.mode", "mail.error.bad_mode")])
    address = _checked_address(email)
    account = access.found(session, Account, actor.account_id)
    before = audit.snapshot(account)
    account.email, account.mail_mode = address, mode
    audit.record(session, actor.username, "mail_choice", account, before=before)


def set_address(session: Session, actor: Actor, account_id: int, email: str) -> None:
    """An admin sets an account's address."""
    require(actor, actions.ADMIN_ACCOUNTS)
    address = _checked_address(email)
    account = access.found(session, Account, account_id)
    before = audit.snapshot(account)
    account.email = address
    audit.record(session, actor.username, "mail_address", account, before=before)


@dataclass(frozen=True)
class MailStatusRow:
    account_id: int
    username: str
    name: str
    email: str  # "" without one
    mode: str
    last_sent_at: dt.datetime | None
    last_subject: str
    last_error: str
    last_error_at: dt.datetime | None
    missed: int  # reminders counted while the account had no address


def mail_status(session: Session, actor: Actor) -> list[MailStatusRow]:
    """Every active account: its address and choice, when it was last emailed, the last failure
    and the reminders it missed; those without an address first, the most missed first."""
    require(actor, actions.ADMIN_ACCOUNTS)
    missed = dict(
        session.execute(
            select(Reminder.account_id, func.count())
            .where(Reminder.outcome == MISSED)
            .group_by(Reminder.account_id)
        ).all()
    )
    own = func.nullif(func.trim(Account.email), "")
    rows = session.execute(
        select(
            Account.id,
            Account.username,
            Account.display_name,
            func.coalesce(own, Cadre.email),
            Account.mail_mode,
            MailStatus.last_sent_at,
            MailStatus.last_subject,
            MailStatus.last_error,
            MailStatus.last_error_at,
        )
        .outerjoin(Cadre, Cadre.id == Account.cadre_id)
        .outerjoin(MailStatus, MailStatus.account_id == Account.id)
        .where(Account.active.is_(True))
    )
    out = [
        MailStatusRow(
            r[0],
            r[1],
            r[2],
            (r[3] or "").strip(),
            r[4],
            r[5],
            r[6] or "",
            r[7] or "",
            r[8],
            missed.get(r[0], 0),
        )
        for r in rows
    ]
    return sorted(out, key=lambda r: (bool(r.email), -r.missed, r.username))


# --- What each person gets in this run -----------------------------------------------------------


@dataclass(frozen=True)
class BanLine:
    ban_id: int
    code: str
    name: str
    days: int
    target: int
    went: int
    cadres: int
    reports_waiting: int
    registrations_waiting: int

    @property
    def behind(self) -> bool:
        return self.target > 0 and self.days < self.target


@dataclass(frozen=True)
class Digest:
    year: int  # the ISO week's
    week: int
    window: Window  # the counting year up to today
    bans: tuple[BanLine, ...]
    own_ban: int | None = None  # a ban leader's ban
    behind: tuple[Item, ...] = ()  # the own ban's cadres behind pace, the first LISTED_CADRES
    behind_count: int = 0

    @property
    def key(self) -> tuple[str, int, str]:
        return (DIGEST, self.year * 100 + self.week, "week")


@dataclass(frozen=True)
class Mail:
    person: Person
    items: tuple[Item, ...]  # what is new for them, in the order of their list
    digest: Digest | None = None

    @property
    def keys(self) -> list[tuple[str, int, str]]:
        return [i.key for i in self.items] + ([self.digest.key] if self.digest else [])


@dataclass
class Plan:
    today: dt.date
    mails: list[Mail] = field(default_factory=list)  # to people with an address
    missed: list[Mail] = field(default_factory=list)  # what people without one would have got
    chart_rows: tuple = ()  # core.progress.BanProgress of the digest's window


def _already(session: Session, wanted: dict[int, set[tuple[str, int, str]]]) -> set[tuple[int, tuple, str]]:
    """(account, key, outcome) of the reminders already kept among those `wanted`: per kind, one
    range of the table's key (kind, object) — a statement per kind, whatever the people."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for keys in wanted.values():
        for kind, object_id, _ in keys:
            by_kind[kind].append(object_id)
    found = set()
    for kind, objects in by_kind.items():
        for row in session.execute(
            select(Reminder.account_id, Reminder.object_id, Reminder.stage, Reminder.outcome).where(
                Reminder.kind == kind, Reminder.object_id.between(min(objects), max(objects))
            )
        ):
            found.add((row.account_id, (kind, row.object_id, row.stage), row.outcome))
    return found


def plan(session: Session, today: dt.date) -> Plan:
    """Who gets which mail today (reads only)."""
    everyone = people(session)
    result = Plan(today)
    if not everyone:
        return result
    of_cadre = {p.cadre_id: p for p in everyone if p.cadre_id is not None}
    items: dict[int, list[Item]] = defaultdict(list)

    own = todo.own_work(session, today, since=today - dt.timedelta(days=LOOKBACK_DAYS))
    own.sort(key=lambda ci: (ci[1].date, ci[1].kind, ci[1].object_id), reverse=True)
    for cadre_id, item in own:
        person = of_cadre.get(cadre_id)
        if person is not None and person.mode == MailMode.ALL:
            items[person.account_id].append(item)

    waits = todo.waiting(session, today)
    ban_leaders: dict[int, list[Person]] = defaultdict(list)
    office_leaders = [p for p in everyone if Role.OFFICE_LEADER in p.roles]
    for p in everyone:
        if Role.BAN_LEADER in p.roles and p.ban_id is not None:
            ban_leaders[p.ban_id].append(p)
    all_ban_leaders = todo.ban_leaders(session)  # of every account, mail or not: who a decision waits for
    ripe = today - dt.timedelta(days=todo.WAITING_DAYS)
    for w in waits:
        if w.since > ripe:
            continue
        if todo.waits_for_ban_leader(w, all_ban_leaders):
            deciders = [p for p in ban_leaders.get(w.ban_id, ()) if p.cadre_id != w.cadre_id]
        else:
            deciders = [p for p in office_leaders if p.cadre_id != w.cadre_id]
        for p in deciders:
            if p.mode == MailMode.ALL:
                items[p.account_id].append(w.item)

    digests, result.chart_rows = _digests(session, today, everyone, waits)
    wanted = {
        p.account_id: {i.key for i in items.get(p.account_id, ())}
        | ({digests[p.account_id].key} if p.account_id in digests else set())
        for p in everyone
    }
    kept: dict[int, set[tuple]] = defaultdict(set)
    for account, key, outcome in _already(session, wanted):
        kept[account].add((key, outcome))
    for p in everyone:
        # Sent once: never again. Missed (no address then): counted once, and sent once there is one.
        done = {key for key, outcome in kept.get(p.account_id, ()) if outcome == SENT or not p.email}
        new = tuple(i for i in items.get(p.account_id, ()) if i.key not in done)
        digest = digests.get(p.account_id)
        if digest is not None and digest.key in done:
            digest = None
        if not new and digest is None:
            continue
        (result.mails if p.email else result.missed).append(Mail(p, new, digest))
    return result


def _digests(
    session: Session, today: dt.date, everyone: list[Person], waits
) -> tuple[dict[int, Digest], tuple]:
    """The week's digest of each leader who wants it, once the digest's day has come this week,
    and the rows of its chart (core.progress.ban_progress of the counting year up to today)."""
    leaders = [p for p in everyone if p.leader and p.mode in (MailMode.ALL, MailMode.DIGEST)]
    if not leaders or today.weekday() < digest_day(session):
        return {}, ()
    iso = today.isocalendar()
    week = iso.year * 100 + iso.week
    # Sent this week already (or missed, for want of an address): nothing to count again.
    done = dict(
        session.execute(
            select(Reminder.account_id, Reminder.outcome).where(
                Reminder.kind == DIGEST, Reminder.object_id == week, Reminder.stage == "week"
            )
        ).all()
    )
    leaders = [p for p in leaders if p.account_id not in done or (done[p.account_id] == MISSED and p.email)]
    if not leaders:
        return {}, ()
    window = todo.pace_window(session, today)
    if window is None:
        return {}, ()
    rows = tuple(progress.ban_progress(session, window, today))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for w in waits:
        counts[w.ban_id][0 if w.item.kind == Kind.REPORT_WAITING else 1] += 1
    bans = tuple(
        BanLine(
            r.ban_id,
            r.code,
            r.name,
            r.participation.days,
            r.target_days,
            r.participation.went,
            r.participation.cadres,
            *counts[r.ban_id],
        )
        for r in rows
    )
    behind: dict[int, list[Item]] = defaultdict(list)
    named: dict[int, Item] = {}
    if any(Role.OFFICE_LEADER not in p.roles for p in leaders):
        for ban_id, item in todo.behind_everywhere(session, today):
            behind[ban_id].append(item)
        shown = [
            i
            for p in leaders
            if Role.OFFICE_LEADER not in p.roles
            for i in behind.get(p.ban_id, [])[:LISTED_CADRES]
        ]
        named = {i.object_id: i for i in todo.name_cadres(session, shown)}
    out = {}
    for p in leaders:
        if Role.OFFICE_LEADER in p.roles:
            out[p.account_id] = Digest(iso.year, iso.week, window, bans)
        else:
            late = [i for i in behind.get(p.ban_id, []) if i.object_id != p.cadre_id]
            out[p.account_id] = Digest(
                iso.year,
                iso.week,
                window,
                bans,
                p.ban_id,
                tuple(named.get(i.object_id, i) for i in late[:LISTED_CADRES]),
                len(late),
            )
    return out, rows


# --- The mail itself ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str
    chart: bool  # the digest's chart goes inside


def compose(m: Mail, base_url: str, today: dt.date) -> Composed:
    """The mail's subject and bodies in the person's language: what is new (each a link to the
    place to act), then the digest; every text of the catalogue, user text escaped in the HTML."""
    lang, base = m.person.language, base_url.rstrip("/")
    esc = html.escape
    text = [t("remind.greeting", lang, name=m.person.name), ""]
    body = [f"<p>{esc(t('remind.greeting', lang, name=m.person.name))}</p>"]
    if m.items:
        text.append(t("remind.items_heading", lang))
        body.append(f"<p><b>{esc(t('remind.items_heading', lang))}</b></p><ul>")
        for item in m.items[:LISTED]:
            line, link = todo.describe(item, lang, today), item.link(base)
            text += [f"• {line}", f"  {link}"]
            body.append(f'<li><a href="{esc(link)}">{esc(line)}</a></li>')
        body.append("</ul>")
        if len(m.items) > LISTED:
            more = t("remind.more", lang, more=len(m.items) - LISTED, link=f"{base}/")
            text.append(more)
            body.append(f"<p>{esc(more)}</p>")
        text.append("")
    if m.digest is not None:
        _digest_parts(m.digest, lang, base, text, body)
    footer = t("remind.footer", lang, link=f"{base}/")
    text += ["--", footer]
    body.append(f'<hr><p style="color:#666;font-size:small">{esc(footer)}</p>')
    if m.digest is not None:
        subject = t("remind.subject.digest", lang, week=m.digest.week, year=m.digest.year)
    else:
        subject = t("remind.subject.items", lang, count=len(m.items))
    page = '<!DOCTYPE html><html><body style="font-family:sans-serif">' + "\n".join(body) + "</body></html>"
    return Composed(subject, "\n".join(text) + "\n", page, m.digest is not None)


def _digest_parts(d: Digest, lang: str, base: str, text: list[str], body: list[str]) -> None:
    esc = html.escape
    heading = t(
        "remind.digest_heading",
        lang,
        start=formatting.date(d.window.start),
        end=formatting.date(d.window.end),
    )
    text.append(heading)
    body.append(f"<h3>{esc(heading)}</h3>")

    def ban_line(b: BanLine) -> str:
        return t(
            "remind.digest.ban_line",
            lang,
            ban=b.name,
            days=formatting.number(b.days, lang),
            target=formatting.number(b.target, lang),
            went=b.went,
            cadres=b.cadres,
            flag=t("remind.digest.behind_flag", lang) if b.behind else "",
        )

    query = f"from={d.window.start.isoformat()}&to={d.window.end.isoformat()}"
    if d.own_ban is not None:
        own = next((b for b in d.bans if b.ban_id == d.own_ban), None)
        if own is not None:
            lines = [
                t("remind.digest.own_ban", lang),
                ban_line(own),
                t(
                    "remind.digest.waiting",
                    lang,
                    reports=own.reports_waiting,
                    registrations=own.registrations_waiting,
                ),
            ]
            text += lines
            body.append("<p>" + "<br>".join(esc(x) for x in lines) + "</p>")
            late = (
                t("remind.digest.behind_count", lang, count=d.behind_count)
                if d.behind_count
                else t("remind.digest.all_cadres_on_pace", lang)
            )
            text.append(late)
            body.append(f"<p>{esc(late)}</p>")
            if d.behind:
                body.append("<ul>")
                for item in d.behind:
                    line, link = todo.describe(item, lang), item.link(base)
                    text += [f"• {line}", f"  {link}"]
                    body.append(f'<li><a href="{esc(link)}">{esc(line)}</a></li>')
                body.append("</ul>")
            query += f"&ban={own.code}"
    else:
        reports = sum(b.reports_waiting for b in d.bans)
        registrations = sum(b.registrations_waiting for b in d.bans)
        behind = sum(b.behind for b in d.bans)
        lines = [
            t("remind.digest.bans_behind", lang, count=behind)
            if behind
            else t("remind.digest.all_on_pace", lang),
            t("remind.digest.waiting", lang, reports=reports, registrations=registrations),
        ]
        text += lines
        body.append("<p>" + "<br>".join(esc(x) for x in lines) + "</p>")
    text.append("")
    text.append(t("remind.digest.office", lang))
    body.append(f"<p><b>{esc(t('remind.digest.office', lang))}</b></p><ul>")
    for b in d.bans:
        text.append(f"• {ban_line(b)}")
        body.append(f"<li>{esc(ban_line(b))}</li>")
    body.append("</ul>")
    chart_note = t("remind.digest_chart", lang)
    text += ["", chart_note]
    body.append(
        f'<p>{esc(chart_note)}</p><img src="cid:{CHART_ID}" alt="{esc(t("remind.chart_alt", lang))}" '
        f'style="max-width:100%">'
    )
    details = t("remind.digest.open", lang, link=f"{base}/progress?{query}")
    text += [details, ""]
    body.append(f'<p><a href="{esc(base)}/progress?{esc(query)}">{esc(details)}</a></p>')


def chart_png(rows, lang: str) -> bytes:
    """Each ban's days against its target so far: the chart of /progress (core.charts), drawn
    by vl-convert as the Word report's charts are."""
    from core.exports.chart_images import png

    return png(charts.days_against_target(list(rows), lang))


def as_message(m: Mail, c: Composed, sender: mail.Sender, chart: tuple | None) -> bytes:
    """The mail's bytes; `chart` is the chart's image with its base64 (mail.encoded), made once."""
    return mail.message(
        sender, m.person.email, c.subject, c.text, c.html, (chart,) if c.chart and chart else ()
    )


def chart_image(rows, lang: str) -> tuple:
    return mail.encoded(mail.Attachment(CHART_ID, chart_png(rows, lang), "tien-do-cac-ban.png"))


# --- What was sent, kept -----------------------------------------------------------------------


def _insert(session: Session, model):
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(model)


def record(
    session: Session,
    sent: list[tuple[Mail, str]],
    failed: list[tuple[Mail, str]],
    missed: list[Mail],
    at: dt.datetime,
) -> None:
    """Keep, in the caller's transaction: the reminders of the mails sent (and their subject and
    time per person), the failures per person, the reminders missed for want of an address.
    One statement per table, whatever the number of mails."""
    rows = [
        {"kind": k, "object_id": o, "stage": s, "account_id": m.person.account_id, "outcome": SENT, "at": at}
        for m, _ in sent
        for k, o, s in m.keys
    ]
    if rows:
        upsert = _insert(session, Reminder)
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["kind", "object_id", "stage", "account_id"],
                set_={"outcome": upsert.excluded.outcome, "at": upsert.excluded.at},
            ),
            rows,
        )
    rows = [
        {
            "kind": k,
            "object_id": o,
            "stage": s,
            "account_id": m.person.account_id,
            "outcome": MISSED,
            "at": at,
        }
        for m in missed
        for k, o, s in m.keys
    ]
    if rows:
        session.execute(_insert(session, Reminder).on_conflict_do_nothing(), rows)
    if sent:
        upsert = _insert(session, MailStatus)
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["account_id"],
                set_={
                    "last_sent_at": upsert.excluded.last_sent_at,
                    "last_subject": upsert.excluded.last_subject,
                },
            ),
            [
                {"account_id": m.person.account_id, "last_sent_at": at, "last_subject": subject[:300]}
                for m, subject in sent
            ],
        )
    if failed:
        upsert = _insert(session, MailStatus)
        session.execute(
            upsert.on_conflict_do_update(
                index_elements=["account_id"],
                set_={
                    "last_error": upsert.excluded.last_error,
                    "last_error_at": upsert.excluded.last_error_at,
                },
            ),
            [
                {
                    "account_id": m.person.account_id,
                    "last_subject": "",
                    "last_error": error[:500],
                    "last_error_at": at,
                }
                for m, error in failed
            ],
        )


# --- One run at a time ----------------------------------------------------------------------------


def new_holder() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def take_lease(url: str | None, holder: str, seconds: int = LEASE_SECONDS) -> dt.datetime | None:
    """Hold the reminders' lease for `seconds`; None when taken, else until when another run
    holds it. The row is read for update (a write transaction: BEGIN IMMEDIATE on SQLite), so
    of two runs asking at once one waits and then finds it held."""
    at = now()
    try:
        with writing(url, bump_version=False) as session:
            row = session.get(Lease, LEASE, with_for_update=True)
            if row is None:
                session.add(Lease(name=LEASE, holder=holder, expires_at=at + dt.timedelta(seconds=seconds)))
                return None
            if row.holder != holder and row.expires_at > at:
                return row.expires_at
            row.holder, row.expires_at = holder, at + dt.timedelta(seconds=seconds)
            return None
    except IntegrityError:  # another run inserted the first row meanwhile (PostgreSQL)
        return at + dt.timedelta(seconds=seconds)


def renew_lease(session: Session, holder: str, seconds: int = LEASE_SECONDS) -> bool:
    """Keep the lease a while longer, in the caller's transaction; False if it is lost."""
    done = session.execute(
        update(Lease)
        .where(Lease.name == LEASE, Lease.holder == holder)
        .values(expires_at=now() + dt.timedelta(seconds=seconds))
    )
    return done.rowcount == 1


def release_lease(url: str | None, holder: str) -> None:
    with writing(url, bump_version=False) as session:
        session.execute(
            update(Lease).where(Lease.name == LEASE, Lease.holder == holder).values(expires_at=now())
        )


# --- The run --------------------------------------------------------------------------------------


@dataclass
class Result:
    today: dt.date
    planned: int = 0
    sent: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    missed: list[tuple[str, int]] = field(default_factory=list)  # (username, reminders)
    left: int = 0  # mails left for the next run
    busy_until: dt.datetime | None = None  # another run held the lease
    lost: str = ""  # why the connection was lost
    lease_lost: bool = False
    preview: list[tuple[Mail, Composed]] = field(default_factory=list)  # --dry-run
    plan_seconds: float = 0.0  # deciding who gets what
    send_seconds: float = 0.0  # writing, sending and keeping the mails

    @property
    def ok(self) -> bool:
        return not (self.failed or self.left or self.lost or self.lease_lost)


def run(
    today: dt.date,
    server: mail.SmtpServer | None,
    sender: str,
    base_url: str,
    *,
    url: str | None = None,
    dry_run: bool = False,
    connect: Callable[[mail.SmtpServer], mail.Connection] = mail.Connection,
    lease_seconds: int = LEASE_SECONDS,
) -> Result:
    """One run of the reminders for `today` (see the module's docstring)."""
    result = Result(today)
    if dry_run:
        with reading(url) as session:
            p = plan(session, today)
        result.planned = len(p.mails)
        result.preview = [(m, compose(m, base_url, today)) for m in p.mails]
        result.missed = [(m.person.username, len(m.keys)) for m in p.missed]
        return result
    holder = new_holder()
    result.busy_until = take_lease(url, holder, lease_seconds)
    if result.busy_until is not None:
        return result
    try:
        started = time.perf_counter()
        with reading(url) as session:
            p = plan(session, today)
        result.planned = len(p.mails)
        result.missed = [(m.person.username, len(m.keys)) for m in p.missed]
        if p.missed:
            with writing(url, bump_version=False) as session:
                record(session, [], [], p.missed, now())
        result.plan_seconds = time.perf_counter() - started
        if p.mails:
            _send(p, server, sender, base_url, url, connect, holder, lease_seconds, result)
        result.send_seconds = time.perf_counter() - started - result.plan_seconds
    finally:
        release_lease(url, holder)
    return result


def _send(p: Plan, server, sender, base_url, url, connect, holder, lease_seconds, result: Result) -> None:
    """Send the plan's mails on `server.connections` connections at once (threads: each mostly
    waits for the server), keeping what was sent every FLUSH_EVERY mails or FLUSH_SECONDS (and
    at the end): a lost connection stops the run, what is left waits for the next one."""
    envelope = mail.Sender.of(sender)
    charts_by_lang = {
        lang: chart_image(p.chart_rows, lang) for lang in {m.person.language for m in p.mails if m.digest}
    }
    pending = list(reversed(p.mails))
    lock = threading.Lock()
    stop = threading.Event()
    sent: list[tuple[Mail, str]] = []
    failed: list[tuple[Mail, str]] = []
    opened: list[str] = []  # why a connection could not be opened

    def work() -> None:
        conn = connect(server)
        try:
            conn.open()
        except mail.ConnectionLost as exc:
            with lock:
                opened.append(str(exc))
            return
        try:
            while not stop.is_set():
                with lock:
                    if not pending:
                        return
                    m = pending.pop()
                c = compose(m, base_url, p.today)
                try:
                    if not mail.valid_address(m.person.email):
                        raise mail.Refused(f"not a valid address: {m.person.email!r}")
                    conn.send(
                        envelope,
                        m.person.email,
                        as_message(m, c, envelope, charts_by_lang.get(m.person.language)),
                    )
                except mail.Refused as exc:
                    with lock:
                        failed.append((m, str(exc)))
                        result.failed.append((m.person.email, str(exc)))
                    continue
                except mail.ConnectionLost as exc:
                    with lock:
                        failed.append((m, str(exc)))
                        result.lost = result.lost or str(exc)
                    stop.set()
                    return
                with lock:
                    sent.append((m, c.subject))
        finally:
            conn.close()

    def flush() -> bool:
        nonlocal sent, failed
        with lock:
            done, sent, wrong, failed = sent, [], failed, []
        if not done and not wrong:
            return True
        with writing(url, bump_version=False) as session:
            record(session, done, wrong, [], now())
            kept = renew_lease(session, holder, lease_seconds)
        result.sent += len(done)
        return kept

    workers = [
        threading.Thread(target=work, name=f"remind-smtp-{n}", daemon=True)
        for n in range(max(1, min(server.connections, len(p.mails))))
    ]
    for worker in workers:
        worker.start()
    last_flush = time.monotonic()
    try:
        while any(worker.is_alive() for worker in workers):
            workers[0].join(timeout=0.1) if workers[0].is_alive() else time.sleep(0.1)
            if len(sent) >= FLUSH_EVERY or time.monotonic() - last_flush >= FLUSH_SECONDS:
                last_flush = time.monotonic()
                if not flush():
                    result.lease_lost = True
                    stop.set()
    finally:
        stop.set()
        for worker in workers:
            worker.join()
        flush()
        if len(opened) == len(workers):
            result.lost = result.lost or opened[0]
        result.left = len(p.mails) - result.sent - len(result.failed)
