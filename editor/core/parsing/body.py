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

import re
from dataclasses import dataclass, field

from editor.core.model import Article, Paragraph, ParseWarning, Section, Span, Subheading
from editor.core.normalise import join_visual_lines, normalise_inline, split_title_line
from editor.core.parsing.layout import Layout
from editor.core.parsing.lines import Line
from editor.core.parsing.patterns import (
    INNER_STOP_RE,
    SECTION_RE,
    ends_sentence,
    heading_number_level,
    is_byline_text,
    is_org_like,
)

_MAX_TITLE_LINES = 4
_MAX_BYLINE_LINES = 3
_ATTRIBUTION_INNER = r"[^（）()，。；：！？,;!?\n]{2,40}"
_STANDALONE_ATTRIBUTION = re.compile(rf"^[（(]\s*(?P<src>{_ATTRIBUTION_INNER}?)\s*[）)]$")
_GLUED_ATTRIBUTION = re.compile(rf"[（(]\s*(?P<src>{_ATTRIBUTION_INNER}?)\s*[）)]$")
_NOT_SOURCE = re.compile(r"^(?:完|待续|续|未完|下转|上接|略|附件|注|图|表|摄)")
_SOURCE_LEAD = re.compile(r"^(?:供稿|来源|稿源|撰稿|通讯员|作者|据)\s*[：:]?")


@dataclass
class BodyResult:
    sections: list[Section] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)


def _source_text(inner: str, *, standalone: bool) -> str | None:
    inner = normalise_inline(inner)
    if not inner or _NOT_SOURCE.match(inner):
        return None
    if standalone or is_org_like(inner.replace(" ", "")) or _SOURCE_LEAD.match(inner):
        return inner
    return None


def standalone_source(line: Line) -> str | None:
    """The attribution when the whole line is one: ``（省地方志办）``."""
    match = _STANDALONE_ATTRIBUTION.match(line.text)
    return _source_text(match["src"], standalone=True) if match else None


def glued_source(line: Line) -> tuple[str, str] | None:
    """``……参加会议。（省地方志办）`` -> the text before and the attribution."""
    if not line.text.endswith((")", "）")):
        return None
    match = _GLUED_ATTRIBUTION.search(line.text[-48:])
    if not match:
        return None
    cut = len(line.text) - len(line.text[-48:]) + match.start()
    before = line.text[:cut].rstrip()
    if not before or not ends_sentence(before):
        return None
    source = _source_text(match["src"], standalone=False)
    return (before, source) if source else None


def _split_sections(lines: list[Line]) -> list[tuple[str | None, Line | None, list[Line]]]:
    groups: list[tuple[str | None, Line | None, list[Line]]] = []
    current: list[Line] = []
    name: str | None = None
    heading: Line | None = None
    for line in lines:
        match = SECTION_RE.match(line.text) if len(line.text) <= 60 else None
        if match:
            if current or heading is not None:
                groups.append((name, heading, current))
            name, heading, current = normalise_inline(match["name"]), line, []
            rest = match["rest"].strip()
            if rest:
                current.append(line.with_text(rest))
        else:
            current.append(line)
    if current or heading is not None:
        groups.append((name, heading, current))
    return groups


class _SectionReader:
    """Reads the articles of one 栏目."""

    def __init__(self, lines: list[Line], layout: Layout, where: str) -> None:
        self.lines = lines
        self.layout = layout
        self.where = where
        self.spans: dict[str, list[Span]] = {}
        self.warnings: list[ParseWarning] = []
        # Whether an attribution stands at or after each line: inside an article that
        # one closes, a lone title-like line heads paragraphs, it does not open an article.
        self.source_ahead = [False] * (len(lines) + 1)
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            self.source_ahead[index] = self.source_ahead[index + 1] or (
                standalone_source(line) is not None or glued_source(line) is not None
            )

    def is_title_line(self, line: Line, *, strict: bool = False) -> bool:
        if line.hint.role is not None:
            return line.hint.role == "title"
        return standalone_source(line) is None and self.layout.is_title_like(line, strict=strict)

    def is_byline(self, line: Line) -> bool:
        """An author line: short, no sentence, an office or a name (wherever it is set:
        ``pdftotext -layout`` may put a centred one where paragraphs begin)."""
        if line.hint.role is not None:
            return line.hint.role == "byline"
        return not line.ends and is_byline_text(line.text) and standalone_source(line) is None

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
            line = self.lines[start + titles]
            if not self.is_title_line(line, strict=strict) and not self.squeezed_title(
                line, first=opening and titles == 0, more=titles > 0
            ):
                break
            if titles and self.is_byline(line):
                break
            titles += 1
        bylines = 0
        while (
            titles
            and bylines < _MAX_BYLINE_LINES
            and start + titles + bylines < len(self.lines)
            and self.is_byline(self.lines[start + titles + bylines])
        ):
            bylines += 1
        return titles, bylines

    def squeezed_title(self, line: Line, *, first: bool, more: bool) -> bool:
        """A title line ``pdftotext -layout`` set in as far as a paragraph, or further."""
        if line.hint.role is not None or INNER_STOP_RE.search(line.text):
            return False
        if first and self.layout.opens_title(line):
            return True
        return more and self.layout.is_set_off(line) and standalone_source(line) is None

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
        if lone and not self.layout.is_centred(line) and self.source_ahead[index]:
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
        index = start + titles + bylines
        body: list[Line] = []
        source: str | None = None
        source_line: Line | None = None
        while index < len(self.lines):
            line = self.lines[index]
            standalone = standalone_source(line)
            if standalone is not None:
                source, source_line = standalone, line
                index += 1
                break
            glued = glued_source(line)
            if glued is not None and (
                index + 1 == len(self.lines) or self.title_count(index + 1) > 0
            ):
                body.append(line.with_text(glued[0]))
                source, source_line = glued[1], line
                index += 1
                break
            if (
                body
                and self.layout.breaks_between(body[-1], line)[0]
                and self.new_article_at(index)[0]
            ):
                self.warnings.append(
                    ParseWarning(
                        "article_inferred",
                        "此处没有署名，按标题样式推断为新的一篇文章",
                        line.number,
                    )
                )
                break
            body.append(line)
            index += 1
        parts = _Parts(title_lines, byline_lines, body, source, source_line)
        articles.append(self.build(where, parts))
        return index

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
        paragraphs = self.paragraphs(where, parts.body)
        if not paragraphs:
            line_no = title_lines[-1].number if title_lines else None
            self.warnings.append(
                ParseWarning("missing_paragraphs", "这篇文章没有正文段落", line_no)
            )
        return Article(
            title=title, paragraphs=paragraphs, source=parts.source, byline=byline or None
        )

    def paragraphs(self, where: str, body: list[Line]) -> list[Paragraph]:
        groups: list[list[Line]] = []
        after_heading: list[bool] = []  # the group began where a subheading was taken to end
        for line in body:
            cut = False
            if groups:
                breaks, doubtful = self.layout.breaks_between(groups[-1][-1], line)
                if not breaks and self.ends_heading(groups[-1], line):
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
                    groups[-1].append(line)
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
            text = join_visual_lines([ln.text for ln in group])
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


@dataclass
class _Parts:
    """The lines an article was read from, by what they are."""

    title_lines: list[Line]
    byline_lines: list[Line]
    body: list[Line]
    source: str | None
    source_line: Line | None


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
