"""Render a bulletin the way text extracted from its PDF (or typed) looks.

The tests feed these renderings to the parser and expect the bulletin back.
Each option is one variation the parser must cope with: the line length of
the page, the lost first-line indent, blank lines between every line or only
between paragraphs, Word's thin spaces between Chinese and digits, page
numbers with a leading-space artefact after them, glued attributions, a
two-line title printed on one line, the printer and date on one line or two,
and the encoding and line endings of the file.

Typesetting follows the rules Word applies to Chinese text: closing
punctuation never starts a line (it hangs at the end of the previous one),
opening punctuation never ends one, and an ASCII word is never split.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

WIDE = re.compile(
    "[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]"
)
CLOSING = set("，。、；：！？）》”’」』,.;:!?)")
OPENING = set("（《“‘「『(")
ASCII_RUN = re.compile(r"[A-Za-z0-9.%+]+|.", re.S)


@dataclass(frozen=True)
class RenderOptions:
    width: int | None = 56  # None: one paragraph per line (typed / copied from Word)
    blanks: Literal["every", "paragraph", "none"] = "every"
    indent: Literal["lost", "spaces", "ideographic"] = "lost"
    autospace: bool = True  # spaces between Chinese and ASCII, as PDF extraction leaves them
    page_lines: int | None = 30  # a page number after this many body lines
    glued_attribution: bool = False
    ascii_brackets: bool = False  # (省地方志办) instead of （省地方志办）
    title_one_line: bool = False  # a two-line title printed as "main subtitle"
    masthead_one_line: bool = False
    printer_two_lines: bool = False
    centre: bool = False  # pdftotext -layout: titles centred, attributions right-aligned
    encoding: str = "utf-8"
    newline: str = "\n"

    def but(self, **changes: Any) -> RenderOptions:
        return replace(self, **changes)


def char_width(char: str) -> float:
    if char == " ":
        return 0.5
    return 2 if WIDE.match(char) else 1


def text_width(text: str) -> float:
    return sum(char_width(c) for c in text)


def autospace(text: str) -> str:
    """Insert the spaces PDF extraction shows between Chinese and ASCII words."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])", " ", text)
    return re.sub(r"(?<=[A-Za-z0-9%])(?=[\u4e00-\u9fff])", " ", text)


def wrap(text: str, width: int, first_width: float) -> list[str]:
    """Break one paragraph into visual lines the way Word sets Chinese text."""
    tokens = ASCII_RUN.findall(text)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    limit = first_width
    for token in tokens:
        w = text_width(token)
        if used + w > limit and line:
            if token in CLOSING:  # hangs in the margin
                line.append(token)
                lines.append("".join(line))
                line, used, limit = [], 0.0, width
                continue
            carried: list[str] = []
            while line and line[-1] in OPENING:  # never ends a line
                carried.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line = carried
            used = text_width("".join(carried))
            limit = width
            if token == " ":
                continue
        line.append(token)
        used += w
    if line:
        lines.append("".join(line).rstrip())
    return [ln for ln in lines if ln]


def _centred(text: str, opts: RenderOptions) -> str:
    if not opts.centre or not opts.width:
        return text
    return " " * max(0, int((opts.width - text_width(text)) / 2)) + text


def _right(text: str, opts: RenderOptions) -> str:
    if not opts.centre or not opts.width:
        return text
    return " " * max(0, int(opts.width - text_width(text))) + text


def _date_text(iso: str, opts: RenderOptions) -> str:
    day = dt.date.fromisoformat(iso)
    text = f"{day.year}年{day.month}月{day.day}日"
    return autospace(text) if opts.autospace else text


def _issue_text(masthead: dict[str, Any], fmt: str, year: int | None) -> str | None:
    issue, total = masthead.get("issue"), masthead.get("total_issue")
    if issue is None:
        return None
    if total is None:
        return f"第{issue}期"
    return {
        "plain": f"第{issue}期（总第{total}期）",
        "spaced": f"第 {issue} 期（总第 {total} 期）",
        "year": f"{year}年第{issue}期（总第{total}期）",
        "dash": f"{year}年第{issue}期—总第{total}期",
        "ascii": f"第{issue}期(总第{total}期)",
    }[fmt]


@dataclass
class Rendering:
    """The rendered text, its bytes, and the paragraph ends a reader cannot see.

    ``ambiguous`` holds (article number, paragraph index) pairs: the paragraph
    ends on a full line with a sentence end and the next is one short line, so
    the page does not show whether they are one paragraph or two.
    """

    text: str
    data: bytes
    ambiguous: set[tuple[int, int]]


class _Writer:
    def __init__(self, opts: RenderOptions) -> None:
        self.opts = opts
        self.out: list[str] = []
        self.body_count = 0
        self.page = 1
        self.page_start = False

    def line(self, text: str, *, body: bool = False) -> None:
        if self.page_start:
            text = " " + text  # the leading-space artefact at a page start
            self.page_start = False
        self.out.append(text)
        if self.opts.blanks == "every":
            self.out.append("")
        if body and self.opts.page_lines:
            self.body_count += 1
            if self.body_count % self.opts.page_lines == 0:
                self.out.extend(["", "", f"—{self.page}—", ""])
                self.page += 1
                self.page_start = True

    def gap(self) -> None:
        if self.opts.blanks == "paragraph" and self.out and self.out[-1] != "":
            self.out.append("")


def render(bulletin: dict[str, Any], opts: RenderOptions) -> Rendering:
    w = _Writer(opts)
    sp = autospace if opts.autospace else (lambda s: s)
    fmt = bulletin.get("_variants", {}).get("issue_format", "plain")
    mh = bulletin["masthead"]
    year = int(mh["date"][:4]) if mh.get("date") else None
    issue = _issue_text(mh, fmt, year)
    date = _date_text(mh["date"], opts) if mh.get("date") else None
    if opts.masthead_one_line:
        parts = [p for p in (mh.get("name"), issue) if p]
        if parts:
            w.line(" ".join(parts))
        tail = [p for p in (mh.get("issuer"), date) if p]
        if tail:
            w.line(" ".join(tail))
    else:
        for part in (mh.get("name"), issue, mh.get("issuer"), date):
            if part:
                w.line(part)
    w.gap()

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
            if opts.title_one_line and len(title_lines) == 2 and fits:
                title_lines = [joined]
            for tl in title_lines:
                w.line(_centred(sp(tl), opts))
            w.gap()
            source = article.get("source")
            bracket = ("(", ")") if opts.ascii_brackets else ("（", "）")
            attribution = f"{bracket[0]}{source}{bracket[1]}" if source else None
            paragraphs = article["paragraphs"]
            previous_last_full = False
            glued_failed = False
            for index, para in enumerate(paragraphs):
                text = sp(para)
                if opts.width is None:
                    lead = {"lost": "", "spaces": "    ", "ideographic": "\u3000\u3000"}
                    lines = [lead[opts.indent] + text]
                else:
                    lines = wrap(text, opts.width, opts.width - 4)
                    if opts.indent == "spaces":
                        lines[0] = "    " + lines[0]
                    elif opts.indent == "ideographic":
                        lines[0] = "\u3000\u3000" + lines[0]
                    if previous_last_full and len(lines) == 1:
                        ambiguous.add((article_no, index - 1))
                    previous_last_full = text_width(lines[-1]) > opts.width - 5
                last_para = index == len(paragraphs) - 1
                glue = last_para and attribution and opts.glued_attribution
                if glue and opts.width and text_width(f"{lines[-1]}  {attribution}") > opts.width:
                    glue = False  # no room: the attribution takes a line of its own
                    glued_failed = True
                for k, ln in enumerate(lines):
                    if glue and k == len(lines) - 1:
                        ln = f"{ln} {attribution}"
                    w.line(ln, body=True)
                w.gap()
            if attribution and (not opts.glued_attribution or glued_failed):
                w.line(_right(attribution, opts))
                w.gap()
            article_no += 1

    im = bulletin["imprint"]
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
    if opts.printer_two_lines:
        for part in (im.get("printer"), print_date):
            if part:
                w.line(part)
    else:
        parts = [p for p in (im.get("printer"), print_date) if p]
        if parts:
            w.line(" ".join(parts))
    if im.get("copies") is not None:
        w.line(sp(f"（共印{im['copies']}份）"))

    text = opts.newline.join(w.out) + opts.newline
    return Rendering(text, text.encode(opts.encoding), ambiguous)
