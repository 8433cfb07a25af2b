"""Real read-only folders, unreadable folders and full disks for the data-directory tests.

Tests run as root in CI, and root ignores permission bits, so a read-only
folder is a read-only bind mount and a full disk a small tmpfs; a folder
without permission is ``chmod 000`` seen by a child process that lacks root's
permission override. Without
the privileges for that, a test skips on a developer's machine and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest


def unavailable(reason: str) -> NoReturn:
    """Skip locally; in CI (``CI`` set) a test that cannot run is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"cannot run in CI: {reason}")
    pytest.skip(reason)


def _mount(*args: str) -> None:
    run = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        unavailable(f"mount {' '.join(args)}: {run.stderr.strip()}")


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True, check=True)


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """The existing ``folder`` made read-only for everyone, root included, until the block ends."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,bind,ro", str(folder))
        yield folder
    finally:
        _umount(folder)


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A fresh filesystem of ``size`` (``1m``) mounted on ``folder``: a disk that fills up."""
    if os.geteuid() != 0:
        unavailable("mounting a small tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _umount(folder)


@contextmanager
def no_permission(folder: Path) -> Iterator[list[str]]:
    """``folder`` (created) with mode 000, and the command prefix of a process it keeps out.

    Root passes permission bits by CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH; the
    child runs without them (``setpriv``), so it meets the bits like any user.
    """
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            unavailable("setpriv is needed to run a child without root's permission override")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    folder.mkdir()
    folder.chmod(0o000)
    try:
        yield prefix
    finally:
        folder.chmod(0o755)
