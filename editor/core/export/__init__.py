"""Export an approved bulletin to DOCX (and PDF through LibreOffice).

Nothing is written while required fields are missing (unless a draft is
asked for), an existing file is never replaced unless asked to, and the DOCX
is written under a temporary name and renamed, so a crash never leaves half a
file under the final name.
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import tempfile
import time
from pathlib import Path

from editor.core.export.docx_writer import build_document
from editor.core.export.profile import LayoutProfile, load_profile
from editor.core.model import Bulletin
from editor.core.validation import Problem, export_problems


class ExportRefused(Exception):
    """The bulletin lacks what an official copy needs; ``problems`` lists it all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listed = "；".join(p.message for p in problems)
        super().__init__(f"不能导出正式稿：{listed}")


class ExportError(Exception):
    """The file could not be written (exists, folder missing, disk full …)."""


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask is process-wide and not thread-safe


STALE_PART_SECONDS = 600
"""A temporary export file this old was left by a killed export (one takes under a second)."""


def _sweep_stale_parts(folder: Path, stem: str) -> None:
    """Remove what killed exports to this name left behind, so the clerk's folder stays clean."""
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(f".{glob.escape(stem)}.*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()


def write_atomically(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    if path.exists() and not force:
        raise ExportError(f"{path}：文件已存在（加 --force 覆盖）")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}：所在文件夹不存在")
    _sweep_stale_parts(folder, path.stem)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".part", dir=folder)
    except OSError as err:
        raise ExportError(f"{path}：无法写入（{err.strerror or err}）") from err
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_UMASK)
        if not force and path.exists():
            raise ExportError(f"{path}：文件已存在（加 --force 覆盖）")
        os.replace(temp, path)
    except OSError as err:
        raise ExportError(f"{path}：写入失败（{err.strerror or err}）") from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def docx_bytes(
    bulletin: Bulletin, profile: LayoutProfile | None = None, *, draft: bool = False
) -> bytes:
    """The DOCX file's bytes (no validation: callers decide)."""
    document = build_document(bulletin, profile or load_profile(), draft=draft)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export_docx(
    bulletin: Bulletin,
    path: str | os.PathLike[str],
    *,
    profile: LayoutProfile | None = None,
    draft: bool = False,
    force: bool = False,
) -> Path:
    """Validate, typeset and write the DOCX; returns the path written.

    Raises :class:`ExportRefused` when required fields are missing and
    ``draft`` is false, :class:`ExportError` when the file cannot be written.
    """
    target = Path(path)
    if not draft:
        problems = export_problems(bulletin)
        if problems:
            raise ExportRefused(problems)
    if target.exists() and not force:
        raise ExportError(f"{target}：文件已存在（加 --force 覆盖）")
    write_atomically(target, docx_bytes(bulletin, profile, draft=draft), force=force)
    return target
