"""DOCX -> PDF through LibreOffice, headless, with a private profile.

A private profile directory keeps the conversion from touching (or waiting on)
the user's own LibreOffice; a time limit keeps a stuck conversion from hanging
the app. The blank page an even-page section start inserts before the 版记 is
printed (LibreOffice leaves such pages out of a PDF by default), so the PDF prints
double-sided as the DOCX does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

_CANDIDATES = ("soffice", "libreoffice")
# LibreOffice 7.4+ reads filter options as JSON; older versions ignore them.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
_WINDOWS_PATHS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class PdfUnavailable(Exception):
    """LibreOffice is not installed (or could not convert); the message says which."""


def find_soffice() -> str | None:
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in _WINDOWS_PATHS:
        if os.path.isfile(candidate):
            return candidate
    return None


def soffice_command(
    soffice: str, profile: Path, outdir: Path, documents: Sequence[Path]
) -> list[str]:
    """LibreOffice printing ``documents`` to PDFs in ``outdir``, headless, with its own profile
    (a running LibreOffice of the user's is never disturbed)."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        PDF_FILTER,
        "--outdir",
        str(outdir),
        *(str(path) for path in documents),
    ]


def convert_to_pdf(docx: Path, *, timeout: float = 120, env: dict[str, str] | None = None) -> Path:
    """Write ``docx`` as a PDF beside it (same name, .pdf) and return its path."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("未安装 LibreOffice（找不到 soffice），无法生成 PDF")
    docx = docx.resolve()
    with (
        tempfile.TemporaryDirectory(prefix="jianxun-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="jianxun-pdf-") as outdir,
    ):
        command = soffice_command(soffice, Path(profile), Path(outdir), [docx])
        try:
            run = subprocess.run(
                command, capture_output=True, timeout=timeout, env=env, check=False
            )
        except subprocess.TimeoutExpired as err:
            raise PdfUnavailable(f"LibreOffice 转换超时（{timeout:g} 秒）") from err
        produced = Path(outdir) / (docx.stem + ".pdf")
        if run.returncode != 0 or not produced.exists():
            detail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PdfUnavailable(f"LibreOffice 未能生成 PDF：{detail[0]}")
        target = docx.with_suffix(".pdf")
        shutil.move(str(produced), target)
        return target
