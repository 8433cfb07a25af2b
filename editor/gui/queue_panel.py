"""The queue pane: a status filter, full-text search with its hit count, and the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.workflow import STATUS_LABELS, STATUSES
from editor.gui.queue_model import QueueModel

if TYPE_CHECKING:  # the archive's code loads after the window's first paint
    from editor.core.store import Store

SEARCH_DELAY_MS = 250


class QueuePanel(QWidget):
    """Says which bulletin the user chose (``chosen``); knows nothing of editing."""

    chosen = Signal(int)
    filtered = Signal()  # the rows in view changed (filter or search)

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueModel(store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((64, 190, 92, 260, 44, 130, 150)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)

        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部"), None)
        for status in STATUSES:
            self.status_filter.addItem(STATUS_LABELS[status], status)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.search = QLineEdit()
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(self.tr("全文检索标题和正文（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.count = QLabel("")
        self.count.setObjectName("queueCount")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.status_filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.current_id: int | None = None
        self.inbox = ""
        self.hint = QLabel(self.table.viewport())
        self.hint.setObjectName("queueHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #555; padding: 24px;")
        self.table.viewport().installEventFilter(self)
        self.model.searched.connect(self._searched)
        self.model.search_failed.connect(self._search_failed)

    def set_inbox(self, inbox: str) -> None:
        self.inbox = inbox
        self._show_hint()

    def set_store(self, store: Store) -> None:
        """The archive, opened: its rows fill the queue (until then it says it is opening)."""
        self.model.store = store
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.hint.setGeometry(self.table.viewport().rect())
        return False

    def _show_hint(self) -> None:
        """An empty queue says how to fill it; an empty search says nothing matched."""
        if self.model.rowCount():
            self.hint.hide()
            return
        if self.model.store is None:
            self.hint.setText(self.tr("正在打开档案…"))
        elif self.model.query or self.model.status is not None:
            self.hint.setText(self.tr("没有符合条件的简报"))
        else:
            self.hint.setText(
                self.tr(
                    "还没有简报。\n\n把 .txt、.docx、.pdf 文件或扫描件放进收件箱\n{0}\n"
                    "几秒后就会出现在这里；也可以把文件拖进窗口，\n"
                    "或用 文件 → 收取文件夹…（Ctrl+O）。"
                ).format(self.inbox)
            )
        self.hint.setGeometry(self.table.viewport().rect())
        self.hint.show()

    def apply_filter(self) -> None:
        self.model.set_filter(self.status_filter.currentData(), self.search.text())
        if self.model.searching:  # (the rows come by _searched)
            self.count.setText(self.tr("正在检索…"))
            return
        self._show_count()
        self.reselect()
        self.filtered.emit()

    def reload(self) -> None:
        if self.model.store is None:
            return
        from editor.core.store import StoreError

        try:
            self.model.reload()
        except StoreError as err:  # the server is away: the queue shows what it had
            self.count.setText(self.tr("档案暂时无法读取"))
            self.count.setToolTip(str(err))
            return
        if self.model.searching:  # (the rows come by _searched)
            return
        self.count.setToolTip("")
        self._show_count()
        self.reselect()

    def _searched(self) -> None:
        self.count.setToolTip("")
        self._show_count()
        self.reselect()
        self.filtered.emit()

    def _search_failed(self, message: str) -> None:
        """The queue keeps what it showed and says why the search did not finish."""
        self.count.setText(self.tr("检索没有完成"))
        self.count.setToolTip(message)

    def stop_search(self) -> None:
        """No more searches; the one running ends first (before the archive closes)."""
        self._search_timer.stop()
        self.model.search.stop()

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        self._show_hint()
        if self.model.query:
            self.count.setText(self.tr("找到 {0} 份").format(rows))
        elif self.model.status is not None:
            self.count.setText(self.tr("{0} 份").format(rows))
        else:
            self.count.setText(self.tr("共 {0} 份").format(rows))

    def reselect(self) -> None:
        """Keep the open bulletin selected after the rows changed, without reopening it."""
        if self.current_id is None:
            return
        row = self.model.row_of(self.current_id)
        if row is not None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)

    def select(self, bulletin_id: int) -> bool:
        """Select a row; False when the bulletin is not among the rows in view."""
        row = self.model.row_of(bulletin_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        bulletin_id = self.model.id_at(current.row())
        if bulletin_id is not None and bulletin_id != self.current_id:
            self.chosen.emit(bulletin_id)
