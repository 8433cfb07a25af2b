"""PDF -> text lines with hints, read from the PDF's own layout (pypdfium2).

What extracted text loses, the PDF still has: where each line starts and ends,
its font size and colour. So a paragraph starts where a line is really
indented, a title is a centred line, an attribution a right-aligned one, and
headers and page numbers are known by where they sit on the page and dropped.
A line is the characters on one baseline in the order of their places on it,
not in the order the PDF draws them: LibreOffice draws the curly quotes and
dashes of a line that fall back to a Latin font before the line's Chinese text.

Whatever is wrong with a PDF ends as an InputError with its own reason: not a
PDF at all, no pages, encrypted, a broken page, pictures only (a scan), blank
pages, nothing but headers and page numbers. The pages, the characters on one
page and the time are limited (a :class:`~editor.core.limits.Budget`, checked
inside the character loop too), and Flate streams are measured before PDFium
inflates them, so a hostile file can neither hang the app nor fill its memory.

PDFium builds a page's text (about 110 bytes a character) before it can say
how many characters there are: a page of 4 million characters costs 450 MB
for a moment before it is refused. Only a separate process with a memory
limit could bound that; PDFium gives no cheaper count. The characters of the
page being read are held with their places (about 400 bytes each, 40 MB for the
densest page allowed) until they are sorted into lines.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import os
import re
import statistics
import time
import zlib
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from editor.core.errors import InputError, NeedsOcr
from editor.core.limits import MAX_PAGE_CHARS, MAX_PDF_PAGES, MAX_SECONDS, Budget, format_size
from editor.core.parsing.lines import LineHint
from editor.core.parsing.patterns import PAGE_NUMBER_RE
from editor.core.reading.text import check_size, read_file_bytes

if TYPE_CHECKING:
    from editor.core.reading.ocr import ScannedPage

MAX_STREAM_BYTES: Final = 64 * 1024 * 1024
"""One Flate stream inflated (page content, a font, an image: a real one is a few MB)."""
MAX_STREAMS_BYTES: Final = 160 * 1024 * 1024
"""All Flate streams of a PDF inflated; PDFium holds about twice what it inflates."""
HEADER_ZONE = 0.91  # lines above this share of the page height are running headers
FOOTER_ZONE = 0.12  # page numbers sit below this share
_TICK_EVERY: Final = 256  # characters between two looks at the clock

_OPEN_REASONS: Final = {
    raw.FPDF_ERR_UNKNOWN: "PDF 文件已损坏或格式不正确",
    raw.FPDF_ERR_FILE: "PDF 文件不完整或已损坏",
    raw.FPDF_ERR_FORMAT: "PDF 文件已损坏或格式不正确",
    raw.FPDF_ERR_PASSWORD: "PDF 已加密（需要密码才能打开），请提供未加密的文件",
    raw.FPDF_ERR_SECURITY: "PDF 使用了不支持的加密方式，无法打开",
    raw.FPDF_ERR_PAGE: "PDF 的页面已损坏",
}


@dataclass
class PdfLine:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    colour: tuple[int, int, int] = (0, 0, 0)
    doubts: tuple[int, ...] = ()
    """Indexes in ``text`` of characters a scan's OCR was unsure of (a typeset PDF has none)."""


@dataclass
class PdfText:
    """The body as text lines, their hints, and where each line sits (for the page view)."""

    text: str
    hints: dict[int, LineHint] = field(default_factory=dict)
    boxes: dict[int, tuple[int, float, float, float, float]] = field(default_factory=dict)
    pages: int = 0
    doubts: dict[int, tuple[int, ...]] = field(default_factory=dict)
    """By line: indexes of characters a scan's OCR was unsure of."""


_T = TypeVar("_T", bound=Hashable)


def _most_common(values: Sequence[_T]) -> _T:
    """The most frequent value; ties go as ``max(set(values), key=values.count)`` would."""
    counts = Counter(values)
    return max(set(values), key=counts.__getitem__)


# --- Opening --------------------------------------------------------------------------------


def _not_a_pdf_reason(data: bytes) -> str | None:
    """Why bytes are no PDF, told before PDFium is asked (it looks for %PDF in the first 1 KB)."""
    if b"%PDF" in data[:1024]:
        return None
    if data.startswith(b"PK\x03\x04"):
        return "这是 Word 文档或其他 zip 文件，不是 PDF（.docx 文件请把扩展名改为 .docx）"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "这是旧版 Word/WPS 文件（OLE 格式），不是 PDF"
    if not data:
        return "文件是空的，不是 PDF"
    return "不是 PDF 文件（文件开头没有 PDF 标记）"


class _Inflation:
    """The Flate streams of a PDF inflated (and thrown away) to see what PDFium would hold.

    PDFium inflates a page's content, its fonts and forms in memory, and a
    Flate stream grows a thousandfold: a 1 MB PDF can ask for a gigabyte. So
    every stream whose filters start with FlateDecode (however many in a row)
    is inflated here first, in pieces, and the file is refused when one
    stream or all of them together hold more than any bulletin could.
    """

    def __init__(self, name: str, budget: Budget) -> None:
        self.name = name
        self.budget = budget
        self.total = 0
        self.stream = 0

    def check(self, data: bytes) -> None:
        for match in _STREAM_RE.finditer(data):
            layers = _flate_layers(data, match.start())
            if layers:
                self.budget.tick()
                self.stream = 0
                self.inflate(data, match.end(), layers)

    def inflate(self, data: bytes, start: int, layers: int) -> None:
        inflaters = [zlib.decompressobj() for _ in range(layers)]
        try:
            for at in range(start, len(data), _PIECE):
                self.feed(inflaters, data[at : at + _PIECE])
                if inflaters[0].eof:
                    break
        except zlib.error:
            return  # a broken stream: PDFium will say what it makes of it

    def feed(self, inflaters: list[zlib._Decompress], piece: bytes) -> None:
        """Pass a piece through the first inflater and what comes out through the rest."""
        first, rest = inflaters[0], inflaters[1:]
        while True:
            out = first.decompress(piece, _PIECE)
            piece = first.unconsumed_tail
            if rest:
                if out:
                    self.feed(rest, out)
            else:
                self.count(len(out))
            if first.eof or (not piece and len(out) < _PIECE):
                return  # the stream ended (what follows is not its), or all went in

    def count(self, size: int) -> None:
        self.stream += size
        self.total += size
        if self.stream > MAX_STREAM_BYTES or self.total > MAX_STREAMS_BYTES:
            limit = MAX_STREAM_BYTES if self.stream > MAX_STREAM_BYTES else MAX_STREAMS_BYTES
            raise InputError(
                self.name,
                f"PDF 中的数据解压后过大（超过 {format_size(limit)}），可能是恶意文件",
            )
        self.budget.tick()


_PIECE: Final = 64 * 1024
_STREAM_RE: Final = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FILTER_RE: Final = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME_RE: Final = re.compile(rb"/([^\s/\[\]<>()]+)")
_FLATE: Final = (b"FlateDecode", b"Fl")
_MAX_LAYERS: Final = 8


def _flate_layers(data: bytes, at: int) -> int:
    """How many FlateDecode filters the stream starting at ``at`` begins with."""
    head = data[max(0, at - 4096) : at]
    dictionary = head[head.rfind(b"obj") + 1 :]
    found = _FILTER_RE.search(dictionary)
    if found is None:
        return 0
    layers = 0
    for name in _NAME_RE.findall(found.group(1)):
        if name not in _FLATE or layers == _MAX_LAYERS:
            break
        layers += 1
    return layers


def _open(name: str, data: bytes) -> pdfium.PdfDocument:
    """The document, opened from ``data`` (which must outlive it); InputError saying why not.

    PDFium's error code is read right after a failed load; a document that
    loads but has no pages is told by its page count (the code is then stale).
    """
    handle = raw.FPDF_LoadMemDocument64(data, len(data), None)
    if not handle:
        code = raw.FPDF_GetLastError()
        raise InputError(name, _OPEN_REASONS.get(code, f"PDF 无法打开（错误代码 {code}）"))
    if raw.FPDF_GetPageCount(handle) < 1:
        raw.FPDF_CloseDocument(handle)
        raise InputError(name, "PDF 中没有任何页面")
    return pdfium.PdfDocument(handle)


# --- One page -------------------------------------------------------------------------------


@dataclass
class _Seen:
    """What the pages held besides body text, to say why a PDF without any is refused."""

    lines: int = 0
    text_objects: int = 0
    other_objects: int = 0
    scanned: list[int] = field(default_factory=list)
    """Pages without text but with pictures: scans, for OCR to read."""

    def count_objects(self, page: pdfium.PdfPage, number: int) -> None:
        images = 0
        for index in range(min(raw.FPDFPage_CountObjects(page.raw), 10_000)):
            kind = raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, index))
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                self.text_objects += 1
            else:
                self.other_objects += 1
                images += kind == raw.FPDF_PAGEOBJ_IMAGE
        if images:
            self.scanned.append(number)

    def reason(self) -> str:
        if self.lines:
            return "PDF 中只有页眉、页脚或页码，没有正文文字"
        if self.text_objects:
            return "PDF 中的文字无法提取（字体缺少编码信息），请提供 Word 原件或重新导出 PDF"
        if self.other_objects:
            return "扫描件 PDF，没有文字层（页面上只有图像，无法识别文字）"
        return "PDF 只有空白页，没有任何文字"


_Glyph = tuple[float, int, str, float, float, float, float, float, float, float]
"""A visible character: origin x, index on the page, the character, its box (left, bottom,
right, top), font size, where its advance ends (x) and its baseline (origin y)."""
_Space = tuple[float, int, float]
"""A space character in the PDF (origin x, index, baseline); PDFium's own guesses are not."""
_COLOUR_SAMPLES: Final = 16  # characters whose fill colour a line's colour is read from
_SAME_BASELINE: Final = 0.6
"""Baselines closer than this share of the smaller font size are one line (a raised
superscript sits a third of the size above; the next line is a whole size or more below)."""
_MIN_SPACE: Final = 0.1
"""No gap narrower than this share of the font size is a space (kerning, justification)."""


def _space_gap(prev: _Glyph, glyph: _Glyph) -> float:
    """How wide a gap between two characters must be to read as a space.

    A share of the wider advance, as PDFium judges a gap between two text objects:
    a sixth of a Chinese character, a quarter of a digit, half of a narrow mark;
    never less than a tenth of the font size (kerning, justification).
    """
    size = max(prev[7], glyph[7])
    width = max((prev[8] - prev[0]) / prev[7], (glyph[8] - glyph[0]) / glyph[7])
    share = 2 if width < 0.4 else 4 if width < 0.7 else 5 if width < 0.8 else 6
    return max(width * size / share, _MIN_SPACE * size)


class _PageReader:
    """The characters of one page grouped into lines, checked against the budget as they go.

    A line is the characters on one baseline, read left to right by their
    positions: the order in which the PDF draws them is no guide (LibreOffice
    draws a line's curly quotes, set in a Latin font, before its Chinese text),
    and neither are the tops of their boxes (each font has its own ascent and
    descent). PDFium's guessed spaces belong to its drawing order, so they are
    dropped and a space is put where the characters, in their places, leave a
    gap; the spaces the PDF really draws are kept.
    """

    def __init__(self, number: int, budget: Budget) -> None:
        self.number = number
        self.budget = budget
        self.lines: list[PdfLine] = []
        self.handle: raw.FPDF_TEXTPAGE | None = None

    def read(self, textpage: pdfium.PdfTextPage, count: int) -> list[PdfLine]:
        glyphs, spaces = self.characters(textpage, count)
        for line, gaps in self.group(glyphs, spaces):
            self.add_line(line, gaps)
        return self.lines

    def characters(
        self, textpage: pdfium.PdfTextPage, count: int
    ) -> tuple[list[_Glyph], list[_Space]]:
        """Every character drawn on the page with its place; the spaces drawn, apart."""
        self.handle = handle = textpage.raw
        units = (ctypes.c_ushort * (count + 1))()
        raw.FPDFText_GetText(handle, 0, count, units)
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        ox, oy = ctypes.c_double(), ctypes.c_double()
        loose = raw.FS_RECTF()
        get_box, get_size = raw.FPDFText_GetCharBox, raw.FPDFText_GetFontSize
        get_origin, get_loose = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetLooseCharBox
        generated, finite, tick = raw.FPDFText_IsGenerated, math.isfinite, self.budget.tick
        glyphs: list[_Glyph] = []
        spaces: list[_Space] = []
        index = steps = 0
        while index < count:
            steps += 1
            if steps % _TICK_EVERY == 0:
                tick()
            first = index
            code, index = _code_point(units, index, count)
            if (code < 0x20 and code != 9) or code in (0xFFFE, 0xFFFF):
                # No character (a control code, a lone surrogate half), but drawn: its
                # place is no gap. PDFium's own line breaks are nowhere at all.
                if generated(handle, first) == 1:
                    continue
                char = ""
            else:
                char = chr(code)
                if char.isspace():
                    if generated(handle, first) != 1:
                        get_origin(handle, first, ox, oy)
                        if finite(ox.value + oy.value):
                            spaces.append((ox.value, first, oy.value))
                    continue
            boxed = get_box(handle, first, left, right, bottom, top)
            size = get_size(handle, first)
            get_origin(handle, first, ox, oy)
            x, y = ox.value, oy.value
            box = (left.value, bottom.value, right.value, top.value)
            if not boxed or not finite(box[0] + box[1] + box[2] + box[3] + size + x + y):
                continue  # nowhere on the page: nothing to place it by
            if size <= 0:
                size = max(box[3] - box[1], 1.0)
            end = box[2]
            if get_loose(handle, first, loose) and finite(loose.right) and loose.right > x:
                end = loose.right  # where the next character would start
            glyphs.append((x, first, char, *box, size, end, y))
        return glyphs, spaces

    def group(
        self, glyphs: list[_Glyph], spaces: list[_Space]
    ) -> list[tuple[list[_Glyph], list[_Space]]]:
        """The characters by baseline, top to bottom, each line's spaces with it."""
        lines: list[tuple[list[_Glyph], list[_Space]]] = []
        baselines: list[float] = []  # of each line's largest character, negated (ascending)
        sizes: list[float] = []
        tick = self.budget.tick
        for steps, glyph in enumerate(sorted(glyphs, key=lambda g: -g[9]), start=1):
            if steps % _TICK_EVERY == 0:
                tick()
            if lines:
                size, largest = glyph[7], sizes[-1]
                if -baselines[-1] - glyph[9] <= _SAME_BASELINE * (
                    size if size < largest else largest
                ):
                    lines[-1][0].append(glyph)
                    if size > largest:
                        baselines[-1], sizes[-1] = -glyph[9], size
                    continue
            lines.append(([glyph], []))
            baselines.append(-glyph[9])
            sizes.append(glyph[7])
        for steps, space in enumerate(spaces, start=1):
            if steps % _TICK_EVERY == 0:
                tick()
            at = bisect.bisect_left(baselines, -space[2])
            near = [n for n in (at - 1, at) if 0 <= n < len(lines)]
            if near:
                best = min(near, key=lambda n: abs(baselines[n] + space[2]))
                if abs(baselines[best] + space[2]) <= _SAME_BASELINE * sizes[best]:
                    lines[best][1].append(space)
        return lines

    def add_line(self, glyphs: list[_Glyph], spaces: list[_Space]) -> None:
        """One line's text, its characters left to right, with the spaces their gaps show."""
        glyphs.sort()
        spaces.sort()
        parts: list[str] = []
        prev: _Glyph | None = None
        at = 0  # the next drawn space not yet passed
        tick = self.budget.tick
        for steps, glyph in enumerate(glyphs, start=1):
            if steps % _TICK_EVERY == 0:
                tick()
            drawn = 0
            while at < len(spaces) and spaces[at][:2] < glyph[:2]:
                drawn += 1
                at += 1
            if prev is not None:
                if drawn:
                    parts.append(" " * drawn)
                else:
                    gap = glyph[0] - prev[8]
                    if gap > _MIN_SPACE * glyph[7] and gap > _space_gap(prev, glyph):
                        parts.append(" ")
            parts.append(glyph[2])
            prev = glyph
        visible = [g for g in glyphs if g[2]]
        if not visible:
            return  # only marks without characters
        text = "".join(parts).strip()
        self.budget.take(chars=len(text), lines=1)
        _x, _i, _c, lefts, bottoms, rights, tops, sizes, _e, _y = zip(*visible, strict=True)
        self.lines.append(
            PdfLine(
                self.number,
                text,
                min(lefts),
                max(rights),
                max(tops),
                min(bottoms),
                statistics.median(sizes),
                self.colour(visible),
            )
        )

    def colour(self, glyphs: list[_Glyph]) -> tuple[int, int, int]:
        """The line's most common fill colour, read from a sample of its characters."""
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        step = max(1, len(glyphs) // _COLOUR_SAMPLES)
        colours = []
        for glyph in glyphs[::step]:
            raw.FPDFText_GetFillColor(self.handle, glyph[1], r, g, b, a)
            colours.append((r.value, g.value, b.value))
        return _most_common(colours)


def _code_point(units: ctypes.Array[ctypes.c_ushort], index: int, count: int) -> tuple[int, int]:
    """The character at ``index`` and the index after it.

    PDFium gives UTF-16 code units: a character outside the BMP (an emoji, 𠀀)
    comes as two surrogate halves, joined here; a lone half is no character (0).
    """
    code: int = units[index]
    if 0xD800 <= code <= 0xDFFF:
        low: int = units[index + 1] if index + 1 < count else 0
        if code <= 0xDBFF and 0xDC00 <= low <= 0xDFFF:
            return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), index + 2
        return 0, index + 1
    return code, index + 1


def _read_page(
    document: pdfium.PdfDocument, number: int, name: str, budget: Budget, seen: _Seen
) -> tuple[float, list[PdfLine]]:
    """The page's height and its lines; InputError when the page is broken or too dense."""
    try:
        page = document[number]
    except pdfium.PdfiumError as err:
        raise InputError(name, f"PDF 第 {number + 1} 页已损坏，无法读取") from err
    try:
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count > MAX_PAGE_CHARS:
                raise InputError(
                    name,
                    f"PDF 第 {number + 1} 页的文字过多（{count} 字，上限 {MAX_PAGE_CHARS} 字），"
                    "不像是一份简报",
                )
            lines = _PageReader(number, budget).read(textpage, max(count, 0))
        finally:
            textpage.close()
        if not lines:
            seen.count_objects(page, number)
        return page.get_height(), lines
    except pdfium.PdfiumError as err:
        raise InputError(name, f"PDF 第 {number + 1} 页已损坏，无法读取") from err
    finally:
        page.close()


Scans = Callable[[list[int]], "list[ScannedPage]"]
"""Reads the scanned pages of the PDF being read (their numbers) by OCR."""


def read_pdf(
    path: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    budget: Budget | None = None,
    max_pages: int = MAX_PDF_PAGES,
    max_seconds: float | None = None,
    scans: Scans | None = None,
) -> PdfText:
    """The PDF's text lines with alignment and indent hints; InputError when it has none.

    ``data`` is the file's bytes when the caller has read them already (the file
    is then not opened); ``budget`` bounds the work, or a fresh one of
    ``max_seconds`` (default MAX_SECONDS) when none is given. Pages that are
    pictures without text (a scan, or scanned pages among typeset ones) are read
    by ``scans``; without it such a PDF is :class:`NeedsOcr`.
    """
    name = os.fspath(path)
    if data is None:
        data = read_file_bytes(name)
    else:
        check_size(name, len(data))
    if budget is None:
        budget = Budget(name, seconds=MAX_SECONDS if max_seconds is None else max_seconds)
    reason = _not_a_pdf_reason(data)
    if reason is not None:
        raise InputError(name, reason)
    _Inflation(name, budget).check(data)
    document = _open(name, data)
    try:
        pages = len(document)
        if pages > max_pages:
            raise InputError(name, f"PDF 页数过多（{pages} 页，上限 {max_pages} 页）")
        placed: list[tuple[PdfLine, float]] = []
        seen = _Seen()
        for number in range(pages):
            budget.tick()
            height, lines = _read_page(document, number, name, budget, seen)
            seen.lines += len(lines)
            placed += ((line, height) for line in lines)
    finally:
        document.close()
    if seen.scanned:
        if scans is None:
            raise NeedsOcr(name, _scanned_reason(seen, bool(drop_running(placed))))
        started = time.monotonic()
        for page in scans(seen.scanned):
            placed += ((line, page.height) for line in page.lines)
        budget.deadline += time.monotonic() - started  # (OCR has its own limits, per page)
        placed.sort(key=lambda item: item[0].page)  # stable: a page's lines keep their order
    kept = drop_running(placed)
    if not kept:
        raise InputError(name, seen.reason() if not seen.scanned else "扫描件上没有识别出文字")
    return _to_text(kept, pages)


def _scanned_reason(seen: _Seen, has_text: bool) -> str:
    if not has_text:
        return seen.reason()
    listed = "、".join(str(n + 1) for n in seen.scanned[:10])
    more = "等" if len(seen.scanned) > 10 else ""
    return f"PDF 的第 {listed}{more} 页是扫描的图像，需要文字识别"


def drop_running(placed: Sequence[tuple[PdfLine, float]]) -> list[PdfLine]:
    """The lines without running headers and page numbers (each line with its page's height).

    A line high on a later page is a running header (or a draft mark). On the first page a
    line there is the masthead when the page's text starts high (a clerk's document with
    Word's one-inch margin): it is kept when the text goes on right below it and the same
    words head no other page.
    """
    later = {
        _header_key(line.text)
        for line, height in placed
        if line.page > 0 and line.top > HEADER_ZONE * height
    }
    first_tops = [line.top for line, _height in placed if line.page == 0]

    def masthead(line: PdfLine, height: float) -> bool:
        if line.page != 0 or line.top <= HEADER_ZONE * height:
            return False
        below = [top for top in first_tops if top < line.bottom]
        near = bool(below) and line.bottom - max(below) < 2.5 * max(line.size, 1.0)
        return near and _header_key(line.text) not in later

    return [
        line for line, height in placed if not _is_running(line, height) or masthead(line, height)
    ]


def _header_key(text: str) -> str:
    """A running header's words, whatever page number or date it carries."""
    return re.sub(r"[\s\d]+", "", text)


def _is_running(line: PdfLine, height: float) -> bool:
    """A running header (or a draft mark) above the text, a page number below it."""
    if line.top > HEADER_ZONE * height:
        return True
    return line.top < FOOTER_ZONE * height and bool(
        PAGE_NUMBER_RE.match(line.text.replace(" ", ""))
    )


def _is_centred(line: PdfLine, left: float, right: float, body_size: float) -> bool:
    """Centred: equal room on both sides, clearly more than an indent (or a larger font)."""
    gap_left, gap_right = line.x0 - left, right - line.x1
    if abs(gap_left - gap_right) > 1.5 * line.size:
        return False
    return gap_left > 3 * line.size or (line.size > 1.1 * body_size and gap_left > 0.5 * line.size)


def _is_right(line: PdfLine, left: float, right: float) -> bool:
    return right - line.x1 < line.size and line.x0 - left > 4 * line.size


def _to_text(lines: list[PdfLine], pages: int) -> PdfText:
    lefts = [round(line.x0) for line in lines]
    rights = [round(line.x1) for line in lines]
    left = float(_most_common(lefts))
    right = float(sorted(rights)[int(0.9 * (len(rights) - 1))])
    width = right - left
    body_size = _body_size(lines)
    out = PdfText("", pages=pages)
    texts: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text
        doubts = list(line.doubts)
        centred = _is_centred(line, left, right, body_size)
        first = line
        # A centred line that fills the width wrapped: its continuation is the same line.
        # (Only one that fills it to the point: a line an editor broke may be nearly full.)
        while (
            index + 1 < len(lines)
            and (line.x1 - line.x0) >= 0.985 * width
            and line.size > 1.15 * body_size
            and _is_centred(lines[index + 1], left, right, body_size)
            and abs(lines[index + 1].size - line.size) < 0.5
        ):
            index += 1
            doubts += (len(text) + at for at in lines[index].doubts)
            text += lines[index].text
            line = lines[index]
            centred = True
        number = len(texts) + 1
        texts.append(text)
        if doubts:
            out.doubts[number] = tuple(doubts)
        indent_pt = line.x0 - left
        if centred:
            hint = LineHint(align="center")
        elif _is_right(line, left, right):
            hint = LineHint(align="right")
        elif indent_pt >= 0.8 * line.size:
            hint = LineHint(indent=max(2, round(indent_pt / (line.size / 2))))
        else:
            hint = LineHint(indent=0)
        out.hints[number] = hint
        if first.page == line.page:
            x0, x1 = min(first.x0, line.x0), max(first.x1, line.x1)
            out.boxes[number] = (line.page, x0, line.bottom, x1, first.top)
        else:
            out.boxes[number] = (line.page, line.x0, line.bottom, line.x1, line.top)
        index += 1
    out.text = "\n".join(texts)
    return out


def _body_size(lines: list[PdfLine]) -> float:
    return float(_most_common([round(line.size) for line in lines]))
