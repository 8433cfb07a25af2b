"""The desk's start: the window first, the archive after it.

``jianxun`` paints its window with only Qt and the window's own modules loaded, the queue
saying that the archive is being opened; the archive (and its SQLite code), the inbox's
watcher, the exporter and the PDF reader load after that first paint, and the queue fills.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from editor.core.paths import DataDir
from editor.core.store import SqliteStore
from editor.gui.settings import (
    DEFAULT_PATTERN,
    DEFAULT_STABILITY_DELAY,
    default_user,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "sample-bulletin.txt"

LATER = (  # what the first paint must not wait for
    "sqlite_utils",
    "numpy",
    "watchdog",
    "docx",
    "lxml",
    "pypdfium2",
    "psycopg",
    "PIL",
    "editor.core.store",
    "editor.core.ingest",
    "editor.core.inbox",
    "editor.core.export",
    "editor.core.parsing",
    "editor.core.reading",
)

CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

LATER = {later!r}
app = QApplication(sys.argv[:1])
seen = {{}}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if (
            "loaded" not in seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), QMainWindow)
        ):
            window = watched.window()
            seen["loaded"] = sorted(
                m for m in sys.modules if any(m == p or m.startswith(p + ".") for p in LATER)
            )
            seen["hint"] = window.queue.hint.text() if window.queue.hint.isVisible() else ""
            seen["rows"] = window.model.rowCount()
            seen["icon"] = not app.windowIcon().isNull()
            poll = QTimer(window, interval=10)
            poll.timeout.connect(lambda: filled(window))
            poll.start()
        return False

def filled(window):
    if window.model.rowCount() and "rows_after" not in seen:
        seen["rows_after"] = window.model.rowCount()
        seen["after"] = "editor.core.store" in sys.modules
        seen["icon_after"] = not app.windowIcon().isNull()
    if "rows_after" in seen and all(
        m in sys.modules
        for m in (
            "editor.gui.form.form_page",
            "editor.core.checks.punctuation",
            "editor.core.checks.history",
        )
    ):
        seen["warm"] = True  # the form's code for a first bulletin, loaded while idle
        app.quit()

watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(60_000, app.quit)
from editor.gui.app import run
code = run(inbox=Path({inbox!r}), data=Path({data!r}))
print(json.dumps(dict(seen, code=code)))
"""


def test_the_window_is_painted_before_the_archive_opens(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    with SqliteStore(data) as store:
        from editor.core.ingest import ingest_file

        assert ingest_file(store, SAMPLE).kind == "new"
    code = CHILD.format(later=LATER, inbox=str(tmp_path / "收件箱"), data=str(data.root))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "settings"),  # the desk's QSettings, not the user's
        LC_ALL="C.UTF-8",  # (the interface in Chinese: the settings say "follow the system")
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, env=env, text=True, timeout=90
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == [], "loaded before the first paint"
    assert seen["hint"] == "正在打开档案…"
    assert seen["rows"] == 0
    assert seen["rows_after"] == 1  # then the archive opens and the queue fills
    assert seen["after"] is True
    # The icon (Qt reads every image plugin for it) once the window is on the screen.
    assert seen["icon"] is False
    assert seen["icon_after"] is True
    assert seen.get("warm") is True
    assert seen["code"] == 0


def test_the_settings_defaults_are_the_cores() -> None:
    """The settings name these defaults themselves (so reading them loads neither the
    exporter nor the inbox's watcher nor the archive); they are the core's own."""
    from editor.core.export.naming import DEFAULT_PATTERN as EXPORT_PATTERN
    from editor.core.inbox import DEFAULT_STABILITY_DELAY as INBOX_DELAY
    from editor.core.ingest import default_user as ingest_user

    assert DEFAULT_PATTERN == EXPORT_PATTERN
    assert DEFAULT_STABILITY_DELAY == INBOX_DELAY
    assert default_user() == ingest_user()


DROP_CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

app = QApplication(sys.argv[:1])
seen = {{}}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if (
            "dropped" not in seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), QMainWindow)
        ):
            window = watched.window()
            # A file arrives while the window is being painted: before the inbox's watcher is
            # made, or the archive opened.
            early = Path({sample!r}).read_bytes() + "\\n到得很早。\\n".encode()
            Path({dropped!r}).write_bytes(early)
            seen["dropped"] = "editor.core.inbox" in sys.modules
            poll = QTimer(window, interval=20)
            poll.timeout.connect(lambda: taken(window))
            poll.start()
        return False

def taken(window):
    if window.model.rowCount() == 2:
        seen["rows"] = 2
        seen["log"] = [entry.text for entry in window.inbox_log.entries]
        app.quit()

watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(30_000, app.quit)
from editor.gui.app import run
code = run(inbox=Path({inbox!r}), data=Path({data!r}))
print(json.dumps(dict(seen, code=code)))
"""


def test_a_file_dropped_into_the_inbox_at_start_is_taken(tmp_path: Path) -> None:
    """The watcher starts after the first paint; a file that arrives before it does (here:
    during that paint) is taken all the same, and its row joins the queue."""
    data = DataDir(tmp_path / "data")
    with SqliteStore(data) as store:
        from editor.core.ingest import ingest_file

        assert ingest_file(store, SAMPLE).kind == "new"
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    code = DROP_CHILD.format(
        dropped=str(inbox / "第二份.txt"), sample=str(SAMPLE), inbox=str(inbox), data=str(data.root)
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "settings"),
        LC_ALL="C.UTF-8",
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, env=env, text=True, timeout=90
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["dropped"] is False  # (the watcher was not there yet)
    assert seen.get("rows") == 2, "the file dropped at start never reached the queue"
    assert any("第二份.txt" in line for line in seen["log"]), seen["log"]
    assert seen["code"] == 0
