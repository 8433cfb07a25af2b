"""Scans as a copier makes them, from a typeset PDF, and the OCR worker the tests share.

poppler's pdftoppm rasterises each page in grey, Pillow tilts it, speckles it, saves it as
JPEG and binds the pages into an image-only PDF (:func:`scanned`), or keeps them as images
(:func:`scan_images`) to be saved as PNG, JPEG, TIFF in any mode a scanner writes
(:func:`saved`). Nothing of the original's text layer survives. :func:`clerk_pdf` is a
bulletin typed by a clerk into Word's default template (python-docx) and printed by
LibreOffice with the system's fonts: another producer than the program's own exporter.

Starting an OCR worker costs a few seconds, so the tests share one (:func:`shared_worker`)
that lives as long as the test process; tests that cancel or kill it leave the next read to
start a fresh one, as the desk would.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from support.rendering import require

from editor.core.reading import pdf
from editor.core.reading.ocr import ScannedPage
from editor.core.reading.ocr_worker import OcrWorker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def scan_images(
    pdf_path: Path,
    folder: Path,
    *,
    dpi: int,
    tilt: float,
    noise: bool,
    first: int = 1,
    last: int = 0,
) -> list[Image.Image]:
    """``pdf_path``'s pages (``first`` to ``last``, 1-based; 0: to the end) as a copier's
    scanner sees them: grey, tilted by ``tilt`` degrees, with speckle noise if ``noise``."""
    require("pdftoppm")
    folder.mkdir(parents=True, exist_ok=True)
    command = ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(first)]
    if last:
        command += ["-l", str(last)]
    subprocess.run([*command, str(pdf_path), str(folder / "page")], check=True, capture_output=True)
    rng = np.random.default_rng(7)
    pages = []
    for png in sorted(folder.glob("page*.png")):
        page = Image.open(png).convert("L")
        if tilt:
            page = page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if noise:
            pixels = np.asarray(page, dtype=np.float64)
            pixels = np.clip(pixels + rng.normal(0, 12, pixels.shape), 0, 255).astype(np.uint8)
            page = Image.fromarray(pixels)
        page.info["dpi"] = (dpi, dpi)
        pages.append(page)
    return pages


def scanned(pdf_path: Path, folder: Path, *, dpi: int, tilt: float, quality: int | None) -> Path:
    """An image-only PDF of ``pdf_path``'s pages as a copier would give it (JPEG of
    ``quality``, with speckle noise; None: clean, lossless)."""
    pages = scan_images(pdf_path, folder, dpi=dpi, tilt=tilt, noise=quality is not None)
    if quality is not None:
        pages = [Image.open(io.BytesIO(saved(page, "JPEG", quality=quality))) for page in pages]
    path = folder / "扫描件.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return path


def saved(
    page: Image.Image, kind: str, *, mode: str = "", quality: int = 90, **options: Any
) -> bytes:
    """One grey page saved as a scanner would: ``kind`` PNG, JPEG or TIFF, in ``mode``
    ("" as it is; "RGB", "CMYK", "P", "I;16" for 16-bit grey, "1" for one bit a pixel)."""
    dpi = page.info.get("dpi", (200, 200))
    image = page
    if mode == "I;16":
        wide = (np.asarray(page, dtype=np.uint16) * 257).astype(np.uint16)
        image = Image.fromarray(wide)
        assert image.mode == "I;16"
    elif mode:
        image = page.convert(mode)
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, kind, quality=quality, dpi=dpi, **options)
    else:
        image.save(out, kind, dpi=dpi, **options)
    return out.getvalue()


def tiff(pages: Sequence[Image.Image], **options: Any) -> bytes:
    """Several pages as one multi-page TIFF (LZW), as a scanner's TIFF setting gives."""
    out = io.BytesIO()
    dpi = pages[0].info.get("dpi", (200, 200))
    pages[0].save(
        out,
        "TIFF",
        save_all=True,
        append_images=list(pages[1:]),
        compression="tiff_lzw",
        dpi=dpi,
        **options,
    )
    return out.getvalue()


def clerk_pdf(folder: Path, name: str = "numbers_and_latin", clerk: int = 0) -> Path:
    """A fixture bulletin typed by a clerk into python-docx's default template, printed by
    LibreOffice with the system's fonts as they are."""
    from support.producers import CLERKS, clerk_docx, plain_fontconfig, render_pdfs

    gold = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    docx = folder / f"{name}.docx"
    clerk_docx(gold, CLERKS[clerk]).save(str(docx))
    (typeset,) = render_pdfs([docx], plain_fontconfig(folder / "fc"))
    return typeset


def text_of(pages: Sequence[ScannedPage]) -> pdf.PdfText:
    """What the reader makes of scanned pages: running headers and page numbers dropped,
    then the PDF reader's layout path."""
    lines = [
        line for page in pages for line in page.lines if not pdf._is_running(line, page.height)
    ]
    return pdf._to_text(lines, len(pages))


def page_texts(path: Path) -> list[str]:
    """The text of each page of a typeset PDF, read from its text layer, without spaces."""
    from editor.core.limits import Budget

    data = path.read_bytes()
    document = pdf._open(path.name, data)
    try:
        texts = []
        for number in range(len(document)):
            _height, lines = pdf._read_page(
                document, number, path.name, Budget(path.name, seconds=60), pdf._Seen()
            )
            texts.append("".join("".join(line.text.split()) for line in lines))
        return texts
    finally:
        document.close()


def joined(page: ScannedPage) -> tuple[str, list[bool]]:
    """A scanned page's characters without spaces, and which of them OCR doubted."""
    chars: list[str] = []
    doubted: list[bool] = []
    for line in page.lines:
        doubts = set(line.doubts)
        for index, char in enumerate(line.text):
            if not char.isspace():
                chars.append(char)
                doubted.append(index in doubts)
    return "".join(chars), doubted


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def errors_caught(read: str, doubted: Sequence[bool], truth: str) -> tuple[int, int, int]:
    """How many wrong characters OCR made (compared with the text layer), how many of those
    errors (a run of wrong or missing characters) were doubted, out of how many errors."""
    matcher = difflib.SequenceMatcher(None, read, truth, autojunk=False)
    wrong = errors = caught = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        wrong += max(i2 - i1, j2 - j1)
        errors += 1
        near = range(i1, i2) if i2 > i1 else range(max(i1 - 1, 0), min(i1 + 1, len(read)))
        caught += any(doubted[i] for i in near)
    return wrong, caught, errors


SAMPLE_LINES = (
    "四川省地方志工作简报",
    "第9期（总第401期）",
    "省地方志办召开年鉴编纂工作推进会",
    "会议指出，过去一年，全省各级地方志工作机构克服困难。",
    "会议强调，年鉴是记录地方年度发展的权威资料性文献。",
)


def text_page(
    lines: Sequence[str] = SAMPLE_LINES,
    *,
    size: tuple[int, int] = (1654, 700),
    font_size: int = 44,
    repeat: int = 1,
    dpi: int = 200,
) -> Image.Image:
    """A grey page with ``lines`` set in Noto Serif CJK (``repeat`` times over), as a clean
    scan at ``dpi`` would show them: a quick page for OCR (the default is the top of an A4
    page at 200 dpi; ``size=(1654, 2339), repeat=6`` fills one)."""
    from PIL import ImageDraw, ImageFont

    found = subprocess.run(
        [require("fc-match"), "-f", "%{file}:%{index}", "Noto Serif CJK SC"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    path, index = found.rsplit(":", 1)
    font = ImageFont.truetype(path, font_size, index=int(index))
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    top = 60
    for _ in range(repeat):
        for line in lines:
            draw.text((140, top), line, font=font, fill=0)
            top += int(font_size * 1.8)
    page.info["dpi"] = (dpi, dpi)
    return page


def pdf_of(pages: Sequence[Image.Image], *, dpi: int = 200) -> bytes:
    """Pages bound into an image-only PDF (lossless), as a scanner's scan-to-PDF."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=list(pages[1:]), resolution=dpi)
    return out.getvalue()


_SHARED: list[OcrWorker] = []


def shared_worker() -> OcrWorker:
    """The test process's OCR worker (stopped with the process)."""
    if not _SHARED:
        _SHARED.append(OcrWorker())
    return _SHARED[0]


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent to reap it does not)."""
    if sys.platform.startswith("linux"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                state = stat.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in (b"Z", b"X")
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True
