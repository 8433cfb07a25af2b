"""Run archive work off the GUI thread and bring the result back by signal.

As in Anki, every change to the collection is an operation: a plain function
run on one worker thread (so the store has a single writer from the GUI), its
result or error delivered to the GUI thread through queued signals, and what
changed broadcast so views refresh themselves.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object, object)  # (token, result)
    failed = Signal(object, str)  # (token, message)


class _Job(QRunnable):
    def __init__(self, token: object, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.token, self.work, self.signals = token, work, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as err:  # reported to the GUI, never lost in a thread
            detail = "".join(traceback.format_exception_only(type(err), err)).strip()
            self.signals.failed.emit(self.token, detail)
            return
        self.signals.done.emit(self.token, result)


class Operations(QObject):
    """One worker thread; ``run(work, on_done, on_error)`` calls back on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.done.connect(self._finish)
        self._signals.failed.connect(self._fail)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[str], None] | None]
        ] = {}
        self._next = 0

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self._next += 1
        token = self._next
        self._callbacks[token] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(token, work, self._signals))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (closing the window flushes the last save)."""
        return bool(self._pool.waitForDone(msecs))

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def _finish(self, token: object, result: Any) -> None:
        on_done, _ = self._callbacks.pop(int(token), (None, None))  # type: ignore[call-overload]
        self._settle()
        if on_done is not None:
            on_done(result)

    def _fail(self, token: object, message: str) -> None:
        _, on_error = self._callbacks.pop(int(token), (None, None))  # type: ignore[call-overload]
        self._settle()
        if on_error is not None:
            on_error(message)

    def _settle(self) -> None:
        if not self._callbacks:
            self.busy_changed.emit(False)
