"""Scans on their way in: read by OCR, parsed like a PDF, their reading kept beside the original.

A scan (an image file, or a PDF with pages that are pictures) takes seconds a page to
read, so it is not read while the inbox takes it: the archive records it as 识别中 at
once and a :class:`RecognitionQueue` reads it afterwards, one scan at a time, in the OCR
worker process (:mod:`editor.core.reading.ocr_worker`), while the inbox goes on taking
other files. The lines OCR gives take the PDF reader's layout path, so a scan parses like
a typeset PDF; the characters OCR was unsure of become warnings on their lines
(``ocr_doubt``, with the characters' places), which make their fields doubtful in the desk.

What OCR read (the text, each line's box on its page, the doubts) is kept in the archive
beside the original (:func:`reading_key`), so showing a scan later costs no second OCR.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Protocol

from editor.core.errors import InputError
from editor.core.model import Bulletin, ParseWarning

if TYPE_CHECKING:
    from editor.core.reading.ocr import ScannedPage
    from editor.core.reading.pdf import PdfText
    from editor.core.store import Record, Store

IMAGE_SUFFIXES: Final = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
"""Image files the inbox takes as scans (the same list as editor.core.reading.images)."""
DOUBT: Final = "ocr_doubt"
"""The warning code of characters OCR was unsure of."""
NOT_INSTALLED: Final = "这台电脑上的简讯编审台没有安装文字识别组件，扫描件无法识别"
CANCELLED: Final = "已取消文字识别"
_CONTEXT: Final = 4  # characters either side of an unsure one shown in its warning
_READING_VERSION: Final = 1

Progress = Callable[[int, int], None]


class Recogniser(Protocol):
    """What reads scanned pages (the OCR worker; anything with its ``read``)."""

    def read(
        self,
        name: str,
        data: bytes,
        *,
        pages: Sequence[int] | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ScannedPage]: ...


def installed() -> bool:
    """Whether OCR can run here, told without importing it (OpenCV and onnxruntime are large)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("rapidocr_onnxruntime", "onnxruntime", "cv2", "numpy", "PIL")
    )


_IMAGE_MAGIC: Final = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def is_image_name(name: str) -> bool:
    """A file the inbox takes as a scanned image, by its name."""
    return name.lower().endswith(IMAGE_SUFFIXES)


def is_image(data: bytes) -> bool:
    """Bytes of a PNG, JPEG or TIFF image (what a scanner saves)."""
    return data.startswith(_IMAGE_MAGIC)


def is_scan_record(record: Record) -> bool:
    """A bulletin OCR could read (again): a PDF or an image whose original the archive has."""
    from editor.core.store import UNREADABLE_KEY

    name = record.summary.source_name.lower()
    return (name.endswith(".pdf") or is_image_name(name)) and not record.sha256.startswith(
        UNREADABLE_KEY
    )


# --- reading and parsing a scan -------------------------------------------------------------


def read_scan_file(
    name: str,
    data: bytes,
    ocr: Recogniser,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PdfText:
    """A scan's text lines with hints, boxes and doubts: an image file, or a PDF whose
    typeset pages are read as text and whose scanned pages by OCR."""
    from editor.core.reading import pdf

    if is_image_name(name):
        pages = ocr.read(name, data, progress=progress, cancel=cancel)
        lines = pdf.drop_running([(line, p.height) for p in pages for line in p.lines])
        if not lines:
            raise InputError(name, "扫描件上没有识别出文字")
        return pdf._to_text(lines, len(pages))

    def scans(numbers: list[int]) -> list[ScannedPage]:
        return ocr.read(name, data, pages=numbers, progress=progress, cancel=cancel)

    return pdf.read_pdf(name, data=data, scans=scans)


def parse_scan(
    name: str,
    data: bytes,
    ocr: Recogniser,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Bulletin, PdfText]:
    """The bulletin read from a scan, with OCR's doubts among its warnings, and the reading."""
    from editor.core.parsing import parse_text

    read = read_scan_file(name, data, ocr, progress=progress, cancel=cancel)
    bulletin = parse_text(read.text, read.hints)
    bulletin.warnings = sorted(
        bulletin.warnings + doubt_warnings(read),
        key=lambda w: (w.line is None, w.line or 0),
    )
    return bulletin, read


def doubt_warnings(read: PdfText) -> list[ParseWarning]:
    """One warning for each line with characters OCR was unsure of, naming them in context."""
    lines = read.text.split("\n")
    out: list[ParseWarning] = []
    for number, chars in sorted(read.doubts.items()):
        if not 0 < number <= len(lines):
            continue
        text = lines[number - 1]
        places = tuple(sorted({c for c in chars if 0 <= c < len(text) and not text[c].isspace()}))
        if not places:
            continue
        first = places[0]
        start, end = max(0, first - _CONTEXT), min(len(text), first + _CONTEXT + 1)
        context = text[start:first] + "【" + text[first] + "】" + text[first + 1 : end]
        more = f"等 {len(places)} 处" if len(places) > 1 else ""
        message = f"文字识别可能有误：“{context}”{more}，请对照原件核对"
        out.append(ParseWarning(DOUBT, message, number, chars=places))
    return out


# --- what OCR read, kept beside the original ------------------------------------------------


def reading_key(sha256: str) -> str:
    """The archive's name for the reading of the original with this hash."""
    return f"{sha256}.ocr"


READING_NAME: Final = "reading.json"
"""The name a reading is kept under (its suffix says how it is stored)."""


def reading_bytes(read: PdfText) -> bytes:
    document: dict[str, Any] = {
        "version": _READING_VERSION,
        "text": read.text,
        "pages": read.pages,
        "hints": {
            str(n): [h.align, h.indent, h.soft, h.role, h.heading] for n, h in read.hints.items()
        },
        "boxes": {str(n): list(box) for n, box in read.boxes.items()},
        "doubts": {str(n): list(chars) for n, chars in read.doubts.items()},
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def reading_from_bytes(data: bytes) -> PdfText | None:
    """A kept reading; None when it is not one this version wrote (it is then read again)."""
    from editor.core.parsing.lines import LineHint  # (the parser loads with a reading, not here)
    from editor.core.reading.pdf import PdfText

    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("version") != _READING_VERSION:
            return None
        hints = {
            int(n): LineHint(align=a, indent=i, soft=bool(s), role=r, heading=h)
            for n, (a, i, s, r, h) in document["hints"].items()
        }
        boxes = {
            int(n): (int(p), float(x0), float(b), float(x1), float(t))
            for n, (p, x0, b, x1, t) in document["boxes"].items()
        }
        doubts = {int(n): tuple(int(c) for c in chars) for n, chars in document["doubts"].items()}
        return PdfText(str(document["text"]), hints, boxes, int(document["pages"]), doubts=doubts)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def kept_reading(store: Store, sha256: str) -> PdfText | None:
    """What OCR read of this original, if the archive keeps it."""
    try:
        data = store.read_original(reading_key(sha256), READING_NAME)
    except OSError:
        return None
    return reading_from_bytes(data)


def page_pdf(name: str, data: bytes) -> bytes:
    """The pages to show beside the form: the PDF itself, or an image file made into one."""
    if not is_image_name(name):
        return data
    from editor.core.reading.images import image_pdf

    return image_pdf(name, data)


# --- recognising what waits in the archive --------------------------------------------------


@dataclass(frozen=True)
class Recognised:
    """How one scan's recognition ended: read (``failure`` None), failed, or cancelled."""

    bulletin_id: int
    source_name: str
    failure: str | None = None
    cancelled: bool = False
    finished: bool = True
    """False when the archive had it finished already (another desk, a cancel)."""


def recognise(
    store: Store,
    bulletin_id: int,
    ocr: Recogniser,
    *,
    user: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Recognised:
    """Read one waiting scan from its kept original and record what it gave. Never raises
    for the scan: a failure is recorded (无法解析) with its reason. A cancel (OcrCancelled)
    and the archive's own errors (StoreError, OSError) go to the caller, the scan still
    waiting: the caller knows whether the editor cancelled it or the desk is closing."""
    from editor.core.reading.ocr_worker import OcrCancelled
    from editor.core.store import StoreError

    record = store.get(bulletin_id)
    name = record.summary.source_name
    failure: str | None = None
    bulletin: Bulletin | None = None
    try:
        data = store.read_original(record.sha256, name)
    except OSError:
        failure = "档案中找不到这份扫描件的原件"
    else:
        try:
            bulletin, read = parse_scan(name, data, ocr, progress=progress, cancel=cancel)
            store.keep_original(reading_key(record.sha256), ".json", reading_bytes(read))
        except OcrCancelled:
            raise
        except InputError as err:
            failure = err.reason
        except (RecursionError, MemoryError):
            failure = "扫描件过于复杂，无法识别"
        except (StoreError, OSError):
            raise  # the archive's trouble, not the scan's: it waits to be read again
        except Exception as err:  # a reader's own bug must not leave the scan waiting forever
            failure = f"识别时程序出错（{type(err).__name__}），原件已保存，请把文件交给技术支持"
    finished = store.finish_recognition(bulletin_id, bulletin=bulletin, failure=failure, user=user)
    return Recognised(bulletin_id, name, failure, finished=finished)
