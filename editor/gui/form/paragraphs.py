"""An article's paragraphs: one text box, a blank line between paragraphs.

Each paragraph is body text or a subheading of level 1–4; the kind is kept on the
paragraph's lines (a block property of the text document, so every copy of the
text carries it), shown bold in the level's colour with the level in the left
margin, and switched with Ctrl+0 … Ctrl+4 or the context menu. The box has no
undo of its own (the window's history undoes a switch like any edit) and no
scroll bar of its own: it is as tall as its text.

While the cursor is in the box, the field's focus key is the paragraph entry under
it (``...paragraphs[3]``), so the window highlights that paragraph's source lines.

Characters OCR doubted are marked by paragraph entry (:meth:`ParagraphsField.set_entry_marks`),
as extra selections over the kinds' colours; a paragraph's marks show while its text is
the one they were set on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
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
from PySide6.QtWidgets import QMenu, QWidget

from editor.core.fieldpath import as_paragraph
from editor.core.model import HEADING_LEVELS, Paragraph, Subheading, paragraph_text
from editor.core.normalise import join_visual_lines
from editor.gui.form.field_base import (
    Field,
    GrowingTextEdit,
    Range,
    kept_marks,
    kept_positions,
    mark_selections,
    set_position,
)
from editor.gui.form.form_words import KIND_KEYS as KIND_KEYS
from editor.gui.form.form_words import KIND_LABELS as KIND_LABELS
from editor.gui.form.form_words import kind_label as kind_label

HEADING = int(QTextFormat.Property.UserProperty) + 1
"""The block property holding a paragraph's subheading level (absent for body text)."""

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
LEVEL_COLOURS = {1: "#9b1c1c", 2: "#1d4f91", 3: "#2d6a2d", 4: "#7a5512"}


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


def _lines(block: QTextBlock) -> list[str]:
    """A block's lines (a soft line break, Shift+Enter, splits it; offsets are kept)."""
    return block.text().replace("\u2028", "\n").replace("\xa0", " ").split("\n")


def group_text(group: list[QTextBlock]) -> str:
    return join_visual_lines([line for block in group for line in _lines(block)])


def group_position(group: list[QTextBlock], char: int) -> int:
    """The document position of character ``char`` of the paragraph's text as stored
    (:func:`group_text`: its lines trimmed and joined; a space between Latin words)."""
    joined = 0
    previous = ""
    end = group[0].position()
    for block in group:
        offset = 0
        for line in _lines(block):
            kept = line.strip()
            if kept:
                if previous[-1:].isascii() and previous[-1:].isalpha():
                    joined += 1 if kept[0].isascii() and kept[0].isalpha() else 0
                start = block.position() + offset + len(line) - len(line.lstrip())
                if char <= joined + len(kept):
                    return start + max(0, char - joined)
                joined += len(kept)
                previous = kept
                end = start + len(kept)
            offset += len(line) + 1
    return end


def set_levels(document: QTextDocument, changes: list[tuple[list[QTextBlock], int]]) -> None:
    """Give each paragraph's lines a kind, in one edit of the document."""
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


class ParagraphEdit(GrowingTextEdit):
    """The paragraphs box: Enter after a subheading starts body text; the context menu and
    ``kind_requested`` switch the kind of the paragraph under the cursor."""

    kind_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__(min_lines=6)
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
        if enter and plain and at_end and block_level(cursor.block()) and not self.isReadOnly():
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
            action.setEnabled(not self.isReadOnly())
            action.triggered.connect(lambda _checked=False, n=level: self.kind_requested.emit(n))

    def _paragraph_start(self, block: QTextBlock) -> QTextBlock:
        while block.previous().isValid() and not _blank(block) and not _blank(block.previous()):
            block = block.previous()
        return block

    def entry_at_cursor(self) -> int | None:
        """The index of the paragraph under the cursor (None on a blank line)."""
        here = self.textCursor().blockNumber()
        index, previous_blank = -1, True
        block = self.document().begin()
        while block.isValid():
            blank = _blank(block)
            if not blank and previous_blank:
                index += 1
            if block.blockNumber() == here:
                return None if blank else index
            previous_blank = blank
            block = block.next()
        return None


class ParagraphsField(Field):
    """Paragraphs edited as text, separated by empty lines; each body text or a subheading.

    ``kind_changed(path, value, level)`` instead of ``changed`` when the editor switches the
    kind of the paragraph under the cursor (so that step is undone on its own).
    """

    kind_changed = Signal(str, object, int)

    def __init__(self, path: str, label: str) -> None:
        edit = ParagraphEdit()
        edit.setTabChangesFocus(True)
        edit.setUndoRedoEnabled(False)  # the window's history is the only one
        edit.setPlaceholderText(QCoreApplication.translate("fields", PARAGRAPHS_HINT))
        super().__init__(path, label, edit)
        self.edit = edit
        self._switching: int | None = None
        self._focus_key = path
        self.entry_marks: dict[int, list[Range]] = {}
        self._marked_entries: dict[int, str] = {}  # the texts the marks were set on
        edit.textChanged.connect(self._emit)
        edit.kind_requested.connect(self.set_kind)
        edit.cursorPositionChanged.connect(self._cursor_moved)

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
            edit.set_text("\n\n".join(texts))
            set_position(edit, position)
            if not any(levels):
                return  # (a new text is all body text: no line to make a subheading)
            groups = paragraph_groups(document)
        set_levels(document, list(zip(groups, levels, strict=False)))

    def _emit(self) -> None:
        if self._switching is not None and not self._quiet:
            self.kind_changed.emit(self.path, self.value(), self._switching)
        else:
            super()._emit()

    def focus_key(self) -> str:
        """The paragraph entry under the cursor, or the whole field on a blank line."""
        index = self.edit.entry_at_cursor()
        self._focus_key = self.path if index is None else f"{self.path}[{index}]"
        return self._focus_key

    def _cursor_moved(self) -> None:
        before = self._focus_key
        if self.focus_key() != before and self.edit.hasFocus():
            self.focused.emit(self._focus_key)

    def context_menu(self, pos: QPoint) -> QMenu:
        if not self.edit.textCursor().hasSelection():
            self.edit.setTextCursor(self.edit.cursorForPosition(pos))
        menu = super().context_menu(pos)
        self.edit.add_kind_actions(menu)
        return menu

    def set_kind(self, level: int) -> None:
        """Make the paragraphs under the cursor (or the selection) body text (0) or subheadings
        of a level; asking for the level they already have makes them body text again."""
        if self.read_only:
            return
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

    def place_cursor(self, index: int, char: int = 0) -> None:
        """Put the cursor on a paragraph entry (as the parser counted them), at a character
        of its text as stored."""
        groups = paragraph_groups(self.edit.document())
        if 0 <= index < len(groups):
            set_position(self.edit, group_position(groups[index], char))

    def place_at(self, char: int) -> None:
        set_position(self.edit, char)

    def tooltip_lines(self) -> list[str]:
        return [*super().tooltip_lines(), QCoreApplication.translate("fields", PARAGRAPHS_HINT)]

    # --- marks, by paragraph entry -------------------------------------------------------------

    def _entries(self) -> list[list[QTextBlock]]:
        """The lines of each paragraph entry, as :meth:`value` counts them."""
        return [g for g in paragraph_groups(self.edit.document()) if group_text(g)]

    def text(self) -> str:
        """The paragraphs' texts as stored, a blank line between them."""
        return "\n\n".join(group_text(g) for g in self._entries())

    def set_marks(self, ranges: Sequence[Range]) -> None:
        """Mark characters of :meth:`text` (the paragraphs joined by a blank line)."""
        if not ranges and not self.entry_marks and not self._marks_shown:
            return
        marks: dict[int, list[Range]] = {}
        start = 0
        for index, group in enumerate(self._entries()):
            end = start + len(group_text(group))
            for a, b in ranges:
                if a < end and b > start:
                    marks.setdefault(index, []).append((max(a, start) - start, min(b, end) - start))
            start = end + 2
        self.set_entry_marks(marks)

    def set_entry_marks(self, marks: Mapping[int, Sequence[Range]]) -> None:
        """Mark characters of paragraph entries: entry index (as the parser counted them) ->
        ranges in that entry's text as stored (a subheading's words)."""
        if not any(marks.values()) and not self.entry_marks and not self._marks_shown:
            return  # (none set, none shown: no walk of the paragraphs)
        texts = [group_text(g) for g in self._entries()]
        self.entry_marks = {
            i: sorted(set(r)) for i, r in sorted(marks.items()) if r and 0 <= i < len(texts)
        }
        self._marked_entries = {i: texts[i] for i in self.entry_marks}
        offsets = [sum(len(t) + 2 for t in texts[:i]) for i in range(len(texts))]
        self.marks = [
            (a + offsets[i], b + offsets[i]) for i, r in self.entry_marks.items() for a, b in r
        ]
        self._marks_shown = True  # (shown now, or taken away below: either way, painted)
        self._repaint_marks()

    def marks_hold(self) -> bool:
        """Whether the marks of some paragraph still belong to its text."""
        return bool(self.mark_positions())

    def entry_positions(self, entry: int | None = None) -> list[Range]:
        """Where the marks of one entry (or all) stand in the box, in order; an entry whose
        text has changed since its marks were set shows none."""
        if not self.entry_marks:
            return []
        groups = self._entries()
        out: list[Range] = []
        for index, ranges in self.entry_marks.items():
            if (entry is not None and index != entry) or index >= len(groups):
                continue
            text = group_text(groups[index])
            if text == self._marked_entries.get(index):
                out.extend(kept_positions(groups[index], kept_marks(text, ranges)))
        return out

    def mark_positions(self) -> list[Range]:
        return self.entry_positions()

    def first_mark(self, entry: int | None = None) -> Range | None:
        """Where the first mark (of one entry, or of any) stands in the box."""
        positions = self.entry_positions(entry)
        return positions[0] if positions else None

    def select_first_mark(self, entry: int | None = None) -> bool:
        where = self.first_mark(entry)
        if where is None:
            return False
        self.select(*where)
        return True

    def _show_marks(self) -> None:
        mark_selections(self.edit, self.mark_positions())
