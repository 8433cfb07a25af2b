"""Every fixture bulletin, rendered every way extracted text arrives, parses back.

The renderings vary what the issue lists: page widths (48, 56, 64 columns),
blank lines between every line / only between paragraphs / none, Word's thin
spaces between Chinese and digits, page numbers with a leading-space artefact,
glued attributions with full-width and ASCII brackets, titles on one line,
one paragraph per line as typed in Word, indentation by spaces or ideographic
spaces, centred text as ``pdftotext -layout`` gives it, and GBK + CRLF,
UTF-16 and UTF-8 with BOM files.
"""

from __future__ import annotations

from typing import Any

import pytest
from support.compare import differences
from support.render import RenderOptions, render

from editor.core.parsing import parse_text
from editor.core.reading.text import decode_bytes

BASE = RenderOptions()
VARIANTS = {
    "pdf-56": BASE,
    "pdf-48": BASE.but(width=48),
    "pdf-64": BASE.but(width=64),
    "pdf-48-no-blank-lines": BASE.but(width=48, blanks="none", page_lines=12),
    "pdf-56-blank-between-paragraphs": BASE.but(blanks="paragraph"),
    "pdf-56-no-autospace": BASE.but(autospace=False),
    "pdf-56-glued-attribution": BASE.but(glued_attribution=True),
    "pdf-56-ascii-attribution": BASE.but(glued_attribution=True, ascii_brackets=True),
    "pdf-56-one-line-title-and-masthead": BASE.but(
        title_one_line=True, masthead_one_line=True, printer_two_lines=True
    ),
    "pdf-56-indented-by-spaces": BASE.but(indent="spaces", blanks="none"),
    "pdftotext-layout-56": BASE.but(centre=True, indent="spaces", blanks="none"),
    "pdftotext-layout-48": BASE.but(centre=True, indent="spaces", blanks="paragraph", width=48),
    "typed": BASE.but(width=None, blanks="none", page_lines=None),
    "typed-blank-lines": BASE.but(width=None, blanks="paragraph", page_lines=None),
    "typed-indented": BASE.but(width=None, blanks="none", indent="ideographic", page_lines=None),
    "typed-one-line-title": BASE.but(
        width=None, blanks="none", page_lines=None, title_one_line=True
    ),
    "gbk-crlf": BASE.but(encoding="gbk", newline="\r\n"),
    "utf16-cr": BASE.but(encoding="utf-16", newline="\r", width=48),
    "utf8-bom-no-blank": BASE.but(encoding="utf-8-sig", blanks="none"),
}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_rendering_parses_back(fixture_bulletin: dict[str, Any], variant: RenderOptions) -> None:
    rendering = render(fixture_bulletin, variant)
    decoded = decode_bytes(rendering.data, "fixture")
    parsed = parse_text(decoded.text).to_dict()
    assert differences(fixture_bulletin, parsed, rendering.ambiguous) == []


def test_renderer_really_varies_the_text(fixture_bulletin: dict[str, Any]) -> None:
    """Guard against a renderer that silently ignores its options."""
    texts = {name: render(fixture_bulletin, opts).text for name, opts in VARIANTS.items()}
    assert texts["pdf-48"] != texts["pdf-56"]
    assert "\r\n" in render(fixture_bulletin, VARIANTS["gbk-crlf"]).text
    assert max(len(line) for line in texts["pdf-48"].splitlines()) < 40
    assert max(len(line) for line in texts["typed"].splitlines()) > 50


def test_the_comparison_catches_a_wrong_parse(fixture_bulletin: dict[str, Any]) -> None:
    """The check above can fail: a parse with a paragraph lost is reported."""
    parsed = parse_text(render(fixture_bulletin, BASE).text).to_dict()
    parsed["sections"][-1]["articles"][-1]["paragraphs"].pop()
    assert differences(fixture_bulletin, parsed) != []
