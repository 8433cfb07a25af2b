"""Changes on a PostgreSQL archive, as they happen (issue 17): ``LISTEN jianxun_changes``.

The archive's triggers send ``pg_notify('jianxun_changes', payload)`` on every write: the
payload is the bulletin's id as text, or ``*`` when the series changed. :class:`PgChangeFeed`
listens on a connection of its own (autocommit, ``application_name`` ``jianxun-listen``, TCP
keepalives so that a server gone without a word is noticed within half a minute) and hands
each burst of notifications (those arriving within :data:`GATHER` seconds of the first) to
``on_change`` as one set of ids.

When the connection breaks the desk is told (``on_state(False, …)``) and the feed connects
again, waiting longer each time (0.5 s up to 5 s). Notifications sent meanwhile are lost, so
once it listens again it says so (``on_state(True, …)``) and asks the desk to look again at
everything (:data:`~editor.core.store.changes.EVERYTHING`).
"""

from __future__ import annotations

import re
import time
from typing import Any

import psycopg
import psycopg.conninfo

from editor.core.store.changes import (
    EVERYTHING,
    FeedThread,
    OnChange,
    OnState,
    retry_delay,
)
from editor.core.store.pg import CONNECT_TIMEOUT, pg_reason

__all__ = ["CHANNEL", "GATHER", "PgChangeFeed", "parse_payload"]

CHANNEL = "jianxun_changes"
"""The channel the archive's triggers notify."""
APPLICATION = "jianxun-listen"
"""How the feed's connection is named on the server (``pg_stat_activity``)."""
POLL = 0.1
"""Seconds the feed waits for a notification before looking whether it is to stop."""
GATHER = 0.04
"""Seconds after a notification during which more are gathered into the same call."""
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}
"""A connection silent for 10 s is probed every 5 s; three probes unanswered and it is dead."""

_ID = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[\s,]+")

Conn = psycopg.Connection[tuple[Any, ...]]


def parse_payload(payload: str) -> frozenset[int]:
    """The bulletin ids a notification names (``"12"``, ``"12,13"``); anything else (``*``,
    empty, unreadable) is EVERYTHING."""
    parts = [part for part in _SEPARATORS.split(payload.strip()) if part]
    if not parts or not all(_ID.fullmatch(part) for part in parts):
        return EVERYTHING
    return frozenset(int(part) for part in parts)


class PgChangeFeed(FeedThread):
    """Listens for the archive's notifications on a thread and connection of its own.

    ``url`` reaches the server (it may hold a password: it is never shown); ``place`` names
    it in messages. The feed calls ``on_change(EVERYTHING)`` as soon as it listens, and again
    after every reconnection.
    """

    def __init__(
        self,
        url: str,
        place: str,
        on_change: OnChange,
        on_state: OnState | None = None,
    ) -> None:
        super().__init__("jianxun-listen", on_change, on_state)
        self.url = url
        self.place = place
        self._conn: Conn | None = None
        self.start()

    def _options(self) -> dict[str, Any]:
        try:
            given = set(psycopg.conninfo.conninfo_to_dict(self.url))
        except psycopg.Error:
            given = set()
        wanted: dict[str, Any] = {
            "connect_timeout": CONNECT_TIMEOUT,
            "application_name": APPLICATION,
            **KEEPALIVES,
        }
        options = {key: value for key, value in wanted.items() if key not in given}
        return {"autocommit": True, **options}

    def _connect(self) -> Conn:
        conn: Conn = psycopg.connect(self.url, **self._options())
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def run(self) -> None:
        failures = 0  # connections tried in vain since the last one that worked
        ever = False  # listened at least once
        told = False  # on_state(False, …) was said and not yet taken back
        while not self.stopping.is_set():
            try:
                self._conn = self._connect()
            except psycopg.Error as err:
                failures += 1
                if not told:
                    told = True
                    self.state(False, self._unreachable(err))
                if self.stopping.wait(retry_delay(failures)):
                    return
                continue
            failures = 0
            if told:
                told = False
                again = "已重新连接" if ever else "已连接"
                self.state(True, f"{again}数据库服务器 {self.place}，其他工作台的更改会即时显示")
            ever = True
            self.changed(EVERYTHING)  # whatever happened before this moment was not heard
            try:
                self._listen(self._conn)
            except psycopg.Error:
                if self.stopping.is_set():
                    return
                told = True
                self.state(
                    False,
                    f"与数据库服务器 {self.place} 的连接中断，正在重新连接"
                    "（其间其他工作台的更改暂不显示）",
                )
            finally:
                self.close()

    def _unreachable(self, err: psycopg.Error) -> str:
        """The first connection failed (after a break, the break has been said already)."""
        return (
            f"无法连接数据库服务器 {self.place}（{pg_reason(err)}），"
            "其他工作台的更改暂不显示，正在重试"
        )

    def _listen(self, conn: Conn) -> None:
        """Hand on notifications until stopped; psycopg.Error when the connection breaks."""
        while not self.stopping.is_set():
            ids = self._gather(conn)
            if ids is not None:
                self.changed(ids)

    def _gather(self, conn: Conn) -> frozenset[int] | None:
        """A burst of notifications as one set (None: none came within POLL seconds)."""
        found: set[int] = set()
        everything = False
        heard = False
        end = 0.0
        timeout = POLL
        while timeout > 0:
            for notify in conn.notifies(timeout=timeout, stop_after=None if heard else 1):
                ids = parse_payload(notify.payload)
                everything = everything or not ids
                found.update(ids)
                if not heard:
                    heard = True
                    end = time.monotonic() + GATHER
            if not heard:
                return None
            timeout = end - time.monotonic()
        return EVERYTHING if everything else frozenset(found)
