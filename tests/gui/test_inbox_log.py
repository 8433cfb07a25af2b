"""The desk keeps what the inbox met in view: refused links, vanished folders, failures."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QTableWidget

from editor.gui.app import Desk
from editor.gui.inbox_log_dialog import InboxLogDialog


def test_a_link_out_of_the_inbox_is_a_problem_the_desk_keeps_in_view(
    make_desk: Callable[[], Desk], qtbot, tmp_path: Path, sample_text: str
) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk()
    window = desk.window
    assert window.inbox_log_button.text() == "收件记录"
    secret = tmp_path / "secret.txt"
    secret.write_text(sample_text, encoding="utf-8")
    (window.inbox / "link.txt").symlink_to(secret)
    with qtbot.waitSignal(window.bridge.ingested, timeout=15000) as blocker:
        pass
    outcome = blocker.args[0]
    assert outcome.kind == "refused"
    qtbot.waitUntil(lambda: window.inbox_log_button.text() == "收件问题 1")
    assert desk.store.count() == 0

    (window.inbox / "good.txt").write_text(sample_text, encoding="utf-8")
    qtbot.waitUntil(lambda: len(window.inbox_log.entries) == 2, timeout=15000)
    assert desk.store.count() == 1
    dialog = InboxLogDialog(window.inbox_log, window)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget)
    assert table is not None
    texts = [table.item(row, 1).text() for row in range(table.rowCount())]
    assert texts[0].startswith("新收 #")
    assert texts[1].startswith("未收取")
    assert "收件箱以外" in texts[1]
    assert window.inbox_log_button.text() == "收件记录"  # seen once the list was opened
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_deleted_inbox_is_said_in_the_desk(make_desk: Callable[[], Desk], qtbot) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk()
    window = desk.window
    with qtbot.waitSignal(window.bridge.inbox_problem, timeout=15000) as blocker:
        shutil.rmtree(window.inbox)
    assert "已重新建立" in blocker.args[0]
    qtbot.waitUntil(lambda: window.inbox_log_button.text() == "收件问题 1")
    assert "已重新建立" in window.statusBar().currentMessage()
