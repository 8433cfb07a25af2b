"""A database user that must give its password (SCRAM), on the tests' own PostgreSQL server.

The session's server trusts every local connection (support.postgres); for the one role made
here, a line put first in its ``pg_hba.conf`` asks for the password from 127.0.0.1. The role
owns the test's database (so it can make the archive there, pg_trgm included) and is removed
afterwards, with the line; everything it made is handed back to the server's own user.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
from psycopg import sql
from support.postgres import USER, PostgresServer

_names = itertools.count(1)


def _asks_for_password(server: PostgresServer, role: str, database: str) -> bool:
    try:
        with psycopg.connect(
            host="127.0.0.1", port=server.port, user=role, dbname=database, connect_timeout=5
        ):
            return False
    except psycopg.OperationalError as err:
        return "password" in str(err)


def _reload(server: PostgresServer, role: str, database: str, *, asks: bool) -> None:
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
    deadline = time.monotonic() + 30
    while _asks_for_password(server, role, database) != asks:
        if time.monotonic() > deadline:
            raise AssertionError("PostgreSQL 没有重新读入 pg_hba.conf")
        time.sleep(0.05)


@contextmanager
def password_role(server: PostgresServer, database_url: str, password: str) -> Iterator[str]:
    """A login role with ``password`` owning the database at ``database_url``; its name."""
    role = f"pw_{os.getpid()}_{next(_names)}"
    database = urlsplit(database_url).path.lstrip("/")
    hba = server.data / "pg_hba.conf"
    rule = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        conn.execute(
            sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                sql.Identifier(database), sql.Identifier(role)
            )
        )
    original = hba.read_text(encoding="utf-8")
    hba.write_text(rule + original, encoding="utf-8")
    try:
        _reload(server, role, database, asks=True)
        yield role
    finally:
        hba.write_text(original, encoding="utf-8")
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                    sql.Identifier(database), sql.Identifier(USER)
                )
            )
            conn.execute(
                sql.SQL("REASSIGN OWNED BY {} TO {}").format(
                    sql.Identifier(role), sql.Identifier(USER)
                )
            )
        _reload(server, role, database, asks=False)
        with psycopg.connect(server.url, autocommit=True) as conn:
            conn.execute(
                sql.SQL(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {}"
                ).format(sql.Literal(role))
            )
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
