"""Scans read by OCR while the desk goes on: the queue row says 识别中 and how far it is,
the open scan shows its pages, and an editor may cancel a reading or start it again.

The recognition queue (:class:`~editor.core.recognition_queue.RecognitionQueue`) runs on
its own thread with the OCR worker process behind it; what it reports reaches this object
only by queued signals, and from here, on the GUI thread, the queue, the header and the
inbox log are brought up to date. The desk that takes the inbox reads the scans (as it
takes the files), so a scan is read once however many desks share the archive.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from editor.core.recognition import Recognised, Recogniser, installed

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.core.recognition_queue import RecognitionQueue
    from editor.gui.main_window import MainWindow


def default_worker() -> Recogniser:
    from editor.core.reading.ocr_worker import OcrWorker

    return OcrWorker()


class RecognitionWork(QObject):
    """The window's scans: read in the queue while this desk takes the inbox."""

    progressed = Signal(int, int, int)  # bulletin id, pages done, pages (from the OCR thread)
    finished = Signal(object)  # Recognised (from the OCR thread)
    troubled = Signal(int, str)  # bulletin id, what went wrong with the archive

    def __init__(
        self,
        window: MainWindow,
        *,
        make_worker: Callable[[], Recogniser] | None = None,
    ) -> None:
        super().__init__(window)
        self.w = window
        self.make_worker = make_worker or default_worker
        self.worker: Recogniser | None = None
        self.queue: RecognitionQueue | None = None
        self.pages: dict[int, tuple[int, int]] = {}  # scans being read: pages done, of
        self.closed = False  # the window closed: the duty may still say "on duty" once
        self.progressed.connect(self._progressed)
        self.finished.connect(self._finished)
        self.troubled.connect(self._troubled)

    @property
    def available(self) -> bool:
        return installed()

    @property
    def running(self) -> bool:
        return self.queue is not None

    def on_duty(self, on_duty: bool) -> None:
        """Read scans while this desk takes the inbox (and those waiting from before)."""
        if on_duty:
            self.start()
        else:
            self.stop()

    def start(self) -> None:
        from editor.core.recognition_queue import RecognitionQueue

        if self.queue is not None or self.closed or not self.available:
            return
        if self.worker is None:
            self.worker = self.make_worker()
        self.queue = RecognitionQueue(
            self.w.store,
            self.worker,
            user=self.w.user,
            on_progress=self.progressed.emit,
            on_done=self.finished.emit,
            on_trouble=self.troubled.emit,
        )
        self.queue.start()

    def stop(self) -> None:
        """Stop reading; a scan halfway stays 识别中 for whichever desk takes the inbox next."""
        queue, self.queue = self.queue, None
        if queue is not None:
            queue.stop()
        for bulletin_id in list(self.pages):
            self._forget(bulletin_id)

    def close(self) -> None:
        self.closed = True
        self.stop()
        worker, self.worker = self.worker, None
        close = getattr(worker, "close", None)
        if close is not None:
            with contextlib.suppress(Exception):
                close()

    def add(self, bulletin_id: int) -> None:
        if self.queue is not None:
            self.queue.add(bulletin_id)

    def can_cancel(self, bulletin_id: int) -> bool:
        queue = self.queue
        return queue is not None and (
            queue.current == bulletin_id or bulletin_id in queue.pending()
        )

    def cancel(self, bulletin_id: int) -> bool:
        """Stop reading a scan (it becomes 无法解析: 已取消文字识别, until 重新识别)."""
        if self.queue is None or not self.queue.cancel(bulletin_id):
            self.w.statusBar().showMessage(
                self.tr("这份扫描件由负责收件的编审台识别，只能在那里取消"), 6000
            )
            return False
        self.w.statusBar().showMessage(self.tr("正在取消识别 #{0}…").format(bulletin_id), 4000)
        return True

    def again(self, bulletin_id: int) -> bool:
        """Send a scan that failed back to OCR (重新识别)."""
        from editor.core.store import StoreError

        try:
            restarted = self.w.store.restart_recognition(bulletin_id, self.w.user)
        except StoreError as err:
            self.w.notify(self.tr("重新识别"), str(err), QMessageBox.Icon.Warning)
            return False
        if not restarted:
            self.w.statusBar().showMessage(self.tr("这份简报不是等待重新识别的扫描件"), 4000)
            return False
        self.add(bulletin_id)
        self.w.reload_open()
        self.w.reload_queue()
        return True

    def page_text(self, bulletin_id: int) -> str:
        """How far the reading of a scan is, for the header: '第 2/3 页' or ''."""
        done, total = self.pages.get(bulletin_id, (0, 0))
        if not total:
            return ""
        return self.tr("正在识别第 {0}/{1} 页").format(min(done + 1, total), total)

    # --- on the GUI thread --------------------------------------------------------------------

    def _progressed(self, bulletin_id: int, done: int, total: int) -> None:
        self.pages[bulletin_id] = (done, total)
        self.w.model.set_progress(bulletin_id, done, total)
        if self.w.record is not None and self.w.record.id == bulletin_id:
            self.w.update_header()

    def _finished(self, outcome: Recognised) -> None:
        self._forget(outcome.bulletin_id)
        if not outcome.finished:
            return
        if outcome.failure is None:
            line = self.tr("识别完成 #{0} {1}").format(outcome.bulletin_id, outcome.source_name)
        else:
            line = self.tr("无法识别 #{0} {1}：{2}").format(
                outcome.bulletin_id, outcome.source_name, outcome.failure
            )
        self.w.statusBar().showMessage(line, 8000)
        self.w.inbox_log.add(line, problem=outcome.failure is not None)
        self.w.model.refresh_row(outcome.bulletin_id)
        if self.w.record is not None and self.w.record.id == outcome.bulletin_id:
            self.w.reload_open()
        self.w.reload_queue_soon()

    def _troubled(self, bulletin_id: int, reason: str) -> None:
        line = self.tr("#{0}：{1}").format(bulletin_id, reason)
        self.w.statusBar().showMessage(line, 15000)
        self.w.inbox_log.add(line, problem=True)

    def _forget(self, bulletin_id: int) -> None:
        self.pages.pop(bulletin_id, None)
        self.w.model.set_progress(bulletin_id, None, None)
