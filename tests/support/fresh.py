"""What a fresh interpreter has loaded after running some code: the start-up tests' one way
to ask (issue 19: what ``jianxun parse``, the desk's first paint and the ingest workers load)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def modules_after(code: str, *, env: dict[str, str] | None = None) -> set[str]:
    """The names in ``sys.modules`` once ``code`` has run in a new Python process (in the
    project's folder); the code's own output is left out. Fails the test if the code fails."""
    marker = "\n--jianxun-modules--\n"
    script = code + f"\nimport sys\nprint({marker!r} + ','.join(sorted(sys.modules)))\n"
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        cwd=ROOT,
        env=dict(os.environ, **(env or {})),
        text=True,
        timeout=90,
    )
    assert run.returncode == 0, run.stderr
    return set(run.stdout.rpartition(marker)[2].strip().split(","))


def top_level(modules: set[str]) -> set[str]:
    """The packages among ``modules`` (``docx`` for ``docx.oxml``)."""
    return {name.split(".")[0] for name in modules}
