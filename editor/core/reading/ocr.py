"""Scanned pages -> the same text lines the PDF reader makes, by offline OCR.

A copier's scan has no text layer: the page is a picture. The PP-OCRv4 models that ship
inside the ``rapidocr_onnxruntime`` wheel read it on the CPU (onnxruntime), so nothing is
fetched at run time. This module is the engine; it runs in the OCR worker process
(:mod:`editor.core.reading.ocr_worker`), never in the reading process, which imports it only
for its limits, :class:`ScannedPage` and :func:`unavailable` (nothing heavy is imported at
the top: numpy, OpenCV and onnxruntime come in with the first page).

A page goes through these steps (figures measured on the 2-core test machine, on 66 pages
of 26 bulletins typed by clerks and by this program, printed by LibreOffice and scanned at
200 dpi in grey, tilted, speckled, JPEG of quality 60):

1. Drawn at 200 dpi (a PDF page, by PDFium, sized before it is drawn) or decoded (an image
   file, :mod:`editor.core.reading.images`).
2. Made level. A copier tilts a sheet by a degree or so, and a tilted line drifts into the
   next one's band. The ink is smeared sideways into one blob per text line; the median
   axis of the long blobs (by their second moments, weighted by length, measured twice
   when steep) is the page's tilt: mean error 0.01°, at most 0.04°, in 30-40 ms (the
   projection search, the angle whose row profile of ink is sharpest: 0.009° in 120 ms).
   A page with fewer than three long lines falls back on the projection search.
3. Text boxes found by the detector on a copy of the page scaled to 960 pixels on its
   long side. The detector's feature maps are what the worker's memory peaks on, and most
   of a page's time: at 960 pixels a page peaks at 370 MB, at 1,280 at 480 MB and a fifth
   slower, as accurate (0.15% of characters wrong at either); RapidOCR's own call, with
   the angle classifier and at 2,000 pixels, peaks at 860 MB and takes 2.8 s a page where
   this takes 1.4 s. The detector never enlarges a page.
4. Each box read by the recogniser from the full-resolution page, one box at a time (a batch
   of one is faster here than RapidOCR's six, with the same text). No angle classifier:
   bulletins are upright.
5. Each character's probability kept from the CTC decoding; where Chinese characters stand
   further apart than their pitch allows, the recogniser dropped one, and the two beside
   the gap are given probability 0.
6. Dashes measured on the page: the recogniser reads the Chinese dash —— as —, 一— or 一一,
   and a dash between figures as -, － or 一; the length of the stroke tells
   (:func:`_mend_dashes`).
7. Boxes grouped into rows by their middles (a label and what follows it may come back as
   two boxes), each row one :class:`PdfLine` in PDF points (x from the left, y up from the
   bottom, size from the height of its ink, colour from its darkest pixels).
8. Punctuation folded by what stands around it (:func:`fold_punctuation`): ASCII brackets
   and ,:;?! in Chinese text become the full-width forms, 丶 the enumeration comma, 一
   between figures a dash; quotation marks paired over the page (:func:`_fold_quotes`).
9. Doubts (``PdfLine.doubts``, which the desk marks): the characters read with less
   probability than :data:`DOUBT_BELOW`, those changed by steps 5, 6 and 8, and Chinese
   characters outside GB 2312 (a variant form the recogniser chose, or a rare name).

On the 66 pages (62 without the web copy, whose source has ASCII punctuation on purpose):
0.15% of characters wrong (53 of 34,768, in 44 errors: runs of wrong or missing
characters), every one of the 44 errors doubted, 2.8% of all characters doubted (at a
threshold of 0.7: 2.2%, at 0.9: 3.8%, the same errors caught; a third of the doubted are
marks folded, quotation marks most of all). Before steps 5, 6 and 8, 0.87% were wrong;
what is left is mostly the Kai font's 真 read as its variant 眞, and dropped rare
characters. A page took 1.9 s on average (they are dense: 11 pt body text).

From there a scan takes the layout path of a typeset PDF: indents, centred titles,
right-aligned attributions, headers and page numbers dropped by position.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import statistics
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Protocol

from editor.core.errors import InputError

if TYPE_CHECKING:
    from editor.core.reading.pdf import PdfLine

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
"""What one scanned page may take in the worker (an A4 page takes 1.5 s here, a dense one
of 11 pt text 2-3 s; a slow or busy machine several times that)."""
MAX_SKEW: Final = 5.0  # degrees: a page tilted more is read as it is
DETECT_SIDE: Final = 960
"""Pixels on the long side of the copy of the page the text boxes are found on."""
DOUBT_BELOW: Final = 0.8
"""A character the recogniser gives less probability than this is marked doubtful (every
wrong character measured had less, or was caught by another rule; see above)."""
MIN_BOX_SCORE: Final = 0.5
"""A box whose characters average less than this is noise, not text (RapidOCR's text_score)."""
_WORK_WIDTH: Final = 1000  # pixels: the skew search's copy of the page
_SMEAR: Final = 25
"""The skew search smears ink sideways by this share of the page's width (an em and a half
of body text: it bridges the gap a comma leaves, not the one between two columns)."""
_MIN_LINES: Final = 3  # long line blobs the skew is measured on; fewer: the projection search
_GAP: Final = 1.8
"""Two Chinese characters this many pitches apart had one between them that was not read
(measured: 2.0-2.6 where one was dropped, at most 1.6 elsewhere)."""

UNAVAILABLE: Final = "这台电脑上的简讯编审台没有安装文字识别组件，扫描件无法识别"
_NEEDED: Final = ("numpy", "cv2", "onnxruntime", "rapidocr_onnxruntime", "PIL", "yaml")


@dataclass(frozen=True)
class ScannedPage:
    """One page (or image frame) as OCR read it."""

    number: int
    """0-based index of the page in the document (the frame in an image file)."""
    width: float
    """The page's size in PDF points."""
    height: float
    lines: list[PdfLine]
    """Every line read, in PDF points (y up from the bottom), headers and page numbers too."""


def unavailable() -> str | None:
    """Why scans cannot be read here (None: they can).

    Asked without importing anything heavy, so the reading process can ask; a component
    that is there but will not load is told by the worker, with the same words.
    """
    for module in _NEEDED:
        try:
            if importlib.util.find_spec(module) is None:
                return UNAVAILABLE
        except (ImportError, ValueError):
            return UNAVAILABLE
    return None


def chosen_pages(name: str, count: int, pages: Sequence[int] | None) -> list[int]:
    """The pages (0-based) to read of ``count``: all of them, or those asked for."""
    if pages is None:
        if count > MAX_OCR_PAGES:
            raise InputError(name, f"扫描的页数过多（上限 {MAX_OCR_PAGES} 页），不像是一份简报")
        return list(range(count))
    chosen = list(dict.fromkeys(pages))
    if len(chosen) > MAX_OCR_PAGES:
        raise InputError(name, f"一次识别的页数过多（上限 {MAX_OCR_PAGES} 页）")
    for number in chosen:
        if not 0 <= number < count:
            raise InputError(name, f"没有第 {number + 1} 页（共 {count} 页）")
    return chosen


class PageSource(Protocol):
    """A scan's pages, drawn or decoded one at a time (in the worker)."""

    count: int

    def page(self, number: int) -> tuple[Any, float, float]:
        """The page as an image (RGB or grey), and its width and height in points."""
        ...

    def close(self) -> None: ...


class PdfScan:
    """An image-only PDF's pages, drawn one at a time (in the worker)."""

    def __init__(self, name: str, data: bytes) -> None:
        from editor.core.reading import pdf

        self.name = name
        self.data = data  # PDFium reads from it while the document is open
        self.document = pdf._open(name, data)
        self.count = len(self.document)

    def page(self, number: int) -> tuple[Any, float, float]:
        """The page as an RGB image, and its width and height in points."""
        import pypdfium2 as pdfium

        try:
            return _drawn(self.document[number], number, self.name)
        except pdfium.PdfiumError as err:
            raise InputError(self.name, f"PDF 第 {number + 1} 页已损坏，无法读取") from err

    def close(self) -> None:
        self.document.close()


def _drawn(page: Any, number: int, name: str) -> tuple[Any, float, float]:
    """The page as an RGB image and its size in points; sized before it is drawn (a page of
    a square metre at 200 dpi is 60 million pixels)."""
    try:
        width, height = float(page.get_width()), float(page.get_height())
        area = max(width, 1.0) * max(height, 1.0)
        dpi = min(float(OCR_DPI), 72 * math.sqrt(MAX_OCR_PIXELS / area))
        if dpi < MIN_OCR_DPI:
            raise InputError(name, f"PDF 第 {number + 1} 页的页面过大，不像是一份简报")
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        return bitmap.to_numpy()[:, :, :3], width, height
    finally:
        page.close()


# --- The models ------------------------------------------------------------------------------


class _Models:
    """The detector and the recogniser of RapidOCR's wheel, without its pipeline."""

    def __init__(self) -> None:
        from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
        from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
        from rapidocr_onnxruntime.utils import read_yaml, update_model_path

        config = update_model_path(read_yaml(DEFAULT_CFG_PATH))
        # limit_type "max" never enlarges; the page is scaled down to DETECT_SIDE beforehand
        # (the detector's own choice of side, 960/1500/2000 by the image's size, then keeps it).
        self.detector = TextDetector(dict(config["Det"], limit_type="max"))
        self.recogniser = TextRecognizer(dict(config["Rec"], rec_batch_num=1))
        self.characters: list[str] = list(self.recogniser.postprocess_op.character)
        self.height: int = int(self.recogniser.rec_image_shape[1])
        self.width: int = int(self.recogniser.rec_image_shape[2])

    def boxes(self, bgr: Any) -> list[Any]:
        """The text boxes (four corners each, in the page's pixels)."""
        import cv2
        import numpy as np

        height, width = bgr.shape[:2]
        scale = min(1.0, DETECT_SIDE / max(height, width))
        small = bgr
        if scale < 1:
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            small = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
        found, _elapsed = self.detector(small)
        if found is None or len(found) == 0:
            return []
        return [np.asarray(box, dtype=np.float32) / scale for box in found]

    def read(self, crop: Any) -> tuple[str, list[float], list[float]]:
        """A box's characters, the probability of each (greedy CTC decoding) and where each
        stands across the crop (pixels from its left edge)."""
        import numpy as np

        high, wide = crop.shape[:2]
        ratio = max(self.width / self.height, wide / max(high, 1))
        tensor = self.recogniser.resize_norm_img(crop, ratio)[np.newaxis].astype(np.float32)
        scores = self.recogniser.session(tensor)[0][0]
        best = scores.argmax(axis=1)
        chance = scores.max(axis=1)
        keep = np.ones(len(best), dtype=bool)
        keep[1:] = best[1:] != best[:-1]
        keep &= best != 0  # the CTC blank
        text = "".join(self.characters[int(i)] for i in best[keep])
        padded = int(self.height * ratio)
        drawn = min(padded, math.ceil(self.height * wide / max(high, 1)))
        step = padded / len(best) * wide / drawn  # crop pixels per frame
        places = [(int(i) + 0.5) * step for i in np.flatnonzero(keep)]
        return text, [float(p) for p in chance[keep]], places


_lock = threading.Lock()
_models: list[_Models] = []  # made on first use, once per process


def _the_models() -> _Models:
    with _lock:
        if not _models:
            _models.append(_Models())
        return _models[0]


def load() -> None:
    """Load the models now (the worker does so as it starts, before it says it is ready)."""
    _the_models()


# --- Level ----------------------------------------------------------------------------------


def skew_angle(gray: Any) -> float:
    """The page's tilt in degrees (counter-clockwise positive); 0 when it cannot tell."""
    import cv2

    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    _, ink = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    scale = _WORK_WIDTH / ink.shape[1]
    if scale < 1:
        ink = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if not ink.any():
        return 0.0
    angle = _line_angle(ink)
    if angle is None:
        angle = _projection_angle(ink)
    elif abs(angle) > 0.5:  # a steep smear is biased: measure again what is left
        height, width = ink.shape[:2]
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
        level = cv2.warpAffine(ink, turn, (width, height), flags=cv2.INTER_NEAREST)
        angle += _line_angle(level) or 0.0
    return angle if abs(angle) <= MAX_SKEW else 0.0


def _line_angle(ink: Any) -> float | None:
    """The median tilt of the page's long text lines, each smeared into one blob."""
    import cv2

    width = ink.shape[1]
    smear = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, width // _SMEAR), 1))
    blobs = cv2.dilate(ink, smear)
    contours, _ = cv2.findContours(blobs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles: list[tuple[float, float]] = []
    for contour in contours:
        corners = cv2.boxPoints(cv2.minAreaRect(contour))
        sides = sorted(
            math.hypot(float(a[0] - b[0]), float(a[1] - b[1]))
            for a, b in ((corners[0], corners[1]), (corners[1], corners[2]))
        )
        if sides[1] < 0.2 * width or sides[1] < 6 * sides[0]:
            continue  # not a line of text: a short line, a picture, a seal
        # The blob's axis by its second moments: a least-squares fit through all of it, which
        # the ragged tops and bottoms of its characters do not tilt (a bounding box's edge
        # they do).
        moments = cv2.moments(contour)
        axis = 0.5 * math.atan2(2 * moments["mu11"], moments["mu20"] - moments["mu02"])
        angle = -math.degrees(axis)  # image y runs down
        if abs(angle) <= MAX_SKEW:
            angles.append((angle, sides[1]))
    if len(angles) < _MIN_LINES:
        return None
    return _weighted_median(angles)


def _weighted_median(values: Sequence[tuple[float, float]]) -> float:
    """The median of values by their weights (a long line's angle counts for more)."""
    ordered = sorted(values)
    half = sum(weight for _, weight in ordered) / 2
    total = 0.0
    for value, weight in ordered:
        total += weight
        if total >= half:
            return value
    return ordered[-1][0]


def _projection_angle(ink: Any) -> float:
    """The angle whose row profile of ink is sharpest (coarse, then fine)."""
    import cv2
    import numpy as np

    height, width = ink.shape[:2]

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


# --- A page ---------------------------------------------------------------------------------


class Piece(NamedTuple):
    """A box read, in the page's pixels (y down)."""

    left: float
    right: float
    top: float
    bottom: float
    text: str
    chances: tuple[float, ...]
    """Each character's probability."""
    em: float
    """The height of its type, from its ink (the box's own height varies with its padding)."""


def read_page(image: Any, number: int, *, width: float, height: float, name: str) -> ScannedPage:
    """One page image (RGB or grey, uint8) of ``width`` × ``height`` points, read."""
    lines = page_lines(image, number, width=width, height=height, name=name)
    return ScannedPage(number, width, height, lines)


def page_lines(image: Any, page: int, *, width: float, height: float, name: str) -> list[PdfLine]:
    """The text lines on one page image (RGB or grey, uint8), in PDF points."""
    import cv2
    import numpy as np

    from editor.core.reading.pdf import PdfLine

    pixels_high, pixels_wide = image.shape[:2]
    if pixels_high * pixels_wide > 1.01 * MAX_OCR_PIXELS:  # (a page drawn to the limit rounds up)
        raise InputError(
            name,
            f"第 {page + 1} 页的图像过大（{pixels_wide}×{pixels_high} 像素），"
            "请以 200–300 dpi 扫描",
        )
    level = straightened(image)
    bgr = (
        cv2.cvtColor(level, cv2.COLOR_GRAY2BGR)
        if level.ndim == 2
        else np.ascontiguousarray(level[:, :, ::-1])
    )
    models = _the_models()
    pieces: list[Piece] = []
    for box in models.boxes(bgr):
        crop = _cropped(bgr, box)
        if crop.shape[0] >= 1.5 * crop.shape[1]:
            crop = np.ascontiguousarray(np.rot90(crop))
        text, probabilities, places = models.read(crop)
        if not text or statistics.fmean(probabilities) < MIN_BOX_SCORE:
            continue
        ink = _ink(crop)
        em = _em(ink)
        _mark_gaps(text, probabilities, places)
        chars, probabilities = _mend_dashes(ink, em, list(text), probabilities, places)
        kept = [(c, p) for c, p in zip(chars, probabilities, strict=True) if not c.isspace()]
        if not kept:
            continue
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        pieces.append(
            Piece(
                min(xs),
                max(xs),
                min(ys),
                max(ys),
                "".join(c for c, _ in kept),
                tuple(p for _, p in kept),
                em,
            )
        )
    rows = _rows(pieces)
    texts: list[list[str]] = []
    chances: list[list[float]] = []
    for row in rows:
        chars, probabilities = _joined(row)
        folded = fold_punctuation(chars)
        texts.append(folded)
        chances.append(
            [p if a == b else 0.0 for a, b, p in zip(chars, folded, probabilities, strict=True)]
        )
    _fold_quotes(texts, chances)
    across, down = width / pixels_wide, height / pixels_high
    lines: list[PdfLine] = []
    for row, chars, probabilities in zip(rows, texts, chances, strict=True):
        x0 = min(p[0] for p in row)
        x1 = max(p[1] for p in row)
        y0 = statistics.median(p[2] for p in row)
        y1 = statistics.median(p[3] for p in row)
        lines.append(
            PdfLine(
                page=page,
                text="".join(chars),
                x0=x0 * across,
                x1=x1 * across,
                top=height - y0 * down,
                bottom=height - y1 * down,
                size=round(statistics.median(p.em for p in row) * down * 2) / 2,
                colour=_colour(level, x0, x1, y0, y1),
                doubts=_doubts(chars, probabilities),
            )
        )
    return lines


def _doubts(chars: Sequence[str], chances: Sequence[float]) -> tuple[int, ...]:
    """Where in a line the characters are that an editor should look at twice: read with
    little probability, folded into another form, or outside the simplified set."""
    return tuple(
        i
        for i, (char, chance) in enumerate(zip(chars, chances, strict=True))
        if chance < DOUBT_BELOW or _unusual(char)
    )


def _cropped(image: Any, box: Any) -> Any:
    """The box's pixels, straightened to a rectangle (RapidOCR's crop)."""
    import cv2
    import numpy as np

    wide = int(max(np.linalg.norm(box[0] - box[1]), np.linalg.norm(box[2] - box[3])))
    high = int(max(np.linalg.norm(box[0] - box[3]), np.linalg.norm(box[1] - box[2])))
    wide, high = max(wide, 1), max(high, 1)
    target = np.array([[0, 0], [wide, 0], [wide, high], [0, high]], dtype=np.float32)
    turn = cv2.getPerspectiveTransform(np.asarray(box, dtype=np.float32), target)
    return cv2.warpPerspective(
        image, turn, (wide, high), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC
    )


def _mark_gaps(chars: str, chances: list[float], places: Sequence[float]) -> None:
    """Where the recogniser dropped a character (a rare one, mostly), the two around the gap
    made doubtful: Chinese characters and their punctuation stand an em apart, so two of them
    far more than that apart (GAP times the line's usual pitch) had another between them."""
    pairs = [
        (places[i + 1] - places[i], i)
        for i in range(len(chars) - 1)
        if _full_width(chars[i]) and _full_width(chars[i + 1])
    ]
    if len(pairs) < 3:
        return
    pitch = statistics.median(step for step, _ in pairs)
    for step, i in pairs:
        if step > _GAP * pitch:
            chances[i] = chances[i + 1] = 0.0


def _full_width(char: str) -> bool:
    """A character that takes an em in Chinese type (not quotation marks or dashes, which
    some fonts set narrower)."""
    return _chinese(char) and char not in "“”‘’—…·"


_DASH_LIKE: Final = "一－-—"
"""What the recogniser reads a dash or a hyphen as."""


def _mend_dashes(
    ink: Any, em: float, chars: list[str], chances: list[float], places: list[float]
) -> tuple[list[str], list[float]]:
    """Dashes and hyphens told by the length of their stroke, in the line's height (``em``).

    The recogniser reads the Chinese dash —— (two ems, one unbroken stroke in a Chinese
    font) as —, 一— or 一一, and a dash between figures as -, － or 一. The stroke says what
    it is: between two figures, under half an em is a hyphen (2022-05-18), more a dash
    (1986—2005); elsewhere one and a half ems or more is ——. Mended characters are given
    probability 0: doubtful. Where the stroke is broken it cannot tell: a Latin font's em
    dashes (the body font's, when a clerk types ——) and the Kai font's leave gaps between
    them as wide as two 一 do, and in the Hei font 一 is as long as a dash. So any other pair
    (一一, 一—) is left as read but marked doubtful (一一对应 is rare, —— in a title is not), and
    so is a lone — after a Chinese character (a misread 一, or a range like 北京—上海).
    """
    groups: list[tuple[int, int]] = []
    for i, char in enumerate(chars):
        if char in _DASH_LIKE:
            if groups and groups[-1][1] == i:
                groups[-1] = (groups[-1][0], i + 1)
            else:
                groups.append((i, i + 1))
    if not groups or not em:
        return chars, chances
    out_chars, out_chances = list(chars), list(chances)
    for first, end in reversed(groups):
        length = _stroke(ink, places[first], em)
        read = chars[first:end]
        before = chars[first - 1] if first > 0 else ""
        after = chars[end] if end < len(chars) else ""
        if _figure(before) and _figure(after) and len(read) == 1:
            mended = read if length is None else ["-" if length < 0.5 * em else "—"]
        elif length is not None and length >= 1.5 * em:
            mended = ["—", "—"]
        else:
            if (len(read) == 2 and read != ["—", "—"]) or (read == ["—"] and _han(before)):
                out_chances[first:end] = [0.0] * len(read)  # see above: only doubtful
            continue
        if read != mended:
            out_chars[first:end] = mended
            out_chances[first:end] = [0.0] * len(mended)
    return out_chars, out_chances


def _ink(crop: Any) -> Any:
    """A box's ink (1) and paper (0)."""
    import cv2

    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _em(ink: Any) -> float:
    """The type's size in pixels: the band of rows that most of the ink is in (rows with a
    tenth of the fullest row's ink or more: brackets and quotation marks reach beyond it),
    which Chinese characters fill to nine tenths of an em."""
    import numpy as np

    rows = ink.sum(axis=1)
    if not rows.any():
        return 0.0
    band = np.flatnonzero(rows >= 0.1 * rows.max())
    return float(band[-1] - band[0] + 1) / 0.9


def _stroke(ink: Any, place: float, em: float) -> float | None:
    """The length of the flat stroke through ``place`` (pixels), or None where there is none."""
    x = round(place)
    if not 0 <= x < ink.shape[1]:
        return None
    rows = ink[:, max(x - 1, 0) : x + 2].any(axis=1).nonzero()[0]
    if not len(rows) or rows[-1] - rows[0] + 1 > 0.25 * em:
        return None  # no single flat stroke there
    band = ink[max(int(rows[0]) - 1, 0) : int(rows[-1]) + 2].any(axis=0)
    left = right = x
    while left > 0 and band[left - 1]:
        left -= 1
    while right + 1 < len(band) and band[right + 1]:
        right += 1
    return float(right - left + 1)


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


def _joined(row: Sequence[Piece]) -> tuple[list[str], list[float]]:
    """One line's characters and their probabilities; pieces apart by more than two
    characters' width keep a space between them."""
    chars, chances = list(row[0][4]), list(row[0][5])
    for before, piece in itertools.pairwise(row):
        char = max((before[1] - before[0]) / max(len(before[4]), 1), 1.0)
        if piece[0] - before[1] > 2 * char:
            chars.append(" ")
            chances.append(1.0)
        chars += piece[4]
        chances += piece[5]
    return chars, chances


def _colour(image: Any, x0: float, x1: float, y0: float, y1: float) -> tuple[int, int, int]:
    """The ink's colour in a box: the median of its darkest pixels (a red masthead is red)."""
    import numpy as np

    box = image[int(max(y0, 0)) : int(y1) + 1, int(max(x0, 0)) : int(x1) + 1]
    if box.size == 0:
        return (0, 0, 0)
    pixels = box.reshape(-1, 1 if image.ndim == 2 else 3).astype(np.int32)
    lightness = pixels.sum(axis=1)
    ink = pixels[lightness <= np.percentile(lightness, 15)]
    if not len(ink):
        return (0, 0, 0)
    values = [int(v) for v in np.median(ink, axis=0)]
    if len(values) == 1:
        return (values[0], values[0], values[0])
    return (values[0], values[1], values[2])


# --- Punctuation ----------------------------------------------------------------------------

_FULL_WIDTH: Final = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_BRACKETS: Final = {"(": ")", "<": ">"}
_FULL_BRACKETS: Final = {"(": "（", ")": "）", "<": "〈", ">": "〉"}
_QUOTES: Final = '"“”'
_OPENING: Final = "（《〈【「『"
_CLOSING_AFTER: Final = "，。、；：！？）》〉】」』"
_MISSED_QUOTE: Final = 3.0
"""What it costs to suppose the recogniser missed a quotation mark (see :func:`_fold_quotes`)."""


def _han(char: str) -> bool:
    """A Chinese character (not punctuation)."""
    return (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or "\uf900" <= char <= "\ufaff"
        or char >= "\U00020000"
    )


def _chinese(char: str) -> bool:
    """A Chinese character, or punctuation only Chinese text uses (full-width forms)."""
    return (
        _han(char)
        or "\u3000" <= char <= "\u303f"
        or "\uff01" <= char <= "\uff5e"
        or char in "“”‘’—…·"
    )


def _figure(char: str) -> bool:
    return "0" <= char <= "9"


def _unusual(char: str) -> bool:
    """A Chinese character outside GB 2312, the simplified set every bulletin is written in:
    a rare name, or a traditional or variant form the recogniser picked for a common one."""
    if not _han(char):
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def fold_punctuation(chars: Sequence[str]) -> list[str]:
    """The characters of one line with Latin punctuation in Chinese text made Chinese.

    Decided by what stands around a mark, never by words:

    - an ASCII bracket pair ( ) or < > next to or around Chinese becomes （ ） or 〈 〉;
    - ,:;?! right after a Chinese character (or before one, where no Latin letter or figure
      precedes) becomes the full-width form;
    - 丶, a dictionary radical that running text never uses, is the enumeration comma 、;
    - a dash read as 一 between two figures (1986一2005) is a dash: the ideograph never stands
      between Arabic figures (where the page's ink could be measured, :func:`_mend_dashes`
      has decided already). 一 anywhere else is the numeral and stays; a dash alone in
      brackets is the enumerator （一）;
    - a degree sign ° that follows no figure is a small full stop 。 read as a ring (after a
      Chinese character or a %, it ends a sentence; a temperature's ° follows its figure);
    - a closing single quote ’ (or ') between two Chinese characters with no opening ‘
      before it on the line is a comma ， read with its tail: Chinese sets single quotes
      only in pairs, inside double ones.
    """
    out = list(chars)

    def at(index: int) -> str:
        return out[index] if 0 <= index < len(out) else ""

    def chinese(index: int) -> bool:
        return bool(at(index)) and _chinese(at(index))

    def latin(index: int) -> bool:
        char = at(index)
        return bool(char) and char.isascii() and char.isalnum()

    for i, char in enumerate(out):
        if char == "丶":
            out[i] = "、"
        elif char in _FULL_WIDTH and (_han(at(i - 1)) or (chinese(i + 1) and not latin(i - 1))):
            out[i] = _FULL_WIDTH[char]
    for opening, closing in _bracket_pairs(out):
        around = [opening - 1, opening + 1]
        inside: list[str] = []
        if closing is not None:
            around += [closing - 1, closing + 1]
            inside = out[opening + 1 : closing]
        if any(chinese(j) for j in around) or any(_han(c) for c in inside):
            out[opening] = _FULL_BRACKETS[out[opening]]
            if closing is not None:
                out[closing] = _FULL_BRACKETS[out[closing]]
    for i, char in enumerate(out):
        if char == "一" and _figure(at(i - 1)) and _figure(at(i + 1)):
            out[i] = "—"
        elif char in "-－—" and at(i - 1) == "（" and at(i + 1) == "）":
            out[i] = "一"  # the enumerator （一）: a dash alone in brackets means nothing
        elif char == "°" and i > 0 and not at(i - 1).isdigit():
            out[i] = "。"
        elif char in "’'" and _han(at(i - 1)) and _han(at(i + 1)) and "‘" not in out[:i]:
            out[i] = "，"
    return out


def _bracket_pairs(chars: Sequence[str]) -> Iterable[tuple[int, int | None]]:
    """ASCII brackets as (opening, closing) index pairs, innermost first; a lone one, opening
    or closing, is given as the first with None for its mate."""
    closers = {closing: opening for opening, closing in _BRACKETS.items()}
    stacks: dict[str, list[int]] = {opening: [] for opening in _BRACKETS}
    for i, char in enumerate(chars):
        if char in stacks:
            stacks[char].append(i)
        elif char in closers:
            stack = stacks[closers[char]]
            yield (stack.pop(), i) if stack else (i, None)
    for stack in stacks.values():
        for opening in stack:
            yield opening, None


def _fold_quotes(lines: Sequence[list[str]], chances: Sequence[list[float]]) -> None:
    """Quotation marks on a page made “ or ” by pairing them, in reading order.

    The recogniser reads many Chinese quotation marks as ASCII " and turns some the wrong way.
    Marks alternate, opening and closing, across the lines of a paragraph; where each one
    stands says something too (no line starts with a closing mark or ends with an opening
    one; a mark before ，。 closes, one after （《： opens), and so does the recogniser's own
    reading, by its probability. The likeliest alternation is found over the whole page
    (Viterbi, two states: inside a quotation or not), allowing for a mark the recogniser
    missed at a cost. Marks changed are given probability 0: doubtful. An ASCII " with no
    Chinese beside it is Latin text's and stays.
    """
    marks: list[tuple[int, int, float]] = []  # line, index, evidence that it opens
    for number, chars in enumerate(lines):
        for i, char in enumerate(chars):
            if char not in _QUOTES:
                continue
            before = chars[i - 1] if i > 0 else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if char == '"' and not (_chinese(before) or _chinese(after)):
                continue
            marks.append((number, i, _opens(char, chances[number][i], before, after)))
    if not marks:
        return
    # cost[state] of the best reading so far; state 1: inside a quotation
    cost = [0.0, _MISSED_QUOTE / 2]
    paths: list[list[bool]] = [[], []]
    for _number, _index, evidence in marks:
        opened = cost[0] - evidence + 0.0, cost[1] - evidence + _MISSED_QUOTE
        closed = cost[1] + evidence + 0.0, cost[0] + evidence + _MISSED_QUOTE
        new_paths: list[list[bool]] = [[], []]
        new_cost = [0.0, 0.0]
        # after an opening mark the state is 1, after a closing one 0
        if opened[0] <= opened[1]:
            new_cost[1], new_paths[1] = opened[0], [*paths[0], True]
        else:
            new_cost[1], new_paths[1] = opened[1], [*paths[1], True]
        if closed[0] <= closed[1]:
            new_cost[0], new_paths[0] = closed[0], [*paths[1], False]
        else:
            new_cost[0], new_paths[0] = closed[1], [*paths[0], False]
        cost, paths = new_cost, new_paths
    best = paths[0] if cost[0] <= cost[1] else paths[1]
    for (number, index, _evidence), opens in zip(marks, best, strict=True):
        mark = "“" if opens else "”"
        if lines[number][index] != mark:
            lines[number][index] = mark
            chances[number][index] = 0.0


def _opens(char: str, chance: float, before: str, after: str) -> float:
    """How strongly a quotation mark's reading and its neighbours say it opens (negative:
    it closes)."""
    evidence = 0.0
    if char == "“":
        evidence += 2 * chance
    elif char == "”":
        evidence -= 2 * chance
    if not before:
        evidence += 1.5  # no line starts with a closing mark
    if not after:
        evidence -= 1.5  # nor ends with an opening one
    if after and after in _CLOSING_AFTER:
        evidence -= 1.0
    if before and before in _OPENING + "：":
        evidence += 1.0
    elif before and before in "，、；":
        evidence += 0.5
    return evidence
