"""The characters OCR doubted, marked in the form's real widgets and in the source pane: an
orange ground and a wavy underline on exactly those characters, over the field's doubtful
yellow; F8's focus_path selects the first one; a corrected character loses its mark."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QInputMethodEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from editor.core.doubt_marks import source_marks
from editor.core.model import Bulletin
from editor.core.parsing import parse_text
from editor.core.reading.pdf import PdfText
from editor.core.recognition import doubt_warnings
from editor.gui.form.bulletin_form import BulletinForm
from editor.gui.form.fields import (
    DOUBTFUL,
    EDITED,
    INVALID,
    MARK_GROUND,
    LinesField,
    ParagraphsField,
    TextField,
)
from editor.gui.source_view import HIGHLIGHT, MATCH, SourceView, find_words

# A scan's reading, with two of OCR's misreadings: 地方忘 (志) and 成郊 (效).
TEXT = """地方志工作简报

2024 年第 3 期（总第 57 期）

四川省地方忘工作办公室                  2024 年 3 月 15 日

【特别关注】

全省方志馆建设工作推进会

在成都召开

6 月 8 日，全省方志馆建设工作推进会在成都召开。会议总结近年

来全省方志馆建设成郊，交流各地经验做法。

一、加强组织领导

会议要求，各地要把方志馆建设纳入当地公共文化服务体系，方志馆

要成为群众了解家乡的重要窗口。

（省地方志办）

报：省委办公厅，省政府办公厅

四川省地方志工作办公室秘书处                  2024 年 3 月 15 日印发
"""
LINES = TEXT.split("\n")
ISSUER = "masthead.issuer"
TITLE = "sections[0].articles[0].title"
PARAGRAPHS = "sections[0].articles[0].paragraphs"
DOUBTED = [  # (line starting with, the doubted character, which occurrence on the line)
    ("四川省地方忘", "忘", 0),
    ("在成都", "召", 0),
    ("6 月", "设", 0),
    ("来全省", "郊", 0),
    ("一、", "领", 0),
    ("会议要求", "馆", 1),
]


def number(start: str) -> int:
    return next(n for n, line in enumerate(LINES, start=1) if line.startswith(start))


def column(line: int, char: str, nth: int) -> int:
    at = -1
    for _ in range(nth + 1):
        at = LINES[line - 1].index(char, at + 1)
    return at


def scanned() -> Bulletin:
    doubts: dict[int, tuple[int, ...]] = {}
    for start, char, nth in DOUBTED:
        line = number(start)
        doubts[line] = (*doubts.get(line, ()), column(line, char, nth))
    parsed = parse_text(TEXT)
    parsed.warnings += doubt_warnings(PdfText(TEXT, doubts=doubts))
    return parsed


def remark(form: BulletinForm) -> None:
    """Marks and states again, as the form does after each edit (the window gives it the
    source's lines; a doubted character makes its field doubtful)."""
    assert form.bulletin is not None
    form.source_lines = lambda: LINES
    form.refresh_states()


@pytest.fixture
def form(qtbot: Any) -> BulletinForm:
    shown = BulletinForm()
    qtbot.addWidget(shown)
    shown.source_lines = lambda: LINES
    parsed = scanned()
    shown.load(parsed, parsed)
    remark(shown)
    shown.resize(640, 720)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


class Formats(QObject):
    """The text formats the marks give a line edit: what its input method events carry."""

    def __init__(self, line: QLineEdit) -> None:
        super().__init__(line)
        self.line = line
        self.ranges: list[tuple[int, int]] | None = None  # None: no event yet
        self.formats: list[QTextCharFormat] = []
        line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if watched is self.line and isinstance(event, QInputMethodEvent):
            kind = QInputMethodEvent.AttributeType.TextFormat
            shown = [a for a in event.attributes() if a.type == kind]
            cursor = self.line.cursorPosition()  # the attributes count from the cursor
            self.ranges = [(a.start + cursor, a.start + cursor + a.length) for a in shown]
            self.formats = [a.value for a in shown]
        return False


def commit(widget: QWidget, text: str) -> None:
    """Type Chinese as an editor does: the input method commits it."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def is_mark(fmt: QTextFormat) -> bool:
    char = fmt.toCharFormat()
    return (
        char.background().color() == QColor(MARK_GROUND)
        and char.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    )


def marked(edit: QPlainTextEdit) -> list[str]:
    """The characters the box's extra selections mark as doubted, in order."""
    return [s.cursor.selectedText() for s in edit.extraSelections() if is_mark(s.format)]


def orange_columns(line: QLineEdit) -> list[int]:
    """The x of every pixel of the line edit painted in the marks' orange."""
    image = line.grab().toImage()
    colour = QColor(MARK_GROUND)
    return sorted(
        {
            x
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y) == colour
        }
    )


def char_box(line: QLineEdit, position: int) -> tuple[int, int]:
    """The x span of the character at a position of the line edit's text."""
    keep = line.cursorPosition()
    query = Qt.InputMethodQuery.ImCursorRectangle
    line.setCursorPosition(position)
    left = line.inputMethodQuery(query)
    line.setCursorPosition(position + 1)
    right = line.inputMethodQuery(query)
    line.setCursorPosition(keep)
    assert isinstance(left, QRect)
    assert isinstance(right, QRect)
    return left.center().x(), right.center().x()  # the caret stands in the rectangle's middle


def test_the_one_line_field_marks_exactly_the_doubted_character(
    qtbot: Any, form: BulletinForm
) -> None:
    field = form.fields[ISSUER]
    assert isinstance(field, TextField)
    line = field.line
    assert line.text() == "四川省地方忘工作办公室"
    assert field.state == DOUBTFUL
    assert field.marks == [(5, 6)]
    formats = Formats(line)
    remark(form)  # again, to see what the widget is told
    assert formats.ranges == [(5, 6)]
    assert all(is_mark(f) for f in formats.formats)
    left, right = char_box(line, 5)
    columns = orange_columns(line)
    assert columns
    assert left - 1 <= columns[0]
    assert columns[-1] <= right + 1
    assert line.text() == "四川省地方忘工作办公室"  # the text and its history untouched
    assert not line.isUndoAvailable()
    # The state repainted (invalid, then read-only): the mark stays.
    field.set_state(INVALID, ["不合格"])
    field.set_read_only(True)
    assert line.isReadOnly()
    assert orange_columns(line) == columns
    field.set_read_only(False)
    form.refresh_states()
    assert field.state == DOUBTFUL
    assert orange_columns(line) == columns


def test_the_boxes_mark_titles_and_paragraphs_beside_their_other_formats(
    form: BulletinForm,
) -> None:
    title, paragraphs = form.fields[TITLE], form.fields[PARAGRAPHS]
    assert isinstance(title, LinesField)
    assert isinstance(paragraphs, ParagraphsField)
    assert title.state == DOUBTFUL
    assert paragraphs.state == DOUBTFUL
    assert marked(title.edit) == ["召"]
    assert marked(paragraphs.edit) == ["设", "郊", "领", "馆"]
    assert form.bulletin is not None
    first = form.bulletin.sections[0].articles[0].texts[0]
    shè, jiāo = first.index("设"), first.index("郊")
    assert paragraphs.entry_marks == {
        0: [(shè, shè + 1), (jiāo, jiāo + 1)],
        1: [(6, 7)],
        2: [(29, 30)],
    }
    # the second 方志馆 of the third paragraph, at the end of its first source line
    third = paragraphs.edit.document().findBlockByNumber(4).text()
    assert third.startswith("会议要求")
    assert [third[a:b] for a, b in [(29, 30)]] == ["馆"]
    assert third.index("馆") != 29
    # The subheading keeps its bold colour; another extra selection is kept beside the marks.
    heading = paragraphs.edit.document().findBlockByNumber(2)
    assert heading.text() == "一、加强组织领导"
    assert heading.layout().formats()[0].format.fontWeight() > 400
    other = QTextEdit.ExtraSelection()
    other.cursor = QTextCursor(paragraphs.edit.document())
    other.cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    other.format.setForeground(QColor("#123456"))
    paragraphs.edit.setExtraSelections([other, *paragraphs.edit.extraSelections()])
    remark(form)
    selections = paragraphs.edit.extraSelections()
    assert len(selections) == 5
    assert selections[0].format.foreground().color() == QColor("#123456")
    form.set_marks({})
    assert marked(paragraphs.edit) == []
    assert marked(title.edit) == []
    assert len(paragraphs.edit.extraSelections()) == 1
    remark(form)
    paragraphs.set_state(INVALID, ["不合格"])  # a state repainted keeps them
    assert marked(paragraphs.edit) == ["设", "郊", "领", "馆"]


def test_focus_path_selects_the_first_doubted_character(qtbot: Any, form: BulletinForm) -> None:
    issuer, title, paragraphs = form.fields[ISSUER], form.fields[TITLE], form.fields[PARAGRAPHS]
    assert isinstance(issuer, TextField)
    assert isinstance(title, LinesField)
    assert isinstance(paragraphs, ParagraphsField)
    assert form.focus_path(ISSUER)
    qtbot.waitUntil(issuer.line.hasFocus)
    assert issuer.line.selectedText() == "忘"
    assert form.focus_path(TITLE)
    qtbot.waitUntil(title.edit.hasFocus)
    assert title.edit.textCursor().selectedText() == "召"
    assert form.focus_path(PARAGRAPHS)  # F8 gives the field: its first mark
    qtbot.waitUntil(paragraphs.edit.hasFocus)
    assert paragraphs.edit.textCursor().selectedText() == "设"
    assert form.focus_path(f"{PARAGRAPHS}[2]")  # one paragraph: its first mark
    assert paragraphs.edit.textCursor().selectedText() == "馆"
    cursor = paragraphs.edit.textCursor()
    assert cursor.selectionStart() - cursor.block().position() == 29  # the second 方志馆
    # A character given (a click in the source) wins; a field without marks is as before.
    assert form.focus_path(ISSUER, 2)
    assert not issuer.line.hasSelectedText()
    assert issuer.line.cursorPosition() == 2
    assert form.focus_path("masthead.name")
    name = form.fields["masthead.name"].widget
    assert isinstance(name, QLineEdit)
    qtbot.waitUntil(name.hasFocus)
    assert not name.hasSelectedText()
    # The F8 walk itself lands on them.
    assert ISSUER in form.problem_paths()
    assert PARAGRAPHS in form.problem_paths()


def test_a_corrected_character_loses_its_mark(qtbot: Any, form: BulletinForm) -> None:
    issuer, paragraphs = form.fields[ISSUER], form.fields[PARAGRAPHS]
    assert isinstance(issuer, TextField)
    assert isinstance(paragraphs, ParagraphsField)
    formats = Formats(issuer.line)
    form.focus_path(ISSUER)
    qtbot.waitUntil(issuer.line.hasFocus)
    with qtbot.waitSignal(form.edited) as edit:
        commit(issuer.line, "志")  # typed over the selected 忘
    assert edit.args == [ISSUER, "四川省地方忘工作办公室", "四川省地方志工作办公室"]
    assert formats.ranges == []  # gone as soon as the text changed
    assert issuer.line.text() == "四川省地方志工作办公室"
    assert orange_columns(issuer.line) == []
    remark(form)
    assert issuer.marks == []
    assert orange_columns(issuer.line) == []
    assert issuer.state == EDITED

    form.focus_path(f"{PARAGRAPHS}[0]")
    qtbot.waitUntil(paragraphs.edit.hasFocus)
    assert form.bulletin is not None
    first = form.bulletin.sections[0].articles[0].texts[0]
    form.focus_path(f"{PARAGRAPHS}[0]", first.index("郊"))  # just before 郊
    cursor = paragraphs.edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
    paragraphs.edit.setTextCursor(cursor)
    assert cursor.selectedText() == "郊"
    with qtbot.waitSignal(form.edited):
        commit(paragraphs.edit, "效")
    # Recomputed at once by the form (it has the source's lines): the corrected 郊 is no
    # longer marked, the paragraph's other doubt 设 is, and the next paragraphs' stay.
    assert marked(paragraphs.edit) == ["设", "领", "馆"]
    remark(form)
    assert marked(paragraphs.edit) == ["设", "领", "馆"]
    assert paragraphs.entry_marks[0] == [(first.index("设"), first.index("设") + 1)]
    assert form.focus_path(f"{PARAGRAPHS}[0]")
    assert paragraphs.edit.textCursor().selectedText() == "设"


def test_marks_wait_while_an_input_method_composes(qtbot: Any, form: BulletinForm) -> None:
    issuer = form.fields[ISSUER]
    assert isinstance(issuer, TextField)
    issuer.line.setFocus()
    qtbot.waitUntil(issuer.line.hasFocus)
    QApplication.sendEvent(issuer.line, QInputMethodEvent("shi", []))  # pinyin being typed
    formats = Formats(issuer.line)
    form.refresh_states()
    remark(form)
    assert formats.ranges is None  # nothing sent that would end the composition
    QApplication.sendEvent(issuer.line, QInputMethodEvent("", []))  # given up
    remark(form)
    assert formats.ranges == [(5, 6)]


def test_characters_beyond_the_basic_plane_count_as_qt_counts_them(qtbot: Any) -> None:
    field = TextField("masthead.name", "报头名称")
    qtbot.addWidget(field.widget)
    field.set_value("𠀀甲乙丙")
    field.set_marks([(2, 3)])
    assert field.first_mark() == (3, 4)
    assert field.select_first_mark()
    assert field.line.selectedText() == "乙"
    box = LinesField("sections[0].articles[0].title", "标题")
    qtbot.addWidget(box.widget)
    box.set_value("𠀀甲\n  乙丙")  # lines kept trimmed: the value is 𠀀甲\n乙丙
    box.set_marks([(3, 4)])
    assert marked(box.edit) == ["乙"]
    assert box.select_first_mark()
    assert box.edit.textCursor().selectedText() == "乙"


def test_the_source_pane_marks_the_doubted_characters(qtbot: Any) -> None:
    view = SourceView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    view.show()
    view.show_text(TEXT)
    parsed = scanned()
    view.highlight_lines([(5, 5)])
    view.show_matches(find_words(TEXT, "方志馆")[0], 0)
    position = view.textCursor().position()
    view.show_doubts(source_marks(parsed))
    assert view.textCursor().position() == position  # the view stays where it was
    selections = view.extraSelections()
    doubts = [s.cursor.selectedText() for s in selections if is_mark(s.format)]
    assert doubts == [char for _start, char, _nth in DOUBTED]
    lines = {s.cursor.blockNumber() + 1 for s in selections if is_mark(s.format)}
    assert lines == {number(start) for start, _char, _nth in DOUBTED}
    backgrounds = [s.format.background().color() for s in selections]
    assert backgrounds[0] == HIGHLIGHT
    assert QColor(MATCH) in backgrounds
    view.highlight_lines([(11, 11)])  # the line highlight and search hits change; marks stay
    view.show_matches([], -1)
    assert [s.cursor.selectedText() for s in view.extraSelections()][1:] == doubts
    view.show_text("第一行\n𠀀𠀁甲乙丙\n")  # a new text: no marks until told
    assert view.extraSelections() == []
    view.show_doubts({2: (3,), 9: (0,), 1: (99,)})
    assert [s.cursor.selectedText() for s in view.extraSelections()] == ["乙"]
