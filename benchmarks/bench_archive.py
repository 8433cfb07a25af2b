"""Archive: ingest of real-size bulletins against a durable floor measured in the same run,
into an empty archive and into one that already holds the bigger set; the archive's size
against its text.

The files are about 5.7 KB like the shared corpus: the test fixtures (those with a masthead,
so every bulletin has a series) grown with each other's sections, rendered four ways, one
in four in GBK with CRLF line ends. The floor takes the same files the simplest durable
way: read, hash, write the original with fsync, one SQLite row and a commit per file.

``JIANXUN_BENCH_FILES`` sets the bigger set (default 10,000; the smaller is 2,000),
``JIANXUN_BENCH_RUNS`` the runs of each (default 5). Search has its own benchmark
(bench_search); the desk benchmark uses the archive left in ``workspace/data``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support.render import RenderOptions, render

from benchmarks.timing import Timing

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = [
    RenderOptions(),
    RenderOptions(width=48, blanks="none"),
    RenderOptions(width=None, blanks="none", page_lines=None),
    RenderOptions(encoding="gbk", newline="\r\n"),
]
REAL_SIZE = 4_800  # UTF-8 bytes a bulletin grows to before rendering (files: 5.7 KB on average)


def make_files(folder: Path, count: int, start: int = 0) -> int:
    """``count`` distinct real-size bulletins numbered from ``start``; their total bytes."""
    fixtures = [
        json.loads(p.read_text("utf-8"))
        for p in sorted((ROOT / "tests" / "fixtures" / "bulletins").glob("*.json"))
    ]
    fixtures = [f for f in fixtures if f["masthead"].get("name")]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(start, start + count):
        bulletin = json.loads(json.dumps(fixtures[index % len(fixtures)]))
        bulletin["sections"][-1]["articles"][-1]["paragraphs"].append(
            f"本条为第{index}份测试简报，编号{index * 7919 % 100003}。"
        )
        step = 1
        while len(render(bulletin, VARIANTS[0]).data) < REAL_SIZE and step < len(fixtures):
            extra = fixtures[(index + step) % len(fixtures)]
            bulletin["sections"] += json.loads(json.dumps(extra["sections"]))
            step += 1
        if bulletin["masthead"]["issue"] is not None:
            bulletin["masthead"]["issue"] = index % 60 + 1
        data = render(bulletin, VARIANTS[index % len(VARIANTS)]).data
        (folder / f"简报{index:06}.txt").write_bytes(data)
        total += len(data)
    return total


def durable_floor(folder: Path, work: Path) -> float:
    """Seconds to take the folder the simplest durable way (see the module's docstring)."""
    originals = work / "originals"
    originals.mkdir(parents=True)
    conn = sqlite3.connect(work / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT, sha TEXT UNIQUE, n INT)")
    start = time.perf_counter()
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        fd, temp = tempfile.mkstemp(dir=originals)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, originals / f"{sha}.txt")
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO files (path, sha, n) VALUES (?, ?, ?)", (str(path), sha, len(data))
        )
        conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def ingest(folder: Path, data: Path) -> dict[str, float]:
    """Ingest the folder in a fresh process (as ``jianxun ingest`` does); its figures."""
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest_child", str(folder), str(data)],
        capture_output=True,
        check=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'tests'}"),
    )
    result: dict[str, float] = json.loads(run.stdout)
    return result


def _timing(name: str, seconds: list[float], target_s: float | None = None) -> Timing:
    ms = [s * 1000 for s in seconds]
    target = None if target_s is None else target_s * 1000
    return Timing(name, len(ms), statistics.median(ms), min(ms), max(ms), target)


def _series(
    label: str, folder: Path, work: Path, runs: int, base: Path | None, target_s: float | None
) -> tuple[list[Timing], Path]:
    """Ingest ``folder`` ``runs`` times (into a copy of ``base`` when given) beside the floor."""
    floors, takes, peaks = [], [], []
    kept = work / f"{label}-kept"
    for run in range(runs):
        floor_dir = work / f"{label}-floor-{run}"
        floors.append(durable_floor(folder, floor_dir))
        shutil.rmtree(floor_dir)
        data = work / f"{label}-data-{run}"
        if base is not None:
            shutil.copytree(base, data)
        figures = ingest(folder, data)
        takes.append(figures["seconds"])
        peaks.append(figures["peak_mb"])
        if run == 0:
            shutil.move(data, kept)
        else:
            shutil.rmtree(data)
    count = len(list(folder.iterdir()))
    ratio = statistics.median(takes) / statistics.median(floors)
    print(
        f"#   ingest {label}: {count / statistics.median(takes):.0f} files/s, "
        f"{ratio:.2f}x the durable floor (target <= 4x), peak RSS {max(peaks):.0f} MB"
    )
    return [
        _timing(f"  durable floor: {label}", floors),
        _timing(f"ingest {label}", takes, target_s),
    ], kept


def run(workspace: Path | None = None) -> list[Timing]:
    """Ingest benchmarks; the bigger archive is left in ``workspace/data`` for the desk's."""
    big = int(os.environ.get("JIANXUN_BENCH_FILES", "10000"))
    runs = int(os.environ.get("JIANXUN_BENCH_RUNS", "5"))
    small = min(2_000, big)
    results: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="jianxun-bench-") as temp:
        work = workspace or Path(temp)
        first, second = work / "inbox", work / "inbox-more"
        text_bytes = make_files(first, big)
        make_files(second, big, start=big)
        few = work / "inbox-few"
        few.mkdir(exist_ok=True)
        for path in sorted(first.iterdir())[:small]:
            shutil.copy2(path, few / path.name)
        timings, kept = _series(f"{small} files into an empty archive", few, work, runs, None, None)
        results += timings
        shutil.rmtree(kept)
        timings, kept = _series(f"{big} files into an empty archive", first, work, runs, None, 30)
        results += timings
        database = kept / "jianxun.sqlite3"
        size = database.stat().st_size + sum(
            p.stat().st_size for p in kept.glob("jianxun.sqlite3-*")
        )
        print(
            f"#   archive of {big}: database {size / 1e6:.0f} MB for {text_bytes / 1e6:.0f} MB "
            f"of bulletins = {size / text_bytes:.2f}x its text (target <= 2x); originals "
            f"{sum(p.stat().st_size for p in (kept / 'originals').iterdir()) / 1e6:.0f} MB"
        )
        label = f"{big} more into an archive of {big}"
        timings, more = _series(label, second, work, runs, kept, 30)
        results += timings
        shutil.rmtree(more)
        data = work / "data"
        if data.exists():
            shutil.rmtree(data)
        shutil.move(kept, data)
    return results


if __name__ == "__main__":
    from benchmarks.timing import HEADER

    print(HEADER)
    for timing in run():
        print(timing.row(), flush=True)
