"""File names as a person reads them, and whether a file really lies inside a folder.

On Linux a name is bytes. One unzipped from a Windows archive or copied from an
SMB share is often GBK, which Python carries as lone surrogates: such a string
cannot be stored, printed or shown. :func:`display_path` gives every path one
readable, storable spelling. :func:`outside_folder` tells whether a link (or a
Windows junction) leads out of the inbox, whose files must never be read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as valid Unicode: as it is, else decoded as GB18030, else with byte escapes.

    The same path always gives the same string, so it can key the archive's
    record of files already seen.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Each folder may come from elsewhere: decide name by name.
        return "/".join(_readable_name(part) for part in os.fsencode(text).split(b"/"))
    return text


def _readable_name(raw: bytes) -> str:
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def outside_folder(
    path: Path, folder: Path, realpath: Callable[[Path], str] = os.path.realpath
) -> Path | None:
    """Where ``path`` really leads when that is outside ``folder`` (through links); else None."""
    try:
        real = Path(realpath(path))
        base = Path(realpath(folder))
    except (OSError, ValueError):
        return path
    try:
        real.relative_to(base)
    except ValueError:
        return real
    return None


class RealPaths:
    """``os.path.realpath`` for many files in a few folders, each folder's answer kept.

    ``realpath`` looks up every component of the path on disk (five ``lstat`` calls for
    ``/home/user/收件箱/简报.txt``), three times a file when taking it; a folder of 10,000
    files then costs a tenth of the work of recording them. A file that is no link leads
    where its folder leads, so one ``lstat`` of the file suffices. Kept for one job (a
    folder taken, a batch the watcher hands over): a folder turned into a link meanwhile
    is seen by the next job.
    """

    def __init__(self) -> None:
        self._folders: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        if path.name not in ("", "..") and path != path.parent:
            try:
                if not stat.S_ISLNK(os.lstat(path).st_mode):
                    real = self._folders.get(path.parent)
                    if real is None:
                        real = self._folders[path.parent] = os.path.realpath(path.parent)
                    return os.path.join(real, path.name)
            except (OSError, ValueError):
                pass
        return os.path.realpath(path)


def is_folder(path: Path) -> bool:
    """``path.is_dir()`` that answers False instead of raising for a name too long or a
    folder we may not look into (Python 3.11 raises for those)."""
    try:
        return path.is_dir()
    except OSError:
        return False
