"""Mail: the SMTP settings, a mail as the standard library builds it, and one SMTP connection
that sends many.

Settings come as a URL (`DICOSO_SMTP_URL`, or `url` in the `[smtp]` table of
.streamlit/secrets.toml, read by cli/remind.py):

    smtp://user:pass@host:587   STARTTLS whenever the server offers it (port 25 by default)
    smtps://user:pass@host:465  TLS from the first byte (port 465 by default)

A user name and password in the URL are percent-decoded (an "@" in a password is written
%40); without them nothing is sent to log in. Certificates are checked against the system's
authorities (SSL_CERT_FILE names another bundle).
"""

from __future__ import annotations

import email.utils
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

ADDRESS = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"']+$")
TIMEOUT_SECONDS = 30


def valid_address(address: str) -> bool:
    return bool(ADDRESS.match(address or "")) and len(address) <= 200


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool  # smtps://: TLS from the start; smtp:// uses STARTTLS when the server offers it
    username: str = ""
    password: str = ""

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """The server of an smtp:// or smtps:// URL; ValueError says what is wrong with it."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("the URL must start with smtp:// or smtps://")
        if not parts.hostname:
            raise ValueError("the URL names no host")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("the port is not a number") from None
        tls = parts.scheme == "smtps"
        return cls(parts.hostname, port or (465 if tls else 25), tls,
                   unquote(parts.username or ""), unquote(parts.password or ""))

    def __repr__(self) -> str:  # never the password (logs, tracebacks)
        who = f"{self.username}@" if self.username else ""
        return f"SmtpServer({'smtps' if self.tls else 'smtp'}://{who}{self.host}:{self.port})"


@dataclass(frozen=True)
class Attachment:
    """An image shown inside the mail's HTML (`<img src="cid:…">`), not fetched from anywhere."""

    content_id: str  # without the angle brackets
    data: bytes
    filename: str
    subtype: str = "png"


def message(sender: str, to: str, subject: str, text: str, html: str,
            images: tuple[Attachment, ...] = ()) -> EmailMessage:
    """A mail with a plain text and an HTML body, the images inline in the HTML."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = email.utils.formatdate(localtime=True)
    msg["Message-ID"] = email.utils.make_msgid(domain=sender.rsplit("@", 1)[-1].strip("> ") or None)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a reminder
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if images:
        html_part = msg.get_payload()[1]
        for image in images:
            html_part.add_related(image.data, "image", image.subtype, cid=f"<{image.content_id}>",
                                  filename=image.filename, disposition="inline")
    return msg


class ConnectionLost(Exception):
    """The server went away or refused to go on: what is left waits for the next run."""


class Refused(Exception):
    """The server refused this one mail (a bad address, a full mailbox): the others go on."""


class Connection:
    """One SMTP session that sends many mails; `send` raises Refused or ConnectionLost."""

    def __init__(self, server: SmtpServer, timeout: float = TIMEOUT_SECONDS):
        self.server = server
        self.timeout = timeout
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Connection:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        server, context = self.server, ssl.create_default_context()
        try:
            if server.tls:
                smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=self.timeout, context=context)
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=self.timeout)
                smtp.ehlo()
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=context)
                    smtp.ehlo()
            if server.username:
                smtp.login(server.username, server.password)
        except (smtplib.SMTPException, OSError, UnicodeError) as exc:  # UnicodeError: smtplib logs in in ASCII
            raise ConnectionLost(describe(exc)) from exc
        self.smtp = smtp

    def send(self, msg: EmailMessage) -> None:
        if self.smtp is None:
            raise ConnectionLost("not connected")
        try:
            refused = self.smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            raise Refused(describe(exc)) from exc
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            # 421: the server is closing the connection; any other code refuses this mail only.
            if exc.smtp_code == 421:
                self.smtp = None
                raise ConnectionLost(describe(exc)) from exc
            raise Refused(describe(exc)) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self.smtp = None
            raise ConnectionLost(describe(exc)) from exc
        if refused:
            raise Refused(describe(refused))

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None


def describe(exc) -> str:
    """A short line of why a send failed (kept for the admins, 500 characters at most)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        exc = exc.recipients
    if isinstance(exc, dict):
        return "; ".join(f"{to}: {code} {_text(reply)}" for to, (code, reply) in exc.items())[:500]
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"[:500]
    return (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)[:500]


def _text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
