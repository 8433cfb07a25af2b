"""Every desk sees the archive change as it happens (issue 17): a change feed for either store.

:func:`watch_changes` starts a thread that watches the archive and calls ``on_change`` with
the ids of the bulletins that changed, or :data:`EVERYTHING` when the desk should look again
at all of it. Both are called on the feed's own thread (a Qt desk forwards them to a signal);
an exception a callback raises is kept in ``feed.error`` and the feed goes on.

- On a PostgreSQL server (:mod:`editor.core.store.pg_changes`) every write sends
  ``pg_notify('jianxun_changes', …)``; the feed listens on a connection of its own and a
  change reaches the desk within a fraction of a second. A notification sent while the link
  is down is lost, so after every (re)connection the feed says :data:`EVERYTHING`.
- On SQLite (:class:`SqliteChangeFeed`) other processes on the same PC (``jianxun ingest``, a
  second desk) write the same file: the feed looks at ``PRAGMA data_version`` a few times a
  second on a read-only connection of its own and, when it moved, reads which bulletins were
  written since it last looked.

Both report the desk's own writes too (they come through the store's connection, not the
feed's); re-reading what it just wrote is harmless. ``on_state(connected, message)`` says, in
Chinese and never with a password, when the feed loses the archive and when it has it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from editor.core.paths import DataDirError, connect_read_only, read_reason, sqlite_reason
from editor.core.store.protocol import Store
from editor.core.store.sqlite import SqliteStore

__all__ = [
    "EVERYTHING",
    "ChangeFeed",
    "FeedThread",
    "OnChange",
    "OnState",
    "SqliteChangeFeed",
    "watch_changes",
]

EVERYTHING: frozenset[int] = frozenset()
"""Look again at everything: after a reconnection, when the series changed, or when the feed
cannot tell which bulletins did."""

OnChange = Callable[[frozenset[int]], None]
OnState = Callable[[bool, str], None]

STOP_WAIT = 2.0
"""Seconds :meth:`ChangeFeed.stop` waits for the thread (and a callback under way) to end."""
RETRY_FIRST = 0.5
"""Seconds before trying again after the archive was lost; doubled each time, up to …"""
RETRY_MAX = 5.0
SQLITE_POLL = 0.3
"""Seconds between two looks at a SQLite archive's ``data_version``."""


class ChangeFeed(Protocol):
    """A running watch on the archive (:func:`watch_changes`)."""

    def stop(self) -> None:
        """Stop watching: no callback begins after this returns. Idempotent; it waits for the
        thread a bounded time (``STOP_WAIT``), and may be called from a callback."""
        ...


def retry_delay(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` failed ones in a row (≥ 1)."""
    return float(min(RETRY_FIRST * 2 ** max(failures - 1, 0), RETRY_MAX))


class FeedThread:
    """What both feeds share: their daemon thread, stopping it, and calling back safely.

    A subclass implements :meth:`run` (return when :attr:`stopping` is set) and calls
    :meth:`changed` and :meth:`state`; nothing it raises leaves the thread.
    """

    def __init__(self, name: str, on_change: OnChange, on_state: OnState | None) -> None:
        self._on_change = on_change
        self._on_state = on_state
        self.stopping = threading.Event()
        self._calling = threading.RLock()
        self.error: Exception | None = None
        """The last exception a callback (or the feed itself) raised, kept, never printed."""
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if threading.current_thread() is self._thread:
            return  # from a callback: the loop ends when it returns
        self._thread.join(STOP_WAIT)
        # A callback under way finishes before stop() returns; none begins after it.
        if self._calling.acquire(timeout=STOP_WAIT):
            self._calling.release()

    @property
    def alive(self) -> bool:
        """Whether the thread is still running (False soon after :meth:`stop`)."""
        return self._thread.is_alive()

    def changed(self, ids: frozenset[int]) -> None:
        self._call(self._on_change, ids)

    def state(self, connected: bool, message: str) -> None:
        if self._on_state is not None:
            self._call(self._on_state, connected, message)

    def _call(self, callback: Callable[..., None], *args: object) -> None:
        with self._calling:
            if self.stopping.is_set():
                return
            try:
                callback(*args)
            except Exception as err:  # the desk's problem, not a reason to stop watching
                self.error = err

    def _main(self) -> None:
        try:
            self.run()
        except Exception as err:  # a bug: the feed ends quietly, the desk is told once
            self.error = err
            self.state(False, "程序内部出错，其他地方对档案的更改暂时不会自动显示，请重新打开档案")
        finally:
            self.close()

    def run(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the thread held (called on the thread as it ends)."""


@dataclass(frozen=True)
class _Mark:
    """Where a SQLite archive stood when the feed last looked."""

    data_version: int
    schema: tuple[int, int]
    last_revision: int
    last_bulletin: int
    series: bytes
    leases: dict[int, tuple[object, ...]]


class SqliteChangeFeed(FeedThread):
    """Watches a SQLite archive for commits by other connections (other processes, the desk).

    Every write to a bulletin adds a row to ``revisions`` (see :mod:`.sqlite`), so the ids
    are those of the revisions and bulletins added since the last look (two ``id > ?``
    ranges on primary keys, cheap however large the archive) and of the editing leases
    taken, renewed or given back (a small table, compared whole). A changed series, schema,
    or a change none of that explains (a file noted as seen, a table a later version adds,
    a restored archive) is :data:`EVERYTHING`.
    """

    def __init__(
        self,
        database: Path,
        on_change: OnChange,
        on_state: OnState | None = None,
        *,
        poll: float = SQLITE_POLL,
    ) -> None:
        super().__init__("jianxun-changes", on_change, on_state)
        self.database = database
        self.poll = poll
        self._conn: sqlite3.Connection | None = None
        self._mark: _Mark | None = None
        # Where the archive stands now, before returning: every later commit is reported. If
        # it cannot be read now, the thread tries again and then says EVERYTHING.
        with contextlib.suppress(sqlite3.Error, DataDirError, OSError):
            self._open()
        self.start()

    def _open(self) -> None:
        conn = connect_read_only(self.database)
        try:
            self._mark = self._look(conn, None)[0]
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def run(self) -> None:
        failures = 0
        told = False  # on_state(False, …) was said
        while not self.stopping.wait(retry_delay(failures) if failures else self.poll):
            try:
                if self._conn is None:
                    self._open()
                    if told:
                        self.state(True, f"{self.database}：又能读到档案的更改了")
                    told = False
                    self.changed(EVERYTHING)  # what changed meanwhile is not known
                else:
                    ids = self._check(self._conn)
                    if ids is not None:
                        self.changed(ids)
                failures = 0
            except (sqlite3.Error, DataDirError, OSError) as err:
                self.close()
                failures += 1
                if not told:
                    told = True
                    self.state(False, self._lost(err))

    def _lost(self, err: Exception) -> str:
        if isinstance(err, DataDirError):
            reason = str(err)
        elif isinstance(err, sqlite3.Error):
            reason = f"{self.database}：{sqlite_reason(err)}"
        else:
            assert isinstance(err, OSError)
            reason = f"{self.database}：{read_reason(err)}"
        return f"{reason}；暂时看不到其他程序对档案的更改，正在重试"

    def _check(self, conn: sqlite3.Connection) -> frozenset[int] | None:
        """What changed since the last look; None if nothing was committed meanwhile."""
        mark, ids = self._look(conn, self._mark)
        self._mark = mark
        return ids

    @staticmethod
    def _look(
        conn: sqlite3.Connection, before: _Mark | None
    ) -> tuple[_Mark, frozenset[int] | None]:
        """Where the archive stands and, against ``before``, what changed (one snapshot)."""
        conn.execute("BEGIN")  # data_version and every query below see the same snapshot
        try:
            version = int(conn.execute("PRAGMA data_version").fetchone()[0])
            if before is not None and version == before.data_version:
                return before, None
            schema = (
                int(conn.execute("PRAGMA schema_version").fetchone()[0]),
                int(conn.execute("PRAGMA user_version").fetchone()[0]),
            )
            last_revision = int(
                conn.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0]
            )
            last_bulletin = int(
                conn.execute("SELECT coalesce(max(id), 0) FROM bulletins").fetchone()[0]
            )
            digest = hashlib.sha256()
            for name, data in conn.execute("SELECT name, data FROM series ORDER BY name"):
                digest.update(f"{len(name)}:{name}{len(data)}:{data}".encode())
            leases: dict[int, tuple[object, ...]] = {}
            if conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leases'"
            ).fetchone():
                leases = {
                    int(row[0]): tuple(row[1:])
                    for row in conn.execute("SELECT bulletin_id, * FROM leases")
                }
            mark = _Mark(version, schema, last_revision, last_bulletin, digest.digest(), leases)
            if before is None:
                return mark, None
            if (
                schema != before.schema
                or mark.series != before.series
                or last_revision < before.last_revision
                or last_bulletin < before.last_bulletin
            ):
                return mark, EVERYTHING
            found = {
                int(row[0])
                for row in conn.execute(
                    "SELECT DISTINCT bulletin_id FROM revisions WHERE id > ?",
                    (before.last_revision,),
                )
            }
            found.update(
                int(row[0])
                for row in conn.execute(
                    "SELECT id FROM bulletins WHERE id > ?", (before.last_bulletin,)
                )
            )
            found.update(
                bulletin_id
                for bulletin_id in leases.keys() | before.leases.keys()
                if leases.get(bulletin_id) != before.leases.get(bulletin_id)
            )
            return mark, frozenset(found) if found else EVERYTHING
        finally:
            conn.execute("COMMIT")


def watch_changes(
    store: Store,
    on_change: OnChange,
    on_state: OnState | None = None,
) -> ChangeFeed:
    """Watch ``store``'s archive until :meth:`ChangeFeed.stop`.

    ``on_change(ids)`` gets the ids of the bulletins that changed, :data:`EVERYTHING` to look
    again at all of them; ``on_state(connected, message)`` hears when the feed loses the
    archive (a server gone, a folder unreadable) and when it has it again. Both are called on
    the feed's thread. On a server the feed also says EVERYTHING once it listens (at first
    and after every reconnection): what happened before that moment may have been missed.
    """
    if isinstance(store, SqliteStore):
        return SqliteChangeFeed(store.data.database, on_change, on_state)
    try:
        from editor.core.store.pg import PgStore
    except ImportError:  # no psycopg installed: then the store is no PgStore either
        pass
    else:
        if isinstance(store, PgStore):
            from editor.core.store.pg_changes import PgChangeFeed

            return PgChangeFeed(store.url, store.place, on_change, on_state)
    raise TypeError(f"不认识的档案类型：{type(store).__name__}")
