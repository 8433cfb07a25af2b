"""Scans as a copier makes them, from a typeset PDF: poppler's pdftoppm rasterises each page
in grey, Pillow tilts it, speckles it, saves it as JPEG and binds the pages into an
image-only PDF. Nothing of the original's text layer survives."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image
from support.rendering import require


def scanned(pdf: Path, folder: Path, *, dpi: int, tilt: float, quality: int | None) -> Path:
    """An image-only PDF of ``pdf``'s pages as a copier would give it."""
    require("pdftoppm")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    rng = np.random.default_rng(7)
    pages = []
    for png in sorted(folder.glob("page*.png")):
        page = Image.open(png).convert("L").rotate(tilt, resample=Image.BICUBIC, fillcolor=255)
        if quality is not None:
            pixels = np.asarray(page, dtype=np.float64)
            pixels = np.clip(pixels + rng.normal(0, 12, pixels.shape), 0, 255).astype(np.uint8)
            out = io.BytesIO()
            Image.fromarray(pixels).save(out, "JPEG", quality=quality)
            page = Image.open(io.BytesIO(out.getvalue()))
        pages.append(page)
    path = folder / "扫描件.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return path
