"""帮助: the shortcut list, the user guide and 关于 (version and where the data lives)."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor import __version__
from editor.core.paths import DataDir
from editor.core.resources import resource_path


def _dialog(parent: QWidget, title: str, body: QWidget, size: tuple[int, int]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(*size)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def action_name(action: QAction) -> str:
    """An action's stable name: 撤销, not the undo stack's live "撤销 修改 报头 · 期号"."""
    name = action.property("plainName")
    return str(name) if name else action.text().replace("&", "")


def shortcuts_dialog(parent: QWidget, actions: list[QAction]) -> QDialog:
    """Every command that has keys, in a two-column table (a column per thing, aligned)."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for act in actions:
        shown = [
            k.toString(k.SequenceFormat.NativeText) for k in act.shortcuts() if not k.isEmpty()
        ]
        keys = "，".join(dict.fromkeys(shown))  # Return and Enter both read 回车: once
        name = action_name(act)
        if keys and name and name not in seen:
            seen.add(name)
            rows.append((name, keys))
    table = QTableWidget(len(rows), 2)
    table.setObjectName("shortcutTable")
    table.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("help_dialogs", "操作"),
            QCoreApplication.translate("help_dialogs", "快捷键"),
        ]
    )
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    for row, (name, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return _dialog(parent, QCoreApplication.translate("help_dialogs", "快捷键"), table, (440, 560))


def guide_dialog(parent: QWidget, language: str) -> QDialog:
    """The user guide shipped with the app (works offline, no browser needed)."""
    browser = QTextBrowser()
    browser.setObjectName("guide")
    browser.setOpenExternalLinks(False)
    name = "guide.en.md" if language == "en" else "guide.zh_CN.md"
    path = resource_path("help", name)
    try:
        browser.setMarkdown(path.read_text(encoding="utf-8"))
    except OSError:
        browser.setPlainText(
            QCoreApplication.translate("help_dialogs", "找不到使用说明文件：{0}").format(path)
        )
    return _dialog(
        parent, QCoreApplication.translate("help_dialogs", "使用说明"), browser, (720, 620)
    )


def about_dialog(
    parent: QWidget, data: DataDir, inbox: str, export_dir: str, server: str | None = None
) -> QDialog:
    """Version and every place the app reads or writes, so support can find them.

    ``server``: the shared archive's address (no password), when the desk uses one.
    """
    if server is None:
        archive = [
            (QCoreApplication.translate("help_dialogs", "档案数据库"), str(data.database)),
            (QCoreApplication.translate("help_dialogs", "原件存放"), str(data.originals)),
        ]
    else:
        archive = [
            (QCoreApplication.translate("help_dialogs", "档案数据库"), server),
            (
                QCoreApplication.translate("help_dialogs", "原件存放"),
                QCoreApplication.translate("help_dialogs", "数据库服务器上（与档案一起备份）"),
            ),
        ]
    rows = [
        (QCoreApplication.translate("help_dialogs", "版本"), __version__),
        (QCoreApplication.translate("help_dialogs", "数据目录"), str(data.root)),
        *archive,
        (QCoreApplication.translate("help_dialogs", "收件箱"), inbox),
        (QCoreApplication.translate("help_dialogs", "导出文件夹"), export_dir),
        (
            QCoreApplication.translate("help_dialogs", "运行环境"),
            f"Python {platform.python_version()} · Qt（PySide6）{pyside_version} · "
            f"{platform.system()} {platform.release()}",
        ),
        (QCoreApplication.translate("help_dialogs", "界面语言"), QLocale().name()),
    ]
    body = "".join(
        f"<tr><td style='padding-right:12px'><b>{k}</b></td><td>{_html(v)}</td></tr>"
        for k, v in rows
    )
    label = QLabel(
        "<h3>{}</h3><p>{}</p><table>{}</table>".format(
            QCoreApplication.translate("help_dialogs", "简讯编审台"),
            QCoreApplication.translate(
                "help_dialogs", "简讯、工作简报的收件、审校与公文版式导出。离线运行。"
            ),
            body,
        )
    )
    label.setObjectName("about")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return _dialog(
        parent, QCoreApplication.translate("help_dialogs", "关于简讯编审台"), label, (620, 360)
    )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["about_dialog", "action_name", "guide_dialog", "shortcuts_dialog"]
