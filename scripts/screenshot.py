"""A screenshot of the review desk with a real bulletin, for the README (docs/desk.png).

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.gui.app import DeskConfig, build_desk
from editor.gui.settings import AppSettings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as work:
        inbox = Path(work) / "简讯收件箱"
        inbox.mkdir()
        sample = inbox / "第9期.txt"
        shutil.copy(ROOT / "resources/samples/sample-bulletin.txt", sample)
        settings = AppSettings(inbox=inbox, export_dir=Path(work) / "导出", language="zh_CN")
        desk = build_desk(DeskConfig(data=DataDir(Path(work) / "data"), settings=settings))
        outcome = ingest_file(desk.store, sample)
        desk.window.model.reload()
        desk.window.resize(1600, 950)
        desk.window.show()
        assert outcome.bulletin_id is not None
        desk.window.select_bulletin(outcome.bulletin_id)
        field = desk.window.form.fields["sections[0].articles[1].paragraphs"]
        field.widget.setFocus()
        for _ in range(20):
            app.processEvents()
        desk.window.grab().save(str(ROOT / "docs" / "desk.png"))
        desk.close()
    print("docs/desk.png")


if __name__ == "__main__":
    main()
