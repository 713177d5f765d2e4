"""Composing a mail: its subject, its text and HTML bodies, and the digest's chart as a PNG."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from core import charts, formatting, mail, todo
from core.i18n import t
from core.reminders.choices import CHART_ID, LISTED
from core.reminders.planning import BanLine, Digest, Mail

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
