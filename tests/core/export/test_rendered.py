"""The rendered checks of layout.md: LibreOffice prints it, poppler measures it.

Substitute fonts move line breaks, so geometry is asserted with tolerances.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from support.corpus import corpus_golds
from support.rendering import (
    MM_PER_PT,
    Page,
    fontconfig,
    fonts_used,
    horizontal_rules,
    raster,
    red_pixels,
    render_pdf,
    text_pages,
)

from editor.core.export import docx_bytes
from editor.core.model import Bulletin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"
TYPE_TOP_MM, TYPE_BOTTOM_MM = 37.0, 297.0 - 35.0
LEFT_MM, RIGHT_MM = 28.0, 210.0 - 26.0
CHAR_MM = 14 * MM_PER_PT  # one 四号 character
PAGE_NUMBER = re.compile(r"^—\s*(\d+)\s*—$")


def long_bulletin() -> dict[str, Any]:
    """The two-column fixture with its first article long enough to fill whole pages."""
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    data = copy.deepcopy(data)
    first = data["sections"][0]["articles"][0]
    first["paragraphs"] = first["paragraphs"] * 5
    return data


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("render")
    conf = fontconfig(folder / "fontconfig")
    data = long_bulletin()
    docx = folder / "long.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(data)))
    pdf = render_pdf(docx, conf)
    return {"data": data, "pdf": pdf, "pages": text_pages(pdf), "conf": conf}


def body_lines(page: Page) -> list[Any]:
    return [
        line
        for line in page.lines
        if line.y0 * MM_PER_PT > TYPE_TOP_MM - 1 and line.y1 * MM_PER_PT < TYPE_BOTTOM_MM + 1
    ]


def test_first_page_shows_the_red_name_and_body_text(rendered: dict[str, Any]) -> None:
    data, pages = rendered["data"], rendered["pages"]
    first = pages[0]
    (name,) = [line for line in first.lines if line.text == data["masthead"]["name"]]
    box = tuple(v * MM_PER_PT for v in (name.x0, name.y0, name.x1, name.y1))
    assert red_pixels(raster(rendered["pdf"], 1, dpi=60), box) > 300
    opening = data["sections"][0]["articles"][0]["paragraphs"][0][:12]
    assert any(opening in line.text for line in first.lines)
    # About 20 mm of space above the name inside the type area.
    assert TYPE_TOP_MM + 12 < name.y0 * MM_PER_PT < TYPE_TOP_MM + 30


def test_a_full_body_page_holds_22_lines(rendered: dict[str, Any]) -> None:
    second = rendered["pages"][1]
    lines = body_lines(second)
    assert len(lines) == 22, [line.text for line in lines]
    pitch = (lines[-1].y0 - lines[0].y0) / 21
    assert abs(pitch - 28.95) < 0.5  # points


def test_imprint_last_rule_sits_on_the_type_area_bottom(rendered: dict[str, Any]) -> None:
    pages = rendered["pages"]
    last = len(pages)
    image = raster(rendered["pdf"], last, dpi=100)
    rules = horizontal_rules(image, min_length_mm=140)
    assert rules, "no full-width rule on the last page"
    assert abs(max(rules) - TYPE_BOTTOM_MM) <= 3
    texts = [line.text for line in pages[-1].lines]
    assert "信息公开选项：主动公开" in texts
    assert any(t.endswith("印发") for t in texts)
    copies = [line for line in pages[-1].lines if line.text.startswith("（共印")]
    assert copies
    assert copies[0].y0 * MM_PER_PT > TYPE_BOTTOM_MM - 1


def test_page_numbers_seven_mm_below_the_type_area_alternating_sides(
    rendered: dict[str, Any],
) -> None:
    pages = rendered["pages"]
    assert len(pages) >= 3
    for index, page in enumerate(pages, start=1):
        numbers = [line for line in page.lines if PAGE_NUMBER.match(line.text.replace(" ", ""))]
        assert len(numbers) == 1, [line.text for line in page.lines[-3:]]
        number = numbers[0]
        assert PAGE_NUMBER.match(number.text.replace(" ", ""))[1] == str(index)  # type: ignore[index]
        assert abs(number.y_mid_mm - (TYPE_BOTTOM_MM + 7)) <= 2
        if index % 2:
            assert abs(number.x1 * MM_PER_PT - (RIGHT_MM - CHAR_MM)) <= 3
        else:
            assert abs(number.x0 * MM_PER_PT - (LEFT_MM + CHAR_MM)) <= 3


def test_fonts_are_the_aliased_cjk_fonts(rendered: dict[str, Any]) -> None:
    report = fonts_used(rendered["pdf"], rendered["conf"])
    assert "NotoSerifCJK" in report  # 仿宋_GB2312, 宋体, 方正小标宋简体
    assert "NotoSansCJK" in report  # 黑体 (栏目)
    assert "UKai" in report  # 楷体_GB2312 (期号, attribution)


def test_draft_mark_is_visible(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "no_masthead.json").read_text("utf-8"))
    docx = tmp_path / "draft.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(data), draft=True))
    pages = text_pages(render_pdf(docx, fontconfig(tmp_path / "fc")))
    assert all(any("草稿" in line.text for line in page.lines) for page in pages)


CORPUS = corpus_golds()


@pytest.fixture(scope="module", params=[c[1] for c in CORPUS], ids=[c[0] for c in CORPUS])
def corpus_render(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("corpus")
    bulletin = Bulletin.from_dict(request.param)
    docx = folder / "c.docx"
    docx.write_bytes(docx_bytes(bulletin, draft=not bulletin.masthead.name))
    pdf = render_pdf(docx, fontconfig(folder / "fc"))
    return {"data": request.param, "pdf": pdf, "pages": text_pages(pdf)}


def test_corpus_bulletin_renders_to_the_layout(corpus_render: dict[str, Any]) -> None:
    """Each real bulletin: name in red, page numbers placed, 版记 on the type-area bottom."""
    data, pages, pdf = corpus_render["data"], corpus_render["pages"], corpus_render["pdf"]
    name = data["masthead"]["name"]
    if name:
        (line,) = [ln for ln in pages[0].lines if ln.text == name]
        box = tuple(v * MM_PER_PT for v in (line.x0, line.y0, line.x1, line.y1))
        assert red_pixels(raster(pdf, 1, dpi=60), box) > 300
    for page in pages:
        numbers = [ln for ln in page.lines if PAGE_NUMBER.match(ln.text.replace(" ", ""))]
        assert len(numbers) == 1
        assert abs(numbers[0].y_mid_mm - (TYPE_BOTTOM_MM + 7)) <= 2
    rules = horizontal_rules(raster(pdf, len(pages), dpi=100), min_length_mm=140)
    assert abs(max(rules) - TYPE_BOTTOM_MM) <= 3
