"""The inbox's log as a list: every entry, newest first, problems in red."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from editor.gui.inbox_log import InboxLog


class InboxLogDialog(QDialog):
    """The entries, newest first; problems in red. Opening it marks them seen."""

    def __init__(self, log: InboxLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("收件记录"))
        self.resize(760, 420)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("情况")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        for entry in log.entries:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate((entry.at, entry.text)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if entry.problem:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        if not log.entries:
            self.table.insertRow(0)
            self.table.setSpan(0, 0, 1, 2)
            self.table.setItem(0, 0, QTableWidgetItem(self.tr("还没有收到文件")))
        buttons = QDialogButtonBox()
        close = QPushButton(self.tr("关闭"))
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        log.seen()
