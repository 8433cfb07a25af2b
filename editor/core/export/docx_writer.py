"""Typeset a bulletin as a DOCX in the office's 简报 layout, to print-grade rules.

Page, grid, fonts, 版记 and page numbers follow GB/T 9704-2012; the 报头 (red
name, 期号, issuer and date over a red rule) follows common practice; the
print-grade rules of layout.md (版记 on an even page and anchored at the type-area
bottom, nothing beside the page number, titles broken as a typesetter breaks them,
keep rules, named styles, a clean package) are kept as described below.

Where the pages break is only known to the app that prints, so the body is laid
out by an estimate (:mod:`paginate`, line breaks from :mod:`metrics`) and the 版记
is placed so that a wrong estimate cannot put it on an odd page:

* When the body is estimated to end on an even page with room for the 版记 and a
  safety margin, the 版记 is a table floated to that page's bottom margin
  (``w:tblpYSpec="bottom"``): its last rule sits on the type-area bottom whatever
  wraps, also after a clerk edits it.
* Otherwise the 版记 opens a section that starts on an even page
  (``w:type="evenPage"``): Word and LibreOffice insert the blank page when one is
  needed. The same floated table puts it at that page's bottom. When a blank page is
  expected before it, that section has no page numbers [7.5].
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from editor.core.export import ooxml, package, styles
from editor.core.export.metrics import AUTOSPACE, Measure, text_width, wrap
from editor.core.export.ooxml import (
    add_run,
    border,
    child,
    paragraph_format,
    set_style,
    style_run,
)
from editor.core.export.paginate import Block, Flow, paginate
from editor.core.export.profile import LayoutProfile
from editor.core.export.styles import (
    CHAR,
    ERHAO,
    LINE_PITCH,
    SANHAO,
    SIHAO,
    TYPE_W,
)
from editor.core.export.titles import MAX_LINES, TitleLine, Vocabulary, set_title
from editor.core.model import Article, Bulletin
from editor.core.normalise import display_width
from editor.core.resources import resource_path

PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
TYPE_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 12756 twips = 225 mm
FOOTER_DISTANCE = 1417  # 25 mm: the page number's dash 7 mm below the type area
HEADER_DISTANCE = 851
GRID = "lines"
"""The document grid: lines only. A character grid (``linesAndChars`` with any non-zero
``w:charSpace``) makes LibreOffice 7.4 ignore the −0.25 pt tracking and set 27 characters
a line (14 where paragraphs snap to it); the 28 characters come from the tracking."""

NAME_SIZES = (42.0, 36.0, 26.0)  # 初号, 小初, 一号
NAME_LINE = 1.25  # the 报头名称's exact line height, in ems
BLACK = "000000"
THICK, THIN = 8, 6  # rules of the 版记: 0.35 mm and 0.25 mm
TINY_LINE = 20  # twips: an empty paragraph that only carries a section break or an anchor

SAFETY = 2 * LINE_PITCH
"""Room the estimate must leave under the 版记 before it shares the body's last page."""
IMPRINT_SETTINGS = ((60, None), (0, None), (0, 400))
"""版记 row padding (twips above and below each row) and line pitch, loosest first:
the 版记 is tightened before it is moved to the next even page (print-grade rule 1)."""

TEMPLATE = ("layout", "template.docx")
KEPT_BY_STYLE = frozenset({styles.COLUMN, styles.TITLE, styles.BYLINE, *styles.SUBHEADINGS})
"""Styles that keep their paragraph with the next themselves (no direct keepNext needed)."""


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")


def format_date(iso: str | None) -> str | None:
    """``2021-07-16`` -> ``2021年7月16日`` (no leading zeros); anything else as it was written
    (a draft shows what the editor typed; validation stops an official copy)."""
    if not iso:
        return None
    match = _ISO_DATE.fullmatch(iso.strip())
    if match is None:
        return iso
    year, month, day = match.groups()
    return f"{int(year)}年{int(month)}月{int(day)}日"


def name_size(name: str) -> float:
    """The largest of 初号/小初/一号 at which the name fits the type-area width on one line."""
    width_pt = TYPE_W / ooxml.TWIPS_PER_PT
    chars = display_width(name) / 2
    for size in NAME_SIZES:
        if chars * size <= width_pt:
            return size
    return NAME_SIZES[-1]


TITLE_MEASURE = TYPE_W / (ERHAO * 20)  # ems of 二号 on the 156 mm line
BODY_MEASURE = Measure(
    first=(TYPE_W - 640) / (SANHAO * 20),
    rest=TYPE_W / (SANHAO * 20),
    tracking=styles.BODY_TRACKING / 20 / SANHAO,
)


@dataclass(frozen=True)
class ImprintRow:
    kind: str  # disclosure, 报, 送, 发, printed, copies
    lines: int
    rule: int | None  # w:sz of the rule under the row
    tracking: tuple[int, ...] = ()  # per line the editor gave: twips of tracking (≤ 0)


@dataclass
class ImprintPlan:
    """Where the 版记 goes and how tight it is set (see the module's docstring)."""

    placement: str  # "same_page", "even_section" or "ordinary" (taller than a page)
    padding: int
    pitch: int
    height: int
    numbered: bool
    body: Flow
    rows: list[ImprintRow] = field(default_factory=list)


@dataclass
class Typeset:
    """A typeset bulletin: the document, the fonts it names, its layout warnings, its plan."""

    document: Any
    fonts: list[str]
    warnings: list[str]
    plan: ImprintPlan | None
    titles: list[list[TitleLine]]


def _paragraph_text(item: object) -> tuple[str, int | None]:
    """A paragraph entry as (text, subheading level or None for body text).

    The schema's subheadings are objects ``{"heading": N, "text": …}`` among the
    strings; a model that carries them (as a mapping or an object) is set with the
    小标题 styles.
    """
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict):
        level, text = item.get("heading"), item.get("text")
    else:
        level, text = getattr(item, "heading", None), getattr(item, "text", None)
    if isinstance(level, int) and isinstance(text, str):
        return text, min(4, max(1, level))
    return str(item), None


def vocabulary_of(bulletin: Bulletin) -> Vocabulary:
    """The names and words a bulletin uses, for breaking its titles."""
    masthead, imprint = bulletin.masthead, bulletin.imprint
    names: list[str] = [
        masthead.name or "",
        masthead.issuer or "",
        imprint.printer or "",
    ]
    texts: list[str] = []
    for section in bulletin.sections:
        names.append(section.name or "")
        for article in section.articles:
            names.append(article.source or "")
            byline = getattr(article, "byline", None)
            if isinstance(byline, str):
                names.append(byline)
            texts.extend(_paragraph_text(p)[0] for p in article.paragraphs)
    for recipients in (imprint.report_to, imprint.copy_to, imprint.distribute_to):
        names.extend(re.split(r"[，、。；\n]", recipients or ""))
    return Vocabulary(names, "\n".join(texts))


def set_titles(bulletin: Bulletin) -> list[list[TitleLine]]:
    """Every article's title as it is set (see :mod:`titles`)."""
    vocabulary = vocabulary_of(bulletin)
    return [
        set_title(article.title_lines, TITLE_MEASURE, vocabulary)
        for section in bulletin.sections
        for article in section.articles
    ]


def title_warnings(bulletin: Bulletin) -> list[str]:
    """Titles that need more than three lines (layout.md, print-grade rule 4)."""
    return _title_warnings(set_titles(bulletin))


def _title_warnings(titles: Sequence[Sequence[TitleLine]]) -> list[str]:
    out = []
    for title in titles:
        count = sum(len(line.pieces) for line in title)
        if count > MAX_LINES:
            first = title[0].text if title else ""
            out.append(f"标题“{first}…”排成 {count} 行，超过三行，建议压缩或重新断行")
    return out


# --- the document frame -----------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def base_package(profile: LayoutProfile, draft: bool) -> bytes:
    """The package every export with this profile starts from, made once and kept.

    The template with what does not depend on the bulletin: page and grid, even and odd
    page numbers (and the draft mark), the layout's styles, and the parts python-docx
    leaves alone (font table, theme, extended properties; :mod:`package`) written for
    the profile. Each export opens its own document from these bytes, so no export
    shares a document, an element or a part with another (exports run on worker
    threads); the bytes themselves never change.
    """
    template = resource_path(*TEMPLATE)
    doc: Any = Document(str(template)) if template.is_file() else Document()
    _frame(doc, profile, draft)
    buffer = io.BytesIO()
    doc.save(buffer)
    return package.finish(buffer.getvalue(), profile, fonts_named(profile))


def _frame(doc: Any, profile: LayoutProfile, draft: bool) -> None:
    """Page, margins, grid, odd/even page numbers, the draft mark and the layout's styles."""
    body = doc.element.body
    for old in list(body):
        if old.tag != qn("w:sectPr"):
            body.remove(old)
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    sect_pr = section._sectPr
    for key in list(sect_pr.attrib):
        del sect_pr.attrib[key]  # rsids
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    child(sect_pr, "docGrid", type=GRID, linePitch=LINE_PITCH)
    doc.settings.odd_and_even_pages_header_footer = True
    styles.install(doc.styles.element, profile)
    _page_numbers(section)
    if draft:
        _draft_mark(section, profile)


def _page_numbers(section: Any) -> None:
    """``— N —`` in 四号 宋体: right on odd pages, left on even ones."""
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        set_style(paragraph, styles.PAGE_NUMBER)
        paragraph_format(
            paragraph,
            jc="right" if odd else "left",
            right=CHAR if odd else None,
            left=None if odd else CHAR,
            line_twips=None,
        )
        paragraph.add_run("— ")
        ooxml.page_field_runs(paragraph)
        paragraph.add_run(" —")


def _draft_mark(section: Any, profile: LayoutProfile) -> None:
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph_format(paragraph, jc="right", snap_to_grid=False)
        style_run(
            paragraph.add_run("「草稿」未经审定，不得印发"),
            profile.fonts.section,
            SANHAO,
            colour=profile.colour,
            bold=True,
        )


class _Writer:
    def __init__(self, bulletin: Bulletin, profile: LayoutProfile, draft: bool) -> None:
        self.bulletin = bulletin
        self.profile = profile
        self.fonts = profile.fonts
        self.draft = draft
        self.doc: Any = Document(io.BytesIO(base_package(profile, draft)))
        self.end = self.doc.element.body.find(qn("w:sectPr"))  # the body goes before it
        self.blocks: list[Block] = []
        self.paragraphs: list[Any] = []  # the body's paragraphs, in step with self.blocks
        self.titles = set_titles(bulletin)
        self.title_pitch = round(profile.title_line_pitch_pt * 20)
        self.plan: ImprintPlan | None = None
        self.attributions: list[tuple[int, list[int]]] = []  # block, its article's body blocks

    # --- paragraphs ------------------------------------------------------------------------

    def new_paragraph(self, style: str | None = None) -> Any:
        """``doc.add_paragraph()`` with a style, made directly (see :func:`ooxml.add_paragraph`)."""
        return Paragraph(ooxml.add_paragraph(self.end, style), self.doc)

    def para(
        self,
        text: str,
        style: str | None,
        heights: Sequence[int],
        kind: str,
        *,
        keep_next: bool = False,
        keep_lines: bool = False,
        widows: bool = False,
        **fmt: Any,
    ) -> Any:
        paragraph = self.new_paragraph(style)
        if keep_next and style not in KEPT_BY_STYLE:
            fmt["keep_next"] = True
        if fmt:
            paragraph_format(paragraph, **fmt)
        if text:
            add_run(paragraph, text)
        self.blocks.append(Block(list(heights), keep_next, keep_lines, widows, kind))
        self.paragraphs.append(paragraph)
        return paragraph

    def blank(self, *, keep_next: bool = False) -> None:
        self.para("", None, [LINE_PITCH], "blank", keep_next=keep_next)

    def issue_text(self) -> str | None:
        masthead = self.bulletin.masthead
        found = _YEAR.match(masthead.date) if masthead.date else None
        year = int(found.group()) if found else None
        return self.profile.issue_text(masthead.issue, masthead.total_issue, year)

    def masthead(self) -> None:
        masthead = self.bulletin.masthead
        issue = self.issue_text()
        date = format_date(masthead.date)
        if not any((masthead.name, issue, masthead.issuer, date)):
            return
        above = round(self.profile.space_above_mm * ooxml.TWIPS_PER_MM)
        if masthead.name:
            size = name_size(masthead.name)
            line = round(size * NAME_LINE * 20)
            paragraph = self.para(
                "", styles.NAME, [above + line], "masthead", before=above, line_twips=line
            )
            run = add_run(paragraph, masthead.name)
            if size != NAME_SIZES[0]:
                style_run(run, None, size)
        if issue:
            self.para(issue, styles.ISSUE, [LINE_PITCH], "masthead")
        rule_twips = round(self.profile.rule_size * 20 / 8) + 20
        line = self.para("", styles.MASTHEAD_LINE, [LINE_PITCH + rule_twips], "masthead")
        ooxml.tab_stop(ooxml.ppr(line), TYPE_W)
        border(ooxml.ppr(line), "pBdr", "bottom", self.profile.rule_size, self.profile.colour)
        add_run(line, masthead.issuer or "")
        if date:
            add_run(line, "\t" + date)
        self.blank()

    def title(self, title: Sequence[TitleLine]) -> None:
        for line in title:
            paragraph = self.para(
                "",
                styles.TITLE,
                [self.title_pitch] * len(line.pieces),
                "title",
                keep_next=True,
                keep_lines=True,
            )
            for index, piece in enumerate(line.pieces):
                run = add_run(paragraph, piece)
                if index:
                    run._r.addprevious(_break_run())
                if line.tracking_pt:
                    style_run(run, None, None, spacing=round(line.tracking_pt * 20))

    def article(self, article: Article, title: Sequence[TitleLine], *, blank_before: bool) -> None:
        if blank_before:
            self.blank()
        if title:
            self.title(title)
        byline = getattr(article, "byline", None)
        if isinstance(byline, str) and byline.strip():
            self.para(byline, styles.BYLINE, [LINE_PITCH], "byline", keep_next=True)
        if title or (isinstance(byline, str) and byline.strip()):
            self.blank(keep_next=True)
        body_blocks: list[int] = []
        for item in article.paragraphs:
            text, level = _paragraph_text(item)
            lines = len(wrap(text, BODY_MEASURE))
            if level is None:
                self.para(text, styles.BODY, [LINE_PITCH] * lines, "body", widows=True)
            else:
                self.para(
                    text,
                    styles.SUBHEADINGS[level - 1],
                    [LINE_PITCH] * lines,
                    "subheading",
                    keep_next=True,
                    widows=True,
                )
            body_blocks.append(len(self.blocks) - 1)
        if article.source:
            self.para(f"（{article.source}）", styles.ATTRIBUTION, [LINE_PITCH], "attribution")
            self.attributions.append((len(self.blocks) - 1, body_blocks))

    def keep_attributions(self) -> None:
        """Keep an attribution with its article's last two lines where it would lose them.

        Only there: LibreOffice moves a whole paragraph kept with the next, so a keep on
        every article's last paragraph would leave gaps at the foot of pages.
        """
        for _ in range(4):
            flow = paginate(self.blocks, TYPE_H)
            changed = False
            for index, body_blocks in self.attributions:
                if not body_blocks or _lines_before(flow, index) >= 2:
                    continue
                held = 0
                for block in reversed(body_blocks):
                    if held >= 2:
                        break
                    if not self.blocks[block].keep_next:
                        self._keep_with_next(block)
                        changed = True
                    held += len(self.blocks[block].heights)
            if not changed:
                return

    def _keep_with_next(self, index: int) -> None:
        self.blocks[index].keep_next = True
        paragraph_format(self.paragraphs[index], keep_next=True)

    def body(self) -> None:
        first = True
        titles = iter(self.titles)
        for section in self.bulletin.sections:
            if section.name:
                if not first:
                    self.blank()
                self.para(
                    f"【{section.name}】", styles.COLUMN, [LINE_PITCH], "column", keep_next=True
                )
            for index, article in enumerate(section.articles):
                blank = index > 0 or (not first and not section.name)
                self.article(article, next(titles), blank_before=blank)
                first = False
            first = False

    # --- 版记 ------------------------------------------------------------------------------

    def imprint_rows(self) -> list[ImprintRow]:
        imprint = self.bulletin.imprint
        rows: list[ImprintRow] = []
        if imprint.disclosure:
            rows.append(ImprintRow("disclosure", 1, THICK))
        block_measure = Measure(
            first=(TYPE_W - 2 * CHAR) / (SIHAO * 20), rest=(TYPE_W - 4 * CHAR) / (SIHAO * 20)
        )
        for label, value in self._blocks():
            lines = 0
            tracking = []
            for index, segment in enumerate(value.split("\n")):
                text = f"{label}：{segment}" if index == 0 else segment
                first = block_measure.first if index == 0 else block_measure.rest
                count, condensed = _tightened(text, first, block_measure.rest)
                lines += count
                tracking.append(condensed)
            rows.append(ImprintRow(label, lines, THIN, tuple(tracking)))
        if imprint.printer or imprint.print_date:
            if rows:
                rows[-1] = ImprintRow(rows[-1].kind, rows[-1].lines, THIN, rows[-1].tracking)
            printed = f"{imprint.printer or ''}　{format_date(imprint.print_date) or ''}印发"
            wide = text_width(printed) > (TYPE_W - 2 * CHAR) / (SIHAO * 20)
            rows.append(ImprintRow("printed", 2 if wide else 1, THICK))
        if imprint.copies is not None:
            if rows and rows[-1].kind == "printed":
                rows[-1] = ImprintRow("printed", rows[-1].lines, None)
            rows.append(ImprintRow("copies", 1, THICK))
        return rows

    def _blocks(self) -> list[tuple[str, str]]:
        imprint = self.bulletin.imprint
        return [
            (label, value)
            for label, value in (
                ("报", imprint.report_to),
                ("送", imprint.copy_to),
                ("发", imprint.distribute_to),
            )
            if value
        ]

    def plan_imprint(self) -> ImprintPlan | None:
        flow = paginate(self.blocks, TYPE_H)
        rows = self.imprint_rows()  # the lines do not depend on the pitch
        options = []
        for padding, pitch in IMPRINT_SETTINGS:
            pitch = pitch or round(self.profile.imprint_line_pitch_pt * 20)
            height = sum(r.lines * pitch + 2 * padding + 20 for r in rows)
            options.append((padding, pitch, height, rows))
        if not options[0][3]:
            return None
        room = TYPE_H - flow.used
        if flow.page % 2 == 0:
            for padding, pitch, height, rows in options:
                if height + SAFETY <= room:
                    return ImprintPlan("same_page", padding, pitch, height, True, flow, rows)
        padding, pitch, height, rows = options[0]
        placement = "even_section" if height <= TYPE_H - LINE_PITCH else "ordinary"
        numbered = flow.page % 2 == 1  # no blank page before it: it keeps its number
        return ImprintPlan(placement, padding, pitch, height, numbered, flow, rows)

    def imprint(self) -> None:
        plan = self.plan = self.plan_imprint()
        if plan is None:
            return
        if plan.placement != "same_page":
            self.even_page_section(plan)
        table = self.doc.add_table(rows=0, cols=1)
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        for old in tbl_pr.findall(qn("w:tblStyle")):
            tbl_pr.remove(old)
        if plan.placement != "ordinary":
            child(
                tbl_pr,
                "tblpPr",
                leftFromText=0,
                rightFromText=0,
                topFromText=0,
                bottomFromText=0,
                vertAnchor="margin",
                horzAnchor="page",  # LibreOffice inlines a full-width table at the margin
                tblpX=MARGIN_LEFT,
                tblpYSpec="bottom",
            )
            child(tbl_pr, "tblOverlap", val="never")
        child(tbl_pr, "tblW", w=TYPE_W, type="dxa")
        child(tbl_pr, "tblLayout", type="fixed")
        margins = child(tbl_pr, "tblCellMar")
        for side, width in (
            ("top", plan.padding),
            ("left", 0),
            ("bottom", plan.padding),
            ("right", 0),
        ):
            margins.append(ooxml.element(side, w=width, type="dxa"))
        for look in tbl_pr.findall(qn("w:tblLook")):
            tbl_pr.remove(look)
        grid = table._tbl.tblGrid
        for col in grid.findall(qn("w:gridCol")):
            col.set(qn("w:w"), str(TYPE_W))
        for row_plan in plan.rows:
            # One row, one cell: as table.add_row(), cell.width and cell.vertical_alignment
            # write it, without python-docx's grid bookkeeping.
            tr = SubElement(table._tbl, qn("w:tr"))
            tr_pr = SubElement(tr, qn("w:trPr"))
            tr_pr.append(ooxml.element("cantSplit"))
            # LibreOffice places a floated table by the rows' stated heights.
            tr_pr.append(
                ooxml.element(
                    "trHeight", val=row_plan.lines * plan.pitch + 2 * plan.padding, hRule="atLeast"
                )
            )
            tc = SubElement(tr, qn("w:tc"))
            tc_pr = SubElement(tc, qn("w:tcPr"))
            tc_pr.append(ooxml.element("tcW", type="dxa", w=TYPE_W))
            tc_pr.append(ooxml.element("vAlign", val="center"))
            if row_plan.rule is not None:
                border(tc_pr, "tcBorders", "bottom", row_plan.rule, BLACK)
            cell_paragraph = Paragraph(SubElement(tc, qn("w:p")), self.doc)
            self.imprint_row(cell_paragraph, row_plan, plan.pitch)
        closing = self.new_paragraph()
        paragraph_format(closing, line_twips=TINY_LINE, snap_to_grid=False)

    def even_page_section(self, plan: ImprintPlan) -> None:
        """End the body's section on its last paragraph; the 版记's starts on an even page."""
        body = self.doc.element.body
        final = body.find(qn("w:sectPr"))
        body_section = copy.deepcopy(final)
        last = self.paragraphs[-1] if self.paragraphs else self.new_paragraph()
        ooxml.ppr(last).append(body_section)
        for reference in final.findall(qn("w:headerReference")) + final.findall(
            qn("w:footerReference")
        ):
            final.remove(reference)
        child(final, "type", val="evenPage")
        # LibreOffice starts the new page at the section's first paragraph: a floated
        # table cannot be first.
        lead = self.new_paragraph()
        paragraph_format(lead, line_twips=TINY_LINE, snap_to_grid=False)
        if not plan.numbered:
            section = self.doc.sections[-1]
            for footer in (section.footer, section.even_page_footer):
                footer.is_linked_to_previous = False
                set_style(footer.paragraphs[0], styles.PAGE_NUMBER)

    def imprint_row(self, paragraph: Any, row: ImprintRow, pitch: int) -> None:
        kind = row.kind
        imprint = self.bulletin.imprint
        set_style(paragraph, styles.IMPRINT)
        if pitch != round(self.profile.imprint_line_pitch_pt * 20):
            paragraph_format(paragraph, line_twips=pitch)
        if kind == "disclosure":
            add_run(paragraph, f"信息公开选项：{imprint.disclosure}")
        elif kind == "printed":
            ooxml.tab_stop(ooxml.ppr(paragraph), TYPE_W - CHAR)
            add_run(paragraph, imprint.printer or "")
            date = format_date(imprint.print_date)
            if date:
                add_run(paragraph, f"\t{date}印发")
        elif kind == "copies":
            paragraph_format(paragraph, jc="right")
            add_run(paragraph, f"（共印{imprint.copies}份）")
        else:
            value = {"报": imprint.report_to, "送": imprint.copy_to, "发": imprint.distribute_to}[
                kind
            ]
            paragraph_format(paragraph, left=3 * CHAR, hanging=2 * CHAR)
            for index, segment in enumerate((value or "").split("\n")):
                # One run a line the editor gave, so tracking reaches every gap in it.
                run = add_run(paragraph, f"{kind}：{segment}" if index == 0 else segment)
                if index:
                    run._r.addprevious(_break_run())
                if index < len(row.tracking) and row.tracking[index]:
                    style_run(run, None, None, spacing=row.tracking[index])

    # --- the package -----------------------------------------------------------------------

    def properties(self) -> None:
        props = self.doc.core_properties
        masthead = self.bulletin.masthead
        issue = self.issue_text()
        # Core properties hold at most 255 characters each.
        props.title = (" ".join(p for p in (masthead.name, issue) if p) or "简报")[:255]
        props.author = (masthead.issuer or "")[:255]
        props.last_modified_by = (masthead.issuer or "")[:255]
        props.comments = "简讯编审台导出" + ("（草稿）" if self.draft else "")
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        props.created = now
        props.modified = now
        props.revision = 1
        settings = self.doc.settings.element
        for old in settings.findall(qn("w:rsids")):
            settings.remove(old)
        _doc_ids(settings)


def _lines_before(flow: Flow, index: int) -> int:
    """Lines of text above ``blocks[index]`` on its page, counting back at most two blocks."""
    page = flow.placed[index].first_page
    count = 0
    for before in reversed(flow.placed[max(0, index - 2) : index]):
        if before.last_page != page:
            break
        count += before.lines_on_last_page
        if before.first_page != page:
            break
    return count


SHORT_LAST_LINE = 4
"""A 版记 line the editor gave that would end in this many characters or fewer ("编纂中 / 心）。")
is tightened by tracking, up to :data:`MAX_IMPRINT_TRACKING`, to close it up."""
MAX_IMPRINT_TRACKING = 20  # twips: 1 pt of a 14 pt character (7 %)
TIGHT_SLACK = 0.5  # ems the tightened line must leave free: apps differ at the very edge


def _tightened(text: str, first: float, rest: float) -> tuple[int, int]:
    """Lines a 版记 line sets in, and the tracking (twips, ≤ 0) that saves a short last line.

    Tightened only where the text then fits with :data:`TIGHT_SLACK` to spare and nothing
    hanging in the margin: at the very edge LibreOffice and Word break differently.
    """
    plain = wrap(text, Measure(first, rest))
    if len(plain) < 2 or len(plain[-1]) > SHORT_LAST_LINE:
        return len(plain), 0
    # Fewer lines hold the whole text, less at most a gap at each break: a tracking that
    # leaves it wider than that cannot save a line, and is not tried.
    room = (first - TIGHT_SLACK) + (len(plain) - 2) * (rest - TIGHT_SLACK)
    least = text_width(text, widest=True) - AUTOSPACE[1] * (len(plain) - 2)
    for twips in range(1, MAX_IMPRINT_TRACKING + 1):
        tracking = -twips / 20 / SIHAO
        if least + len(text) * tracking > room + 1e-6:
            continue
        measured = Measure(first - TIGHT_SLACK, rest - TIGHT_SLACK, tracking=tracking)
        tight = wrap(text, measured, widest=True)
        if len(tight) < len(plain) and all(
            text_width(line, widest=True, tracking=tracking)
            <= (first if index == 0 else rest) - TIGHT_SLACK
            for index, line in enumerate(tight)
        ):
            return len(tight), -twips
    return len(plain), 0


def _break_run() -> Any:
    run = ooxml.element("r")
    run.append(ooxml.element("br"))
    return run


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def _doc_ids(settings: Any) -> None:
    """A fresh ``w14:docId`` and ``w15:docId``: Word tells documents apart by them."""
    for tag in (f"{{{W14}}}docId", f"{{{W15}}}docId"):
        for old in settings.findall(tag):
            settings.remove(old)
    fresh = uuid.uuid4()
    w14 = settings.makeelement(f"{{{W14}}}docId", nsmap={"w14": W14})
    w14.set(f"{{{W14}}}val", f"{fresh.int & 0x7FFFFFFF:08X}")
    w15 = settings.makeelement(f"{{{W15}}}docId", nsmap={"w15": W15})
    w15.set(f"{{{W15}}}val", "{" + str(fresh).upper() + "}")
    settings.append(w14)
    settings.append(w15)


def fonts_named(profile: LayoutProfile) -> list[str]:
    """The fonts the document names, each once, in the profile's order."""
    seen: dict[str, None] = {}
    fonts = profile.fonts
    for name in (
        fonts.body,
        fonts.title,
        fonts.name,
        fonts.issue,
        fonts.section,
        fonts.attribution,
        fonts.imprint,
        fonts.page_number,
    ):
        seen.setdefault(name, None)
    return list(seen)


def typeset(bulletin: Bulletin, profile: LayoutProfile, *, draft: bool = False) -> Typeset:
    """The bulletin laid out: the python-docx document and what was decided on the way."""
    writer = _Writer(bulletin, profile, draft)
    writer.masthead()
    writer.body()
    writer.keep_attributions()
    writer.imprint()
    writer.properties()
    warnings = _title_warnings(writer.titles)
    return Typeset(writer.doc, fonts_named(profile), warnings, writer.plan, writer.titles)


def build_document(bulletin: Bulletin, profile: LayoutProfile, *, draft: bool = False) -> Any:
    """A python-docx Document holding the bulletin in the official layout."""
    return typeset(bulletin, profile, draft=draft).document
