"""The source pane: where a click falls (line and column), search hits counted and marked,
and a click on a paragraph's later line leading to that paragraph in the form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit
from support.corpus import CORPUS, needs_corpus

from editor.core.fieldpath import source_position, span_text
from editor.core.parsing import parse_text
from editor.gui.app import Desk
from editor.gui.form.fields import ParagraphsField
from editor.gui.source_panel import SourcePanel
from editor.gui.source_view import CURRENT_MATCH, HIGHLIGHT, MATCH, SourceView, find_words

SAMPLE = "000_3a00b907b06f9c52.txt"
SECOND = "sections[0].articles[0].paragraphs[1]"  # lines 13–26 of the sample


@pytest.fixture
def panel(qtbot: Any) -> SourcePanel:
    shown = SourcePanel()
    qtbot.addWidget(shown)
    shown.resize(520, 420)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def corpus_text() -> str:
    return (CORPUS / SAMPLE).read_text(encoding="utf-8")


def click_at(qtbot: Any, view: SourceView, line: int, column: int) -> None:
    """Click just right of the caret place before ``column`` of a 1-based line."""
    block = view.document().findBlockByNumber(line - 1)
    cursor = QTextCursor(block)
    prefix = block.text()[:column]
    cursor.setPosition(block.position() + len(prefix.encode("utf-16-le")) // 2)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 2, rect.center().y())
    )


def colours(view: SourceView) -> list[str]:
    return [s.format.background().color().name() for s in view.extraSelections()]


@needs_corpus
def test_a_click_says_its_line_and_column_and_lands_in_the_paragraph(
    qtbot: Any, panel: SourcePanel
) -> None:
    text = corpus_text()
    panel.show_source(text, None, {})
    lines = panel.lines()
    column = lines[23].index("高质量发展")
    with qtbot.waitSignal(panel.line_clicked) as clicked:
        click_at(qtbot, panel.source, 24, column)
    assert clicked.args == [24, column]
    parsed = parse_text(text)
    key, char = source_position(parsed, *clicked.args, lines) or ("", -1)
    assert key == SECOND
    assert (span_text(parsed, key) or "")[char:].startswith("高质量发展")


def test_a_column_counts_characters_beyond_the_basic_plane(qtbot: Any, panel: SourcePanel) -> None:
    panel.show_source("第一行\n𠀀𠀁甲乙丙\n", None, {})
    with qtbot.waitSignal(panel.line_clicked) as clicked:
        click_at(qtbot, panel.source, 2, 3)
    assert clicked.args == [2, 3]  # 乙: two characters of two UTF-16 units each before 甲


def test_a_drag_selection_is_not_a_click(qtbot: Any, panel: SourcePanel) -> None:
    panel.show_source("甲乙丙丁戊己庚辛\n", None, {})
    view = panel.source
    start = view.cursorRect(QTextCursor(view.document().firstBlock())).center()
    emitted: list[tuple[int, int]] = []
    panel.line_clicked.connect(lambda line, column: emitted.append((line, column)))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(60, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert view.textCursor().hasSelection()
    assert emitted == []


def test_search_words_are_found_across_line_breaks_and_in_any_case() -> None:
    text = "  四川省地方\n志工作。Sichuan\n\n   四川 省 GDP gdp\n"
    found, more = find_words(text, "四川省 gdp")
    assert not more
    # Each hit as its pieces (0-based line, first column, past the last); a space inside a
    # hit (the PDF's, between 四川 and 省) is skipped as the parser's joining drops it.
    assert found == [[(0, 2, 5)], [(3, 3, 7)], [(3, 8, 11)], [(3, 12, 15)]]
    across, _ = find_words(text, "地方志")
    assert across == [[(0, 5, 7), (1, 0, 1)]]
    assert find_words(text, "  ") == ([], False)


def test_show_matches_counts_marks_and_steps_through_the_hits(
    qtbot: Any, panel: SourcePanel
) -> None:
    lines = [f"第{n}行：普通的内容。" for n in range(1, 120)]
    lines[5] = "地方志工作简报"
    lines[60] = "这里也有地方"
    lines[61] = "志，还有 Sichuan 一词"
    lines[110] = "最后一处地方志。SICHUAN"
    panel.show_source("\n".join(lines), None, {})
    view = panel.source
    assert panel.match_bar.isHidden()
    panel.highlight([(3, 3)])  # a field's lines stay marked in their own colour
    assert panel.show_matches("地方志  sichuan") == 5
    assert panel.match_bar.isVisible()
    assert panel.match_label.text() == "第 1/5 处"
    assert HIGHLIGHT.name() in colours(view)
    assert colours(view).count(CURRENT_MATCH.name()) == 1
    assert colours(view).count(MATCH.name()) == 5  # the others; the one over a line break twice
    assert len({HIGHLIGHT.name(), MATCH.name(), CURRENT_MATCH.name()}) == 3
    assert view.textCursor().blockNumber() == 5  # the first hit, scrolled to

    def current_line() -> int:
        return view.textCursor().blockNumber()

    def visible() -> bool:
        return view.viewport().rect().intersects(view.cursorRect())

    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert panel.match_label.text() == "第 2/5 处"
    assert current_line() == 60
    assert visible()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert panel.match_label.text() == "第 3/5 处"
    assert current_line() == 61
    panel.next_match_button.click()
    panel.next_match_button.click()
    assert panel.match_label.text() == "第 5/5 处"
    assert current_line() == 110
    assert visible()
    qtbot.keyClick(view, Qt.Key.Key_F3)  # round to the first
    assert panel.match_label.text() == "第 1/5 处"
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert panel.match_label.text() == "第 5/5 处"
    panel.previous_match_button.click()
    assert panel.match_label.text() == "第 4/5 处"

    assert panel.show_matches("没有这个词") == 0
    assert panel.match_bar.isVisible()
    assert "没有找到" in panel.match_label.text()
    assert not panel.next_match_button.isEnabled()
    assert MATCH.name() not in colours(view)
    assert panel.show_matches("") == 0
    assert panel.match_bar.isHidden()
    assert colours(view) == [HIGHLIGHT.name()]


def test_a_field_highlight_does_not_move_the_view_off_the_clicked_line(
    qtbot: Any, panel: SourcePanel
) -> None:
    lines = [f"第{n}行" for n in range(1, 200)]
    panel.show_source("\n".join(lines), None, {})
    view = panel.source
    view.setTextCursor(QTextCursor(view.document().findBlockByNumber(149)))
    view.centerCursor()
    top = view.firstVisibleBlock().blockNumber()
    panel.highlight([(10, 12), (140, 170)])  # the whole field: the clicked line is in it
    assert view.textCursor().blockNumber() == 149
    assert view.firstVisibleBlock().blockNumber() == top
    panel.highlight([(20, 22)])  # another field: shown
    assert view.textCursor().blockNumber() == 19
    assert view.firstVisibleBlock().blockNumber() < 20
    assert isinstance(view.extraSelections()[0], QTextEdit.ExtraSelection)


@needs_corpus
def test_clicking_a_later_line_of_a_paragraph_puts_the_cursor_there(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    """Issue 16: a click on line 24 (in the second paragraph, lines 13–26) puts the form's
    cursor on the clicked character of that paragraph, highlights just that paragraph's
    lines, and the source stays where it was clicked (not the start of 正文, line 9)."""
    desk = make_desk()
    window = desk.window
    (desk.watcher.folder / SAMPLE).write_text(corpus_text(), encoding="utf-8")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=15_000)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.record is not None)
    paragraphs = window.form.fields["sections[0].articles[0].paragraphs"]
    assert isinstance(paragraphs, ParagraphsField)
    lines = window.source_panel.lines()
    column = lines[23].index("高质量发展")
    click_at(qtbot, window.source, 24, column)
    qtbot.waitUntil(lambda: window.focusWidget() is paragraphs.widget)
    cursor = paragraphs.edit.textCursor()
    after = cursor.block().text()[cursor.positionInBlock() :]
    # The character, not an estimate: the window gives source_position the source lines.
    assert after.startswith("高质量发展"), after[:12]
    qtbot.waitUntil(lambda: window.source.highlighted == [(13, 26)])
    assert window.source.textCursor().blockNumber() == 23
    assert window.source.viewport().rect().intersects(window.source.cursorRect())


def test_search_in_the_queue_marks_the_open_bulletins_source(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    desk = make_desk()
    window = desk.window
    body = "    5月16日，省地方志办召开年鉴编纂工作推进会。会议要求，提高年鉴编纂质量。"
    heads = ["四川省地方志工作简报", "", "【工作动态】", "", "省地方志办召开年鉴编纂工作推进会"]
    text = "\n".join([*heads, "", body, "", "（省地方志办）"])
    (desk.watcher.folder / "第9期.txt").write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=15_000)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.record is not None)
    panel = window.source_panel
    window.search.setText("年鉴编纂")
    qtbot.waitUntil(lambda: panel.match_label.text() == "第 1/3 处", timeout=10_000)
    assert panel.match_bar.isVisible()
    window.search.clear()
    qtbot.waitUntil(panel.match_bar.isHidden, timeout=10_000)
