"""One editor per bulletin field, each knowing its path, its value and its state.

The base (states, read-only, the one shared history) is in
:mod:`editor.gui.form.field_base`, the paragraphs box in
:mod:`editor.gui.form.paragraphs`; this module adds the plain fields and is where the
form and the tests take every field from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QInputMethodEvent, QTextBlock
from PySide6.QtWidgets import QLineEdit

from editor.gui.form.field_base import (
    DOUBTFUL,
    EDITED,
    INVALID,
    MARK_GROUND,
    MARK_LINE,
    PARSED,
    READ_ONLY_COLOUR,
    READ_ONLY_NOTE,
    STATE_COLOURS,
    STATE_LABELS,
    Field,
    GrowingTextEdit,
    Range,
    history_key,
    kept_marks,
    kept_positions,
    mark_format,
    mark_selections,
    set_position,
    skipped,
    text_position,
    units,
)
from editor.gui.form.paragraphs import (
    HEADING,
    KIND_KEYS,
    KIND_LABELS,
    LEVEL_COLOURS,
    MARGIN_LABELS,
    PARAGRAPHS_HINT,
    ParagraphEdit,
    ParagraphsField,
    block_level,
    group_position,
    group_text,
    kind_label,
    paragraph_groups,
    set_levels,
)

__all__ = [
    "DOUBTFUL",
    "EDITED",
    "HEADING",
    "INVALID",
    "KIND_KEYS",
    "KIND_LABELS",
    "LEVEL_COLOURS",
    "MARGIN_LABELS",
    "MARK_GROUND",
    "MARK_LINE",
    "PARAGRAPHS_HINT",
    "PARSED",
    "READ_ONLY_COLOUR",
    "READ_ONLY_NOTE",
    "STATE_COLOURS",
    "STATE_LABELS",
    "Field",
    "GrowingTextEdit",
    "IntField",
    "LinesField",
    "ParagraphEdit",
    "ParagraphsField",
    "Range",
    "TextField",
    "block_level",
    "group_position",
    "group_text",
    "history_key",
    "kind_label",
    "mark_format",
    "paragraph_groups",
    "set_levels",
]


class TextField(Field):
    """One line of text; empty means null. Marks are formats of the line's text layout, set
    by an input method event that carries no text (the text and its history stay as they
    are)."""

    def __init__(self, path: str, label: str, placeholder: str = "") -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        super().__init__(path, label, edit)
        self.line = edit
        self._formatted = False
        self._composing = False  # an input method's unfinished text is in the line
        edit.textEdited.connect(lambda _text: self._emit())
        edit.textChanged.connect(lambda _text: self._show_marks())  # formats do not move

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QInputMethodEvent) and watched is self.widget:
            self._composing = bool(event.preeditString())
        return super().eventFilter(watched, event)

    def value(self) -> Any:
        text = self.line.text().strip()
        return text or None

    def _show(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))

    def place_at(self, char: int) -> None:
        text = self.line.text()
        lead = len(text) - len(text.lstrip())
        self.line.setCursorPosition(min(lead + max(char, 0), len(text)))

    def mark_positions(self) -> list[Range]:
        if not self.marks_hold():
            return []
        text = self.line.text()
        wanted = set(kept_marks(self.text(), self.marks))
        out: list[Range] = []
        count = 0
        for i, char in enumerate(text):
            if skipped(char):
                continue
            if count in wanted:
                start = units(text[:i])
                out.append((start, start + units(char)))
            count += 1
        return out

    def _show_marks(self) -> None:
        line = self.line
        positions = self.mark_positions()
        if self._composing or (not positions and not self._formatted):
            return  # the marks would end what the input method is composing
        cursor = line.cursorPosition()
        kind = QInputMethodEvent.AttributeType.TextFormat
        attributes = [
            QInputMethodEvent.Attribute(kind, start - cursor, end - start, mark_format())
            for start, end in positions
        ]
        read_only = line.isReadOnly()
        if read_only:  # a read-only line takes no input method events
            line.setReadOnly(False)
        try:
            QCoreApplication.sendEvent(line, QInputMethodEvent("", attributes))
        finally:
            if read_only:
                line.setReadOnly(True)
        self._formatted = bool(attributes)


class IntField(TextField):
    """A whole number (期号, 总期号, 印数). Anything else is refused at once: the field turns
    invalid saying 请填数字, and the bulletin keeps its last number until digits are typed."""

    def value(self) -> Any:
        text = self.line.text().strip()
        return int(text) if text.isdecimal() else (text or None)

    def objection(self) -> str | None:
        text = self.line.text().strip()
        if not text or text.isdecimal():
            return None
        return QCoreApplication.translate("fields", "请填数字（“{0}”不是数字）").format(text)


class LinesField(Field):
    """Several lines kept as one string joined by newlines (titles, recipients); the box
    grows with them."""

    def __init__(self, path: str, label: str, lines: int = 2) -> None:
        edit = GrowingTextEdit(min_lines=lines)
        edit.setTabChangesFocus(True)
        edit.setUndoRedoEnabled(False)  # the window's history is the only one
        super().__init__(path, label, edit)
        self.edit = edit
        edit.textChanged.connect(self._emit)

    def value(self) -> Any:
        lines = [ln.strip() for ln in self.edit.toPlainText().split("\n")]
        text = "\n".join(ln for ln in lines if ln)
        return text or None

    def _show(self, value: Any) -> None:
        self.edit.set_text("" if value is None else str(value))

    def place_at(self, char: int) -> None:
        set_position(self.edit, text_position(self.edit, 0, char))

    def _blocks(self) -> list[QTextBlock]:
        blocks = []
        block = self.edit.document().begin()
        while block.isValid():
            blocks.append(block)
            block = block.next()
        return blocks

    def mark_positions(self) -> list[Range]:
        if not self.marks_hold():
            return []
        return kept_positions(self._blocks(), kept_marks(self.text(), self.marks))

    def _show_marks(self) -> None:
        mark_selections(self.edit, self.mark_positions())
