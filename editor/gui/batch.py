"""Long work (a large folder, every approved bulletin) with progress and a cancel button.

The items are processed one by one on the operations thread (or handed to one
``work_all`` that takes them in its own batches); progress comes back by signal, and
cancelling stops before the next item or batch (never in the middle of one, so
nothing is half done).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from editor.gui.operations import Operations

WorkAll = Callable[[list[Any], Callable[[Any, str], None], Callable[[], bool]], None]
"""Work on all the items at once: ``(items, done(result, label), cancelled())``; it calls
``done`` once per item and asks ``cancelled`` between its own steps."""


class Batch(QObject):
    progress = Signal(int, int, str)  # done, total, label of the item just done
    finished = Signal(list, bool)  # results, cancelled

    def __init__(
        self,
        title: str,
        items: Sequence[Any],
        work: Callable[[Any], Any],
        label: Callable[[Any], str],
        parent: QWidget,
        *,
        work_all: WorkAll | None = None,
    ) -> None:
        super().__init__(parent)
        self.items, self.work, self.label = list(items), work, label
        self.work_all = work_all
        self.cancelled = threading.Event()
        self.results: list[Any] = []
        self.dialog = QProgressDialog(title, self.tr("取消"), 0, max(1, len(self.items)), parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancelled.set)
        self.progress.connect(self._show_progress)
        self.finished.connect(lambda _r, _c: self.dialog.reset())

    def start(self, operations: Operations) -> None:
        """``finished`` is emitted on the GUI thread, from the event loop, once the work is done
        (so whoever connects right after start never misses it)."""
        operations.run(
            self._run,
            lambda cancelled: self.finished.emit(self.results, bool(cancelled)),
            lambda _message: self.finished.emit(self.results, True),
        )

    def _run(self) -> bool:
        total = len(self.items)
        if self.work_all is not None:

            def done(result: Any, label: str) -> None:
                self.results.append(result)
                self.progress.emit(len(self.results), total, label)

            self.work_all(self.items, done, self.cancelled.is_set)
            return self.cancelled.is_set()
        for index, item in enumerate(self.items, start=1):
            if self.cancelled.is_set():
                break
            self.results.append(self.work(item))
            self.progress.emit(index, total, self.label(item))
        return self.cancelled.is_set()

    def _show_progress(self, done: int, total: int, label: str) -> None:
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(done)
        self.dialog.setLabelText(self.tr("{0}/{1}　{2}").format(done, total, label))
