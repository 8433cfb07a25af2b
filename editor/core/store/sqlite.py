"""The archive in one SQLite file (via sqlite-utils): every bulletin and every change, on one PC.

WAL mode and a busy timeout let the desk read while the inbox writes; all writes go
through one lock (one writer per process) and ``BEGIN IMMEDIATE`` (one writer per
file), and everything a change decides on is read inside its transaction. Every
transition and every edited field is a row in ``revisions``, so the history is
complete and nothing an editor typed is lost. Originals are files in the data
directory, named by their sha256.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import editor.core.store as _package  # RANKED is read there at each search (tests lower it)
from editor.core.checks import SeriesIssue
from editor.core.diff import changes
from editor.core.model import Bulletin
from editor.core.paths import (
    DataDir,
    DataDirError,
    archive_version,
    connect_read_only,
    sqlite_reason,
    write_reason,
)
from editor.core.series import Series
from editor.core.store.packing import pack_bulletin, repack, text_dictionary, unpack_bulletin
from editor.core.store.protocol import InboxClaim
from editor.core.store.records import (
    RECOGNITION_AGAIN,
    SUMMARY_FIELDS,
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
    now,
    recognition_detail,
    takeover_note,
)
from editor.core.store.schema import SCHEMA_VERSION, SchemaTooNew, migrate
from editor.core.store.sqlite_search import (
    TEXTS,
    index_many,
    index_search,
    kept_dictionary,
    search_ids,
)
from editor.core.workflow import FAILED, NEW, RECOGNISING, next_status

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["INBOX_LOCK", "INCOMING", "SqliteStore", "sweep_incoming"]

_SUMMARY_COLUMNS = ", ".join(SUMMARY_FIELDS)
_RECORD_COLUMNS = ", ".join(
    [f"b.{name}" for name in SUMMARY_FIELDS]
    + [f"b.{name}" for name in ("sha256", "parsed", "current", "approved_by", "approved_at")]
    + ["b.exported_path", "b.exported_at", "b.version", "t.title", "t.body"]
)
"""A record's columns, with the search text its kept bulletin is packed from
(editor.core.store.packing), read in one statement: one snapshot of both."""
_SUFFIXES = (".txt", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
"""What an original may be (editor.core.ingest.SUPPORTED)."""

INCOMING = ".incoming-"
"""Prefix of an original being written (then renamed into place)."""

INBOX_LOCK = "inbox.lock"
"""The file in the data directory whose OS lock is the duty to watch the inbox."""


def _summary(row: sqlite3.Row | tuple[Any, ...]) -> Summary:
    return Summary.from_row(row)


def _arrival_status(bulletin: Bulletin | None, recognising: bool) -> str:
    if bulletin is not None:
        return NEW
    return RECOGNISING if recognising else FAILED


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but not ours, or (Windows) cannot tell: leave it
        return True
    return True


def sweep_incoming(originals: Path) -> int:
    """Remove half-copied originals left by a process that was killed; returns how many."""
    removed = 0
    for temp in originals.glob(f"{INCOMING}*"):
        pid_text = temp.name[len(INCOMING) :].split("-", 1)[0]
        if pid_text.isdigit() and not _alive(int(pid_text)):
            with contextlib.suppress(OSError):
                temp.unlink()
                removed += 1
    return removed


def _utc(moment: dt.datetime) -> str:
    """A lease's time as stored: UTC to the microsecond, so the texts compare as the times."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _lease(row: sqlite3.Row | tuple[Any, ...]) -> Lease:
    return Lease(int(row[0]), row[1], row[2], row[3], dt.datetime.fromisoformat(row[4]))


def _try_lock(fd: int) -> bool:
    """Take the OS's exclusive lock on an open file without waiting; False if another has it.

    The OS lets go when the file is closed or its process ends, however it ends.
    """
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:  # locked by another handle (EACCES / EDEADLOCK)
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class _FileClaim:
    """The inbox duty of a SQLite archive: an OS lock on a file in its data directory.

    An OS lock, not a lock file that says who holds it: a desk that crashes leaves
    nothing behind to clear. The file is never removed (removing it would let a second
    desk lock a new file of the same name while the first still holds the old one).
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self._guard = threading.Lock()

    def holding(self) -> bool:
        with self._guard:
            if self._fd is None:
                return False
            if sys.platform == "win32":  # an open file cannot be removed or replaced there
                return True
            try:  # still the file of that name (not removed and made again by someone)
                return os.path.samestat(os.fstat(self._fd), os.stat(self.path))
            except OSError:
                return False

    def release(self) -> None:
        with self._guard:
            fd, self._fd = self._fd, None
            if fd is None:
                return
            with contextlib.suppress(OSError):
                _unlock(fd)
            os.close(fd)


_OPEN_TRIES = 40

CACHE_KIB = 64 * 1024
"""The most memory SQLite may keep pages of the archive in (taken only as pages are read;
its default is 2 MiB). A search for four characters or more reads up to a thousand
bulletins' texts: with the default cache every query read them from the OS again, 7-11 ms
where a cache that holds them takes 2-3 ms."""


PAGE_SIZE = 16_384
"""Bytes a page of a new archive holds (SQLite's default 4,096). A kept bulletin (about
1.5 KB) and a search text (about 4 KB) leave a quarter of a 4 KiB page empty, because the
next one does not fit: in 16 KiB pages the archive is a tenth smaller (issue 19). An
archive keeps the page size it was made with."""


def _open_for_writing(data: DataDir) -> sqlite3.Connection:
    """Connect, switch to WAL and migrate; try again when another process is doing the same.

    Two processes opening a brand-new archive at once can meet a lock that SQLite reports
    at once, without waiting (switching the journal mode, upgrading a read lock while the
    other migrates): that passes within moments, so it is retried (about 10 s at most).
    """
    for attempt in range(_OPEN_TRIES):
        conn = sqlite3.connect(
            data.database, check_same_thread=False, isolation_level=None, timeout=10
        )
        try:
            archive_version(conn, data.database)  # before anything is written to it
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new archive's; no-op otherwise
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            return conn
        except sqlite3.OperationalError as err:
            conn.close()
            busy = "locked" in str(err) or "busy" in str(err)
            if not busy or attempt == _OPEN_TRIES - 1:
                raise
            time.sleep(0.05 + 0.01 * attempt)
        except BaseException:
            conn.close()
            raise
    raise AssertionError("unreachable")  # pragma: no cover


class SqliteStore:
    """The archive in ``data.database``; originals live in ``data.originals``."""

    def __init__(self, data: DataDir, *, create: bool = True, read_only: bool = False) -> None:
        """Open the archive, making a new one only if ``create``; ``read_only`` writes nothing.

        Every way the folder or the database can be unusable (missing, a file,
        read-only, no permission, damaged, someone else's) is a StoreError, or
        SchemaTooNew, naming it in plain Chinese: callers never see an OSError
        or SQLite's English. A read-only open of an archive from an older version
        opens it for writing instead, once, to upgrade it.
        """
        self.data = data
        self.read_only = read_only
        self._lock = threading.RLock()
        conn: sqlite3.Connection | None = None
        try:
            if read_only or not create:
                data.check()
            if read_only:
                conn = connect_read_only(data.database)
                if archive_version(conn, data.database) < SCHEMA_VERSION:
                    conn.close()
                    conn, self.read_only = None, False
                else:
                    migrate(conn)  # only refuses a newer archive: nothing to do, nothing written
            if conn is None:
                data.ensure()
                conn = _open_for_writing(data)
        except DataDirError as err:
            if conn is not None:
                conn.close()
            raise StoreError(str(err)) from err
        except SchemaTooNew as err:
            if conn is not None:
                conn.close()
            raise SchemaTooNew(f"{data.database}：{err}") from err
        except sqlite3.Error as err:
            if conn is not None:
                conn.close()
            raise StoreError(f"{data.database}：{sqlite_reason(err)}") from err
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self._claims: list[_FileClaim] = []
        if not self.read_only:
            sweep_incoming(self.data.originals)

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, loaded when first used: importing it costs
        some 140 ms (it brings numpy, click, dateutil), which opening an archive need not pay."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def close(self) -> None:
        for claim in self._claims:
            claim.release()
        with self._lock:
            self.conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One writer at a time, one transaction per change."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # --- originals --------------------------------------------------------------------------

    def _original(self, sha256: str, suffix: str) -> Path:
        return self.data.originals / f"{sha256}{suffix.lower()}"

    def keep_original(self, sha256: str, suffix: str, data: bytes) -> None:
        """Copy the bytes into the originals folder (temp file, fsync, rename), once per content."""
        target = self._original(sha256, suffix)
        if target.exists() and target.stat().st_size == len(data):
            return
        fd, temp = tempfile.mkstemp(dir=self.data.originals, prefix=f"{INCOMING}{os.getpid()}-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)

    def read_original(self, sha256: str, source_name: str = "") -> bytes:
        """The bytes kept for ``sha256``: the file named by it and ``source_name``'s suffix
        (without a name, whichever kind is there); FileNotFoundError when there is none."""
        suffix = Path(source_name).suffix
        if not suffix:
            found = [s for s in _SUFFIXES if self._original(sha256, s).exists()]
            suffix = found[0] if found else ""
        return self._original(sha256, suffix).read_bytes()

    # --- files seen in the inbox ------------------------------------------------------------

    def known_source(self, path: str, size: int, mtime_ns: int) -> bool:
        """This exact file (path, size, modification time) has been taken already."""
        with self._lock:
            row = self.conn.execute(
                "SELECT 1 FROM sources WHERE path = ? AND size = ? AND mtime_ns = ?",
                (path, size, mtime_ns),
            ).fetchone()
        return row is not None

    def id_for_sha(self, sha256: str) -> int | None:
        with self._lock:
            row = self.conn.execute(
                "SELECT id FROM bulletins WHERE sha256 = ?", (sha256,)
            ).fetchone()
        return None if row is None else int(row[0])

    def note_source(
        self, path: str, size: int, mtime_ns: int, sha256: str, bulletin_id: int | None
    ) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                (path, size, mtime_ns, sha256, bulletin_id, now()),
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
        latest earlier one. The content is looked up inside the write transaction,
        so when another process recorded the same bytes a moment ago this one
        finds that bulletin (``duplicate``) instead of failing.
        """
        arrival = Arrival(
            source_path, source_name, sha256, size, mtime_ns, bulletin, failure, user, recognising
        )
        return self.add_many([arrival])[0]

    def add_many(self, arrivals: Sequence[Arrival]) -> list[Added]:
        """Several arrivals in one transaction; the search index is written last.

        FTS5 keeps new terms in memory until the transaction ends, but writes them out
        whenever any statement opens a savepoint (``INSERT OR REPLACE`` does): indexing
        after every other statement lets a hundred bulletins share one index write.
        """
        stamp = now()
        added: list[Added] = []
        to_index: list[tuple[int, str]] = []
        with self._write() as conn:
            for arrival in arrivals:
                result, search_text = self._add(conn, arrival, stamp)
                added.append(result)
                if search_text is not None:
                    to_index.append((result.bulletin_id, search_text))
            self._index_many(conn, to_index)
        return added

    def _add(
        self, conn: sqlite3.Connection, arrival: Arrival, stamp: str
    ) -> tuple[Added, str | None]:
        """One arrival inside the open transaction; the search text when a row was made."""
        same = conn.execute(
            "SELECT id FROM bulletins WHERE sha256 = ?", (arrival.sha256,)
        ).fetchone()
        if same is not None:
            self._note_source(conn, arrival, int(same[0]), stamp)
            return Added(int(same[0]), None, duplicate=True), None
        row = conn.execute(
            "SELECT id FROM bulletins WHERE source_path = ? ORDER BY id DESC LIMIT 1",
            (arrival.source_path,),
        ).fetchone()
        previous = None if row is None else int(row[0])
        bulletin = arrival.bulletin
        fields = index_fields(bulletin)
        search_text = str(fields.pop("search_text"))  # kept in search_texts alone (sqlite_search)
        record: dict[str, Any] = {
            "source_path": arrival.source_path,
            "source_name": arrival.source_name,
            "sha256": arrival.sha256,
            "size": arrival.size,
            "received_at": stamp,
            "status": _arrival_status(bulletin, arrival.recognising),
            "failure": arrival.failure,
            "parsed": None
            if bulletin is None
            else arrival.packed or pack_bulletin(bulletin, text_dictionary(search_text)),
            "current": None,  # until edited, the current version is the parse
            "warning_count": 0 if bulletin is None else len(bulletin.warnings),
            "previous_id": previous,
            "updated_at": stamp,
            **fields,
        }
        columns = ", ".join(record)
        marks = ", ".join("?" * len(record))
        cursor = conn.execute(
            f"INSERT INTO bulletins ({columns}) VALUES ({marks})", tuple(record.values())
        )
        bulletin_id = int(cursor.lastrowid or 0)
        detail = arrival_detail(arrival.source_name, bulletin, arrival.failure, arrival.recognising)
        self._revision(conn, bulletin_id, stamp, arrival.user, "ingest", None, None, detail)
        self._note_source(conn, arrival, bulletin_id, stamp)
        return Added(bulletin_id, previous), search_text

    @staticmethod
    def _note_source(
        conn: sqlite3.Connection, arrival: Arrival, bulletin_id: int, stamp: str
    ) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?)",
            (
                arrival.source_path,
                arrival.size,
                arrival.mtime_ns,
                arrival.sha256,
                bulletin_id,
                stamp,
            ),
        )

    def add_unreadable(
        self, *, source_path: str, source_name: str, size: int, reason: str, user: str
    ) -> int | None:
        """Record a file that could not be read at all (no permission, too large) as failed.

        There are no bytes to key it by, so the key is the path: the same file
        failing again is not recorded twice (returns None then), and once it can
        be read it arrives as a new version of this record.
        """
        key = UNREADABLE_KEY + hashlib.sha256(source_path.encode("utf-8")).hexdigest()
        stamp = now()
        with self._write() as conn:
            same = conn.execute(
                "SELECT id, failure FROM bulletins WHERE sha256 = ?", (key,)
            ).fetchone()
            if same is not None:
                if same[1] == reason:
                    return None
                conn.execute(
                    "UPDATE bulletins SET failure = ?, updated_at = ?, version = version + 1 "
                    "WHERE id = ?",
                    (reason, stamp, same[0]),
                )
                self._revision(conn, int(same[0]), stamp, user, "ingest", None, None, reason)
                return int(same[0])
            record: dict[str, Any] = {
                "source_path": source_path,
                "source_name": source_name,
                "sha256": key,
                "size": size,
                "received_at": stamp,
                "status": FAILED,
                "failure": reason,
                "previous_id": None,
                "updated_at": stamp,
                **index_fields(None),
            }
            bulletin_id = int(self.db.table("bulletins").insert(record).last_pk)  # type: ignore[arg-type]
            self._index(conn, bulletin_id, "")
            self._revision(conn, bulletin_id, stamp, user, "ingest", None, None, reason)
        return bulletin_id

    def finish_recognition(
        self, bulletin_id: int, *, bulletin: Bulletin | None, failure: str | None, user: str
    ) -> bool:
        """A scan's OCR is done: 新收 with the bulletin read, or 无法解析 with the reason.

        Only a bulletin still 识别中 changes (another desk finished it, or it was cancelled).
        """
        stamp = now()
        with self._write() as conn:
            row = conn.execute(
                "SELECT status FROM bulletins WHERE id = ?", (bulletin_id,)
            ).fetchone()
            if row is None or row[0] != RECOGNISING:
                return False
            fields = index_fields(bulletin)
            preset = text_dictionary(fields["search_text"])
            self._repack_current(conn, bulletin_id, preset)
            conn.execute(
                "UPDATE bulletins SET status = ?, failure = ?, parsed = ?, "
                "warning_count = ?, series = ?, issue = ?, total_issue = ?, issue_date = ?, "
                "title = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                (
                    FAILED if bulletin is None else NEW,
                    None if bulletin is not None else failure,
                    None if bulletin is None else pack_bulletin(bulletin, preset),
                    0 if bulletin is None else len(bulletin.warnings),
                    fields["series"],
                    fields["issue"],
                    fields["total_issue"],
                    fields["issue_date"],
                    fields["title"],
                    stamp,
                    bulletin_id,
                ),
            )
            self._index(conn, bulletin_id, fields["search_text"])
            detail = recognition_detail(bulletin, failure)
            self._revision(conn, bulletin_id, stamp, user, "recognise", None, None, detail)
        return True

    def restart_recognition(self, bulletin_id: int, user: str) -> bool:
        """A failed scan back to 识别中 (重新识别), its original kept; False otherwise."""
        stamp = now()
        with self._write() as conn:
            row = conn.execute(
                "SELECT status, sha256 FROM bulletins WHERE id = ?", (bulletin_id,)
            ).fetchone()
            if row is None or row[0] != FAILED or str(row[1]).startswith(UNREADABLE_KEY):
                return False
            conn.execute(
                "UPDATE bulletins SET status = ?, failure = NULL, updated_at = ?, "
                "version = version + 1 WHERE id = ?",
                (RECOGNISING, stamp, bulletin_id),
            )
            self._revision(
                conn, bulletin_id, stamp, user, "recognise", None, None, RECOGNITION_AGAIN
            )
        return True

    @staticmethod
    def _kept_dictionary(conn: sqlite3.Connection, bulletin_id: int) -> bytes:
        """The dictionary the bulletin's kept versions are packed from now (before a change)."""
        row = conn.execute(f"SELECT title, body FROM {TEXTS} WHERE id = ?", (bulletin_id,))
        return kept_dictionary(*(row.fetchone() or (None, None)))

    def _repack_current(self, conn: sqlite3.Connection, bulletin_id: int, preset: bytes) -> None:
        """The edited version packed from ``preset``, the search text about to be indexed
        (editor.core.store.packing: a search text changes, its kept versions follow)."""
        (current,) = conn.execute(
            "SELECT current FROM bulletins WHERE id = ?", (bulletin_id,)
        ).fetchone()
        old = self._kept_dictionary(conn, bulletin_id)
        repacked = repack(current, old, preset)
        if repacked is not current:
            conn.execute("UPDATE bulletins SET current = ? WHERE id = ?", (repacked, bulletin_id))

    def _index(self, conn: sqlite3.Connection, bulletin_id: int, search_text: str) -> None:
        """The search index (editor.core.store.sqlite_search), in the open transaction."""
        index_search(conn, bulletin_id, search_text)

    def _index_many(self, conn: sqlite3.Connection, items: list[tuple[int, str]]) -> None:
        """Several bulletins' search texts indexed together, in the open transaction."""
        index_many(conn, items)

    def _revision(
        self,
        conn: sqlite3.Connection,
        bulletin_id: int,
        at: str,
        user: str,
        action: str,
        field: str | None,
        old: Any,
        new: Any,
    ) -> None:
        conn.execute(
            "INSERT INTO revisions (bulletin_id, at, user, action, field_path, old_value, "
            "new_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (bulletin_id, at, user, action, field, _json(old), _json(new)),
        )

    # --- reading -----------------------------------------------------------------------------

    def get(self, bulletin_id: int) -> Record:
        with self._lock:
            row = self.conn.execute(
                f"SELECT {_RECORD_COLUMNS} FROM bulletins b LEFT JOIN {TEXTS} t ON t.id = b.id "
                "WHERE b.id = ?",
                (bulletin_id,),
            ).fetchone()
        if row is None:
            raise StoreError(f"没有编号为 {bulletin_id} 的简报")
        summary = _summary(row[:13])
        sha, parsed, current, approved_by, approved_at, exported_path, exported_at = row[13:20]
        preset = kept_dictionary(row[21], row[22])
        return Record(
            summary,
            sha,
            None if parsed is None else unpack_bulletin(parsed, preset),
            None if (current or parsed) is None else unpack_bulletin(current or parsed, preset),
            approved_by,
            approved_at,
            exported_path,
            exported_at,
            int(row[20]),
        )

    def list_bulletins(
        self, status: str | None = None, *, limit: int | None = None
    ) -> list[Summary]:
        """The queue, newest first, optionally of one status."""
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM bulletins"
        params: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            params.append(status)
        sql += " ORDER BY received_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._lock:
            return [_summary(r) for r in self.conn.execute(sql, params)]

    def ids(self, status: str | None = None) -> list[int]:
        sql = "SELECT id FROM bulletins" + (" WHERE status = ?" if status else "")
        sql += " ORDER BY received_at DESC, id DESC"
        with self._lock:
            return [int(r[0]) for r in self.conn.execute(sql, [status] if status else [])]

    def summaries(self, ids: list[int]) -> dict[int, Summary]:
        """Summaries for a set of ids (the queue model fetches rows in pages)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self.conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM bulletins INDEXED BY bulletins_summary "
                f"WHERE id IN ({marks})",
                ids,
            ).fetchall()
        return {int(r[0]): _summary(r) for r in rows}

    def count(self, status: str | None = None) -> int:
        sql = "SELECT count(*) FROM bulletins" + (" WHERE status = ?" if status else "")
        with self._lock:
            return int(self.conn.execute(sql, [status] if status else []).fetchone()[0])

    def search(self, query: str, *, limit: int = 100) -> list[Summary]:
        """Full text over titles and paragraphs: title matches first, then the newest.

        Every query, of any length and with punctuation, goes through an index
        (editor.core.store.sqlite_search); three characters or more are ranked among
        the newest RANKED matches, as in the PostgreSQL archive.
        """
        with self._lock:
            ids = self.search_ids(query, limit=limit)
            found = self.summaries(ids)
        return [found[i] for i in ids if i in found]

    def search_ids(self, query: str, *, limit: int = 100) -> list[int]:
        """The ids :meth:`search` returns, in its order: the index alone, no summaries (for
        1,000 hits those are most of the time)."""
        with self._lock:
            return search_ids(self.conn, query, limit, ranked=_package.RANKED)

    def upkeep(self, limit: int = 50) -> int:
        """Nothing to do here: this archive's migrations bring every row up to date at open
        (a one-PC archive is opened by one desk, after its window is on the screen)."""
        return 0

    def series_history(self, name: str, exclude: int | None = None) -> list[SeriesIssue]:
        """The series' other bulletins (not failed, not rejected), for numbering checks.

        ``exclude`` is the bulletin being checked: it is left out, and so is every
        version linked to it by :meth:`mark_new_version` (either way, however
        long the chain), since a new version may carry its predecessor's number.
        """
        with self._lock:
            skip = sorted(self._versions(exclude)) if exclude is not None else []
            marks = ",".join("?" * len(skip))
            rows = self.conn.execute(
                "SELECT id, issue, total_issue, issue_date, status FROM bulletins "
                "WHERE series = ? AND status NOT IN ('failed', 'rejected') "
                f"{f'AND id NOT IN ({marks}) ' if skip else ''}ORDER BY issue_date, id",
                (name, *skip),
            ).fetchall()
        return [SeriesIssue(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def supersedes(self, bulletin_id: int) -> int | None:
        """The bulletin this one was marked as the new version of, if any."""
        with self._lock:
            row = self.conn.execute(
                "SELECT supersedes FROM bulletins WHERE id = ?", (bulletin_id,)
            ).fetchone()
        if row is None:
            raise StoreError(f"没有编号为 {bulletin_id} 的简报")
        return None if row[0] is None else int(row[0])

    def superseded_by(self, bulletin_id: int) -> int | None:
        """The bulletin marked as this one's new version, if any."""
        with self._lock:
            known = self.conn.execute("SELECT 1 FROM bulletins WHERE id = ?", (bulletin_id,))
            if known.fetchone() is None:
                raise StoreError(f"没有编号为 {bulletin_id} 的简报")
            row = self.conn.execute(
                "SELECT id FROM bulletins WHERE supersedes = ?", (bulletin_id,)
            ).fetchone()
        return None if row is None else int(row[0])

    def _versions(self, bulletin_id: int) -> set[int]:
        """The bulletin and every version linked to it, older and newer."""
        found = {bulletin_id}
        for sql in (
            "SELECT supersedes FROM bulletins WHERE id = ?",  # older
            "SELECT id FROM bulletins WHERE supersedes = ?",  # newer
        ):
            at: int | None = bulletin_id
            while at is not None:
                row = self.conn.execute(sql, (at,)).fetchone()
                at = None if row is None or row[0] is None or row[0] in found else int(row[0])
                if at is not None:
                    found.add(at)
        return found

    def series_signs_articles(self, name: str, exclude: int | None = None) -> bool:
        """Whether every article of the series' approved or exported issues has an attribution."""
        with self._lock:
            rows = self.conn.execute(
                f"SELECT coalesce(b.current, b.parsed), t.title, t.body FROM bulletins b "
                f"LEFT JOIN {TEXTS} t ON t.id = b.id WHERE b.series = ? AND b.id != ? "
                "AND b.status IN ('approved', 'exported') ORDER BY b.id DESC LIMIT 20",
                (name, -1 if exclude is None else exclude),
            ).fetchall()
        articles = [
            article
            for kept, title, body in rows
            if kept
            for article in unpack_bulletin(kept, kept_dictionary(title, body)).articles()
        ]
        return bool(articles) and all(a.source for a in articles)

    def list_series(self) -> list[Series]:
        with self._lock:
            rows = self.conn.execute("SELECT data FROM series ORDER BY name").fetchall()
        return [Series.from_json(r[0]) for r in rows]

    def save_series(self, series: Series, *, old_name: str | None = None) -> None:
        with self._write() as conn:
            if old_name and old_name != series.name:
                conn.execute("DELETE FROM series WHERE name = ?", (old_name,))
            conn.execute(
                "INSERT OR REPLACE INTO series (name, data) VALUES (?, ?)",
                (series.name, series.to_json()),
            )

    def delete_series(self, name: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM series WHERE name = ?", (name,))

    def revisions(self, bulletin_id: int) -> list[Revision]:
        with self._lock:
            rows = self.conn.execute(
                "SELECT id, bulletin_id, at, user, action, field_path, old_value, new_value "
                "FROM revisions WHERE bulletin_id = ? ORDER BY id",
                (bulletin_id,),
            ).fetchall()
        return [
            Revision(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), json.loads(r[7]))
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

        The record is read inside the write transaction, so the changes are counted
        against what the archive holds at that moment. With ``base_version`` (the
        version the editor loaded or last saved), a bulletin someone else has written
        since is left alone: EditConflict, naming who and when. A save that changes
        something adds one to the version; one that changes nothing writes nothing.
        With ``desk``, another desk's live lease refuses it (LeaseHeld) and this desk's
        own lease is renewed, whether or not anything changed.
        """
        with self._write() as conn:
            record = self.get(bulletin_id)
            self._check_lease(conn, bulletin_id, desk, record.version)
            self._check_base(conn, record, base_version)
            status = next_status(record.status, "edit")
            diff = changes(record.current, bulletin)
            if not diff:
                return 0
            stamp = now()
            fields = index_fields(bulletin)
            preset = text_dictionary(fields["search_text"])
            (parsed,) = conn.execute(
                "SELECT parsed FROM bulletins WHERE id = ?", (bulletin_id,)
            ).fetchone()
            parsed = repack(parsed, self._kept_dictionary(conn, bulletin_id), preset)
            conn.execute(
                "UPDATE bulletins SET current = ?, parsed = ?, status = ?, updated_at = ?, "
                "series = ?, issue = ?, total_issue = ?, issue_date = ?, title = ?, "
                "version = version + 1 WHERE id = ?",
                (
                    pack_bulletin(bulletin, preset),
                    parsed,
                    status,
                    stamp,
                    fields["series"],
                    fields["issue"],
                    fields["total_issue"],
                    fields["issue_date"],
                    fields["title"],
                    bulletin_id,
                ),
            )
            self._index(conn, bulletin_id, fields["search_text"])
            for path, old, new in diff:
                self._revision(conn, bulletin_id, stamp, user, "edit", path, old, new)
            if status != record.status:
                self._revision(
                    conn, bulletin_id, stamp, user, "status", "status", record.status, status
                )
        return len(diff)

    def _check_base(
        self, conn: sqlite3.Connection, record: Record, base_version: int | None
    ) -> None:
        """EditConflict when the caller worked on a version that is no longer the latest."""
        if base_version is None or base_version == record.version:
            return
        last = conn.execute(
            "SELECT user, at FROM revisions WHERE bulletin_id = ? ORDER BY id DESC LIMIT 1",
            (record.id,),
        ).fetchone()
        raise EditConflict(
            record.id,
            base_version=base_version,
            version=record.version,
            user=None if last is None else last[0],
            at=None if last is None else last[1],
        )

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
        reason given). The state is read inside the write transaction; with
        ``base_version``, a bulletin written since is refused (EditConflict); with
        ``desk``, one another desk holds the lease of (LeaseHeld).
        """
        with self._write() as conn:
            return self._transition(
                conn, bulletin_id, action, user, detail, base_version, desk=desk
            )

    def _transition(
        self,
        conn: sqlite3.Connection,
        bulletin_id: int,
        action: str,
        user: str,
        detail: str | None,
        base_version: int | None = None,
        *,
        desk: str | None = None,
    ) -> str:
        """A transition inside the caller's write transaction (the state is read inside it)."""
        record = self.get(bulletin_id)
        self._check_lease(conn, bulletin_id, desk, record.version)
        self._check_base(conn, record, base_version)
        status = next_status(record.status, action)
        stamp = now()
        extra = ""
        params: list[Any] = [status, stamp]
        if action == "approve":
            extra = ", approved_by = ?, approved_at = ?"
            params += [user, stamp]
        elif action == "export":
            extra = ", exported_path = ?, exported_at = ?"
            params += [detail, stamp]
        conn.execute(
            f"UPDATE bulletins SET status = ?, updated_at = ?, version = version + 1{extra} "
            "WHERE id = ?",
            [*params, bulletin_id],
        )
        self._revision(conn, bulletin_id, stamp, user, action, "status", record.status, status)
        note = (detail or "").strip()
        if note and action != "export":
            self._revision(conn, bulletin_id, stamp, user, action, "note", None, note)
        return status

    def mark_duplicate(self, bulletin_id: int, of_id: int, user: str) -> str:
        """Reject a bulletin as a copy of ``of_id``, the reason (与 #K 重复) in its history.

        WorkflowError when its state does not allow rejecting. Returns the new status.
        """
        with self._write() as conn:
            self._other(bulletin_id, of_id)
            return self._transition(conn, bulletin_id, "reject", user, f"与 #{of_id} 重复")

    def mark_new_version(self, bulletin_id: int, of_id: int, user: str) -> None:
        """Record that ``bulletin_id`` is the corrected new version of ``of_id``.

        Both histories say so (取代 #K, 已由 #M 取代), and from then on neither is
        flagged for carrying the other's issue number. A bulletin supersedes at most
        one other and is superseded by at most one: marking it again for the same
        bulletin does nothing; anything else that would break the chain is a StoreError.
        """
        stamp = now()
        with self._write() as conn:
            self._other(bulletin_id, of_id)
            for bid in (bulletin_id, of_id):
                if self.get(bid).status == FAILED:
                    raise StoreError(f"#{bid} 无法解析，不能标记版本")
            older = self.supersedes(bulletin_id)
            if older == of_id:
                return
            if older is not None:
                raise StoreError(f"#{bulletin_id} 已标为 #{older} 的新版本")
            newer = self.superseded_by(of_id)
            if newer is not None:
                raise StoreError(
                    f"#{of_id} 已由 #{newer} 取代；如果这份更新，请标为 #{newer} 的新版本"
                )
            if bulletin_id in self._versions(of_id):
                raise StoreError(f"#{of_id} 本身是 #{bulletin_id} 的新版本")
            conn.execute(
                "UPDATE bulletins SET supersedes = ?, updated_at = ?, version = version + 1 "
                "WHERE id = ?",
                (of_id, stamp, bulletin_id),
            )
            conn.execute(
                "UPDATE bulletins SET updated_at = ?, version = version + 1 WHERE id = ?",
                (stamp, of_id),
            )
            self._revision(
                conn, bulletin_id, stamp, user, "new_version", "note", None, f"取代 #{of_id}"
            )
            self._revision(
                conn, of_id, stamp, user, "new_version", "note", None, f"已由 #{bulletin_id} 取代"
            )

    def _other(self, bulletin_id: int, of_id: int) -> None:
        """Both bulletins exist and are two (StoreError otherwise)."""
        if bulletin_id == of_id:
            raise StoreError(f"#{bulletin_id} 不能标为它自己的重复件或新版本")
        self.get(bulletin_id)
        self.get(of_id)

    def integrity_ok(self) -> bool:
        with self._lock:
            return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    # --- several desks on one archive ---------------------------------------------------------

    @staticmethod
    def _held(conn: sqlite3.Connection, bulletin_id: int) -> Lease | None:
        """The bulletin's lease row, live or expired."""
        row = conn.execute(
            "SELECT bulletin_id, user, desk, host, expires FROM leases WHERE bulletin_id = ?",
            (bulletin_id,),
        ).fetchone()
        return None if row is None else _lease(row)

    def _check_lease(
        self, conn: sqlite3.Connection, bulletin_id: int, desk: str | None, version: int
    ) -> None:
        """LeaseHeld when another desk holds a live lease; this desk's own is renewed."""
        if desk is None:
            return
        held = self._held(conn, bulletin_id)
        if held is None:
            return
        moment = dt.datetime.now(dt.UTC)
        if held.desk == desk:
            expires = moment + dt.timedelta(seconds=_package.LEASE_SECONDS)
            conn.execute(
                "UPDATE leases SET expires = ? WHERE bulletin_id = ?", (_utc(expires), bulletin_id)
            )
        elif held.expires > moment:
            raise LeaseHeld(held, version=version)

    def take_lease(
        self, bulletin_id: int, *, user: str, desk: str, host: str, force: bool = False
    ) -> Lease:
        """Take or renew the lease for ``desk``; the lease in force afterwards (another
        desk's live one unchanged, unless ``force`` takes it over, noted in the history)."""
        if self.read_only:
            raise StoreError(f"{self.data.database}：档案以只读方式打开，不能写入")
        with self._write() as conn:
            found = conn.execute("SELECT 1 FROM bulletins WHERE id = ?", (bulletin_id,))
            if found.fetchone() is None:
                raise StoreError(f"没有编号为 {bulletin_id} 的简报")
            moment = dt.datetime.now(dt.UTC)
            held = self._held(conn, bulletin_id)
            if held is not None and held.desk != desk and held.expires > moment:
                if not force:
                    return held
                self._revision(
                    conn,
                    bulletin_id,
                    now(),
                    user,
                    TAKEOVER_ACTION,
                    "note",
                    None,
                    takeover_note(held),
                )
            lease = Lease(
                bulletin_id,
                user,
                desk,
                host,
                moment + dt.timedelta(seconds=_package.LEASE_SECONDS),
            )
            conn.execute(
                "INSERT OR REPLACE INTO leases (bulletin_id, user, desk, host, expires) "
                "VALUES (?, ?, ?, ?, ?)",
                (bulletin_id, user, desk, host, _utc(lease.expires)),
            )
        return lease

    def release_lease(self, bulletin_id: int, desk: str) -> None:
        if self.read_only:
            return  # nothing can be held here
        with self._write() as conn:
            conn.execute(
                "DELETE FROM leases WHERE bulletin_id = ? AND desk = ?", (bulletin_id, desk)
            )

    def release_desk(self, desk: str) -> None:
        if self.read_only:
            return
        with self._write() as conn:
            conn.execute("DELETE FROM leases WHERE desk = ?", (desk,))

    def lease_of(self, bulletin_id: int) -> Lease | None:
        with self._lock:
            row = self.conn.execute(
                "SELECT bulletin_id, user, desk, host, expires FROM leases "
                "WHERE bulletin_id = ? AND expires > ?",
                (bulletin_id, _utc(dt.datetime.now(dt.UTC))),
            ).fetchone()
        return None if row is None else _lease(row)

    def leases(self) -> dict[int, Lease]:
        with self._lock:
            rows = self.conn.execute(
                "SELECT bulletin_id, user, desk, host, expires FROM leases WHERE expires > ?",
                (_utc(dt.datetime.now(dt.UTC)),),
            ).fetchall()
        return {int(r[0]): _lease(r) for r in rows}

    def claim_inbox(self, desk: str) -> InboxClaim | None:
        """The inbox duty as an OS lock on ``inbox.lock`` in the data directory; None while
        another desk (another process, or another store in this one) holds it."""
        if self.read_only:
            return None
        path = self.data.root / INBOX_LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as err:
            raise StoreError(f"{path}：{write_reason(err)}") from err
        try:
            locked = _try_lock(fd)
        except OSError as err:
            os.close(fd)
            raise StoreError(f"{path}：{write_reason(err)}") from err
        if not locked:
            os.close(fd)
            return None
        with contextlib.suppress(OSError):  # who holds it, for a person looking at the folder
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{desk}\n{os.getpid()}\n".encode())
        claim = _FileClaim(path, fd)
        self._claims.append(claim)
        return claim
