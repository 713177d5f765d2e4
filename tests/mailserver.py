"""A real SMTP server for the reminder tests (aiosmtpd, on 127.0.0.1 and a free port): it keeps
every message it accepted, and can be told to refuse an address, to drop the connection after
a number of messages, or to hold a message until the test lets it go."""

from __future__ import annotations

import email
import email.policy
import subprocess
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from core.mail import SmtpServer
from tests.pg import free_port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def to(self) -> str:
        return self.recipients[0]

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def body(self, subtype: str = "plain") -> str:
        return self.message.get_body(preferencelist=(subtype,)).get_content()

    def images(self) -> list[EmailMessage]:
        return [part for part in self.message.walk() if part.get_content_type() == "image/png"]


@dataclass
class Collector:
    """The handler: messages accepted, and what to do wrong."""

    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # addresses answered 550 at RCPT
    drop_after: int | None = None  # answer 421 (closing) to every message after this many
    hold: threading.Event | None = None  # the first message waits for it before being accepted
    held: threading.Event = field(default_factory=threading.Event)  # set once a message is waiting
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop_after is not None and len(self.messages) >= self.drop_after:
            return "421 4.3.0 closing the connection"
        if self.hold is not None and not self.hold.is_set():
            import asyncio

            self.held.set()
            while not self.hold.is_set():
                await asyncio.sleep(0.05)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    @property
    def recipients(self) -> list[str]:
        return sorted(r for m in self.messages for r in m.recipients)

    def to(self, address: str) -> Received:
        (found,) = [m for m in self.messages if address in m.recipients]
        return found


@contextmanager
def smtp_server(handler: Collector | None = None, **options):
    """A running SMTP server: yields (handler, core.mail.SmtpServer pointing at it)."""
    handler = handler or Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield handler, SmtpServer("127.0.0.1", port, tls=bool(options.get("ssl_context")))
    finally:
        controller.stop()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def authenticator(username: str, password: str):
    """An aiosmtpd authenticator accepting one user name and password."""

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode(),
            auth_data.password.decode(),
        ) == (username, password)
        return AuthResult(success=ok)

    return check
