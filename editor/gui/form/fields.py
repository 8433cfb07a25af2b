"""One editor per bulletin field, each knowing its path, its value and its state.

A field shows its state by colour, with a tooltip that says why: parsed (as
the parser read it), doubtful (a parser warning or an inferred value),
invalid (fails validation), edited (changed by the editor).

An article's paragraphs are one text box, a blank line between paragraphs. Each
paragraph is body text or a subheading of level 1–4; the kind is kept on the
paragraph's lines (a block property of the text document, so the box's own undo
and every copy of the text carry it), shown bold in the level's colour with the
level in the left margin, and switched with Ctrl+0 … Ctrl+4 or the context menu.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QWidget

from editor.core.fieldpath import as_paragraph
from editor.core.model import HEADING_LEVELS, Paragraph, Subheading, paragraph_text
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


HEADING = int(QTextFormat.Property.UserProperty) + 1
"""The block property holding a paragraph's subheading level (absent for body text)."""

KIND_LABELS = {
    0: str(QT_TRANSLATE_NOOP("fields", "正文")),
    1: str(QT_TRANSLATE_NOOP("fields", "小标题一级")),
    2: str(QT_TRANSLATE_NOOP("fields", "小标题二级")),
    3: str(QT_TRANSLATE_NOOP("fields", "小标题三级")),
    4: str(QT_TRANSLATE_NOOP("fields", "小标题四级")),
}
MARGIN_LABELS = {
    1: str(QT_TRANSLATE_NOOP("fields", "一级")),
    2: str(QT_TRANSLATE_NOOP("fields", "二级")),
    3: str(QT_TRANSLATE_NOOP("fields", "三级")),
    4: str(QT_TRANSLATE_NOOP("fields", "四级")),
}
PARAGRAPHS_HINT = str(
    QT_TRANSLATE_NOOP(
        "fields", "段落之间空一行；Ctrl+1～4 把光标所在段设为一至四级小标题，Ctrl+0 改回正文"
    )
)
KIND_KEYS = {level: f"Ctrl+{level}" for level in (0, *HEADING_LEVELS)}
LEVEL_COLOURS = {1: "#9b1c1c", 2: "#1d4f91", 3: "#2d6a2d", 4: "#7a5512"}


def kind_label(level: int) -> str:
    return QCoreApplication.translate("fields", KIND_LABELS[level])


def block_level(block: QTextBlock) -> int:
    value = block.blockFormat().property(HEADING)
    return value if isinstance(value, int) and value in HEADING_LEVELS else 0


def _blank(block: QTextBlock) -> bool:
    return not block.text().strip()


def paragraph_groups(document: QTextDocument) -> list[list[QTextBlock]]:
    """The lines (blocks) of each paragraph: runs of non-blank lines between blank ones."""
    groups: list[list[QTextBlock]] = []
    current: list[QTextBlock] = []
    block = document.begin()
    while block.isValid():
        if _blank(block):
            if current:
                groups.append(current)
            current = []
        else:
            current.append(block)
        block = block.next()
    if current:
        groups.append(current)
    return groups


def group_text(group: list[QTextBlock]) -> str:
    lines = [
        line
        for block in group
        for line in block.text().replace("\u2028", "\n").replace("\xa0", " ").split("\n")
    ]
    return join_visual_lines(lines)


def set_levels(document: QTextDocument, changes: list[tuple[list[QTextBlock], int]]) -> None:
    """Give each paragraph's lines a kind, as one step of the document's own undo."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        for group, level in changes:
            for block in group:
                if block_level(block) == level:
                    continue
                fmt = block.blockFormat()
                if level:
                    fmt.setProperty(HEADING, level)
                else:
                    fmt.clearProperty(HEADING)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
    finally:
        cursor.endEditBlock()


class _KindHighlighter(QSyntaxHighlighter):
    """Subheadings bold in their level's colour; a block's state is 0 for a blank line,
    else 1 + the level of the paragraph it belongs to (its first line decides)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.formats: dict[int, QTextCharFormat] = {}
        for level, colour in LEVEL_COLOURS.items():
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setForeground(QColor(colour))
            self.formats[level] = fmt

    def highlightBlock(self, text: str) -> None:
        if not text.strip():
            self.setCurrentBlockState(0)
            return
        previous = self.previousBlockState()
        level = block_level(self.currentBlock()) if previous <= 0 else previous - 1
        self.setCurrentBlockState(level + 1)
        if level:
            self.setFormat(0, len(text), self.formats[level])


class _KindMargin(QWidget):
    """The left margin of the paragraphs box: each subheading's level beside its first line."""

    def __init__(self, edit: ParagraphEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def paintEvent(self, event: QPaintEvent) -> None:
        self.edit.paint_margin(self, event)


class ParagraphEdit(QPlainTextEdit):
    """The paragraphs box: Enter after a subheading starts body text; the context menu and
    ``kind_requested`` switch the kind of the paragraph under the cursor."""

    kind_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.highlighter = _KindHighlighter(self.document())
        self.gutter = _KindMargin(self)
        self.updateRequest.connect(self._update_margin)
        self.setViewportMargins(self.margin_width(), 0, 0, 0)

    def margin_width(self) -> int:
        widest = max(
            self.fontMetrics().horizontalAdvance(QCoreApplication.translate("fields", label))
            for label in MARGIN_LABELS.values()
        )
        return widest + 10

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.gutter.setGeometry(QRect(rect.left(), rect.top(), self.margin_width(), rect.height()))

    def _update_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def heading_starts(self) -> list[tuple[QTextBlock, int]]:
        """The first line of each subheading and its level, as the box shows them."""
        return [
            (group[0], block_level(group[0]))
            for group in paragraph_groups(self.document())
            if block_level(group[0])
        ]

    def paint_margin(self, margin: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(margin)
        painter.fillRect(event.rect(), self.palette().alternateBase())
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        previous_blank = not block.previous().isValid() or _blank(block.previous())
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            blank = _blank(block)
            level = block_level(block)
            if level and not blank and previous_blank and block.isVisible():
                painter.setPen(QColor(LEVEL_COLOURS[level]))
                painter.drawText(
                    QRect(0, int(top), margin.width() - 4, height),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    QCoreApplication.translate("fields", MARGIN_LABELS[level]),
                )
            previous_blank = blank
            top += self.blockBoundingRect(block).height()
            block = block.next()
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        cursor = self.textCursor()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        # After a subheading comes body text: Enter at its end starts a body line.
        at_end = not cursor.hasSelection() and cursor.atBlockEnd()
        if enter and plain and at_end and block_level(cursor.block()):
            fmt = cursor.blockFormat()
            fmt.clearProperty(HEADING)
            cursor.insertBlock(fmt)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)

    def add_kind_actions(self, menu: QMenu) -> None:
        """The paragraph kinds, the current one checked, each with its key."""
        menu.addSection(QCoreApplication.translate("fields", "段落类型"))
        current = block_level(self._paragraph_start(self.textCursor().block()))
        for level in KIND_LABELS:
            action = menu.addAction(f"{kind_label(level)}\t{KIND_KEYS[level]}")
            action.setCheckable(True)
            action.setChecked(level == current)
            action.triggered.connect(lambda _checked=False, n=level: self.kind_requested.emit(n))

    def _paragraph_start(self, block: QTextBlock) -> QTextBlock:
        while block.previous().isValid() and not _blank(block) and not _blank(block.previous()):
            block = block.previous()
        return block

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(event.pos()))
        menu = self.createStandardContextMenu(event.pos())
        self.add_kind_actions(menu)
        menu.exec(event.globalPos())
        menu.deleteLater()


class ParagraphsField(Field):
    """Paragraphs edited as text, separated by empty lines; each body text or a subheading.

    ``kind_changed(path, value, level)`` instead of ``changed`` when the editor switches the
    kind of the paragraph under the cursor (so that step is undone on its own).
    """

    kind_changed = Signal(str, object, int)

    def __init__(self, path: str, label: str) -> None:
        edit = ParagraphEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(220)
        edit.setPlaceholderText(QCoreApplication.translate("fields", PARAGRAPHS_HINT))
        super().__init__(path, label, edit)
        self.edit = edit
        self._switching: int | None = None
        edit.textChanged.connect(self._emit)
        edit.kind_requested.connect(self.set_kind)

    def value(self) -> Any:
        out: list[Paragraph] = []
        for group in paragraph_groups(self.edit.document()):
            text = group_text(group)
            if text:
                level = block_level(group[0])
                out.append(Subheading(level, text) if level else text)
        return out

    def _show(self, value: Any) -> None:
        entries = [as_paragraph(p) for p in value or []]
        texts = [paragraph_text(p) for p in entries]
        levels = [0 if isinstance(p, str) else p.heading for p in entries]
        edit, document = self.edit, self.edit.document()
        groups = paragraph_groups(document)
        if [group_text(g) for g in groups] != texts:  # new words: a new text, cursor kept
            position = edit.textCursor().position()
            scroll = edit.verticalScrollBar().value()
            edit.setPlainText("\n\n".join(texts))
            cursor = edit.textCursor()
            cursor.setPosition(min(position, document.characterCount() - 1))
            edit.setTextCursor(cursor)
            edit.verticalScrollBar().setValue(scroll)
            groups = paragraph_groups(document)
        document.setUndoRedoEnabled(False)  # a value shown is not the box's own edit
        try:
            set_levels(document, list(zip(groups, levels, strict=False)))
        finally:
            document.setUndoRedoEnabled(True)

    def _emit(self) -> None:
        if self._switching is not None and not self._quiet:
            self.kind_changed.emit(self.path, self.value(), self._switching)
        else:
            super()._emit()

    def set_kind(self, level: int) -> None:
        """Make the paragraphs under the cursor (or the selection) body text (0) or subheadings
        of a level; asking for the level they already have makes them body text again."""
        document = self.edit.document()
        cursor = self.edit.textCursor()
        first = document.findBlock(cursor.selectionStart()).blockNumber()
        last = document.findBlock(cursor.selectionEnd()).blockNumber()
        touched = [
            g
            for g in paragraph_groups(document)
            if g[0].blockNumber() <= last and g[-1].blockNumber() >= first
        ]
        if not touched:  # a blank line: what is typed there starts as this kind
            touched = [[document.findBlockByNumber(first)]]
        if level and all(block_level(g[0]) == level for g in touched):
            level = 0
        self._switching = level
        try:
            set_levels(document, [(g, level) for g in touched])
        finally:
            self._switching = None
        self.edit.gutter.update()

    def place_cursor(self, index: int) -> None:
        """Put the cursor at the start of a paragraph entry (as the parser counted them)."""
        groups = paragraph_groups(self.edit.document())
        if 0 <= index < len(groups):
            cursor = self.edit.textCursor()
            cursor.setPosition(groups[index][0].position())
            self.edit.setTextCursor(cursor)
            self.edit.ensureCursorVisible()

    def set_state(self, state: str, reasons: list[str]) -> None:
        super().set_state(state, reasons)
        hint = QCoreApplication.translate("fields", PARAGRAPHS_HINT)
        self.widget.setToolTip(self.widget.toolTip() + "\n" + hint)
