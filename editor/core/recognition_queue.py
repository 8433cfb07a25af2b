"""Scans waiting in the archive, read one at a time on a thread of their own.

The inbox records a scan as 识别中 in milliseconds and goes on; this queue reads it in
the OCR worker process. It runs beside the inbox watcher (never inside it), so a
twenty-page scan never holds up the text files that arrive behind it. Whoever takes
the inbox runs the queue, and on start it takes up every scan still waiting in the
archive: one left by a desk that was closed (or crashed) halfway is read again.

Everything it reports comes through the callbacks, on the queue's thread: a GUI hands
them on by signal. A cancel kills the worker mid-page and records the scan as failed
(已取消文字识别), from where 重新识别 puts it back in the queue.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from editor.core.reading.ocr_worker import OcrCancelled
from editor.core.recognition import CANCELLED, Recognised, Recogniser, recognise
from editor.core.store import Store, StoreError
from editor.core.workflow import RECOGNISING

RETRY_SECONDS = 5.0
"""How long the queue waits before trying again when the archive could not be written."""


class RecognitionQueue:
    """One thread reading waiting scans in turn; ``add`` and ``cancel`` from any thread."""

    def __init__(
        self,
        store: Store,
        ocr: Recogniser,
        *,
        user: str,
        on_progress: Callable[[int, int, int], None] | None = None,
        on_done: Callable[[Recognised], None] | None = None,
        on_trouble: Callable[[int, str], None] | None = None,
    ) -> None:
        self.store = store
        self.ocr = ocr
        self.user = user
        self.on_progress = on_progress
        self.on_done = on_done
        self.on_trouble = on_trouble
        self._waiting: deque[int] = deque()
        self._current: int | None = None
        self._cancel = threading.Event()
        self._cancelled: set[int] = set()
        self._wake = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    # --- from any thread ----------------------------------------------------------------------

    def start(self, *, waiting: bool = True) -> None:
        """Start the thread; with ``waiting``, every scan the archive has waiting is queued."""
        if self._thread is not None:
            return
        if waiting:
            self.add_waiting()
        self._thread = threading.Thread(target=self._run, name="jianxun-ocr", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after cancelling the scan being read (it stays 识别中 for the next taker)."""
        with self._wake:
            self._stopping = True
            self._waiting.clear()
            self._cancel.set()
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def add(self, bulletin_id: int) -> None:
        with self._wake:
            if bulletin_id != self._current and bulletin_id not in self._waiting:
                self._waiting.append(bulletin_id)
                self._cancelled.discard(bulletin_id)
                self._wake.notify_all()

    def add_waiting(self) -> int:
        """Queue every scan the archive has 识别中, oldest first; how many were new here."""
        try:
            ids = sorted(self.store.ids(RECOGNISING))
        except StoreError:
            return 0
        with self._wake:
            fresh = [i for i in ids if i != self._current and i not in self._waiting]
            self._waiting.extend(fresh)
            self._wake.notify_all()
        return len(fresh)

    def cancel(self, bulletin_id: int) -> bool:
        """Stop reading this scan (or take it out of the queue); True if it was here."""
        with self._wake:
            if bulletin_id == self._current:
                self._cancelled.add(bulletin_id)
                self._cancel.set()
                return True
            if bulletin_id in self._waiting:
                self._waiting.remove(bulletin_id)
                self._cancelled.add(bulletin_id)
                self._wake.notify_all()
                return True
        return False

    @property
    def current(self) -> int | None:
        """The scan being read now."""
        return self._current

    def pending(self) -> list[int]:
        """The scans queued behind the current one."""
        with self._wake:
            return list(self._waiting)

    def idle(self) -> bool:
        with self._wake:
            return self._current is None and not self._waiting and not self._cancelled

    # --- the queue's thread -------------------------------------------------------------------

    def _next(self) -> int | None:
        with self._wake:
            while not self._stopping and not self._waiting and not self._cancelled:
                self._wake.wait()
            if self._stopping:
                return None
            if self._cancelled and not self._waiting:
                return -self._cancelled.pop()  # cancelled while queued: record it as such
            self._current = self._waiting.popleft()
            self._cancel.clear()
            return self._current

    def _run(self) -> None:
        while (taken := self._next()) is not None:
            try:
                if taken < 0:
                    self._record_cancel(-taken)
                else:
                    self._read(taken)
            finally:
                with self._wake:
                    self._current = None

    def _read(self, bulletin_id: int) -> None:
        def progress(done: int, total: int) -> None:
            if self.on_progress is not None:
                self.on_progress(bulletin_id, done, total)

        try:
            outcome = recognise(
                self.store,
                bulletin_id,
                self.ocr,
                user=self.user,
                progress=progress,
                cancel=self._cancel,
            )
        except OcrCancelled:
            if self._was_cancelled(bulletin_id):
                self._record_cancel(bulletin_id)
            return  # else the queue stopped under it: it waits for the next taker
        except (StoreError, OSError) as err:
            with self._wake:
                stopping = self._stopping
            if stopping:
                return  # stopped mid-read: it stays waiting for whoever takes the inbox next
            if self.on_trouble is not None:
                self.on_trouble(bulletin_id, _reason(err))
            with self._wake:  # try it again a little later
                self._wake.wait(RETRY_SECONDS)
                if not self._stopping:
                    self._waiting.append(bulletin_id)
            return
        self._was_cancelled(bulletin_id)  # a cancel that came too late to stop it
        if self.on_done is not None:
            self.on_done(outcome)

    def _was_cancelled(self, bulletin_id: int) -> bool:
        with self._wake:
            if bulletin_id in self._cancelled:
                self._cancelled.discard(bulletin_id)
                return True
        return False

    def _record_cancel(self, bulletin_id: int) -> None:
        """The editor's cancel, recorded: the scan fails (已取消文字识别) until 重新识别."""
        try:
            record = self.store.get(bulletin_id)
            finished = self.store.finish_recognition(
                bulletin_id, bulletin=None, failure=CANCELLED, user=self.user
            )
        except StoreError as err:
            if self.on_trouble is not None:
                self.on_trouble(bulletin_id, _reason(err))
            return
        if self.on_done is not None:
            name = record.summary.source_name
            self.on_done(Recognised(bulletin_id, name, CANCELLED, True, finished))


def _reason(err: Exception) -> str:
    from editor.core.errors import os_reason

    if isinstance(err, OSError):
        return f"识别结果未能保存（{os_reason(err)}），稍后重试"
    return f"档案暂时无法写入（{err}），稍后重试"
