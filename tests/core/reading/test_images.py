"""Scanned images (PNG, JPEG, TIFF) read by OCR in the worker, and bound into a PDF to show.

The page is the top of a bulletin's first page as LibreOffice typeset it, rasterised by
poppler's pdftoppm at 200 dpi in grey and tilted, then saved the ways scanners save: grey,
RGB, palette, CMYK, 16-bit, one bit a pixel, JPEG, multi-page TIFF. Lossless ones must
read to exactly the same text; JPEG and the image-only PDF of the same page to nearly it.
"""

from __future__ import annotations

import io
import json
import struct
import time
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from support.rendering import fontconfig, render_pdf
from support.scans import (
    pdf_of,
    saved,
    scan_images,
    shared_worker,
    similarity,
    text_page,
    tiff,
)

from editor.core.errors import InputError
from editor.core.export import docx_bytes
from editor.core.model import Bulletin
from editor.core.reading import images, ocr
from editor.core.reading.ocr import ScannedPage
from editor.core.reading.ocr_worker import OcrWorker

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"


@pytest.fixture(scope="module")
def worker() -> OcrWorker:
    return shared_worker()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """The top half of a typeset bulletin's first page, scanned at 200 dpi in grey."""
    folder = tmp_path_factory.mktemp("images")
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    docx = folder / "第9期.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(data)))
    typeset = render_pdf(docx, fontconfig(folder / "fc"))
    (scan,) = scan_images(typeset, folder / "scan", dpi=200, tilt=0.6, noise=False, last=1)
    half = scan.crop((0, 0, scan.width, scan.height // 2))
    half.info["dpi"] = (200, 200)
    return half


def text(pages: list[ScannedPage]) -> str:
    return "\n".join(line.text for page in pages for line in page.lines)


@pytest.fixture(scope="module")
def reference(worker: OcrWorker, page: Image.Image) -> str:
    read = text(worker.read("扫描.png", saved(page, "PNG")))
    assert "四川省地方志工作简报" in read
    return read


def test_images_are_told_by_their_first_bytes(page: Image.Image) -> None:
    for kind in ("PNG", "JPEG", "TIFF"):
        assert images.is_image(saved(page, kind))
    assert not images.is_image(pdf_of([page]))
    assert not images.is_image(b"")


@pytest.mark.parametrize(
    ("kind", "mode", "options"),
    [
        ("PNG", "RGB", {}),
        ("PNG", "P", {}),
        ("PNG", "I;16", {}),
        ("TIFF", "CMYK", {"compression": "tiff_lzw"}),
        ("TIFF", "", {"compression": "tiff_adobe_deflate"}),
    ],
    ids=["png-rgb", "png-palette", "png-16bit", "tiff-cmyk", "tiff-grey"],
)
def test_a_lossless_image_reads_as_the_grey_png_does(
    worker: OcrWorker, page: Image.Image, reference: str, kind: str, mode: str, options: dict
) -> None:
    pages = worker.read(f"扫描.{kind.lower()}", saved(page, kind, mode=mode, **options))
    assert text(pages) == reference
    assert pages[0].width == pytest.approx(page.width * 72 / 200)
    assert pages[0].height == pytest.approx(page.height * 72 / 200)


@pytest.mark.parametrize(
    "made",
    ["jpeg-grey", "jpeg-rgb", "pdf"],
)
def test_a_jpeg_or_a_pdf_of_the_page_reads_nearly_the_same(
    worker: OcrWorker, page: Image.Image, reference: str, made: str
) -> None:
    if made == "pdf":
        data, name = pdf_of([page]), "扫描.pdf"
    else:
        mode = "RGB" if made == "jpeg-rgb" else ""
        data, name = saved(page, "JPEG", mode=mode, quality=75), "扫描.jpg"
    read = text(worker.read(name, data))
    ratio = similarity(read, reference)
    print(f"{made}: {ratio:.2%} of the PNG's text")
    assert ratio >= 0.99


def test_a_multi_page_tiff_is_read_frame_by_frame(
    worker: OcrWorker, page: Image.Image, reference: str
) -> None:
    other = text_page()
    data = tiff([page, other])
    done: list[tuple[int, int]] = []
    pages = worker.read("扫描.tif", data, progress=lambda *p: done.append(p))
    assert [p.number for p in pages] == [0, 1]
    assert done == [(1, 2), (2, 2)]
    assert text(pages[:1]) == reference
    assert pages[1].lines[0].text == "四川省地方志工作简报"
    (second,) = worker.read("扫描.tif", data, pages=[1])
    assert second.number == 1


def test_one_bit_a_pixel_is_read(worker: OcrWorker) -> None:
    bilevel = text_page().point(lambda v: 255 if v > 128 else 0).convert("1")
    bilevel.info["dpi"] = (200, 200)
    pages = worker.read("传真.tif", saved(bilevel, "TIFF", compression="group4"))
    assert pages[0].lines[0].text == "四川省地方志工作简报"


def test_without_a_resolution_the_page_is_taken_for_a4(worker: OcrWorker) -> None:
    out = io.BytesIO()
    text_page().save(out, "PNG")  # no pHYs: 1654 pixels across is A4 at 200 dpi
    (read,) = worker.read("扫描.png", out.getvalue())
    assert read.width == pytest.approx(595.3, abs=0.1)


def test_a_600_dpi_scan_is_scaled_down_for_ocr(worker: OcrWorker) -> None:
    """A4 at 600 dpi is 35 million pixels: over what OCR reads at once, but 400 dpi after
    scaling it down is plenty."""
    large = text_page(size=(4960, 7016), font_size=120, dpi=600)
    (read,) = worker.read("精扫.png", saved(large, "PNG"))
    assert read.width == pytest.approx(4960 * 72 / 600)
    assert read.lines[0].text == "四川省地方志工作简报"
    assert read.lines[0].size == pytest.approx(120 * 72 / 600, abs=1.5)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares ``width`` × ``height`` grey pixels (a few rows of
    data follow: a decompression bomb is refused on its size before any is decoded)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(("width", "height"), [(9_000, 9_000), (60_000, 60_000)])
def test_a_decompression_bomb_is_refused_before_it_is_decoded(
    worker: OcrWorker, page: Image.Image, width: int, height: int
) -> None:
    worker.read("扫描.png", saved(page, "PNG"))
    pid = worker.pid
    bomb = png_declaring(width, height)
    assert len(bomb) < 200_000
    started = time.monotonic()
    with pytest.raises(InputError, match=r"图像(尺寸)?过大"):
        worker.read("炸弹.png", bomb)
    assert time.monotonic() - started < 5
    assert worker.pid == pid  # refused, not killed for its memory


def test_a_truncated_jpeg_is_refused_in_chinese(worker: OcrWorker, page: Image.Image) -> None:
    whole = saved(page, "JPEG", quality=80)
    with pytest.raises(InputError, match="第 1 页的图片数据不完整或已损坏") as caught:
        worker.read("半截.jpg", whole[: len(whole) * 2 // 3])
    assert caught.value.source == "半截.jpg"


def test_too_many_frames_are_refused(worker: OcrWorker) -> None:
    frames = [Image.new("L", (100, 100), 255) for _ in range(ocr.MAX_OCR_PAGES + 1)]
    with pytest.raises(InputError, match="页数过多"):
        worker.read("扫描.tif", tiff(frames))
    with pytest.raises(InputError, match="页数过多"):
        images.image_pdf("扫描.tif", tiff(frames))


@pytest.mark.parametrize("kind", ["png", "jpeg", "tiff", "rotated-jpeg"])
def test_the_page_pdf_has_the_scanned_pages_geometry(
    worker: OcrWorker, page: Image.Image, kind: str
) -> None:
    """The desk shows an image scan as a PDF, with OCR's line boxes (points) drawn on it."""
    small = text_page()
    if kind == "png":
        data = saved(page, "PNG")
    elif kind == "jpeg":
        data = saved(page, "JPEG", quality=85)
    elif kind == "tiff":
        data = tiff([page, small])
    else:  # stored on its side, with EXIF telling viewers to turn it upright
        exif = Image.Exif()
        exif[0x0112] = 6  # turn 90° clockwise to show
        data = saved(small.rotate(90, expand=True), "JPEG", quality=85, exif=exif.tobytes())
    scanned = worker.read(f"扫描.{kind}", data)
    shown = images.image_pdf(f"扫描.{kind}", data)
    document = pdfium.PdfDocument(shown)
    try:
        assert len(document) == len(scanned)
        for number, read in enumerate(scanned):
            width, height = document[number].get_size()
            assert (width, height) == (
                pytest.approx(read.width, abs=0.01),
                pytest.approx(read.height, abs=0.01),
            )
    finally:
        document.close()
    if kind == "jpeg":
        assert data in shown  # the JPEG as it is, not compressed again
    if kind == "rotated-jpeg":
        assert scanned[0].lines[0].text == "四川省地方志工作简报"
        assert scanned[0].width > scanned[0].height


def test_the_page_pdf_keeps_the_pixels(page: Image.Image) -> None:
    shown = images.image_pdf("扫描.png", saved(page, "PNG"))
    document = pdfium.PdfDocument(shown)
    try:
        (picture,) = document[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
        kept = picture.get_bitmap(render=False).to_pil().convert("L")
    finally:
        document.close()
    assert kept.size == page.size
    assert kept.tobytes() == page.tobytes()
