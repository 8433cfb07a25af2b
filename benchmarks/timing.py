"""Repeat a call and report median, min and max in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    name: str
    runs: int
    median_ms: float
    min_ms: float
    max_ms: float
    target_ms: float | None = None

    def row(self) -> str:
        target = f"< {self.target_ms:g} ms" if self.target_ms is not None else ""
        verdict = ""
        if self.target_ms is not None:
            verdict = "ok" if self.median_ms < self.target_ms else "MISSED"
        return (
            f"{self.name:<44} {self.median_ms:>10.3f} {self.min_ms:>10.3f} "
            f"{self.max_ms:>10.3f} {target:>12} {verdict:>6}"
        )


HEADER = f"{'benchmark':<44} {'median ms':>10} {'min ms':>10} {'max ms':>10} {'target':>12} {'':>6}"


def measure(
    name: str, call: Callable[[], object], *, runs: int = 50, target_ms: float | None = None
) -> Timing:
    call()  # warm up caches and compiled regexes
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return Timing(name, runs, statistics.median(times), min(times), max(times), target_ms)
