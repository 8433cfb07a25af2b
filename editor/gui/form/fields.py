"""One editor per bulletin field, each knowing its path, its value and its state.

A field shows its state by colour, with a tooltip that says why: parsed (as
the parser read it), doubtful (a parser warning or an inferred value),
invalid (fails validation), edited (changed by the editor).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from editor.core.normalise import join_visual_lines

PARSED, EDITED, DOUBTFUL, INVALID = "parsed", "edited", "doubtful", "invalid"
STATE_COLOURS = {PARSED: "", EDITED: "#e3f0ff", DOUBTFUL: "#fff4c2", INVALID: "#ffd9d9"}
STATE_LABELS = {
    PARSED: str(QT_TRANSLATE_NOOP("fields", "按原文解析")),
    EDITED: str(QT_TRANSLATE_NOOP("fields", "已修改")),
    DOUBTFUL: str(QT_TRANSLATE_NOOP("fields", "存疑")),
    INVALID: str(QT_TRANSLATE_NOOP("fields", "不合格")),
}


class Field(QObject):
    """Binds a widget to a field path: ``changed(path, value)`` on every user edit."""

    changed = Signal(str, object)
    focused = Signal(str)

    def __init__(self, path: str, label: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.path = path
        self.label = label
        self.widget = widget
        self.state = PARSED
        self.reasons: list[str] = []
        self._quiet = False
        widget.setObjectName(path)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent):
            self.focused.emit(self.path)
        return False

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
        if not self._quiet:
            self.changed.emit(self.path, self.value())

    def set_state(self, state: str, reasons: list[str]) -> None:
        self.state, self.reasons = state, reasons
        colour = STATE_COLOURS[state]
        kind = type(self.widget).__name__
        self.widget.setStyleSheet(f"{kind} {{ background: {colour}; }}" if colour else "")
        state_label = QCoreApplication.translate("fields", STATE_LABELS[state])
        lines = [self.tr("{0}：{1}").format(self.label, state_label), *reasons]
        self.widget.setToolTip("\n".join(lines))
        self.widget.setProperty("fieldState", state)


class TextField(Field):
    """One line of text; empty means null."""

    def __init__(self, path: str, label: str, placeholder: str = "") -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        super().__init__(path, label, edit)
        edit.textEdited.connect(lambda _text: self._emit())

    def value(self) -> Any:
        text = self.widget.text().strip()  # type: ignore[attr-defined]
        return text or None

    def _show(self, value: Any) -> None:
        self.widget.setText("" if value is None else str(value))  # type: ignore[attr-defined]


class IntField(TextField):
    """A whole number (期号, 总期号, 印数); anything else reads as null and is flagged."""

    def value(self) -> Any:
        text = self.widget.text().strip()  # type: ignore[attr-defined]
        return int(text) if text.isdigit() else (text or None)


class LinesField(Field):
    """Several lines kept as one string joined by newlines (titles, recipients)."""

    def __init__(self, path: str, label: str, lines: int = 2) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(12 + edit.fontMetrics().lineSpacing() * lines + 8)
        super().__init__(path, label, edit)
        edit.textChanged.connect(self._emit)

    def value(self) -> Any:
        lines = [ln.strip() for ln in self.widget.toPlainText().split("\n")]  # type: ignore[attr-defined]
        text = "\n".join(ln for ln in lines if ln)
        return text or None

    def _show(self, value: Any) -> None:
        self.widget.setPlainText("" if value is None else str(value))  # type: ignore[attr-defined]


class ParagraphsField(Field):
    """Paragraphs edited as text, separated by empty lines."""

    def __init__(self, path: str, label: str) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(220)
        super().__init__(path, label, edit)
        edit.textChanged.connect(self._emit)

    def value(self) -> Any:
        text = self.widget.toPlainText()  # type: ignore[attr-defined]
        blocks = [join_visual_lines(b.split("\n")) for b in text.replace("\r", "").split("\n\n")]
        return [b for b in blocks if b]

    def _show(self, value: Any) -> None:
        self.widget.setPlainText("\n\n".join(value or []))  # type: ignore[attr-defined]
