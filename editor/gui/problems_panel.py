"""问题与修正: every rule's finding, named by its field's label, with one-click fixes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.gui.form.form_words import field_label

if TYPE_CHECKING:  # (the rules load with the first bulletin shown)
    from editor.core.checks import Problem


class ProblemsPanel(QWidget):
    """Emits what the user asked for; the window applies fixes through its undo stack."""

    go_to = Signal(str)  # the field path of a problem the user picked
    fix = Signal(object)  # Problem: apply its first fix
    fix_all = Signal(object)  # Problem: apply every fix of its rule
    act = Signal(object)  # Action: a step on the archive (mark as duplicate / new version)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem_list = QListWidget()
        self.problem_list.itemActivated.connect(self._go_to_item)
        self.problem_list.itemClicked.connect(self._go_to_item)
        self.fix_button = QPushButton(self.tr("修正"))
        self.fix_all_button = QPushButton(self.tr("修正全部同类"))
        self.fix_button.clicked.connect(lambda: self._emit(self.fix))
        self.fix_all_button.clicked.connect(lambda: self._emit(self.fix_all))
        layout = QHBoxLayout(self)
        layout.addWidget(self.problem_list, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        self.action_buttons: list[QPushButton] = []
        self._action_box = QVBoxLayout()
        buttons.addLayout(self._action_box)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.editable = False
        self.problem_list.currentRowChanged.connect(lambda _r: self.update_buttons())
        self.update_buttons()

    def show_problems(self, problems: list[Problem]) -> None:
        self.problem_list.clear()
        for problem in problems:
            mark = self.tr("错误") if problem.is_error else self.tr("提示")
            where = field_label(problem.path)
            fix = self.tr("　[可修正：{0}]").format(problem.fixes[0].label) if problem.fixes else ""
            item = QListWidgetItem(
                self.tr("{0}　{1}：{2}{3}").format(mark, where, problem.message, fix)
            )
            item.setData(Qt.ItemDataRole.UserRole, problem)
            item.setForeground(
                Qt.GlobalColor.darkRed if problem.is_error else Qt.GlobalColor.darkYellow
            )
            self.problem_list.addItem(item)
        self.update_buttons()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.update_buttons()

    def selected(self) -> Problem | None:
        item = self.problem_list.currentItem()
        if item is None:  # (none listed yet: the rules need not load to say so)
            return None
        from editor.core.checks import Problem

        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, Problem) else None

    def update_buttons(self) -> None:
        problem = self.selected()
        can_fix = bool(problem and problem.fixes and self.editable)
        self.fix_button.setEnabled(can_fix)
        self.fix_all_button.setEnabled(can_fix)
        if problem is not None and problem.fixes:
            tip = self.tr("{0}：{1}").format(field_label(problem.path), problem.fixes[0].label)
            self.fix_button.setToolTip(tip)
        else:
            self.fix_button.setToolTip("")
        for button in self.action_buttons:
            self._action_box.removeWidget(button)
            button.deleteLater()
        self.action_buttons = []
        for action in problem.actions if problem is not None and self.editable else ():
            button = QPushButton(action.label)
            button.setObjectName(f"problemAction.{action.kind}")
            button.clicked.connect(lambda _checked=False, a=action: self.act.emit(a))
            self._action_box.addWidget(button)
            self.action_buttons.append(button)

    def _emit(self, signal: SignalInstance) -> None:
        problem = self.selected()
        if problem is not None and problem.fixes:
            signal.emit(problem)

    def _go_to_item(self, item: QListWidgetItem) -> None:
        from editor.core.checks import Problem

        problem = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(problem, Problem):
            self.go_to.emit(problem.path)
