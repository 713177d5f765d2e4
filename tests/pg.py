"""A throwaway PostgreSQL cluster for the test session.

`PgCluster` runs `initdb` + `pg_ctl` in a temporary directory, on a free TCP port bound to
127.0.0.1, with trust authentication for the superuser `postgres`. PostgreSQL refuses to
run as root, so when the tests run as root the cluster is owned by an unprivileged system
user (`postgres` if it exists, else `dicoso-pg`, created with `useradd -r`) and the
commands go through `runuser -u <user> --` (or `su`).

Used by the `pg_server` fixture in tests/conftest_pg.py; `new_pg_database(base_url)`
creates a fresh, empty database and returns its SQLAlchemy URL.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid

PG_USER_FALLBACK = "dicoso-pg"


class PgUnavailable(Exception):
    """The PostgreSQL server binaries (or a way to run them) are not on this machine."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_pg_bin(name: str) -> str | None:
    """`initdb`/`pg_ctl` on PATH, else in Debian's /usr/lib/postgresql/<ver>/bin (newest)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    return candidates[-1] if candidates else None


def _ensure_os_user() -> str:
    """The unprivileged user that owns the cluster when we are root."""
    for name in ("postgres", PG_USER_FALLBACK):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            pass
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    subprocess.run(
        [useradd, "-r", "-M", "-d", "/nonexistent", "-s", "/usr/sbin/nologin", PG_USER_FALLBACK],
        check=True,
        capture_output=True,
    )
    return PG_USER_FALLBACK


class PgCluster:
    def __init__(self) -> None:
        self.initdb = find_pg_bin("initdb")
        self.pg_ctl = find_pg_bin("pg_ctl")
        if not self.initdb or not self.pg_ctl:
            raise PgUnavailable("PostgreSQL server binaries `initdb`/`pg_ctl` not found")
        self.os_user: str | None = None
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser") or shutil.which("su")
            if not runuser:
                raise PgUnavailable("running as root, and neither `runuser` nor `su` is available")
            self.os_user = _ensure_os_user()
            if os.path.basename(runuser) == "runuser":
                self.prefix = [runuser, "-u", self.os_user, "--"]
            else:
                self.prefix = [runuser, "-s", "/bin/sh", self.os_user, "-c", '"$0" "$@"']
        self.tmp: str | None = None
        self.port: int | None = None
        self.started = False

    # -- paths ---------------------------------------------------------------------------
    @property
    def datadir(self) -> str:
        return os.path.join(self.tmp, "data")

    @property
    def logfile(self) -> str:
        return os.path.join(self.tmp, "log")

    @property
    def url(self) -> str:
        """Base URL: append a database name to connect to it."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/"

    # -- life cycle ----------------------------------------------------------------------
    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("PGDATA", None)
        return subprocess.run(
            [*self.prefix, *args],
            cwd=self.tmp,  # the pg user may not be allowed into the current directory
            env=env,
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    def start(self) -> str:
        # A short path: the Unix socket goes here too (sun_path is ~107 bytes).
        self.tmp = tempfile.mkdtemp(prefix="dicoso-pg-")
        if self.os_user:
            pw = pwd.getpwnam(self.os_user)
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
        os.chmod(self.tmp, 0o700)
        try:
            self._initdb()
            last = None
            for _ in range(3):  # the free port may be taken meanwhile: try another
                self.port = free_port()
                opts = (
                    f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 "
                    "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
                )
                r = self._run(
                    self.pg_ctl,
                    "-D",
                    self.datadir,
                    "-o",
                    opts,
                    "-l",
                    self.logfile,
                    "-w",
                    "-t",
                    "60",
                    "start",
                    check=False,
                )
                if r.returncode == 0:
                    self.started = True
                    return self.url
                last = r
            raise RuntimeError(
                f"pg_ctl start failed:\n{last.stdout}\n{last.stderr}\n--- server log ---\n" + self._log_tail()
            )
        except BaseException:
            self.stop()
            raise

    def _initdb(self) -> None:
        base = [self.initdb, "-D", self.datadir, "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        r = self._run(*base, "--locale=C.UTF-8", check=False)
        if r.returncode != 0:
            shutil.rmtree(self.datadir, ignore_errors=True)
            r2 = self._run(*base, "--locale=C", check=False)
            if r2.returncode != 0:
                raise RuntimeError(
                    f"initdb failed:\n{r.stdout}\n{r.stderr}\n(--locale=C):\n{r2.stdout}\n{r2.stderr}"
                )

    def _log_tail(self, n: int = 40) -> str:
        try:
            with open(self.logfile, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.tmp is None:
            return
        try:
            if self.started:
                self._run(self.pg_ctl, "-D", self.datadir, "-m", "immediate", "-w", "stop", check=False)
                self.started = False
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def _admin(pg_server: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    base = pg_server if pg_server.endswith("/") else pg_server + "/"
    eng = create_engine(base + "postgres", isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            conn.execute(text(statement))
    finally:
        eng.dispose()


def new_pg_database(pg_server: str, template: str | None = None) -> str:
    """Create a database `t_<uuid>` on the server at base URL `pg_server` (empty, or a copy
    of the database named `template`, which nobody may be connected to); return its URL."""
    name = "t_" + uuid.uuid4().hex
    base = pg_server if pg_server.endswith("/") else pg_server + "/"
    _admin(base, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return base + name


def drop_pg_database(url: str) -> None:
    """Drop the database of `url` (connections to it must be closed first)."""
    base, name = url.rsplit("/", 1)
    _admin(base + "/", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
