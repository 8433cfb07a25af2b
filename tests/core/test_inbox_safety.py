"""What an unlucky office puts in the inbox: odd names, links out, full disks, vanished folders.

Real folders, real links, a real tmpfs, a real watchdog observer, real processes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.waiting import wait_until

from editor.core.inbox import InboxWatcher
from editor.core.ingest import RepeatFilter, ingest_file
from editor.core.paths import DataDir
from editor.core.store import SqliteStore, Store

ROOT = Path(__file__).resolve().parents[2]
MARKER = b"CANARY-7f3a-outside-the-inbox"
CI = os.environ.get("CI", "").lower() == "true"


def needs_root_and_mount() -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        if CI:
            pytest.fail("CI must run this test (root and mount)")
        pytest.skip("needs root to mount a small tmpfs")


def jianxun(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )


def bulletin_bytes(sample_text: str, number: int, encoding: str = "utf-8") -> bytes:
    return (sample_text + f"\n本份编号{number}。\n").encode(encoding)


# --- names that are not UTF-8 ------------------------------------------------------------------


def test_a_gbk_named_file_is_taken_and_named_readably(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    inbox = os.fsencode(tmp_path / "inbox")
    os.mkdir(inbox)
    raw = inbox + b"/\xd6\xd0\xce\xc4.txt"  # 中文.txt in GBK, as unzipped from a Windows archive
    Path(os.fsdecode(raw)).write_bytes(bulletin_bytes(sample_text, 1, "gbk"))

    outcome = ingest_file(store, os.fsdecode(raw), user="收件")
    assert outcome.kind == "new", outcome
    assert outcome.path.endswith("中文.txt")
    outcome.line().encode("utf-8")  # printable and storable
    (summary,) = store.list_bulletins()
    assert summary.source_name == "中文.txt"
    again = ingest_file(store, os.fsdecode(raw), user="收件")
    assert again.kind == "skipped"


def test_ingest_of_a_folder_with_a_non_utf8_name_and_contents(
    tmp_path: Path, sample_text: str
) -> None:
    inbox = os.fsencode(tmp_path) + b"/\xca\xd5\xbc\xfe"  # 收件
    os.mkdir(inbox)
    for index, name in enumerate((b"\xd6\xd0.txt", b"plain.txt", b"\xff\xfe.txt")):
        Path(os.fsdecode(inbox + b"/" + name)).write_bytes(bulletin_bytes(sample_text, index))
    data = str(tmp_path / "data")
    for run in range(2):  # the rerun meets the same names and must not crash either
        result = jianxun("ingest", os.fsdecode(inbox), "--data-dir", data)
        err = result.stderr.decode("utf-8")
        assert result.returncode == 0, err
        assert "Traceback" not in err
        out = result.stdout.decode("utf-8")
        if run == 0:
            assert out.count("新收 #") == 3, out
            assert "收件/中.txt" in out
    listed = jianxun("list", "--data-dir", data).stdout.decode("utf-8")
    assert listed.count("\n") == 3


def test_the_watcher_takes_a_gbk_named_file_and_goes_on(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    taken: list[str] = []
    problems: list[str] = []

    def take(path: Path) -> bool:
        outcome = ingest_file(store, path, user="收件", inbox=inbox)
        taken.append(outcome.kind)
        return not outcome.retry_later

    watcher = InboxWatcher(
        inbox,
        take,
        is_known=store.known_source,
        on_error=problems.append,
        stability_delay=0.3,
        tick=0.05,
    )
    watcher.start()
    try:
        name = os.fsdecode(os.fsencode(inbox) + b"/\xd6\xd0.txt")
        Path(name).write_bytes(bulletin_bytes(sample_text, 1, "gbk"))
        assert wait_until(lambda: store.count() == 1)
        (inbox / "after.txt").write_bytes(bulletin_bytes(sample_text, 2))
        assert wait_until(lambda: store.count() == 2), (taken, problems)
        watcher.rescan_now()  # a rescan meets the odd name as a known file
        (inbox / "third.txt").write_bytes(bulletin_bytes(sample_text, 3))
        assert wait_until(lambda: store.count() == 3), (taken, problems)
    finally:
        watcher.stop()
    assert problems == []
    assert taken == ["new", "new", "new"]


# --- links out of the inbox ------------------------------------------------------------------


def test_links_out_of_the_inbox_are_never_read(
    tmp_path: Path, data: DataDir, sample_text: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    canary = outside / "secret.txt"
    canary.write_bytes(bulletin_bytes(sample_text, 0) + MARKER)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "to-secret.txt").symlink_to(canary)
    (inbox / "relative.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (inbox / "passwd.txt").symlink_to("/etc/passwd")
    (inbox / "environ.txt").symlink_to("/proc/self/environ")
    (inbox / "inside.txt").write_bytes(bulletin_bytes(sample_text, 1))
    (inbox / "to-inside.txt").symlink_to(inbox / "inside.txt")

    result = jianxun("ingest", str(inbox), "--data-dir", str(data.root))
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    for link in ("to-secret.txt", "relative.txt", "passwd.txt", "environ.txt"):
        assert f"未收取 {inbox / link}：这是指向收件箱以外" in out, out
    assert "新收 #" in out  # the file inside the inbox,
    assert "重复 #" in out  # and the link to it that stays inside
    for kept in data.root.rglob("*"):
        if kept.is_file():
            content = kept.read_bytes()
            assert MARKER not in content, kept
            assert b"root:x:0:0" not in content, kept
    with SqliteStore(data) as store:
        assert store.count() == 1
        assert store.search("CANARY") == []


# --- two writers ---------------------------------------------------------------------------


def test_two_ingest_processes_on_one_folder_record_each_bulletin_once(
    tmp_path: Path, sample_text: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for index in range(40):
        (inbox / f"{index:02}.txt").write_bytes(bulletin_bytes(sample_text, index))
    data = tmp_path / "fresh-data"  # both processes also race to create the archive
    command = [sys.executable, "-m", "editor", "ingest", str(inbox), "--data-dir", str(data)]
    processes = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err.decode("utf-8")
        assert b"Traceback" not in err
    with SqliteStore(DataDir(data)) as store:
        assert store.count() == 40
        assert store.integrity_ok()
    said = b"".join(out for out, _ in outputs).decode("utf-8")
    assert said.count("新收 #") == 40, said


# --- limits --------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_recorded_as_failed_with_the_reason(
    tmp_path: Path, store: Store
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    huge = inbox / "巨大.txt"
    with huge.open("wb") as handle:  # sparse: 70 MB declared, nothing written
        handle.truncate(70 * 1024 * 1024)
    outcome = ingest_file(store, huge, user="收件", inbox=inbox)
    assert outcome.kind == "failed"
    assert "文件过大" in outcome.message
    assert "上限 64 MB" in outcome.message
    (summary,) = store.list_bulletins()
    assert summary.status == "failed"
    assert summary.failure == outcome.message
    assert ingest_file(store, huge, user="收件", inbox=inbox).kind == "skipped"
    parsed = jianxun("parse", str(huge))  # one limit for parse and ingest alike
    assert parsed.returncode == 2
    assert "上限 64 MB" in parsed.stderr.decode("utf-8")


# --- full disks ----------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    needs_root_and_mount()
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(small)], check=True)
    try:
        yield small
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_a_file_that_met_a_full_disk_is_taken_soon_after_space_is_freed(
    tmp_path: Path, small_disk: Path, sample_text: str
) -> None:
    data = DataDir(small_disk / "data")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    kinds: list[str] = []
    with SqliteStore(data) as store:
        filler = small_disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # fill the disk to the last byte
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)

        def take(path: Path) -> bool:
            outcome = ingest_file(store, path, user="收件", inbox=inbox)
            kinds.append(outcome.kind)
            return not outcome.retry_later

        # The rescan interval is long: only the retry can bring the file in soon.
        watcher = InboxWatcher(inbox, take, is_known=store.known_source, stability_delay=0.2)
        watcher.start()
        try:
            (inbox / "a.txt").write_bytes(bulletin_bytes(sample_text, 1) * 8)
            assert wait_until(lambda: "retry" in kinds)
            assert store.count() == 0
            filler.unlink()
            assert wait_until(lambda: store.count() == 1, timeout=20), kinds
        finally:
            watcher.stop()
        assert kinds[-1] == "new"
        assert store.integrity_ok()


# --- the inbox folder itself -----------------------------------------------------------------


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_a_deleted_inbox_is_made_again_said_at_once_and_watched(
    tmp_path: Path, store: Store, sample_text: str, polling: bool
) -> None:
    inbox = tmp_path / "inbox"
    problems: list[str] = []

    def take(path: Path) -> bool:
        return not ingest_file(store, path, user="收件", inbox=inbox).retry_later

    watcher = InboxWatcher(
        inbox,
        take,
        is_known=store.known_source,
        on_error=problems.append,
        polling=polling,
        stability_delay=0.2,
        poll_interval=0.2,
        tick=0.05,
    )
    watcher.start()
    try:
        (inbox / "first.txt").write_bytes(bulletin_bytes(sample_text, 1))
        assert wait_until(lambda: store.count() == 1)
        shutil.rmtree(inbox)
        assert wait_until(lambda: any("已重新建立" in p for p in problems)), problems
        assert inbox.is_dir()
        (inbox / "second.txt").write_bytes(bulletin_bytes(sample_text, 2))
        assert wait_until(lambda: store.count() == 2, timeout=15), problems
    finally:
        watcher.stop()


def test_a_failing_callback_is_reported_at_once_and_the_inbox_goes_on(
    tmp_path: Path, sample_text: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    problems: list[str] = []
    seen: list[str] = []

    def take(path: Path) -> bool:
        seen.append(path.name)
        if path.name == "bad.txt":
            raise KeyError("internal")
        return True

    watcher = InboxWatcher(inbox, take, on_error=problems.append, stability_delay=0.2, tick=0.05)
    watcher.start()
    try:
        (inbox / "bad.txt").write_bytes(bulletin_bytes(sample_text, 1))
        assert wait_until(lambda: len(problems) == 1)
        assert "bad.txt" in problems[0]
        assert "收取时出错" in problems[0]
        (inbox / "good.txt").write_bytes(bulletin_bytes(sample_text, 2))
        assert wait_until(lambda: "good.txt" in seen)
    finally:
        watcher.stop()


def test_repeated_outcomes_are_said_once() -> None:
    from editor.core.ingest import Outcome

    repeats = RepeatFilter()
    full = Outcome("/inbox/a.txt", "retry", message="原件未能保存（磁盘空间已满），稍后重试")
    assert repeats.fresh(full)
    assert not repeats.fresh(full)
    assert repeats.fresh(Outcome("/inbox/a.txt", "new", 1))
    assert not repeats.fresh(Outcome("/inbox/b.txt", "skipped"))


UNREADABLE_SCRIPT = """
import os, sys
from pathlib import Path
from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.core.store import SqliteStore
root = Path(sys.argv[1])
inbox = root / "inbox"
locked = inbox / "锁住.txt"
with SqliteStore(DataDir(root / "data")) as store:
    first = ingest_file(store, locked, user="收件", inbox=inbox)
    again = ingest_file(store, locked, user="收件", inbox=inbox)
    os.chmod(locked, 0o644)
    later = ingest_file(store, locked, user="收件", inbox=inbox)
    statuses = [s.status for s in store.list_bulletins()]
print(first.kind, first.message, again.kind, later.kind, later.message, *statuses, sep="|")
"""


def test_a_file_without_read_permission_is_recorded_and_taken_once_readable(
    sample_text: str,
) -> None:
    """As an ordinary user (root reads everything): chmod 000 is recorded, then taken."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        if CI:
            pytest.fail("CI must run this test (root, to become another user)")
        pytest.skip("needs root and setpriv to act as an ordinary user")

    root = Path(tempfile.mkdtemp(prefix="jianxun-perm-"))
    try:
        inbox = root / "inbox"
        inbox.mkdir()
        locked = inbox / "锁住.txt"
        locked.write_bytes(bulletin_bytes(sample_text, 1))
        for path in (root, inbox, locked):
            os.chown(path, 65534, 65534)
        locked.chmod(0)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        result = subprocess.run(
            [*as_nobody, sys.executable, "-c", UNREADABLE_SCRIPT, str(root)],
            capture_output=True,
            timeout=60,
            cwd=ROOT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(root)},
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode("utf-8")
        first, reason, again, later, replaced, *statuses = (
            result.stdout.decode("utf-8").strip().split("|")
        )
        assert (first, reason) == ("failed", "没有读取权限")
        assert again == "skipped"  # said once, not recorded twice
        assert later == "version"
        assert replaced.startswith("替代 #")
        assert statuses == ["new", "failed"]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_jianxun_watch_says_inbox_problems_while_it_runs(tmp_path: Path, sample_text: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = ["--data-dir", str(tmp_path / "data")]
    command = [sys.executable, "-m", "editor", "watch", str(inbox), "--delay", "0.2", *data]
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        try:
            assert "正在监视" in process.stdout.readline().decode("utf-8")
            shutil.rmtree(inbox)
            line = process.stderr.readline().decode("utf-8")  # said now, not when watch stops
            assert line.startswith(f"jianxun: {inbox}：收件箱文件夹被删除或移走了，已重新建立")
            (inbox / "a.txt").write_bytes(bulletin_bytes(sample_text, 1))
            assert process.stdout.readline().decode("utf-8").startswith(f"新收 #1 {inbox}")
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert process.returncode == 0
