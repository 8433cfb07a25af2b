"""The export file name from a pattern, safe on Windows, never an existing file.

``{name}第{issue}期.docx`` with the masthead's fields; characters Windows
forbids (and path separators, so a name never leaves the export folder) become
``_``; a name that is taken gets `` (2)``, `` (3)`` … before the suffix.
"""

from __future__ import annotations

import re
from pathlib import Path

from editor.core.model import Bulletin

DEFAULT_PATTERN = "{name}第{issue}期.docx"
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_name(name: str, *, limit: int = 150) -> str:
    """A file name (no folders) that Windows and Linux both accept."""
    name = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    name = re.sub(r"\.{2,}", ".", name)
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if stem.upper() in _RESERVED or not stem:
        stem = f"_{stem}" if stem else "简报"
    stem = stem[: max(1, limit - len(suffix) - 1)]
    return f"{stem}.{suffix}" if suffix else stem


def export_name(
    bulletin: Bulletin, pattern: str = DEFAULT_PATTERN, bulletin_id: int | None = None
) -> str:
    m = bulletin.masthead
    fields = {
        "name": m.name or "简报",
        "issue": "" if m.issue is None else m.issue,
        "total_issue": "" if m.total_issue is None else m.total_issue,
        "date": m.date or "",
        "year": (m.date or "")[:4],
        "id": "" if bulletin_id is None else bulletin_id,
    }
    try:
        name = pattern.format(**fields)
    except (KeyError, IndexError, ValueError):
        name = DEFAULT_PATTERN.format(**fields)
    if not name.lower().endswith(".docx"):
        name += ".docx"
    return safe_name(name)


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or the first ``name (n)`` that does not exist yet."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
