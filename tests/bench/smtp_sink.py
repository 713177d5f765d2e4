"""An SMTP server that accepts and drops every mail, for the bench (tests/bench/remind.py).

    python -m tests.bench.smtp_sink PORT            # the least an SMTP server can do
    python -m tests.bench.smtp_sink PORT aiosmtpd   # aiosmtpd's server (Sink handler)

The first answers each command of RFC 5321 with the reply a server accepting everything gives
and reads a message's data to its final dot, parsing nothing else: it stands for a mail
server's front end (Postfix accepts thousands of mails a second), so that the bench times
dicoso's side of a run. aiosmtpd, pure Python, accepts about a thousand mails a second here:
a run against it takes the server's pace. Several processes share the port (SO_REUSEPORT), and
the kernel spreads a run's connections over them.
"""

from __future__ import annotations

import asyncio
import socket
import sys

END = b"\r\n.\r\n"


class Sink(asyncio.Protocol):
    def connection_made(self, transport) -> None:
        self.transport = transport
        self.buffer = b""
        self.in_data = False
        transport.write(b"220 sink.bench ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            if self.in_data:
                end = self.buffer.find(END)
                if end < 0:
                    self.buffer = self.buffer[-4:]  # the end may come split across reads
                    return
                self.buffer, self.in_data = self.buffer[end + len(END) :], False
                self.transport.write(b"250 2.0.0 queued\r\n")
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                return
            line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
            self.command(line[:4].upper())

    def command(self, verb: bytes) -> None:
        if verb == b"EHLO":
            self.transport.write(b"250-sink.bench\r\n250-8BITMIME\r\n250 SIZE 33554432\r\n")
        elif verb == b"DATA":
            self.in_data = True
            self.buffer = b"\r\n" + self.buffer  # the data's first line may be its end
            self.transport.write(b"354 end data with <CR><LF>.<CR><LF>\r\n")
        elif verb == b"QUIT":
            self.transport.write(b"221 2.0.0 bye\r\n")
            self.transport.close()
        else:  # HELO, MAIL, RCPT, RSET, NOOP
            self.transport.write(b"250 2.0.0 ok\r\n")


async def serve(port: int, kind: str) -> None:
    loop = asyncio.get_running_loop()
    if kind == "aiosmtpd":
        from aiosmtpd.handlers import Sink as Dropped
        from aiosmtpd.smtp import SMTP

        factory = lambda: SMTP(Dropped(), hostname="sink.bench")  # noqa: E731
    else:
        factory = Sink
    server = await loop.create_server(factory, "127.0.0.1", port, reuse_port=True, family=socket.AF_INET)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "minimal"))
