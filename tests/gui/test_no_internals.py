"""Walk every action and dialog of the desk and read every string a user can see.

Nothing shown may be an internal field path (masthead.issue, sections[0]…), English from
Qt or a library (OK, Cancel, Look in:), errno text, or a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from support.desk import drop
from support.pdfs import NO_TEXT_PDF

from editor.gui.app import Desk

INTERNAL = re.compile(
    r"(?:masthead|imprint|sections|articles|paragraphs)(?:\.|\[\d)"
    r"|\bErrno\b|No such file|Permission denied|Traceback|Exception\b|\bNone\b"
    r"|(?<!-)\b(?:inferred|in_review|approved|exported|rejected|failed|status)\b"
)
ENGLISH_BUTTONS = {
    "OK", "Cancel", "Close", "Yes", "No", "Apply", "Reset", "Help", "Save", "Open",
    "Choose", "Discard", "Abort", "Retry", "Ignore", "Restore Defaults", "Show Details...",
}  # fmt: skip
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{3,}\b(?: [A-Za-z]{2,}\b)+")
ALLOWED_LATIN = re.compile(
    r"\b(?:Ctrl|Shift|Alt|Enter|Return|DOCX|PDF|WPS|Word|Python|Qt|PySide6|Linux|Windows"
    r"|sha256|txt|docx|pdf|libxcb|apt|install|jianxun|help|zh_CN|en)\b"
)


def texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    """Every string a widget shows or tells: text, title, tooltip, items, headers."""
    kind = type(widget).__name__
    yield kind + ".toolTip", widget.toolTip()
    yield kind + ".windowTitle", widget.windowTitle() if widget.isWindow() else ""
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        yield kind, widget.text()
    if isinstance(widget, QLineEdit):
        yield kind + ".placeholder", widget.placeholderText()
    if isinstance(widget, QMessageBox):
        yield kind + ".informative", widget.informativeText()
    if isinstance(widget, QGroupBox):
        yield kind, widget.title()
    if isinstance(widget, QPlainTextEdit) and widget.objectName() != "sourceView":
        yield kind + ".placeholder", widget.placeholderText()
    if isinstance(widget, QTextBrowser):
        yield kind, widget.toPlainText()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield kind, widget.itemText(i)
    if isinstance(widget, QListWidget):
        for i in range(widget.count()):
            yield kind, widget.item(i).text()
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield kind, widget.tabText(i)
    if isinstance(widget, QTableView) and widget.model() is not None:
        model = widget.model()
        for c in range(model.columnCount()):
            yield kind + ".header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for r in range(min(model.rowCount(), 50)):
            for c in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    yield kind + ".cell", str(model.data(model.index(r, c), role) or "")


def visible_texts() -> list[tuple[str, str]]:
    found = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            found.extend((where, text) for where, text in texts_of(widget) if text)
        for action in top.findChildren(QAction):
            found.extend((f"QAction {action.text()}", t) for t in (action.text(), action.toolTip()))
    return found


def offences(texts: list[tuple[str, str]], skip: tuple[str, ...]) -> list[str]:
    bad = []
    for where, text in texts:
        shown = text
        for part in skip:  # file and folder names are the user's, not ours
            shown = shown.replace(part, "")
        if INTERNAL.search(shown):
            bad.append(f"{where}: internal: {text[:120]!r}")
        if "Button" in where and shown.replace("&", "") in ENGLISH_BUTTONS:
            bad.append(f"{where}: English button: {text!r}")
        plain = ALLOWED_LATIN.sub("", shown)
        if ENGLISH_WORDS.search(plain):
            bad.append(f"{where}: English: {text[:120]!r}")
    return sorted(set(bad))


def test_no_action_or_dialog_shows_internals_or_english(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    window = desk.window
    skip = (str(window.inbox), str(window.export_dir), str(window.store.data.root))
    seen: list[tuple[str, str]] = visible_texts()  # the empty desk first
    drop(desk, "第9期.txt", "two_columns_three_articles")
    drop(desk, "第10期.txt", "no_masthead")
    (window.inbox / "扫描件.pdf").write_bytes(NO_TEXT_PDF)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=15_000)
    for row in range(window.model.rowCount()):
        window.table.selectRow(row)
        qtbot.waitUntil(lambda: window.record is not None)
        for path, field in list(window.form.fields.items())[:12]:  # focus moves the highlight
            field.widget.setFocus()
            window.form.field_focused.emit(path)
        for problem_row in range(window.problem_list.count()):
            window.problem_list.setCurrentRow(problem_row)
            seen += visible_texts()
        seen += visible_texts()
        skipped = {window.quit_action, window.ingest_action}
        for action in window.actions():
            if action in skipped or not action.isEnabled():
                continue
            action.trigger()
            seen += visible_texts()
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    seen += visible_texts()
                    widget.close()
        window.undo_stack.setIndex(0)
    picker = window.choose_folder_to_ingest()
    seen += visible_texts()
    picker.close()
    window.inbox_log_button.click()
    seen += visible_texts()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    assert len(seen) > 300
    found = offences(seen, skip)
    assert found == [], "\n".join(found)
