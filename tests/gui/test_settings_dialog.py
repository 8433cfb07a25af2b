"""Settings persist, apply without a restart, and series are kept in the archive."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from support.render import RenderOptions, render

from editor.gui.app import Desk
from editor.gui.settings import AppSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def test_settings_apply_at_once_and_persist(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    desk = make_desk()
    window = desk.window
    dialog = window.show_settings()
    new_inbox, new_export = tmp_path / "新收件箱", tmp_path / "新导出"
    dialog.inbox.setText(str(new_inbox))
    dialog.export_dir.setText(str(new_export))
    dialog.pattern.setText("{name}{year}年第{issue}期.docx")
    dialog.user.setText("编辑乙")
    dialog.delay.setValue(0.4)
    dialog.fonts["body"].setText("仿宋")
    series = dialog.series
    series.new()
    series.fields["name"].setText("四川省地方志工作简报")  # type: ignore[union-attr]
    series.fields["issuer"].setText("四川省地方志工作办公室")  # type: ignore[union-attr]
    series.fields["copies"].setText("40")  # type: ignore[union-attr]
    assert series.save() is not None
    with qtbot.waitSignal(window.settings_changed):
        dialog.accept()

    assert window.export_dir == new_export
    assert window.user == "编辑乙"
    assert window.profile.fonts.body == "仿宋"
    assert desk.watcher.folder == new_inbox.absolute()
    assert "新收件箱" in window.inbox_label.text()
    saved = AppSettings.load()
    assert (saved.inbox, saved.export_dir, saved.user, saved.stability_delay) == (
        new_inbox,
        new_export,
        "编辑乙",
        0.4,
    )
    assert saved.fonts == {"body": "仿宋"}
    (kept,) = desk.store.list_series()
    assert (kept.name, kept.issuer, kept.copies) == (
        "四川省地方志工作简报",
        "四川省地方志工作办公室",
        40,
    )

    # The new inbox is watched and the new export settings are used, without a restart.
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    (new_inbox / "第9期.txt").write_bytes(render(data, RenderOptions()).data)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.table.selectRow(0)
    assert window.record is not None
    desk.store.transition(window.record.id, "approve", "编辑乙")
    window.open_bulletin(window.record.id)
    with qtbot.waitSignal(window.exported, timeout=30_000) as done:
        window.export_action.trigger()
    path = Path(done.args[0])
    assert path == new_export / "四川省地方志工作简报2022年第9期.docx"
    # The body font lives in the named styles (正文, Normal) that the export applies.
    assert 'w:eastAsia="仿宋"' in zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
    assert desk.store.revisions(window.record.id)[-1].user == "编辑乙"
    for box in list(window.notices):
        box.close()
