"""Measurements of the desk inside one fresh process (cold start needs a fresh process).

    python -m benchmarks.gui_child cold DATA_DIR INBOX
    python -m benchmarks.gui_child floor
    python -m benchmarks.gui_child desk DATA_DIR INBOX SAMPLE

``cold`` starts the desk the way ``jianxun`` does (:func:`editor.gui.app.run`) and prints
``painted`` the moment the main window is first painted, then ``ready`` once its queue
holds the archive's rows, and closes the desk. ``floor`` does the same for a bare Qt
window: what any PySide6 program pays to paint once. The parent stamps each line as it
arrives, timing from its own spawn of the process; nothing before the spawn is counted
out, so the figures include starting Python and loading Qt.

``desk`` prints one JSON object: select-a-row times over the queue, once the desk's idle
work after the queue fills is done (as when a user first looks at it: the series in view
read ahead, :mod:`editor.gui.idle_warmth`) (and the GUI thread's
CPU time for each, which a busy machine disturbs less), after each the floor (the same
window repainted whole with nothing changed: the least a selection that changes what the
window shows must pay), peak RSS with the whole queue, and the latency from a file closed
in the inbox to its row in the queue.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def cold(data: Path, inbox: Path) -> None:
    """The real start, seen from outside: first paint of the main window, then a full queue.

    The first paint is the main window's first paint event, seen by an event filter on that
    window alone (before the window's own handlers: the archive opens after it). Not an
    application-wide filter: a Python filter there sees every event of every object, and
    making Python wrappers for Qt's private objects as their events pass (a gesture manager,
    the first view's helpers) cost the desk some 30 ms that the bare window never paid,
    which measured the benchmark rather than the desk.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    app = QApplication(sys.argv[:1])  # (run() takes the one that exists)

    def refuse(*args: object, **_kwargs: object) -> int:
        # A question or a refusal at start (a password, an archive too new): no start to
        # time. Said on stderr, and the process ends at once.
        words = [a for a in args if isinstance(a, str)]
        sys.stderr.write(f"a dialog at start: {' '.join(words)}\n")
        sys.stderr.flush()
        os._exit(3)

    for name in ("critical", "warning", "question", "information"):
        setattr(QMessageBox, name, staticmethod(refuse))
    QDialog.exec = refuse  # type: ignore[method-assign]
    QMessageBox.exec = refuse  # type: ignore[method-assign]

    from editor.gui import main_window

    windows: list[main_window.MainWindow] = []
    poll = QTimer(interval=5)

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not poll.isActive():
                say("painted")
                poll.start()
            return False

    def check_ready() -> None:
        if windows and windows[0].model.rowCount() > 0:
            poll.stop()
            say("ready")
            app.quit()

    poll.timeout.connect(check_ready)
    watch = Watch()
    show = main_window.MainWindow.show

    def show_and_watch(window: main_window.MainWindow) -> None:
        if not windows:
            windows.append(window)
            window.installEventFilter(watch)
        show(window)

    main_window.MainWindow.show = show_and_watch  # type: ignore[method-assign,assignment]
    QTimer.singleShot(120_000, app.quit)  # (a desk that never fills its queue ends anyway)
    from editor.gui.app import run

    run(inbox=inbox, data=data)


def floor() -> None:
    """A bare Qt window's first paint: the least a PySide6 desk can take (seen the same
    way: an event filter on that window alone)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                say("painted")
                app.quit()
            return False

    watch = Watch()
    window = QLabel("简讯编审台")
    window.installEventFilter(watch)
    window.resize(1280, 800)
    window.show()
    app.exec()


def desk(data: Path, inbox: Path, sample: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from editor.core.paths import DataDir
    from editor.gui.app import DeskConfig, build_desk
    from editor.gui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    settings = AppSettings(inbox=inbox, stability_delay=2.0)
    built = build_desk(DeskConfig(data=DataDir(data), settings=settings))
    window = built.window
    window.show()
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline and not (
        window.windowHandle() is not None and window.windowHandle().isExposed()
    ):
        app.processEvents()
    app.processEvents()
    # As a user first looks at the queue: the desk's idle work after it fills (each series
    # in view read ahead, the heap settled: editor.gui.idle_warmth) has its turn.
    while time.perf_counter() < deadline and (
        window.model.rowCount() == 0 or window.warmth.pending
    ):
        app.processEvents()
    rows = window.model.rowCount()
    with_series = 0
    times = []
    cpu = []  # the GUI thread's own CPU time: what the wall clock shows less other programs' turns
    floor = []  # after each selection, the window repainted whole: measured in between
    for row in [0, 1, rows // 2, rows - 1, 17, rows // 3, 2 * rows // 3, rows - 2] * 3:
        summary = window.model.summary(row)
        with_series += bool(summary is not None and summary.series)
        start, start_cpu = time.perf_counter(), time.thread_time()
        window.table.selectRow(row)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        start = time.perf_counter()
        window.repaint()
        floor.append((time.perf_counter() - start) * 1000)
    window.table.scrollToBottom()
    app.processEvents()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    before = window.model.rowCount()
    target = inbox / f"latency-{time.time_ns()}.txt"
    target.write_bytes(sample.read_bytes() + f"\n延迟测试{time.time_ns()}。\n".encode())
    closed = time.perf_counter()
    while window.model.rowCount() == before and time.perf_counter() - closed < 30:
        app.processEvents()
        time.sleep(0.005)
    latency = time.perf_counter() - closed
    built.close()
    say(
        json.dumps(
            {
                "rows": rows,
                "selected_with_series": with_series,
                "selected": len(times),
                "select_ms": times,
                "select_median_ms": statistics.median(times),
                "select_cpu_median_ms": statistics.median(cpu),
                "floor_ms": floor,
                "peak_rss_mb": rss_mb,
                "watch_latency_s": latency,
            }
        )
    )


def main() -> None:
    mode, args = sys.argv[1], [Path(a) for a in sys.argv[2:]]
    if mode == "cold":
        cold(*args)
    elif mode == "floor":
        floor()
    else:
        desk(*args)


if __name__ == "__main__":
    main()
