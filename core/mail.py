"""Mail: the SMTP settings, a mail as the standard library builds it, and one SMTP connection
that sends many.

Settings come as a URL (`DICOSO_SMTP_URL`, or `url` in the `[smtp]` table of
.streamlit/secrets.toml, read by cli/remind.py):

    smtp://user:pass@host:587   STARTTLS whenever the server offers it (port 25 by default)
    smtps://user:pass@host:465  TLS from the first byte (port 465 by default)
    smtp://host?connections=2   how many SMTP sessions a run opens at once (default 4)

A user name and password in the URL are percent-decoded (an "@" in a password is written
%40); without them nothing is sent to log in. Certificates are checked against the system's
authorities (SSL_CERT_FILE names another bundle).
"""

from __future__ import annotations

import base64
import email.utils
import re
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from email.header import Header
from urllib.parse import parse_qs, unquote, urlsplit

CRLF = "\r\n"

ADDRESS = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"']+$")
TIMEOUT_SECONDS = 30
CONNECTIONS = 4  # a run sends on this many SMTP sessions at once: each mostly waits for the server


def valid_address(address: str) -> bool:
    return bool(ADDRESS.match(address or "")) and len(address) <= 200


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool  # smtps://: TLS from the start; smtp:// uses STARTTLS when the server offers it
    username: str = ""
    password: str = ""
    connections: int = CONNECTIONS  # sessions a run opens at once (?connections=N in the URL)

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
        asked = parse_qs(parts.query).get("connections", [str(CONNECTIONS)])[-1]
        if not asked.isdigit() or not 1 <= int(asked) <= 20:
            raise ValueError("connections must be a number from 1 to 20")
        return cls(
            parts.hostname,
            port or (465 if tls else 25),
            tls,
            unquote(parts.username or ""),
            unquote(parts.password or ""),
            int(asked),
        )

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


@dataclass(frozen=True)
class Sender:
    """The sender as the headers and the envelope want it, made once for a run's mails."""

    header: str  # the From header's value, encoded
    address: str  # the envelope's sender
    domain: str

    @classmethod
    def of(cls, sender: str) -> Sender:
        name, address = email.utils.parseaddr(sender)
        return cls(
            email.utils.formataddr((name, address), charset="utf-8"),
            address,
            address.rsplit("@", 1)[-1] or "localhost",
        )


def _header(name: str, value: str) -> bytes:
    if "\r" in value or "\n" in value:  # never a header of one's own in an address or a subject
        raise ValueError(f"a line break in the {name} header")
    if value.isascii():
        return f"{name}: {value}".encode()
    return f"{name}: {Header(value, 'utf-8', header_name=name).encode(linesep=CRLF)}".encode()


def _base64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def message(
    sender: Sender,
    to: str,
    subject: str,
    text: str,
    html: str,
    images: tuple[tuple[Attachment, bytes], ...] = (),
) -> bytes:
    """A mail as the bytes sent: a plain text and an HTML body (UTF-8, base64), the images
    inside the HTML (multipart/related), each given with its base64 (made once for all mails).

    Written out rather than through email.message.EmailMessage, whose header folding and
    generator cost some 5 ms a mail: a run that reminds 50,000 people has no such time."""
    token = uuid.uuid4().hex
    outer, inner = f"alt-{token}".encode(), f"rel-{token}".encode()
    head = [
        _header("From", sender.header),
        _header("To", to),
        _header("Subject", subject),
        f"Date: {email.utils.formatdate(localtime=True)}".encode(),
        f"Message-ID: <{token}@{sender.domain}>".encode(),
        b"Auto-Submitted: auto-generated",  # RFC 3834: no vacation replies to a reminder
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/alternative; boundary="' + outer + b'"',
    ]
    text_part = (
        b'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + _base64(text.encode())
    )
    html_part = (
        b'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + _base64(html.encode())
    )
    if images:
        parts = [html_part] + [
            (
                f"Content-Type: image/{image.subtype}\r\nContent-Transfer-Encoding: base64\r\n"
                f"Content-ID: <{image.content_id}>\r\n"
                f'Content-Disposition: inline; filename="{image.filename}"\r\n\r\n'
            ).encode()
            + encoded
            for image, encoded in images
        ]
        html_part = (
            b'Content-Type: multipart/related; boundary="'
            + inner
            + b'"\r\n\r\n'
            + b"".join(b"--" + inner + b"\r\n" + part for part in parts)
            + b"--"
            + inner
            + b"--\r\n"
        )
    body = (
        b"".join(b"--" + outer + b"\r\n" + part for part in (text_part, html_part))
        + b"--"
        + outer
        + b"--\r\n"
    )
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def encoded(attachment: Attachment) -> tuple[Attachment, bytes]:
    """An image with its base64, for `message`."""
    return attachment, _base64(attachment.data)


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
        except (
            smtplib.SMTPException,
            OSError,
            UnicodeError,
        ) as exc:  # UnicodeError: smtplib logs in in ASCII
            raise ConnectionLost(describe(exc)) from exc
        self.smtp = smtp

    def send(self, sender: Sender, to: str, msg: bytes) -> None:
        if self.smtp is None:
            raise ConnectionLost("not connected")
        try:
            refused = self.smtp.sendmail(sender.address, [to], msg)
        except smtplib.SMTPRecipientsRefused as exc:
            raise Refused(describe(exc)) from exc
        except UnicodeError as exc:  # an address in UTF-8, which this server was not asked to take
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
