"""Desks sharing one archive and one inbox folder: one of them takes the inbox, and when it
goes away another takes over. Each desk reaches the folder by its own path (a mapped drive
here is a link): files are recorded by their place in the inbox, so none is taken twice.

Real desks (build_desk: window, watcher, change feed) on a real PostgreSQL server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from support.desk import fixture_data
from support.render import RenderOptions, render

from editor.core.paths import DataDir
from editor.core.store import open_store
from editor.gui.app import Desk, DeskConfig, build_desk
from editor.gui.settings import AppSettings


@pytest.fixture
def office(tmp_path: Path, qtbot: Any, pg_url: str) -> Iterator[tuple[Path, list[Desk]]]:
    """The shared inbox folder and a way to open desks on it (each by its own path)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    shared = tmp_path / "服务器" / "简讯收件箱"
    shared.mkdir(parents=True)
    desks: list[Desk] = []
    for n, user in enumerate(("编辑甲", "编辑乙")):
        mapped = tmp_path / f"电脑{n}" / "Z盘"
        mapped.parent.mkdir()
        mapped.symlink_to(shared, target_is_directory=True)
        settings = AppSettings(
            user=user,
            language="zh_CN",
            inbox=mapped,
            export_dir=tmp_path / "导出",
            stability_delay=0.3,
        )
        data = DataDir(tmp_path / f"数据{n}")
        desk = build_desk(
            DeskConfig(data=data, settings=settings), store=open_store(pg_url, data=data)
        )
        qtbot.addWidget(desk.window)
        desks.append(desk)
    try:
        yield shared, desks
    finally:
        for desk in desks:
            desk.close()


def test_one_desk_takes_the_shared_inbox_and_another_takes_over_when_it_goes(
    qtbot: Any, office: tuple[Path, list[Desk]]
) -> None:
    shared, (first, second) = office
    assert first.duty.on_duty
    assert not second.duty.on_duty
    assert "由另一台编审台收取" in second.window.inbox_label.text()
    assert "由另一台编审台收取" not in first.window.inbox_label.text()

    data = fixture_data()
    (shared / "第9期.txt").write_bytes(render(data, RenderOptions()).data)
    # Taken by the first desk, seen in both queues (the second hears of it live).
    for desk in (first, second):
        qtbot.waitUntil(lambda desk=desk: desk.window.model.rowCount() == 1, timeout=10_000)
    (only,) = first.store.list_bulletins()
    assert only.source_path == "收件箱/第9期.txt"  # not either desk's own path to it

    first.close()  # the first desk goes: its session, and the claim with it
    qtbot.waitUntil(lambda: second.duty.on_duty, timeout=15_000)
    assert "由另一台编审台收取" not in second.window.inbox_label.text()
    # The second desk now takes the inbox, and does not take the first file again.
    data["masthead"]["issue"] = 10
    (shared / "第10期.txt").write_bytes(render(data, RenderOptions()).data)
    qtbot.waitUntil(lambda: second.window.model.rowCount() == 2, timeout=10_000)
    second.duty.watcher.rescan_now()
    assert second.store.count() == 2
    assert sorted(s.source_path for s in second.store.list_bulletins()) == [
        "收件箱/第10期.txt",
        "收件箱/第9期.txt",
    ]
