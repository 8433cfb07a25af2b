"""One undo history: Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z typed in any field work the window's
undo stack (on every platform), never the text box's own; so do the fields' context menus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from support.desk import open_fixture

from editor.core.model import Bulletin, Subheading
from editor.gui.app import Desk
from editor.gui.form.fields import ParagraphsField

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ISSUER = "masthead.issuer"
TITLE = "sections[0].articles[0].title"
PARAGRAPHS = "sections[0].articles[0].paragraphs"
PRINTER = "imprint.printer"


def focus(qtbot: Any, desk: Desk, path: str) -> QWidget:
    widget = desk.window.form.fields[path].widget
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


def shown(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    assert isinstance(widget, QPlainTextEdit)
    return widget.toPlainText()


def stored(desk: Desk) -> Bulletin:
    assert desk.window.record is not None
    current = desk.store.get(desk.window.record.id).current
    assert current is not None
    return current


def key(qtbot: Any, desk: Desk, widget: QWidget, letter: Qt.Key, modifiers: Any) -> None:
    """A key typed in the widget that changes the bulletin: wait until it is saved."""
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        qtbot.keyClick(widget, letter, modifiers)


def type_at_start(qtbot: Any, desk: Desk, widget: QWidget, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setCursorPosition(0)
    else:
        assert isinstance(widget, QPlainTextEdit)
        widget.moveCursor(QTextCursor.MoveOperation.Start)
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        qtbot.keyClicks(widget, text)


@pytest.mark.parametrize("path", [ISSUER, TITLE, PARAGRAPHS])
def test_ctrl_z_in_a_field_undoes_the_windows_step_and_ctrl_y_or_ctrl_shift_z_redo_it(
    qtbot: Any, make_desk: Callable[[], Desk], path: str
) -> None:
    desk = make_desk()
    open_fixture(qtbot, desk)
    window = desk.window
    stack = window.undo_stack
    widget = focus(qtbot, desk, path)
    before, value_before = shown(widget), window.form.fields[path].value()
    type_at_start(qtbot, desk, widget, "AB")
    typed, value_typed = shown(widget), window.form.fields[path].value()
    assert typed == "AB" + before
    assert stack.index() == 1

    def saved_value() -> Any:
        field = window.form.fields[path]
        bulletin = stored(desk)
        if path == ISSUER:
            return bulletin.masthead.issuer
        article = bulletin.sections[0].articles[0]
        return article.title if field.path == TITLE else article.paragraphs

    assert saved_value() == value_typed

    key(qtbot, desk, widget, Qt.Key.Key_Z, CTRL)
    assert stack.index() == 0
    assert shown(widget) == before
    assert saved_value() == value_before

    key(qtbot, desk, widget, Qt.Key.Key_Y, CTRL)
    assert stack.index() == 1
    assert shown(widget) == typed
    assert saved_value() == value_typed

    key(qtbot, desk, widget, Qt.Key.Key_Z, CTRL)
    key(qtbot, desk, widget, Qt.Key.Key_Z, CTRL_SHIFT)
    assert stack.index() == 1
    assert shown(widget) == typed
    assert saved_value() == value_typed
    assert stack.count() == 1  # no key ever made a 修改 of its own


def in_view(desk: Desk, widget: QWidget) -> bool:
    form = desk.window.form
    top_left = widget.mapTo(form.viewport(), QPoint(0, 0))
    return QRect(top_left, widget.size()).intersects(form.viewport().rect())


def test_ctrl_z_in_one_field_undoes_the_last_step_wherever_it_was_and_never_the_boxs_own(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = open_fixture(qtbot, desk)
    window = desk.window
    stack = window.undo_stack
    issuer = focus(qtbot, desk, ISSUER)
    type_at_start(qtbot, desk, issuer, "XY")
    assert window.form.focus_path(PRINTER)
    printer = window.form.fields[PRINTER].widget
    qtbot.waitUntil(lambda: printer.hasFocus() and in_view(desk, printer))
    type_at_start(qtbot, desk, printer, "Z")
    assert stack.index() == 2

    assert window.form.focus_path(ISSUER)  # back at the top, the printer out of sight
    qtbot.waitUntil(lambda: issuer.hasFocus() and not in_view(desk, printer))
    key(qtbot, desk, issuer, Qt.Key.Key_Z, CTRL)  # the printer's step is the last: undone
    assert stack.index() == 1
    assert shown(printer) == data["imprint"]["printer"]
    assert stored(desk).imprint.printer == data["imprint"]["printer"]
    assert shown(issuer) == "XY四川省地方志工作办公室"
    assert stored(desk).masthead.issuer == "XY四川省地方志工作办公室"
    # The undone step is shown: the cursor goes to it, as in a text editor.
    qtbot.waitUntil(lambda: printer.hasFocus() and in_view(desk, printer))

    key(qtbot, desk, printer, Qt.Key.Key_Z, CTRL)
    assert stack.index() == 0
    assert shown(issuer) == "四川省地方志工作办公室"
    qtbot.waitUntil(lambda: issuer.hasFocus() and in_view(desk, issuer))
    # Nothing left to undo: the key does nothing at all (the box's own history stays unused).
    assert not window.undo_action.isEnabled()
    qtbot.keyClick(issuer, Qt.Key.Key_Z, CTRL)
    assert shown(issuer) == "四川省地方志工作办公室"
    assert stack.index() == 0
    assert stack.count() == 2


def test_a_kind_switch_is_undone_by_ctrl_z_in_the_paragraphs_box(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = open_fixture(qtbot, desk)
    window = desk.window
    body = list(data["sections"][0]["articles"][0]["paragraphs"])
    field = window.form.fields[PARAGRAPHS]
    assert isinstance(field, ParagraphsField)
    box = focus(qtbot, desk, PARAGRAPHS)
    field.place_cursor(1)
    key(qtbot, desk, box, Qt.Key.Key_2, CTRL)
    assert stored(desk).sections[0].articles[0].paragraphs[1] == Subheading(2, body[1])
    assert window.undo_stack.undoText() == "第2段设为小标题二级"

    key(qtbot, desk, box, Qt.Key.Key_Z, CTRL)
    assert stored(desk).sections[0].articles[0].paragraphs == body
    assert field.value() == body
    assert window.undo_stack.index() == 0
    key(qtbot, desk, box, Qt.Key.Key_Y, CTRL)
    assert field.value()[1] == Subheading(2, body[1])
    assert window.undo_stack.count() == 1


@pytest.mark.parametrize("path", [ISSUER, PARAGRAPHS])
def test_the_context_menu_offers_the_windows_undo_and_redo_not_the_boxs(
    qtbot: Any, make_desk: Callable[[], Desk], path: str
) -> None:
    desk = make_desk()
    open_fixture(qtbot, desk)
    window = desk.window
    field = window.form.fields[path]
    widget = focus(qtbot, desk, path)
    type_at_start(qtbot, desk, widget, "AB")
    menu = field.context_menu(QPoint(2, 2))
    names = [a.objectName() for a in menu.actions()]
    assert "edit-undo" not in names
    assert "edit-redo" not in names
    undo = next(a for a in menu.actions() if a.objectName() == "shared-undo")
    redo = next(a for a in menu.actions() if a.objectName() == "shared-redo")
    assert undo.text().startswith("撤销")
    assert undo.isEnabled()
    assert not redo.isEnabled()
    assert names.index("shared-undo") < names.index("edit-cut")  # where the box's own were
    with qtbot.waitSignal(window.saved, timeout=5_000):
        undo.trigger()
    assert window.undo_stack.index() == 0
    assert not shown(widget).startswith("AB")
    menu.deleteLater()
    menu = field.context_menu(QPoint(2, 2))
    redo = next(a for a in menu.actions() if a.objectName() == "shared-redo")
    assert redo.text().startswith("重做")
    with qtbot.waitSignal(window.saved, timeout=5_000):
        redo.trigger()
    assert shown(widget).startswith("AB")
    menu.deleteLater()
