"""Field paths for bylines and paragraph entries: read, write, and the source lines they hold."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.corpus import CORPUS, NO_CORPUS, needs_corpus

from editor.core.fieldpath import (
    as_paragraph,
    entry_of,
    field_at_line,
    get_field,
    key_at_line,
    plain,
    set_field,
    source_position,
    span_text,
    spans_for,
)
from editor.core.model import Article, Bulletin, Section, Subheading
from editor.core.normalise import join_visual_lines, split_title_line
from editor.core.parsing import parse_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
WHERE = "sections[0].articles[1]"


def bulletin() -> Bulletin:
    path = FIXTURES / "two_columns_three_articles.json"
    return Bulletin.from_dict(json.loads(path.read_text("utf-8")))


def test_byline_is_a_field_of_its_own() -> None:
    b = bulletin()
    assert get_field(b, f"{WHERE}.byline") is None
    set_field(b, f"{WHERE}.byline", "中共四川省地方志工作办公室党组")
    assert b.sections[0].articles[1].byline == "中共四川省地方志工作办公室党组"
    assert get_field(b, f"{WHERE}.byline") == "中共四川省地方志工作办公室党组"
    assert get_field(b, f"{WHERE}.source") == "省地方志办志鉴编纂处"  # the attribution is apart
    set_field(b, f"{WHERE}.byline", None)
    assert "byline" not in b.to_dict()["sections"][0]["articles"][1]


def test_a_paragraph_entry_reads_and_writes_as_a_subheading() -> None:
    b = bulletin()
    first = b.sections[0].articles[1].paragraphs[0]
    assert isinstance(first, str)
    set_field(b, f"{WHERE}.paragraphs[0]", Subheading(2, "（一）强化质量意识"))
    assert get_field(b, f"{WHERE}.paragraphs[0]") == Subheading(2, "（一）强化质量意识")
    # A revision keeps the JSON form; writing it back gives the model's entry.
    set_field(b, f"{WHERE}.paragraphs[1]", {"heading": 3, "text": "1.把好政治关"})
    assert b.sections[0].articles[1].paragraphs[1] == Subheading(3, "1.把好政治关")
    set_field(b, f"{WHERE}.paragraphs[0]", first)
    assert b.sections[0].articles[1].paragraphs[0] == first
    with pytest.raises(IndexError):
        get_field(b, f"{WHERE}.paragraphs[99]")


def test_the_paragraphs_field_takes_subheadings_in_either_form() -> None:
    b = bulletin()
    set_field(
        b,
        f"{WHERE}.paragraphs",
        [{"heading": 1, "text": "一、总体情况"}, "正文。", Subheading(4, "（1）")],
    )
    value = get_field(b, f"{WHERE}.paragraphs")
    assert value == [Subheading(1, "一、总体情况"), "正文。", Subheading(4, "（1）")]
    assert plain(value) == [
        {"heading": 1, "text": "一、总体情况"},
        "正文。",
        {"heading": 4, "text": "（1）"},
    ]
    json.dumps(plain(value))  # what the revision log stores
    with pytest.raises(ValueError, match="小标题"):
        as_paragraph({"heading": 5, "text": "五级"})


def test_spans_of_a_byline_and_of_paragraph_entries() -> None:
    spans = {
        f"{WHERE}.title": [(20, 21)],
        f"{WHERE}.byline": [(22, 22)],
        f"{WHERE}.paragraphs[0]": [(23, 23)],
        f"{WHERE}.paragraphs[1]": [(24, 27)],
        f"{WHERE}.source": [(28, 28)],
    }
    assert spans_for(spans, f"{WHERE}.byline") == [(22, 22)]
    assert spans_for(spans, f"{WHERE}.paragraphs") == [(23, 23), (24, 27)]
    assert spans_for(spans, f"{WHERE}.paragraphs[1]") == [(24, 27)]
    assert field_at_line(spans, 22) == f"{WHERE}.byline"
    assert key_at_line(spans, 22) == f"{WHERE}.byline"
    assert field_at_line(spans, 25) == f"{WHERE}.paragraphs"
    assert key_at_line(spans, 25) == f"{WHERE}.paragraphs[1]"
    assert key_at_line(spans, 99) is None
    assert entry_of(f"{WHERE}.paragraphs[1]") == (f"{WHERE}.paragraphs", 1)
    assert entry_of(f"{WHERE}.paragraphs") is None
    assert entry_of(f"{WHERE}.byline") is None


# --- a click in the source: the field, and the character -----------------------------------


def corpus_texts() -> list[Any]:
    """The real corpus's source texts as parameters (NO_CORPUS says why when it is missing)."""
    paths = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return [pytest.param(p, id=p.stem) for p in paths] or [NO_CORPUS]


def kept(char: str) -> bool:
    return not (char.isspace() or char == "\u200b")


BODY_KEYS = (".title", ".byline", ".source", ".name")


@needs_corpus
@pytest.mark.parametrize("path", corpus_texts())
def test_a_click_lands_on_the_same_character_of_the_field(path: Path) -> None:
    """Anywhere in a real bulletin: the paragraph (or title, attribution, 栏目) the line
    became, and in its text the very character clicked, however the lines were joined."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    parsed = parse_text(text)
    artefacts = {w.line for w in parsed.warnings if w.code == "skipped_line"}
    positions = [
        (number, column)
        for number, line in enumerate(lines, 1)
        if number not in artefacts
        for column, char in enumerate(line)
        if kept(char)
    ]
    rng = random.Random(path.name)
    checked = {"entry": 0, "body": 0}
    for number, column in rng.sample(positions, min(600, len(positions))):
        found = source_position(parsed, number, column, lines)
        if found is None:
            assert key_at_line(parsed.spans, number) is None
            continue
        key, char = found
        value = span_text(parsed, key)
        assert value is not None
        assert 0 <= char <= len(value)
        clicked = lines[number - 1][column]
        if entry_of(key) is not None:
            assert any(a <= number <= b for a, b in parsed.spans[key])
            assert value[char] == clicked, (number, column, key, char)
            checked["entry"] += 1
        elif key.endswith(BODY_KEYS) and clicked in value:
            assert value[char] == clicked, (number, column, key, char)
            checked["body"] += 1
    assert checked["entry"] > 200
    assert checked["body"] > 0


@needs_corpus
def test_a_click_on_a_later_line_of_a_paragraph_goes_to_that_paragraph() -> None:
    """Issue 16: line 13 opens the second paragraph (lines 13–26), not the start of 正文."""
    text = (CORPUS / "000_3a00b907b06f9c52.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    parsed = parse_text(text)
    second = "sections[0].articles[0].paragraphs[1]"
    assert parsed.spans[second] == [(13, 26)]
    assert source_position(parsed, 13, 0, lines) == (second, 0)
    paragraph = span_text(parsed, second)
    assert paragraph is not None
    # Line 24 (indented by one space, after a line that joins on without a break).
    column = lines[23].index("高质量发展")
    key, char = source_position(parsed, 24, column, lines) or ("", -1)
    assert key == second
    assert paragraph[char : char + 5] == "高质量发展"
    # Past the end of a line: after its last character; a blank line inside: the next one's.
    key, char = source_position(parsed, 13, 500, lines) or ("", -1)
    assert paragraph[:char].endswith(lines[12].strip()[-3:])
    key, char = source_position(parsed, 14, 0, lines) or ("", -1)
    assert (key, paragraph[char]) == (second, lines[14].strip()[0])


@needs_corpus
def test_of_two_fields_on_one_line_the_clicked_one_wins() -> None:
    text = (CORPUS / "000_3a00b907b06f9c52.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    parsed = parse_text(text)
    issuer = lines[0].index("办公室")
    assert source_position(parsed, 1, issuer, lines) == ("masthead.issuer", 8)
    assert (source_position(parsed, 1, lines[0].index("2021"), lines) or ("",))[0] == (
        "masthead.date"
    )
    # An attribution glued to the last line of a paragraph: the attribution, or the paragraph.
    line = next(i for i, ln in enumerate(lines, 1) if ln.endswith("（省地方志办）"))
    glued = lines[line - 1]
    key, char = source_position(parsed, line, glued.index("地方志办"), lines) or ("", -1)
    assert (key, char) == ("sections[0].articles[0].source", 1)
    key, char = source_position(parsed, line, 0, lines) or ("", -1)
    assert entry_of(key) is not None
    assert (span_text(parsed, key) or "")[char] == glued[0]


def test_without_the_source_lines_the_narrowest_span_and_an_estimate() -> None:
    b = Bulletin(sections=[Section("工作动态", [Article("标题", ["一二三四五六七八九十"])])])
    b.spans = {"sections[0].articles[0].paragraphs[0]": [(3, 4)], "sections[0].name": [(1, 1)]}
    assert source_position(b, 3, 2) == ("sections[0].articles[0].paragraphs[0]", 2)
    key, char = source_position(b, 4, 99) or ("", -1)
    assert (key, char) == ("sections[0].articles[0].paragraphs[0]", 10)
    assert source_position(b, 2, 0) is None


LATIN = st.sampled_from(["Sichuan", "GDP", "2021", "Yearbook", "No.5", "AI"])
CJK = st.text(alphabet="地方志工作简报，。、“”《》（）", min_size=1, max_size=12)
PIECE = st.one_of(LATIN, CJK)
LEAD = st.sampled_from(["", " ", "    ", "\u3000\u3000", "\t"])
SOURCE_LINE = st.tuples(
    LEAD, st.lists(PIECE, min_size=1, max_size=4), st.sampled_from(["", " ", " \u3000"])
).map(lambda t: t[0] + " ".join(t[1]) + t[2])


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(st.lists(SOURCE_LINE, min_size=1, max_size=5), min_size=1, max_size=3),
    title=st.lists(CJK, min_size=1, max_size=2),
)
def test_any_wrapped_paragraph_maps_every_character_back(
    paragraphs: list[list[str]], title: list[str]
) -> None:
    """Lines joined the parser's way (CJK without a space, Latin words with one, the
    indentation and the spaces between Chinese and Latin dropped), with blank lines
    between them as pdftotext leaves: every kept character maps onto itself."""
    lines = [" ".join(title), ""]
    spans: dict[str, list[tuple[int, int]]] = {"sections[0].articles[0].title": [(1, 1)]}
    texts = []
    for index, group in enumerate(paragraphs):
        first = len(lines) + 1
        for line in group:
            lines.extend([line, ""])
        spans[f"sections[0].articles[0].paragraphs[{index}]"] = [(first, len(lines) - 1)]
        texts.append(join_visual_lines(group))
    b = Bulletin(sections=[Section(None, [Article("\n".join(split_title_line(lines[0])), texts)])])
    b.spans = spans
    for number, line in enumerate(lines, 1):
        for column, char in enumerate(line):
            found = source_position(b, number, column, lines)
            assert found is not None
            key, offset = found
            assert key_at_line(spans, number) == key
            value = span_text(b, key) or ""
            if kept(char):
                assert value[offset] == char, (lines, number, column)
            else:  # on white space: the next kept character's place, or the end
                assert 0 <= offset <= len(value)


@pytest.mark.parametrize(
    "path",
    ["masthead.foo", "masthead", "masthead.KEYS", "imprint.to_dict", "imprint.extra", "sections"],
)
def test_a_path_that_names_no_field_is_a_key_error(path: str) -> None:
    """Paths come from archives and files too (a revision, an inferred value's mark): one
    that names no field is refused the same way by reading and by writing."""
    b = bulletin()
    with pytest.raises(KeyError):
        get_field(b, path)
    with pytest.raises(KeyError):
        set_field(b, path, "x")


def test_an_inferred_mark_on_no_field_is_passed_over_by_the_rules() -> None:
    """A tampered or damaged archive may mark any path as inferred: the rules still run."""
    from editor.core.checks import Context, run_checks
    from editor.core.checks.suggest import INFERRED

    b = bulletin()
    b.extra[INFERRED] = ["masthead.foo", "masthead", "imprint.copies"]
    found = [p for p in run_checks(b, Context(today="2026-01-01")) if p.rule == INFERRED]
    assert [p.path for p in found] == ["imprint.copies"]
