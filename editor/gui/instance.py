"""One desk per data directory: a second one gets a clear message instead of a shared archive."""

from __future__ import annotations

from PySide6.QtCore import QLockFile

from editor.core.paths import DataDir

LOCK_NAME = "desk.lock"


def acquire(data: DataDir) -> QLockFile | None:
    """The desk's lock on a data directory, or None when another desk holds it.

    A lock left by a crashed desk is stale (its process is gone) and is taken over.
    """
    data.root.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data.root / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when the owning process is gone
    return lock if lock.tryLock(200) else None
