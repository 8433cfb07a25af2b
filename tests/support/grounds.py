"""What colour a field is painted on, as the screen shows it (not how it was asked for)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget


def ground(widget: QWidget) -> str:
    """The colour most of the widget's inside is painted in (its ground: the text and the
    frame are a few pixels), as ``#rrggbb``."""
    image = widget.grab().toImage()
    seen = Counter(
        image.pixelColor(x, y).name()
        for x in range(4, image.width() - 4, 2)
        for y in range(4, image.height() - 4, 2)
    )
    assert seen, "the widget is too small to have a ground"
    return seen.most_common(1)[0][0]


def plain_ground() -> str:
    """The ground of a field that has no state colour: the window's own text ground."""
    return QApplication.palette().color(QPalette.ColorRole.Base).name()
