"""The desk cannot start on an unusable data directory: a message box with the Chinese reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from support.messages import plain
from support.mounts import read_only

from editor.core.paths import DataDir
from editor.core.store import SqliteStore
from editor.gui.app import run


def start(data: Path) -> tuple[int, list[str]]:
    """Run the desk on ``data``; the texts of the message boxes it showed, each closed at once."""
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.done(0)

    timer = QTimer()
    timer.timeout.connect(close_box)
    timer.start(10)
    try:
        code = run(data=data)
    finally:
        timer.stop()
    return code, shown


@pytest.fixture(autouse=True)
def settings(tmp_path: Path, qapp: QApplication) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )


def test_a_file_where_the_data_directory_should_be(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.write_text("x", encoding="utf-8")
    code, shown = start(data)
    assert code == 2
    assert shown == [f"{data}：不是文件夹"]


def test_a_read_only_data_directory(tmp_path: Path) -> None:
    """Not "already running" (the lock cannot be made), but the real reason."""
    data = DataDir(tmp_path / "data")
    SqliteStore(data).close()
    with read_only(data.root):
        code, shown = start(data.root)
    assert code == 2
    assert len(shown) == 1
    assert plain(shown[0]).startswith(f"{data.root}：没有写入权限")


def test_a_damaged_database(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    data.database.write_bytes(b"\x00garbage" * 512)
    code, shown = start(data.root)
    assert code == 2
    assert shown == [f"{data.database}：数据库文件已损坏或不是简讯编审台的档案"]
