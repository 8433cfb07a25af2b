"""Bylines and subheadings in the desk: typed, switched by key, undone, saved, checked, exported."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QFormLayout, QGroupBox, QLineEdit, QMenu, QTableWidget
from support.desk import open_fixture

from editor.core.checks import Problem
from editor.core.export import docx_bytes
from editor.core.export import styles as docx_styles
from editor.core.model import ParseWarning, Subheading
from editor.gui.app import Desk
from editor.gui.form.fields import DOUBTFUL, EDITED, ParagraphsField, paragraph_groups

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
ARTICLE = "sections[0].articles[0]"
BYLINE, PARAGRAPHS = f"{ARTICLE}.byline", f"{ARTICLE}.paragraphs"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def type_line(qtbot: Any, desk: Desk, path: str, text: str) -> None:
    """Type Chinese into a one-line field as the input method commits it."""
    widget = desk.window.form.fields[path].widget
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def paragraphs_box(qtbot: Any, desk: Desk, index: int) -> ParagraphsField:
    """The first article's paragraphs box, focused, the cursor on paragraph ``index``."""
    field = desk.window.form.fields[PARAGRAPHS]
    assert isinstance(field, ParagraphsField)
    field.widget.setFocus()
    qtbot.waitUntil(lambda: desk.window.focusWidget() is field.widget)
    field.place_cursor(index)
    return field


def press(qtbot: Any, desk: Desk, widget: Any, key: Qt.Key, modifier: Any) -> None:
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        qtbot.keyClick(widget, key, modifier)


def stored_paragraphs(desk: Desk) -> list[Any]:
    assert desk.window.record is not None
    current = desk.store.get(desk.window.record.id).current
    assert current is not None
    return current.sections[0].articles[0].paragraphs


def row_label(field_widget: Any) -> str:
    box = field_widget.parentWidget()
    assert isinstance(box, QGroupBox)
    layout = box.layout()
    assert isinstance(layout, QFormLayout)
    label = layout.labelForField(field_widget)
    return str(label.text())


def test_the_byline_sits_under_the_title_and_typing_it_saves_a_revision(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    open_fixture(qtbot, desk)
    window = desk.window
    form = window.form
    order = [p for p in form.fields if p.startswith(f"{ARTICLE}.")]
    assert order == [f"{ARTICLE}.{k}" for k in ("title", "byline", "paragraphs", "source")]
    assert row_label(form.fields[BYLINE].widget) == "作者"
    assert row_label(form.fields[f"{ARTICLE}.source"].widget) == "文末署名"
    assert form.fields[BYLINE].widget.text() == ""  # type: ignore[attr-defined]

    type_line(qtbot, desk, BYLINE, "中共四川省地方志工作办公室党组")
    assert window.record is not None
    current = desk.store.get(window.record.id).current
    assert current is not None
    assert current.sections[0].articles[0].byline == "中共四川省地方志工作办公室党组"
    assert current.sections[0].articles[0].source == "省地方志办"  # the attribution untouched
    (revision,) = [r for r in desk.store.revisions(window.record.id) if r.field_path == BYLINE]
    assert (revision.old_value, revision.new_value, revision.user) == (
        None,
        "中共四川省地方志工作办公室党组",
        "编辑甲",
    )
    field = form.fields[BYLINE]
    assert field.state == EDITED
    assert field.widget.toolTip().startswith("栏目1 · 文章1 · 作者：已修改")
    # What the undo button says names the field as a user does, never by its path.
    assert window.undo_action.text().endswith("修改 栏目1 · 文章1 · 作者")
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.undo_action.trigger()
    assert field.widget.text() == ""  # type: ignore[attr-defined]
    current = desk.store.get(window.record.id).current
    assert current is not None
    assert current.sections[0].articles[0].byline is None


def test_ctrl_2_makes_a_paragraph_a_level_2_subheading_and_back_with_undo_and_redo(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = open_fixture(qtbot, desk)
    window = desk.window
    text = data["sections"][0]["articles"][0]["paragraphs"][1]
    body = list(data["sections"][0]["articles"][0]["paragraphs"])
    as_heading = [body[0], Subheading(2, text), *body[2:]]
    field = paragraphs_box(qtbot, desk, 1)
    edit = field.edit

    press(qtbot, desk, edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert stored_paragraphs(desk) == as_heading
    assert field.value() == as_heading
    assert [(b.text()[:6], level) for b, level in edit.heading_starts()] == [(text[:6], 2)]
    assert window.undo_stack.undoText() == "第2段设为小标题二级"
    assert window.record is not None
    logged = [r for r in desk.store.revisions(window.record.id) if r.field_path == PARAGRAPHS]
    assert logged[-1].new_value[1] == {"heading": 2, "text": text}

    press(qtbot, desk, edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # again: body
    assert stored_paragraphs(desk) == body
    assert edit.heading_starts() == []
    assert window.undo_stack.undoText() == "第2段设为正文"

    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.undo_action.trigger()
    assert stored_paragraphs(desk) == as_heading
    assert field.value() == as_heading
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.undo_action.trigger()
    assert stored_paragraphs(desk) == body
    assert field.value() == body
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.redo_action.trigger()
    assert stored_paragraphs(desk) == as_heading
    assert [level for _b, level in edit.heading_starts()] == [2]

    # Typing after the switch is a step of its own: undoing it keeps the subheading.
    field.place_cursor(1)
    with qtbot.waitSignal(window.saved, timeout=5_000):
        qtbot.keyClicks(edit, "AB")
    assert stored_paragraphs(desk)[1] == Subheading(2, "AB" + text)
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.undo_action.trigger()
    assert stored_paragraphs(desk) == as_heading


def test_enter_after_a_subheading_starts_body_text_and_ctrl_0_makes_body(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = open_fixture(qtbot, desk)
    body = list(data["sections"][0]["articles"][0]["paragraphs"])
    field = paragraphs_box(qtbot, desk, 0)
    edit = field.edit
    press(qtbot, desk, edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert stored_paragraphs(desk)[0] == Subheading(1, body[0])

    edit.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, "Body")
    assert stored_paragraphs(desk)[:3] == [Subheading(1, body[0]), "Body", body[1]]

    press(qtbot, desk, edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert stored_paragraphs(desk)[1] == Subheading(3, "Body")
    press(qtbot, desk, edit, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert stored_paragraphs(desk)[1] == "Body"


def test_the_context_menu_shows_the_kind_and_switches_it(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = open_fixture(qtbot, desk)
    text = data["sections"][0]["articles"][0]["paragraphs"][4]
    field = paragraphs_box(qtbot, desk, 4)
    menu = QMenu()
    field.edit.add_kind_actions(menu)
    kinds = [a for a in menu.actions() if a.isCheckable()]
    assert [a.text() for a in kinds] == [
        "正文\tCtrl+0",
        "小标题一级\tCtrl+1",
        "小标题二级\tCtrl+2",
        "小标题三级\tCtrl+3",
        "小标题四级\tCtrl+4",
    ]
    assert [a.isChecked() for a in kinds] == [True, False, False, False, False]
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        kinds[4].trigger()
    assert stored_paragraphs(desk)[4] == Subheading(4, text)
    menu = QMenu()
    field.edit.add_kind_actions(menu)
    assert [a.isChecked() for a in menu.actions() if a.isCheckable()] == [
        False,
        False,
        False,
        False,
        True,
    ]
    # On an empty line the kind holds for what is typed there next.
    field.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)  # no new words: nothing to save yet
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.edit.toPlainText().endswith("\n\n")
    with qtbot.waitSignal(desk.window.form.hint) as hint:
        qtbot.keyClick(field.edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert hint.args[0] == "接着输入的段落为小标题二级"
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        qtbot.keyClicks(field.edit, "End")
    assert stored_paragraphs(desk)[-1] == Subheading(2, "End")


def test_the_kind_keys_are_in_the_menu_and_the_f1_list(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    window = desk.window
    box = window.show_shortcuts()
    table = box.findChild(QTableWidget, "shortcutTable")
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())}
    assert ("设为正文", "Ctrl+0") in rows
    for level, name in enumerate(("一", "二", "三", "四"), start=1):
        assert (f"设为小标题{name}级", f"Ctrl+{level}") in rows
    box.close()
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    kinds = next(a.menu() for a in edit_menu.actions() if a.text() == "段落类型")
    assert [a.text() for a in kinds.actions()] == [
        "设为正文",
        "设为小标题一级",
        "设为小标题二级",
        "设为小标题三级",
        "设为小标题四级",
    ]
    # Outside a paragraphs box the keys say where to put the cursor.
    with qtbot.waitSignal(window.form.hint) as hint:
        window.form.kind_actions[2].trigger()
    assert "正文框" in hint.args[0]


def test_the_exported_docx_carries_the_byline_and_the_subheading(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = open_fixture(qtbot, desk)
    heading = data["sections"][0]["articles"][0]["paragraphs"][2]
    type_line(qtbot, desk, BYLINE, "中共四川省地方志工作办公室党组")
    field = paragraphs_box(qtbot, desk, 2)
    press(qtbot, desk, field.edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    assert desk.window.record is not None
    current = desk.store.get(desk.window.record.id).current
    assert current is not None
    with zipfile.ZipFile(io.BytesIO(docx_bytes(current))) as package:
        document = etree.fromstring(package.read("word/document.xml"))
    styled = [
        (p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), "".join(p.itertext()))
        for p in document.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
    ]
    assert (docx_styles.BYLINE, "中共四川省地方志工作办公室党组") in styled
    assert (docx_styles.SUBHEADINGS[1], heading) in styled
    title = next(i for i, (style, _t) in enumerate(styled) if style == docx_styles.TITLE)
    byline = styled.index((docx_styles.BYLINE, "中共四川省地方志工作办公室党组"))
    assert title < byline < styled.index((docx_styles.SUBHEADINGS[1], heading))


def select_problem(desk: Desk, rule: str) -> Problem:
    problems = desk.window.problem_list
    for row in range(problems.count()):
        problem = problems.item(row).data(Qt.ItemDataRole.UserRole)
        if problem.rule == rule:
            problems.setCurrentRow(row)
            return problem  # type: ignore[no-any-return]
    raise AssertionError(f"no {rule} problem listed")


def test_checks_flag_a_half_width_comma_in_a_byline_and_a_subheading_ending_in_a_full_stop(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = open_fixture(qtbot, desk)
    window = desk.window
    type_line(qtbot, desk, BYLINE, "省地方志办年鉴处,张三")
    byline = window.form.fields[BYLINE]
    assert byline.state == DOUBTFUL
    assert "半角标点" in byline.widget.toolTip()
    assert BYLINE in window.form.problem_paths()
    window.form.fields["masthead.name"].widget.setFocus()
    window.next_action.trigger()  # F8
    qtbot.waitUntil(lambda: window.focusWidget() is byline.widget)
    select_problem(desk, "halfwidth_punctuation")
    item = window.problem_list.currentItem()
    assert item.text().startswith("提示　栏目1 · 文章1 · 作者：中文里用了半角标点 ,")
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.fix_button.click()
    fixed = window.form.fields[BYLINE]  # a fix reloads the form
    assert fixed.widget.text() == "省地方志办年鉴处，张三"  # type: ignore[attr-defined]

    # Body paragraphs end with 。; made a subheading, one is flagged, with a fix.
    text = data["sections"][0]["articles"][0]["paragraphs"][3]
    assert text.endswith("。")
    field = paragraphs_box(qtbot, desk, 3)
    press(qtbot, desk, field.edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert field.state == DOUBTFUL
    problem = select_problem(desk, "subheading_full_stop")
    assert problem.path == PARAGRAPHS
    assert window.problem_list.currentItem().text().startswith("提示　栏目1 · 文章1 · 正文：小标题")
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.fix_button.click()
    assert stored_paragraphs(desk)[3] == Subheading(1, text.removesuffix("。"))
    assert window.form.fields[PARAGRAPHS].value()[3] == Subheading(1, text.removesuffix("。"))
    assert not [p for p in window.form.problems if p.rule == "subheading_full_stop"]


def test_source_lines_of_a_byline_and_of_a_paragraph_lead_to_the_field(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    open_fixture(qtbot, desk)
    window = desk.window
    record = window.record
    assert record is not None
    assert record.parsed is not None
    lines = window.source.toPlainText().split("\n")
    title = lines.index("省地方志办召开年鉴编纂工作推进会") + 1
    # The parse as a byline-aware parser gives it: the line under the title, with a doubt.
    record.parsed.spans[BYLINE] = [(title + 1, title + 1)]
    record.parsed.warnings.append(ParseWarning("byline_uncertain", "这一行可能是作者", title + 1))
    window.form.refresh_states()
    byline = window.form.fields[BYLINE]
    assert byline.state == DOUBTFUL
    assert "这一行可能是作者" in byline.widget.toolTip()

    byline.widget.setFocus()
    qtbot.waitUntil(lambda: window.source.highlighted == [(title + 1, title + 1)])

    def click(line: int) -> None:
        block = window.source.document().findBlockByNumber(line - 1)
        window.source.setTextCursor(QTextCursor(block))
        rect = window.source.cursorRect()
        qtbot.mouseClick(
            window.source.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, rect.center().y())
        )

    paragraphs = window.form.fields[PARAGRAPHS]
    assert isinstance(paragraphs, ParagraphsField)
    (first, _last) = record.parsed.spans[f"{PARAGRAPHS}[2]"][0]
    click(first + 2)  # a line inside the third paragraph: the cursor goes to that paragraph
    qtbot.waitUntil(lambda: window.focusWidget() is paragraphs.widget)
    third = paragraph_groups(paragraphs.edit.document())[2]
    assert paragraphs.edit.textCursor().block() == third[0]
    window.form.fields["masthead.name"].widget.setFocus()
    click(title + 1)
    qtbot.waitUntil(lambda: window.focusWidget() is byline.widget)
