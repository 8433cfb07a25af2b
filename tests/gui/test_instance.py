"""A second desk on the same data directory is refused; a crashed desk's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from editor.core.paths import DataDir
from editor.gui.instance import LOCK_NAME, acquire

ROOT = Path(__file__).resolve().parents[2]
HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from editor.core.paths import DataDir\n"
    "from editor.gui.instance import acquire\n"
    "lock = acquire(DataDir(Path(sys.argv[1])))\n"
    "print('held' if lock else 'refused', flush=True)\n"
    "time.sleep(60)\n"
)


def test_second_desk_is_refused_and_a_dead_desks_lock_is_taken_over(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    first = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data.root)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert first.stdout is not None
        assert first.stdout.readline().strip() == "held"
        assert acquire(data) is None  # the first desk is alive: refused
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        first.stdout.close()  # type: ignore[union-attr]
    assert (data.root / LOCK_NAME).exists()  # left behind by the killed desk
    lock = acquire(data)
    assert lock is not None  # its process is gone: the lock is stale and taken over
    lock.unlock()
    assert os.path.exists(data.root)
