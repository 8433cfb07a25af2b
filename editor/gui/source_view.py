"""The original text as decoded: read-only, with line numbers, lines highlightable and
clickable, the words of a search and the characters OCR doubted marked where they stand."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from editor.gui.form.mark_style import mark_format

HIGHLIGHT = QColor("#fff3b0")  # the lines the focused field came from
MATCH = QColor("#bfe0ff")  # a search hit
CURRENT_MATCH = QColor("#ff9f43")  # the hit F3 went to
MAX_MATCHES = 5000  # more are counted as "5000+" and not marked

Piece = tuple[int, int, int]  # 0-based line, first and past-last column (Python characters)


def _fold(char: str) -> str:
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _skipped(char: str) -> bool:
    return char.isspace() or char == "\u200b"


def find_words(text: str, query: str) -> tuple[list[list[Piece]], bool]:
    """Where each word of the query (split at spaces) stands in the text, in text order,
    ignoring case; a word may run over a line break or the spaces a PDF put between
    Chinese and Latin text, as the parser's joining would. Each hit is its pieces, one
    per line; the flag says there were more than :data:`MAX_MATCHES`."""
    words = {"".join(_fold(c) for c in word if not _skipped(c)) for word in query.split()}
    words.discard("")
    if not words:
        return [], False
    folded: list[str] = []
    where: list[tuple[int, int]] = []
    for number, line in enumerate(text.split("\n")):
        for column, char in enumerate(line):
            if not _skipped(char):
                folded.append(_fold(char))
                where.append((number, column))
    haystack = "".join(folded)
    hits: set[tuple[int, int]] = set()
    for word in words:
        start = haystack.find(word)
        while start >= 0 and len(hits) <= MAX_MATCHES:
            hits.add((start, start + len(word)))
            start = haystack.find(word, start + 1)
    more = len(hits) > MAX_MATCHES
    found: list[list[Piece]] = []
    for start, end in sorted(hits)[:MAX_MATCHES]:
        pieces: list[Piece] = []
        for number, column in where[start:end]:
            if pieces and pieces[-1][0] == number:
                pieces[-1] = (number, pieces[-1][1], column + 1)
            else:
                pieces.append((number, column, column + 1))
        found.append(pieces)
    return found, more


def utf16_column(line: str, column: int) -> int:
    """Qt's position in a line (UTF-16 units) of a Python column."""
    return column + sum(1 for char in line[:column] if ord(char) > 0xFFFF)


def python_column(line: str, position: int) -> int:
    """The Python column of Qt's position in a line (UTF-16 units)."""
    units = 0
    for column, char in enumerate(line):
        if units >= position:
            return column
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line)


class _Gutter(QWidget):
    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.view.paint_gutter(event)


class SourceView(QPlainTextEdit):
    """``line_clicked(line, column)`` says where the user clicked: the 1-based line and
    the 0-based column (in Python characters) of the character after the caret."""

    line_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setObjectName("sourceView")
        self._gutter = _Gutter(self)
        self.highlighted: list[tuple[int, int]] = []
        self.matches: list[list[Piece]] = []
        self.current_match = -1
        self._line_selections: list[QTextEdit.ExtraSelection] = []
        self.doubts: dict[int, tuple[int, ...]] = {}
        self._doubt_selections: list[QTextEdit.ExtraSelection] = []
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._update_gutter)
        self._update_margins()

    # --- content -------------------------------------------------------------------------

    def show_text(self, text: str) -> None:
        self.setPlainText(text)
        self.highlighted = []
        self.matches, self.current_match = [], -1
        self._line_selections = []
        self.doubts, self._doubt_selections = {}, []
        self.setExtraSelections([])

    def show_doubts(self, doubts: dict[int, tuple[int, ...]]) -> None:
        """Mark the characters OCR was unsure of: 1-based line -> 0-based columns (Python
        characters), as :func:`editor.core.doubt_marks.source_marks` gives them; the view
        does not move. Set after :meth:`show_text`, which clears them."""
        self.doubts = {line: tuple(columns) for line, columns in doubts.items()}
        selections = []
        for line, columns in sorted(self.doubts.items()):
            for column in sorted(set(columns)):
                cursor = self._cursor(line - 1, column, column + 1)
                if cursor is None or not cursor.hasSelection():
                    continue
                selection = QTextEdit.ExtraSelection()
                selection.format = mark_format()
                selection.cursor = cursor
                selections.append(selection)
        self._doubt_selections = selections
        self._apply_selections()

    def highlight_lines(self, spans: list[tuple[int, int]]) -> None:
        """Mark the lines a field came from and bring them into view.

        Where the caret already stands on one of them (the user clicked there, and
        the form's field answered), the view stays where it is.
        """
        self.highlighted = list(spans)
        selections = []
        document = self.document()
        for first, last in spans:
            for number in range(first, last + 1):
                block = document.findBlockByNumber(number - 1)
                if not block.isValid():
                    continue
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(HIGHLIGHT)
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
        self._line_selections = selections
        self._apply_selections()
        self._gutter.update()
        caret = self.textCursor().blockNumber() + 1
        seen = self.viewport().rect().intersects(self.cursorRect())
        if not spans or (seen and any(first <= caret <= last for first, last in spans)):
            return
        block = document.findBlockByNumber(spans[0][0] - 1)
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self.centerCursor()

    def show_matches(self, matches: list[list[Piece]], current: int) -> None:
        """Mark search hits (from :func:`find_words`); the ``current`` one stands out
        and is scrolled into view."""
        self.matches = matches
        self.current_match = current if 0 <= current < len(matches) else -1
        self._apply_selections()
        if self.current_match >= 0:
            line, column, _end = matches[self.current_match][0]
            cursor = self._cursor(line, column)
            if cursor is not None:
                self.setTextCursor(cursor)
                self.centerCursor()

    def _cursor(self, line: int, column: int, end: int | None = None) -> QTextCursor | None:
        block = self.document().findBlockByNumber(line)
        if not block.isValid():
            return None
        text = block.text()
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + utf16_column(text, min(column, len(text))))
        if end is not None:
            cursor.setPosition(
                block.position() + utf16_column(text, min(end, len(text))),
                QTextCursor.MoveMode.KeepAnchor,
            )
        return cursor

    def _apply_selections(self) -> None:
        selections = self._line_selections + self._doubt_selections
        for index, pieces in enumerate(self.matches):
            colour = CURRENT_MATCH if index == self.current_match else MATCH
            for line, column, end in pieces:
                cursor = self._cursor(line, column, end)
                if cursor is None:
                    continue
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(colour)
                selection.cursor = cursor
                selections.append(selection)
        self.setExtraSelections(selections)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            cursor = self.cursorForPosition(event.position().toPoint())
            column = python_column(cursor.block().text(), cursor.positionInBlock())
            self.line_clicked.emit(cursor.blockNumber() + 1, column)

    # --- the line-number gutter ----------------------------------------------------------

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margins(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor("#f2f2f2"))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        marked = {n for a, b in self.highlighted for n in range(a, b + 1)}
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                painter.setPen(QColor("#b00000") if number + 1 in marked else QColor("#888888"))
                painter.drawText(
                    0,
                    top,
                    self._gutter.width() - 5,
                    height,
                    Qt.AlignmentFlag.AlignRight,
                    str(number + 1),
                )
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1
        painter.end()
