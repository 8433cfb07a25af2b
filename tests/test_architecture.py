"""The core never imports Qt: it must run in the CLI, tests and worker threads."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import editor.core

ROOT = Path(__file__).resolve().parents[1]


def test_core_modules_import_without_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(editor.core.__path__, prefix="editor.core.")]
    assert "editor.core.parsing.body" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r} + ['editor.cli']:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""


def test_no_core_source_mentions_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "editor" / "core").rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_parsing_a_text_file_loads_neither_the_archive_nor_ocr_nor_other_readers() -> None:
    """``jianxun parse`` of a text file starts about as fast as Python itself: the archive
    (sqlite-utils, psycopg), OCR (numpy, OpenCV, onnxruntime, Pillow), the DOCX reader and
    exporter (python-docx, lxml) and the PDF reader (pypdfium2) load only for what needs them."""
    sample = ROOT / "resources" / "samples" / "sample-bulletin.txt"
    code = (
        "import sys\n"
        "from editor.launch import main\n"
        f"code = main(['parse', {str(sample)!r}])\n"
        "heavy = ('sqlite_utils', 'psycopg', 'numpy', 'cv2', 'onnxruntime', 'PIL',\n"
        "         'docx', 'lxml', 'pypdfium2', 'pypdfium2_raw')\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & set(heavy))\n"
        "print(code, ','.join(loaded), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, text=True)
    assert run.stderr.strip() == "0", run.stderr


def test_the_command_line_loads_only_what_its_command_uses() -> None:
    """Building the command line (every command's options and help) loads no part of the
    core that only some commands use: not the exporter, not the archive, not the show
    command's report, not the watcher's threads and sockets."""
    code = (
        "import sys\n"
        "from editor.cli import _parser\n"
        "_parser().parse_args(['parse', 'x.txt'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('editor.', 'socket')))\n"
        "print(','.join(loaded))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, text=True)
    assert run.returncode == 0, run.stderr
    loaded = set(run.stdout.strip().split(","))
    for name in (
        "editor.core.export",
        "editor.core.store",
        "editor.core.parsing",
        "editor.core.normalise",
        "editor.cli_show",
        "editor.cli_ocr",
        "socket",
    ):
        assert name not in loaded, f"{name} loads with the command line: {sorted(loaded)}"
    assert "editor.cli_archive" in loaded  # (so the test looks at the right list)


def test_parsing_a_text_file_loads_only_what_a_text_needs() -> None:
    """Nor what only the start of other commands needs (issue 19: ``jianxun parse`` within
    twice Python's own start): no dataclasses (with inspect, ast and tokenize), no datetime,
    no threads (editor.core.recognition tells scans), no exporter's command line."""
    sample = ROOT / "resources" / "samples" / "sample-bulletin.txt"
    code = (
        "import sys\n"
        "from editor.launch import main\n"
        f"code = main(['parse', {str(sample)!r}])\n"
        "unwanted = ('dataclasses', 'inspect', 'datetime', 'threading', 'unicodedata',\n"
        "            'editor.core.recognition', 'editor.cli_export', 'editor.core.reading.docx',\n"
        "            'editor.core.reading.pdf')\n"
        "loaded = sorted(set(sys.modules) & set(unwanted))\n"
        "print(code, ','.join(loaded), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, text=True)
    assert run.stderr.strip() == "0", run.stderr


def test_ingest_and_its_parse_workers_load_no_docx_or_pdf_reader() -> None:
    """The spawn workers of a batch ingest import editor.core.ingest_batch afresh: a folder
    of text bulletins pays for no python-docx, lxml or pdfium there (issue 19); a DOCX or
    PDF loads its reader when it comes."""
    code = (
        "import sys\n"
        "import editor.core.ingest_batch\n"
        "unwanted = ('docx', 'lxml', 'pypdfium2', 'editor.core.reading.docx',\n"
        "            'editor.core.reading.pdf')\n"
        "print(','.join(sorted(set(sys.modules) & set(unwanted))), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "", run.stderr


def test_the_desks_first_paint_loads_no_field_widgets_nor_rules(tmp_path: Path) -> None:
    """The main window, painted with no bulletin selected (as at start), shows an empty form:
    the field widgets, the form's boxes, the rules' helpers, OCR's marks and the diff load
    with the first bulletin shown, not before the first paint (issue 19: start ≤ 0.5 s)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "from editor.gui.main_window import MainWindow\n"
        "from editor.gui.operations import Operations\n"
        "from editor.gui.settings import AppSettings\n"
        f"settings = AppSettings(inbox=Path({str(tmp_path / 'inbox')!r}))\n"
        "window = MainWindow(None, Operations(), settings)\n"
        "window.painted.connect(app.quit)\n"
        "QTimer.singleShot(60_000, lambda: app.exit(3))\n"
        "window.show()\n"
        "code = app.exec()\n"
        "print(code, window.form.widget().text())\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('editor.'))))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, env=env, text=True, timeout=90
    )
    assert run.returncode == 0, run.stderr
    said, modules = run.stdout.strip().splitlines()[-2:]
    assert said == "0 从左侧选择一份简报"  # (painted: the empty form, the real window)
    loaded = set(modules.split(","))
    assert "editor.gui.form.bulletin_form" in loaded  # (the form itself is on the screen)
    for name in (
        "editor.gui.form.field_base",
        "editor.gui.form.fields",
        "editor.gui.form.paragraphs",
        "editor.gui.form.form_page",
        "editor.gui.form.form_boxes",
        "editor.gui.form.form_editing",
        "editor.gui.form.form_labels",
        "editor.gui.form.form_states",
        "editor.core.checks.history",
        "editor.core.checks.suggest",
        "editor.core.doubt_marks",
        "editor.core.diff",
        "editor.core.normalise",
        "editor.core.checks",
        "editor.core.fieldpath",
        "editor.core.series",
    ):
        assert name not in loaded, f"{name} loads before the desk's first paint"
