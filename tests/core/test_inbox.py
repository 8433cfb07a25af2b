"""A real watchdog observer (native and polling) on a real folder, into a real archive."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.waiting import wait_until

from editor.core.inbox import InboxWatcher
from editor.core.ingest import ingest_file
from editor.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
DELAY = 1.0


@pytest.fixture(params=[False, True], ids=["native", "polling"])
def watching(
    request: pytest.FixtureRequest, tmp_path: Path, store: Store
) -> Iterator[tuple[Path, Store, list[str]]]:
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    taken: list[str] = []

    def take(path: Path) -> None:
        outcome = ingest_file(store, path, user="收件")
        taken.append(f"{outcome.kind}:{path.name}")

    watcher = InboxWatcher(
        inbox,
        take,
        is_known=store.known_source,
        polling=request.param,
        stability_delay=DELAY,
        poll_interval=0.25,
        tick=0.05,
    )
    watcher.start()
    yield inbox, store, taken
    watcher.stop()
    assert watcher.errors == []


def test_file_written_in_chunks_over_three_seconds_is_taken_once_complete(
    watching: tuple[Path, Store, list[str]], sample_text: str
) -> None:
    inbox, store, taken = watching
    data = sample_text.encode("utf-8")
    path = inbox / "分块写入.txt"
    chunks = [data[i : i + len(data) // 10 + 1] for i in range(0, len(data), len(data) // 10 + 1)]
    started = time.monotonic()
    with path.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
            threading.Event().wait(3.0 / len(chunks))  # a slow network copy
    assert time.monotonic() - started >= 2.9
    assert wait_until(lambda: store.count() == 1)
    assert wait_until(lambda: taken == ["new:分块写入.txt"], timeout=DELAY + 2)
    (summary,) = store.list_bulletins()
    assert store.get(summary.id).sha256 == hashlib.sha256(data).hexdigest()


def test_five_hundred_files_at_once_are_each_taken_exactly_once(
    watching: tuple[Path, Store, list[str]], sample_text: str
) -> None:
    inbox, store, taken = watching
    for index in range(500):
        (inbox / f"简报{index:03}.txt").write_text(
            sample_text + f"\n编号{index}。\n", encoding="utf-8"
        )
    assert wait_until(lambda: store.count() == 500, timeout=120)
    assert wait_until(lambda: len(taken) >= 500, timeout=10)
    names = [t.split(":", 1)[1] for t in taken if t.startswith("new:")]
    assert len(names) == len(set(names)) == 500
    assert store.conn.execute("SELECT count(DISTINCT sha256) FROM bulletins").fetchone()[0] == 500


def test_file_deleted_before_it_settles_is_not_recorded(
    watching: tuple[Path, Store, list[str]], sample_text: str
) -> None:
    inbox, store, taken = watching
    doomed = inbox / "马上删除.txt"
    doomed.write_text(sample_text, encoding="utf-8")
    doomed.unlink()
    marker = inbox / "之后到达.txt"
    marker.write_text(sample_text + "\n另一份。\n", encoding="utf-8")
    assert wait_until(lambda: store.count() == 1)
    assert taken == ["new:之后到达.txt"]


def test_binary_file_becomes_failed_with_its_original(
    watching: tuple[Path, Store, list[str]],
) -> None:
    inbox, store, _ = watching
    data = bytes(range(256)) * 16
    (inbox / "乱码.txt").write_bytes(data)
    assert wait_until(lambda: store.count() == 1)
    (summary,) = store.list_bulletins()
    assert summary.status == "failed"
    assert summary.failure
    assert "不是文本文件" in summary.failure
    assert (store.data.originals / f"{hashlib.sha256(data).hexdigest()}.txt").read_bytes() == data


def test_temporary_and_unsupported_files_are_ignored(
    watching: tuple[Path, Store, list[str]], sample_text: str
) -> None:
    inbox, store, taken = watching
    for name in ("~$简报.docx", "简报.tmp", "Thumbs.db", ".隐藏.txt", "照片.gif"):
        (inbox / name).write_bytes(b"x")
    (inbox / "真的.txt").write_text(sample_text, encoding="utf-8")
    assert wait_until(lambda: store.count() == 1)
    assert taken == ["new:真的.txt"]


def test_files_present_at_start_are_found_by_the_rescan(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "早到的.txt").write_text(sample_text, encoding="utf-8")
    ingested: list[Path] = []
    watcher = InboxWatcher(
        inbox,
        lambda p: (ingested.append(p), ingest_file(store, p)),
        is_known=store.known_source,
        stability_delay=0.2,
        tick=0.05,
    )
    watcher.start()
    try:
        assert wait_until(lambda: store.count() == 1)
        watcher.rescan_now()  # a second scan takes nothing already known
        assert wait_until(lambda: watcher.pending_count == 0)
    finally:
        watcher.stop()
    assert [p.name for p in ingested] == ["早到的.txt"]


def test_sigkill_during_ingest_then_restart_loses_nothing_and_doubles_nothing(
    tmp_path: Path, sample_text: str
) -> None:
    """Killed once its first batch is recorded. Many files, so that the kill surely lands
    with batches still to go (ingest records a batch of 100 in one transaction, and with 200
    files both could be in before the kill, which once made this test fail)."""
    files = 1000
    inbox, data_dir = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    for index in range(files):
        (inbox / f"简报{index:04}.txt").write_text(
            sample_text + f"\n第{index}份。\n", encoding="utf-8"
        )
    command = [sys.executable, "-m", "editor", "ingest", str(inbox), "--data-dir", str(data_dir)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    database = data_dir / "jianxun.sqlite3"

    def recorded() -> int:
        if not database.exists():
            return 0
        try:
            with Store_readonly(database) as conn:
                return int(conn.execute("SELECT count(*) FROM bulletins").fetchone()[0])
        except Exception:
            return 0

    assert wait_until(lambda: recorded() >= 1, timeout=60)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert recorded() < files  # it really was killed in the middle

    again = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr.decode()
    with Store_readonly(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM bulletins").fetchone()[0] == files
        assert (
            conn.execute("SELECT count(DISTINCT source_path) FROM bulletins").fetchone()[0] == files
        )
        assert conn.execute("SELECT count(DISTINCT sha256) FROM bulletins").fetchone()[0] == files
    originals = list((data_dir / "originals").glob("*.txt"))
    assert len(originals) == files
    assert not list((data_dir / "originals").glob(".incoming-*"))


class Store_readonly:
    def __init__(self, path: Path) -> None:
        import sqlite3

        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_an_inbox_reached_through_a_link_is_watched(
    tmp_path: Path, store: Store, sample_text: str, polling: bool
) -> None:
    """The inbox set to a link (a Linux desktop's 简讯收件箱 pointing at the office share):
    a file arriving is noticed at once, not only by the next rescan minutes later, and is
    handed over under the inbox's own spelling."""
    shared = tmp_path / "共享" / "简讯收件箱"
    shared.mkdir(parents=True)
    inbox = tmp_path / "简讯收件箱"
    inbox.symlink_to(shared, target_is_directory=True)
    handed: list[Path] = []
    watcher = InboxWatcher(
        inbox,
        lambda path: handed.append(path),
        polling=polling,
        stability_delay=0.2,
        rescan_interval=3600.0,  # only the observer can find it
        poll_interval=0.1,
        tick=0.05,
    )
    (shared / "第8期.txt").write_text(sample_text, encoding="utf-8")
    watcher.start()
    try:
        assert wait_until(lambda: len(handed) == 1, timeout=10)  # the first scan is done
        (shared / "第9期.txt").write_text(sample_text + "\n", encoding="utf-8")
        assert wait_until(lambda: len(handed) == 2, timeout=10)
    finally:
        watcher.stop()
    assert handed == [inbox.absolute() / "第8期.txt", inbox.absolute() / "第9期.txt"]
    assert watcher.errors == []
