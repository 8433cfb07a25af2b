"""The change feed on a SQLite archive (issue 17): what another connection or another process
commits to the same file reaches the desk, with the ids of the bulletins it wrote.

The PostgreSQL feed (LISTEN/NOTIFY, reconnection) is tested in
tests/core/store_pg/test_pg_changes.py, against a real server."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.archive import arrive, issue_nine
from support.waiting import wait_until

from editor.core.paths import DataDir
from editor.core.series import Series
from editor.core.store import SqliteStore
from editor.core.store.changes import (
    EVERYTHING,
    SQLITE_POLL,
    STOP_WAIT,
    ChangeFeed,
    SqliteChangeFeed,
    watch_changes,
)

PROJECT = Path(__file__).resolve().parents[3]
WAIT = 10.0
"""Seconds a test waits for what must come (it comes within a poll, 0.3 s)."""


class Heard:
    """What a feed said, from its thread, with a condition to wait on."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.changes: list[frozenset[int]] = []
        self.states: list[tuple[bool, str]] = []
        self.threads: set[str] = set()

    def on_change(self, ids: frozenset[int]) -> None:
        with self.cond:
            self.changes.append(ids)
            self.threads.add(threading.current_thread().name)
            self.cond.notify_all()

    def on_state(self, connected: bool, message: str) -> None:
        with self.cond:
            self.states.append((connected, message))
            self.cond.notify_all()

    def wait(self, condition: Callable[[], bool], timeout: float = WAIT) -> bool:
        with self.cond:
            return self.cond.wait_for(condition, timeout)

    def ids(self) -> set[int]:
        """Every id reported so far."""
        with self.cond:
            return set().union(*self.changes)

    def heard_ids(self, *ids: int) -> bool:
        """Wait until each of ``ids`` has been reported (alone or with others)."""
        return self.wait(lambda: set(ids) <= self.ids())

    def everything(self) -> int:
        with self.cond:
            return sum(1 for ids in self.changes if ids == EVERYTHING)

    def clear(self) -> None:
        with self.cond:
            self.changes.clear()
            self.states.clear()


@pytest.fixture
def desk(data: DataDir) -> Iterator[SqliteStore]:
    """The desk's own archive connection."""
    with SqliteStore(data) as opened:
        yield opened


@pytest.fixture
def other(desk: SqliteStore, data: DataDir) -> Iterator[SqliteStore]:
    """The same archive opened again: its own connection, as another process has."""
    with SqliteStore(data) as opened:
        yield opened


@pytest.fixture
def heard() -> Heard:
    return Heard()


@pytest.fixture
def feed(desk: SqliteStore, heard: Heard) -> Iterator[ChangeFeed]:
    watching = watch_changes(desk, heard.on_change, heard.on_state)
    try:
        yield watching
    finally:
        watching.stop()


def test_what_another_connection_writes_is_reported_by_id(
    desk: SqliteStore, other: SqliteStore, feed: ChangeFeed, heard: Heard
) -> None:
    assert isinstance(feed, SqliteChangeFeed)
    first = arrive(other, "a.txt")
    assert heard.heard_ids(first)
    second = arrive(other, "b.txt")
    assert heard.heard_ids(second)
    heard.clear()

    assert other.save_edit(first, issue_nine("又一段"), "编辑乙") > 0
    assert heard.wait(lambda: bool(heard.changes))
    assert heard.changes == [frozenset({first})]  # the one edited, not the other
    heard.clear()

    other.transition(second, "approve", "编辑乙")
    assert heard.wait(lambda: bool(heard.changes))
    assert heard.changes == [frozenset({second})]
    heard.clear()

    other.mark_new_version(second, first, "编辑乙")  # writes both
    assert heard.heard_ids(first, second)
    assert heard.everything() == 0
    assert heard.threads == {"jianxun-changes"}  # called on the feed's thread
    assert desk.get(first).version == 3  # edited, then marked: the desk reads it


def test_writes_between_two_looks_come_together_and_none_is_missed(
    other: SqliteStore, feed: ChangeFeed, heard: Heard
) -> None:
    written = [arrive(other, f"{n}.txt") for n in range(12)]
    for bulletin_id in written[::3]:
        other.transition(bulletin_id, "reject", "编辑乙", detail="重复")
    assert heard.heard_ids(*written)
    assert heard.ids() == set(written)
    assert heard.everything() == 0
    assert all(ids for ids in heard.changes)  # never an empty call for "nothing"


def test_the_desks_own_writes_are_reported_too(
    desk: SqliteStore, feed: ChangeFeed, heard: Heard
) -> None:
    """The store writes through its own connection, not the feed's, so the feed sees it."""
    bulletin_id = arrive(desk, "a.txt")
    assert heard.heard_ids(bulletin_id)


def test_another_process_ingesting_is_reported(
    data: DataDir, feed: ChangeFeed, heard: Heard, tmp_path: Path
) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from editor.core.paths import DataDir\n"
        "from editor.core.store import SqliteStore\n"
        "from editor.core.parsing import parse_text\n"
        "with SqliteStore(DataDir(Path(sys.argv[1]))) as store:\n"
        "    added = store.add(source_path='/inbox/x.txt', source_name='x.txt', sha256='x',\n"
        "        size=1, mtime_ns=1, bulletin=None, failure='不是文本文件', user='收件')\n"
        "    print(added.bulletin_id)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(data.root)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    bulletin_id = int(done.stdout.strip())
    assert heard.heard_ids(bulletin_id)


def test_a_changed_series_is_everything(other: SqliteStore, feed: ChangeFeed, heard: Heard) -> None:
    other.save_series(Series("乐山史志", copies=30))
    assert heard.wait(lambda: heard.everything() == 1)
    heard.clear()
    other.delete_series("乐山史志")
    assert heard.wait(lambda: heard.everything() == 1)


def test_a_change_it_cannot_place_is_everything(
    other: SqliteStore, feed: ChangeFeed, heard: Heard
) -> None:
    """A file noted as seen changes no bulletin; rather a needless look than a missed one."""
    other.note_source("/inbox/seen.txt", 1, 1, "f" * 64, None)
    assert heard.wait(lambda: heard.everything() == 1)


def test_editing_leases_are_reported_by_id(
    desk: SqliteStore, other: SqliteStore, feed: ChangeFeed, heard: Heard
) -> None:
    """Taking, renewing and giving back a lease writes no revision: the feed compares the
    leases themselves, so the queue's 正在编辑 marks follow without a look at everything."""
    first = arrive(desk, "a.txt")
    second = arrive(desk, "b.txt")
    assert heard.heard_ids(first, second)
    heard.clear()
    other.take_lease(first, user="编辑乙", desk="乙", host="乙的电脑")
    assert heard.wait(lambda: bool(heard.changes))
    assert heard.changes == [frozenset({first})]
    heard.clear()
    other.take_lease(second, user="编辑乙", desk="乙", host="乙的电脑")
    assert heard.wait(lambda: heard.changes == [frozenset({second})])
    heard.clear()
    other.take_lease(second, user="编辑乙", desk="乙", host="乙的电脑")  # renewed
    assert heard.wait(lambda: heard.changes == [frozenset({second})])
    heard.clear()
    other.release_desk("乙")
    assert heard.wait(lambda: heard.ids() == {first, second})
    assert heard.everything() == 0


def test_stop_is_prompt_idempotent_and_final(
    desk: SqliteStore, other: SqliteStore, heard: Heard
) -> None:
    feed = watch_changes(desk, heard.on_change, heard.on_state)
    assert isinstance(feed, SqliteChangeFeed)
    assert feed.alive
    began = time.monotonic()
    feed.stop()
    took = time.monotonic() - began
    assert took < SQLITE_POLL + 0.5
    assert not feed.alive  # no thread left to call back
    feed.stop()  # again: nothing happens
    arrive(other, "a.txt")
    assert heard.changes == []
    assert heard.states == []


def test_stop_from_inside_a_callback(other: SqliteStore, desk: SqliteStore) -> None:
    done = threading.Event()
    feeds: list[ChangeFeed] = []

    def on_change(ids: frozenset[int]) -> None:
        feeds[0].stop()  # the desk closing the archive while told of a change
        done.set()

    feeds.append(watch_changes(desk, on_change))
    arrive(other, "a.txt")
    assert done.wait(WAIT)
    feed = feeds[0]
    assert isinstance(feed, SqliteChangeFeed)
    assert wait_until(lambda: not feed.alive, STOP_WAIT)  # it ends once the callback returns


def test_a_failing_callback_does_not_end_the_feed(desk: SqliteStore, other: SqliteStore) -> None:
    heard = Heard()

    def on_change(ids: frozenset[int]) -> None:
        heard.on_change(ids)
        if len(heard.changes) == 1:
            raise RuntimeError("the desk's own bug")

    feed = watch_changes(desk, on_change)
    assert isinstance(feed, SqliteChangeFeed)
    try:
        first = arrive(other, "a.txt")
        assert heard.heard_ids(first)
        second = arrive(other, "b.txt")
        assert heard.heard_ids(second)
        assert isinstance(feed.error, RuntimeError)  # kept, not printed
    finally:
        feed.stop()


def test_an_archive_it_cannot_read_yet_is_said_then_watched(tmp_path: Path) -> None:
    """The feed started before the archive exists (as a folder gone for a moment): the desk
    is told in Chinese, then told again when it can read it, and looks at everything."""
    heard = Heard()
    data = DataDir(tmp_path / "later")
    data.root.mkdir()
    feed = SqliteChangeFeed(data.database, heard.on_change, heard.on_state, poll=0.05)
    try:
        assert heard.wait(lambda: len(heard.states) == 1)
        connected, message = heard.states[0]
        assert not connected
        assert str(data.database) in message
        assert "正在重试" in message
        assert not re.search(r"[A-Za-z]", message.replace(str(data.database), ""))
        assert heard.changes == []

        with SqliteStore(data) as store:
            assert heard.wait(lambda: len(heard.states) == 2)
            connected, message = heard.states[1]
            assert connected
            assert not re.search(r"[A-Za-z]", message.replace(str(data.database), ""))
            assert heard.wait(lambda: heard.everything() == 1)  # what it missed is unknown
            bulletin_id = arrive(store, "a.txt")
            assert heard.heard_ids(bulletin_id)
    finally:
        feed.stop()


def test_only_the_two_stores_are_watched() -> None:
    with pytest.raises(TypeError, match="不认识的档案类型"):
        watch_changes(object(), lambda ids: None)  # type: ignore[arg-type]
