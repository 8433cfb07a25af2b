"""Crash safety: killed while editing or exporting, or out of disk space — nothing is lost."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from support.processes import EXPORT_FOREVER

from editor.core.export import ExportError, export_docx
from editor.core.ingest import ingest_file
from editor.core.parsing import parse_text
from editor.core.paths import DataDir
from editor.core.store import SqliteStore

ROOT = Path(__file__).resolve().parents[1]

EDIT_THEN_WAIT = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from editor.core.paths import DataDir
from editor.gui.app import DeskConfig, build_desk
from editor.gui.settings import AppSettings
app = QApplication([])
work = Path(sys.argv[1])
desk = build_desk(DeskConfig(DataDir(work / "data"), AppSettings(
    inbox=work / "inbox", export_dir=work / "out", language="zh_CN", user="编辑")))
window = desk.window
saved = []
window.saved.connect(saved.append)
window.select_bulletin(1)
field = window.form.fields["masthead.issuer"]
field.widget.setText("崩溃前改的单位")
field.widget.textEdited.emit("崩溃前改的单位")
deadline = time.monotonic() + 10
while not saved and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("saved" if saved else "not saved", flush=True)
time.sleep(60)
"""


def test_killed_after_an_edit_the_edit_is_in_the_archive(tmp_path: Path, sample_text: str) -> None:
    data = DataDir(tmp_path / "data")
    (tmp_path / "inbox").mkdir()
    sample = tmp_path / "第9期.txt"
    sample.write_text(sample_text, encoding="utf-8")
    with SqliteStore(data) as store:
        ingest_file(store, sample)
    process = subprocess.Popen(
        [sys.executable, "-c", EDIT_THEN_WAIT, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "saved"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        process.stdout.close()  # type: ignore[union-attr]
    with SqliteStore(data) as store:
        assert store.integrity_ok()
        current = store.get(1).current
        assert current is not None
        assert current.masthead.issuer == "崩溃前改的单位"
        assert any(r.field_path == "masthead.issuer" for r in store.revisions(1))


@pytest.mark.parametrize("delay", [0.05, 0.21, 0.43])
def test_killed_while_exporting_no_half_docx_under_the_final_name(
    tmp_path: Path, sample_text: str, delay: float
) -> None:
    source, target = tmp_path / "b.txt", tmp_path / "第9期.docx"
    source.write_text(sample_text, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", EXPORT_FOREVER, str(source), str(target)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    import threading

    threading.Event().wait(delay + 0.3)  # a moment in the middle of some export
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    process.stdout.close()
    if target.exists():
        assert zipfile.ZipFile(target).testzip() is None
        Document(str(target))  # a whole DOCX, never half of one


def test_a_full_disk_fails_clearly_and_the_store_stays_consistent(
    tmp_path: Path, sample_text: str
) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must run the full-disk test (root and mount)")
        pytest.skip("needs root to mount a small tmpfs")
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(small)], check=True)
    try:
        data = DataDir(small / "data")
        failures: list[str] = []
        with SqliteStore(data) as store:
            inbox = tmp_path / "inbox"
            inbox.mkdir()
            for index in range(200):
                path = inbox / f"{index}.txt"
                path.write_text(sample_text + f"\n第{index}份。\n" * 20, encoding="utf-8")
                outcome = ingest_file(store, path)  # never raises, also on a full disk
                if outcome.kind != "new":
                    failures.append(outcome.message)
                    break
            assert failures, "the disk never filled up"
            # Nothing recorded, tried again later, and said in Chinese (no errno text).
            assert outcome.kind == "retry"
            assert "磁盘空间已满" in failures[0]
            assert "No space" not in failures[0]
            recorded = store.count()
        with SqliteStore(data) as again:
            assert again.integrity_ok()
            assert again.count() == recorded
        bulletin = parse_text(sample_text)
        article = bulletin.sections[0].articles[0]
        article.paragraphs = article.paragraphs * 200
        with pytest.raises(ExportError, match=r"写入失败|无法写入"):
            export_docx(bulletin, small / "out.docx")
        assert not (small / "out.docx").exists()
        assert not list(small.glob(".out.*.part"))
    finally:
        subprocess.run(["umount", str(small)], check=False)
