"""The desk: cold start to first paint (<= 0.5 s), selecting a bulletin in a 10,000-row queue
(<= 30 ms), memory with that queue (< 300 MB), and inbox latency (<= stability delay + 1 s).

Runs on the archive the archive benchmark filled (``workspace/data``), or on the data
directory given: ``.venv/bin/python -m benchmarks.bench_gui DATA_DIR``.

Cold start is timed from this process's spawn of the desk's process (``jianxun``'s own start,
:func:`editor.gui.app.run`) to the first paint of its main window, as the child reports it on
stdout; and on to the queue holding the archive's rows. Each run is a fresh process; as root,
the page cache is dropped before each (``/proc/sys/vm/drop_caches``), so Python, Qt and the
archive are read from disk as after a reboot. The floor, from the same run and under the same
conditions: a bare PySide6 program painting one window.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.timing import Timing

ROOT = Path(__file__).resolve().parents[1]
COLD_RUNS = int(os.environ.get("JIANXUN_BENCH_COLD_RUNS", "7"))
DESK_RUNS = int(os.environ.get("JIANXUN_BENCH_DESK_RUNS", "5"))
"""Desks started, each selecting 24 bulletins (a desk's medians differ more than its
selections do: what Python and Qt happened to lay out where)."""


def drop_page_cache() -> bool:
    """Empty the page cache (root on Linux only; JIANXUN_BENCH_DROP_CACHE=0 keeps it: warm
    starts); whether it was done."""
    if os.environ.get("JIANXUN_BENCH_DROP_CACHE") == "0":
        return False
    if sys.platform != "linux" or os.geteuid() != 0:
        return False
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def _spawn_and_time(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning the child to each line it prints (``painted``, ``ready``)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.gui_child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    stamps: dict[str, float] = {}
    for line in child.stdout:
        stamps.setdefault(line.strip(), time.perf_counter() - start)
    errors = child.stderr.read() if child.stderr is not None else ""
    if child.wait() != 0 or "painted" not in stamps:
        raise RuntimeError(f"gui_child {args[0]} failed: {errors.strip()[-2000:]}")
    return stamps


def cold_start(data: Path, inbox: Path, env: dict[str, str]) -> tuple[list[Timing], str]:
    desk: list[dict[str, float]] = []
    bare: list[dict[str, float]] = []
    dropped = []
    for _ in range(COLD_RUNS):
        dropped.append(drop_page_cache())
        desk.append(_spawn_and_time(["cold", str(data), str(inbox)], env))
        dropped.append(drop_page_cache())
        bare.append(_spawn_and_time(["floor"], env))
    painted = [s["painted"] * 1000 for s in desk]
    ready = [s["ready"] * 1000 for s in desk if "ready" in s]
    floor = [s["painted"] * 1000 for s in bare]
    cache = (
        "page cache dropped before each run"
        if all(dropped)
        else "page cache NOT dropped (root on Linux drops it): warm starts"
    )
    ratio = statistics.median(painted) / statistics.median(floor)
    note = (
        f"#   desk cold start, {COLD_RUNS} runs, {cache}: first paint median "
        f"{statistics.median(painted):.0f} ms (min {min(painted):.0f}, max {max(painted):.0f}); "
        f"floor (bare Qt window) median {statistics.median(floor):.0f} ms "
        f"(min {min(floor):.0f}, max {max(floor):.0f}); ratio {ratio:.2f} "
        f"(min/min {min(painted) / min(floor):.2f})"
    )
    results = [
        Timing(
            "desk cold start to first paint",
            len(painted),
            statistics.median(painted),
            min(painted),
            max(painted),
            500.0,
        ),
        Timing(
            "  floor: bare Qt window's first paint",
            len(floor),
            statistics.median(floor),
            min(floor),
            max(floor),
        ),
    ]
    if ready:
        results.append(
            Timing(
                "  desk cold start to a full queue",
                len(ready),
                statistics.median(ready),
                min(ready),
                max(ready),
            )
        )
    return results, note


def _desk_once(data: Path, inbox: Path, sample: Path, env: dict[str, str]) -> dict[str, Any]:
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.gui_child", "desk", *map(str, (data, inbox, sample))],
        capture_output=True,
        cwd=ROOT,
        env=env,
    )
    if child.returncode != 0:  # (what the desk said as it failed: a crash is no timing)
        errors = child.stderr.decode("utf-8", "replace").strip()
        raise RuntimeError(f"gui_child desk failed ({child.returncode}): {errors[-2000:]}")
    figures: dict[str, Any] = json.loads(child.stdout.decode("utf-8").strip().splitlines()[-1])
    return figures


def run(workspace: Path, data: Path | None = None) -> list[Timing]:
    data = data or workspace / "data"
    inbox = workspace / "desk-inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    sample = ROOT / "resources" / "samples" / "sample-bulletin.txt"
    with tempfile.TemporaryDirectory(prefix="jianxun-bench-config-") as config:
        # The desk's own settings (QSettings) go to a folder of the benchmark's, not the user's.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=config)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # (byte code written once, as installed)
        cold, note = cold_start(data, inbox, env)
        desks = [_desk_once(data, inbox, sample, env) for _ in range(DESK_RUNS)]
    figures = desks[-1]
    select = [t for d in desks for t in d["select_ms"]]
    floor = [t for d in desks for t in d["floor_ms"]]
    ratio = statistics.median(select) / statistics.median(floor)
    per_run = " / ".join(f"{d['select_median_ms']:.1f}" for d in desks)
    print(note)
    print(
        f"#   desk: {figures['rows']} rows in the queue, {figures['selected_with_series']} of "
        f"{figures['selected']} selected bulletins in a series; {DESK_RUNS} desks, their "
        f"medians {per_run} ms; GUI thread's CPU median "
        f"{statistics.median(d['select_cpu_median_ms'] for d in desks):.1f} ms; select / "
        f"floor (the window repainted whole, in between) {ratio:.2f}; peak RSS "
        f"{figures['peak_rss_mb']:.0f} MB (target < 300 MB), inbox file -> queue row "
        f"{figures['watch_latency_s']:.2f} s (target <= 2 s delay + 1 s)"
    )
    return [
        *cold,
        Timing(
            f"select a bulletin in a {figures['rows']}-row queue",
            len(select),
            statistics.median(select),
            min(select),
            max(select),
            30.0,
        ),
        Timing(
            "  floor: the window repainted whole",
            len(floor),
            statistics.median(floor),
            min(floor),
            max(floor),
        ),
    ]


if __name__ == "__main__":
    from benchmarks.timing import HEADER

    with tempfile.TemporaryDirectory(prefix="jianxun-bench-") as work:
        given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
        timings = run(Path(work), given)
        print(HEADER)
        for timing in timings:
            print(timing.row())
