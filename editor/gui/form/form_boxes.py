"""The form's boxes: one per 栏目, holding one per article, each built once and used again.

A queue is read one bulletin after another, and bulletins differ in shape (how many 栏目,
how many articles in each). Building a box costs far more than filling its fields, so a
box no longer needed is hidden rather than destroyed, and shown again, refilled, for the
next bulletin that has a 栏目 or an article in that place. A field's path is its place
(``sections[1].articles[2].title``), so a box kept in its place keeps its fields' paths,
their labels and its buttons' targets. Hidden boxes are kept up to a limit (the largest
shapes are rare), beyond which they go.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLayout, QPushButton, QVBoxLayout, QWidget

SPARE_SECTIONS = 12
"""Boxes of 栏目 kept in all, shown or hidden (more while a bulletin needs more)."""
SPARE_ARTICLES = 8
"""Article boxes kept in each 栏目's box, shown or hidden (more while one needs more)."""


def button_row(
    specs: tuple[tuple[str, Callable[[], object]], ...], enabled: bool, made: list[QPushButton]
) -> QHBoxLayout:
    """A row of structure buttons, each added to ``made`` (the form disables them while
    read-only)."""
    row = QHBoxLayout()
    for text, handler in specs:
        button = QPushButton(text)
        button.clicked.connect(handler)
        button.setEnabled(enabled)
        made.append(button)
        row.addWidget(button)
    row.addStretch(1)
    return row


def show_only(widgets: Sequence[QWidget], count: int) -> None:
    """The first ``count`` shown, the rest hidden (each touched only if it changes)."""
    for index, widget in enumerate(widgets):
        if widget.isHidden() != (index >= count):
            widget.setVisible(index < count)


class SectionBox(QGroupBox):
    """A 栏目's box: its name's row first, then its article boxes (the first
    :attr:`shown` of :attr:`articles` visible), then its buttons."""

    def __init__(self, title: str, head: QLayout, buttons: QLayout) -> None:
        super().__init__(title)
        self.outer = QVBoxLayout(self)
        self.outer.addLayout(head)
        self.outer.addLayout(buttons)
        self.articles: list[QGroupBox] = []
        self.shown = 0

    def show_articles(self, count: int, make: Callable[[int], QGroupBox]) -> None:
        """Show ``count`` article boxes, making those it never had (``make(ai)``)."""
        for ai in range(len(self.articles), count):
            box = make(ai)
            self.outer.insertWidget(1 + ai, box)
            self.articles.append(box)
        show_only(self.articles, count)
        self.shown = count

    def trim(self) -> list[QGroupBox]:
        """Hidden article boxes beyond :data:`SPARE_ARTICLES`, taken out (the caller
        forgets their fields, then deletes them)."""
        keep = max(self.shown, SPARE_ARTICLES)
        gone, self.articles = self.articles[keep:], self.articles[:keep]
        for box in gone:
            self.outer.removeWidget(box)
        return gone


def discard(widget: QWidget) -> None:
    """A box taken out of its layout: hidden now, deleted once back in the event loop."""
    widget.hide()
    widget.deleteLater()
