"""Scans for the inbox's way in, made by other producers than this program.

A bulletin typed by a clerk into a blank Word document (python-docx's default template,
:mod:`support.producers`) is printed by LibreOffice with the system's fonts as they are,
then rasterised by poppler's pdftoppm in grey, as a copier's scanner gives it. From those
pages: an image-only PDF bound by Pillow, single PNG pages, a multi-page TIFF, and a
PDF with typeset pages and scanned ones mixed (pypdfium2 takes pages from both).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image
from support.producers import clerk_docx, clerk_for, plain_fontconfig, render_pdfs
from support.rendering import require

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


@dataclass(frozen=True)
class ClerkScan:
    """One bulletin: its gold, the PDF LibreOffice printed, and its pages scanned in grey."""

    gold: dict[str, Any]
    typeset: Path
    pages: list[Path]
    dpi: int

    def image_pdf(self, target: Path, *, tilt: float = 0.0) -> Path:
        """The scanned pages bound into an image-only PDF (as a copier's scan-to-PDF)."""
        images = [_tilted(Image.open(p), tilt) for p in self.pages]
        images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=self.dpi)
        return target

    def tiff(self, target: Path) -> Path:
        """The scanned pages as one multi-page TIFF (LZW), as a scanner's TIFF setting gives."""
        images = [Image.open(p) for p in self.pages]
        images[0].save(
            target,
            "TIFF",
            save_all=True,
            append_images=images[1:],
            compression="tiff_lzw",
            dpi=(self.dpi, self.dpi),
        )
        return target

    def mixed_pdf(self, target: Path, scanned: set[int]) -> Path:
        """Typeset pages, except those in ``scanned``, which are the scanner's pictures."""
        scans = self.image_pdf(target.with_name(target.stem + "-scans.pdf"))
        out = pdfium.PdfDocument.new()
        typeset, pictures = pdfium.PdfDocument(self.typeset), pdfium.PdfDocument(scans)
        try:
            for number in range(len(typeset)):
                source = pictures if number in scanned else typeset
                out.import_pages(source, pages=[number])
            out.save(target)
        finally:
            for document in (typeset, pictures, out):
                document.close()
        return target


def _tilted(image: Image.Image, tilt: float) -> Image.Image:
    if not tilt:
        return image
    return image.convert("L").rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)


def clerk_scan(
    folder: Path, name: str = "two_columns_three_articles", *, clerk: int = 2, dpi: int = 200
) -> ClerkScan:
    """A fixture bulletin typed by clerk ``clerk``, printed and scanned at ``dpi`` in grey."""
    gold = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    docx = folder / f"{name}.docx"
    clerk_docx(gold, clerk_for(clerk)).save(str(docx))
    (typeset,) = render_pdfs([docx], plain_fontconfig(folder / "fc"))
    subprocess.run(
        [require("pdftoppm"), "-r", str(dpi), "-gray", "-png", str(typeset), str(folder / "p")],
        check=True,
        capture_output=True,
    )
    pages = sorted(folder.glob("p-*.png"))
    assert pages, "pdftoppm gave no pages"
    return ClerkScan(gold, typeset, pages, dpi)
