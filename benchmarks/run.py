"""Run every benchmark and print one table: ``python -m benchmarks.run``."""

from __future__ import annotations

import platform

from benchmarks import bench_archive, bench_export, bench_parse
from benchmarks.timing import HEADER


def main() -> None:
    print(
        f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}"
    )
    print(HEADER)
    for module in (bench_parse, bench_export, bench_archive):
        for timing in module.run():
            print(timing.row())


if __name__ == "__main__":
    main()
