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
        if dialog.table.item(r, 3).text() == "报头 · 编印单位"
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


def test_history_names_fields_and_subheadings_as_the_form_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    from editor.core.store import Revision
    from editor.gui.history_dialog import HistoryDialog

    paragraphs = ["正文一段。", {"heading": 2, "text": "（一）坚持正确方向"}]
    revisions = [
        Revision(
            1,
            1,
            "2026-12-01T10:00:00+08:00",
            "编辑甲",
            "edit",
            "sections[0].articles[1].paragraphs",
            paragraphs[:1],
            paragraphs,
        ),
        Revision(
            2,
            1,
            "2026-12-01T10:01:00+08:00",
            "编辑甲",
            "edit",
            "sections[0].articles[1].byline",
            None,
            "省地方志办年鉴处",
        ),
    ]
    dialog = HistoryDialog(revisions, lambda *_: None, editable=True)
    qtbot.addWidget(dialog)
    shown = {
        dialog.table.item(row, 3).text(): dialog.table.item(row, 5).text()
        for row in range(dialog.table.rowCount())
    }
    assert shown["栏目1 · 文章2 · 作者"] == "省地方志办年鉴处"
    assert "〔2级小标题〕（一）坚持正确方向" in shown["栏目1 · 文章2 · 正文"]
    assert not any("sections[" in text for text in shown)
