"""The inbox's log: what happened to each arriving file, and problems that need a person.

A status-bar message is gone in seconds; a file refused because it links out
of the inbox, a full disk, or a vanished inbox folder must stay in view until
someone has looked. The log keeps the recent entries; its status-bar button
turns red with the number of problems not yet seen, and opens the list
(:mod:`editor.gui.inbox_log_dialog`, loaded when first opened).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QToolButton, QWidget

if TYPE_CHECKING:  # the inbox's code loads after the window's first paint
    from editor.core.ingest import Outcome

KEPT = 500
PROBLEM_KINDS = ("failed", "refused", "retry", "vanished")


@dataclass(frozen=True)
class LogEntry:
    at: str
    text: str
    problem: bool


class InboxLog(QObject):
    """Recent inbox entries (GUI thread only: fed by the watcher's signals)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: deque[LogEntry] = deque(maxlen=KEPT)
        self.unseen = 0

    def add(self, text: str, *, problem: bool) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")  # local time (datetime: not at start)
        self.entries.appendleft(LogEntry(stamp, text, problem))
        if problem:
            self.unseen += 1
        self.changed.emit()

    def add_outcome(self, outcome: Outcome) -> None:
        if outcome.kind != "skipped":
            self.add(outcome.line(), problem=outcome.kind in PROBLEM_KINDS)

    def seen(self) -> None:
        self.unseen = 0
        self.changed.emit()


class InboxLogButton(QToolButton):
    """「收件记录」, or 「收件问题 N」 in red while problems wait to be seen."""

    def __init__(self, log: InboxLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.setAutoRaise(True)
        self.setToolTip(self.tr("收到的每份文件和收件箱的问题"))
        log.changed.connect(self.refresh)
        self.clicked.connect(self.open_log)
        self.refresh()

    def refresh(self) -> None:
        if self.log.unseen:
            self.setText(self.tr("收件问题 {0}").format(self.log.unseen))
            self.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.setText(self.tr("收件记录"))
            self.setStyleSheet("")

    def open_log(self) -> None:
        from editor.gui.inbox_log_dialog import InboxLogDialog  # (its table: when opened)

        dialog = InboxLogDialog(self.log, self.window())
        dialog.open()
