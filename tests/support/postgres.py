"""A real, throwaway PostgreSQL server for the tests: Debian's ``postgresql`` package, run on
loopback from a temporary folder (``initdb``, ``pg_ctl start``), stopped and removed at the end.

The server is tuned for tests only: ``fsync``, ``synchronous_commit`` and ``full_page_writes``
are off, which makes it fast and would lose data in a power cut — never settings for an office.
``initdb`` refuses to run as root; as root the server runs as the ``postgres`` system user
(``runuser``), with its folder handed over to that user.

Each test gets its own database (:func:`fresh_database`): UTF-8, from ``template0``, character
type ``C.UTF-8`` (with ``C``, pg_trgm finds no trigrams in Chinese text), dropped afterwards.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

USER = "jianxun"
SERVER_USER = "postgres"
"""The system user the server runs as when the tests run as root."""
START_TIMEOUT = 60.0
LOCALE = "C.UTF-8"
INITDB = ["-E", "UTF8", f"--locale={LOCALE}", "-A", "trust", "-U", USER, "--no-sync"]
"""A UTF-8 cluster with a UTF-8 character type, trusting local connections, not synced (tests)."""
STOP = ["-m", "fast", "-w", "-t", "60", "stop"]


class PostgresUnavailable(Exception):
    """No PostgreSQL server programs on this computer (the message says what to install)."""


class PostgresFailed(Exception):
    """The programs are there but the server did not start (the message quotes its log)."""


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: from PATH, else the newest Debian one."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        folder = Path(found).resolve().parent
        if (folder / "pg_ctl").is_file():
            return folder
    candidates = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").is_file()),
        key=_version_key,
    )
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    """A running server: ``url`` reaches its ``postgres`` database as the superuser."""

    folder: Path
    bin_dir: Path
    port: int
    run_as: str | None
    initdb_seconds: float
    start_seconds: float

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "（没有服务器日志）"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (fast: open sessions are ended) and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                _run(
                    [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *STOP],
                    self.run_as,
                    self.folder,
                    check=False,
                )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _command(argv: list[str], run_as: str | None) -> list[str]:
    return argv if run_as is None else ["runuser", "-u", run_as, "--", *argv]


def _run(
    argv: list[str], run_as: str | None, cwd: Path, *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LC_MESSAGES": "C"}
    done = subprocess.run(
        _command(argv, run_as),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        check=False,
    )
    if check and done.returncode != 0:
        raise PostgresFailed(
            f"{Path(argv[0]).name} 失败（退出码 {done.returncode}）：{done.stderr.strip()}"
        )
    return done


def _accepting(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.OperationalError:
        return False


def postgres_server() -> PostgresServer:
    """Make a cluster in a new temporary folder and start it on a free loopback port.

    PostgresUnavailable when there are no server programs; PostgresFailed when it will
    not start (the server's log is in the message).
    """
    bin_dir = find_binaries()
    if bin_dir is None:
        raise PostgresUnavailable(
            "这台电脑上没有 PostgreSQL 服务器程序（initdb、pg_ctl；"
            "Debian 的 postgresql 软件包，scripts/setup.sh 以 root 运行时会安装）"
        )
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise PostgresFailed(
                f"以 root 运行时服务器要用系统用户 {SERVER_USER} 启动，但没有这个用户"
            ) from None
        run_as = SERVER_USER
    # As root, in /tmp: the server's user must be able to reach the folder (not so under /root).
    folder = Path(tempfile.mkdtemp(prefix="jianxun-pg-", dir="/tmp" if run_as else None))
    server = PostgresServer(folder, bin_dir, 0, run_as, 0.0, 0.0)
    try:
        (folder / "socket").mkdir()
        if run_as is not None:
            for path in (folder, folder / "socket"):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        began = time.monotonic()
        _run(
            [str(bin_dir / "initdb"), "-D", str(server.data), *INITDB],
            run_as,
            folder,
        )
        server.initdb_seconds = time.monotonic() - began
        for attempt in itertools.count(1):
            server.port = _free_port()
            began = time.monotonic()
            if _start(server):
                server.start_seconds = time.monotonic() - began
                return server
            if attempt == 3:
                raise PostgresFailed(f"PostgreSQL 没有启动：\n{server.log_tail()}")
    except BaseException:
        server.stop()
        raise
    raise AssertionError("unreachable")


def _start(server: PostgresServer) -> bool:
    """Start the server and wait until it takes connections; False if it did not (port taken)."""
    options = " ".join(
        [
            f"-k {server.folder / 'socket'}",
            "-c listen_addresses=127.0.0.1",
            f"-p {server.port}",
            # For tests only: no flushing to disk (fast; a power cut would lose data).
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200",
        ]
    )
    server.log.unlink(missing_ok=True)  # an earlier attempt's FATAL is not this one's
    pg_ctl = [str(server.bin_dir / "pg_ctl"), "-D", str(server.data), "-l", str(server.log)]
    _run(
        [*pg_ctl, "-W", "-o", options, "start"],
        server.run_as,
        server.folder,
    )
    deadline = time.monotonic() + START_TIMEOUT
    pause = 0.02
    while time.monotonic() < deadline:
        if _accepting(server.url):
            return True
        if not (server.data / "postmaster.pid").exists() and "FATAL" in server.log_tail():
            return False  # it gave up (the port was taken a moment ago, …)
        time.sleep(pause)
        pause = min(pause * 1.5, 0.25)
    return False


_names = itertools.count(1)


def create_database(server: PostgresServer) -> str:
    """A new, empty database with a UTF-8 character type; its URL."""
    name = f"test_{os.getpid()}_{next(_names)}"
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE {} LC_CTYPE {}"
            ).format(sql.Identifier(name), sql.Literal(LOCALE), sql.Literal(LOCALE))
        )
    return server.url_for(name)


def drop_database(server: PostgresServer, url: str) -> None:
    """Drop a database made by :func:`create_database`, ending any session still in it."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextmanager
def fresh_database(server: PostgresServer) -> Iterator[str]:
    """A new database for one test (its URL), dropped afterwards."""
    url = create_database(server)
    try:
        yield url
    finally:
        drop_database(server, url)
