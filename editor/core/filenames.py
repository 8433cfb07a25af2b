"""File names as a person reads them, and whether a file really lies inside a folder.

On Linux a name is bytes. One unzipped from a Windows archive or copied from an
SMB share is often GBK, which Python carries as lone surrogates: such a string
cannot be stored, printed or shown. :func:`display_path` gives every path one
readable, storable spelling. :func:`outside_folder` tells whether a link (or a
Windows junction) leads out of the inbox, whose files must never be read.
"""

from __future__ import annotations

import os
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


def outside_folder(path: Path, folder: Path) -> Path | None:
    """Where ``path`` really leads when that is outside ``folder`` (through links); else None."""
    try:
        real = Path(os.path.realpath(path))
        base = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return path
    try:
        real.relative_to(base)
    except ValueError:
        return real
    return None


def is_folder(path: Path) -> bool:
    """``path.is_dir()`` that answers False instead of raising for a name too long or a
    folder we may not look into (Python 3.11 raises for those)."""
    try:
        return path.is_dir()
    except OSError:
        return False
