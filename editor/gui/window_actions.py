"""The desk's actions, toolbar and menus: one place lists every command and its keys.

Undo and redo have the same keys on every platform (Ctrl+Z; Ctrl+Y and Ctrl+Shift+Z),
whatever the desktop's own convention, as the README promises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow

UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Y", "Ctrl+Shift+Z")


def build_actions(window: MainWindow) -> None:
    """Create the window's actions (as attributes), its toolbar and its menu bar."""
    WindowActions(window)


class WindowActions(QObject):
    """Builds the actions; a QObject so its strings have their own translation context."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.build(window)

    def build(self, window: MainWindow) -> None:
        self.toolbar = toolbar = QToolBar(self.tr("操作"))
        toolbar.setObjectName("actions")
        window.addToolBar(toolbar)

        stack = window.undo_stack
        window.undo_action = stack.createUndoAction(window, self.tr("撤销"))
        window.undo_action.setShortcuts([QKeySequence(k) for k in UNDO_KEYS])
        window.redo_action = stack.createRedoAction(window, self.tr("重做"))
        window.redo_action.setShortcuts([QKeySequence(k) for k in REDO_KEYS])
        for act, keys, name in (
            (window.undo_action, UNDO_KEYS, self.tr("撤销")),
            (window.redo_action, REDO_KEYS, self.tr("重做")),
        ):
            act.setProperty("plainName", name)  # its text changes with the step it would undo
            toolbar.addAction(act)
            window.addAction(act)
            act.setToolTip(
                "{}（{}）".format(name, "，".join(QKeySequence(k).toString() for k in keys))
            )
        window.revert_action = self.action(
            self.tr("恢复原文"),
            ["Ctrl+Alt+Z"],
            window.revert_field,
            self.tr("把当前字段恢复为解析结果"),
        )
        toolbar.addSeparator()
        window.next_action = self.action(
            self.tr("下一处存疑"),
            ["F8"],
            lambda: window.goto_problem(1),
            self.tr("下一个存疑或不合格字段"),
        )
        window.prev_action = self.action(
            self.tr("上一处存疑"),
            ["Shift+F8"],
            lambda: window.goto_problem(-1),
            self.tr("上一个存疑或不合格字段"),
        )
        toolbar.addSeparator()
        window.approve_action = self.action(
            self.tr("批准"), ["Ctrl+Return", "Ctrl+Enter"], window.approve, self.tr("批准签发")
        )
        window.export_action = self.action(
            self.tr("导出 DOCX"), ["Ctrl+E"], window.export, self.tr("按公文版式导出")
        )
        window.reject_action = self.action(
            self.tr("退回"),
            ["Ctrl+Shift+J"],
            window.reject,
            self.tr("退回，不予签发（需说明原因）"),
        )
        window.reopen_action = self.action(
            self.tr("重新打开"), ["Ctrl+Shift+O"], window.reopen, self.tr("重新打开以修改")
        )
        toolbar.addSeparator()
        window.history_action = self.action(
            self.tr("修订历史"), ["Ctrl+H"], window.show_history, self.tr("查看并恢复修改记录")
        )
        window.settings_action = self.action(
            self.tr("设置"), ["Ctrl+,"], window.show_settings, self.tr("收件箱、导出、版式、系列")
        )
        window.find_action = self.action(
            self.tr("检索"),
            ["Ctrl+F"],
            window.focus_search,
            self.tr("全文检索标题和正文"),
            bar=False,
        )
        window.ingest_action = self.action(
            self.tr("收取文件夹…"),
            ["Ctrl+O"],
            window.choose_folder_to_ingest,
            self.tr("把一个文件夹里的简报收进档案"),
            bar=False,
        )
        window.export_all_action = self.action(
            self.tr("导出全部已批准…"),
            ["Ctrl+Shift+E"],
            window.export_all_approved,
            self.tr("把所有已批准的简报导出到导出文件夹"),
            bar=False,
        )
        window.refresh_action = self.action(
            self.tr("刷新队列"),
            ["F5"],
            window.reload_queue,
            self.tr("重新读取档案里的简报"),
            bar=False,
        )
        window.quit_action = self.action(
            self.tr("退出"), ["Ctrl+Q"], window.close, self.tr("保存并退出"), bar=False
        )
        window.shortcuts_action = self.action(
            self.tr("快捷键"), ["F1"], window.show_shortcuts, self.tr("列出所有快捷键"), bar=False
        )
        window.guide_action = self.action(
            self.tr("使用说明"), [], window.show_guide, self.tr("编审台怎样用"), bar=False
        )
        window.about_action = self.action(
            self.tr("关于简讯编审台"),
            [],
            window.show_about,
            self.tr("版本与数据存放位置"),
            bar=False,
        )

        menus = window.menuBar()
        file_menu = menus.addMenu(self.tr("文件(&F)"))
        for act in (window.ingest_action, window.export_all_action, window.refresh_action):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(window.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(window.quit_action)
        edit_menu = menus.addMenu(self.tr("编辑(&E)"))
        for act in (window.undo_action, window.redo_action, window.revert_action):
            edit_menu.addAction(act)
        edit_menu.addSeparator()
        edit_menu.addAction(window.find_action)
        kind_menu = edit_menu.addMenu(self.tr("段落类型"))
        for act in window.form.kind_actions:  # Ctrl+0 正文, Ctrl+1 … Ctrl+4 小标题
            kind_menu.addAction(act)
            window.addAction(act)
        bulletin_menu = menus.addMenu(self.tr("简报(&B)"))
        for act in (
            window.next_action,
            window.prev_action,
            window.approve_action,
            window.export_action,
            window.reject_action,
            window.reopen_action,
            window.history_action,
        ):
            bulletin_menu.addAction(act)
        help_menu = menus.addMenu(self.tr("帮助(&H)"))
        for act in (window.guide_action, window.shortcuts_action, window.about_action):
            help_menu.addAction(act)

    def action(
        self,
        text: str,
        keys: list[str],
        handler: Callable[[], object],
        tip: str,
        *,
        bar: bool = True,
    ) -> QAction:
        window = self.window
        act = QAction(text, window)
        act.setShortcuts([QKeySequence(k) for k in keys])
        shown = "，".join(QKeySequence(k).toString() for k in keys)
        act.setToolTip(self.tr("{0}（{1}）").format(tip, shown) if keys else tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: handler())
        window.addAction(act)
        if bar:
            self.toolbar.addAction(act)
        return act
