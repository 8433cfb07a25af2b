"""The queue's full-text search, run off the GUI thread (issue 19).

A search costs milliseconds in a local archive but can cost far more: on the office's
server 0.1 to 0.5 s, and locally a phrase whose pieces occur everywhere (see
``editor.core.store.sqlite_search``) a few hundred milliseconds in a large archive. Run
on the GUI thread, each pause in typing would freeze the desk that long. Here the
search runs on a thread of its own and its answer comes back by signal; the queue keeps
showing what it showed until then. Only the newest search counts: one asked for while
another runs waits, and is skipped without touching the archive if a newer one has been
asked for meanwhile; an answer to an older one is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:  # the archive's code loads after the window's first paint
    from editor.core.store import Store

SEARCH_LIMIT = 1000
"""Hits the queue shows at most (their summaries are read a page at a time)."""


class _Signals(QObject):
    found = Signal(int, object)  # (ticket, ids)
    failed = Signal(int, str)  # (ticket, what to tell the user)


class _Search(QRunnable):
    def __init__(
        self, owner: QueueSearch, ticket: int, store: Store, query: str, status: str | None
    ) -> None:
        super().__init__()
        self.owner, self.ticket = owner, ticket
        self.store, self.query, self.status = store, query, status
        self.setAutoDelete(True)

    def run(self) -> None:
        if self.ticket != self.owner.ticket:  # a newer search was asked for: skip this one
            return
        from editor.core.store import StoreError

        signals = self.owner.signals
        try:
            ids = self.store.search_ids(self.query, limit=SEARCH_LIMIT)
            if self.status:
                keep = set(self.store.ids(self.status))
                ids = [i for i in ids if i in keep]
        except StoreError as err:  # (the store's messages are the user's words)
            signals.failed.emit(self.ticket, str(err))
            return
        except Exception:  # (an archive closed under it, a driver's error: never a traceback)
            message = QCoreApplication.translate("QueueSearch", "检索没有完成，请再试一次")
            signals.failed.emit(self.ticket, message)
            return
        signals.found.emit(self.ticket, ids)


class QueueSearch(QObject):
    """``start`` a search; ``found(ids)`` or ``failed(message)`` follows on the GUI thread,
    for the newest search only."""

    found = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.signals = _Signals()
        self.signals.found.connect(self._found)
        self.signals.failed.connect(self._failed)
        self.ticket = 0  # the newest search's number (read by the worker thread)
        self.pending = False
        self._stopped = False

    def start(self, store: Store, query: str, status: str | None) -> None:
        if self._stopped:
            return
        self.ticket += 1
        self.pending = True
        self._pool.start(_Search(self, self.ticket, store, query, status))

    def cancel(self) -> None:
        """Whatever is running or waiting no longer counts (the rows came another way)."""
        self.ticket += 1
        self.pending = False

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the searches asked for have run (their answers then wait in the
        event queue)."""
        return bool(self._pool.waitForDone(msecs))

    def stop(self, msecs: int = 30_000) -> bool:
        """No more searches; wait for the one running (before the archive is closed)."""
        self._stopped = True
        self.cancel()
        return self.wait(msecs)

    def _found(self, ticket: int, ids: object) -> None:
        if ticket == self.ticket and isinstance(ids, list):
            self.pending = False
            self.found.emit(ids)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self.ticket:
            self.pending = False
            self.failed.emit(message)
