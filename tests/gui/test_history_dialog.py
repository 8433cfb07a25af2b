"""The history dialog lists every revision; restoring an earlier value is a new revision."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from support.render import RenderOptions, render

from editor.gui.app import Desk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def test_history_lists_revisions_and_restores(qtbot: Any, make_desk: Callable[[], Desk]) -> None:
    desk = make_desk()
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    (desk.watcher.folder / "第9期.txt").write_bytes(render(data, RenderOptions()).data)
    window = desk.window
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.table.selectRow(0)
    field = window.form.fields["masthead.issuer"]
    field.widget.setFocus()
    with qtbot.waitSignal(window.saved, timeout=5_000):
        field.widget.setText("错误的编印单位")  # type: ignore[attr-defined]
        field.widget.textEdited.emit("错误的编印单位")  # type: ignore[attr-defined]

    dialog = window.show_history()
    assert dialog is not None
    actions = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert "收件" in actions
    assert "修改" in actions
    row = next(
        r
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, 3).text() == "masthead.issuer"
    )
    assert dialog.table.item(row, 4).text() == "四川省地方志工作办公室"
    assert dialog.table.item(row, 5).text() == "错误的编印单位"
    dialog.table.selectRow(row)
    assert dialog.restore_old.isEnabled()
    with qtbot.waitSignal(window.saved, timeout=5_000):
        dialog.restore_old.click()
    dialog.close()
    assert field.widget.text() == "四川省地方志工作办公室"  # type: ignore[attr-defined]
    assert window.record is not None
    revisions = desk.store.revisions(window.record.id)
    restored = [r for r in revisions if r.field_path == "masthead.issuer"]
    assert [(r.old_value, r.new_value) for r in restored][-1] == (
        "错误的编印单位",
        "四川省地方志工作办公室",
    )
