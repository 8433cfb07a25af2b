"""Bulletins with bylines and subheadings, rendered the ways their text arrives.

The fixtures in tests/fixtures/bulletins/structured are written by the developers
(the corpus has no byline and no subheading): 综述 and 经验交流 articles with an
office, a person or both under the title, subheadings of all four levels (一、
（一） 1. （1）) and unnumbered ones, numbered clauses that are body text, and a
web copy punctuated half-width. They sit in a folder of their own because the
other fixture tests render paragraphs as plain strings.

:func:`render_structured` sets them as :func:`support.render.render` sets the
others (page width, blank lines, lost indent, thin spaces, page numbers,
``pdftotext -layout`` centring, encodings), with the byline under the title and
each subheading a paragraph of its own with the body's first-line indent, as the
exporter sets them. ``wide_titles`` prints every title on one line however long
(a title wider than a body line). :func:`web_copy` gives what a page of the
office's website pastes as: one paragraph a line, blank lines between, the
article text punctuated half-width, full stops lost at the end of some
paragraphs, and the bulletin that text states. :func:`differences` compares a
parse with its fixture, bylines and subheading levels included.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from support.render import (
    Rendering,
    RenderOptions,
    _centred,
    _date_text,
    _issue_text,
    _right,
    _Writer,
    autospace,
    text_width,
    wrap,
)

STRUCTURED = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins" / "structured"
BASE = RenderOptions()
TEXT_VARIANTS: dict[str, RenderOptions] = {
    "pdf-56": BASE,
    "pdf-48": BASE.but(width=48),
    "pdf-64": BASE.but(width=64),
    "pdf-48-no-blank-lines": BASE.but(width=48, blanks="none", page_lines=12),
    "pdf-56-blank-between-paragraphs": BASE.but(blanks="paragraph"),
    "pdf-56-no-autospace": BASE.but(autospace=False),
    "pdf-56-ascii-attribution": BASE.but(ascii_brackets=True),
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
}
WIDE_TITLES = BASE.but(width=56)
"""Rendered with ``wide_titles``: every title on one line, wider than a body line."""


def printable(name: str) -> bool:
    """A web page's copy (paragraphs that lost their full stop) is never typeset."""
    return not name.startswith("web")


HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def structured_bulletins() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(STRUCTURED.glob("*.json"))
    ]


def text_of(paragraph: Any) -> str:
    return paragraph if isinstance(paragraph, str) else str(paragraph["text"])


def with_text(paragraph: Any, text: str) -> Any:
    return text if isinstance(paragraph, str) else {"heading": paragraph["heading"], "text": text}


def _masthead(w: _Writer, bulletin: dict[str, Any], opts: RenderOptions) -> None:
    fmt = bulletin.get("_variants", {}).get("issue_format", "plain")
    mh = bulletin["masthead"]
    year = int(mh["date"][:4]) if mh.get("date") else None
    issue = _issue_text(mh, fmt, year)
    date = _date_text(mh["date"], opts) if mh.get("date") else None
    if opts.masthead_one_line:
        for parts in ((mh.get("name"), issue), (mh.get("issuer"), date)):
            joined = " ".join(p for p in parts if p)
            if joined:
                w.line(joined)
    else:
        for part in (mh.get("name"), issue, mh.get("issuer"), date):
            if part:
                w.line(part)
    w.gap()


def _imprint(w: _Writer, im: dict[str, Any], opts: RenderOptions) -> None:
    sp = autospace if opts.autospace else (lambda s: s)
    if im.get("disclosure"):
        w.line(f"信息公开选项：{im['disclosure']}")
    for label, key in (("报", "report_to"), ("送", "copy_to"), ("发", "distribute_to")):
        value = im.get(key)
        if not value:
            continue
        for n, part in enumerate(value.split("\n")):
            text = (f"{label}：" if n == 0 else "") + sp(part)
            width = opts.width or 10_000
            for ln in wrap(text, width + 8, width + 8):
                w.line(ln)
    print_date = _date_text(im["print_date"], opts) + "印发" if im.get("print_date") else None
    parts = [p for p in (im.get("printer"), print_date) if p]
    if opts.printer_two_lines:
        for part in parts:
            w.line(part)
    elif parts:
        w.line(" ".join(parts))
    if im.get("copies") is not None:
        w.line(sp(f"（共印{im['copies']}份）"))


def render_structured(
    bulletin: dict[str, Any], opts: RenderOptions, *, wide_titles: bool = False
) -> Rendering:
    """The bulletin as extracted or typed text (see :mod:`support.render` for ``opts``)."""
    w = _Writer(opts)
    sp = autospace if opts.autospace else (lambda s: s)
    _masthead(w, bulletin, opts)
    ambiguous: set[tuple[int, int]] = set()
    article_no = 0
    for section in bulletin["sections"]:
        if section.get("name"):
            w.line(f"【{section['name']}】")
            w.gap()
        for article in section["articles"]:
            title_lines = article["title"].split("\n") if article.get("title") else []
            joined = " ".join(title_lines)
            fits = opts.width is None or text_width(sp(joined)) <= 0.8 * opts.width
            if len(title_lines) > 1 and (wide_titles or (opts.title_one_line and fits)):
                title_lines = [joined]
            for tl in title_lines:
                w.line(_centred(sp(tl), opts))
            w.gap()
            for bl in (article.get("byline") or "").split("\n"):
                if bl:
                    w.line(_centred(sp(bl), opts))
            if article.get("byline"):
                w.gap()
            previous_last_full = False
            paragraphs = article["paragraphs"]
            for index, para in enumerate(paragraphs):
                text = sp(text_of(para))
                if opts.width is None:
                    lead = {"lost": "", "spaces": "    ", "ideographic": "\u3000\u3000"}
                    lines = [lead[opts.indent] + text]
                else:
                    lines = wrap(text, opts.width, opts.width - 4)
                    if opts.indent == "spaces":
                        lines[0] = "    " + lines[0]
                    elif opts.indent == "ideographic":
                        lines[0] = "\u3000\u3000" + lines[0]
                    # A one-line paragraph after a full last line: one paragraph or two?
                    one_line_body = len(lines) == 1 and isinstance(para, str)
                    body_before = index > 0 and isinstance(paragraphs[index - 1], str)
                    if previous_last_full and one_line_body and body_before:
                        ambiguous.add((article_no, index - 1))
                    previous_last_full = text_width(lines[-1]) > opts.width - 5
                for ln in lines:
                    w.line(ln, body=True)
                w.gap()
            if article.get("source"):
                bracket = ("(", ")") if opts.ascii_brackets else ("（", "）")
                w.line(_right(f"{bracket[0]}{article['source']}{bracket[1]}", opts))
                w.gap()
            article_no += 1
    _imprint(w, bulletin["imprint"], opts)
    text = opts.newline.join(w.out) + opts.newline
    return Rendering(text, text.encode(opts.encoding), ambiguous)


def _lose_stop(paragraph: Any, index: int) -> Any:
    """Every other body paragraph of more than one sentence without its final 。."""
    text = text_of(paragraph)
    if isinstance(paragraph, str) and index % 2 == 1 and text.endswith("。") and "。" in text[:-1]:
        return text[:-1]
    return paragraph


def web_copy(bulletin: dict[str, Any], *, lose_stops: bool = True) -> tuple[str, dict[str, Any]]:
    """The text a web page of the bulletin pastes as, and the bulletin that text states.

    One paragraph a line and a blank line after every line; the articles' words
    (titles, bylines, paragraphs, attributions) punctuated half-width as the
    office's website prints them; the masthead and 版记 as the page heads and
    ends. What the text says is what the parse must give: half-width where the
    page has it, the lost full stops lost.
    """
    stated = copy.deepcopy(bulletin)
    out: list[str] = []

    def line(text: str) -> None:
        out.extend([text, ""])

    mh = stated["masthead"]
    opts = RenderOptions(autospace=False)
    issue = _issue_text(mh, "plain", None)
    date = _date_text(mh["date"], opts) if mh.get("date") else None
    for part in (mh.get("name"), issue, mh.get("issuer"), date):
        if part:
            line(part)
    for section in stated["sections"]:
        if section.get("name"):
            line(f"【{section['name']}】")
        for article in section["articles"]:
            if article.get("title"):
                article["title"] = article["title"].translate(HALF_WIDTH)
                for tl in article["title"].split("\n"):
                    line(tl)
            if article.get("byline"):
                article["byline"] = article["byline"].translate(HALF_WIDTH)
                for bl in article["byline"].split("\n"):
                    line(bl)
            paragraphs = []
            for index, para in enumerate(article["paragraphs"]):
                para = with_text(para, text_of(para).translate(HALF_WIDTH))
                if lose_stops:
                    para = _lose_stop(para, index)
                paragraphs.append(para)
                line(text_of(para))
            article["paragraphs"] = paragraphs
            if article.get("source"):
                line(f"({article['source']})")
    w = _Writer(RenderOptions(width=None, blanks="every", page_lines=None, autospace=False))
    _imprint(w, stated["imprint"], RenderOptions(width=None, autospace=False))
    out.extend(w.out)
    return "\n".join(out) + "\n", stated
