"""The rules and the doubt marks on a working copy the editor has changed since the parse.

The desk runs every rule after every edit, with the parse (its spans and warnings) and the
source lines beside the working copy: an exception there loses the form's colours and its
problem list. So the fixtures are rendered the ways extracted text arrives and parsed (real
spans, real ``paragraph_break_uncertain`` doubts, OCR doubts added on lines of the text),
then changed as the desk lets the editor change them (paragraphs deleted, joined, split,
retyped, their kind switched; 栏目 and articles added, removed and moved; fields emptied or
retyped; one-click fixes taken), and the rules must still run, name fields that exist, and
offer fixes that apply. Indexes taken from the parse no longer hold in such a copy: a rule
that trusts them fails here.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support.render import RenderOptions, render
from support.structured import render_structured, structured_bulletins

from editor.core.checks import Context, Problem, SeriesIssue, run_checks
from editor.core.doubt_marks import doubt_marks
from editor.core.fieldpath import get_field, span_text
from editor.core.model import (
    Article,
    Bulletin,
    ParseWarning,
    Section,
    Subheading,
    paragraph_text,
    with_text,
)
from editor.core.parsing import parse_text
from editor.core.reading.text import decode_bytes
from editor.core.recognition import DOUBT
from editor.core.series import Series

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
TODAY = "2026-01-01"

BASE = RenderOptions()
VARIANTS = (  # the renderings after which the parser doubts some paragraph breaks
    BASE,
    BASE.but(width=48),
    BASE.but(width=64),
    BASE.but(width=48, blanks="none", page_lines=12),
    BASE.but(autospace=False),
    BASE.but(title_one_line=True, masthead_one_line=True, printer_two_lines=True),
    BASE.but(centre=True, indent="spaces", blanks="paragraph", width=48),
    BASE.but(width=None, blanks="none", page_lines=None),
)


class Parse:
    """A fixture as the parser read one rendering of it: the parse and the source lines."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.parsed = parse_text(text)
        self.lines = text.split("\n")

    def __repr__(self) -> str:  # (what hypothesis prints of a failing example)
        return f"Parse({self.name!r})"


@functools.cache
def parses() -> tuple[Parse, ...]:
    """Every fixture, plain and structured, in each rendering of :data:`VARIANTS`."""
    found: list[Parse] = []
    for path in sorted(FIXTURES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for n, opts in enumerate(VARIANTS):
            text = decode_bytes(render(data, opts).data, path.name).text
            found.append(Parse(f"{path.stem}/{n}", text))
    for name, data in structured_bulletins():  # (bylines and subheadings of every level)
        for n, opts in enumerate(VARIANTS):
            text = decode_bytes(render_structured(data, opts).data, name).text
            found.append(Parse(f"structured/{name}/{n}", text))
    return tuple(found)


# --- what the editor does to the working copy ----------------------------------------------

TEXTS = (
    "",
    " ",
    "新栏目",
    "会议要求,各地要加强领导;确保质量(进度)。",  # half-width marks between Chinese
    "全省已建成 76 个方志馆",  # a space between Chinese and digits
    "《四川省志·大事记（第一卷",  # unbalanced pairs
    "（一）加强组织领导。",  # a subheading's full stop
    "一、基本情况",
    "标题第一行\n标题第二行",
    "省地方志办",
    "2024-05-18",
    "2022-02-30",
    "2030-01-01",
    "五月",
    "报：省委办公厅，省政府办公厅",
    "送：各市（州）地方志工作机构，",
)
NUMBERS = (None, 0, 1, 9, 401, 10**6)
TEXT_FIELDS = (
    "masthead.name",
    "masthead.issuer",
    "masthead.date",
    "imprint.disclosure",
    "imprint.report_to",
    "imprint.copy_to",
    "imprint.distribute_to",
    "imprint.printer",
    "imprint.print_date",
)
NUMBER_FIELDS = ("masthead.issue", "masthead.total_issue", "imprint.copies")
ARTICLE_FIELDS = ("title", "byline", "source")

Edit = tuple[str, int, int, int]
"""An edit's kind and three numbers that choose where (taken modulo what there is)."""

KINDS = (
    "delete_paragraph",
    "join_paragraphs",
    "split_paragraph",
    "insert_paragraph",
    "retype_paragraph",
    "correct_character",
    "switch_kind",
    "empty_paragraphs",
    "set_article_field",
    "set_section_name",
    "set_field",
    "set_number",
    "add_section",
    "add_article",
    "remove_section",
    "remove_article",
    "move_section",
    "move_article",
    "take_fix",
    "undo_paragraphs",
)


def _places(bulletin: Bulletin) -> list[tuple[int, int]]:
    return [(si, ai) for si, s in enumerate(bulletin.sections) for ai in range(len(s.articles))]


def _article(bulletin: Bulletin, a: int) -> Article | None:
    places = _places(bulletin)
    if not places:
        return None
    si, ai = places[a % len(places)]
    return bulletin.sections[si].articles[ai]


def _text(b: int) -> str | None:
    return None if b % (len(TEXTS) + 1) == len(TEXTS) else TEXTS[b % (len(TEXTS) + 1)]


def apply_edit(bulletin: Bulletin, edit: Edit, context: Context) -> None:
    """Change the working copy as one of the desk's edits would (a no-op where nothing fits)."""
    kind, a, b, c = edit
    sections = bulletin.sections
    article = _article(bulletin, a)
    paragraphs = article.paragraphs if article is not None else []
    pi = b % len(paragraphs) if paragraphs else 0
    if kind == "delete_paragraph" and paragraphs:
        del paragraphs[pi]
    elif kind == "join_paragraphs" and pi + 1 < len(paragraphs):  # a blank line removed
        joined = paragraph_text(paragraphs[pi]) + paragraph_text(paragraphs[pi + 1])
        paragraphs[pi : pi + 2] = [with_text(paragraphs[pi], joined)]
    elif kind == "split_paragraph" and paragraphs:  # a blank line typed inside
        text = paragraph_text(paragraphs[pi])
        cut = c % (len(text) + 1)
        paragraphs[pi : pi + 1] = [with_text(paragraphs[pi], text[:cut]), text[cut:]]
    elif kind == "insert_paragraph" and article is not None:
        entry = _text(c) or "新的一段。"
        paragraphs.insert(b % (len(paragraphs) + 1), entry)
    elif kind == "retype_paragraph" and paragraphs:
        paragraphs[pi] = with_text(paragraphs[pi], _text(c) or "")
    elif kind == "correct_character" and paragraphs:  # OCR's misreading put right
        text = paragraph_text(paragraphs[pi])
        at = c % (len(text) + 1)
        paragraphs[pi] = with_text(paragraphs[pi], text[:at] + "志" + text[at + 1 :])
    elif kind == "switch_kind" and paragraphs:
        level = c % 5  # 0: body text; 1–4: a subheading of that level
        text = paragraph_text(paragraphs[pi])
        paragraphs[pi] = Subheading(level, text) if level else text
    elif kind == "empty_paragraphs" and article is not None:
        article.paragraphs = []
    elif kind == "set_article_field" and article is not None:
        setattr(article, ARTICLE_FIELDS[b % len(ARTICLE_FIELDS)], _text(c))
    elif kind == "set_section_name" and sections:
        sections[a % len(sections)].name = _text(c)
    elif kind == "set_field":
        part, key = TEXT_FIELDS[b % len(TEXT_FIELDS)].split(".")
        setattr(getattr(bulletin, part), key, _text(c))
    elif kind == "set_number":
        part, key = NUMBER_FIELDS[b % len(NUMBER_FIELDS)].split(".")
        setattr(getattr(bulletin, part), key, NUMBERS[c % len(NUMBERS)])
    elif kind == "add_section":
        sections.append(Section(name="新栏目", articles=[Article()]))
    elif kind == "add_article" and sections:
        sections[a % len(sections)].articles.append(Article())
    elif kind == "remove_section" and sections:
        sections.pop(a % len(sections))
    elif kind == "remove_article" and _places(bulletin):
        si, ai = _places(bulletin)[a % len(_places(bulletin))]
        sections[si].articles.pop(ai)
    elif kind == "move_section" and sections:
        si, target = a % len(sections), a % len(sections) + (1 if b % 2 else -1)
        if 0 <= target < len(sections):
            sections[si], sections[target] = sections[target], sections[si]
    elif kind == "move_article" and _places(bulletin):
        si, ai = _places(bulletin)[a % len(_places(bulletin))]
        articles, target = sections[si].articles, ai + (1 if b % 2 else -1)
        if 0 <= target < len(articles):
            articles[ai], articles[target] = articles[target], articles[ai]
    elif kind == "undo_paragraphs" and _places(bulletin):  # back to the parse's paragraphs
        si, ai = _places(bulletin)[a % len(_places(bulletin))]
        assert context.parsed is not None
        was = context.parsed.sections
        if si < len(was) and ai < len(was[si].articles):  # (maybe another article's now)
            sections[si].articles[ai].paragraphs = copy.deepcopy(was[si].articles[ai].paragraphs)
    elif kind == "take_fix":  # a one-click fix, between the edits
        fixable = [p for p in run_checks(bulletin, context) if p.fixes]
        if fixable:
            problem = fixable[a % len(fixable)]
            problem.fixes[b % len(problem.fixes)].apply(bulletin)


# --- what must hold ------------------------------------------------------------------------


def assert_names_a_field(bulletin: Bulletin, problem: Problem) -> None:
    """The form ties a problem to the field its path names: that field must be there."""
    if problem.path == "sections":  # (the whole body: a bulletin without any article)
        assert not bulletin.articles(), problem
        return
    try:
        get_field(bulletin, problem.path)
    except (KeyError, IndexError, AttributeError) as err:
        raise AssertionError(f"{problem.rule} names {problem.path!r}, not a field") from err


def assert_marks_in_place(bulletin: Bulletin, parsed: Bulletin, lines: Sequence[str]) -> None:
    """Each mark falls on a character of its field's current text."""
    for key, ranges in doubt_marks(bulletin, parsed, lines).items():
        text = span_text(bulletin, key)
        assert text is not None, key
        assert all(0 <= start < end <= len(text) for start, end in ranges), (key, ranges)


def check_all(bulletin: Bulletin, context: Context) -> list[Problem]:
    assert context.parsed is not None
    problems = run_checks(bulletin, context)
    for problem in problems:
        assert_names_a_field(bulletin, problem)
    assert_marks_in_place(bulletin, context.parsed, context.source_lines)
    return problems


def with_doubts(parse: Parse, breaks: Sequence[int], ocr: Sequence[tuple[int, int]]) -> Bulletin:
    """The parse with more doubts on its lines: paragraph breaks (as the parser has them)
    and OCR's unsure characters (as a scan's reading adds them)."""
    parsed = copy.deepcopy(parse.parsed)
    lines = parse.lines
    written = [n for n, line in enumerate(lines, start=1) if line.strip()]
    for seed in breaks:
        parsed.warnings.append(
            ParseWarning(
                "paragraph_break_uncertain", "不能确定这里是否分段", written[seed % len(written)]
            )
        )
    for line_seed, char_seed in ocr:
        number = written[line_seed % len(written)]
        chars = [i for i, char in enumerate(lines[number - 1]) if not char.isspace()]
        # (a written character, and any index at all: the warning may name a space or
        # lie past the line's end, as a reading of another version of the scan would)
        anywhere = (char_seed // 7) % (len(lines[number - 1]) + 2)
        picked = tuple(sorted({chars[char_seed % len(chars)], anywhere}))
        parsed.warnings.append(ParseWarning(DOUBT, "文字识别可能有误", number, chars=picked))
    return parsed


SERIES = [Series(name="四川省地方志工作简报", issuer="四川省地方志工作办公室", copies=30)]
HISTORY = [SeriesIssue(3, 8, 400, "2022-05-04"), SeriesIssue(4, 9, 390, "2021-05-01")]

seeds = st.integers(0, 2**16)
edits = st.tuples(st.sampled_from(KINDS), seeds, seeds, seeds)


@settings(max_examples=1000, deadline=None)
@given(
    parse=st.deferred(lambda: st.sampled_from(parses())),  # (parsed when first run)
    breaks=st.lists(seeds, max_size=3),
    ocr=st.lists(st.tuples(seeds, seeds), max_size=4),
    changes=st.lists(edits, max_size=8),
    source_shown=st.booleans(),
    series=st.booleans(),
)
def test_rules_hold_after_any_edit(
    parse: Parse,
    breaks: list[int],
    ocr: list[tuple[int, int]],
    changes: list[Edit],
    source_shown: bool,
    series: bool,
) -> None:
    """Whatever the editor did since the parse, the rules run, name fields that exist, offer
    fixes that apply (after which the rules run again), and the doubt marks stay in place."""
    parsed = with_doubts(parse, breaks, ocr)
    context = Context(
        today=TODAY,
        parsed=parsed,
        source_lines=parse.lines if source_shown else [],
        series_uses_attribution=series,
        series=SERIES if series else [],
        history=HISTORY if series else [],
    )
    current = copy.deepcopy(parsed)
    for edit in changes:
        apply_edit(current, edit, context)
        check_all(current, context)
    for problem in check_all(current, context):
        for fix in problem.fixes:
            after = copy.deepcopy(current)
            fix.apply(after)
            check_all(after, context)


def test_the_parses_carry_the_doubts_the_rules_read() -> None:
    """The corpus is what the property needs: real paragraph-break doubts on both sides
    (a break made, a break not made), subheadings, and spans for every paragraph."""
    found = [p.parsed for p in parses()]
    messages = {
        w.message for b in found for w in b.warnings if w.code == "paragraph_break_uncertain"
    }
    assert any("已分段" in m for m in messages)
    assert any("已接续" in m for m in messages)
    assert any(isinstance(e, Subheading) for b in found for a in b.articles() for e in a.paragraphs)
    assert all(
        f"sections[{si}].articles[{ai}].paragraphs[{pi}]" in b.spans
        for b in found
        for si, s in enumerate(b.sections)
        for ai, a in enumerate(s.articles)
        for pi in range(len(a.paragraphs))
    )


def test_the_fixes_of_an_unchanged_parse_are_offered() -> None:
    """Unedited, the paragraph-break doubts offer their join and split fixes (the property
    above would prove little if every fix vanished with the first edit)."""
    offered: dict[str, int] = {}
    for parse in parses():
        context = Context(today=TODAY, parsed=parse.parsed, source_lines=parse.lines)
        for problem in run_checks(copy.deepcopy(parse.parsed), context):
            for fix in problem.fixes:
                if problem.rule == "paragraph_break":
                    offered[fix.label] = offered.get(fix.label, 0) + 1
    assert offered.get("与上一段合并", 0) > 0
    assert offered.get("在此分段", 0) > 0
