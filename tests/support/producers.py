"""Bulletins as other producers make them: typed into Word, printed by LibreOffice, pdftotext.

The app's own exporter sets every run in its official font; a clerk does not. A
clerk opens a blank document (python-docx's default template: Cambria for Latin
text, DejaVu Serif where Cambria is missing; the theme's font for Chinese),
types the masthead, the 栏目 in 【】, a centred bold title, the paragraphs
(first-line indent by two ideographic spaces or by the paragraph format), the
attribution pushed to the right and the 版记 lines, and perhaps picks
仿宋_GB2312 for the Chinese text. Curly quotes “” and dashes —— are not Chinese
to the office: Word sets them in the Latin font; LibreOffice does where the
Chinese font has no glyph for them (AR PL UKai, the template's Chinese font and
the plain fonts' stand-in for 仿宋 and 宋体; Noto Serif CJK, the official
fonts' stand-in, has them). One visual line then mixes fonts of different
ascent, descent and baseline boxes.

From a gold-form bulletin dict this module builds such a document
(:func:`clerk_docx`), prints it with LibreOffice twice, once with the
official-font aliases of :mod:`support.rendering` and once with the system's
fonts as they are (:func:`render_pdfs`, one LibreOffice run for many
documents), and extracts the PDFs' text with pdftotext, ``-layout`` and
``-raw`` (:func:`pdftotext`). :func:`score` counts fields and exact paragraphs
the way ../shared/tools/score_parse.py does (it runs that scorer's own code).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from support.corpus import SCORER, require_shared
from support.reading_inputs import pdf_bytes, pdf_stream
from support.rendering import fontconfig, require

from editor.core.export.pdf import soffice_command

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"

IDEOGRAPHIC_SPACE = "\u3000"


@dataclass(frozen=True)
class Clerk:
    """How one clerk types a bulletin into a blank Word document.

    Sizes are in points; ``None`` keeps the template's (11 pt). ``chinese_font``
    is the font picked for Chinese text only (Word's 中文字体 box): Latin text,
    curly quotes and dashes keep the template's Latin font.
    """

    body_size: float | None = None
    title_size: float = 16
    name_size: float = 22
    chinese_font: str | None = None
    title_font: str | None = None
    indent: Literal["spaces", "format"] = "spaces"
    title_lines: Literal["paragraphs", "breaks"] = "paragraphs"
    issuer_and_date: Literal["one line", "two lines"] = "one line"
    continued_recipients: Literal["break", "paragraph"] = "break"
    spaced_latin: bool = False  # types 召开 2021 年 with spaces around the figures


CLERKS: tuple[Clerk, ...] = (
    Clerk(),
    Clerk(
        body_size=16,
        title_size=22,
        name_size=26,
        chinese_font="仿宋_GB2312",
        title_font="方正小标宋简体",
        indent="format",
        title_lines="breaks",
        issuer_and_date="two lines",
        continued_recipients="paragraph",
    ),
    Clerk(body_size=14, title_size=18, indent="format", spaced_latin=True),
    Clerk(body_size=12, title_size=16, chinese_font="宋体", issuer_and_date="two lines"),
)


def clerk_for(index: int) -> Clerk:
    """The clerks take turns: bulletin ``index`` is typed by one of them."""
    return CLERKS[index % len(CLERKS)]


# --- The document -----------------------------------------------------------------------------

_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_LATIN = r"[A-Za-z0-9]"


def _date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _issue(masthead: dict[str, Any]) -> str | None:
    issue, total = masthead.get("issue"), masthead.get("total_issue")
    if issue is None:
        return None
    return f"第{issue}期" if total is None else f"第{issue}期（总第{total}期）"


@dataclass(frozen=True)
class _Look:
    """How a run of text looks: size (None: the clerk's body size), bold, Chinese font, red."""

    size: float | None = None
    bold: bool = False
    font: str | None = None
    red: bool = False


class _Typist:
    """Types paragraphs into a default-template python-docx document as the clerk would."""

    def __init__(self, clerk: Clerk) -> None:
        self.clerk = clerk
        self.doc: DocxDocument = Document()

    def typed(self, text: str) -> str:
        """The text as this clerk types it: maybe with spaces between Chinese and figures."""
        if not self.clerk.spaced_latin:
            return text
        text = re.sub(f"(?<={_CJK})(?={_LATIN})", " ", text)
        return re.sub(f"(?<={_LATIN})(?={_CJK})", " ", text)

    def points(self, look: _Look) -> float:
        size = look.size if look.size is not None else self.clerk.body_size
        return 11.0 if size is None else size  # the template's 11 pt

    def run(self, paragraph: Paragraph, text: str, look: _Look) -> None:
        run = paragraph.add_run(self.typed(text))
        size = look.size if look.size is not None else self.clerk.body_size
        if size is not None:
            run.font.size = Pt(size)
        if look.bold:
            run.font.bold = True
        if look.red:
            run.font.color.rgb = RGBColor(0xE0, 0, 0)
        chinese = look.font or self.clerk.chinese_font
        if chinese:
            # Word's 中文字体 box: only w:eastAsia; quotes and dashes keep the Latin font.
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), chinese)

    def line(
        self,
        text: str,
        look: _Look = _Look(),
        *,
        align: WD_ALIGN_PARAGRAPH | None = None,
        indent: bool = False,
    ) -> Paragraph:
        """A paragraph of one run, maybe aligned, maybe with its first line indented."""
        paragraph = self.doc.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent and self.clerk.indent == "spaces":
            text = IDEOGRAPHIC_SPACE * 2 + text
        elif indent:
            # 首行缩进 2 字符, as Word writes it: in characters and in twips.
            paragraph.paragraph_format.first_line_indent = Pt(2 * self.points(look))
            ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
            ind.set(qn("w:firstLineChars"), "200")
        self.run(paragraph, text, look)
        return paragraph

    def breaks(self, paragraph: Paragraph, lines: Sequence[str], look: _Look) -> None:
        """More lines in the same paragraph, after manual line breaks (Shift+Enter)."""
        for text in lines:
            paragraph.runs[-1].add_break(WD_BREAK.LINE)
            self.run(paragraph, text, look)

    def pair(self, left: str, right: str, look: _Look = _Look()) -> None:
        """Two things on one line, the second pushed right with ideographic spaces."""
        section = self.doc.sections[0]
        margins = (section.page_width, section.left_margin, section.right_margin)
        page, inner, outer = (length.pt if length is not None else 0.0 for length in margins)
        per_line = int((page - inner - outer) / self.points(look))
        gap = max(2, per_line - len(self.typed(left + right)) - 1)
        self.line(left + IDEOGRAPHIC_SPACE * gap + right, look)


def clerk_docx(bulletin: dict[str, Any], clerk: Clerk) -> DocxDocument:
    """The bulletin typed into a default-template document by this clerk."""
    t = _Typist(clerk)
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    masthead = bulletin["masthead"]
    if masthead.get("name"):
        t.line(masthead["name"], _Look(clerk.name_size, bold=True, red=True), align=centre)
    issue = _issue(masthead)
    if issue:
        t.line(issue, align=centre)
    issuer, date = masthead.get("issuer"), masthead.get("date")
    if issuer and date and clerk.issuer_and_date == "one line":
        t.pair(issuer, _date(date))
    else:
        if issuer:
            t.line(issuer)
        if date:
            t.line(_date(date), align=right if issuer else None)
    for section in bulletin["sections"]:
        if section.get("name"):
            t.line(f"【{section['name']}】", _Look(bold=True))
        for article in section["articles"]:
            _article(t, article)
    _imprint(t, bulletin["imprint"])
    return t.doc


def _article(t: _Typist, article: dict[str, Any]) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    title = _Look(t.clerk.title_size, bold=True, font=t.clerk.title_font)
    lines = [line for line in (article.get("title") or "").split("\n") if line]
    if lines and t.clerk.title_lines == "breaks":
        t.breaks(t.line(lines[0], title, align=centre), lines[1:], title)
    else:
        for line in lines:
            t.line(line, title, align=centre)
    if article.get("byline"):
        t.line(article["byline"], _Look(font="楷体_GB2312"), align=centre)
    for paragraph in article["paragraphs"]:
        if isinstance(paragraph, str):
            t.line(paragraph, indent=True)
        else:  # a subheading: 一、 in 黑体, （一） in 楷体, 1. in bold
            level = paragraph["heading"]
            look = _Look(bold=level in (1, 3), font={1: "黑体", 2: "楷体_GB2312"}.get(level))
            t.line(paragraph["text"], look, indent=True)
    if article.get("source"):
        t.line(f"（{article['source']}）", align=WD_ALIGN_PARAGRAPH.RIGHT)


def _imprint(t: _Typist, imprint: dict[str, Any]) -> None:
    """The 版记 lines, two points smaller than the body."""
    small = _Look(None if t.clerk.body_size is None else t.clerk.body_size - 2)
    if imprint.get("disclosure"):
        t.line(f"信息公开选项：{imprint['disclosure']}", small)
    for label, key in (("报", "report_to"), ("送", "copy_to"), ("发", "distribute_to")):
        value = imprint.get(key)
        if not value:
            continue
        first, *more = value.split("\n")
        paragraph = t.line(f"{label}：{first}", small)
        if t.clerk.continued_recipients == "break":
            t.breaks(paragraph, more, small)
        else:
            for part in more:
                t.line(part, small)
    printer, date = imprint.get("printer"), imprint.get("print_date")
    printed = _date(date) + "印发" if date else None
    if printer and printed:
        t.pair(printer, printed, small)
    elif printer or printed:
        t.line(printer or printed or "", small)
    if imprint.get("copies") is not None:
        t.line(f"（共印{imprint['copies']}份）", small)


# --- Printing and extracting ------------------------------------------------------------------

Fonts = Literal["official", "plain"]
FONTS: tuple[Fonts, ...] = ("official", "plain")
TEXT_MODES: tuple[str, ...] = ("-layout", "-raw")


def plain_fontconfig(folder: Path) -> Path:
    """A fonts.conf with the system's fonts as they are (no aliases), its own cache."""
    (folder / "cache").mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return path


def fonts_conf(fonts: Fonts, folder: Path) -> Path:
    """The fonts.conf for this font set, written in ``folder``."""
    return fontconfig(folder) if fonts == "official" else plain_fontconfig(folder)


def render_pdfs(docxs: Sequence[Path], conf: Path, *, timeout: float = 600) -> list[Path]:
    """Each DOCX printed to a PDF beside it, all in one LibreOffice run (it starts slowly)."""
    soffice = require("soffice")
    if not docxs:
        return []
    with (
        tempfile.TemporaryDirectory(prefix="jianxun-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="jianxun-pdf-") as outdir,
    ):
        resolved = [path.resolve() for path in docxs]
        command = soffice_command(soffice, Path(profile), Path(outdir), resolved)
        env = dict(os.environ, FONTCONFIG_FILE=str(conf))
        subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=True)
        out = []
        for docx in docxs:
            produced = Path(outdir) / (docx.stem + ".pdf")
            assert produced.exists(), f"LibreOffice printed no PDF of {docx.name}"
            target = docx.with_suffix(".pdf")
            shutil.move(str(produced), target)
            out.append(target)
    return out


def pdftotext(pdf: Path, mode: str) -> Path:
    """``pdftotext MODE`` of the PDF, written beside it as NAME.MODE.txt (UTF-8)."""
    tool = require("pdftotext")
    target = pdf.with_name(f"{pdf.stem}.{mode.lstrip('-')}.txt")
    subprocess.run([tool, "-enc", "UTF-8", mode, str(pdf), str(target)], check=True)
    return target


@dataclass(frozen=True)
class Produced:
    """One bulletin from one producer: the gold, and the file a reader gets."""

    name: str
    producer: str  # "pdf official", "pdf plain", "-layout official", ...
    gold: dict[str, Any]
    path: Path
    clerk: Clerk


def produce(
    golds: Iterable[tuple[str, dict[str, Any]]],
    folder: Path,
    *,
    fonts: Sequence[Fonts] = FONTS,
    text_modes: Sequence[str] = TEXT_MODES,
    every_clerk: bool = False,
) -> list[Produced]:
    """Each gold typed by a clerk, printed with each font set, and its text extracted.

    The clerks take turns, or with ``every_clerk`` each of them types every
    bulletin. Each font set is one LibreOffice run, however many documents.
    """
    typed: list[tuple[str, dict[str, Any], Clerk]] = []
    for index, (name, gold) in enumerate(golds):
        if every_clerk:
            typed += [(f"{name}-clerk{n}", gold, clerk) for n, clerk in enumerate(CLERKS)]
        else:
            typed.append((name, gold, clerk_for(index)))
    out: list[Produced] = []
    for kind in fonts:
        where = folder / kind
        where.mkdir(parents=True, exist_ok=True)
        docxs = []
        for name, gold, clerk in typed:
            docx = where / f"{name.replace('/', '-')}.docx"
            clerk_docx(gold, clerk).save(str(docx))
            docxs.append(docx)
        pdfs = render_pdfs(docxs, fonts_conf(kind, folder / f"fc-{kind}"))
        for (name, gold, clerk), pdf in zip(typed, pdfs, strict=True):
            out.append(Produced(name, f"pdf {kind}", gold, pdf, clerk))
            for mode in text_modes:
                out.append(Produced(name, f"{mode} {kind}", gold, pdftotext(pdf, mode), clerk))
    return out


def fixture_golds() -> list[tuple[str, dict[str, Any]]]:
    """The hand-written fixture bulletins (tests/fixtures/bulletins), by name."""
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(FIXTURES.glob("*.json"))
    ]


# --- Scoring ----------------------------------------------------------------------------------


@functools.cache
def scorer() -> ModuleType:
    """../shared/tools/score_parse.py as a module; a skip (a failure in CI) without it."""
    require_shared(SCORER)
    spec = importlib.util.spec_from_file_location("score_parse", SCORER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Tally:
    """Fields and paragraphs right, as the scorer counts them, and what it missed."""

    fields: int = 0
    right: int = 0
    paras: int = 0
    paras_right: int = 0
    misses: tuple[str, ...] = ()

    @property
    def accuracy(self) -> float:
        return self.right / self.fields if self.fields else 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.fields + other.fields,
            self.right + other.right,
            self.paras + other.paras,
            self.paras_right + other.paras_right,
            self.misses + other.misses,
        )


def score(name: str, gold: dict[str, Any], got: dict[str, Any]) -> Tally:
    """One parsed bulletin compared with its gold by the scorer's own ``compare``."""
    module = scorer()
    counted = module.Score()
    module.compare(name, gold, got, counted)
    return Tally(
        counted.fields, counted.right, counted.paras, counted.paras_right, tuple(counted.misses)
    )


# --- Lines in two fonts, drawn the way LibreOffice draws them --------------------------------

LATIN_WIDTH = 0.5  # em: every character of the Latin font (curly quotes, dashes, digits)


def _is_latin(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _shown(text: str, latin: bool, codes: dict[str, int]) -> bytes:
    if latin:
        escaped = text.encode("cp1252").replace(b"\\", b"\\\\")
        return b"(" + escaped.replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<" + b"".join(b"%04X" % codes.setdefault(c, len(codes) + 1) for c in text) + b">"


def _text_object(
    placed: list[tuple[float, str]], latin: bool, y: float, size: float, codes: dict[str, int]
) -> bytes:
    """One font's characters of a line in one text object, moved into place by TJ offsets."""
    parts: list[bytes] = []
    pen = placed[0][0]
    for x, char in placed:
        if abs(x - pen) > 1e-6:
            parts.append(b"%g" % (-(x - pen) / size * 1000))
        parts.append(_shown(char, latin, codes))
        pen = x + size * (LATIN_WIDTH if latin else 1.0)
    font = b"/F2" if latin else b"/F1"
    start = placed[0][0]
    return b"BT %s %g Tf 1 0 0 1 %g %g Tm [%s] TJ ET" % (font, size, start, y, b" ".join(parts))


def two_font_pdf(lines: Sequence[tuple[float, float, float, str]]) -> bytes:
    """One page of (x, baseline, size, text) lines, set the way LibreOffice sets them.

    Chinese characters are in a CID font (one em wide, ascent 880, descent −120);
    characters Windows-1252 has (curly quotes, dashes, digits, Latin letters)
    fall back to Helvetica, half an em wide, whose boxes stand at other heights.
    Each line is drawn as LibreOffice draws it: first the Latin font's
    characters, moved into their places by TJ offsets, then the Chinese text,
    leaving gaps where the Latin characters already stand. A space is a gap.
    """
    codes: dict[str, int] = {}
    ops = []
    for x, y, size, text in lines:
        latin: list[tuple[float, str]] = []
        chinese: list[tuple[float, str]] = []
        pen = x
        for char in text:
            if char == " ":
                pen += size * LATIN_WIDTH
                continue
            is_latin = _is_latin(char)
            (latin if is_latin else chinese).append((pen, char))
            pen += size * (LATIN_WIDTH if is_latin else 1.0)
        for placed, is_latin in ((latin, True), (chinese, False)):
            if placed:
                ops.append(_text_object(placed, is_latin, y, size, codes))
    cmap = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
        b"%d beginbfchar" % len(codes),
        *(
            b"<%04X> <%s>" % (code, c.encode("utf-16-be").hex().encode())
            for c, code in codes.items()
        ),
        b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
    ]
    widths = b" ".join([b"%d" % (LATIN_WIDTH * 1000)] * 224)
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R /F2 7 0 R >> >> /Contents 8 0 R >>",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
            b"/DescendantFonts [5 0 R] /ToUnicode 6 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            b"/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 "
            b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
            b"/CapHeight 700 /StemV 80 >> /DW 1000 >>",
            pdf_stream(b"\n".join(cmap)),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
            b"/FirstChar 32 /LastChar 255 /Widths [%s] >>" % widths,
            pdf_stream(b"\n".join(ops)),
        ]
    )
