"""What a clerk sees when something cannot be done: one line, plain Chinese, exit code 2."""

from __future__ import annotations

import re
import subprocess

ALLOWED_LATIN = ("jianxun.sqlite3", "originals", "--overwrite", "--partial", "--draft")
"""Names a message may quote: the archive file, the originals folder, the command's flags."""


def plain(message: str) -> str:
    """``<place>：<reason>`` with a reason free of English, errno or SQLite text."""
    assert "：" in message, message
    reason = message.split("：", 1)[1]
    for latin in ALLOWED_LATIN:
        reason = reason.replace(latin, "")
    assert not re.search(r"[A-Za-z]{2,}|\[|\]", reason), message
    return message


def refused(run: subprocess.CompletedProcess[bytes], *expected: str) -> str:
    """Exit 2 and exactly one stderr line ``jianxun: <absolute place>：<reason>``."""
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 2, (run.returncode, err, run.stdout.decode("utf-8", "replace"))
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("jianxun: /"), line
    plain(line)
    for text in expected:
        assert text in line, line
    return line
