"""Benchmarks: figures printed, never asserted (the test suite has no timings).

The realistic inputs come from the test fixtures, rendered by tests/support.
"""

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parents[1] / "tests")
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)
