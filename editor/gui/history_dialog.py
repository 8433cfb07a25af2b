"""A bulletin's history: every revision, and restoring any earlier value (itself a revision)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.store import Revision
from editor.core.workflow import ACTION_LABELS, STATUS_LABELS
from editor.gui.form.bulletin_form import field_label

_ACTIONS = {
    **ACTION_LABELS,
    "ingest": str(QT_TRANSLATE_NOOP("history_dialog", "收件")),
    "status": str(QT_TRANSLATE_NOOP("history_dialog", "状态")),
    "restore": str(QT_TRANSLATE_NOOP("history_dialog", "恢复")),
}
COLUMNS = (
    str(QT_TRANSLATE_NOOP("history_dialog", "时间")),
    str(QT_TRANSLATE_NOOP("history_dialog", "用户")),
    str(QT_TRANSLATE_NOOP("history_dialog", "动作")),
    str(QT_TRANSLATE_NOOP("history_dialog", "字段")),
    str(QT_TRANSLATE_NOOP("history_dialog", "原值")),
    str(QT_TRANSLATE_NOOP("history_dialog", "新值")),
)


_NON_FIELDS = {
    "status": str(QT_TRANSLATE_NOOP("history_dialog", "状态")),
    "note": str(QT_TRANSLATE_NOOP("history_dialog", "备注")),
}


def _field(path: str | None) -> str:
    """The field as the form labels it (栏目1 · 文章2 · 作者), never its internal path."""
    if not path:
        return ""
    if path in _NON_FIELDS:
        return QCoreApplication.translate("history_dialog", _NON_FIELDS[path])
    return field_label(path)


def _entry(value: Any) -> str:
    """A paragraph entry: body text as it is, a subheading with its level in front."""
    if isinstance(value, dict) and "heading" in value:
        level = QCoreApplication.translate("history_dialog", "〔{0}级小标题〕").format(
            value.get("heading")
        )
        return level + str(value.get("text", ""))
    return str(value)


def _show(value: Any) -> str:
    if value is None:
        return QCoreApplication.translate("history_dialog", "（空）")
    if isinstance(value, list):
        text = "\n\n".join(_entry(v) for v in value)
    elif isinstance(value, dict) and "heading" in value:
        text = _entry(value)
    elif isinstance(value, str) and value in STATUS_LABELS:
        text = STATUS_LABELS[value]
    else:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:120] + "……"


class HistoryDialog(QDialog):
    """Lists revisions; ``restore(path, value)`` is called for the chosen earlier value."""

    def __init__(
        self,
        revisions: list[Revision],
        restore: Callable[[str, Any], None],
        *,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修订历史"))
        self.revisions = revisions
        self._restore = restore
        self.table = QTableWidget(len(revisions), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("history_dialog", c) for c in COLUMNS]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for row, revision in enumerate(revisions):
            cells = (
                revision.at.replace("T", " ")[:19],
                revision.user,
                QCoreApplication.translate(
                    "history_dialog", _ACTIONS.get(revision.action, revision.action)
                ),
                _field(revision.field_path),
                _show(revision.old_value),
                _show(revision.new_value),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, column, item)
        self.restore_old = QPushButton(self.tr("恢复为原值"))
        self.restore_old.setToolTip(self.tr("把这个字段改回这次修改之前的值（记为一次新的修订）"))
        self.restore_old.clicked.connect(self._restore_selected)
        self.restore_old.setEnabled(False)
        self.editable = editable
        self.table.itemSelectionChanged.connect(self._update)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_old, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = "" if editable else self.tr("（只读：重新打开后才能恢复）")
        layout.addWidget(QLabel(self.tr("共 {0} 条修订{1}").format(len(revisions), note)))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        self.table.sortItems(0, Qt.SortOrder.DescendingOrder)

    def selected(self) -> Revision | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else self.revisions[int(item.data(Qt.ItemDataRole.UserRole))]

    def _update(self) -> None:
        revision = self.selected()
        restorable = revision is not None and revision.action in ("edit", "restore")
        self.restore_old.setEnabled(self.editable and restorable)

    def _restore_selected(self) -> None:
        revision = self.selected()
        if revision is not None and revision.field_path:
            self._restore(revision.field_path, revision.old_value)
