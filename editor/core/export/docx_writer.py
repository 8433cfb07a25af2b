"""Typeset a bulletin as a DOCX in the office's 简报 layout.

Page, grid, fonts, 版记 and page numbers follow GB/T 9704-2012; the 报头 (red
name, 期号, issuer and date over a red rule) follows common practice. The 版记
is a table floated to the bottom of the last page's type area, so its last rule
sits on the type area's bottom edge whatever the length of the text above it.
"""

from __future__ import annotations

import math
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.shared import Twips

from editor.core.export import ooxml
from editor.core.export.ooxml import border, child, paragraph_format, style_run, tab_stop
from editor.core.export.profile import LayoutProfile
from editor.core.model import Article, Bulletin
from editor.core.normalise import display_width

PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
TYPE_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 8844 twips = 156 mm
TYPE_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 12756 twips = 225 mm
LINE_PITCH = 579  # 28.95 pt: 22 lines of 三号 in the type area
FOOTER_DISTANCE = 1417  # 25 mm: the page number's dash 7 mm below the type area
HEADER_DISTANCE = 851

SANHAO, SIHAO, ERHAO = 16.0, 14.0, 22.0
NAME_SIZES = (42.0, 36.0, 26.0)  # 初号, 小初, 一号
BODY_TRACKING = -5  # -0.25 pt: 28 characters of 三号 fit the 156 mm line
CHAR = 280  # one 四号 character, the 版记's indent unit
BLACK = "000000"
THICK, THIN = 8, 6  # rules of the 版记: 0.35 mm and 0.25 mm
COPIES_LINE = 360  # （共印N份）: one tight 四号 line under the 版记
COPIES_INDENT = 5 * CHAR


def format_date(iso: str | None) -> str | None:
    """``2021-07-16`` -> ``2021年7月16日`` (no leading zeros)."""
    if not iso:
        return None
    year, month, day = iso.split("-")
    return f"{int(year)}年{int(month)}月{int(day)}日"


def name_size(name: str) -> float:
    """The largest of 初号/小初/一号 at which the name fits the type-area width on one line."""
    width_pt = TYPE_W / ooxml.TWIPS_PER_PT
    chars = display_width(name) / 2
    for size in NAME_SIZES:
        if chars * size <= width_pt:
            return size
    return NAME_SIZES[-1]


class _Writer:
    def __init__(self, bulletin: Bulletin, profile: LayoutProfile, draft: bool) -> None:
        self.bulletin = bulletin
        self.profile = profile
        self.fonts = profile.fonts
        self.draft = draft
        self.doc: Any = Document()

    # --- document frame --------------------------------------------------------------------

    def setup(self) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
        section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
        section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
        section.header_distance = Twips(HEADER_DISTANCE)
        section.footer_distance = Twips(FOOTER_DISTANCE)
        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:docGrid")):
            sect_pr.remove(old)
        sect_pr.append(ooxml.element("docGrid", type="lines", linePitch=LINE_PITCH))
        doc.settings.odd_and_even_pages_header_footer = True

        styles = doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        ooxml.set_fonts(rpr, self.fonts.body)
        for lang in rpr.findall(qn("w:lang")):
            lang.set(qn("w:eastAsia"), "zh-CN")
        normal = doc.styles["Normal"]
        normal_rpr = normal.element.get_or_add_rPr()
        ooxml.set_fonts(normal_rpr, self.fonts.body)
        child(normal_rpr, "sz", val=int(SANHAO * 2))
        child(normal_rpr, "szCs", val=int(SANHAO * 2))

        self.page_numbers(section)
        if self.draft:
            self.draft_mark(section)
        props = doc.core_properties
        masthead = self.bulletin.masthead
        issue = self.issue_text()
        props.title = " ".join(p for p in (masthead.name, issue) if p) or "简报"
        props.author = masthead.issuer or ""
        props.comments = "简讯编审台导出" + ("（草稿）" if self.draft else "")

    def page_numbers(self, section: Any) -> None:
        """``— N —`` in 四号 宋体: right on odd pages, left on even ones."""
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph_format(
                paragraph,
                jc="right" if odd else "left",
                line_twips=None,
                right=CHAR if odd else None,
                left=None if odd else CHAR,
                snap_to_grid=False,
            )
            runs = [paragraph.add_run("— ")]
            runs += ooxml.page_field_runs(paragraph)
            runs.append(paragraph.add_run(" —"))
            for run in runs:
                style_run(run, self.fonts.page_number, SIHAO)

    def draft_mark(self, section: Any) -> None:
        for header in (section.header, section.even_page_header):
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]
            paragraph_format(paragraph, jc="right", snap_to_grid=False)
            style_run(
                paragraph.add_run("「草稿」未经审定，不得印发"),
                self.fonts.section,
                SANHAO,
                colour=self.profile.colour,
                bold=True,
            )

    # --- paragraphs ------------------------------------------------------------------------

    def para(self, text: str, font: str, size: float, **fmt: Any) -> Any:
        colour = fmt.pop("colour", None)
        tracking = fmt.pop("tracking", None)
        paragraph = self.doc.add_paragraph()
        paragraph_format(paragraph, **fmt)
        if text:
            style_run(paragraph.add_run(text), font, size, colour=colour, spacing=tracking)
        return paragraph

    def blank(self, *, keep_next: bool = False) -> None:
        self.para("", self.fonts.body, SANHAO, line_twips=LINE_PITCH, keep_next=keep_next)

    def issue_text(self) -> str | None:
        masthead = self.bulletin.masthead
        year = int(masthead.date[:4]) if masthead.date else None
        return self.profile.issue_text(masthead.issue, masthead.total_issue, year)

    def masthead(self) -> None:
        masthead = self.bulletin.masthead
        issue = self.issue_text()
        date = format_date(masthead.date)
        if not any((masthead.name, issue, masthead.issuer, date)):
            return
        above = round(self.profile.space_above_mm * ooxml.TWIPS_PER_MM)
        if masthead.name:
            self.para(
                masthead.name,
                self.fonts.name,
                name_size(masthead.name),
                colour=self.profile.colour,
                jc="center",
                before=above,
                line_twips=240,
                line_rule="auto",
            )
        if issue:
            self.para(issue, self.fonts.issue, SANHAO, jc="center", line_twips=LINE_PITCH)
        line = self.doc.add_paragraph()
        paragraph_format(line, jc="left", line_twips=LINE_PITCH)
        tab_stop(line, TYPE_W)
        border(ooxml.ppr(line), "pBdr", "bottom", self.profile.rule_size, self.profile.colour)
        style_run(line.add_run(masthead.issuer or ""), self.fonts.body, SANHAO)
        if date:
            style_run(line.add_run("\t" + date), self.fonts.body, SANHAO)
        self.blank()

    def article(self, article: Article, *, blank_before: bool) -> None:
        if blank_before:
            self.blank()
        pitch = round(self.profile.title_line_pitch_pt * ooxml.TWIPS_PER_PT)
        for line in article.title_lines:
            self.para(line, self.fonts.title, ERHAO, jc="center", line_twips=pitch, keep_next=True)
        if article.title_lines:
            self.blank(keep_next=True)
        for text in article.paragraphs:
            self.para(
                text,
                self.fonts.body,
                SANHAO,
                tracking=BODY_TRACKING,
                jc="both",
                line_twips=LINE_PITCH,
                first_line_chars=200,
                first_line_twips=640,
            )
        if article.source:
            self.para(
                f"（{article.source}）",
                self.fonts.attribution,
                SANHAO,
                jc="right",
                line_twips=LINE_PITCH,
            )

    def body(self) -> None:
        first = True
        for section in self.bulletin.sections:
            if section.name:
                if not first:
                    self.blank()
                self.para(
                    f"【{section.name}】",
                    self.fonts.section,
                    SANHAO,
                    jc="left",
                    line_twips=LINE_PITCH,
                    keep_next=True,
                )
            for index, article in enumerate(section.articles):
                self.article(article, blank_before=index > 0 or (not first and not section.name))
                first = False
            first = False

    # --- 版记 ------------------------------------------------------------------------------

    def imprint(self) -> None:
        imprint = self.bulletin.imprint
        pitch = round(self.profile.imprint_line_pitch_pt * ooxml.TWIPS_PER_PT)
        rows: list[tuple[str, int, int | None]] = []  # (kind, lines, bottom rule)
        if imprint.disclosure:
            rows.append(("disclosure", 1, THICK))
        blocks = [
            (label, value)
            for label, value in (
                ("报", imprint.report_to),
                ("送", imprint.copy_to),
                ("发", imprint.distribute_to),
            )
            if value
        ]
        capacity = (TYPE_W - 4 * CHAR) // CHAR  # characters a block line holds
        for label, value in blocks:
            lines = sum(
                max(1, math.ceil(display_width(segment) / 2 / capacity))
                for segment in value.split("\n")
            )
            rows.append((label, lines, THIN))
        if imprint.printer or imprint.print_date:
            rows.append(("printed", 1, THICK))
        if not rows and imprint.copies is None:
            return
        heights = [lines * pitch + 160 for _, lines, _ in rows]
        if imprint.copies is not None:
            # Right under the last rule, clear of the page number 7 mm below the type area.
            rows.append(("copies", 1, None))
            heights.append(COPIES_LINE)

        table = self.doc.add_table(rows=0, cols=1)
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        for old in tbl_pr.findall(qn("w:tblStyle")):
            tbl_pr.remove(old)
        above_last_rule = sum(heights[: len(heights) - (imprint.copies is not None)])
        child(
            tbl_pr,
            "tblpPr",
            leftFromText=0,
            rightFromText=0,
            vertAnchor="margin",
            horzAnchor="page",
            tblpX=MARGIN_LEFT,
            tblpY=max(0, TYPE_H - above_last_rule),
        )
        child(tbl_pr, "tblOverlap", val="never")
        child(tbl_pr, "tblW", w=TYPE_W, type="dxa")
        child(tbl_pr, "tblLayout", type="fixed")
        margins = child(tbl_pr, "tblCellMar")
        for side in ("left", "right"):
            margins.append(ooxml.element(side, w=0, type="dxa"))
        grid = table._tbl.tblGrid
        for col in grid.findall(qn("w:gridCol")):
            col.set(qn("w:w"), str(TYPE_W))

        for (kind, _lines, rule), height in zip(rows, heights, strict=True):
            row = table.add_row()
            row.height = Twips(height)
            copies = kind == "copies"
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if copies else WD_ROW_HEIGHT_RULE.AT_LEAST
            cell = row.cells[0]
            cell.width = Twips(TYPE_W)
            cell.vertical_alignment = (
                WD_CELL_VERTICAL_ALIGNMENT.TOP if copies else WD_CELL_VERTICAL_ALIGNMENT.CENTER
            )
            if rule is not None:
                border(cell._tc.get_or_add_tcPr(), "tcBorders", "bottom", rule, BLACK)
            self.imprint_row(cell.paragraphs[0], kind, pitch)
        closing = self.doc.add_paragraph()
        paragraph_format(closing, line_twips=20, snap_to_grid=False)

    def imprint_row(self, paragraph: Any, kind: str, pitch: int) -> None:
        imprint = self.bulletin.imprint
        font = self.fonts.imprint

        def run(text: str) -> None:
            style_run(paragraph.add_run(text), font, SIHAO)

        if kind == "disclosure":
            paragraph_format(paragraph, jc="left", line_twips=pitch, left=CHAR)
            run(f"信息公开选项：{imprint.disclosure}")
        elif kind == "printed":
            paragraph_format(paragraph, jc="left", line_twips=pitch, left=CHAR, right=CHAR)
            tab_stop(paragraph, TYPE_W - CHAR)
            run(imprint.printer or "")
            date = format_date(imprint.print_date)
            if date:
                run(f"\t{date}印发")
        elif kind == "copies":
            # Right-aligned, but clear of an odd page's number 7 mm below, at the same edge.
            paragraph_format(paragraph, jc="right", line_twips=COPIES_LINE, right=COPIES_INDENT)
            run(f"（共印{imprint.copies}份）")
        else:
            value = {"报": imprint.report_to, "送": imprint.copy_to, "发": imprint.distribute_to}[
                kind
            ]
            paragraph_format(
                paragraph,
                jc="left",
                line_twips=pitch,
                left=3 * CHAR,
                hanging=2 * CHAR,
                right=CHAR,
            )
            run(f"{kind}：")
            for index, segment in enumerate((value or "").split("\n")):
                if index:
                    paragraph.add_run().add_break()
                run(segment)


def build_document(bulletin: Bulletin, profile: LayoutProfile, *, draft: bool = False) -> Any:
    """A python-docx Document holding the bulletin in the official layout."""
    writer = _Writer(bulletin, profile, draft)
    writer.setup()
    writer.masthead()
    writer.body()
    writer.imprint()
    return writer.doc
