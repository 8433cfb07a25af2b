"""The print-grade rules of layout.md, measured on LibreOffice's PDF of an export.

Each function measures one rule on the pages ``pdftotext -bbox-layout`` and
``pdftoppm`` report; the tests assert on what they return. Expectations come from
the layout (type area, page-number band, the bulletin's own text), never from a
previous output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from support.rendering import FONTS_CONF, MM_PER_PT, Page, TextLine, horizontal_rules, raster

TYPE_TOP_MM, TYPE_BOTTOM_MM = 37.0, 297.0 - 35.0
LEFT_MM, RIGHT_MM = 28.0, 210.0 - 26.0
DASH_BELOW_MM = 7.0  # the page number's dash below the type area [7.5]
BAND_MM = 3.0  # the page-number band: the dash's line ±3 mm
RULE_TOLERANCE_MM = 3.0
PAGE_NUMBER = re.compile(r"^—\s*(\d+)\s*—$")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_page_number(line: TextLine) -> bool:
    return bool(PAGE_NUMBER.match(squeeze(line.text)))


def page_number(page: Page) -> int | None:
    for line in page.lines:
        match = PAGE_NUMBER.match(squeeze(line.text))
        if match:
            return int(match[1])
    return None


def mm(value_pt: float) -> float:
    return value_pt * MM_PER_PT


def band_intruders(page: Page) -> list[TextLine]:
    """Text other than the page number within the page-number band (rule 3)."""
    centre = TYPE_BOTTOM_MM + DASH_BELOW_MM
    return [
        line
        for line in page.lines
        if not is_page_number(line)
        and mm(line.y1) > centre - BAND_MM
        and mm(line.y0) < centre + BAND_MM
    ]


def body_lines(page: Page) -> list[TextLine]:
    """Lines inside the type area (not the header's draft mark, not the page number)."""
    return [
        line
        for line in page.lines
        if mm(line.y0) > TYPE_TOP_MM - 1 and mm(line.y1) < TYPE_BOTTOM_MM + 1
    ]


PRINTED = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$")


def is_printed_line(line: TextLine) -> bool:
    """The 版记's 印发 line: 印发机关 and ``2021年7月16日印发``."""
    return bool(PRINTED.search(squeeze(line.text)))


def imprint_page(pages: list[Page]) -> int | None:
    """1-based number of the page that carries the 印发 line."""
    for index, page in enumerate(pages, start=1):
        if any(is_printed_line(line) for line in page.lines):
            return index
    return None


def blank_pages(pages: list[Page]) -> list[int]:
    return [index for index, page in enumerate(pages, start=1) if not page.lines]


def lowest_rule_mm(pdf: Path, page: int) -> float | None:
    """Height (mm from the top) of the lowest full-width rule on a page."""
    rules = horizontal_rules(raster(pdf, page, dpi=100), min_length_mm=140)
    return max(rules) if rules else None


@dataclass(frozen=True)
class ImprintGeometry:
    page: int
    last_rule_mm: float | None  # mm below (+) or above (-) the type-area bottom
    printed_line_mm: float | None  # bottom of the 印发 line, relative to the type-area bottom
    copies_line_mm: float | None


def imprint_geometry(pdf: Path, pages: list[Page]) -> ImprintGeometry | None:
    number = imprint_page(pages)
    if number is None:
        return None
    page = pages[number - 1]
    rule = lowest_rule_mm(pdf, number)
    printed = [ln for ln in page.lines if is_printed_line(ln)]
    copies = [ln for ln in page.lines if squeeze(ln.text).startswith("（共印")]
    return ImprintGeometry(
        number,
        None if rule is None else rule - TYPE_BOTTOM_MM,
        mm(printed[-1].y1) - TYPE_BOTTOM_MM if printed else None,
        mm(copies[-1].y1) - TYPE_BOTTOM_MM if copies else None,
    )


def title_rows(pages: list[Page], title: str) -> list[TextLine] | None:
    """The rendered lines a title is set on, in order (found by their text)."""
    lines = [line for page in pages for line in body_lines(page)]
    target = squeeze(title)
    for start in range(len(lines)):
        joined = ""
        for end in range(start, len(lines)):
            joined += squeeze(lines[end].text)
            if joined == target:
                return lines[start : end + 1]
            if not target.startswith(joined):
                break
    return None


def short_title_pieces(pages: list[Page], title: str) -> list[str]:
    """Rendered title lines narrower than a third of the title's widest line (rule 4)."""
    rows = title_rows(pages, title)
    assert rows is not None, f"title not found on the pages: {title}"
    widths = [row.x1 - row.x0 for row in rows]
    return [row.text for row, width in zip(rows, widths, strict=True) if width < max(widths) / 3]


def attributions_opening_a_page(pages: list[Page], sources: list[str]) -> list[int]:
    """Pages whose first line of text is an article's attribution (rule 5)."""
    marks = {f"（{source}）" for source in sources}
    found = []
    for index, page in enumerate(pages, start=1):
        lines = body_lines(page)
        if index > 1 and lines and squeeze(lines[0].text) in marks:
            found.append(index)
    return found


def sources_of(data: dict[str, Any]) -> list[str]:
    return [
        article["source"]
        for section in data["sections"]
        for article in section["articles"]
        if article.get("source")
    ]


def plain_fontconfig(folder: Path) -> Path:
    """A fonts.conf with no stand-ins: the office's font names fall back as on a plain system."""
    (folder / "cache").mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(FONTS_CONF.format(cache=folder / "cache", aliases=""), encoding="utf-8")
    return path


def print_grade_problems(data: dict[str, Any], pdf: Path, pages: list[Page]) -> list[str]:
    """Every print-grade rule a printed export breaks (empty when it keeps them all)."""
    problems = []
    if len(pages) % 2:
        problems.append(f"{len(pages)} pages: odd")
    geometry = imprint_geometry(pdf, pages)
    if geometry is None:
        problems.append("no 印发 line")
    else:
        if geometry.page != len(pages):
            problems.append(f"版记 on page {geometry.page} of {len(pages)}")
        if geometry.last_rule_mm is None or abs(geometry.last_rule_mm) > RULE_TOLERANCE_MM:
            problems.append(f"last rule {geometry.last_rule_mm} mm from the type-area bottom")
    for number, page in enumerate(pages, start=1):
        if band_intruders(page):
            problems.append(f"page {number}: text in the page-number band")
    blanks = blank_pages(pages)
    for number, page in enumerate(pages, start=1):
        if number in blanks:
            if number != len(pages) - 1:
                problems.append(f"blank page {number}")
            continue
        expected = None if (number == len(pages) and blanks) else number
        if page_number(page) != expected:
            problems.append(f"page {number} numbered {page_number(page)}")
    for section in data["sections"]:
        for article in section["articles"]:
            if article["title"] and short_title_pieces(pages, article["title"]):
                problems.append(f"short title piece in {article['title']!r}")
    opened = attributions_opening_a_page(pages, sources_of(data))
    if opened:
        problems.append(f"attribution opens page {opened}")
    return problems
