"""The body: 栏目, articles, titles, bylines, paragraphs, subheadings and attributions.

An article runs from its title to its attribution （省地方志办） — on a line of
its own or glued to the last line — or, in a bulletin without attributions,
to the next title-like block after a paragraph end (reported as inferred).
Under the title may stand a byline: lines shaped as an office's or a person's
name (never the title's first line). Inside the article, a paragraph without a
sentence end that stopped short is a subheading, its level from its number;
unnumbered ones count only in sets, and a lone title-like line before the
attribution still to come heads paragraphs rather than opening an article.
Where a DOCX style names a line's role (title, byline, body, subheading level),
that wins over its words.
"""

from __future__ import annotations

import bisect
import itertools
import re

from editor.core.model import Article, Paragraph, ParseWarning, Section, Span, Subheading
from editor.core.normalise import (
    LATIN_LETTERS,
    join_visual_lines,
    normalise_inline,
    split_title_line,
)
from editor.core.parsing.layout import HEADING_LINES, Layout
from editor.core.parsing.lines import Line
from editor.core.parsing.patterns import (
    HEADING_NUMBER_FIRST,
    INNER_STOP_RE,
    SECTION_RE,
    ends_sentence,
    heading_number_level,
    is_byline_text,
    is_org_like,
    lazy,
)

_MAX_TITLE_LINES = 4
_MAX_BYLINE_LINES = 3
_ATTRIBUTION_INNER = r"[^（）()，。；：！？,;!?\n]{2,40}"
_STANDALONE_ATTRIBUTION = re.compile(rf"^[（(]\s*(?P<src>{_ATTRIBUTION_INNER}?)\s*[）)]$")
_glued_attribution = lazy(rf"[（(]\s*(?P<src>{_ATTRIBUTION_INNER}?)\s*[）)]$")
_NOT_SOURCE = re.compile(r"^(?:完|待续|续|未完|下转|上接|略|附件|注|图|表|摄)")
_SECTION_FIRST = "【〖［["  # what SECTION_RE begins with
_LATIN_LETTERS = frozenset(LATIN_LETTERS)
_source_lead = lazy(r"^(?:供稿|来源|稿源|撰稿|通讯员|作者|据)\s*[：:]?")


class BodyResult:
    """The 栏目 with their articles, where each field came from, and the doubts."""

    __slots__ = ("sections", "spans", "warnings")

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.spans: dict[str, list[Span]] = {}
        self.warnings: list[ParseWarning] = []


def _source_text(inner: str, *, standalone: bool) -> str | None:
    inner = normalise_inline(inner)
    if not inner or _NOT_SOURCE.match(inner):
        return None
    if standalone or is_org_like(inner.replace(" ", "")) or _source_lead().match(inner):
        return inner
    return None


def standalone_source(line: Line) -> str | None:
    """The attribution when the whole line is one: ``（省地方志办）``."""
    if line.first not in ("（", "("):
        return None  # (most lines: no need to run the pattern)
    match = _STANDALONE_ATTRIBUTION.match(line.text)
    return _source_text(match["src"], standalone=True) if match else None


def glued_source(line: Line) -> tuple[str, str] | None:
    """``……参加会议。（省地方志办）`` -> the text before and the attribution."""
    if line.last not in (")", "）"):
        return None
    match = _glued_attribution().search(line.text[-48:])
    if not match:
        return None
    cut = len(line.text) - len(line.text[-48:]) + match.start()
    before = line.text[:cut].rstrip()
    if not before or not ends_sentence(before):
        return None
    source = _source_text(match["src"], standalone=False)
    return (before, source) if source else None


def _paragraph_text(lines: list[Line]) -> str:
    """The lines joined as :func:`join_visual_lines` joins them (their texts are stripped,
    never empty), looking at the lines' ends only where a line begins with a Latin letter."""
    if len(lines) == 1:
        return normalise_inline(lines[0].text)
    if _LATIN_LETTERS.isdisjoint([line.first for line in lines[1:]]):
        return normalise_inline("".join([line.text for line in lines]))
    return join_visual_lines([line.text for line in lines])


def _split_sections(lines: list[Line]) -> list[tuple[str | None, Line | None, list[Line]]]:
    """The lines of each 栏目: its name, its heading line and the lines under it (the
    text after the name on the heading line first)."""
    headings = [
        (index, match)
        for index, line in enumerate(lines)
        if line.first in _SECTION_FIRST
        and len(line.text) <= 60
        and (match := SECTION_RE.match(line.text))
    ]
    bounds = [index for index, _ in headings] + [len(lines)]
    groups: list[tuple[str | None, Line | None, list[Line]]] = []
    if bounds[0]:  # lines before the first 栏目 (or without any)
        groups.append((None, None, lines[: bounds[0]]))
    for (index, match), end in zip(headings, bounds[1:], strict=True):
        heading = lines[index]
        rest = match["rest"].strip()
        current = [heading.with_text(rest)] if rest else []
        current += lines[index + 1 : end]
        groups.append((normalise_inline(match["name"]), heading, current))
    return groups


class _SectionReader:
    """Reads the articles of one 栏目."""

    def __init__(self, lines: list[Line], layout: Layout, where: str) -> None:
        self.lines = lines
        self.layout = layout
        self.where = where
        self.spans: dict[str, list[Span]] = {}
        self.warnings: list[ParseWarning] = []
        # Each line's attribution, whole or glued to its end, read once (by index); only
        # a line that begins or ends with a bracket can hold one.
        self.standalone: list[str | None] = [None] * len(lines)
        self.glued: list[tuple[str, str] | None] = [None] * len(lines)
        sources: list[int] = []
        for index in [
            i for i, line in enumerate(lines) if line.first in "（(" or line.last in ")）"
        ]:
            alone = self.standalone[index] = standalone_source(lines[index])
            end = self.glued[index] = glued_source(lines[index]) if alone is None else None
            if alone is not None or end is not None:
                sources.append(index)
        # Where the last attribution stands: inside an article that one closes, a lone
        # title-like line heads paragraphs, it does not open an article.
        self.last_source = sources[-1] if sources else -1
        # Whether a paragraph ends before each line (and whether that is doubtful), judged
        # once: the articles' ends and their paragraphs both ask.
        self.gaps: list[tuple[bool, bool]] = [(False, False)] + [
            layout.breaks_between(before, line) for before, line in itertools.pairwise(lines)
        ]
        # Where an article can end: at an attribution, or where a paragraph ends (a new
        # article may begin there). The lines between need no look of their own.
        breaks = [index for index, gap in enumerate(self.gaps) if gap[0]]
        self.stops = sorted({*sources, *breaks})

    def is_title_line(self, index: int, *, strict: bool = False) -> bool:
        line = self.lines[index]
        if line.hint.role is not None:
            return line.hint.role == "title"
        return self.standalone[index] is None and self.layout.is_title_like(line, strict=strict)

    def is_byline(self, index: int) -> bool:
        """An author line: short, no sentence, an office or a name (wherever it is set:
        ``pdftotext -layout`` may put a centred one where paragraphs begin)."""
        line = self.lines[index]
        if line.hint.role is not None:
            return line.hint.role == "byline"
        return not line.ends and is_byline_text(line.text) and self.standalone[index] is None

    def title_block(
        self, start: int, *, strict: bool = False, opening: bool = False
    ) -> tuple[int, int]:
        """How many title lines, then byline lines, begin at ``start``.

        A byline is never a title's first line (a title may open with an office's
        name); the title ends where one begins. Where an article must begin
        (``opening``: after a 栏目 or an attribution) a short first line is the title
        even if indented as a paragraph is.
        """
        titles = 0
        while titles < _MAX_TITLE_LINES and start + titles < len(self.lines):
            index = start + titles
            if not self.is_title_line(index, strict=strict) and not self.squeezed_title(
                index, first=opening and titles == 0, more=titles > 0
            ):
                break
            if titles and self.is_byline(index):
                break
            titles += 1
        bylines = 0
        while (
            titles
            and bylines < _MAX_BYLINE_LINES
            and start + titles + bylines < len(self.lines)
            and self.is_byline(start + titles + bylines)
        ):
            bylines += 1
        return titles, bylines

    def squeezed_title(self, index: int, *, first: bool, more: bool) -> bool:
        """A title line ``pdftotext -layout`` set in as far as a paragraph, or further."""
        line = self.lines[index]
        if not (first or more) or line.hint.role is not None or INNER_STOP_RE.search(line.text):
            return False
        if first and self.layout.opens_title(line):
            return True
        return more and self.layout.is_set_off(line) and self.standalone[index] is None

    def title_count(self, start: int) -> int:
        return self.title_block(start)[0]

    def opens_body(self, line: Line) -> bool:
        """What can follow a title: a paragraph, or a subheading."""
        if line.hint.role is not None:
            return line.hint.role in ("body", "heading")
        return self.layout.starts_paragraph(line) or (
            heading_number_level(line.text) is not None and not line.ends
        )

    def new_article_at(self, index: int) -> tuple[int, int]:
        """The title and byline lines of a new article starting at ``index``, else (0, 0).

        A block followed by a paragraph. A lone, uncentred line is a subheading,
        not a title, where an attribution is still to come: it would close the article.
        """
        titles, bylines = self.title_block(index, strict=True)
        end = index + titles + bylines
        if titles == 0 or titles >= _MAX_TITLE_LINES or end >= len(self.lines):
            return 0, 0
        if not self.opens_body(self.lines[end]):
            return 0, 0
        line = self.lines[index]
        lone = titles == 1 and bylines == 0 and line.hint.role != "title"
        if lone and not self.layout.is_centred(line) and index <= self.last_source:
            return 0, 0
        return titles, bylines

    def read(self) -> list[Article]:
        articles: list[Article] = []
        index = 0
        while index < len(self.lines):
            index = self.read_article(index, articles)
        return articles

    def read_article(self, start: int, articles: list[Article]) -> int:
        where = f"{self.where}.articles[{len(articles)}]"
        titles, bylines = self.title_block(start, opening=True)
        title_lines = self.lines[start : start + titles]
        byline_lines = self.lines[start + titles : start + titles + bylines]
        first = start + titles + bylines  # the body's first line
        lines = self.lines
        end = after = len(lines)  # where the body ends, and where the next article begins
        source: str | None = None
        source_line: Line | None = None
        glued_piece: list[Line] = []  # the text before an attribution glued to its line
        stops = self.stops
        for stop in range(bisect.bisect_left(stops, first), len(stops)):  # (no copy of stops)
            index = stops[stop]
            line = lines[index]
            standalone = self.standalone[index]
            if standalone is not None:
                source, source_line = standalone, line
                end, after = index, index + 1
                break
            glued = self.glued[index]
            if glued is not None and (index + 1 == len(lines) or self.title_count(index + 1) > 0):
                glued_piece.append(line.with_text(glued[0]))
                source, source_line = glued[1], line
                end, after = index, index + 1
                break
            if index > first and self.gaps[index][0] and self.new_article_at(index)[0]:
                self.warnings.append(
                    ParseWarning(
                        "article_inferred",
                        "此处没有署名，按标题样式推断为新的一篇文章",
                        line.number,
                    )
                )
                end = after = index
                break
        body = lines[first:end] + glued_piece
        # (the first line's gap is never asked; the glued piece is shorter: judged afresh)
        gaps: list[tuple[bool, bool] | None] = [*self.gaps[first:end], *([None] * len(glued_piece))]
        parts = _Parts(title_lines, byline_lines, body, gaps, source, source_line)
        articles.append(self.build(where, parts))
        return after

    def build(self, where: str, parts: _Parts) -> Article:
        title_lines = parts.title_lines
        title_parts = [piece for line in title_lines for piece in split_title_line(line.text)]
        title = "\n".join(title_parts) or None
        if title_lines:
            self.spans[f"{where}.title"] = [(title_lines[0].number, title_lines[-1].number)]
        else:
            line_no = parts.body[0].number if parts.body else None
            self.warnings.append(ParseWarning("missing_title", "这篇文章没有找到标题", line_no))
        byline_lines = parts.byline_lines
        byline = "\n".join(filter(None, (normalise_inline(ln.text) for ln in byline_lines)))
        if byline:
            self.spans[f"{where}.byline"] = [(byline_lines[0].number, byline_lines[-1].number)]
        if parts.source_line is not None:
            line_no = parts.source_line.number
            self.spans[f"{where}.source"] = [(line_no, line_no)]
        paragraphs = self.paragraphs(where, parts.body, parts.gaps)
        if not paragraphs:
            line_no = title_lines[-1].number if title_lines else None
            self.warnings.append(
                ParseWarning("missing_paragraphs", "这篇文章没有正文段落", line_no)
            )
        return Article(
            title=title, paragraphs=paragraphs, source=parts.source, byline=byline or None
        )

    def paragraphs(
        self, where: str, body: list[Line], gaps: list[tuple[bool, bool] | None]
    ) -> list[Paragraph]:
        """The body's lines as paragraphs and subheadings; ``gaps`` are the paragraph
        breaks already judged before each line (None: not yet)."""
        groups: list[list[Line]] = []
        after_heading: list[bool] = []  # the group began where a subheading was taken to end
        for line, gap in zip(body, gaps, strict=True):
            cut = False
            if groups:
                group = groups[-1]
                if gap is None:
                    gap = self.layout.breaks_between(group[-1], line)
                breaks, doubtful = gap
                # (unless a style names the role, ends_heading says no for more lines than a
                # subheading has, and for more than one line without a number first, which
                # Layout.heading_shape requires: most lines of a body need not ask)
                if (
                    not breaks
                    and (
                        len(group) == 1
                        or group[0].hint.role is not None
                        or (len(group) <= HEADING_LINES and group[0].first in HEADING_NUMBER_FIRST)
                    )
                    and self.ends_heading(group, line)
                ):
                    breaks, doubtful, cut = True, False, True
                if doubtful:
                    self.warnings.append(
                        ParseWarning(
                            "paragraph_break_uncertain",
                            "不能确定这里是否分段" + ("（已分段）" if breaks else "（已接续）"),
                            line.number,
                        )
                    )
                if not breaks:
                    group.append(line)
                    continue
            groups.append([line])
            after_heading.append(cut)
        kept: list[tuple[list[Line], int | None]] = []
        for group, level, cut in zip(
            groups, self.heading_levels(groups), after_heading, strict=True
        ):
            if cut and kept and kept[-1][1] is None:
                kept[-1][0].extend(group)  # not a subheading after all: the paragraph runs on
            else:
                kept.append((group, level))
        out: list[Paragraph] = []
        for group, level in kept:
            text = _paragraph_text(group)
            if text:
                self.spans[f"{where}.paragraphs[{len(out)}]"] = [
                    (group[0].number, group[-1].number)
                ]
                out.append(text if level is None else Subheading(level, text))
        return out

    def ends_heading(self, group: list[Line], after: Line) -> bool:
        """A subheading ends here although it has no sentence end."""
        role = group[0].hint.role
        if role is not None:
            return role == "heading" and not after.hint.soft
        return self.layout.heading_ends(group, after)

    def heading_levels(self, groups: list[list[Line]]) -> list[int | None]:
        """Each paragraph's subheading level, None for body text.

        A subheading heads the paragraphs after it, so the last paragraph is body
        text. One unnumbered heading alone in an article is more likely a short
        paragraph that lost its full stop: unnumbered headings come in sets.
        """
        levels: list[int | None] = []
        unnumbered: list[int] = []
        for index, group in enumerate(groups):
            role = group[0].hint.role
            level: int | None = None
            if role == "heading":
                level = group[0].hint.heading or heading_number_level(group[0].text) or 1
            elif role is None and index < len(groups) - 1:
                level = self.layout.heading_shape(group)
                if level is not None and heading_number_level(group[0].text) is None:
                    unnumbered.append(index)
            levels.append(level)
        if len(unnumbered) == 1:
            levels[unnumbered[0]] = None
        return levels


class _Parts:
    """The lines an article was read from, by what they are; ``gaps`` are the paragraph
    breaks judged before each body line."""

    __slots__ = ("body", "byline_lines", "gaps", "source", "source_line", "title_lines")

    def __init__(
        self,
        title_lines: list[Line],
        byline_lines: list[Line],
        body: list[Line],
        gaps: list[tuple[bool, bool] | None],
        source: str | None,
        source_line: Line | None,
    ) -> None:
        self.title_lines = title_lines
        self.byline_lines = byline_lines
        self.body = body
        self.gaps = gaps
        self.source = source
        self.source_line = source_line


def parse_body(lines: list[Line], layout: Layout) -> BodyResult:
    """Sections with their articles, from the lines between masthead and 版记."""
    result = BodyResult()
    for name, heading, group in _split_sections(lines):
        where = f"sections[{len(result.sections)}]"
        reader = _SectionReader(group, layout, where)
        section = Section(name=name, articles=reader.read())
        if heading is not None:
            result.spans[f"{where}.name"] = [(heading.number, heading.number)]
        result.sections.append(section)
        result.spans.update(reader.spans)
        result.warnings.extend(reader.warnings)
    return result
