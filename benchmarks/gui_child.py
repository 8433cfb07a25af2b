"""Measurements of the desk inside one fresh process (cold start needs a fresh process).

    python -m benchmarks.gui_child DATA_DIR INBOX

Prints one JSON object: seconds to the first paint since the interpreter started,
select-a-row times over the queue, peak RSS with the whole queue, and the latency
from a file closed in the inbox to its row in the queue.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.core.paths import DataDir  # noqa: E402
from editor.gui.app import DeskConfig, build_desk  # noqa: E402
from editor.gui.settings import AppSettings  # noqa: E402


def main() -> None:
    data, inbox, sample = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    app = QApplication(sys.argv[:1])
    settings = AppSettings(inbox=inbox, stability_delay=2.0)
    desk = build_desk(DeskConfig(data=DataDir(data), settings=settings))
    painted: list[float] = []
    desk.window.show()
    QTimer.singleShot(0, lambda: painted.append(time.perf_counter() - STARTED))
    while not painted:
        app.processEvents()
    window = desk.window
    rows = window.model.rowCount()
    times = []
    for row in [0, 1, rows // 2, rows - 1, 17, rows // 3, 2 * rows // 3, rows - 2] * 3:
        start = time.perf_counter()
        window.table.selectRow(row)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
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
    desk.close()
    print(
        json.dumps(
            {
                "first_paint_s": painted[0],
                "rows": rows,
                "select_ms": times,
                "select_median_ms": statistics.median(times),
                "peak_rss_mb": rss_mb,
                "watch_latency_s": latency,
            }
        )
    )


if __name__ == "__main__":
    main()
