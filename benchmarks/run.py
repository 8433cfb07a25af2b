"""Run every benchmark and print one table: ``.venv/bin/python -m benchmarks.run``."""

from __future__ import annotations

import platform
import tempfile
from pathlib import Path

from benchmarks import (
    bench_archive,
    bench_export,
    bench_gui,
    bench_ocr,
    bench_parse,
    bench_pdf,
    bench_process,
    bench_search,
    bench_shared,
)
from benchmarks.timing import HEADER


def main() -> None:
    print(
        f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}"
    )
    print(HEADER)
    with tempfile.TemporaryDirectory(prefix="jianxun-bench-") as work:
        workspace = Path(work)
        for results in (
            bench_parse.run(),
            bench_export.run(),
            bench_pdf.run(),
            bench_ocr.run(),
            bench_process.run(),
            bench_archive.run(workspace),
            bench_search.run(),
            bench_gui.run(workspace),
            bench_shared.run(),
        ):
            for timing in results:
                print(timing.row(), flush=True)


if __name__ == "__main__":
    main()
