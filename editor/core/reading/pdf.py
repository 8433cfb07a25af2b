"""PDF -> text lines with hints, read from the PDF's own layout (pypdfium2).

What extracted text loses, the PDF still has: where each line starts and ends,
its font size and colour. So a paragraph starts where a line is really
indented, a title is a centred line, an attribution a right-aligned one, and
headers and page numbers are known by where they sit on the page and dropped.
A PDF without a text layer (a scan), an encrypted or a broken one gets its own
reason; page and time limits keep a hostile file from hanging the app.
"""

from __future__ import annotations

import ctypes
import os
import statistics
import time
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from editor.core.errors import InputError
from editor.core.parsing.lines import LineHint
from editor.core.parsing.patterns import PAGE_NUMBER_RE

MAX_PAGES = 300
MAX_SECONDS = 30.0
HEADER_ZONE = 0.91  # lines above this share of the page height are running headers
FOOTER_ZONE = 0.12  # page numbers sit below this share


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


@dataclass
class PdfText:
    """The body as text lines, their hints, and where each line sits (for the page view)."""

    text: str
    hints: dict[int, LineHint] = field(default_factory=dict)
    boxes: dict[int, tuple[int, float, float, float, float]] = field(default_factory=dict)
    pages: int = 0


def _open(path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        message = str(err).lower()
        if "password" in message:
            raise InputError(path, "PDF 已加密（需要密码才能打开），请提供未加密的文件") from err
        if "format" in message or "file" in message:
            raise InputError(path, "PDF 文件已损坏或格式不正确") from err
        raise InputError(path, f"PDF 无法打开：{err}") from err


def _page_lines(page: pdfium.PdfPage, number: int) -> list[PdfLine]:
    textpage = page.get_textpage()
    count = textpage.count_chars()
    lines: list[PdfLine] = []
    chars: list[tuple[str, float, float, float, float, float, tuple[int, int, int]]] = []
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    baseline: float | None = None

    def flush() -> None:
        visible = [c for c in chars if not c[0].isspace()]
        if visible:
            sizes = [c[5] for c in visible]
            colours = [c[6] for c in visible]
            lines.append(
                PdfLine(
                    number,
                    "".join(c[0] for c in chars).strip(),
                    min(c[1] for c in visible),
                    max(c[3] for c in visible),
                    max(c[4] for c in visible),
                    min(c[2] for c in visible),
                    statistics.median(sizes),
                    max(set(colours), key=colours.count),
                )
            )
        chars.clear()

    for index in range(count):
        code = raw.FPDFText_GetUnicode(textpage, index)
        if code in (10, 13):
            flush()
            baseline = None
            continue
        if code == 0 or code == 0xFFFE:
            continue
        char = chr(code)
        left, bottom, right, top = textpage.get_charbox(index)
        size = raw.FPDFText_GetFontSize(textpage, index)
        if char.isspace():
            chars.append((" ", left, bottom, right, top, size, (0, 0, 0)))
            continue
        raw.FPDFText_GetCharOrigin(textpage, index, ox, oy)
        if baseline is not None and chars and abs(oy.value - baseline) > 0.6 * max(size, 1):
            flush()  # a new baseline without a line break in the text
        baseline = oy.value
        raw.FPDFText_GetFillColor(textpage, index, r, g, b, a)
        chars.append((char, left, bottom, right, top, size, (r.value, g.value, b.value)))
    flush()
    textpage.close()
    return lines


def _is_centred(line: PdfLine, left: float, right: float, body_size: float) -> bool:
    """Centred: equal room on both sides, clearly more than an indent (or a larger font)."""
    gap_left, gap_right = line.x0 - left, right - line.x1
    if abs(gap_left - gap_right) > 1.5 * line.size:
        return False
    return gap_left > 3 * line.size or (line.size > 1.1 * body_size and gap_left > 0.5 * line.size)


def _is_right(line: PdfLine, left: float, right: float) -> bool:
    return right - line.x1 < line.size and line.x0 - left > 4 * line.size


def read_pdf(
    path: str | os.PathLike[str], *, max_pages: int = MAX_PAGES, max_seconds: float = MAX_SECONDS
) -> PdfText:
    """The PDF's text lines with alignment and indent hints; InputError when it has none."""
    name = str(path)
    if not os.path.isfile(name):
        raise InputError(name, "文件不存在" if not os.path.exists(name) else "不是普通文件")
    started = time.monotonic()
    document = _open(name)
    try:
        pages = len(document)
        if pages > max_pages:
            raise InputError(name, f"PDF 页数过多（{pages} 页，上限 {max_pages} 页）")
        kept: list[PdfLine] = []
        for number in range(pages):
            if time.monotonic() - started > max_seconds:
                raise InputError(name, f"PDF 读取超时（超过 {max_seconds:g} 秒）")
            page = document[number]
            height = page.get_height()
            for line in _page_lines(page, number):
                if line.top > HEADER_ZONE * height:
                    continue  # a running header (or a draft mark)
                if line.top < FOOTER_ZONE * height and PAGE_NUMBER_RE.match(
                    line.text.replace(" ", "")
                ):
                    continue  # a page number
                kept.append(line)
            page.close()
    finally:
        document.close()
    if not kept:
        raise InputError(name, "扫描件 PDF，没有文字层（无法识别文字），原件已保存")
    return _to_text(kept, pages)


def _to_text(lines: list[PdfLine], pages: int) -> PdfText:
    lefts = [round(line.x0) for line in lines]
    rights = [round(line.x1) for line in lines]
    left = float(max(set(lefts), key=lefts.count))
    right = float(sorted(rights)[int(0.9 * (len(rights) - 1))])
    width = right - left
    body_size = _body_size(lines)
    out = PdfText("", pages=pages)
    texts: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text
        centred = _is_centred(line, left, right, body_size)
        # A centred line that fills the width wrapped: its continuation is the same line.
        while (
            index + 1 < len(lines)
            and (line.x1 - line.x0) >= 0.985 * width
            and line.size > 1.15 * body_size
            and _is_centred(lines[index + 1], left, right, body_size)
            and abs(lines[index + 1].size - line.size) < 0.5
        ):
            index += 1
            text += lines[index].text
            line = lines[index]
        number = len(texts) + 1
        texts.append(text)
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
        out.boxes[number] = (line.page, line.x0, line.bottom, line.x1, line.top)
        index += 1
    out.text = "\n".join(texts)
    return out


def _body_size(lines: list[PdfLine]) -> float:
    sizes = [round(line.size) for line in lines]
    return float(max(set(sizes), key=sizes.count))
