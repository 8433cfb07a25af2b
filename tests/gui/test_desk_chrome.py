"""What surrounds the editing: help, 关于, quitting, the empty queue, search counts, series
feedback, and the window remembering its layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser
from support.desk import drop, open_only_row

from editor import __version__
from editor.gui.app import Desk


def test_help_has_a_guide_and_about_names_the_version_and_data_paths(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    window = make_desk().window
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)")
    assert [a.text() for a in help_menu.actions()] == ["使用说明", "快捷键", "关于简讯编审台"]
    guide = window.show_guide()
    text = guide.findChild(QTextBrowser, "guide").toPlainText()
    assert "收件箱" in text
    assert "Ctrl+Z" in text
    assert "找不到" not in text
    guide.close()
    about = window.show_about()
    shown = about.findChild(QLabel, "about").text()
    assert __version__ in shown
    for place in (window.store.data.root, window.store.data.database, window.inbox):
        assert str(place) in shown
    about.close()


def test_file_quit_saves_and_closes(qtbot: Any, make_desk: Callable[[], Desk]) -> None:
    desk = make_desk()
    window = desk.window
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "文件(&F)")
    assert file_menu.actions()[-1] is window.quit_action
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_an_empty_queue_says_how_to_fill_it_and_searches_count(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    window = desk.window
    hint = window.queue.hint
    qtbot.waitUntil(hint.isVisible)
    assert str(window.inbox) in hint.text()
    assert "Ctrl+O" in hint.text()
    assert window.queue.count.text() == "共 0 份"
    drop(desk, "第9期.txt", "two_columns_three_articles")
    open_only_row(qtbot, desk)
    assert not hint.isVisible()
    assert window.queue.count.text() == "共 1 份"
    window.search.setText("没有这样的词语组合")
    qtbot.waitUntil(lambda: window.queue.count.text() == "找到 0 份")
    assert hint.isVisible()
    assert hint.text() == "没有符合条件的简报"
    window.search.clear()
    qtbot.waitUntil(lambda: window.queue.count.text() == "共 1 份")
    assert not hint.isVisible()


def test_saving_a_series_says_so_and_copies_must_be_a_number(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    window = make_desk().window
    dialog = window.show_settings()
    series = dialog.series
    series.new()
    series.save()
    assert "简报名称" in series.feedback.text()
    name, copies = series.fields["name"], series.fields["copies"]
    assert isinstance(name, QLineEdit)
    assert isinstance(copies, QLineEdit)
    name.setText("某某工作简报")
    qtbot.keyClicks(copies, "abc")
    assert copies.text() == ""  # letters are not taken
    copies.setText("4x")  # pasted past the validator
    assert series.save() is None
    assert "印数" in series.feedback.text()
    assert window.store.list_series() == []
    copies.setText("40")
    assert series.save() is not None
    assert series.feedback.text() == "已保存系列“某某工作简报”"
    assert series.list.currentItem().text() == "某某工作简报"
    dialog.reject()


def test_the_window_remembers_its_size_and_splitters(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    desk = make_desk()
    window = desk.window
    free = window.screen().availableGeometry()  # offscreen: 800×800
    window.resize(free.width() - 40, free.height() - 120)
    window.split.setSizes([200, free.width() - 240])
    window.pane.setSizes([300, free.width() - 540])
    qtbot.waitUntil(lambda: window.split.sizes()[0] == 200)
    wanted = (window.split.sizes(), window.pane.sizes(), window.size())
    desk.close()
    again = make_desk().window
    assert again.size() != wanted[2] or again.split.sizes() != wanted[0]  # not yet restored
    again.restore_layout(QSettings())
    qtbot.waitUntil(lambda: again.split.sizes() == wanted[0])
    assert again.pane.sizes() == wanted[1]
    assert again.size() == wanted[2]


@pytest.mark.qt_log_ignore("does not support QPlatformServices::openDocument")
def test_open_file_without_a_program_says_so(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    """Offscreen Qt has no program for .docx, like a PC without WPS or Word."""
    window = make_desk().window
    docx = tmp_path / "第9期.docx"
    docx.write_bytes(b"PK")
    with qtbot.waitSignal(window.message) as said:
        assert window.workflow.open_local(str(docx)) is False
    assert said.args[0] == "无法打开"
    assert "WPS" in said.args[1]
    assert str(docx) in said.args[1]


def test_field_actions_wait_for_a_bulletin(qtbot: Any, make_desk: Callable[[], Desk]) -> None:
    window = make_desk().window
    for action in (window.revert_action, window.next_action, window.prev_action):
        assert not action.isEnabled(), action.text()
    assert not window.history_action.isEnabled()


def test_field_actions_come_with_an_open_bulletin(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    desk = make_desk()
    drop(desk, "第9期.txt", "two_columns_three_articles")
    open_only_row(qtbot, desk)
    window = desk.window
    for action in (window.revert_action, window.next_action, window.history_action):
        assert action.isEnabled(), action.text()
