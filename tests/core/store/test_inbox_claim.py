"""One inbox watcher per archive (issue 17): the desks of an archive elect one by a lock that
dies with its holder, an OS file lock for SQLite and a session advisory lock for PostgreSQL.

The first tests run on both archives (``store`` is parametrized in conftest.py); the last
ones are SQLite's own (another process holding the file's lock, the file replaced).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from editor.core.paths import DataDir
from editor.core.store import SqliteStore, Store
from editor.core.store.sqlite import INBOX_LOCK

Opener = Callable[..., Store]
ROOT = Path(__file__).resolve().parents[3]


def test_one_desk_of_an_archive_holds_the_inbox(store: Store, reopen: Opener) -> None:
    other = reopen()
    claim = store.claim_inbox("desk-A")
    assert claim is not None
    assert claim.holding()
    assert other.claim_inbox("desk-B") is None
    assert store.claim_inbox("desk-A2") is None  # a second claim from the same store too
    assert claim.holding()  # refusing the others changed nothing
    claim.release()
    assert not claim.holding()
    claim.release()  # again: nothing happens
    mine = other.claim_inbox("desk-B")
    assert mine is not None
    assert mine.holding()
    assert store.claim_inbox("desk-A") is None
    mine.release()
    again = store.claim_inbox("desk-A")
    assert again is not None
    again.release()


def test_closing_the_holder_s_store_hands_the_inbox_on(store: Store, reopen: Opener) -> None:
    first, second = reopen(), reopen()
    claim = first.claim_inbox("desk-A")
    assert claim is not None
    assert second.claim_inbox("desk-B") is None
    first.close()
    assert not claim.holding()
    taken = second.claim_inbox("desk-B")
    assert taken is not None
    assert taken.holding()


def test_a_read_only_archive_watches_no_inbox(store: Store, reopen: Opener) -> None:
    reader = reopen(read_only=True)
    assert reader.claim_inbox("desk-R") is None
    claim = store.claim_inbox("desk-A")  # and it blocks no one
    assert claim is not None
    claim.release()


# --- SQLite: a lock the operating system holds ---------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from editor.core.paths import DataDir
    from editor.core.store import SqliteStore

    store = SqliteStore(DataDir(Path(sys.argv[1])))
    claim = store.claim_inbox("desk-child")
    print("claimed" if claim is not None else "refused", flush=True)
    sys.stdin.read()  # until the test ends this desk
    """
)


def test_a_desk_process_that_dies_hands_the_inbox_on(data: DataDir) -> None:
    """A desk killed while holding the inbox leaves nothing to clear: the OS drops its lock."""
    with SqliteStore(data):
        pass  # the archive exists before the child opens it
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "claimed"
        with SqliteStore(data) as store:
            assert store.claim_inbox("desk-A") is None
            child.kill()  # no release, no clean exit
            child.wait(30)
            claim = store.claim_inbox("desk-A")
            assert claim is not None
            assert claim.holding()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
    assert (data.root / INBOX_LOCK).exists()  # left in place: removing it is what races


@pytest.mark.skipif(sys.platform == "win32", reason="an open file cannot be replaced there")
def test_a_replaced_lock_file_is_no_longer_held(data: DataDir) -> None:
    with SqliteStore(data) as store, SqliteStore(data) as other:
        claim = store.claim_inbox("desk-A")
        assert claim is not None
        (data.root / INBOX_LOCK).unlink()  # someone tidied the folder
        assert not claim.holding()
        taken = other.claim_inbox("desk-B")  # the new file is free: the duty is elsewhere now
        assert taken is not None
        assert taken.holding()
        claim.release()
        assert taken.holding()
