"""The review desk journey with real widgets, a real inbox, a real archive."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QPushButton
from support.compare import differences
from support.desk import drop, open_only_row, type_into

from editor.core.export import export_warnings
from editor.core.fieldpath import spans_for
from editor.core.parsing import parse_file
from editor.gui.app import Desk
from editor.gui.form.fields import DOUBTFUL, EDITED, INVALID


def test_new_file_appears_in_the_queue_and_opens_beside_its_source(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = drop(desk, "第9期.txt", "two_columns_three_articles")
    open_only_row(qtbot, desk)
    window = desk.window
    assert window.model.data(window.model.index(0, 0)) == "新收"
    assert (
        window.model.data(window.model.index(0, 3)) == data["sections"][0]["articles"][0]["title"]
    )
    assert "四川省地方志工作简报" in window.source.toPlainText()
    assert window.form.fields["masthead.issue"].widget.text() == "9"  # type: ignore[attr-defined]


def test_focusing_a_field_highlights_its_source_lines_and_back(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    drop(desk, "第9期.txt", "two_columns_three_articles")
    open_only_row(qtbot, desk)
    window = desk.window
    record = window.record
    assert record is not None
    assert record.parsed is not None
    path = "sections[0].articles[1].paragraphs"
    box = window.form.fields[path].widget
    assert isinstance(box, QPlainTextEdit)
    box.setFocus()  # the cursor on the first paragraph: its lines, not the whole body's
    spans = record.parsed.spans
    qtbot.waitUntil(lambda: window.source.highlighted == spans_for(spans, f"{path}[0]"))
    lines = window.source.toPlainText().split("\n")
    assert lines[window.source.highlighted[0][0] - 1].startswith("5 月 16 日")
    box.moveCursor(QTextCursor.MoveOperation.End)  # to the last paragraph
    qtbot.waitUntil(lambda: window.source.highlighted == spans_for(spans, f"{path}[4]"))
    assert lines[window.source.highlighted[-1][1] - 1].strip().endswith("出版。")

    # Clicking a source line focuses the field made from it.
    issuer_line = next(
        i for i, ln in enumerate(lines, 1) if ln.startswith("四川省地方志工作办公室")
    )
    block = window.source.document().findBlockByNumber(issuer_line - 1)
    window.source.setTextCursor(QTextCursor(block))
    rect = window.source.cursorRect()
    qtbot.mouseClick(
        window.source.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, rect.center().y())
    )
    qtbot.waitUntil(lambda: window.focusWidget() is window.form.fields["masthead.issuer"].widget)


def test_edits_are_saved_survive_a_restart_and_undo(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    drop(desk, "第9期.txt", "two_columns_three_articles")
    open_only_row(qtbot, desk)
    bulletin_id = desk.window.record.id  # type: ignore[union-attr]
    type_into(qtbot, desk, "masthead.issuer", "四川省地方志工作办公室（编）")
    stored = desk.store.get(bulletin_id)
    assert stored.current is not None
    assert stored.current.masthead.issuer == "四川省地方志工作办公室（编）"
    assert stored.status == "in_review"
    assert desk.window.form.fields["masthead.issuer"].state == EDITED
    edits = [r for r in desk.store.revisions(bulletin_id) if r.field_path == "masthead.issuer"]
    assert edits[-1].user == "编辑甲"

    desk.window.close()  # a restart of the window
    desk.watcher.stop()
    again = make_desk()
    again.window.select_bulletin(bulletin_id)
    field = again.window.form.fields["masthead.issuer"]
    assert field.widget.text() == "四川省地方志工作办公室（编）"  # type: ignore[attr-defined]

    # Undo in the new window: type once more, then undo back to the saved value.
    type_into(qtbot, again, "masthead.issuer", "临时单位")
    with qtbot.waitSignal(again.window.saved, timeout=5_000):
        again.window.undo_action.trigger()
    assert field.widget.text() == "四川省地方志工作办公室（编）"  # type: ignore[attr-defined]
    current = again.store.get(bulletin_id).current
    assert current is not None
    assert current.masthead.issuer == "四川省地方志工作办公室（编）"


def test_approve_is_refused_until_fixed_then_export_writes_the_docx(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    data = drop(desk, "无报头.txt", "no_masthead")
    open_only_row(qtbot, desk)
    window = desk.window
    assert window.form.fields["masthead.name"].state == INVALID
    assert window.form.problem_paths()[0] == "masthead.name"

    with qtbot.waitSignal(window.message) as refused:
        window.approve_action.trigger()
    assert refused.args[0] == "不能批准"
    assert "· 报头 · 报头名称：缺少报头名称" in refused.args[1]
    assert window.record is not None
    assert desk.store.get(window.record.id).status == "new"

    for path, value in (
        ("masthead.name", "四川省地方志工作简报"),
        ("masthead.issue", "15"),
        ("masthead.issuer", "四川省地方志工作办公室"),
        ("masthead.date", "2022-09-26"),
    ):
        type_into(qtbot, desk, path, value)
    assert all(window.form.fields[p].state == DOUBTFUL for p in window.form.problem_paths())
    window.approve_action.trigger()
    qtbot.waitUntil(lambda: window.record is not None and window.record.status == "approved")

    with qtbot.waitSignal(window.exported, timeout=30_000) as done:
        window.export_action.trigger()
    path = Path(done.args[0])
    assert path.parent == desk.window.export_dir
    assert path.name == "四川省地方志工作简报第15期.docx"
    assert zipfile.ZipFile(path).testzip() is None
    expected = dict(data)
    expected["masthead"] = {
        "name": "四川省地方志工作简报",
        "issue": 15,
        "total_issue": None,
        "issuer": "四川省地方志工作办公室",
        "date": "2022-09-26",
    }
    assert differences(expected, parse_file(path).to_dict()) == []
    assert desk.store.get(window.record.id).status == "exported"  # type: ignore[union-attr]
    # The notice says what the clerk should know before printing (fonts missing here).
    (notice,) = [box for box in window.notices if box.windowTitle() == "已导出"]
    assert notice.text().startswith(str(path))
    assert "已写出" not in window.statusBar().currentMessage()
    for warning in export_warnings(parse_file(path), window.profile):
        assert f"提醒：{warning}" in notice.text()
    for box in list(window.notices):
        box.close()

    # Exporting again never overwrites: a second file with (2).
    window.export_action.setEnabled(True)
    with qtbot.waitSignal(window.exported, timeout=30_000) as second:
        window.export_action.trigger()
    assert Path(second.args[0]).name == "四川省地方志工作简报第15期 (2).docx"
    for box in list(window.notices):
        box.close()


def test_f8_walks_the_doubtful_and_invalid_fields(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    drop(desk, "无报头.txt", "no_masthead")
    open_only_row(qtbot, desk)
    window = desk.window
    problems = window.form.problem_paths()
    assert len(problems) >= 2
    window.next_action.trigger()
    qtbot.waitUntil(lambda: window.focusWidget() is window.form.fields[problems[0]].widget)
    window.next_action.trigger()
    qtbot.waitUntil(lambda: window.focusWidget() is window.form.fields[problems[1]].widget)
    window.prev_action.trigger()
    qtbot.waitUntil(lambda: window.focusWidget() is window.form.fields[problems[0]].widget)


def test_revert_to_parsed_reject_and_reopen(qtbot: Any, make_desk: Callable[[], Desk]) -> None:
    desk = make_desk()
    drop(desk, "第9期.txt", "two_columns_three_articles")
    open_only_row(qtbot, desk)
    window = desk.window
    type_into(qtbot, desk, "masthead.issuer", "改错了的单位")
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.revert_action.trigger()  # the focus is still on the issuer field
    field = window.form.fields["masthead.issuer"]
    assert field.widget.text() == "四川省地方志工作办公室"  # type: ignore[attr-defined]
    assert window.record is not None
    current = desk.store.get(window.record.id).current
    assert current is not None
    assert current.masthead.issuer == "四川省地方志工作办公室"

    window.reject_action.trigger()  # asks first: cancelled, nothing happens
    window.reject_dialog.reject()
    window.reject_action.trigger()  # no reason given: not rejected either
    window.reject_dialog.setTextValue("  ")
    window.reject_dialog.accept()
    assert window.record.status != "rejected"
    assert "没有写原因" in window.statusBar().currentMessage()
    window.reject_action.trigger()
    window.reject_dialog.setTextValue("与第8期重复")
    window.reject_dialog.accept()
    qtbot.waitUntil(lambda: window.record is not None and window.record.status == "rejected")
    notes = [r.new_value for r in desk.store.revisions(window.record.id) if r.field_path == "note"]
    assert notes == ["退回原因：与第8期重复"]
    assert window.form.read_only  # until reopened
    assert not window.approve_action.isEnabled()
    window.reopen_action.trigger()
    qtbot.waitUntil(lambda: window.record is not None and window.record.status == "in_review")
    assert not window.form.read_only
    actions = [r.action for r in desk.store.revisions(window.record.id)]
    assert actions[-3:] == ["reject", "reject", "reopen"]  # the status change and the reason


def test_adding_an_article_is_saved_and_undoable(qtbot: Any, make_desk: Callable[[], Desk]) -> None:
    desk = make_desk()
    drop(desk, "第9期.txt", "two_columns_three_articles")
    open_only_row(qtbot, desk)
    window = desk.window
    assert window.record is not None
    bulletin_id = window.record.id
    add_buttons = [b for b in window.form.findChildren(QPushButton) if b.text() == "添加文章"]
    assert len(add_buttons) == 2  # one per 栏目
    with qtbot.waitSignal(window.saved, timeout=5_000):
        qtbot.mouseClick(add_buttons[1], Qt.MouseButton.LeftButton)
    stored = desk.store.get(bulletin_id).current
    assert stored is not None
    assert len(stored.sections[1].articles) == 2
    assert "sections[1].articles[1].title" in window.form.fields
    with qtbot.waitSignal(window.saved, timeout=5_000):
        window.undo_action.trigger()
    stored = desk.store.get(bulletin_id).current
    assert stored is not None
    assert len(stored.sections[1].articles) == 1
    assert "sections[1].articles[1].title" not in window.form.fields
