"""Keeping the cursor in view: the form is the only scroll area (its text boxes grow with
their text), so it is the form that scrolls to the cursor of the field being typed in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPlainTextEdit, QScrollArea

if TYPE_CHECKING:  # (the fields load with the first bulletin; an empty form has none)
    from editor.gui.form.fields import Field


class CursorKeeper(QObject):
    """Scrolls ``area`` to a field's cursor now and once more when the form has been laid
    out anew (a box grown by a new line); ``fields`` are the fields still shown."""

    def __init__(self, area: QScrollArea, fields: Callable[[], Iterable[Field]]) -> None:
        super().__init__(area)
        self.area, self.fields = area, fields
        self.field: Field | None = None
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self._reveal_now)

    def follow(self, field: Field) -> None:
        """The cursor moved in a text box: keep it in view while it is being typed in."""
        if field.widget.hasFocus():
            self.reveal(field)

    def reveal(self, field: Field) -> None:
        self.field = field
        self._reveal_now()
        self.timer.start()

    def forget(self) -> None:
        self.field = None
        self.timer.stop()

    def _reveal_now(self) -> None:
        field, page = self.field, self.area.widget()
        if field is None or page is None or not any(f is field for f in self.fields()):
            return
        widget = field.widget
        if not isinstance(widget, QPlainTextEdit):
            self.area.ensureWidgetVisible(widget)
            return
        rect = widget.cursorRect()
        centre = widget.viewport().mapTo(page, rect.center())
        self.area.ensureVisible(centre.x(), centre.y(), 40, rect.height() * 2)
