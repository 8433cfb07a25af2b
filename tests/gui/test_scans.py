"""A scan dropped in a real desk's inbox: 识别中 in the queue with its pages counted while
a text file behind it is taken at once; then the bulletin read by real OCR, its page beside
the form with each field outlined, the characters OCR was unsure of marked, F8 on them.

The scan is a clerk's Word-typed bulletin printed by LibreOffice and rasterised in grey by
poppler (:mod:`support.scan_material`), never this program's own export.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from support.scan_material import ClerkScan, clerk_scan

from editor.core.fieldpath import spans_for
from editor.core.recognition import DOUBT
from editor.gui.app import Desk


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> ClerkScan:
    return clerk_scan(tmp_path_factory.mktemp("clerk"))


def status_text(desk: Desk, row: int) -> str:
    return str(desk.window.model.data(desk.window.model.index(row, 0)) or "")


def row_of(desk: Desk, name: str) -> int | None:
    model = desk.window.model
    for row in range(model.rowCount()):
        if model.data(model.index(row, 5)) == name:
            return row
    return None


def test_a_scan_in_the_inbox_is_read_beside_the_desk_and_shown_with_its_doubts(
    make_desk: Any, qtbot: Any, material: ClerkScan, tmp_path: Path, sample_text: str
) -> None:
    desk = make_desk()
    window = desk.window
    inbox = desk.watcher.folder
    material.image_pdf(inbox / "第9期扫描件.pdf", tilt=0.7)
    qtbot.waitUntil(lambda: row_of(desk, "第9期扫描件.pdf") is not None, timeout=15_000)
    scan_row = row_of(desk, "第9期扫描件.pdf")
    assert scan_row is not None
    assert status_text(desk, scan_row).startswith("识别中")
    pages = len(material.pages)
    qtbot.waitUntil(
        lambda: f"/{pages}" in status_text(desk, row_of(desk, "第9期扫描件.pdf") or 0),
        timeout=60_000,
    )

    # Opened while it is read: its pages, and the header says how far it is.
    window.table.selectRow(row_of(desk, "第9期扫描件.pdf") or 0)
    qtbot.waitUntil(lambda: window.record is not None)
    assert window.record is not None
    assert window.record.status == "recognising"
    assert "正在识别第" in window.header.text()
    assert window.header.cancel_scan_button.isVisible()
    assert window.source_tabs.isTabEnabled(1)
    assert len(window.page_view.sizes) == pages

    # A text file behind it is taken at once, the scan still being read.
    text = tmp_path / "通知.txt"
    text.write_text(sample_text, encoding="utf-8")
    shutil.copy(text, inbox / "通知.txt")
    qtbot.waitUntil(lambda: row_of(desk, "通知.txt") is not None, timeout=15_000)
    assert status_text(desk, row_of(desk, "通知.txt") or 0) == "新收"
    assert window.record.status == "recognising"

    # Read: the open bulletin comes back as 新收 with its fields.
    qtbot.waitUntil(
        lambda: window.record is not None and window.record.status == "new", timeout=120_000
    )
    assert "识别完成" in window.inbox_log.entries[0].text
    assert not window.header.cancel_scan_button.isVisible()
    name = window.form.fields["masthead.name"].widget
    assert isinstance(name, QLineEdit)
    assert name.text() == material.gold["masthead"]["name"]

    # Each field's lines are outlined on the scanned page.
    window.form.fields["imprint.printer"].widget.setFocus()
    qtbot.waitUntil(lambda: bool(window.page_view.outlined))

    # The characters OCR doubted make their fields doubtful and are marked; F8 goes to them.
    parsed = window.record.parsed
    assert parsed is not None
    doubted = [w for w in parsed.warnings if w.code == DOUBT]
    print(f"\n{len(doubted)} lines with characters OCR was unsure of")
    marked = {path: field for path, field in window.form.fields.items() if field.marks}
    if doubted:
        lines = {w.line for w in doubted}
        in_fields = [
            path
            for path in window.form.fields
            if any(a <= n <= b for a, b in spans_for(parsed.spans, path) for n in lines)
        ]
        assert in_fields, "no field came from a line with doubts"
        assert marked, "doubts in fields, yet nothing marked"
        assert all(window.form.fields[p].state == "doubtful" for p in marked)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.table.setFocus()
        qtbot.keyClick(window, Qt.Key.Key_F8)
        focused = QApplication.focusWidget()
        owner = next(p for p, f in window.form.fields.items() if f.widget is focused)
        field = window.form.fields[owner]
        if field.marks:
            widget = field.widget
            selected = (
                widget.selectedText()
                if isinstance(widget, QLineEdit)
                else widget.textCursor().selectedText()
                if isinstance(widget, QPlainTextEdit)
                else ""
            )
            assert len(selected) == 1
    assert len(window.source._doubt_selections) == sum(len(w.chars) for w in doubted)
