"""The body: 栏目, articles, titles, paragraphs and attributions.

An article runs from its title to its attribution （省地方志办） — on a line of
its own or glued to the last line — or, in a bulletin without attributions,
to the next title-like block after a paragraph end (reported as inferred).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from editor.core.model import Article, Paragraph, ParseWarning, Section, Span
from editor.core.normalise import join_visual_lines, normalise_inline, split_title_line
from editor.core.parsing.layout import Layout
from editor.core.parsing.lines import Line
from editor.core.parsing.patterns import SECTION_RE, ends_sentence, is_org_like

_MAX_TITLE_LINES = 4
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

    def title_count(self, start: int, *, strict: bool = False) -> int:
        count = 0
        while (
            count < _MAX_TITLE_LINES
            and start + count < len(self.lines)
            and standalone_source(self.lines[start + count]) is None
            and self.layout.is_title_like(self.lines[start + count], strict=strict)
        ):
            count += 1
        return count

    def new_title_at(self, index: int) -> int:
        """Lines of a title block starting at ``index`` followed by a paragraph, else 0."""
        count = self.title_count(index, strict=True)
        if count == 0 or count >= _MAX_TITLE_LINES or index + count >= len(self.lines):
            return 0
        follower = self.lines[index + count]
        return count if self.layout.starts_paragraph(follower) else 0

    def read(self) -> list[Article]:
        articles: list[Article] = []
        index = 0
        while index < len(self.lines):
            index = self.read_article(index, articles)
        return articles

    def read_article(self, start: int, articles: list[Article]) -> int:
        where = f"{self.where}.articles[{len(articles)}]"
        count = self.title_count(start)
        title_lines = self.lines[start : start + count]
        index = start + count
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
            if body and self.layout.breaks_between(body[-1], line)[0] and self.new_title_at(index):
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
        articles.append(self.build(where, title_lines, body, source, source_line))
        return index

    def build(
        self,
        where: str,
        title_lines: list[Line],
        body: list[Line],
        source: str | None,
        source_line: Line | None,
    ) -> Article:
        title_parts = [piece for line in title_lines for piece in split_title_line(line.text)]
        title = "\n".join(title_parts) or None
        if title_lines:
            self.spans[f"{where}.title"] = [(title_lines[0].number, title_lines[-1].number)]
        else:
            line_no = body[0].number if body else None
            self.warnings.append(ParseWarning("missing_title", "这篇文章没有找到标题", line_no))
        if source_line is not None:
            self.spans[f"{where}.source"] = [(source_line.number, source_line.number)]
        paragraphs = self.paragraphs(where, body)
        if not paragraphs:
            line_no = title_lines[-1].number if title_lines else None
            self.warnings.append(
                ParseWarning("missing_paragraphs", "这篇文章没有正文段落", line_no)
            )
        return Article(title=title, paragraphs=list[Paragraph](paragraphs), source=source)

    def paragraphs(self, where: str, body: list[Line]) -> list[str]:
        groups: list[list[Line]] = []
        for line in body:
            if groups:
                breaks, doubtful = self.layout.breaks_between(groups[-1][-1], line)
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
        out: list[str] = []
        for group in groups:
            text = join_visual_lines([ln.text for ln in group])
            if text:
                self.spans[f"{where}.paragraphs[{len(out)}]"] = [
                    (group[0].number, group[-1].number)
                ]
                out.append(text)
        return out


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
