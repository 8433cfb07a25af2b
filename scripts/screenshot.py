"""Screenshots of the review desk on real screens, for the README and docs/.

    .venv/bin/python scripts/screenshot.py              # 1280×800, 1366×768, 1920×1080
    .venv/bin/python scripts/screenshot.py 1280x720

Each size runs in its own Xvfb (a real X server, a window manager-less desktop),
so what is saved is the whole screen as an office PC would show it: the window
opens within the free area, with the queue, the source, the form and the
problems panel. Needs Xvfb (Debian package xvfb, installed by scripts/setup.sh).
The queue holds the bundled sample and, when ../shared/corpus is beside the
repository, the office's real bulletins.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = ("1280x800", "1366x768", "1920x1080")


def shoot(size: str, target: Path) -> None:
    """In this process (DISPLAY already set): open a desk, pick a bulletin, grab the screen."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from editor.core.ingest import ingest_file
    from editor.core.paths import DataDir
    from editor.gui.app import DeskConfig, build_desk
    from editor.gui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as work:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, work)
        inbox = Path(work) / "简讯收件箱"
        inbox.mkdir()
        files = [ROOT / "resources/samples/sample-bulletin.txt"]
        corpus = ROOT.parent / "shared" / "corpus"
        if corpus.is_dir():
            files += sorted(corpus.glob("*.txt"))
        settings = AppSettings(inbox=inbox, export_dir=Path(work) / "导出", language="zh_CN")
        desk = build_desk(DeskConfig(data=DataDir(Path(work) / "data"), settings=settings))
        first = None
        for n, source in enumerate(files, start=1):
            copy = inbox / f"简报{n:02d}{source.suffix}"
            shutil.copy(source, copy)
            outcome = ingest_file(desk.store, copy)
            first = first or outcome.bulletin_id
        desk.window.reload_queue()
        desk.window.show()
        assert first is not None
        desk.window.select_bulletin(first)
        field = desk.window.form.fields.get("sections[0].articles[0].paragraphs")
        if field is not None:
            field.widget.setFocus()
        for _ in range(50):
            app.processEvents()
        screen = app.primaryScreen()
        screen.grabWindow(0).save(str(target))
        desk.close()
    print(f"{size}: {target.relative_to(ROOT)}")


def main(sizes: list[str]) -> None:
    if os.environ.get("JIANXUN_SHOT"):
        size = os.environ["JIANXUN_SHOT"]
        shoot(size, ROOT / "docs" / f"desk-{size}.png")
        return
    for number, size in enumerate(sizes, start=90):
        display = f":{number}"
        server = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            env = {**os.environ, "DISPLAY": display, "JIANXUN_SHOT": size}
            env.pop("QT_QPA_PLATFORM", None)
            env.pop("WAYLAND_DISPLAY", None)
            for _ in range(100):  # the server is up once a client can connect
                ready = subprocess.run(["xdpyinfo"], env=env, capture_output=True)
                if ready.returncode == 0:
                    break
                time.sleep(0.1)
            subprocess.run([sys.executable, __file__], env=env, check=True, cwd=ROOT)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main(sys.argv[1:] or list(SIZES))
