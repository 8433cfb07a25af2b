"""Archive: ingest 10,000 bulletins into an empty store (< 60 s, peak RSS < 300 MB),
full-text search over them (< 30 ms median), and how search time grows with the store.

``JIANXUN_BENCH_FILES`` sets the number of files (default 10,000).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from support.render import RenderOptions, render

from benchmarks.timing import Timing, measure
from editor.core.model import Bulletin
from editor.core.paths import DataDir
from editor.core.store import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = [
    RenderOptions(),
    RenderOptions(width=48, blanks="none"),
    RenderOptions(width=None, blanks="none", page_lines=None),
    RenderOptions(encoding="gbk", newline="\r\n"),
]


def make_files(folder: Path, count: int) -> None:
    """``count`` distinct bulletins from the fixtures, rendered in several ways."""
    fixtures = [
        json.loads(p.read_text("utf-8"))
        for p in sorted((ROOT / "tests" / "fixtures" / "bulletins").glob("*.json"))
    ]
    for index in range(count):
        bulletin = json.loads(json.dumps(fixtures[index % len(fixtures)]))
        article = bulletin["sections"][-1]["articles"][-1]
        article["paragraphs"].append(f"本条为第{index}份测试简报，编号{index * 7919 % 100003}。")
        if bulletin["masthead"]["issue"] is not None:
            bulletin["masthead"]["issue"] = index % 60 + 1
        data = render(bulletin, VARIANTS[index % len(VARIANTS)]).data
        (folder / f"简报{index:05}.txt").write_bytes(data)


def ingest(folder: Path, data: Path) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest_child", str(folder), str(data)],
        capture_output=True,
        check=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'tests'}"),
    )
    result: dict[str, float] = json.loads(run.stdout)
    return result


def synthetic_store(data: Path, count: int) -> None:
    """A store of ``count`` bulletins made directly (no files): for search-scaling figures."""
    fixtures = [
        json.loads(p.read_text("utf-8"))
        for p in sorted((ROOT / "tests" / "fixtures" / "bulletins").glob("*.json"))
    ]
    with SqliteStore(DataDir(data)) as store:
        for index in range(count):
            bulletin = Bulletin.from_dict(fixtures[index % len(fixtures)])
            bulletin.sections[-1].articles[-1].paragraphs.append(f"本条为第{index}份测试简报。")
            store.add(
                source_path=f"/synthetic/{index}.txt",
                source_name=f"{index}.txt",
                sha256=f"synthetic-{index}",
                size=1,
                mtime_ns=index,
                bulletin=bulletin,
                failure=None,
                user="bench",
            )


def search_scaling(work: Path) -> list[Timing]:
    """Search time against store size (1k, 10k; 100k with JIANXUN_BENCH_100K=1)."""
    sizes = [1_000, 10_000] + ([100_000] if os.environ.get("JIANXUN_BENCH_100K") else [])
    results = []
    for size in sizes:
        data = work / f"synthetic-{size}"
        synthetic_store(data, size)
        with SqliteStore(DataDir(data)) as store:
            for query, label in (("方志馆建设", "FTS"), ("方志", "2 characters")):
                results.append(
                    measure(
                        f"  scaling: search {size} ({label})", partial(store.search, query), runs=20
                    )
                )
    return results


def run(workspace: Path | None = None) -> list[Timing]:
    """Ingest into ``workspace/data`` (kept for the GUI benchmark) or a temporary folder."""
    count = int(os.environ.get("JIANXUN_BENCH_FILES", "10000"))
    results: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="jianxun-bench-") as temp:
        work = workspace or Path(temp)
        folder, data = work / "inbox", work / "data"
        folder.mkdir(parents=True, exist_ok=True)
        make_files(folder, count)
        figures = ingest(folder, data)
        seconds = figures["seconds"]
        results.append(
            Timing(
                f"ingest {count} files into an empty store",
                1,
                seconds * 1000,
                seconds * 1000,
                seconds * 1000,
                60_000.0,
            )
        )
        print(
            f"#   ingest: {count / seconds:.0f} files/s, peak RSS {figures['peak_mb']:.0f} MB "
            f"(target < 300 MB), outcomes {figures['kinds']}"
        )
        with SqliteStore(DataDir(data)) as store:
            for query, label in (
                ("方志馆建设", "FTS, 5 characters"),
                ("年鉴编纂", "FTS, 4 characters"),
                ("方志", "2 characters, pair index"),
            ):
                results.append(
                    measure(
                        f"search {count} bulletins: {label}",
                        partial(store.search, query),
                        runs=30,
                        target_ms=30.0,
                    )
                )
        results += search_scaling(work)
    return results
