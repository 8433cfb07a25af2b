"""Driving a desk in GUI tests: drop a rendered bulletin into its inbox, open it, type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from support.render import RenderOptions, render

from editor.gui.app import Desk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def drop(desk: Desk, name: str, fixture: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{fixture}.json").read_text("utf-8"))
    (desk.watcher.folder / name).write_bytes(render(data, RenderOptions()).data)
    return data


def open_only_row(qtbot: Any, desk: Desk) -> None:
    window = desk.window
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.record is not None)


def type_into(qtbot: Any, desk: Desk, path: str, text: str) -> None:
    """Type as an editor does: Latin keys as key presses, Chinese as the input method commits it."""
    widget = desk.window.form.fields[path].widget
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    with qtbot.waitSignal(desk.window.saved, timeout=5_000):
        if text.isascii():
            qtbot.keyClicks(widget, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(widget, event)


def fixture_data(name: str = "two_columns_three_articles") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return data


def open_data(qtbot: Any, desk: Desk, data: dict[str, Any]) -> None:
    """A rendered bulletin dropped in the inbox, open in an active window, nothing edited."""
    (desk.watcher.folder / "第9期.txt").write_bytes(render(data, RenderOptions()).data)
    window = desk.window
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.record is not None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def open_fixture(qtbot: Any, desk: Desk) -> dict[str, Any]:
    """The two-column bulletin open in an active window, nothing edited yet."""
    data = fixture_data()
    open_data(qtbot, desk, data)
    return data
