"""What the text says about the page it came from, and where paragraphs break.

Extracted PDF text has one visual line per line. Lines that run on to the next
without ending a sentence were filled to the full line width, so the most
common width among them is the page's line length. Against it, a line that
ends a sentence and stops clearly short ends its paragraph, and a line about
two characters short (the lost first-line indent) begins one. Text typed or
copied from Word has one paragraph per line instead; then a sentence end at the
end of a line is a paragraph end. Explicit indentation and blank lines, where
a document uses them selectively, are read as paragraph marks too; in a copy of
a web page (half-width ``,;:`` in Chinese text) a blank line is one even where
the full stop was lost. A line wider than the measure is no paragraph's line: a
title set on one line. A subheading ends its paragraph without a sentence end:
in wrapped text it stops shorter than any paragraph's first line.
"""

from __future__ import annotations

import bisect
import itertools
import re

from editor.core.normalise import is_wide
from editor.core.parsing.lines import Line
from editor.core.parsing.patterns import ENUMERATOR_RE, INNER_STOP_RE, heading_number_level, lazy

_MIN_CANDIDATE_WIDTH = 12
_MAX_WRAP_WIDTH = 240
_SHORT_BY = 3  # columns short of the full width that make a line "clearly short"
_INDENT_MIN, _INDENT_MAX = 2, 10
_TYPED_TITLE_MAX = 100
_FIRST_LINE_SHORT = 6  # a paragraph's first line is short by its lost indent, never by this much
HEADING_LINES = 3  # a subheading is never longer
_RUNS_ON = ("，", "、", ",", "——", "（", "(", "《", "“")
_CLAUSE_MARK = re.compile(r"[，、；：,;:]")
_sentence_comma = lazy(r"[，；：,;:]")
_HANGING = "，。、；：！？）》”’」』,.;:!?)"


class Layout:
    """How the body text is laid out.

    ``full_width`` is the estimated line length in columns when the text is
    ``wrapped`` (one visual line per line); ``base_lead`` the usual left margin;
    ``indents`` whether paragraph starts carry explicit indentation, and
    ``indent`` how much (relative to the margin);
    ``blank_breaks`` whether blank lines stand only between paragraphs;
    ``web`` whether the text is a copy of a web page: typed, one paragraph a
    line, its Chinese punctuated with half-width ``,;:`` as no typeset page is.

    Made once per bulletin and only read after (a plain class: see :mod:`editor.core.model`
    for what a dataclass would cost ``jianxun parse``).
    """

    __slots__ = ("base_lead", "blank_breaks", "full_width", "indent", "indents", "web", "wrapped")

    def __init__(
        self,
        wrapped: bool,
        full_width: float,
        base_lead: int,
        indents: bool,
        blank_breaks: bool,
        indent: int = 0,
        web: bool = False,
    ) -> None:
        self.wrapped = wrapped
        self.full_width = full_width
        self.base_lead = base_lead
        self.indents = indents
        self.blank_breaks = blank_breaks
        self.indent = indent
        self.web = web

    def __repr__(self) -> str:
        return (
            f"Layout(wrapped={self.wrapped!r}, full_width={self.full_width!r}, "
            f"base_lead={self.base_lead!r}, indents={self.indents!r}, "
            f"blank_breaks={self.blank_breaks!r}, indent={self.indent!r}, web={self.web!r})"
        )

    def relative_lead(self, line: Line) -> int:
        return max(0, line.lead - self.base_lead)

    def is_centred(self, line: Line) -> bool:
        """Set in the middle of the line, as titles are (seen in ``-layout`` text)."""
        if line.hint.align is not None:
            return line.hint.align == "center" and not line.ends
        lead = line.lead - self.base_lead  # (relative_lead, but for the two or more it needs)
        if not self.wrapped or lead < 2 or line.ends:
            return False
        if self.indents and lead <= self.indent + 1:
            return False  # in no further than a paragraph (give or take a column): a first line
        if lead == self.indent and _CLAUSE_MARK.search(line.text):
            return False  # an indented first line, short because of what it carried over
        right = self.full_width - line.width - lead
        return right >= 2 and abs(lead - right) <= max(2.0, 0.25 * lead)

    def is_indented(self, line: Line) -> bool:
        return (
            self.indents
            and _INDENT_MIN <= line.lead - self.base_lead <= _INDENT_MAX  # (relative_lead)
            and not self.is_centred(line)
        )

    def is_overfull(self, line: Line) -> bool:
        """Wider than any line of a wrapped paragraph: a title set on one long line."""
        return self.wrapped and _body_width(line) > self.full_width + 1

    def is_short(self, line: Line) -> bool:
        return self.wrapped and line.reach <= self.full_width - _SHORT_BY

    def is_full(self, line: Line) -> bool:
        """Too wide for a paragraph's indented first line: a continuation."""
        return self.wrapped and line.reach >= self.full_width - 1

    def starts_paragraph(self, line: Line) -> bool:
        """A line that can only be the start of a paragraph (not a title line)."""
        if line.ends or self.is_indented(line):
            return True
        # (is_centred says no without an alignment from the source or a lead of two columns)
        if (line.hint.align is not None or line.lead - self.base_lead >= 2) and self.is_centred(
            line
        ):
            return False
        if self.is_overfull(line):
            return False
        if self.wrapped:
            if line.width < self.full_width - 5 and not _CLAUSE_MARK.search(line.text):
                # No comma anywhere and visibly short: a title line, even when
                # a Latin word on the next line could not have fitted.
                return False
            return line.reach >= self.full_width - 6
        return line.width > _TYPED_TITLE_MAX

    def is_title_like(self, line: Line, *, strict: bool = False) -> bool:
        """A line that can be part of an article title."""
        text = line.text
        if line.ends or self.starts_paragraph(line) or ENUMERATOR_RE.match(text):
            return False
        if INNER_STOP_RE.search(text[:-1]):
            return False
        if strict:
            limit = 0.8 * self.full_width if self.wrapped else 60
            return line.width <= limit or self.is_overfull(line)
        return True

    def is_set_off(self, line: Line) -> bool:
        """Further in than a paragraph's first line and shorter, in text that shows leads by spaces.

        ``pdftotext -layout`` sets a large title's lines and the byline under it by
        spaces that do not measure as centred; they are still no paragraph's start.
        """
        if line.hint.indent is not None or line.hint.align is not None or line.ends:
            return False
        short = not self.wrapped or line.reach <= self.full_width - _FIRST_LINE_SHORT
        return short and self.relative_lead(line) > max(self.indent, _INDENT_MIN)

    def opens_title(self, line: Line) -> bool:
        """A first line of an article that is a title although indented as a paragraph.

        ``pdftotext -layout`` squeezes a large title to the paragraphs' indent; where
        an article must begin, a short line with no sentence in it is still its title.
        """
        return (
            self.is_indented(line)
            and not line.ends
            and not INNER_STOP_RE.search(line.text)
            and heading_number_level(line.text) is None
            and (not self.wrapped or line.reach <= self.full_width - _FIRST_LINE_SHORT)
            and line.width <= (self.full_width if self.wrapped else 60)
        )

    def heading_shape(self, group: list[Line]) -> int | None:
        """The level lines would have as a subheading, or None when they cannot be one.

        A subheading is set on its own, without a sentence end or a sentence inside:
        numbered (一、 （一） 1. （1）), as long as two lines; unnumbered (level 1),
        one line clearly shorter than a paragraph's first and without a comma (a
        first line cut off by the margin has one). A clause that runs on into its
        paragraph (``一、加强……。此外……``) ends a sentence, so it is body text.
        """
        if not group or len(group) > HEADING_LINES:
            return None
        last = group[-1]
        width = sum(line.width for line in group)
        if last.ends or last.text.endswith(_RUNS_ON):
            return None
        level = heading_number_level(group[0].text)
        if level is None:
            # Unnumbered: a phrase, not the start of a sentence cut short by the line's end.
            limit = self.full_width - _FIRST_LINE_SHORT if self.wrapped else 60
            text = group[0].text
            if len(group) > 1 or width > limit or ENUMERATOR_RE.match(text):
                return None
            if _sentence_comma().search(text):
                return None
        elif width > (2 * self.full_width if self.wrapped else _TYPED_TITLE_MAX):
            return None
        if any(INNER_STOP_RE.search(line.text) for line in group):
            return None
        return level or 1

    def heading_ends(self, group: list[Line], after: Line) -> bool:
        """Whether a paragraph that could be a subheading has ended before ``after``.

        Only a line that stopped short can end a paragraph without a sentence end:
        in wrapped text shorter than any paragraph's first line (or the short last
        line of a two-line numbered heading); in typed text a line of its own. Where
        indentation marks paragraphs, the next line must show it (or be numbered
        itself): a Word paragraph split in mid-sentence continues unindented.
        """
        if after.hint.soft or len(group) > HEADING_LINES:
            return False  # (no heading_shape for so many lines)
        last = group[-1]
        if self.indents and not self.is_indented(after):
            ends = heading_number_level(after.text) is not None and not after.ends
        elif self.wrapped:
            if len(group) == 1:
                ends = last.reach <= self.full_width - _FIRST_LINE_SHORT
            else:
                ends = (
                    last.reach <= self.full_width - _SHORT_BY  # (is_short, in wrapped text)
                    and heading_number_level(group[0].text) is not None
                )
        else:
            ends = len(group) == 1
        return ends and self.heading_shape(group) is not None  # (the dearer question last)

    def breaks_between(self, before: Line, after: Line) -> tuple[bool, bool]:
        """Whether a paragraph ends between two lines, and whether that is doubtful."""
        if after.hint.soft:
            return False, False
        lead = after.lead - self.base_lead
        # Centred or indented (is_indented, without asking is_centred again); neither
        # without an alignment from the source or a lead of two columns or more.
        if (after.hint.align is not None or lead >= _INDENT_MIN) and (
            self.is_centred(after) or (self.indents and _INDENT_MIN <= lead <= _INDENT_MAX)
        ):
            return True, False
        if not before.ends:
            # A web page's copy keeps one paragraph a line; a blank line there ends a
            # paragraph even where the full stop was lost. (A typeset page's copy may
            # have blank lines inside a paragraph, where its pages broke.)
            return self.web and after.blank_before, False
        if self.indents and after.hint.indent is not None:
            # The source (DOCX, PDF) shows every first-line indent: an unindented line
            # starts a paragraph only after one that stopped clearly short.
            return self.wrapped and self.full_width - before.reach >= _SHORT_BY, False
        if not self.wrapped:
            return True, False
        if self.blank_breaks and after.blank_before:
            return True, False
        shortfall = self.full_width - before.reach
        if shortfall >= _SHORT_BY:
            # Short, unless it is a first line (short by the indent) that the
            # next, full-width line continues.
            if shortfall <= 6 and self.is_full(after):
                return False, True
            return True, shortfall < _SHORT_BY + 2
        # A full line that ends a sentence: the paragraph ends only if the next
        # line is short by about the lost indent and runs on.
        if not after.ends and after.reach <= self.full_width - 2:
            return True, True
        return False, False


def _body_width(line: Line) -> float:
    """Width without a closing mark at the end, which may hang in the margin."""
    last = line.last
    if last and last in _HANGING:
        return line.width - (2 if is_wide(last) else 1)
    return line.width


def estimate_layout(lines: list[Line]) -> Layout:
    """Estimate the layout of body lines (masthead and imprint left out)."""
    leads = [line.lead for line in lines]
    base_lead = min(leads, default=0)
    indented = (
        [lead - base_lead for lead in leads if _INDENT_MIN <= lead - base_lead <= _INDENT_MAX]
        if max(leads, default=0) - base_lead >= _INDENT_MIN
        else []  # (nothing set in: the usual extracted text)
    )
    indents = len(indented) >= 2 and len(indented) >= 0.05 * len(lines)
    usual_indent = max(set(indented), key=indented.count) if indented else 0

    gaps = [ln.blank_before for ln in lines[1:]]
    blank_share = sum(gaps) / len(gaps) if gaps else 0.0
    blank_breaks = 0 < blank_share < 0.5

    # Lines that neither follow nor make a sentence end are the middle lines
    # of paragraphs: full width for sure. Paragraphs' first lines (short by
    # the indent) would pull the estimate down where paragraphs are short.
    all_widths = [line.width for line in lines]
    all_widths.sort()
    widest = all_widths[-1] if all_widths else 0.0
    least = max(_MIN_CANDIDATE_WIDTH, widest / 2)
    middles = [
        _body_width(line)
        for before, line in itertools.pairwise(lines[:-1])  # (each with a line after it)
        if not line.ends
        and not before.ends
        and line.width >= least
        and abs(before.width - line.width) <= 0.15 * line.width
    ]
    middles.sort()
    full_width, wrapped = 0.0, False
    web: bool | None = None  # (asked only where the answer matters)
    if len(middles) >= 3:
        full_width = middles[len(middles) // 2]
        within = 0.15 * full_width
        near = len([w for w in middles if abs(w - full_width) <= within])
        wrapped = near >= 0.6 * len(middles)
    elif widest_run_on := _widest_run_on(lines):
        # Short paragraphs: the widest run-on lines are mostly first lines,
        # short of the full width by the lost indent.
        top = [
            (before, line)
            for before, line in zip([None, *lines], lines, strict=False)
            if line.width >= widest_run_on - 6 and not line.ends
        ]
        firsts = sum(
            1
            for before, line in top
            if before is None or before.ends or before.width < line.width - 6
        )
        widths = sorted(line.width for _, line in top)
        full_width = widths[len(widths) // 2] + (4 if firsts > len(top) / 2 else 0)
        # Weak evidence: a web page's paragraphs that lost their full stop look alike.
        web = _half_width_punctuation(lines)
        wrapped = len(top) >= 2 and not web
    too_wide = len(all_widths) - bisect.bisect_right(all_widths, full_width * 1.3 + 4)
    wrapped = wrapped and full_width <= _MAX_WRAP_WIDTH and too_wide <= 0.1 * len(lines)
    if not wrapped and web is None:
        web = _half_width_punctuation(lines)
    return Layout(
        wrapped,
        full_width if wrapped else 0.0,
        base_lead,
        indents,
        blank_breaks,
        usual_indent,
        web=bool(web) and not wrapped,
    )


def _widest_run_on(lines: list[Line]) -> float:
    """The widest line, of some width, that runs on into the next one (0 if none)."""
    return max(
        (
            before.width
            for before, after in itertools.pairwise(lines)
            if before.width >= _MIN_CANDIDATE_WIDTH
            and not before.ends
            and not before.text.endswith(("）", ")"))  # attributions
        ),
        default=0.0,
    )


# A half-width mark (not before a digit); it counts after a Chinese character. (The
# character before is compared, not matched by [\u4e00-\u9fff] in a lookbehind: that
# class takes the regex compiler milliseconds.)
_half_mark = lazy(r"[,;:](?!\d)")


def _half_width_punctuation(lines: list[Line]) -> bool:
    """Chinese punctuated mostly with half-width commas, as web pages are (a sample)."""
    # One search over the sample, its lines apart (no mark pairs with another line's text).
    sample = "\n".join(line.text[:2000] for line in lines[:400])
    if "," not in sample and ";" not in sample and ":" not in sample:
        return False  # (typeset Chinese: nothing half-width to count)
    half = sum(
        1
        for mark in _half_mark().finditer(sample)
        if "\u4e00" <= sample[mark.start() - 1 : mark.start()] <= "\u9fff"
    )
    if half <= 2:
        return False
    full = sample.count("，") + sample.count("；") + sample.count("：")
    return half > full
