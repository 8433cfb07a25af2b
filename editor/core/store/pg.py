"""The archive on a PostgreSQL server, shared by every desk of an office (issue 17).

The same public interface as the SQLite archive (:class:`editor.core.store.Store`): the
same methods, records and errors, in the same Chinese. What differs is underneath:

- a connection pool (psycopg_pool, 1–4 connections) instead of one shared connection; every
  change is one transaction, and what it decides on is read inside it (``SELECT … FOR
  UPDATE``), so two desks cannot both act on the same old state;
- every write to a bulletin adds one to its ``version``; a change made on an older version
  than the archive's (``base_version``) is refused (EditConflict), and every update says
  which version it replaces (``UPDATE … WHERE id = … AND version = …``);
- a file's content is recorded once however many desks take it at once
  (``INSERT … ON CONFLICT (sha256) DO NOTHING RETURNING id``);
- the bulletin JSON is ``jsonb``, times are ``timestamptz`` (shown in this computer's time
  zone, as the SQLite archive writes them), the originals are ``bytea`` rows, so one database
  backup holds everything;
- Chinese search by pg_trgm and by arrays of characters and pairs (:mod:`.pg_search`).

Every database problem is a :class:`StoreError` (or SchemaTooNew) naming the server and
database (never the password) and saying why in plain Chinese; psycopg's English text is
never shown.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
import psycopg.conninfo
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

import editor.core.store as _base
from editor.core.checks import SeriesIssue
from editor.core.diff import changes
from editor.core.model import Bulletin
from editor.core.paths import DataDir, data_dir
from editor.core.series import Series
from editor.core.store.packing import TITLES_END
from editor.core.store.pg_schema import (
    INBOX_LOCK,
    SCHEMA_VERSION,
    ArchiveMissing,
    ForeignDatabase,
    SchemaTooNew,
    UnsuitableDatabase,
    check_search,
    current_version,
    migrate,
)
from editor.core.store.pg_search import (
    SHORT_QUERY,
    TOKENS_KIND,
    WORD_QUERY,
    all_renewed,
    like_pattern,
    renew_tokens,
    short_condition,
    token_array,
)
from editor.core.store.protocol import InboxClaim
from editor.core.store.records import (
    RECOGNITION_AGAIN,
    TAKEOVER_ACTION,
    UNREADABLE_KEY,
    Added,
    Arrival,
    EditConflict,
    Lease,
    LeaseHeld,
    Record,
    Revision,
    StoreError,
    Summary,
    arrival_detail,
    index_fields,
    recognition_detail,
    takeover_note,
)
from editor.core.workflow import FAILED, NEW, RECOGNISING, next_status

__all__ = ["PgStore", "pg_reason"]

Conn = psycopg.Connection[tuple[Any, ...]]

CONNECT_TIMEOUT = 10
"""Seconds to wait for the server to answer a new connection."""
POOL_TIMEOUT = 30.0
"""Seconds a request waits for a free connection before it is a StoreError."""
POOL_MAX = 4
SAMPLE = 200
"""How many of the newest bulletins a long search looks at first, to judge its phrase."""

_SUMMARY = (
    "id",
    "status",
    "series",
    "issue",
    "total_issue",
    "issue_date",
    "title",
    "warning_count",
    "source_path",
    "source_name",
    "received_at",
    "failure",
    "previous_id",
)
_SUMMARY_COLUMNS = ", ".join(_SUMMARY)
_B_SUMMARY_COLUMNS = ", ".join("b." + c for c in _SUMMARY)
_RECEIVED = _SUMMARY.index("received_at")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _jsonb(value: Any) -> Jsonb:
    return Jsonb(value, dumps=_dumps)


def _stamp(value: datetime | None) -> str | None:
    """A time as the SQLite archive writes it: ISO 8601 to the second, in local time."""
    return None if value is None else value.astimezone().isoformat(timespec="seconds")


def _summary(row: tuple[Any, ...]) -> Summary:
    values = list(row)
    values[_RECEIVED] = _stamp(values[_RECEIVED])
    return Summary(*values)


def _missing(bulletin_id: int) -> StoreError:
    return StoreError(f"没有编号为 {bulletin_id} 的简报")


_LEASE_COLUMNS = "bulletin_id, username, desk, host, expires"


def _lease(row: tuple[Any, ...]) -> Lease:
    return Lease(int(row[0]), str(row[1]), str(row[2]), str(row[3]), row[4].astimezone(UTC))


INBOX_APPLICATION = "jianxun inbox"
"""The ``application_name`` of the connection that holds the inbox duty."""
KEEPALIVE = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
"""TCP keepalives for that connection: a network gone dead is noticed in about a minute."""


class _SessionClaim:
    """The inbox duty of a server archive: a session advisory lock on a connection of its own.

    Not from the pool: the lock belongs to the session, and lives exactly as long as this
    connection. When the desk's process ends, or the server or network drops the
    connection, the server lets go of it and the next desk that asks gets the duty.
    """

    def __init__(self, conn: Conn) -> None:
        self._conn: Conn | None = conn
        self._guard = threading.Lock()

    def holding(self) -> bool:
        """Whether the connection still answers (and so still holds the lock)."""
        with self._guard:
            conn = self._conn
            if conn is None:
                return False
            try:
                conn.execute("SELECT 1").fetchone()
            except psycopg.Error:
                self._conn = None
                conn.close()
                return False
            return True

    def release(self) -> None:
        """Close the connection: the server releases the lock with the session."""
        with self._guard:
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


_REASONS = {
    "28P01": "数据库用户名或密码不对",
    "28000": "数据库服务器不允许这个用户从这台电脑连接（见服务器的 pg_hba.conf）",
    "3D000": "服务器上没有这个数据库",
    "53300": "数据库服务器的连接数已满，请稍后再试",
    "53100": "数据库服务器的磁盘已满",
    "53200": "数据库服务器内存不足",
    "57P01": "数据库服务器正在关闭，请稍后再试",
    "57P02": "数据库服务器正在关闭，请稍后再试",
    "57P03": "数据库服务器正在启动或关闭，请稍后再试",
    "42501": "数据库用户没有所需的权限",
    "25006": "档案以只读方式打开，不能写入",
    "40001": "与另一处同时进行的更改冲突，请再试一次",
    "40P01": "与另一处同时进行的更改冲突，请再试一次",
    "55P03": "档案正被其他程序占用，请稍后再试",
    "57014": "数据库操作超时",
}


_UNREACHABLE = "无法连接数据库服务器（请检查服务器地址、端口、网络，以及服务器是否在运行）"

# A failed connection has no SQLSTATE: libpq's text (and the server's, in English) says why.
_CONNECT_REASONS = (
    (re.compile(r'database "[^"]*" does not exist'), _REASONS["3D000"]),
    (re.compile(r'role "[^"]*" does not exist'), "服务器上没有这个数据库用户"),
    (re.compile(r"password authentication failed|no password supplied"), _REASONS["28P01"]),
    (re.compile(r"no pg_hba\.conf entry"), _REASONS["28000"]),
    (re.compile(r"starting up|shutting down|in recovery mode"), _REASONS["57P03"]),
    (re.compile(r"too many clients|connection slots are reserved"), _REASONS["53300"]),
    (re.compile(r"resolve host|translate host name"), "找不到数据库服务器（服务器名称无法解析）"),
    (re.compile(r"timeout expired"), "连接数据库服务器超时（请检查网络和服务器地址）"),
    (re.compile(r"Connection refused"), "数据库服务器拒绝连接（服务器没有运行，或地址、端口不对）"),
)


def pg_reason(err: psycopg.Error) -> str:
    """What a psycopg error means for the archive, in plain Chinese (its own text is English)."""
    if isinstance(err, PoolTimeout):
        return "数据库服务器没有响应（等待可用连接超时），请检查网络和服务器"
    state = err.sqlstate or ""
    if not state and isinstance(err, psycopg.ProgrammingError):
        return "数据库地址写得不对（应为 postgresql://用户@服务器:端口/数据库）"
    if state in _REASONS:
        return _REASONS[state]
    if not state and isinstance(err, psycopg.OperationalError):
        text = str(err)
        for pattern, reason in _CONNECT_REASONS:
            if pattern.search(text):
                return reason
        return _UNREACHABLE
    if state.startswith("08"):
        return "与数据库服务器的连接中断，请稍后再试"
    if state.startswith("53"):
        return "数据库服务器资源不足"
    if state.startswith("XX"):
        return "数据库服务器内部出错（数据可能已损坏）"
    return "数据库出错"


class PgStore:
    """The archive in a PostgreSQL database (``url``: ``postgresql://user@host:port/db``).

    ``data`` is the local data directory, kept for what the desk keeps on this computer; the
    archive needs none of it. Originals are rows of the database (:meth:`keep_original`).
    """

    def __init__(
        self,
        url: str,
        *,
        data: DataDir | None = None,
        create: bool = True,
        read_only: bool = False,
    ) -> None:
        """Connect, making the archive only if ``create``; ``read_only`` writes nothing.

        A database without the archive is a StoreError when it is not to be made (or is
        ``read_only``); one holding another program's tables, or one whose encoding or
        character type cannot serve Chinese search, is refused with what to fix. A
        read-only open of an archive from an older version upgrades it once, as SQLite's.
        """
        self.url = url
        self.place = _base.database_place(url)
        self.data: DataDir = data if data is not None else data_dir()
        self.read_only = read_only
        kwargs: dict[str, Any] = {"autocommit": True}
        info = self._info(url)
        if "connect_timeout" not in info:
            kwargs["connect_timeout"] = CONNECT_TIMEOUT
        if "application_name" not in info:
            kwargs["application_name"] = "jianxun"
        self._kwargs = kwargs
        self._claims: list[_SessionClaim] = []
        try:
            with psycopg.connect(url, **kwargs) as conn:
                migrate(conn, create=create and not read_only)
                check_search(conn)
        except (ArchiveMissing, ForeignDatabase, UnsuitableDatabase) as err:
            raise StoreError(f"{self.place}：{err}") from err
        except SchemaTooNew as err:
            raise SchemaTooNew(f"{self.place}：{err}") from err
        except psycopg.Error as err:
            raise StoreError(f"{self.place}：{pg_reason(err)}") from err
        self._pool: ConnectionPool[Conn] = ConnectionPool(
            url,
            kwargs=kwargs,
            min_size=1,
            max_size=POOL_MAX,
            open=False,
            configure=self._configure,
            check=ConnectionPool.check_connection,
            timeout=POOL_TIMEOUT,
            name="jianxun",
        )
        try:
            self._pool.open(wait=True, timeout=POOL_TIMEOUT)
        except psycopg.Error as err:
            self._pool.close()
            raise StoreError(f"{self.place}：{pg_reason(err)}") from err

    @staticmethod
    def _info(url: str) -> dict[str, Any]:
        try:
            return dict(psycopg.conninfo.conninfo_to_dict(url))
        except psycopg.Error:
            return {}

    def _configure(self, conn: Conn) -> None:
        # No server-side prepared statements: after a few runs PostgreSQL may keep one
        # generic plan for every search word, which ignores the plan each search chooses
        # (``_newest_matches``): a rare or absent word then took seconds, not milliseconds.
        conn.prepare_threshold = None
        if self.read_only:
            conn.execute("SET default_transaction_read_only = on")

    def close(self) -> None:
        for claim in self._claims:
            claim.release()
        self._pool.close()

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Conn]:
        """A connection from the pool (autocommit: each statement on its own)."""
        try:
            with self._pool.connection() as conn:
                yield conn
        except psycopg.Error as err:
            raise StoreError(f"{self.place}：{pg_reason(err)}") from err

    @contextmanager
    def _write(self) -> Iterator[Conn]:
        """One transaction per change; committed at the end, rolled back on any error."""
        if self.read_only:
            raise StoreError(f"{self.place}：档案以只读方式打开，不能写入")
        with self._read() as conn, conn.transaction():
            yield conn

    def upkeep(self, limit: int = 50) -> int:
        """Renew up to ``limit`` bulletins an earlier version indexed the old way, sending no
        change notices (the desks call this while the archive is in use); how many (0: none
        left). See :func:`~editor.core.store.pg_search.renew_tokens`."""
        if self.read_only:
            return 0
        with self._read() as conn:
            return renew_tokens(conn, limit)

    def schema_version(self) -> int:
        """The archive's schema version (the ``schema_version`` table)."""
        with self._read() as conn:
            return current_version(conn) or 0

    # --- originals --------------------------------------------------------------------------

    def keep_original(self, sha256: str, suffix: str, data: bytes) -> None:
        """Keep a file's bytes in the archive, once per content (before it is recorded)."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO originals (sha256, suffix, size, data) VALUES (%s, %s, %s, %b) "
                "ON CONFLICT (sha256) DO NOTHING",
                (sha256, suffix.lower(), len(data), data),
            )

    def read_original(self, sha256: str, source_name: str = "") -> bytes:
        """The bytes kept for ``sha256``; FileNotFoundError when the archive has none.

        ``source_name`` is there for the SQLite archive, whose originals are files named
        by the content's hash and the name's suffix; here the hash alone finds them.
        """
        with self._read() as conn:
            row = conn.execute("SELECT data FROM originals WHERE sha256 = %s", (sha256,)).fetchone()
        if row is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), sha256)
        return bytes(row[0])

    def has_original(self, sha256: str) -> bool:
        with self._read() as conn:
            row = conn.execute("SELECT 1 FROM originals WHERE sha256 = %s", (sha256,)).fetchone()
        return row is not None

    # --- files seen in the inbox ------------------------------------------------------------

    def known_source(self, path: str, size: int, mtime_ns: int) -> bool:
        """This exact file (path, size, modification time) has been taken already."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT 1 FROM sources WHERE path = %s AND size = %s AND mtime_ns = %s",
                (path, size, mtime_ns),
            ).fetchone()
        return row is not None

    def id_for_sha(self, sha256: str) -> int | None:
        with self._read() as conn:
            row = conn.execute("SELECT id FROM bulletins WHERE sha256 = %s", (sha256,)).fetchone()
        return None if row is None else int(row[0])

    def note_source(
        self, path: str, size: int, mtime_ns: int, sha256: str, bulletin_id: int | None
    ) -> None:
        with self._write() as conn:
            self._note_source(conn, path, size, mtime_ns, sha256, bulletin_id)

    @staticmethod
    def _note_source(
        conn: Conn, path: str, size: int, mtime_ns: int, sha256: str, bulletin_id: int | None
    ) -> None:
        conn.execute(
            "INSERT INTO sources (path, size, mtime_ns, sha256, bulletin_id, seen_at) "
            "VALUES (%s, %s, %s, %s, %s, now()) ON CONFLICT (path, size, mtime_ns) DO UPDATE "
            "SET sha256 = excluded.sha256, bulletin_id = excluded.bulletin_id, "
            "seen_at = excluded.seen_at",
            (path, size, mtime_ns, sha256, bulletin_id),
        )

    # --- adding bulletins ---------------------------------------------------------------------

    def add(
        self,
        *,
        source_path: str,
        source_name: str,
        sha256: str,
        size: int,
        mtime_ns: int,
        bulletin: Bulletin | None,
        failure: str | None,
        user: str,
        recognising: bool = False,
    ) -> Added:
        """Record a newly arrived bulletin: its id, the version it replaces, or the copy it is.

        A changed file at a path seen before becomes a new version linked to the
        latest earlier one. The content is recorded once whoever adds it at the same
        moment: the insert does nothing when another desk's transaction recorded the
        same bytes, and this one reports that bulletin (``duplicate``).
        """
        arrival = Arrival(
            source_path, source_name, sha256, size, mtime_ns, bulletin, failure, user, recognising
        )
        return self.add_many([arrival])[0]

    def add_many(self, arrivals: Sequence[Arrival]) -> list[Added]:
        """Several arrivals in one transaction, in order, each as :meth:`add` would."""
        with self._write() as conn:
            return [self._add(conn, arrival) for arrival in arrivals]

    def _add(self, conn: Conn, arrival: Arrival) -> Added:
        """One arrival inside the open transaction."""
        (source_path, source_name, sha256, size, mtime_ns, bulletin, failure, user) = (
            arrival.source_path,
            arrival.source_name,
            arrival.sha256,
            arrival.size,
            arrival.mtime_ns,
            arrival.bulletin,
            arrival.failure,
            arrival.user,
        )
        recognising = arrival.recognising
        same = conn.execute("SELECT id FROM bulletins WHERE sha256 = %s", (sha256,)).fetchone()
        if same is None:
            row = conn.execute(
                "SELECT id FROM bulletins WHERE source_path = %s ORDER BY id DESC LIMIT 1",
                (source_path,),
            ).fetchone()
            previous = None if row is None else int(row[0])
            fields = index_fields(bulletin)
            titles, body = self._tokens(fields["search_text"])
            inserted = conn.execute(
                "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, "
                "status, failure, parsed, current, warnings, warning_count, previous_id, "
                "updated_at, series, issue, total_issue, issue_date, title, search_lower, "
                "title_tokens, body_tokens, tokens_kind) VALUES (%s, %s, %s, %s, now(), %s, %s, "
                f"%s, NULL, %s, %s, %s, now(), %s, %s, %s, %s, %s, %s, %b, %b, {TOKENS_KIND}) "
                "ON CONFLICT (sha256) DO NOTHING RETURNING id",
                (
                    source_path,
                    source_name,
                    sha256,
                    size,
                    NEW if bulletin is not None else RECOGNISING if recognising else FAILED,
                    failure,
                    None if bulletin is None else _jsonb(bulletin.to_dict()),
                    _jsonb([] if bulletin is None else [w.to_dict() for w in bulletin.warnings]),
                    0 if bulletin is None else len(bulletin.warnings),
                    previous,
                    fields["series"],
                    fields["issue"],
                    fields["total_issue"],
                    fields["issue_date"],
                    fields["title"],
                    fields["search_text"].lower(),
                    titles,
                    body,
                ),
            ).fetchone()
            if inserted is not None:
                bulletin_id = int(inserted[0])
                detail = arrival_detail(source_name, bulletin, failure, recognising)
                self._revision(conn, bulletin_id, user, "ingest", None, None, detail)
                self._note_source(conn, source_path, size, mtime_ns, sha256, bulletin_id)
                return Added(bulletin_id, previous)
            # Another desk recorded the same bytes since this transaction looked.
            same = conn.execute("SELECT id FROM bulletins WHERE sha256 = %s", (sha256,)).fetchone()
            if same is None:  # and took them back out at once: an archive being restored?
                raise StoreError(f"{self.place}：与另一处同时进行的更改冲突，请再试一次")
        existing = int(same[0])
        self._note_source(conn, source_path, size, mtime_ns, sha256, existing)
        return Added(existing, None, duplicate=True)

    def finish_recognition(
        self, bulletin_id: int, *, bulletin: Bulletin | None, failure: str | None, user: str
    ) -> bool:
        """A scan's OCR is done: 新收 with the bulletin read, or 无法解析 with the reason.

        Only a bulletin still 识别中 changes (another desk finished it, or it was cancelled).
        """
        fields = index_fields(bulletin)
        titles, body = self._tokens(fields["search_text"])
        warnings = [] if bulletin is None else [w.to_dict() for w in bulletin.warnings]
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE bulletins SET status = %s, failure = %s, parsed = %s, warnings = %s, "
                "warning_count = %s, series = %s, issue = %s, total_issue = %s, "
                "issue_date = %s, title = %s, search_lower = %s, title_tokens = %b, "
                f"body_tokens = %b, tokens_kind = {TOKENS_KIND}, updated_at = now(), "
                "version = version + 1 "
                "WHERE id = %s AND status = %s",
                (
                    FAILED if bulletin is None else NEW,
                    None if bulletin is not None else failure,
                    None if bulletin is None else _jsonb(bulletin.to_dict()),
                    _jsonb(warnings),
                    len(warnings),
                    fields["series"],
                    fields["issue"],
                    fields["total_issue"],
                    fields["issue_date"],
                    fields["title"],
                    fields["search_text"].lower(),
                    titles,
                    body,
                    bulletin_id,
                    RECOGNISING,
                ),
            )
            if updated.rowcount != 1:
                return False
            detail = recognition_detail(bulletin, failure)
            self._revision(conn, bulletin_id, user, "recognise", None, None, detail)
        return True

    def restart_recognition(self, bulletin_id: int, user: str) -> bool:
        """A failed scan back to 识别中 (重新识别), its original kept; False otherwise."""
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE bulletins SET status = %s, failure = NULL, updated_at = now(), "
                "version = version + 1 WHERE id = %s AND status = %s AND sha256 NOT LIKE %s",
                (RECOGNISING, bulletin_id, FAILED, UNREADABLE_KEY + "%"),
            )
            if updated.rowcount != 1:
                return False
            self._revision(conn, bulletin_id, user, "recognise", None, None, RECOGNITION_AGAIN)
        return True

    def add_unreadable(
        self, *, source_path: str, source_name: str, size: int, reason: str, user: str
    ) -> int | None:
        """Record a file that could not be read at all (no permission, too large) as failed.

        There are no bytes to key it by, so the key is the path: the same file
        failing again is not recorded twice (returns None then), and once it can
        be read it arrives as a new version of this record.
        """
        key = UNREADABLE_KEY + hashlib.sha256(source_path.encode("utf-8")).hexdigest()
        with self._write() as conn:
            inserted = conn.execute(
                "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, "
                "status, failure, previous_id, updated_at) "
                "VALUES (%s, %s, %s, %s, now(), %s, %s, NULL, now()) "
                "ON CONFLICT (sha256) DO NOTHING RETURNING id",
                (source_path, source_name, key, size, FAILED, reason),
            ).fetchone()
            if inserted is not None:
                bulletin_id = int(inserted[0])
                self._revision(conn, bulletin_id, user, "ingest", None, None, reason)
                return bulletin_id
            same = conn.execute(
                "SELECT id, failure FROM bulletins WHERE sha256 = %s FOR UPDATE", (key,)
            ).fetchone()
            if same is None or same[1] == reason:
                return None
            conn.execute(
                "UPDATE bulletins SET failure = %s, updated_at = now(), version = version + 1 "
                "WHERE id = %s",
                (reason, same[0]),
            )
            self._revision(conn, int(same[0]), user, "ingest", None, None, reason)
            return int(same[0])

    @staticmethod
    def _tokens(search_text: str) -> tuple[list[str], list[str]]:
        """The character/pair arrays of the titles and of the body (sent in binary: %b)."""
        titles, _, body = search_text.partition(TITLES_END)
        return token_array(titles), token_array(body)

    @staticmethod
    def _revision(
        conn: Conn,
        bulletin_id: int,
        user: str,
        action: str,
        field: str | None,
        old: Any,
        new: Any,
    ) -> None:
        conn.execute(
            "INSERT INTO revisions (bulletin_id, at, username, action, field_path, old_value, "
            "new_value) VALUES (%s, now(), %s, %s, %s, %s, %s)",
            (bulletin_id, user, action, field, _jsonb(old), _jsonb(new)),
        )

    # --- reading -----------------------------------------------------------------------------

    def get(self, bulletin_id: int) -> Record:
        with self._read() as conn:
            return self._get(conn, bulletin_id)[0]

    def _get(self, conn: Conn, bulletin_id: int, *, lock: bool = False) -> tuple[Record, int]:
        """The record and its version (locked for this transaction with ``lock``)."""
        row = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS}, sha256, parsed, current, approved_by, approved_at, "
            "exported_path, exported_at, version FROM bulletins WHERE id = %s"
            + (" FOR UPDATE" if lock else ""),
            (bulletin_id,),
        ).fetchone()
        if row is None:
            raise _missing(bulletin_id)
        sha, parsed, current, approved_by, approved_at, exported_path, exported_at = row[13:20]
        version = int(row[20])
        record = Record(
            _summary(row[:13]),
            sha,
            None if parsed is None else Bulletin.from_dict(parsed),
            None if (current or parsed) is None else Bulletin.from_dict(current or parsed),
            approved_by,
            _stamp(approved_at),
            exported_path,
            _stamp(exported_at),
            version,
        )
        return record, version

    def list_bulletins(
        self, status: str | None = None, *, limit: int | None = None
    ) -> list[Summary]:
        """The queue, newest first, optionally of one status."""
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM bulletins"
        params: list[Any] = []
        if status:
            sql += " WHERE status = %s"
            params.append(status)
        sql += " ORDER BY received_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(max(limit, 0))
        with self._read() as conn:
            return [_summary(r) for r in conn.execute(sql, params)]

    def ids(self, status: str | None = None) -> list[int]:
        sql = "SELECT id FROM bulletins" + (" WHERE status = %s" if status else "")
        sql += " ORDER BY received_at DESC, id DESC"
        with self._read() as conn:
            return [int(r[0]) for r in conn.execute(sql, [status] if status else [])]

    def summaries(self, ids: list[int]) -> dict[int, Summary]:
        """Summaries for a set of ids (the queue model fetches rows in pages)."""
        if not ids:
            return {}
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM bulletins WHERE id = ANY(%s)", (list(ids),)
            ).fetchall()
        return {int(r[0]): _summary(r) for r in rows}

    def count(self, status: str | None = None) -> int:
        sql = "SELECT count(*) FROM bulletins" + (" WHERE status = %s" if status else "")
        with self._read() as conn:
            row = conn.execute(sql, [status] if status else []).fetchone()
        return 0 if row is None else int(row[0])

    def search_ids(self, query: str, *, limit: int = 100) -> list[int]:
        """The ids :meth:`search` returns, in its order. (The server ranks with the summary
        columns at hand, so here they are read too; the time is the server's query.)"""
        return [summary.id for summary in self.search(query, limit=limit)]

    def search(self, query: str, *, limit: int = 100) -> list[Summary]:
        """Full text over titles and paragraphs: title matches first, then the newest.

        Three characters or more go through the trigram index or the newest
        bulletins, whichever compares fewer (only the newest RANKED matches are
        ranked, as in the SQLite archive); one or two, punctuation included, through
        the arrays of characters and character pairs (:mod:`~editor.core.store.pg_search`).
        Case is ignored, as by SQLite's trigram index.
        """
        query = query.strip()
        if not query:
            return []
        limit = max(limit, 0)
        with self._read() as conn:
            if len(query) >= 3:
                pattern = like_pattern(query.lower())
                newest = self._newest_matches(conn, pattern)
                rows = conn.execute(
                    f"SELECT {_B_SUMMARY_COLUMNS} FROM bulletins b WHERE b.id = ANY(%s) "
                    "ORDER BY split_part(b.search_lower, chr(31), 1) LIKE %s DESC, b.id DESC "
                    "LIMIT %s",
                    (newest, pattern, limit),
                ).fetchall()
            else:  # one or two characters, punctuation included: the arrays (see pg_search)
                assert SHORT_QUERY.fullmatch(query)
                # Title matches first, then the rest, newest first within each.
                rows = []
                seen: set[int] = set()
                renewed = WORD_QUERY.fullmatch(query) is not None or all_renewed(conn)
                for column in ("title_tokens", "body_tokens"):
                    where, params = short_condition(column, query, renewed=renewed)
                    for row in conn.execute(
                        f"SELECT {_SUMMARY_COLUMNS} FROM bulletins "
                        f"WHERE {where} ORDER BY id DESC LIMIT %s",
                        (*params, limit),
                    ):
                        if row[0] not in seen and len(rows) < limit:
                            seen.add(row[0])
                            rows.append(row)
        return [_summary(r) for r in rows]

    @staticmethod
    def _newest_matches(conn: Conn, pattern: str) -> list[int]:
        """The ids of the newest RANKED bulletins whose search text is ``LIKE pattern``.

        A trigram index narrows, it does not decide: every candidate is read and
        compared, and that is the cost. Going back from the newest compares few for a
        common phrase (it stops at RANKED matches); the index's candidates are few
        for a rare one. How often the phrase occurs in the newest SAMPLE bulletins
        says which way compares fewer, so the cost grows with neither the archive
        nor the phrase's frequency as one way alone would (the planner cannot tell:
        it has no statistics for a substring).
        """
        ranked = _base.RANKED
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE search_lower LIKE %s), count(*), "
            "(SELECT max(id) FROM bulletins) FROM ("
            "SELECT search_lower FROM bulletins ORDER BY id DESC LIMIT %s) sample",
            (pattern, SAMPLE),
        ).fetchone()
        assert row is not None
        hits, seen, top = int(row[0]), int(row[1]), int(row[2] or 0)
        if seen < SAMPLE and hits == 0:
            return []  # the sample was the whole archive
        by_index = hits == 0 or (hits / seen) * top < ranked * seen / hits
        with conn.transaction():
            if by_index:
                conn.execute("SET LOCAL enable_indexscan = off")
            else:
                conn.execute("SET LOCAL enable_bitmapscan = off")
            conn.execute("SET LOCAL enable_seqscan = off")
            rows = conn.execute(
                "SELECT id FROM bulletins WHERE search_lower LIKE %s ORDER BY id DESC LIMIT %s",
                (pattern, ranked),
            ).fetchall()
        return [int(r[0]) for r in rows]

    def series_history(self, name: str, exclude: int | None = None) -> list[SeriesIssue]:
        """The series' other bulletins (not failed, not rejected), for numbering checks.

        ``exclude`` is the bulletin being checked: it is left out, and so is every
        version linked to it by :meth:`mark_new_version` (either way, however
        long the chain), since a new version may carry its predecessor's number.
        """
        with self._read() as conn:
            skip = sorted(self._versions(conn, exclude)) if exclude is not None else []
            rows = conn.execute(
                "SELECT id, issue, total_issue, issue_date, status FROM bulletins "
                "WHERE series = %s AND status NOT IN ('failed', 'rejected') "
                'AND NOT (id = ANY(%s)) ORDER BY issue_date COLLATE "C" NULLS FIRST, id',
                (name, skip),
            ).fetchall()
        return [SeriesIssue(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def supersedes(self, bulletin_id: int) -> int | None:
        """The bulletin this one was marked as the new version of, if any."""
        with self._read() as conn:
            return self._supersedes(conn, bulletin_id)

    @staticmethod
    def _supersedes(conn: Conn, bulletin_id: int) -> int | None:
        row = conn.execute(
            "SELECT supersedes FROM bulletins WHERE id = %s", (bulletin_id,)
        ).fetchone()
        if row is None:
            raise _missing(bulletin_id)
        return None if row[0] is None else int(row[0])

    def superseded_by(self, bulletin_id: int) -> int | None:
        """The bulletin marked as this one's new version, if any."""
        with self._read() as conn:
            return self._superseded_by(conn, bulletin_id)

    @staticmethod
    def _superseded_by(conn: Conn, bulletin_id: int) -> int | None:
        row = conn.execute(
            "SELECT (SELECT id FROM bulletins WHERE supersedes = %s) FROM bulletins WHERE id = %s",
            (bulletin_id, bulletin_id),
        ).fetchone()
        if row is None:
            raise _missing(bulletin_id)
        return None if row[0] is None else int(row[0])

    @staticmethod
    def _versions(conn: Conn, bulletin_id: int) -> set[int]:
        """The bulletin and every version linked to it, older and newer."""
        found = {bulletin_id}
        for sql in (
            "SELECT supersedes FROM bulletins WHERE id = %s",  # older
            "SELECT id FROM bulletins WHERE supersedes = %s",  # newer
        ):
            at: int | None = bulletin_id
            while at is not None:
                row = conn.execute(sql, (at,)).fetchone()
                at = None if row is None or row[0] is None or row[0] in found else int(row[0])
                if at is not None:
                    found.add(at)
        return found

    def series_signs_articles(self, name: str, exclude: int | None = None) -> bool:
        """Whether every article of the series' approved or exported issues has an attribution."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT coalesce(current, parsed) FROM bulletins WHERE series = %s AND id != %s "
                "AND status IN ('approved', 'exported') ORDER BY id DESC LIMIT 20",
                (name, -1 if exclude is None else exclude),
            ).fetchall()
        articles = [a for (data,) in rows if data for a in Bulletin.from_dict(data).articles()]
        return bool(articles) and all(a.source for a in articles)

    def list_series(self) -> list[Series]:
        with self._read() as conn:
            rows = conn.execute(
                'SELECT data::text FROM series ORDER BY name COLLATE "C"'
            ).fetchall()
        return [Series.from_json(r[0]) for r in rows]

    def save_series(self, series: Series, *, old_name: str | None = None) -> None:
        with self._write() as conn:
            if old_name and old_name != series.name:
                conn.execute("DELETE FROM series WHERE name = %s", (old_name,))
            conn.execute(
                "INSERT INTO series (name, data) VALUES (%s, %s::jsonb) "
                "ON CONFLICT (name) DO UPDATE SET data = excluded.data",
                (series.name, series.to_json()),
            )

    def delete_series(self, name: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM series WHERE name = %s", (name,))

    def revisions(self, bulletin_id: int) -> list[Revision]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, bulletin_id, at, username, action, field_path, old_value, "
                "new_value FROM revisions WHERE bulletin_id = %s ORDER BY id",
                (bulletin_id,),
            ).fetchall()
        return [
            Revision(int(r[0]), int(r[1]), _stamp(r[2]) or "", r[3], r[4], r[5], r[6], r[7])
            for r in rows
        ]

    # --- changing ----------------------------------------------------------------------------

    def save_edit(
        self,
        bulletin_id: int,
        bulletin: Bulletin,
        user: str,
        *,
        base_version: int | None = None,
        desk: str | None = None,
    ) -> int:
        """Store the editor's current version; one revision per changed field. Returns how many.

        The record is read and locked inside the transaction, so the changes are
        counted against what the archive holds at that moment. With ``base_version``
        (the version the editor loaded or last saved), a bulletin someone else has
        written since is left alone: EditConflict, naming who and when. A save that
        changes something adds one to the version; one that changes nothing writes nothing.
        With ``desk``, another desk's live lease refuses it (LeaseHeld) and this desk's
        own lease is renewed, whether or not anything changed.
        """
        with self._write() as conn:
            record, version = self._get(conn, bulletin_id, lock=True)
            self._check_lease(conn, bulletin_id, desk, version)
            self._check_base(conn, bulletin_id, version, base_version)
            status = next_status(record.status, "edit")
            diff = changes(record.current, bulletin)
            if not diff:
                return 0
            fields = index_fields(bulletin)
            titles, body = self._tokens(fields["search_text"])
            updated = conn.execute(
                "UPDATE bulletins SET current = %s, status = %s, updated_at = now(), "
                "series = %s, issue = %s, total_issue = %s, issue_date = %s, title = %s, "
                "search_lower = %s, title_tokens = %b, body_tokens = %b, "
                f"tokens_kind = {TOKENS_KIND}, version = version + 1 "
                "WHERE id = %s AND version = %s",
                (
                    _jsonb(bulletin.to_dict()),
                    status,
                    fields["series"],
                    fields["issue"],
                    fields["total_issue"],
                    fields["issue_date"],
                    fields["title"],
                    fields["search_text"].lower(),
                    titles,
                    body,
                    bulletin_id,
                    version,
                ),
            )
            if updated.rowcount != 1:  # cannot happen under the row lock; never overwrite
                self._check_base(conn, bulletin_id, version + 1, version)
            for path, old, new in diff:
                self._revision(conn, bulletin_id, user, "edit", path, old, new)
            if status != record.status:
                self._revision(conn, bulletin_id, user, "status", "status", record.status, status)
        return len(diff)

    @staticmethod
    def _check_base(conn: Conn, bulletin_id: int, version: int, base_version: int | None) -> None:
        """EditConflict when the caller worked on a version that is no longer the latest."""
        if base_version is None or base_version == version:
            return
        last = conn.execute(
            "SELECT username, at FROM revisions WHERE bulletin_id = %s ORDER BY id DESC LIMIT 1",
            (bulletin_id,),
        ).fetchone()
        raise EditConflict(
            bulletin_id,
            base_version=base_version,
            version=version,
            user=None if last is None else str(last[0]),
            at=None if last is None else _stamp(last[1]),
        )

    def version(self, bulletin_id: int) -> int:
        """How many times the bulletin has been written (1 when it arrived)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT version FROM bulletins WHERE id = %s", (bulletin_id,)
            ).fetchone()
        if row is None:
            raise _missing(bulletin_id)
        return int(row[0])

    def transition(
        self,
        bulletin_id: int,
        action: str,
        user: str,
        *,
        detail: str | None = None,
        base_version: int | None = None,
        desk: str | None = None,
    ) -> str:
        """Apply a workflow action (approve, reject, reopen, export); returns the new status.

        ``detail`` is the exported file for ``export``; for any other action it is
        a note kept in the history beside the status change (for ``reject``, the
        reason given). The state is read and locked inside the transaction; with
        ``base_version``, a bulletin written since is refused (EditConflict); with
        ``desk``, one another desk holds the lease of (LeaseHeld).
        """
        with self._write() as conn:
            return self._transition(
                conn, bulletin_id, action, user, detail, base_version, desk=desk
            )

    def _transition(
        self,
        conn: Conn,
        bulletin_id: int,
        action: str,
        user: str,
        detail: str | None,
        base_version: int | None = None,
        *,
        desk: str | None = None,
    ) -> str:
        """A transition inside the caller's transaction (the state is read and locked in it)."""
        row = conn.execute(
            "SELECT status, version FROM bulletins WHERE id = %s FOR UPDATE", (bulletin_id,)
        ).fetchone()
        if row is None:
            raise _missing(bulletin_id)
        old, version = str(row[0]), int(row[1])
        self._check_lease(conn, bulletin_id, desk, version)
        self._check_base(conn, bulletin_id, version, base_version)
        status = next_status(old, action)
        extra = ""
        params: list[Any] = [status]
        if action == "approve":
            extra = ", approved_by = %s, approved_at = now()"
            params.append(user)
        elif action == "export":
            extra = ", exported_path = %s, exported_at = now()"
            params.append(detail)
        updated = conn.execute(
            f"UPDATE bulletins SET status = %s, updated_at = now(), version = version + 1{extra} "
            "WHERE id = %s AND version = %s",
            [*params, bulletin_id, version],
        )
        if updated.rowcount != 1:  # cannot happen under the row lock; never overwrite
            self._check_base(conn, bulletin_id, version + 1, version)
        self._revision(conn, bulletin_id, user, action, "status", old, status)
        note = (detail or "").strip()
        if note and action != "export":
            self._revision(conn, bulletin_id, user, action, "note", None, note)
        return status

    def mark_duplicate(self, bulletin_id: int, of_id: int, user: str) -> str:
        """Reject a bulletin as a copy of ``of_id``, the reason (与 #K 重复) in its history.

        WorkflowError when its state does not allow rejecting. Returns the new status.
        """
        with self._write() as conn:
            self._other(conn, bulletin_id, of_id)
            return self._transition(conn, bulletin_id, "reject", user, f"与 #{of_id} 重复")

    def mark_new_version(self, bulletin_id: int, of_id: int, user: str) -> None:
        """Record that ``bulletin_id`` is the corrected new version of ``of_id``.

        Both histories say so (取代 #K, 已由 #M 取代), and from then on neither is
        flagged for carrying the other's issue number. A bulletin supersedes at most
        one other and is superseded by at most one: marking it again for the same
        bulletin does nothing; anything else that would break the chain is a StoreError.
        """
        with self._write() as conn:
            self._other(conn, bulletin_id, of_id)
            statuses = self._lock(conn, (bulletin_id, of_id))
            for bid in (bulletin_id, of_id):
                if statuses[bid] == FAILED:
                    raise StoreError(f"#{bid} 无法解析，不能标记版本")
            older = self._supersedes(conn, bulletin_id)
            if older == of_id:
                return
            if older is not None:
                raise StoreError(f"#{bulletin_id} 已标为 #{older} 的新版本")
            newer = self._superseded_by(conn, of_id)
            if newer is not None:
                raise StoreError(
                    f"#{of_id} 已由 #{newer} 取代；如果这份更新，请标为 #{newer} 的新版本"
                )
            if bulletin_id in self._versions(conn, of_id):
                raise StoreError(f"#{of_id} 本身是 #{bulletin_id} 的新版本")
            conn.execute(
                "UPDATE bulletins SET supersedes = %s, updated_at = now(), "
                "version = version + 1 WHERE id = %s",
                (of_id, bulletin_id),
            )
            conn.execute(
                "UPDATE bulletins SET updated_at = now(), version = version + 1 WHERE id = %s",
                (of_id,),
            )
            self._revision(conn, bulletin_id, user, "new_version", "note", None, f"取代 #{of_id}")
            self._revision(
                conn, of_id, user, "new_version", "note", None, f"已由 #{bulletin_id} 取代"
            )

    @staticmethod
    def _lock(conn: Conn, ids: Iterable[int]) -> dict[int, str]:
        """Lock the bulletins' rows (in id order: two desks never wait on each other); statuses."""
        rows = conn.execute(
            "SELECT id, status FROM bulletins WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            (sorted(set(ids)),),
        ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}

    def _other(self, conn: Conn, bulletin_id: int, of_id: int) -> None:
        """Both bulletins exist and are two (StoreError otherwise)."""
        if bulletin_id == of_id:
            raise StoreError(f"#{bulletin_id} 不能标为它自己的重复件或新版本")
        for bid in (bulletin_id, of_id):
            if conn.execute("SELECT 1 FROM bulletins WHERE id = %s", (bid,)).fetchone() is None:
                raise _missing(bid)

    def integrity_ok(self) -> bool:
        """The archive answers, at the schema this program knows, with pg_trgm working."""
        try:
            with self._read() as conn:
                if current_version(conn) != SCHEMA_VERSION:
                    return False
                conn.execute("SELECT count(*) FROM bulletins").fetchone()
                check_search(conn)
        except (StoreError, UnsuitableDatabase):
            return False
        return True

    # --- several desks on one archive ---------------------------------------------------------
    # Every change to a lease is made with the bulletin's row locked (take_lease, and the
    # saves and steps that check and renew it), so they happen one after another per bulletin.

    @staticmethod
    def _held(conn: Conn, bulletin_id: int) -> tuple[Lease, bool] | None:
        """The bulletin's lease, live or expired, and whether it is live (the server's clock)."""
        row = conn.execute(
            f"SELECT {_LEASE_COLUMNS}, expires > now() FROM leases WHERE bulletin_id = %s",
            (bulletin_id,),
        ).fetchone()
        return None if row is None else (_lease(row), bool(row[5]))

    def _check_lease(self, conn: Conn, bulletin_id: int, desk: str | None, version: int) -> None:
        """LeaseHeld when another desk holds a live lease; this desk's own is renewed."""
        if desk is None:
            return
        held = self._held(conn, bulletin_id)
        if held is None:
            return
        lease, live = held
        if lease.desk == desk:
            conn.execute(
                "UPDATE leases SET expires = now() + make_interval(secs => %s) "
                "WHERE bulletin_id = %s",
                (float(_base.LEASE_SECONDS), bulletin_id),
            )
        elif live:
            raise LeaseHeld(lease, version=version)

    def take_lease(
        self, bulletin_id: int, *, user: str, desk: str, host: str, force: bool = False
    ) -> Lease:
        """Take or renew the lease for ``desk``; the lease in force afterwards (another
        desk's live one unchanged, unless ``force`` takes it over, noted in the history)."""
        with self._write() as conn:
            found = conn.execute(
                "SELECT 1 FROM bulletins WHERE id = %s FOR UPDATE", (bulletin_id,)
            ).fetchone()
            if found is None:
                raise _missing(bulletin_id)
            held = self._held(conn, bulletin_id)
            if held is not None and held[1] and held[0].desk != desk:
                if not force:
                    return held[0]
                self._revision(
                    conn, bulletin_id, user, TAKEOVER_ACTION, "note", None, takeover_note(held[0])
                )
            row = conn.execute(
                f"INSERT INTO leases ({_LEASE_COLUMNS}) "
                "VALUES (%s, %s, %s, %s, now() + make_interval(secs => %s)) "
                "ON CONFLICT (bulletin_id) DO UPDATE SET username = excluded.username, "
                "desk = excluded.desk, host = excluded.host, expires = excluded.expires "
                f"RETURNING {_LEASE_COLUMNS}",
                (bulletin_id, user, desk, host, float(_base.LEASE_SECONDS)),
            ).fetchone()
        assert row is not None
        return _lease(row)

    def release_lease(self, bulletin_id: int, desk: str) -> None:
        if self.read_only:
            return  # nothing can be held from here
        with self._write() as conn:
            conn.execute(
                "DELETE FROM leases WHERE bulletin_id = %s AND desk = %s", (bulletin_id, desk)
            )

    def release_desk(self, desk: str) -> None:
        if self.read_only:
            return
        with self._write() as conn:
            conn.execute("DELETE FROM leases WHERE desk = %s", (desk,))

    def lease_of(self, bulletin_id: int) -> Lease | None:
        with self._read() as conn:
            row = conn.execute(
                f"SELECT {_LEASE_COLUMNS} FROM leases WHERE bulletin_id = %s AND expires > now()",
                (bulletin_id,),
            ).fetchone()
        return None if row is None else _lease(row)

    def leases(self) -> dict[int, Lease]:
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_LEASE_COLUMNS} FROM leases WHERE expires > now()"
            ).fetchall()
        return {int(r[0]): _lease(r) for r in rows}

    def claim_inbox(self, desk: str) -> InboxClaim | None:
        """The inbox duty as a session advisory lock on a connection of its own (not from
        the pool); None while another desk's session holds it."""
        if self.read_only:
            return None
        kwargs = {**self._kwargs, "application_name": INBOX_APPLICATION}
        info = self._info(self.url)
        kwargs.update({k: v for k, v in KEEPALIVE.items() if k not in info})
        try:
            conn = psycopg.connect(self.url, **kwargs)
        except psycopg.Error as err:
            raise StoreError(f"{self.place}：{pg_reason(err)}") from err
        try:
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (INBOX_LOCK,)).fetchone()
        except psycopg.Error as err:
            conn.close()
            raise StoreError(f"{self.place}：{pg_reason(err)}") from err
        if row is None or not row[0]:
            conn.close()
            return None
        claim = _SessionClaim(conn)
        self._claims.append(claim)
        return claim
