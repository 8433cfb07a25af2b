"""Work a bulletin's first selection would wait for, done while the desk is idle.

Two costs made the first selection in a series take 60-100 ms where the next took 20
(``bench_gui``, 10,000 bulletins in series of 1,700-5,000 issues):

- reading and indexing the series' issues for the numbering rule
  (:meth:`editor.gui.series_memory.SeriesMemory.prepare`);
- a full garbage collection, set off by the objects made for that, walking every object the
  desk holds (20-25 ms, most of them Qt's wrappers and the modules' own, all long-lived).

So once the queue has been filled anew and has settled (a burst of reloads while files
arrive is one), the series of the queue's first rows are prepared, one per turn of the event
loop, and then the heap is collected once and what survives is frozen (:func:`gc.freeze`):
later full collections walk only what is newer. Frozen objects are still freed by their
reference counts when let go; a reference cycle among them waits for the next warm-up,
which unfreezes, collects and freezes again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from editor.gui.series_memory import SeriesMemory

SETTLE_MS = 300
"""How long the queue stays unchanged before the warm-up starts."""


class IdleWarmth(QObject):
    """Prepares the series of the rows in view, then settles the heap; :attr:`done` says
    when (tests and benchmarks wait for it)."""

    done = Signal()

    def __init__(
        self,
        memory: SeriesMemory,
        series_in_view: Callable[[], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._memory = memory
        self._series_in_view = series_in_view
        self._pending: list[str] | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._step)

    @property
    def pending(self) -> bool:
        """A warm-up is due or under way."""
        return self._timer.isActive()

    def schedule(self) -> None:
        """The queue was filled anew: warm up once it has been still for a moment."""
        self._pending = None
        self._timer.start(SETTLE_MS)

    def stop(self) -> None:
        """The archive is about to close: no more reading ahead."""
        self._timer.stop()
        self._pending = None

    def _step(self) -> None:
        from editor.core.store import StoreError

        if self._pending is None:
            self._pending = [s for s in dict.fromkeys(self._series_in_view()) if s]
        while self._pending:
            series = self._pending.pop(0)
            if self._memory.knows(series):
                continue
            try:
                self._memory.prepare(series)
            except StoreError:  # the server is away: the selection will read it and say so
                self._pending = []
                break
            self._timer.start(0)  # (the next one on the next turn: input first)
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.done.emit()
