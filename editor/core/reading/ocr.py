"""Scanned pages -> the same text lines the PDF reader makes, by offline OCR.

A copier's scan has no text layer: the page is a picture. RapidOCR (``rapidocr_onnxruntime``)
reads it on the CPU with the PP-OCRv4 models that ship inside its wheel, so nothing is
fetched at run time. Its lines come back with boxes; each becomes a :class:`PdfLine` in PDF
points (x from the left, y up from the bottom, size from the box height, colour from its
darkest pixels), and from there a scan takes the layout path of a typeset PDF: indents,
centred titles, right-aligned attributions, headers and page numbers dropped by position.

The page is straightened first: a copier tilts a sheet by a degree or so, and a tilted
line drifts into the next one's band. The angle is the one whose row profile of ink is
sharpest (a projection search, coarse then fine, on a page scaled to 1,000 pixels wide).

Everything heavy (numpy, OpenCV headless, onnxruntime, the models) is imported on the first
scan only; where it is missing, :func:`unavailable` says so in Chinese.
"""

from __future__ import annotations

import itertools
import math
import statistics
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from editor.core.errors import InputError
from editor.core.limits import Budget

if TYPE_CHECKING:
    from editor.core.reading.pdf import PdfLine, PdfText

OCR_DPI: Final = 200
"""Pages are read at this resolution: the models' sweet spot for body text (see README)."""
MIN_OCR_DPI: Final = 100
"""A page too large to draw at this resolution within MAX_OCR_PIXELS is not a bulletin's."""
MAX_OCR_PAGES: Final = 20
"""Scanned pages read in one file (a bulletin has a few; a scanned book is not one)."""
MAX_OCR_PIXELS: Final = 16_000_000
"""One page image (A4 at 200 dpi is 3.9 million pixels, A3 at 300 dpi 17 million): with the
copies OCR makes of it, a page costs a few hundred MB at most."""
SECONDS_PER_PAGE: Final = 30.0
"""What one scanned page may add to a file's time budget (a page takes 2-4 s here)."""
MAX_SKEW: Final = 5.0  # degrees: a page tilted more is read as it is
_WORK_WIDTH: Final = 1000  # pixels: the skew search's copy of the page

_lock = threading.Lock()
_engines: list[Any] = []  # the one RapidOCR of this process, made on first use


def unavailable() -> str | None:
    """Why scans cannot be read here (None: they can)."""
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return "这台电脑上的简讯编审台没有安装文字识别组件，扫描件无法识别"
    return None


def read_scan(name: str, data: bytes, *, budget: Budget | None = None) -> PdfText:
    """A PDF whose pages are pictures, read by OCR into the PDF reader's lines and hints.

    Not yet called on the inbox's way in: a page costs 3-8 s and about 700 MB here (the
    detector's feature maps at 1,280 pixels), beyond what one file may cost in the reading
    process (10 s, 500 MB); it is to run in a worker process with its own limits (issue 18).
    """
    import pypdfium2 as pdfium

    from editor.core.reading import pdf

    if budget is None:
        budget = Budget(name)
    document = pdf._open(name, data)
    lines: list[PdfLine] = []
    try:
        pages = len(document)
        if pages > MAX_OCR_PAGES:
            raise InputError(name, f"扫描的页数过多（上限 {MAX_OCR_PAGES} 页），不像是一份简报")
        for number in range(pages):
            budget.deadline += SECONDS_PER_PAGE
            budget.seconds += SECONDS_PER_PAGE
            try:
                image, dpi = _drawn(document[number], number, name)
            except pdfium.PdfiumError as err:
                raise InputError(name, f"PDF 第 {number + 1} 页已损坏，无法读取") from err
            page_height = image.shape[0] * 72.0 / dpi
            lines += (
                line
                for line in page_lines(image, number, dpi=dpi, name=name)
                if not pdf._is_running(line, page_height)
            )
            budget.tick()
    finally:
        document.close()
    if not lines:
        raise InputError(name, "扫描件上没有识别出文字")
    return pdf._to_text(lines, pages)


def _drawn(page: Any, number: int, name: str) -> tuple[Any, float]:
    """The page as an RGB image, and the resolution it was drawn at; sized before it is
    drawn (a page of a square metre at 200 dpi is 60 million pixels)."""
    try:
        area = max(page.get_width(), 1.0) * max(page.get_height(), 1.0)
        dpi = min(float(OCR_DPI), 72 * math.sqrt(MAX_OCR_PIXELS / area))
        if dpi < MIN_OCR_DPI:
            raise InputError(name, f"PDF 第 {number + 1} 页的页面过大，不像是一份简报")
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        return bitmap.to_numpy()[:, :, :3], dpi
    finally:
        page.close()


def _engine() -> Any:
    """RapidOCR, made once per process (loading the models takes a fraction of a second)."""
    with _lock:
        if not _engines:
            from rapidocr_onnxruntime import RapidOCR

            # No angle classifier: bulletins are upright, and it cost time without helping.
            _engines.append(RapidOCR(use_cls=False, det_limit_type="max", det_limit_side_len=1280))
        return _engines[0]


def skew_angle(gray: Any) -> float:
    """The page's tilt in degrees (counter-clockwise positive); 0 when it cannot tell."""
    import cv2
    import numpy as np

    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, ink = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    scale = _WORK_WIDTH / ink.shape[1]
    if scale < 1:
        ink = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    height, width = ink.shape[:2]
    if not ink.any():
        return 0.0

    def sharpness(angle: float) -> float:
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        turned = cv2.warpAffine(ink, turn, (width, height), flags=cv2.INTER_NEAREST)
        rows = turned.sum(axis=1, dtype=np.float64)
        steps = np.diff(rows)
        return float((steps * steps).sum())

    def best(low: float, high: float, step: float) -> float:
        angles = np.arange(low, high + step / 2, step)
        return float(angles[int(np.argmax([sharpness(a) for a in angles]))])

    angle = best(-MAX_SKEW, MAX_SKEW, 0.25)
    angle = best(angle - 0.25, angle + 0.25, 0.05)
    return -angle


def straightened(image: Any) -> Any:
    """The page turned level (white where the turn uncovers the edge)."""
    import cv2

    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    angle = skew_angle(gray)
    if abs(angle) < 0.05:
        return image
    height, width = image.shape[:2]
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    white = 255 if image.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(image, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=white)


def page_lines(image: Any, page: int, *, dpi: float, name: str) -> list[PdfLine]:
    """The text lines on one page image (RGB or grey, uint8), in PDF points."""
    from editor.core.reading.pdf import PdfLine

    height, width = image.shape[:2]
    if height * width > 1.01 * MAX_OCR_PIXELS:  # (a page drawn to the limit rounds up)
        raise InputError(
            name,
            f"第 {page + 1} 页的图像过大（{width}×{height} 像素），请以 200–300 dpi 扫描",
        )
    level = straightened(image)
    rgb = level if level.ndim == 3 else _to_rgb(level)
    result, _elapsed = _engine()(rgb[:, :, ::-1].copy())  # RapidOCR wants OpenCV's BGR
    points = 72.0 / dpi
    page_height = height * points
    pieces: list[tuple[float, float, float, float, str, float]] = []
    for box, text, _score in result or []:
        text = "".join(str(text).split())
        if not text:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        pieces.append((min(xs), max(xs), min(ys), max(ys), text, 0.0))
    lines: list[PdfLine] = []
    for row in _rows(pieces):
        x0 = min(p[0] for p in row)
        x1 = max(p[1] for p in row)
        y0 = statistics.median(p[2] for p in row)
        y1 = statistics.median(p[3] for p in row)
        text = _joined(row)
        lines.append(
            PdfLine(
                page=page,
                text=text,
                x0=x0 * points,
                x1=x1 * points,
                top=page_height - y0 * points,
                bottom=page_height - y1 * points,
                size=round((y1 - y0) * points * 0.95 * 2) / 2,
                colour=_colour(rgb, x0, x1, y0, y1),
            )
        )
    return lines


def _to_rgb(gray: Any) -> Any:
    import cv2

    return cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)


Piece = tuple[float, float, float, float, str, float]


def _rows(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """Pieces on one line of the page, left to right (a 报：/送： label and what follows it
    may come back as two boxes)."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p[2] + p[3]) / 2):
        middle, tall = (piece[2] + piece[3]) / 2, piece[3] - piece[2]
        if rows:
            last = rows[-1]
            last_middle = statistics.median((p[2] + p[3]) / 2 for p in last)
            last_tall = statistics.median(p[3] - p[2] for p in last)
            if abs(middle - last_middle) < 0.5 * min(tall, last_tall):
                last.append(piece)
                continue
        rows.append([piece])
    return [sorted(row, key=lambda p: p[0]) for row in rows]


def _joined(row: Sequence[Piece]) -> str:
    """One line's text; pieces apart by more than two characters' width keep a space."""
    text = row[0][4]
    for before, piece in itertools.pairwise(row):
        char = max((before[1] - before[0]) / max(len(before[4]), 1), 1.0)
        text += (" " if piece[0] - before[1] > 2 * char else "") + piece[4]
    return text


def _colour(rgb: Any, x0: float, x1: float, y0: float, y1: float) -> tuple[int, int, int]:
    """The ink's colour in a box: the median of its darkest pixels (a red masthead is red)."""
    import numpy as np

    box = rgb[int(max(y0, 0)) : int(y1) + 1, int(max(x0, 0)) : int(x1) + 1]
    if box.size == 0:
        return (0, 0, 0)
    pixels = box.reshape(-1, 3).astype(np.int32)
    lightness = pixels.sum(axis=1)
    ink = pixels[lightness <= np.percentile(lightness, 15)]
    if not len(ink):
        return (0, 0, 0)
    red, green, blue = (int(v) for v in np.median(ink, axis=0))
    return (red, green, blue)
