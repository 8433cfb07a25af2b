"""The rendered checks of layout.md: LibreOffice prints it, poppler measures it.

Every case is exported and printed once per test session (a session-scoped cache;
LibreOffice is slow) and then measured against the layout and its print-grade
rules: the page count even, the 版记 on the last (even) page with its last rule on
the type-area bottom, nothing in the page-number band, page numbers where they
belong, titles without short pieces, no attribution opening a page. Substitute
fonts move line breaks, so geometry is asserted with tolerances; one case is also
printed with no substitute fonts at all (the system's plain fallback).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support.corpus import NO_CORPUS, corpus_golds, needs_corpus
from support.hard_cases import HARD_CASES, base, with_body_lines
from support.print_checks import (
    BAND_MM,
    DASH_BELOW_MM,
    LEFT_MM,
    RIGHT_MM,
    RULE_TOLERANCE_MM,
    TYPE_BOTTOM_MM,
    TYPE_TOP_MM,
    attributions_opening_a_page,
    band_intruders,
    blank_pages,
    body_lines,
    imprint_geometry,
    is_page_number,
    is_printed_line,
    mm,
    page_number,
    plain_fontconfig,
    short_title_pieces,
    sources_of,
    squeeze,
)
from support.rendering import (
    MM_PER_PT,
    Page,
    fontconfig,
    fonts_used,
    raster,
    red_pixels,
    render_pdf,
    text_pages,
)

from editor.core.export import render
from editor.core.export.docx_writer import ImprintPlan
from editor.core.model import Bulletin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"
CHAR_MM = 14 * MM_PER_PT  # one 四号 character
IMPRINT_LINE_MM = 22 * MM_PER_PT  # one 版记 line at the profile's pitch


def long_bulletin() -> dict[str, Any]:
    """The two-column fixture with its first article long enough to fill whole pages."""
    data = copy.deepcopy(base())
    first = data["sections"][0]["articles"][0]
    first["paragraphs"] = first["paragraphs"] * 5
    return data


def plan_of(data: dict[str, Any]) -> ImprintPlan:
    plan = render(Bulletin.from_dict(data))[1].plan
    assert plan is not None
    return plan


def body_end_case(wanted: Callable[[ImprintPlan], bool]) -> Callable[[], dict[str, Any]]:
    """The fixture with as many one-line paragraphs added as it takes to end the body where
    ``wanted`` says (the estimate picks the case; the render then shows what happened)."""

    def make() -> dict[str, Any]:
        for extra in range(0, 80):
            data = with_body_lines(extra)
            if wanted(plan_of(data)):
                return data
        raise AssertionError("no body length gives this case")

    return make


def shares_page(plan: ImprintPlan) -> bool:
    return plan.placement == "same_page"


def even_without_room(plan: ImprintPlan) -> bool:
    return plan.placement == "even_section" and plan.body.page % 2 == 0


def ends_odd(plan: ImprintPlan) -> bool:
    return plan.placement == "even_section" and plan.body.page % 2 == 1


CORPUS = corpus_golds()
CASES: dict[str, Callable[[], dict[str, Any]]] = {
    "long_fixture": long_bulletin,
    **{name: (lambda d=data: d) for name, data in CORPUS},
    **HARD_CASES,
    "body_ends_even_with_room": body_end_case(shares_page),
    "body_ends_even_without_room": body_end_case(even_without_room),
    "body_ends_odd": body_end_case(ends_odd),
}
PLAIN = "corpus_plain_fonts" if CORPUS else "long_fixture_plain_fonts"


@dataclass
class Printed:
    data: dict[str, Any]
    pdf: Path
    pages: list[Page]
    conf: Path


class Printer:
    """Exports and prints each case once per session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done: dict[str, Printed] = {}
        self.aliased = fontconfig(folder / "fc")
        self.plain = plain_fontconfig(folder / "fc-plain")

    def __call__(self, name: str) -> Printed:
        if name not in self.done:
            if name == PLAIN:
                data = CORPUS[0][1] if CORPUS else long_bulletin()
                conf = self.plain
            else:
                data, conf = CASES[name](), self.aliased
            bulletin = Bulletin.from_dict(data)
            docx = self.folder / f"{name}.docx"
            docx.write_bytes(render(bulletin, draft=not bulletin.masthead.name)[0])
            pdf = render_pdf(docx, conf)
            self.done[name] = Printed(data, pdf, text_pages(pdf), conf)
        return self.done[name]


@pytest.fixture(scope="session")
def printer(tmp_path_factory: pytest.TempPathFactory) -> Printer:
    return Printer(tmp_path_factory.mktemp("printed"))


ALL = [*CASES, PLAIN, *([] if CORPUS else [NO_CORPUS])]


# --- The print-grade rules, on every case ---------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_imprint_on_the_last_even_page_anchored_at_the_bottom(printer: Printer, name: str) -> None:
    printed = printer(name)
    pages = printed.pages
    assert len(pages) % 2 == 0, f"{len(pages)} pages: the last face of a double-sided print"
    geometry = imprint_geometry(printed.pdf, pages)
    assert geometry is not None
    assert geometry.page == len(pages)
    assert geometry.last_rule_mm is not None
    assert abs(geometry.last_rule_mm) <= RULE_TOLERANCE_MM
    # The 印发 line sits on the last rule, or one 版记 line above it with （共印N份） between.
    assert geometry.printed_line_mm is not None
    copies = printed.data["imprint"]["copies"] is not None
    lines_above = 1 if copies else 0
    assert -(lines_above + 1) * IMPRINT_LINE_MM - RULE_TOLERANCE_MM <= geometry.printed_line_mm
    assert geometry.printed_line_mm <= RULE_TOLERANCE_MM
    if copies:
        assert geometry.copies_line_mm is not None
        assert geometry.printed_line_mm < geometry.copies_line_mm <= 1.0  # inside the type area


@pytest.mark.parametrize("name", ALL)
def test_nothing_in_the_page_number_band(printer: Printer, name: str) -> None:
    for number, page in enumerate(printer(name).pages, start=1):
        assert not band_intruders(page), (number, [line.text for line in band_intruders(page)])


@pytest.mark.parametrize("name", ALL)
def test_page_numbers_where_they_belong(printer: Printer, name: str) -> None:
    """Every page numbered, right on odd and left on even pages, 7 mm below the type area,
    except a blank page before the 版记 and then the 版记 page itself [7.5]."""
    pages = printer(name).pages
    blanks = blank_pages(pages)
    assert all(index == len(pages) - 1 for index in blanks), blanks  # only before the 版记
    for index, page in enumerate(pages, start=1):
        if index in blanks:
            continue
        numbers = [line for line in page.lines if is_page_number(line)]
        if index == len(pages) and blanks:
            assert not numbers
            continue
        assert len(numbers) == 1, (index, [line.text for line in page.lines[-3:]])
        assert page_number(page) == index
        line = numbers[0]
        assert abs(line.y_mid_mm - (TYPE_BOTTOM_MM + DASH_BELOW_MM)) <= 2
        if index % 2:
            assert abs(line.x1 * MM_PER_PT - (RIGHT_MM - CHAR_MM)) <= 3
        else:
            assert abs(line.x0 * MM_PER_PT - (LEFT_MM + CHAR_MM)) <= 3


@pytest.mark.parametrize("name", ALL)
def test_titles_have_no_short_pieces(printer: Printer, name: str) -> None:
    printed = printer(name)
    for section in printed.data["sections"]:
        for article in section["articles"]:
            if article["title"]:
                assert short_title_pieces(printed.pages, article["title"]) == []


@pytest.mark.parametrize("name", ALL)
def test_no_attribution_opens_a_page(printer: Printer, name: str) -> None:
    printed = printer(name)
    assert attributions_opening_a_page(printed.pages, sources_of(printed.data)) == []


# --- The cases built to reach each placement ------------------------------------------------


def imprint_top_mm(page: Page) -> float:
    return min(mm(line.y0) for line in page.lines if squeeze(line.text).startswith("信息公开选项"))


def test_body_ending_on_an_even_page_with_room_shares_it(printer: Printer) -> None:
    pages = printer("body_ends_even_with_room").pages
    last = pages[-1]
    above = [line for line in body_lines(last) if mm(line.y1) < imprint_top_mm(last)]
    assert above, "the 版记 should share the body's last page"
    assert not blank_pages(pages)


def test_body_ending_on_an_even_page_without_room_moves_it_past_a_blank(printer: Printer) -> None:
    pages = printer("body_ends_even_without_room").pages
    assert blank_pages(pages) == [len(pages) - 1]
    assert len(body_lines(pages[-3])) > 0  # the body ends on the even page before the blank


def test_body_ending_on_an_odd_page_puts_it_on_the_next(printer: Printer) -> None:
    pages = printer("body_ends_odd").pages
    assert not blank_pages(pages)
    last = pages[-1]
    assert not [line for line in body_lines(last) if mm(line.y1) < imprint_top_mm(last)]
    assert body_lines(pages[-2])


# --- The layout's figures --------------------------------------------------------------------


def test_first_page_shows_the_red_name_and_body_text(printer: Printer) -> None:
    printed = printer("long_fixture")
    data, first = printed.data, printed.pages[0]
    (name,) = [line for line in first.lines if line.text == data["masthead"]["name"]]
    box = tuple(v * MM_PER_PT for v in (name.x0, name.y0, name.x1, name.y1))
    assert red_pixels(raster(printed.pdf, 1, dpi=60), box) > 300
    opening = data["sections"][0]["articles"][0]["paragraphs"][0][:12]
    assert any(opening in line.text for line in first.lines)
    # About 20 mm of space above the name inside the type area.
    assert TYPE_TOP_MM + 12 < name.y0 * MM_PER_PT < TYPE_TOP_MM + 30


def test_a_full_body_page_holds_22_lines_of_28_characters(printer: Printer) -> None:
    second = printer("long_fixture").pages[1]
    lines = body_lines(second)
    assert len(lines) == 22, [line.text for line in lines]
    pitch = (lines[-1].y0 - lines[0].y0) / 21
    assert abs(pitch - 28.95) < 0.5  # points
    full = [len(squeeze(line.text)) for line in lines]
    assert max(full) in (28, 29)  # 29: a comma or full stop hanging in the margin


def test_fonts_are_the_aliased_cjk_fonts(printer: Printer) -> None:
    printed = printer("long_fixture")
    report = fonts_used(printed.pdf, printed.conf)
    assert "NotoSerifCJK" in report  # 仿宋_GB2312, 宋体, 方正小标宋简体
    assert "NotoSansCJK" in report  # 黑体 (栏目)
    assert "UKai" in report  # 楷体_GB2312 (期号, attribution)


@needs_corpus
def test_draft_mark_is_on_every_printed_page(printer: Printer) -> None:
    drafts = [name for name, data in CORPUS if not data["masthead"]["name"]]
    if not drafts:
        pytest.skip("no draft in the corpus")
    pages = printer(drafts[0]).pages
    for page in pages:
        if page.lines:
            assert any("草稿" in line.text for line in page.lines)


@needs_corpus
def test_corpus_names_are_red(printer: Printer) -> None:
    for name, data in CORPUS:
        title = data["masthead"]["name"]
        if not title:
            continue
        printed = printer(name)
        (line,) = [ln for ln in printed.pages[0].lines if ln.text == title]
        box = tuple(v * MM_PER_PT for v in (line.x0, line.y0, line.x1, line.y1))
        assert red_pixels(raster(printed.pdf, 1, dpi=60), box) > 300


def test_band_is_the_dash_line(printer: Printer) -> None:
    """The band checked above is where the page number is: a page number inside it."""
    page = printer("long_fixture").pages[0]
    numbers = [line for line in page.lines if is_page_number(line)]
    centre = TYPE_BOTTOM_MM + DASH_BELOW_MM
    assert all(abs(line.y_mid_mm - centre) < BAND_MM for line in numbers)
    assert not any(is_printed_line(line) for line in page.lines)
