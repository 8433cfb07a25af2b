"""How a character OCR doubted looks, in a field and in the source alike.

Apart from the fields (QtGui only): the source pane marks the same characters, and it is
on the screen from the first paint, before any field is made.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextFormat

MARK_GROUND = "#ffc48a"  # a character OCR doubted: orange, unlike the yellow doubtful field
MARK_LINE = "#d62000"
MARK = int(QTextFormat.Property.UserProperty) + 7
"""A property of the marks' format, telling them from a widget's other extra selections."""


def mark_format() -> QTextCharFormat:
    """How a doubted character looks: an orange ground and a wavy red underline."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(MARK_GROUND))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(MARK_LINE))
    fmt.setProperty(MARK, True)
    return fmt
