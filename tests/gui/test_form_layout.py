"""The form as it reads: read-only yet black and copyable, one scroll area however long the
article, the cursor put where a path and a character say, number fields that refuse words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from support.desk import fixture_data as fixture
from support.desk import open_data
from support.grounds import ground

from editor.core.fieldpath import spans_for
from editor.core.model import Bulletin
from editor.gui.app import Desk
from editor.gui.form.bulletin_form import BulletinForm
from editor.gui.form.fields import (
    INVALID,
    READ_ONLY_COLOUR,
    STATE_COLOURS,
    GrowingTextEdit,
    ParagraphsField,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
PARAGRAPHS = "sections[0].articles[0].paragraphs"


def loaded_form(qtbot: Any) -> BulletinForm:
    form = BulletinForm()
    qtbot.addWidget(form)
    bulletin = Bulletin.from_dict(fixture())
    form.load(bulletin, bulletin)
    form.resize(640, 720)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


def darkest(widget: QWidget) -> int:
    """The lightness of the darkest pixel inside the widget's frame: its text."""
    image = widget.grab().toImage()
    return min(
        image.pixelColor(x, y).lightness()
        for x in range(4, image.width() - 4)
        for y in range(4, image.height() - 4)
    )


# --- read-only -----------------------------------------------------------------------------


def test_a_read_only_form_stays_black_and_copyable_and_refuses_every_change(qtbot: Any) -> None:
    form = loaded_form(qtbot)
    issuer = form.fields["masthead.issuer"].widget
    paragraphs = form.fields[PARAGRAPHS]
    assert isinstance(issuer, QLineEdit)
    assert isinstance(paragraphs, ParagraphsField)
    text_colour = issuer.palette().color(QPalette.ColorRole.Text)
    ink = darkest(issuer)
    assert not form.read_only

    form.set_read_only(True)
    assert form.read_only
    for field in form.fields.values():
        widget = field.widget
        assert isinstance(widget, QLineEdit | QPlainTextEdit)
        assert widget.isReadOnly()
        assert widget.isEnabled()
        assert widget.palette().color(QPalette.ColorRole.Text) == text_colour
        assert ground(widget) == READ_ONLY_COLOUR
        assert widget.toolTip().startswith("只读：重新打开后才能修改")
    assert darkest(issuer) == ink  # the same black text, not the faint grey of a disabled box
    note = form.findChild(QWidget, "readOnlyNote")
    assert note is not None
    assert note.isVisible()
    buttons = form.findChildren(QPushButton)
    assert {b.text() for b in buttons} >= {"添加栏目", "添加文章", "上移", "下移", "删除文章"}
    assert not any(b.isEnabled() for b in buttons)
    assert not any(a.isEnabled() for a in form.kind_actions)

    issuer.selectAll()  # selectable and copyable
    issuer.copy()
    assert QApplication.clipboard().text() == "四川省地方志工作办公室"
    with qtbot.assertNotEmitted(form.edited), qtbot.assertNotEmitted(form.kind_edited):
        issuer.setFocus()
        qtbot.waitUntil(issuer.hasFocus)
        qtbot.keyClicks(issuer, "abc")
        qtbot.keyClick(issuer, Qt.Key.Key_Backspace)
        before = paragraphs.edit.toPlainText()
        paragraphs.edit.setFocus()
        qtbot.waitUntil(paragraphs.edit.hasFocus)
        paragraphs.place_cursor(1)
        qtbot.keyClicks(paragraphs.edit, "abc")
        qtbot.keyClick(paragraphs.edit, Qt.Key.Key_Return)
        assert not form.set_kind_at_focus(2)
        paragraphs.set_kind(2)
    assert issuer.text() == "四川省地方志工作办公室"
    assert paragraphs.edit.toPlainText() == before
    assert paragraphs.edit.heading_starts() == []


def test_read_only_is_kept_when_the_form_loads_again(qtbot: Any) -> None:
    form = loaded_form(qtbot)
    form.set_read_only(True)
    bulletin = Bulletin.from_dict(fixture())
    form.load(bulletin, bulletin)
    assert form.read_only
    assert all(f.widget.isReadOnly() for f in form.fields.values())  # type: ignore[attr-defined]
    assert not any(b.isEnabled() for b in form.findChildren(QPushButton))
    form.load(bulletin, bulletin, read_only=False)
    assert not form.read_only
    assert not any(f.widget.isReadOnly() for f in form.fields.values())  # type: ignore[attr-defined]
    assert all(b.isEnabled() for b in form.findChildren(QPushButton))
    assert all(a.isEnabled() for a in form.kind_actions)
    assert not form.fields["masthead.issuer"].widget.toolTip().startswith("只读")


# --- one scroll area -----------------------------------------------------------------------


def test_a_long_article_grows_the_form_which_alone_scrolls_at_1280_by_720(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    data = fixture()
    article = data["sections"][0]["articles"][0]
    article["paragraphs"] = [
        f"第{n + 1}段。" + text for n in range(6) for text in article["paragraphs"]
    ]
    assert len(article["paragraphs"]) == 36
    desk = make_desk()
    window = desk.window
    window.resize(1280, 720)
    open_data(qtbot, desk, data)
    form = window.form
    field = form.fields[PARAGRAPHS]
    assert isinstance(field, ParagraphsField)
    assert len(field.value()) >= 30  # as the parser reads it back
    edit = field.edit

    def grown() -> bool:
        return edit.height() >= edit.text_height() and edit.verticalScrollBar().maximum() == 0

    def form_holds_it() -> bool:
        return form.verticalScrollBar().maximum() + form.viewport().height() > edit.height()

    qtbot.waitUntil(lambda: grown() and form_holds_it())
    assert edit.text_height() > form.viewport().height()  # taller than what the form shows
    assert not edit.verticalScrollBar().isVisible()
    boxes = [b for b in form.findChildren(QAbstractScrollArea) if b is not form]
    assert boxes
    assert all(isinstance(b, GrowingTextEdit) for b in boxes)
    assert all(b.verticalScrollBar().maximum() == 0 for b in boxes)

    def cursor_in_view() -> bool:
        rect = edit.cursorRect()
        top_left = edit.viewport().mapTo(form.viewport(), rect.topLeft())
        return form.viewport().rect().contains(QRect(top_left, rect.size()))

    # The cursor sent to the 30th paragraph: the form scrolls there, the box does not.
    assert form.focus_path(f"{PARAGRAPHS}[29]", 3)
    qtbot.waitUntil(cursor_in_view)
    assert edit.verticalScrollBar().value() == 0
    assert form.verticalScrollBar().value() > 0
    # Typing new lines at the end grows the box and the form follows the cursor.
    edit.moveCursor(QTextCursor.MoveOperation.End)
    height = edit.height()
    with qtbot.waitSignal(window.saved, timeout=5_000):
        for _ in range(6):
            qtbot.keyClick(edit, Qt.Key.Key_Return)
            qtbot.keyClicks(edit, "New")
    qtbot.waitUntil(lambda: grown() and form_holds_it() and edit.height() > height)
    qtbot.waitUntil(cursor_in_view)
    assert edit.verticalScrollBar().value() == 0


# --- the cursor where a path and a character say -------------------------------------------


def test_focus_path_puts_the_cursor_at_a_character_of_a_paragraph_or_a_field(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    data = fixture()
    desk = make_desk()
    open_data(qtbot, desk, data)
    form = desk.window.form
    field = form.fields[PARAGRAPHS]
    assert isinstance(field, ParagraphsField)
    edit = field.edit
    text = data["sections"][0]["articles"][0]["paragraphs"][3]

    with qtbot.waitSignal(form.field_focused) as focused:
        assert form.focus_path(f"{PARAGRAPHS}[3]", 7)
    assert focused.args == [f"{PARAGRAPHS}[3]"]
    assert desk.window.focusWidget() is edit
    cursor = edit.textCursor()
    assert edit.document().characterAt(cursor.position()) == text[7]
    assert cursor.block().text() == text

    # A paragraph the box wraps on two lines of its own is counted as stored, joined.
    cursor.setPosition(cursor.block().position() + 20)
    cursor.insertText("\n")
    assert field.value()[3] == text  # the line break is not part of the paragraph
    form.focus_path(f"{PARAGRAPHS}[3]", 25)
    assert edit.document().characterAt(edit.textCursor().position()) == text[25]

    title = "sections[0].articles[1].title"  # two lines, stored joined by a line break
    stored = data["sections"][0]["articles"][1]["title"]
    first = stored.index("\n")
    form.focus_path(title, first + 3)
    box = form.fields[title].widget
    assert isinstance(box, QPlainTextEdit)
    assert box.textCursor().blockNumber() == 1
    assert box.document().characterAt(box.textCursor().position()) == stored[first + 3]

    form.focus_path("masthead.issuer", 4)
    issuer = form.fields["masthead.issuer"].widget
    assert isinstance(issuer, QLineEdit)
    assert desk.window.focusWidget() is issuer
    assert issuer.cursorPosition() == 4


def test_moving_between_paragraphs_highlights_only_that_paragraphs_source_lines(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    open_data(qtbot, desk, fixture())
    window = desk.window
    record = window.record
    assert record is not None
    assert record.parsed is not None
    spans = record.parsed.spans
    field = window.form.fields[PARAGRAPHS]
    assert isinstance(field, ParagraphsField)
    edit = field.edit
    seen: list[str] = []
    window.form.field_focused.connect(seen.append)

    edit.setFocus()
    qtbot.waitUntil(lambda: window.source.highlighted == spans_for(spans, f"{PARAGRAPHS}[0]"))
    assert seen == [f"{PARAGRAPHS}[0]"]
    qtbot.keyClick(edit, Qt.Key.Key_Right)  # within the paragraph: nothing new
    assert seen == [f"{PARAGRAPHS}[0]"]
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = f"{PARAGRAPHS}[{len(field.value()) - 1}]"
    qtbot.waitUntil(lambda: window.source.highlighted == spans_for(spans, last))
    assert spans_for(spans, last) != spans_for(spans, PARAGRAPHS)
    assert seen[-1] == last
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    edit.moveCursor(QTextCursor.MoveOperation.NextBlock)  # the blank line after paragraph 1
    assert seen[-1] == PARAGRAPHS
    edit.moveCursor(QTextCursor.MoveOperation.NextBlock)
    assert seen[-1] == f"{PARAGRAPHS}[1]"
    qtbot.waitUntil(lambda: window.source.highlighted == spans_for(spans, f"{PARAGRAPHS}[1]"))


# --- number fields -------------------------------------------------------------------------


def test_words_in_a_number_field_are_flagged_at_once_and_never_stored(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    open_data(qtbot, desk, fixture())
    window = desk.window
    assert window.record is not None
    field = window.form.fields["masthead.issue"]
    issue = field.widget
    assert isinstance(issue, QLineEdit)
    issue.setFocus()
    qtbot.waitUntil(issue.hasFocus)
    issue.selectAll()
    with qtbot.assertNotEmitted(window.form.edited):
        qtbot.keyClicks(issue, "abc")
    assert field.state == INVALID
    assert ground(issue) == STATE_COLOURS[INVALID]
    assert "请填数字" in issue.toolTip()
    assert "masthead.issue" in window.form.problem_paths()
    (problem,) = [p for p in window.form.problems if p.path == "masthead.issue"]
    assert problem.is_error
    assert window.form.bulletin is not None
    assert window.form.bulletin.masthead.issue == 9  # the working copy keeps its number
    with qtbot.waitSignal(window.message) as refused:
        window.approve_action.trigger()
    assert refused.args[0] == "不能批准"
    assert "请填数字" in refused.args[1]

    issue.selectAll()
    with qtbot.waitSignal(window.saved, timeout=5_000):
        qtbot.keyClicks(issue, "15")
    assert field.state != INVALID
    assert "请填数字" not in issue.toolTip()
    current = desk.store.get(window.record.id).current
    assert current is not None
    assert current.masthead.issue == 15
    qtbot.keyClick(issue, Qt.Key.Key_X)  # "15x": flagged again, 15 kept
    assert field.state == INVALID
    qtbot.keyClick(issue, Qt.Key.Key_Backspace)  # "15" again: fine, nothing new to save
    assert field.state != INVALID
    assert window.undo_stack.count() == 1
