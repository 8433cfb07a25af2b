"""The inbox queue as a table model over the archive (not a widget filled row by row).

The model holds only the ids of the rows in view (all, one status, or a search)
and fetches their summaries from the store a page at a time, so a queue of
10,000 bulletins costs a list of ints and the rows on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from editor.core.workflow import STATUS_LABELS
from editor.gui.queue_search import QueueSearch

if TYPE_CHECKING:  # the archive's code loads after the window's first paint
    from editor.core.store import Lease, Store, Summary

_PAGE = 200
COLUMNS = (
    str(QT_TRANSLATE_NOOP("queue_model", "状态")),
    str(QT_TRANSLATE_NOOP("queue_model", "简报 / 期号")),
    str(QT_TRANSLATE_NOOP("queue_model", "日期")),
    str(QT_TRANSLATE_NOOP("queue_model", "首篇标题")),
    str(QT_TRANSLATE_NOOP("queue_model", "警告")),
    str(QT_TRANSLATE_NOOP("queue_model", "来源文件")),
    str(QT_TRANSLATE_NOOP("queue_model", "收到时间")),
)
_STATUS_COLOURS = {
    "new": "#1565c0",
    "in_review": "#8d6e00",
    "approved": "#2e7d32",
    "exported": "#616161",
    "rejected": "#6d4c41",
    "failed": "#c62828",
    "recognising": "#6a1b9a",
}

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.UserRole,
    }
)


class QueueModel(QAbstractTableModel):
    """The rows in view; without a store (the desk opens its archive once the window is
    painted) there are none."""

    searched = Signal()  # a search's rows came (see :meth:`reload`)
    search_failed = Signal(str)  # what to tell the user

    def __init__(self, store: Store | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = QueueSearch(self)
        self.search.found.connect(self._searched)
        self.search.failed.connect(self.search_failed)
        self._ids: list[int] = []
        self._cache: dict[int, Summary] = {}
        self.status: str | None = None
        self.query = ""
        self.editing: dict[int, Lease] = {}  # bulletins other desks are editing now
        self.progress: dict[int, tuple[int, int]] = {}  # scans being read: pages done, of

    # --- what is shown -------------------------------------------------------------------

    def set_filter(self, status: str | None, query: str) -> None:
        self.status, self.query = status, query.strip()
        self.reload()

    @property
    def searching(self) -> bool:
        """A search is under way: its rows come by :attr:`searched`."""
        return self.search.pending

    def reload(self) -> None:
        """Re-read the ids in view (after an ingest, an edit, a transition). A search's
        come later, off the GUI thread (:mod:`editor.gui.queue_search`), and
        :attr:`searched` says so; until then the rows shown stay."""
        if self.store is None:
            return
        if self.query:
            self.search.start(self.store, self.query, self.status)
            return
        self.search.cancel()
        self._show(self.store.ids(self.status))

    def _searched(self, ids: list[int]) -> None:
        self._show(ids)
        self.searched.emit()

    def _show(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()

    def refresh_row(self, bulletin_id: int) -> None:
        self._cache.pop(bulletin_id, None)
        if bulletin_id in self._ids:
            row = self._ids.index(bulletin_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_editing(self, editing: dict[int, Lease]) -> None:
        """Mark the bulletins other desks are editing (✎ and the editor's name)."""
        changed = set(editing) ^ set(self.editing) | {
            i for i in editing if self.editing.get(i) != editing[i]
        }
        self.editing = editing
        for bulletin_id in changed:
            row = self.row_of(bulletin_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def set_progress(self, bulletin_id: int, done: int | None, total: int | None) -> None:
        """How far OCR is with a scan (None: not being read here), shown in its status."""
        if done is None or total is None:
            if self.progress.pop(bulletin_id, None) is None:
                return
        else:
            self.progress[bulletin_id] = (done, total)
        row = self.row_of(bulletin_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, bulletin_id: int) -> int | None:
        try:
            return self._ids.index(bulletin_id)
        except ValueError:
            return None

    def summary(self, row: int) -> Summary | None:
        bulletin_id = self.id_at(row)
        if bulletin_id is None:
            return None
        if bulletin_id not in self._cache and self.store is not None:
            from editor.core.store import StoreError

            start = (row // _PAGE) * _PAGE
            try:
                self._cache.update(self.store.summaries(self._ids[start : start + _PAGE]))
            except StoreError:  # the server is away: an empty row until it is back
                return None
        return self._cache.get(bulletin_id)

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("queue_model", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # (asked for every role of every cell painted: say no at once)
            return None
        summary = self.summary(index.row()) if index.isValid() else None
        if summary is None:
            return None
        column = index.column()
        lease = self.editing.get(summary.id)
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(summary, column)
            pages = self.progress.get(summary.id) if column == 0 else None
            if pages is not None and summary.status == "recognising":
                text += f" {min(pages[0] + 1, pages[1])}/{pages[1]}"
            return f"{text} ✎" if column == 0 and lease is not None else text
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(QColor(_STATUS_COLOURS.get(summary.status, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and lease is not None:
                return QCoreApplication.translate("QueueModel", "{0}（{1}）正在编辑").format(
                    lease.user, lease.host or QCoreApplication.translate("QueueModel", "另一台电脑")
                )
            if summary.failure:
                return summary.failure
            return summary.source_path
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        return None

    @staticmethod
    def _text(summary: Summary, column: int) -> str:
        if column == 0:
            return STATUS_LABELS.get(summary.status, summary.status)
        if column == 1:
            issue = (
                QCoreApplication.translate("QueueModel", "第{0}期").format(summary.issue)
                if summary.issue is not None
                else ""
            )
            series = summary.series or QCoreApplication.translate("QueueModel", "（无报头）")
            return f"{series} {issue}".strip()
        if column == 2:
            return summary.issue_date or ""
        if column == 3:
            return summary.title or summary.failure or ""
        if column == 4:
            return str(summary.warning_count) if summary.warning_count else ""
        if column == 5:
            return summary.source_name
        return summary.received_at.replace("T", " ")[:19]
