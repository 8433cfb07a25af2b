"""The core never imports Qt: it must run in the CLI, tests and worker threads."""

from __future__ import annotations

import pkgutil
from pathlib import Path

from support.fresh import modules_after, top_level

import editor.core

ROOT = Path(__file__).resolve().parents[1]
PARSE_SAMPLE = (
    "from editor.launch import main\n"
    f"assert main(['parse', {str(ROOT / 'resources' / 'samples' / 'sample-bulletin.txt')!r}]) == 0"
)
"""``jianxun parse`` of the sample text, as the command runs it."""


def test_core_modules_import_without_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(editor.core.__path__, prefix="editor.core.")]
    assert "editor.core.parsing.body" in modules
    code = (
        "import importlib\n"
        f"for name in {modules!r} + ['editor.cli']:\n"
        "    importlib.import_module(name)\n"
    )
    loaded = modules_after(code)
    assert "editor.core.parsing.body" in loaded
    assert not top_level(loaded) & {"PySide6", "shiboken6"}


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
    loaded = top_level(modules_after(PARSE_SAMPLE))
    heavy = {"sqlite_utils", "psycopg", "numpy", "cv2", "onnxruntime", "PIL", "docx", "lxml"}
    assert not loaded & (heavy | {"pypdfium2", "pypdfium2_raw"})


def test_the_command_line_loads_only_what_its_command_uses() -> None:
    """Building the command line (every command's options and help) loads no part of the
    core that only some commands use: not the exporter, not the archive, not the show
    command's report, not the watcher's threads and sockets."""
    loaded = modules_after(
        "from editor.cli import _parser\n_parser().parse_args(['parse', 'x.txt'])"
    )
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
    unwanted = {"dataclasses", "inspect", "datetime", "threading", "unicodedata"} | {
        "editor.core.recognition",
        "editor.cli_export",
        "editor.core.reading.docx",
        "editor.core.reading.pdf",
    }
    assert not modules_after(PARSE_SAMPLE) & unwanted


def test_ingest_and_its_parse_workers_load_no_docx_or_pdf_reader() -> None:
    """The spawn workers of a batch ingest import editor.core.ingest_batch afresh: a folder
    of text bulletins pays for no python-docx, lxml or pdfium there (issue 19); a DOCX or
    PDF loads its reader when it comes."""
    loaded = modules_after("import editor.core.ingest_batch")
    assert "editor.core.ingest_batch" in loaded
    assert not loaded & {"docx", "lxml", "pypdfium2"}
    assert not loaded & {"editor.core.reading.docx", "editor.core.reading.pdf"}


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
        "assert code == 0\n"
        # painted: the real window, with the empty form
        "assert window.form.widget().text() == '从左侧选择一份简报'\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    loaded = modules_after(code, env=env)
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
