"""Drag and drop, bulk ingest and export with progress and cancel, and the shortcut list."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QTableWidget
from support.render import RenderOptions, render

from editor.core.ingest_batch import BATCH_FILES
from editor.gui.app import Desk
from editor.gui.help_dialogs import action_name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def write_bulletins(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    paths = []
    for index in range(count):
        copy = json.loads(json.dumps(data))
        copy["masthead"]["issue"] = index + 1
        copy["masthead"]["total_issue"] = 400 + index
        path = folder / f"第{index + 1}期.txt"
        path.write_bytes(render(copy, RenderOptions()).data)
        paths.append(path)
    return paths


def test_dropping_files_onto_the_window_ingests_them(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    desk = make_desk()
    outside = write_bulletins(tmp_path / "桌面", 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in outside])
    drop = QDropEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Offscreen there is no drag manager to route the event, so hand it to the window's handler.
    desk.window.dropEvent(drop)
    qtbot.waitUntil(lambda: desk.window.model.rowCount() == 2, timeout=10_000)
    assert all(p.exists() for p in outside)  # dropped files are copied, never moved


def test_bulk_ingest_and_export_all_approved_with_progress(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    desk = make_desk()
    folder = tmp_path / "一批"
    write_bulletins(folder, 6)
    batch = desk.window.ingest_paths([folder])
    assert batch is not None
    with qtbot.waitSignal(batch.finished, timeout=30_000) as finished:
        pass
    outcomes, cancelled = finished.args
    assert not cancelled
    assert [o.kind for o in outcomes] == ["new"] * 6
    assert batch.dialog.maximum() == 6
    qtbot.waitUntil(lambda: desk.window.model.rowCount() == 6)
    for bulletin_id in desk.store.ids():
        desk.store.transition(bulletin_id, "approve", "主任")
    exporting = desk.window.export_all_approved()
    assert exporting is not None
    with qtbot.waitSignal(exporting.finished, timeout=60_000) as done:
        pass
    written, cancelled = done.args
    assert not cancelled
    assert len(written) == 6
    names = sorted(Path(w).name for w in written)
    assert names[0] == "四川省地方志工作简报第1期.docx"
    assert all(desk.store.get(i).status == "exported" for i in desk.store.ids())


def test_cancelling_a_batch_stops_before_the_next_batch(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    """A folder is taken a hundred files at a time; 取消 lets the batches in hand finish
    (nothing half done) and reads no more."""
    desk = make_desk()
    folder = tmp_path / "很多"
    write_bulletins(folder, 3 * BATCH_FILES)
    batch = desk.window.ingest_paths([folder])
    assert batch is not None
    # Listen before cancelling: the worker may finish (and signal) as soon as it sees the flag.
    with qtbot.waitSignal(batch.finished, timeout=60_000) as finished:
        batch.progress.connect(lambda *_: batch.cancelled.set())  # 取消 at the first progress
    outcomes, cancelled = finished.args
    assert cancelled
    assert BATCH_FILES <= len(outcomes) < 3 * BATCH_FILES
    assert desk.store.count() == len(outcomes)
    assert {o.kind for o in outcomes} == {"new"}


def test_every_action_has_a_shortcut_listed_in_help(
    qtbot: Any, make_desk: Callable[[], Desk]
) -> None:
    """F1 lists every command with keys in an aligned table, by its name, never the live
    undo text ("撤销 修改 …"); only 使用说明 and 关于 go without keys."""
    window = make_desk().window
    dialog = window.show_shortcuts()
    table = dialog.findChild(QTableWidget, "shortcutTable")
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for action in window.actions():
        name = action_name(action)
        if action in (window.guide_action, window.about_action):
            assert not action.shortcuts()
            continue
        assert action.shortcuts(), f"{name} has no shortcut"
        assert name in rows, name
    assert rows["撤销"] == "Ctrl+Z"
    assert "Ctrl+Y" in rows["重做"]
    assert not any("修改" in name for name in rows if name.startswith("撤销"))
    dialog.close()
