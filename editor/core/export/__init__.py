"""Export an approved bulletin to DOCX (and PDF through LibreOffice).

Nothing is written while required fields are missing (unless a draft is
asked for), an existing file is never replaced unless asked to, and the DOCX
is written under a temporary name and renamed, so a crash never leaves half a
file under the final name.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.errors import os_reason
from editor.core.export.profile import LayoutProfile, load_profile
from editor.core.filenames import is_folder
from editor.core.model import Bulletin
from editor.core.validation import Problem, export_problems

if TYPE_CHECKING:
    from editor.core.export.docx_writer import Typeset

# python-docx and lxml (docx_writer) and fontconfig's subprocesses (fonts) are imported by
# the functions that use them, not here: a command that only names an export file, or
# only reads, does not pay for them.


class ExportRefused(Exception):
    """The bulletin lacks what an official copy needs; ``problems`` lists it all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listed = "；".join(p.message for p in problems)
        super().__init__(f"不能导出正式稿：{listed}")


class ExportError(Exception):
    """The file could not be written (exists, folder missing, disk full …)."""


class ExportTooLarge(ExportError):
    """More content than any bulletin holds: typesetting it would take minutes, not a second."""


MAX_EXPORT_PARAGRAPHS = 10_000
MAX_EXPORT_CHARS = 1_000_000


def _check_size(bulletin: Bulletin) -> None:
    """Refuse at once what would take minutes to set (a real bulletin: ~50 paragraphs)."""
    articles = bulletin.articles()
    paragraphs = len(bulletin.sections) + sum(2 + len(a.paragraphs) for a in articles)
    texts = [v for v in vars(bulletin.masthead).values() if isinstance(v, str)]
    texts += [v for v in vars(bulletin.imprint).values() if isinstance(v, str)]
    texts += [s.name or "" for s in bulletin.sections]
    for article in articles:
        texts += [article.title or "", article.source or ""]
        texts += [article.byline or "", *article.texts]
    chars = sum(map(len, texts))
    if paragraphs > MAX_EXPORT_PARAGRAPHS or chars > MAX_EXPORT_CHARS:
        raise ExportTooLarge(
            f"内容过长（{paragraphs} 段、{chars} 字；上限 {MAX_EXPORT_PARAGRAPHS} 段、"
            f"{MAX_EXPORT_CHARS} 字），不像是一份简报，无法排版"
        )


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask is process-wide and not thread-safe


STALE_PART_SECONDS = 600
"""A temporary export file this old was left by a killed export (one takes under a second)."""


def _sweep_stale_parts(folder: Path, stem: str) -> None:
    """Remove what killed exports to this name left behind, so the clerk's folder stays clean."""
    import glob

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
    if not is_folder(folder):
        raise ExportError(f"{path}：所在文件夹不存在")
    _sweep_stale_parts(folder, path.stem)
    import tempfile

    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".part", dir=folder)
    except OSError as err:
        raise ExportError(f"{path}：无法写入（{os_reason(err)}）") from err
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
        raise ExportError(f"{path}：写入失败（{os_reason(err)}）") from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def docx_bytes(
    bulletin: Bulletin, profile: LayoutProfile | None = None, *, draft: bool = False
) -> bytes:
    """The DOCX file's bytes (no validation: callers decide).

    The bulletin goes through the model boundary once more, so a character a form
    or an old archive let in can never make the file unwritable.
    """
    return render(bulletin, profile, draft=draft)[0]


def render(
    bulletin: Bulletin, profile: LayoutProfile | None = None, *, draft: bool = False
) -> tuple[bytes, Typeset]:
    """The DOCX file's bytes and what the typesetting decided (版记 placement, titles)."""
    from editor.core.export.docx_writer import typeset

    _check_size(bulletin)
    bulletin = Bulletin.from_dict(bulletin.to_dict())
    profile = profile or load_profile()
    result = typeset(bulletin, profile, draft=draft)
    buffer = io.BytesIO()
    result.document.save(buffer)  # font table, theme and app properties: in the base package
    return buffer.getvalue(), result


def export_warnings(bulletin: Bulletin, profile: LayoutProfile | None = None) -> list[str]:
    """What a clerk should know before printing this export (nothing stops it).

    The layout's fonts this computer lacks and what stands in for them, and titles
    set on more than three lines. ``jianxun export`` prints each on stderr; the desk
    shows them after an export.
    """
    from editor.core.export.docx_writer import title_warnings
    from editor.core.export.fonts import font_warnings

    profile = profile or load_profile()
    return font_warnings(profile) + title_warnings(bulletin)


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
