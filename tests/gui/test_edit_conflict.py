"""Two desks, one archive, the same bulletin open in both: no edit is silently overwritten.

Each desk is a real MainWindow with its own store (its own SQLite connection) on one data
directory, and their leases have lapsed. The second desk to save a field the first changed
is refused, shown who changed it and when, given the other's version, and told what it
typed; 用我的修改覆盖 puts that back on top, as an edit of the other's version.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from support.desk import drop, type_into

import editor.core.store as store_package
from editor.core.paths import DataDir
from editor.gui.app import Desk, DeskConfig, build_desk
from editor.gui.settings import AppSettings

CONFLICT = "别人改过这份简报"


@pytest.fixture
def desks(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Desk, Desk]]:
    """编辑甲's desk and 编辑乙's, on one data directory (each its own inbox and store).

    Their editing leases lapse at once, as when a desk sleeps past its lease or loses the
    network: both can type into the same bulletin, and the version check is what stands
    between them (test_shared_desks.py has the leases themselves). Nor do they hear of
    each other's changes: a desk's change feed looks every 0.3 s and reloads the open
    bulletin when nothing typed there is unsaved, so on a busy machine the second desk
    sometimes had the first's change before it typed, and nothing was refused (1 run in 8
    here, with the CPUs loaded); these tests are of what happens when the feed was late.
    """
    monkeypatch.setattr(store_package, "LEASE_SECONDS", -1)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    data = DataDir(tmp_path / "data")
    opened: list[Desk] = []
    for user, inbox in (("编辑甲", "收件箱甲"), ("编辑乙", "收件箱乙")):
        settings = AppSettings(
            user=user,
            language="zh_CN",
            inbox=tmp_path / inbox,
            export_dir=tmp_path / "导出",
            stability_delay=0.3,
        )
        desk = build_desk(DeskConfig(data=data, settings=settings))
        qtbot.addWidget(desk.window)
        desk.window.show()
        desk.window.shared.stop()  # (deaf to the other desk: see above)
        opened.append(desk)
    try:
        yield opened[0], opened[1]
    finally:
        for desk in opened:
            for box in list(desk.window.notices):
                box.close()
            desk.watcher.stop()
            desk.operations.wait()
            desk.store.close()


def both_open(qtbot: Any, first: Desk, second: Desk) -> int:
    """One bulletin arrives at 编辑甲's inbox; both desks open it."""
    drop(first, "第9期.txt", "two_columns_three_articles")
    qtbot.waitUntil(lambda: first.window.model.rowCount() == 1, timeout=10_000)
    second.window.reload_queue()
    qtbot.waitUntil(lambda: second.window.model.rowCount() == 1, timeout=5_000)
    for desk in (first, second):
        desk.window.table.selectRow(0)
        qtbot.waitUntil(lambda desk=desk: desk.window.record is not None)
    record = first.window.record
    assert record is not None
    return record.id


def type_refused(qtbot: Any, desk: Desk, path: str, text: str) -> tuple[str, str]:
    """Type into a field and wait for the conflict notice (no ``saved`` comes)."""
    widget = desk.window.form.fields[path].widget
    assert isinstance(widget, QLineEdit)
    widget.setFocus()
    widget.selectAll()
    with qtbot.waitSignal(
        desk.window.message, timeout=10_000, check_params_cb=lambda title, _text: title == CONFLICT
    ) as notice:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
    title, body = notice.args
    return title, body


def field_text(desk: Desk, path: str) -> str:
    widget = desk.window.form.fields[path].widget
    assert isinstance(widget, QLineEdit)
    return widget.text()


def stored(desk: Desk, bulletin_id: int, path: str) -> Any:
    current = desk.store.get(bulletin_id).current
    assert current is not None
    part, key = path.split(".")
    return getattr(getattr(current, part), key)


def press(desk: Desk, label: str) -> None:
    (box,) = [b for b in desk.window.notices if b.windowTitle() == CONFLICT]
    (button,) = [b for b in box.buttons() if b.text() == label]
    button.click()


def test_the_second_save_of_the_same_field_is_refused_not_applied(
    qtbot: Any, desks: tuple[Desk, Desk]
) -> None:
    first, second = desks
    bulletin_id = both_open(qtbot, first, second)
    type_into(qtbot, first, "masthead.issuer", "甲改的单位")
    assert stored(first, bulletin_id, "masthead.issuer") == "甲改的单位"

    _, body = type_refused(qtbot, second, "masthead.issuer", "乙改的单位")
    assert re.search(rf"#{bulletin_id} 已被 编辑甲 在 \d\d:\d\d 修改", body), body
    assert "乙改的单位" in body  # what 编辑乙 typed is not lost: it is in the notice
    assert stored(first, bulletin_id, "masthead.issuer") == "甲改的单位"  # not overwritten
    assert [
        r.user for r in first.store.revisions(bulletin_id) if r.field_path == "masthead.issuer"
    ] == ["编辑甲"]
    assert field_text(second, "masthead.issuer") == "甲改的单位"  # their version, loaded
    (box,) = [b for b in second.window.notices if b.windowTitle() == CONFLICT]
    assert box.icon() == QMessageBox.Icon.Warning

    # 用我的修改覆盖: an edit of 编辑甲's version, in the history under 编辑乙.
    with qtbot.waitSignal(second.window.saved, timeout=5_000):
        press(second, "用我的修改覆盖")
    assert field_text(second, "masthead.issuer") == "乙改的单位"
    assert stored(second, bulletin_id, "masthead.issuer") == "乙改的单位"
    last = [r for r in first.store.revisions(bulletin_id) if r.field_path == "masthead.issuer"]
    assert (last[-1].user, last[-1].old_value, last[-1].new_value) == (
        "编辑乙",
        "甲改的单位",
        "乙改的单位",
    )

    # 编辑甲's desk still holds the older version: its next save is refused in turn.
    _, body = type_refused(qtbot, first, "masthead.issuer", "甲又改的单位")
    assert "已被 编辑乙 在" in body
    assert "甲又改的单位" in body
    assert stored(first, bulletin_id, "masthead.issuer") == "乙改的单位"
    assert field_text(first, "masthead.issuer") == "乙改的单位"


def test_putting_mine_back_keeps_the_other_desks_other_fields(
    qtbot: Any, desks: tuple[Desk, Desk]
) -> None:
    first, second = desks
    bulletin_id = both_open(qtbot, first, second)
    type_into(qtbot, first, "masthead.issuer", "甲改的单位")
    _, body = type_refused(qtbot, second, "imprint.printer", "乙改的印刷厂")
    assert "乙改的印刷厂" in body
    assert stored(first, bulletin_id, "imprint.printer") != "乙改的印刷厂"
    with qtbot.waitSignal(second.window.saved, timeout=5_000):
        press(second, "用我的修改覆盖")
    assert stored(first, bulletin_id, "imprint.printer") == "乙改的印刷厂"
    assert stored(first, bulletin_id, "masthead.issuer") == "甲改的单位"  # theirs kept
    # One step to undo, back to 编辑甲's version.
    with qtbot.waitSignal(second.window.saved, timeout=5_000):
        second.window.undo_action.trigger()
    assert stored(first, bulletin_id, "imprint.printer") != "乙改的印刷厂"
    assert stored(first, bulletin_id, "masthead.issuer") == "甲改的单位"


def test_saves_in_a_row_on_one_desk_build_on_each_other(
    qtbot: Any, desks: tuple[Desk, Desk]
) -> None:
    """A desk's own autosaves never conflict with each other, or with its own transitions."""
    first, second = desks
    bulletin_id = both_open(qtbot, first, second)
    for n in range(3):
        type_into(qtbot, first, "masthead.issuer", f"单位{n}")
    assert stored(first, bulletin_id, "masthead.issuer") == "单位2"
    first.window.workflow.reject()
    first.window.reject_dialog.textValueSelected.emit("缺少材料")
    qtbot.waitUntil(lambda: first.store.get(bulletin_id).status == "rejected")
    first.window.workflow.reopen()
    qtbot.waitUntil(lambda: first.store.get(bulletin_id).status == "in_review")
    type_into(qtbot, first, "masthead.issuer", "重新打开后改的")
    assert stored(first, bulletin_id, "masthead.issuer") == "重新打开后改的"
    assert not [b for b in first.window.notices if b.windowTitle() == CONFLICT]


def test_a_workflow_step_on_an_outdated_view_is_refused_and_reloads(
    qtbot: Any, desks: tuple[Desk, Desk]
) -> None:
    """编辑乙 approves what 编辑甲 has just changed: refused, and 乙 now sees 甲's change."""
    first, second = desks
    bulletin_id = both_open(qtbot, first, second)
    type_into(qtbot, first, "masthead.issuer", "甲改的单位")
    with qtbot.waitSignal(second.window.message) as said:
        second.window.workflow._transition("approve")
    assert said.args[0] == "无法执行"
    assert "编辑甲" in said.args[1]
    assert second.store.get(bulletin_id).status != "approved"
    assert field_text(second, "masthead.issuer") == "甲改的单位"
    # Its own saves do not stand in its way: after typing, 乙 can reject on its own version.
    type_into(qtbot, second, "imprint.printer", "乙改的印发机关")
    second.window.workflow._transition("reject", detail="退回原因：测试")
    qtbot.waitUntil(lambda: second.store.get(bulletin_id).status == "rejected")
