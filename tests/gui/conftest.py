"""A desk on a fresh data directory and inbox, wired the way the app wires it."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings

from editor.core.paths import DataDir
from editor.gui.app import Desk, DeskConfig, build_desk
from editor.gui.settings import AppSettings


@pytest.fixture
def make_desk(tmp_path: Path, qtbot) -> Iterator[Callable[[], Desk]]:  # type: ignore[no-untyped-def]
    """Open desks on the same folders (a restart is a second call); all closed at the end."""
    desks: list[Desk] = []
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    settings = AppSettings(
        user="编辑甲",
        language="zh_CN",
        inbox=tmp_path / "收件箱",
        export_dir=tmp_path / "导出",
        stability_delay=0.3,
    )
    config = DeskConfig(data=DataDir(tmp_path / "data"), settings=settings)

    def make() -> Desk:
        desk = build_desk(config)
        qtbot.addWidget(desk.window)
        desk.window.show()
        desks.append(desk)
        return desk

    yield make
    gc.unfreeze()  # (the desk freezes the heap once idle: editor.gui.idle_warmth)
    for desk in desks:
        desk.duty.stop()
        desk.window.recognition.close()
        desk.operations.wait()
        desk.store.close()
