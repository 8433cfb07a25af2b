"""PDFs from other producers: bulletins a clerk typed into Word's default template.

The corpus's gold bulletins are typed as a clerk would (tests/support/producers.py),
printed by LibreOffice with the official-font aliases and with plain system
fonts, and their text extracted by pdftotext. Curly quotes and dashes fall back
to a Latin font there, so one visual line mixes fonts and the PDF draws its
characters out of order. Reading the PDF's layout must give at least what the
corpus's extracted text gives, and more than pdftotext's text of the same PDF.
"""

from __future__ import annotations

import ctypes
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from support.corpus import CORPUS, corpus_golds, needs_scorer, require_shared
from support.producers import (
    CLERKS,
    FONTS,
    Produced,
    Tally,
    clerk_docx,
    fixture_golds,
    produce,
    score,
)

from editor.core.normalise import normalise_inline
from editor.core.parsing import parse_file
from editor.core.reading.pdf import read_pdf

MIN_FIELDS = 0.995


@pytest.fixture(scope="session")
def corpus_material(tmp_path_factory: pytest.TempPathFactory) -> list[Produced]:
    """The corpus typed by the clerks in turn: 10 PDFs in two LibreOffice runs, their text."""
    require_shared(CORPUS)
    return produce(corpus_golds(), tmp_path_factory.mktemp("producers"))


def tallies(items: Iterable[Produced]) -> dict[str, Tally]:
    """Fields and paragraphs right per producer, parsed by parse_file, scored by the scorer."""
    out: dict[str, Tally] = defaultdict(Tally)
    for item in items:
        out[item.producer] += score(item.name, item.gold, parse_file(item.path).to_dict())
    return out


def text_tally() -> Tally:
    """The corpus's own extracted text, parsed and scored: the baseline."""
    total = Tally()
    for name, gold in corpus_golds():
        total += score(name, gold, parse_file(CORPUS / f"{name}.txt").to_dict())
    return total


def unread(pdf: Path, texts: list[str]) -> list[str]:
    """The texts that the PDF's lines, in reading order, do not hold.

    A text may run over from one line to the next anywhere; a space in it may be
    where the line broke (the line ends at the space, which nothing then shows).
    """
    flat = "\n".join(normalise_inline(line) for line in read_pdf(pdf).text.split("\n"))
    missing = []
    for text in texts:
        pattern = "\n?".join("[ \n]" if char == " " else re.escape(char) for char in text)
        if not re.search(pattern, flat):
            missing.append(text)
    return missing


def gold_strings(gold: dict[str, Any]) -> list[str]:
    """Every paragraph and title line of a gold bulletin."""
    out: list[str] = []
    for section in gold["sections"]:
        for article in section["articles"]:
            out += (article.get("title") or "").split("\n")
            for paragraph in article["paragraphs"]:
                out.append(paragraph if isinstance(paragraph, str) else paragraph["text"])
    return [text for text in out if text]


# --- The material is what it claims to be ----------------------------------------------------


def test_the_clerks_type_on_the_default_template_with_quotes_in_the_latin_font() -> None:
    _name, gold = fixture_golds()[0]
    for clerk in CLERKS:
        doc = clerk_docx(gold, clerk)
        xml = doc.element.xml
        assert "w:ascii=" not in xml, "Latin text keeps the template's font"
        assert "w:hAnsi=" not in xml, "Latin text keeps the template's font"
        typed = re.sub(r"[ \u3000]", "", "\n".join(p.text for p in doc.paragraphs))
        for text in gold_strings(gold):
            assert text.replace(" ", "") in typed, text
        assert "“" in typed
        assert "”" in typed
        title = gold["sections"][0]["articles"][0]["title"].split("\n")[0].replace(" ", "")
        centred = [p.text.replace(" ", "") for p in doc.paragraphs if p.alignment is not None]
        assert any(title in text for text in centred)


def fonts_of(pdf: Path) -> tuple[set[str], set[str]]:
    """The fonts a PDF sets its curly quotes in, and those it sets its Chinese text in."""
    quotes: set[str] = set()
    chinese: set[str] = set()
    name, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            textpage = page.get_textpage()
            for index, char in enumerate(textpage.get_text_range()):
                if char in "“”" or "\u4e00" <= char <= "\u9fff":
                    raw.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), flags)
                    (quotes if char in "“”" else chinese).add(name.value.decode())
    finally:
        document.close()
    return quotes, chinese


def test_the_quotes_fall_back_to_a_latin_font_where_the_chinese_font_has_none(
    corpus_material: list[Produced],
) -> None:
    """Always with the plain fonts; with the official ones where the clerk kept the template's
    Chinese font (Noto Serif CJK, the stand-in for 仿宋 and 宋体, has curly quotes)."""
    pdfs = [p for p in corpus_material if p.producer.startswith("pdf")]
    assert len(pdfs) == len(FONTS) * len(corpus_golds())
    mixed = 0
    for item in pdfs:
        quotes, chinese = fonts_of(item.path)
        assert quotes, item.path
        if item.producer == "pdf plain" or item.clerk.chinese_font is None:
            assert not quotes & chinese, f"{item.path}: quotes in {quotes}, Chinese in {chinese}"
            mixed += 1
    assert mixed >= 0.75 * len(pdfs)


# --- The reader ---------------------------------------------------------------------------


@pytest.mark.parametrize("fonts", FONTS)
def test_every_paragraph_reads_in_order_from_the_pdf(
    corpus_material: list[Produced], fonts: str
) -> None:
    """The lines of the PDF, joined, hold every title line and paragraph as the gold has it.

    The quotes of a line are drawn before its Chinese text, in another font:
    read in drawing order they land out of place (坚持 党有所需、史有所 “为 ，).
    """
    for item in corpus_material:
        if item.producer != f"pdf {fonts}":
            continue
        missing = unread(item.path, gold_strings(item.gold))
        assert missing == [], f"{item.name} ({fonts}): {missing[:2]}"


@pytest.mark.parametrize("fonts", FONTS)
def test_the_pdf_parses_at_least_as_well_as_the_corpus_text(
    corpus_material: list[Produced], fonts: str
) -> None:
    pdf = tallies(p for p in corpus_material if p.producer == f"pdf {fonts}")[f"pdf {fonts}"]
    text = text_tally()
    assert pdf.fields == text.fields
    assert pdf.accuracy >= text.accuracy, pdf.misses
    assert pdf.paras_right >= text.paras_right, pdf.misses
    assert pdf.accuracy >= MIN_FIELDS, pdf.misses


@pytest.mark.parametrize("fonts", FONTS)
def test_the_pdf_layout_parses_better_than_pdftotext_of_the_same_pdf(
    corpus_material: list[Produced], fonts: str
) -> None:
    found = tallies(p for p in corpus_material if p.producer.endswith(fonts))
    pdf = found[f"pdf {fonts}"]
    for producer, text in found.items():
        assert pdf.right >= text.right, f"{producer}: {text.right} fields, the PDF {pdf.right}"
        assert pdf.paras_right >= text.paras_right, producer


# --- The sweep: every clerk types every bulletin ------------------------------------------


@pytest.mark.stress
@needs_scorer
def test_every_clerk_every_bulletin(tmp_path: Path) -> None:
    """Corpus and fixtures, each typed by each clerk, both font sets (2 LibreOffice runs)."""
    golds = [(f"corpus-{n}", g) for n, g in corpus_golds()]
    golds += [(f"fixture-{n}", g) for n, g in fixture_golds()]
    made = produce(golds, tmp_path, every_clerk=True)
    found = tallies(made)
    for fonts in FONTS:
        pdf = found[f"pdf {fonts}"]
        assert pdf.accuracy >= MIN_FIELDS, pdf.misses
        for producer, text in found.items():
            if producer.endswith(fonts):
                assert pdf.right >= text.right, producer
    for item in made:
        if item.producer.startswith("pdf"):
            missing = unread(item.path, gold_strings(item.gold))
            assert missing == [], f"{item.name} ({item.producer}): {missing[:2]}"
