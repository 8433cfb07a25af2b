"""``jianxun --self-test`` runs the whole journey in a fresh process and says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env.pop("DISPLAY", None)
    run = subprocess.run(
        [sys.executable, "-m", "editor", "--self-test"],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=180,
    )
    out = run.stdout.decode("utf-8")
    assert run.returncode == 0, out + run.stderr.decode("utf-8")
    assert "✓ 导出" in out
    assert out.strip().endswith("自检通过")
    assert "propagateSizeHints" not in run.stderr.decode("utf-8")
