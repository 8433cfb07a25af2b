"""A PDF in the inbox: parsed from its layout, its page shown with the field's lines outlined."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from support.rendering import fontconfig, render_pdf

from editor.core.export import docx_bytes
from editor.core.model import Bulletin
from editor.gui.app import Desk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def test_pdf_source_shows_the_page_with_the_field_outlined(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    docx = tmp_path / "第9期.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(data)))
    pdf = render_pdf(docx, fontconfig(tmp_path / "fc"))
    desk = make_desk()
    window = desk.window
    (desk.watcher.folder / "第9期.pdf").write_bytes(pdf.read_bytes())
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=15_000)
    window.table.selectRow(0)
    assert window.record is not None
    assert window.record.status == "new"  # parsed, not failed
    assert window.form.fields["masthead.name"].widget.text() == "四川省地方志工作简报"  # type: ignore[attr-defined]
    assert window.source_tabs.isTabEnabled(1)

    path = "sections[1].articles[0].title"
    window.form.fields[path].widget.setFocus()
    qtbot.waitUntil(lambda: len(window.page_view.outlined) == 3)  # three title lines
    assert window.page_view.page >= 1  # the third article is on a later page
    tops = [rect.top() for rect in window.page_view.outlined]
    assert tops == sorted(tops)
    pixmap = window.page_view.label.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() > 500
