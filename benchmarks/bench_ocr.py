"""OCR speed and memory: scanned pages through the OCR worker (issue 18).

``.venv/bin/python -m benchmarks.bench_ocr``

The scan is the two-column fixture bulletin typeset by LibreOffice, rasterised by pdftoppm
at 200 dpi in grey, tilted 0.8°, speckled and saved as JPEG of quality 60, bound into an
image-only PDF (tests/support/scans.py): a copier's scan. Measured:

- one A4 page through a warm worker (5 runs; the target is a median under 5 s on a 2-core
  machine);
- a cold start: a fresh worker's first read of that page (starting the process, importing
  OpenCV and onnxruntime, loading the models), 3 runs;
- three pages through the warm worker, 3 runs;
- the worker's peak resident memory over all of that (Linux: VmHWM).

Floor: PDFium drawing the same page at 200 dpi in this process, which any reader of a scan
must pay before it can look at a pixel. Figures are printed (min/median/max, the ratio to
the floor), never asserted. Without LibreOffice or poppler it says so and measures nothing.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.timing import HEADER, Timing, measure
from editor.core.export import docx_bytes
from editor.core.export.pdf import find_soffice
from editor.core.model import Bulletin
from editor.core.reading import ocr
from editor.core.reading.ocr_worker import OcrWorker

ROOT = Path(__file__).resolve().parents[1]
WARM_RUNS = 5
COLD_RUNS = 3
TARGET_MS = 5000.0


def timed(
    name: str, call: Callable[[], object], runs: int, target_ms: float | None = None
) -> Timing:
    """min/median/max of ``runs`` calls (no warm-up call: the first may be the cold one)."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, runs, statistics.median(samples), min(samples), max(samples), target_ms)


def peak_mb(pid: int | None) -> float | None:
    """A process's peak resident memory so far (Linux), in MB."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def note(text: str) -> None:
    print(f"#   {text}", flush=True)


def scan_pdf(folder: Path) -> Path | None:
    """The copier's scan of the fixture bulletin, or None without LibreOffice/poppler."""
    import shutil

    from support.rendering import fontconfig, render_pdf
    from support.scans import scanned

    if find_soffice() is None or shutil.which("pdftoppm") is None:
        return None
    data = json.loads(
        (ROOT / "tests/fixtures/bulletins/two_columns_three_articles.json").read_text("utf-8")
    )
    docx = folder / "第9期.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(data)))
    typeset = render_pdf(docx, fontconfig(folder / "fc"))
    return scanned(typeset, folder / "scan", dpi=200, tilt=0.8, quality=60)


def draw_first_page(data: bytes) -> None:
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        page.render(scale=ocr.OCR_DPI / 72, rev_byteorder=True).close()
        page.close()
    finally:
        document.close()


def run() -> list[Timing]:
    if ocr.unavailable() is not None:
        note("ocr: the OCR components are not installed, nothing to measure")
        return []
    with tempfile.TemporaryDirectory(prefix="jianxun-ocr-") as work:
        scan = scan_pdf(Path(work))
        if scan is None:
            note("ocr: LibreOffice or poppler is not installed, no scan to measure")
            return []
        data = scan.read_bytes()
        floor = measure(
            "  floor: PDFium draws the A4 page at 200 dpi",
            lambda: draw_first_page(data),
            runs=WARM_RUNS,
        )
        peaks: list[float] = []

        def cold() -> None:
            with OcrWorker() as fresh:
                fresh.read(scan.name, data, pages=[0])
                peak = peak_mb(fresh.pid)
                if peak is not None:
                    peaks.append(peak)

        cold_start = timed("  cold start + first A4 page", cold, COLD_RUNS)
        with OcrWorker() as worker:
            worker.read(scan.name, data, pages=[0])  # warm
            warm = timed(
                "  A4 page, 200 dpi grey tilted JPEG (warm)",
                lambda: worker.read(scan.name, data, pages=[0]),
                WARM_RUNS,
                TARGET_MS,
            )
            three = timed(
                "  three A4 pages (warm)",
                lambda: worker.read(scan.name, data, pages=[0, 1, 2]),
                COLD_RUNS,
            )
            peak = peak_mb(worker.pid)
            if peak is not None:
                peaks.append(peak)
    rows = [floor, warm, cold_start, three]
    for row in rows[1:]:
        note(f"{row.name.strip()}: = {row.median_ms / floor.median_ms:.0f} × floor")
    note(
        f"cold start adds {cold_start.median_ms - warm.median_ms:.0f} ms to the first page (median)"
    )
    if peaks:
        note(f"worker's peak resident memory: {max(peaks):.0f} MB (limit {ocr_limit()} MB)")
    return rows


def ocr_limit() -> int:
    from editor.core.reading.ocr_worker import MAX_MEMORY_MB

    return MAX_MEMORY_MB


def main() -> None:
    print(HEADER)
    for row in run():
        print(row.row(), flush=True)


if __name__ == "__main__":
    main()
