"""Taking a whole folder in batches: the same outcomes and records as one file at a time,
and a process killed in the middle of a batch loses nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.render import RenderOptions, render
from support.waiting import wait_until

from editor.core.inbox import InboxWatcher
from editor.core.ingest import Outcome, inbox_known, ingest_file, scan
from editor.core.ingest_batch import BATCH_FILES, ingest_files, take_settled
from editor.core.paths import DataDir
from editor.core.store import SqliteStore, Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
ROOT = Path(__file__).resolve().parents[2]
VARIANTS = [
    RenderOptions(),
    RenderOptions(width=48, blanks="none"),
    RenderOptions(width=None, blanks="none", page_lines=None),
    RenderOptions(encoding="gbk", newline="\r\n"),
]


def fill(folder: Path, count: int) -> None:
    """``count`` distinct bulletins (each fixture, rendered four ways, numbered), plus a copy
    of the first, a file that is no text and a changed file at a name seen before."""
    folder.mkdir(parents=True, exist_ok=True)
    fixtures = [json.loads(p.read_text("utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    for index in range(count):
        bulletin = json.loads(json.dumps(fixtures[index % len(fixtures)]))
        bulletin["sections"][-1]["articles"][-1]["paragraphs"].append(f"这是第{index}份。")
        data = render(bulletin, VARIANTS[index % len(VARIANTS)]).data
        (folder / f"简报{index:04}.txt").write_bytes(data)
    (folder / "副本.txt").write_bytes((folder / "简报0000.txt").read_bytes())
    (folder / "乱码.txt").write_bytes(bytes(range(256)) * 30)


def summary(store: Store, outcomes: list[Outcome]) -> dict[str, tuple[str, str | None]]:
    """Each file's outcome and the bulletin recorded for it (as JSON), by file name."""
    found: dict[str, tuple[str, str | None]] = {}
    for outcome in outcomes:
        bulletin = None
        if outcome.bulletin_id is not None:
            current = store.get(outcome.bulletin_id).current
            bulletin = None if current is None else current.to_json()
        found[Path(outcome.path).name] = (outcome.kind, bulletin)
    return found


def test_a_folder_in_batches_gives_what_one_file_at_a_time_gives(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    fill(inbox, BATCH_FILES * 2 + 30)  # three batches: worker processes parse the later ones
    files = scan(inbox)
    heard: list[Outcome] = []
    with SqliteStore(DataDir(tmp_path / "batched")) as batched:
        outcomes = ingest_files(batched, files, user="收件", inbox=inbox, said=heard.append)
        assert heard == outcomes
        got = summary(batched, outcomes)
        assert batched.integrity_ok()
        assert len(list(batched.data.originals.iterdir())) == batched.count()
    with SqliteStore(DataDir(tmp_path / "single")) as single:
        expected = summary(
            single, [ingest_file(single, f, user="收件", inbox=inbox) for f in files]
        )
    assert got == expected
    kinds = [kind for kind, _ in got.values()]
    assert kinds.count("new") == len(files) - 2
    assert sorted(k for k in kinds if k != "new") == ["duplicate", "failed"]


def test_taking_the_folder_again_takes_nothing(tmp_path: Path, store: Store) -> None:
    inbox = tmp_path / "inbox"
    fill(inbox, 12)
    first = ingest_files(store, scan(inbox), inbox=inbox)
    assert {o.kind for o in first} == {"new", "duplicate", "failed"}
    (inbox / "简报0003.txt").write_bytes((inbox / "简报0003.txt").read_bytes() + "补记。".encode())
    again = ingest_files(store, scan(inbox), inbox=inbox)
    assert [o.kind for o in again if o.kind != "skipped"] == ["version"]


_KILLED_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from editor.core.ingest import scan
    from editor.core.ingest_batch import ingest_files
    from editor.core.paths import DataDir
    from editor.core.store import SqliteStore

    class KilledMidBatch(SqliteStore):
        # The real archive; the process is killed inside the transaction of the batch that
        # takes the count of bulletins recorded past the chosen number, after its rows and
        # index entries are written and before COMMIT.
        indexed = 0

        def _index_many(self, conn, items):
            super()._index_many(conn, items)
            KilledMidBatch.indexed += len(items)
            if KilledMidBatch.indexed >= int(sys.argv[3]):
                os.kill(os.getpid(), signal.SIGKILL)

    if __name__ == "__main__":
        inbox = Path(sys.argv[1])
        with KilledMidBatch(DataDir(Path(sys.argv[2]))) as store:
            ingest_files(store, scan(inbox), inbox=inbox)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_process_killed_in_the_middle_of_a_batch_loses_nothing(tmp_path: Path) -> None:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    fill(inbox, BATCH_FILES + 40)
    script = tmp_path / "killed.py"
    script.write_text(_KILLED_CHILD, "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, str(script), str(inbox), str(data), str(BATCH_FILES + 20)],
        env=env,
        capture_output=True,
        timeout=60,  # (workers outliving their killed parent would hold its output open)
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode("utf-8", "replace")
    files = scan(inbox)
    with SqliteStore(DataDir(data)) as store:
        assert store.integrity_ok()
        assert store.count() == BATCH_FILES  # the first batch; nothing of the second
        outcomes = ingest_files(store, files, inbox=inbox)  # the next look at the folder
        kinds = [o.kind for o in outcomes]
        assert kinds.count("skipped") == BATCH_FILES
        assert len(outcomes) == len(files)
        # Every file is now recorded exactly once, its original kept.
        assert store.count() == len(files) - 1  # (the copy is a duplicate of the first)
        shas = {store.get(i).sha256 for i in store.ids()}
        assert len(shas) == store.count()
        assert all(any(store.data.originals.glob(f"{sha}.*")) for sha in shas)


def test_the_watcher_hands_over_files_that_settle_together_as_one_batch(
    tmp_path: Path, store: Store
) -> None:
    inbox = tmp_path / "inbox"
    fill(inbox, 30)  # there before the desk starts: its first look finds them all at once
    one_by_one: list[Path] = []
    batches: list[int] = []

    def take_many(paths: list[Path]) -> dict[Path, bool]:
        batches.append(len(paths))
        return take_settled(store, paths, user="收件", inbox=inbox, said=lambda _: None)

    def take(path: Path) -> bool:
        one_by_one.append(path)
        return not ingest_file(store, path, inbox=inbox, relative=True).retry_later

    watcher = InboxWatcher(
        inbox,
        take,
        is_known=inbox_known(store, inbox),
        on_ready_many=take_many,
        stability_delay=0.2,
        tick=0.05,
    )
    watcher.start()
    try:
        assert wait_until(lambda: store.count() == 31)  # 32 files, one a copy
        (inbox / "迟到.txt").write_bytes((inbox / "简报0001.txt").read_bytes() + b"\n\xa1\xa3")
        assert wait_until(lambda: store.count() == 32)
    finally:
        watcher.stop()
    assert batches == [32]
    assert [p.name for p in one_by_one] == ["迟到.txt"]  # a file alone is taken alone
    keys = {store.get(i).summary.source_path for i in store.ids()}
    assert "收件箱/简报0005.txt" in keys  # recorded by its place in the inbox, as one at a time
