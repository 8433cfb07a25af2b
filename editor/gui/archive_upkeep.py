"""Bulletins an earlier version indexed the old way, brought up to date while the desk works.

An upgrade that rewrites every row cannot wait at open: on the office's server, making
every bulletin's character arrays anew took 80-210 s for 10,000 bulletins, and a server
archive is opened before the window is shown. So such a migration only marks the rows
(searches meanwhile find the same, more slowly: ``editor.core.store.pg_search``), and each
desk renews them here, :meth:`Store.upkeep <editor.core.store.Store.upkeep>` a batch at a
time on a thread of its own, until none are left. Several desks share the work (a batch
skips the rows another holds); nothing a desk shows changes, so no notice goes out. A
server that goes away ends the work quietly: the next start takes it up again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:  # the archive's code loads after the window's first paint
    from editor.core.store import Store

BATCH = 50
"""Bulletins renewed in one transaction: about 1.2 s of the server's work (each row's new
version enters every GIN index, some 25 ms a row in bench_shared), for which an edit of one
of them waits."""


class _Signals(QObject):
    finished = Signal(int)  # how many bulletins were renewed


class _Renew(QRunnable):
    def __init__(self, owner: ArchiveUpkeep, store: Store) -> None:
        super().__init__()
        self.owner, self.store = owner, store
        self.setAutoDelete(True)

    def run(self) -> None:
        from editor.core.store import StoreError

        renewed = 0
        try:
            while not self.owner.stopping:
                done = self.store.upkeep(BATCH)
                renewed += done
                if done == 0:
                    break
        except StoreError:  # (the server went away: taken up again at the next start)
            pass
        self.owner.signals.finished.emit(renewed)


class ArchiveUpkeep(QObject):
    """``start`` once the archive is open; ``finished(renewed)`` on the GUI thread when no
    bulletin is left to renew (or the work stopped)."""

    finished = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.signals = _Signals()
        self.signals.finished.connect(self.finished)
        self.stopping = False  # (read by the worker between batches)

    def start(self, store: Store) -> None:
        if not self.stopping:
            self._pool.start(_Renew(self, store))

    def stop(self, msecs: int = 30_000) -> bool:
        """No new batch; wait for the one running (before the archive is closed)."""
        self.stopping = True
        return bool(self._pool.waitForDone(msecs))
