"""What every field shares: its path, its state shown by colour, and one history.

A field shows its state by colour, with a tooltip that says why: parsed (as
the parser read it), doubtful (a parser warning or an inferred value),
invalid (fails validation), edited (changed by the editor). A read-only field
keeps its text black and selectable on a light grey ground.

The desk has one undo history, the window's. A field's widget keeps none of
its own: Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z (and the platform's own undo and redo
keys) pass through the field to the window's actions, and the widget's context
menu offers the window's 撤销 and 重做 instead of the widget's.

Characters OCR was unsure of are marked in the text (:meth:`Field.set_marks`): an orange
ground and a wavy red underline, over whatever state colour the field has. Marks belong
to the text they were set on: once it changes they are not shown until set again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from editor.gui.form.form_words import READ_ONLY_NOTE as READ_ONLY_NOTE
from editor.gui.form.mark_style import MARK as MARK
from editor.gui.form.mark_style import MARK_GROUND as MARK_GROUND
from editor.gui.form.mark_style import MARK_LINE as MARK_LINE
from editor.gui.form.mark_style import mark_format as mark_format

PARSED, EDITED, DOUBTFUL, INVALID = "parsed", "edited", "doubtful", "invalid"
STATE_COLOURS = {PARSED: "", EDITED: "#e3f0ff", DOUBTFUL: "#fff4c2", INVALID: "#ffd9d9"}
READ_ONLY_COLOUR = "#f2f2f2"
STATE_LABELS = {
    PARSED: str(QT_TRANSLATE_NOOP("fields", "按原文解析")),
    EDITED: str(QT_TRANSLATE_NOOP("fields", "已修改")),
    DOUBTFUL: str(QT_TRANSLATE_NOOP("fields", "存疑")),
    INVALID: str(QT_TRANSLATE_NOOP("fields", "不合格")),
}

UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))
_OWN_HISTORY = ("edit-undo", "edit-redo")  # object names of the widgets' own menu entries


Range = tuple[int, int]
"""Characters ``start`` to ``end`` (past the last): of a value's text, or of a widget's."""


def skipped(char: str) -> bool:
    """White space (and the zero-width space): what a field's value drops or joins away."""
    return char.isspace() or char == "\u200b"


def units(text: str) -> int:
    """The length of a text in Qt's positions (UTF-16 units)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def kept_marks(text: str, ranges: Iterable[Range]) -> list[int]:
    """Which non-blank characters of ``text`` (0 the first) the ranges mark."""
    marked = {i for start, end in ranges for i in range(max(start, 0), min(end, len(text)))}
    out: list[int] = []
    count = 0
    for i, char in enumerate(text):
        if skipped(char):
            continue
        if i in marked:
            out.append(count)
        count += 1
    return out


def kept_positions(blocks: Iterable[QTextBlock], wanted: Iterable[int]) -> list[Range]:
    """The document positions (start, end) of non-blank characters of the blocks' text,
    counted from 0 across the blocks, in order."""
    todo = set(wanted)
    out: list[Range] = []
    count = 0
    for block in blocks:
        unit = block.position()
        for char in block.text():
            width = 2 if ord(char) > 0xFFFF else 1
            if not skipped(char):
                if count in todo:
                    out.append((unit, unit + width))
                count += 1
            unit += width
    return out


def mark_selections(edit: QPlainTextEdit, positions: Iterable[Range]) -> None:
    """Show marks at document positions, keeping the box's other extra selections."""
    kept = [s for s in edit.extraSelections() if not s.format.hasProperty(MARK)]
    marks = []
    for start, end in positions:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(edit.document())
        selection.cursor.setPosition(start)
        selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.format = mark_format()
        marks.append(selection)
    if marks or len(kept) != len(edit.extraSelections()):
        edit.setExtraSelections(kept + marks)


def history_key(event: QKeyEvent) -> str | None:
    """ "undo" or "redo" for a key of the window's history (on any platform), else None."""
    pressed = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Undo) or pressed in UNDO_KEYS:
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo) or pressed in REDO_KEYS:
        return "redo"
    return None


def _no_history() -> QUndoStack | None:
    return None


class Field(QObject):
    """Binds a widget to a field path: ``changed(path, value)`` on every user edit.

    ``focused(key)`` when the widget takes the focus: the path, or for a paragraphs box
    the path of the paragraph entry under the cursor. ``history`` gives the window's undo
    stack for the context menu (the form sets it). ``marks`` are the characters of the
    value OCR doubted (:meth:`set_marks`).
    """

    changed = Signal(str, object)
    focused = Signal(str)

    def __init__(self, path: str, label: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.path = path
        self.label = label
        self.widget = widget
        self.state = PARSED
        self.reasons: list[str] = []
        self.read_only = False
        self.history: Callable[[], QUndoStack | None] = _no_history
        self.marks: list[Range] = []
        self._marked: str | None = None  # the text the marks were set on
        self._marks_shown = False  # marks were painted in the widget (and not taken away)
        self._shown_state: tuple[str, list[str]] | None = None  # what the colour and tip say
        self._quiet = False
        self._style, self._tip = "", ""  # what the widget shows (a new one: nothing)
        widget.setObjectName(path)
        widget.installEventFilter(self)
        if isinstance(widget, QAbstractScrollArea):  # its mouse events reach the viewport
            widget.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            if history_key(event) is not None:
                # The override is left unaccepted, so the window's undo or redo action
                # takes the key; a press that still arrives (nothing to undo) is dropped,
                # never the widget's own undo.
                if kind == QEvent.Type.ShortcutOverride:
                    event.ignore()
                else:
                    event.accept()
                return True
        elif kind == QEvent.Type.FocusIn and watched is self.widget:
            self.focused.emit(self.focus_key())
        elif kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            pos = event.pos()
            if isinstance(self.widget, QAbstractScrollArea) and watched is self.widget:
                pos = self.widget.viewport().mapFrom(self.widget, pos)  # from the keyboard
            menu = self.context_menu(pos)
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return False

    def focus_key(self) -> str:
        """What the window highlights while the cursor is here (a span key)."""
        return self.path

    # --- the context menu ----------------------------------------------------------------

    def context_menu(self, pos: QPoint) -> QMenu:
        """The widget's menu (``pos`` in its viewport for a text box), with the window's history."""
        widget = self.widget
        if isinstance(widget, QPlainTextEdit):
            menu = widget.createStandardContextMenu(pos)
        else:
            assert isinstance(widget, QLineEdit)
            menu = widget.createStandardContextMenu()
        self._share_history(menu)
        return menu

    def _share_history(self, menu: QMenu) -> None:
        """Put the window's 撤销 / 重做 where the widget's own were."""
        stack = self.history()
        for action in list(menu.actions()):
            if action.objectName() not in _OWN_HISTORY:
                continue
            if stack is not None:
                undo = action.objectName() == "edit-undo"
                shared = (
                    stack.createUndoAction(menu, QCoreApplication.translate("fields", "撤销"))
                    if undo
                    else stack.createRedoAction(menu, QCoreApplication.translate("fields", "重做"))
                )
                shared.setShortcut((UNDO_KEYS if undo else REDO_KEYS)[0])
                shared.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown, not bound
                shared.setObjectName("shared-undo" if undo else "shared-redo")
                if self.read_only:
                    shared.setEnabled(False)
                menu.insertAction(action, shared)
            menu.removeAction(action)

    # --- value -----------------------------------------------------------------------------

    # subclasses: read and write the widget
    def value(self) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show a value without it counting as a user edit (load, undo)."""
        if value == self.value():
            return
        self._quiet = True
        try:
            self._show(value)
        finally:
            self._quiet = False

    def _emit(self) -> None:
        if not self._quiet and not self.read_only:
            self.changed.emit(self.path, self.value())

    def objection(self) -> str | None:
        """The widget's own objection to what is typed (words in a number field), if any."""
        return None

    def place_at(self, char: int) -> None:
        """Put the cursor at a character of the value."""

    # --- marks: the characters OCR doubted -------------------------------------------------

    def text(self) -> str:
        """The value as text (what marks count in): a number as digits, nothing as ""."""
        value = self.value()
        return "" if value is None else str(value)

    def set_marks(self, ranges: Sequence[Range]) -> None:
        """Mark characters of the value as it is now (``ranges`` count in :meth:`text`);
        they show until the text changes, and are set again by whoever computes them."""
        marks = sorted(set(ranges))
        if not marks and not self.marks and not self._marks_shown:
            return  # (none set, none shown: selecting a bulletin costs no walk of the text)
        self.marks = marks
        self._marked = self.text() if self.marks else None
        self._repaint_marks()

    def _repaint_marks(self) -> None:
        """:meth:`_show_marks`, unless there are none to show and none shown."""
        if self.marks or self._marks_shown:
            self._show_marks()
            self._marks_shown = bool(self.marks)

    def marks_hold(self) -> bool:
        """Whether the marks still belong to the text shown."""
        return bool(self.marks) and self._marked == self.text()

    def mark_positions(self) -> list[Range]:
        """Where the marks stand in the widget (its positions), in order; none once the text
        has changed since they were set."""
        return []

    def first_mark(self) -> Range | None:
        """Where the first mark stands in the widget: where the selection goes (F8)."""
        positions = self.mark_positions()
        return positions[0] if positions else None

    def select_first_mark(self) -> bool:
        """Select the first marked character; False when there is none."""
        where = self.first_mark()
        if where is None:
            return False
        self.select(*where)
        return True

    def select(self, start: int, end: int) -> None:
        """Select widget positions ``start`` to ``end``, the cursor at the end."""
        widget = self.widget
        if isinstance(widget, QLineEdit):
            widget.setSelection(start, end - start)
        elif isinstance(widget, QPlainTextEdit):
            cursor = widget.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)

    def _show_marks(self) -> None:
        """Paint the marks in the widget (subclasses; :meth:`mark_positions` says where)."""

    # --- state -----------------------------------------------------------------------------

    def set_state(self, state: str, reasons: list[str]) -> None:
        if self._shown_state == (state, reasons):  # (most fields, bulletin after bulletin)
            self._repaint_marks()
            return
        if state != self.state or self._shown_state is None:
            self.widget.setProperty("fieldState", state)
        self.state, self.reasons = state, reasons
        self._shown_state = (state, list(reasons))
        self._paint()

    def set_read_only(self, read_only: bool) -> None:
        """Readable, selectable and copyable, but not editable."""
        if read_only == self.read_only:
            return  # (said again as the window opens a bulletin: nothing changes)
        self.read_only = read_only
        widget = self.widget
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setReadOnly(read_only)
        if isinstance(widget, QPlainTextEdit) and read_only:
            widget.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
        self._paint()

    def _paint(self) -> None:
        colour = READ_ONLY_COLOUR if self.read_only else STATE_COLOURS[self.state]
        kind = type(self.widget).__name__
        style = f"{kind} {{ background: {colour}; }}" if colour else ""
        tip = "\n".join(self.tooltip_lines())
        if style != self._style:  # (a new style sheet costs the widget a new polish)
            self._style = style
            self.widget.setStyleSheet(style)
        if tip != self._tip:
            self._tip = tip
            self.widget.setToolTip(tip)
        self._repaint_marks()

    def tooltip_lines(self) -> list[str]:
        translate = QCoreApplication.translate
        state_label = translate("fields", STATE_LABELS[self.state])
        lines = [translate("Field", "{0}：{1}").format(self.label, state_label), *self.reasons]
        if self.read_only:
            lines.insert(0, translate("fields", READ_ONLY_NOTE))
        return lines


class GrowingTextEdit(QPlainTextEdit):
    """A text box as tall as its text (never less than ``min_lines``): it has no scroll bar
    of its own, so the form around it scrolls as one."""

    def __init__(self, min_lines: int = 2) -> None:
        super().__init__()
        self.min_lines = min_lines
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._refitting = True  # (off while a whole new text goes in: one fit after it)
        self.document().contentsChanged.connect(self._contents_changed)
        self.fit_height()

    def _contents_changed(self) -> None:
        if self._refitting:
            self.fit_height()

    def set_text(self, text: str) -> None:
        """A new text (setPlainText), the box fitted to it once rather than at each of the
        document's changes on the way."""
        self._refitting = False
        try:
            self.setPlainText(text)
        finally:
            self._refitting = True
        self.fit_height()

    def text_height(self) -> int:
        """The height of the text as laid out at the box's width, in pixels."""
        total = 0.0
        block = self.document().begin()
        while block.isValid():
            if block.isVisible():
                total += self.blockBoundingRect(block).height()
            block = block.next()
        return math.ceil(total)

    def fit_height(self) -> None:
        lines = max(self.text_height(), self.min_lines * self.fontMetrics().lineSpacing())
        margin = math.ceil(self.document().documentMargin())
        frame = self.contentsMargins()
        around = self.viewportMargins()
        height = (
            lines + 2 * margin + 1 + frame.top() + frame.bottom() + around.top() + around.bottom()
        )
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # the lines wrap anew
            self.fit_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_height()


def text_position(edit: QPlainTextEdit, lines_from: int, char: int) -> int:
    """The document position of character ``char`` of the text kept from the box's lines,
    from block number ``lines_from`` on: blank lines skipped, each line trimmed, the kept
    lines joined by one character."""
    block = edit.document().findBlockByNumber(lines_from)
    last = block.position()
    while block.isValid():
        text = block.text()
        kept = text.strip()
        if kept:
            start = len(text) - len(text.lstrip())
            if char <= len(kept):
                return block.position() + start + char
            char -= len(kept) + 1
            last = block.position() + start + len(kept)
        block = block.next()
    return last


def set_position(edit: QPlainTextEdit, position: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(max(0, min(position, edit.document().characterCount() - 1)))
    cursor.clearSelection()
    edit.setTextCursor(cursor)
