"""``jianxun --self-test --database URL``: can this computer use the server's archive?

Each check is one line in Chinese (:class:`Check`): the server answers and holds this
program's archive (its schema version, how many bulletins), Chinese search can work there
(a UTF-8 database whose character type lets pg_trgm see Chinese), and a write and read back
works — inside one transaction that is rolled back, so the check leaves nothing behind.
The archive is never made by the self-test: a database without one is a failed check.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from editor.core.paths import DataDir
from editor.core.store import SchemaTooNew, StoreError, database_place
from editor.core.store.pg import CONNECT_TIMEOUT, PgStore, pg_reason
from editor.core.store.pg_schema import PROBE, SCHEMA_VERSION, UnsuitableDatabase, check_search

__all__ = ["Check", "server_checks"]

_SAMPLE = "简讯编审台自检：地方志工作简报"


@dataclass(frozen=True)
class Check:
    """One check's outcome: ``line`` says in Chinese what was found (or why it failed)."""

    ok: bool
    line: str


def _write_and_read(conn: psycopg.Connection[tuple[Any, ...]]) -> bool:
    """Write a series and an original and read them back, in a transaction rolled back;
    whether they came back the same."""
    name = f"{_SAMPLE} {secrets.token_hex(4)}"
    data = {"name": name, "issuer": "自检", "report_to": "（自检）"}
    blob = _SAMPLE.encode("utf-8") + secrets.token_bytes(16)
    sha = hashlib.sha256(blob).hexdigest()
    with conn.transaction(force_rollback=True):  # leaves nothing behind, whatever happens
        conn.execute("INSERT INTO series (name, data) VALUES (%s, %s)", (name, Jsonb(data)))
        conn.execute(
            "INSERT INTO originals (sha256, suffix, size, data) VALUES (%s, '.txt', %s, %b)",
            (sha, len(blob), blob),
        )
        row = conn.execute("SELECT data FROM series WHERE name = %s", (name,)).fetchone()
        kept = conn.execute("SELECT data FROM originals WHERE sha256 = %s", (sha,)).fetchone()
    return row is not None and row[0] == data and kept is not None and bytes(kept[0]) == blob


def server_checks(url: str, *, data: DataDir | None = None) -> Iterator[Check]:
    """The checks in order; stops after the first that fails (the rest would fail with it)."""
    place = database_place(url)
    try:
        store = PgStore(url, data=data, create=False, read_only=True)
    except (StoreError, SchemaTooNew) as err:
        yield Check(False, f"✗ 连接：{err}")
        return
    try:
        version = store.schema_version()
        count = store.count()
    except StoreError as err:
        store.close()
        yield Check(False, f"✗ 连接：{err}")
        return
    store.close()
    yield Check(True, f"✓ 连接：{place}（档案里有 {count} 份简讯）")
    yield Check(True, f"✓ 档案版本：{version}（本程序认识到 {SCHEMA_VERSION}）")
    try:
        with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, autocommit=True) as conn:
            try:
                check_search(conn)
            except UnsuitableDatabase as err:
                yield Check(False, f"✗ 中文检索：{place}：{err}")
                return
            row = conn.execute(
                "SELECT current_setting('server_encoding'), current_setting('lc_ctype')"
            ).fetchone()
            assert row is not None
            yield Check(
                True,
                f"✓ 中文检索：编码 {row[0]}，字符类型 {row[1]}，pg_trgm 能在“{PROBE}”里找出三字组",
            )
            try:
                same = _write_and_read(conn)
            except psycopg.Error as err:
                yield Check(False, f"✗ 读写：{place}：{pg_reason(err)}")
                return
            if not same:
                yield Check(False, f"✗ 读写：{place}：写入的内容读回来不一样")
                return
            yield Check(
                True, "✓ 读写：在一个事务里写入并读回一条系列和一份原件（已回滚，没有留下）"
            )
    except psycopg.Error as err:
        yield Check(False, f"✗ 连接：{place}：{pg_reason(err)}")
