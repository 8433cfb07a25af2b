"""The source pane: the decoded text (原文) and, for a PDF, the page itself (原页面).

Above them, while the queue's search names words, a small bar counts where they
stand in this source (第 2/5 处) and steps through them: F3 / Shift+F3 anywhere in
the pane, Enter / Shift+Enter in the text, or the bar's buttons.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QToolButton, QVBoxLayout, QWidget

from editor.gui.source_view import MAX_MATCHES, Piece, SourceView, find_words

if TYPE_CHECKING:  # the page's code loads with the first PDF (or the tab's first look)
    from editor.gui.page_view import Box, PageView


class SourcePanel(QWidget):
    """Shows where a field came from and where the searched words are; says where in
    the source text the user clicked (``line_clicked(line, column)``: 1-based line,
    0-based column)."""

    line_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = SourceView()
        self.source.line_clicked.connect(self.line_clicked)
        self._page_view: PageView | None = None
        self.page_holder = QWidget()  # the page goes in here when first needed
        QVBoxLayout(self.page_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.source, self.tr("原文"))
        self.tabs.addTab(self.page_holder, self.tr("原页面（PDF）"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.boxes: dict[int, Box] = {}
        self._lines: list[str] | None = None  # the text's lines, once asked for
        self.query = ""
        self.matches: list[list[Piece]] = []
        self.current = -1
        self._more = False

        self.match_label = QLabel("")
        self.match_label.setObjectName("sourceMatchCount")
        self.previous_match_button = QToolButton()
        self.previous_match_button.setText(self.tr("上一处"))
        self.previous_match_button.setToolTip(self.tr("上一处（Shift+F3）"))
        self.previous_match_button.clicked.connect(self.previous_match)
        self.next_match_button = QToolButton()
        self.next_match_button.setText(self.tr("下一处"))
        self.next_match_button.setToolTip(self.tr("下一处（F3；在原文中也可按 Enter）"))
        self.next_match_button.clicked.connect(self.next_match)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.match_label)
        bar.addStretch(1)
        bar.addWidget(self.previous_match_button)
        bar.addWidget(self.next_match_button)
        self.match_bar = QWidget()
        self.match_bar.setObjectName("sourceMatchBar")
        self.match_bar.setLayout(bar)
        self.match_bar.hide()

        for key, step in (("F3", 1), ("Shift+F3", -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_match(step))
        for key, step in (("Return", 1), ("Enter", 1), ("Shift+Return", -1), ("Shift+Enter", -1)):
            shortcut = QShortcut(QKeySequence(key), self.source)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.step_match(step))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.match_bar)
        layout.addWidget(self.tabs)

    @property
    def page_view(self) -> PageView:
        """The PDF page, made the first time a PDF is shown or its tab is looked at (most
        bulletins are text: the desk starts without the page's code)."""
        if self._page_view is None:
            from editor.gui.page_view import PageView

            self._page_view = PageView()
            layout = self.page_holder.layout()
            assert layout is not None
            layout.addWidget(self._page_view)
        return self._page_view

    def _tab_shown(self, index: int) -> None:
        if index == 1:
            self.page_view  # noqa: B018  (made now: the tab shows it)

    def show_source(self, text: str, pdf: Path | bytes | None, boxes: dict[int, Box]) -> None:
        """A new bulletin: its text, and its pages when the original is a PDF with positions
        (or a scan, whose pages show while it waits to be read)."""
        self.source.show_text(text)
        self._lines = None
        self.boxes = boxes
        is_pdf = pdf is not None
        if is_pdf or self._page_view is not None:
            self.page_view.show_pdf(pdf if is_pdf else None)
        self.tabs.setTabEnabled(1, is_pdf)
        self.tabs.setCurrentIndex(1 if is_pdf else 0)
        self.query, self.matches, self.current, self._more = "", [], -1, False
        self._update_bar()

    def highlight(self, spans: list[tuple[int, int]]) -> None:
        """Mark the lines (and on the page, the boxes) a field came from."""
        self.source.highlight_lines(spans)
        if self.boxes:
            boxes = [self.boxes[n] for a, b in spans for n in range(a, b + 1) if n in self.boxes]
            if boxes:
                self.page_view.show_boxes(boxes)

    def lines(self) -> list[str]:
        """The source's lines as shown (asked for by every check of the form: read once)."""
        if self._lines is None:
            self._lines = self.source.toPlainText().split("\n")
        return list(self._lines)

    # --- search hits ---------------------------------------------------------------------

    def show_matches(self, query: str) -> int:
        """Mark every place the query's words stand (each word, any case), go to the
        first, and say how many there are; an empty query clears them."""
        self.query = " ".join(query.split())
        if self.query:
            self.matches, self._more = find_words(self.source.toPlainText(), self.query)
        else:
            self.matches, self._more = [], False
        self.current = 0 if self.matches else -1
        self._show_current()
        return len(self.matches)

    def next_match(self) -> None:
        self.step_match(1)

    def previous_match(self) -> None:
        self.step_match(-1)

    def step_match(self, step: int) -> None:
        """Go to the next (1) or previous (-1) hit, round from the last to the first."""
        if self.matches:
            self.current = (self.current + step) % len(self.matches)
            self._show_current()

    def _show_current(self) -> None:
        self.source.show_matches(self.matches, self.current)
        if self.boxes:
            lines = [[line + 1 for line, _a, _b in pieces] for pieces in self.matches]
            marks = [self.boxes[n] for hit in lines for n in hit if n in self.boxes]
            current = lines[self.current] if self.current >= 0 else []
            self.page_view.show_marks(marks, [self.boxes[n] for n in current if n in self.boxes])
        self._update_bar()

    def _update_bar(self) -> None:
        self.match_bar.setVisible(bool(self.query))
        many = len(self.matches) > 1
        self.previous_match_button.setEnabled(many)
        self.next_match_button.setEnabled(many)
        if not self.matches:
            self.match_label.setText(self.tr("原文中没有找到“{0}”").format(self.query))
        elif self._more:
            self.match_label.setText(
                self.tr("第 {0}/{1}+ 处").format(self.current + 1, MAX_MATCHES)
            )
        else:
            self.match_label.setText(
                self.tr("第 {0}/{1} 处").format(self.current + 1, len(self.matches))
            )
        self.match_label.setToolTip(self.tr("检索：{0}").format(self.query))
