"""The parser's shortcuts say what the patterns behind them say.

Where a line is looked at quickly before a pattern runs (its first or last character,
a sentence end told without the pattern, one pattern for four), or a class that is slow
to compile is told another way (CJK ideographs by comparing characters, the narrow
characters as ranges of their own), the answer must be the pattern's own for every
text, not only for the bulletins at hand.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from editor.core.normalise import (
    NARROW_CLASS,
    WIDE_CLASS,
    display_width,
    is_wide,
    line_width,
    normalise_inline,
)
from editor.core.parsing.layout import HEADING_LINES, Layout, _half_width_punctuation
from editor.core.parsing.lines import Line, LineHint, split_lines
from editor.core.parsing.masthead import _collapse_spacing
from editor.core.parsing.patterns import (
    _SURNAMES,
    ARTEFACT_FIRST,
    DISCLOSURE_RE,
    HEADING_NUMBER_FIRST,
    IMPRINT_LABEL_FIRST,
    PAGE_NUMBER_RE,
    RECIPIENT_RE,
    RULE_RE,
    SENTENCE_ENDERS,
    _heading_number,
    ends_sentence,
    heading_number_level,
    is_artefact,
    is_byline_org,
    is_org_text,
    is_person_name,
    sentence_end_re,
)

# What a bulletin's lines are made of, and the characters the patterns look for.
PIECES = st.sampled_from(
    list("一二三十四川省地方志办公室简报第期总年月日（）()【】、，。；：！？…”’」』》\"'.．")
    + list("0123456789０１２ \u3000\t\n\u00a0-—–_=*·~ABCxyz%")
    + ["（一）", "（1）", "1.", "一、", "2022", " 年", "①", "○", "é", "\U00020000"]
    + ["欧阳", "司马", "王", "李", "张", "〇", "·", "\u4dff", "\ua000", ",", ";", ":"]
)
TEXTS = st.lists(PIECES, max_size=14).map("".join)
# Sentence ends with many closing marks after them, or a line break.
ENDINGS = st.lists(st.sampled_from(list("一。！；…?.．”’」』）)》〕\"'\n")), max_size=12).map(
    "".join
)


@given(st.from_regex(PAGE_NUMBER_RE, fullmatch=True) | st.from_regex(RULE_RE, fullmatch=True))
def test_every_page_number_and_rule_begins_as_the_quick_look_expects(text: str) -> None:
    stripped = text.strip()  # (lines are stripped before they are asked)
    if PAGE_NUMBER_RE.match(stripped) or RULE_RE.match(stripped):
        assert stripped[0] in ARTEFACT_FIRST
        assert is_artefact(stripped)


@given(TEXTS)
def test_is_artefact_is_the_patterns(text: str) -> None:
    text = text.strip()
    assert is_artefact(text) == bool(PAGE_NUMBER_RE.match(text) or RULE_RE.match(text))


@given(st.from_regex(DISCLOSURE_RE) | st.from_regex(RECIPIENT_RE))
def test_every_imprint_label_begins_as_the_quick_look_expects(text: str) -> None:
    assert text[0] in IMPRINT_LABEL_FIRST


@settings(max_examples=500)
@given(TEXTS | ENDINGS)
@example("会议召开。" + "”" * 7)  # the last closing mark the pattern still sees
@example("会议召开。" + "”" * 8)  # one too many
@example("会议召开。\n")  # $ matches before a final line break
@example("")
def test_ends_sentence_is_the_pattern(text: str) -> None:
    assert ends_sentence(text) == bool(sentence_end_re().search(text[-8:]))


@given(TEXTS, st.sampled_from(sorted(SENTENCE_ENDERS)))
def test_a_text_that_ends_on_a_sentence_mark_ends_a_sentence(text: str, mark: str) -> None:
    assert bool(sentence_end_re().search((text + mark)[-8:]))
    assert Line(1, text + mark, 0, False).ends


_CN_NUM = "[一二三四五六七八九十]{1,3}"
_HEADING_NUMBERS = (  # one pattern a level, in the order they are tried
    (4, re.compile(r"^[（(]\s*[0-9０-９]{1,2}\s*[）)]\s*(?=\S)")),
    (2, re.compile(rf"^[（(]\s*{_CN_NUM}\s*[）)]\s*(?=\S)")),
    (3, re.compile(r"^[0-9０-９]{1,2}\s*[.．、](?![0-9０-９])\s*(?=\S)")),
    (1, re.compile(rf"^{_CN_NUM}\s*[、.．]\s*(?=\S)")),
)


@settings(max_examples=500)
@given(TEXTS)
def test_heading_number_level_is_the_first_pattern_that_matches(text: str) -> None:
    expected = next((level for level, pattern in _HEADING_NUMBERS if pattern.match(text)), None)
    assert heading_number_level(text) == expected


@given(st.from_regex(_heading_number(), fullmatch=False))
def test_every_heading_number_begins_as_the_quick_look_expects(text: str) -> None:
    if _heading_number().match(text):
        assert text[0] in HEADING_NUMBER_FIRST


_WIDE = re.compile(f"[{WIDE_CLASS}]")


@given(TEXTS)
def test_widths_count_wide_characters_twice(text: str) -> None:
    assert all(is_wide(char) == bool(_WIDE.match(char)) for char in text)
    assert display_width(text) == len(text) + len(_WIDE.findall(text))
    assert line_width(text) == len(text) + len(_WIDE.findall(text)) - 0.5 * text.count(" ")


def _normalised(text: str) -> str:
    """The schema's rule as two substitutions."""
    text = re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", text).strip()
    text = re.sub(f"(?<=[{WIDE_CLASS}]) +(?=[A-Za-z0-9])", "", text)
    return re.sub(f"(?<=[A-Za-z0-9%]) +(?=[{WIDE_CLASS}])", "", text)


@settings(max_examples=500)
@given(TEXTS)
def test_normalise_inline_is_the_rule(text: str) -> None:
    assert normalise_inline(text) == _normalised(text)


_SPACED_OUT = re.compile(r"^(?:[\u4e00-\u9fff]\s+){2,}[\u4e00-\u9fff]$")


@given(TEXTS)
def test_a_letter_spaced_name_is_told_as_the_pattern_tells_it(text: str) -> None:
    text = text.strip()  # (masthead chunks are stripped)
    expected = re.sub(r"\s+", "", text) if _SPACED_OUT.match(text) else text
    assert _collapse_spacing(text) == expected


def test_the_narrow_class_is_every_character_but_the_wide_ones() -> None:
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(f"[{NARROW_CLASS}]", every) == re.findall(f"[^{WIDE_CLASS}]", every)


_ORG_TEXT = re.compile(r"^[\u4e00-\u9fff（）()·\u3007A-Za-z0-9]{2,40}$")
_BYLINE_ORG_TEXT = re.compile(r"^[\u4e00-\u9fff（）()·]{3,60}$")
_COMPOUND = "欧阳|司马|上官|诸葛|皇甫|尉迟|公孙|慕容|令狐|司徒"
_PERSON = re.compile(rf"^(?:{_COMPOUND}|[{_SURNAMES}])[\u4e00-\u9fff]{{1,2}}$")


@settings(max_examples=500)
@given(TEXTS)
@example("办公室\n")  # $ matches before a final line break
@example("办公室\n\n")
@example("欧阳一二")
@example("欧阳")
@example("省地方志办（年鉴处）")
@example("中国·四川")
def test_ideographs_are_told_as_the_classes_tell_them(text: str) -> None:
    assert is_org_text(text) == bool(_ORG_TEXT.match(text))
    assert is_person_name(text) == (
        len(text) <= 12 and bool(_PERSON.match(re.sub(r"\s+", "", text)))
    )
    if not _BYLINE_ORG_TEXT.match(text):
        assert not is_byline_org(text)


_HALF_MARK = re.compile(r"[,;:](?<=[\u4e00-\u9fff].)(?!\d)")


@given(st.lists(TEXTS, max_size=8))
def test_web_punctuation_is_counted_as_the_pattern_counts_it(texts: list[str]) -> None:
    lines, _ = split_lines("\n".join(texts))
    sample = "\n".join(line.text[:2000] for line in lines[:400])
    half = len(_HALF_MARK.findall(sample))
    expected = half > 2 and half > len(re.findall("[，；：]", sample))
    assert _half_width_punctuation(lines) == expected


LAYOUTS = st.builds(
    Layout,
    wrapped=st.booleans(),
    full_width=st.sampled_from([0.0, 40.0, 56.0, 72.0]),
    base_lead=st.integers(0, 4),
    indents=st.booleans(),
    blank_breaks=st.booleans(),
    indent=st.integers(0, 4),
    web=st.booleans(),
)
HINTS = st.builds(
    LineHint,
    align=st.sampled_from([None, "center", "right"]),
    indent=st.sampled_from([None, 0, 2]),
    soft=st.booleans(),
)
LINES = st.builds(
    Line,
    number=st.just(1),
    text=TEXTS.map(str.strip).filter(bool),
    lead=st.integers(0, 30),
    blank_before=st.booleans(),
    hint=HINTS,
)


@given(LAYOUTS, LINES)
def test_only_a_line_set_in_or_aligned_by_its_source_is_centred(layout: Layout, line: Line) -> None:
    if line.hint.align is None and line.lead - layout.base_lead < 2:
        assert not layout.is_centred(line)
    if line.ends:
        assert layout.starts_paragraph(line)  # (so never title-like)


@settings(max_examples=300)
@given(LAYOUTS, st.lists(LINES, min_size=2, max_size=8), LINES)
@example(
    Layout(True, 56.0, 0, False, False),
    [Line(1, "一、加强", 0, False), Line(2, "年鉴编纂", 0, False)],
    Line(3, "全省年鉴工作会议召开。", 0, False),
)
def test_no_subheading_of_more_lines_ends_unless_numbered_and_short_of_four(
    layout: Layout, group: list[Line], after: Line
) -> None:
    """What body.paragraphs asks before Layout.heading_ends (the lines have no style role)."""
    if len(group) > HEADING_LINES or group[0].first not in HEADING_NUMBER_FIRST:
        assert not layout.heading_ends(group, after)


_ONE_CLASS = re.compile("[\x00-\x08\x0e-\x1f\ufeff]")  # what decoding removed in one pass


def _removed_in_one_pass(text: str) -> tuple[str, int, int, int]:
    """The text after the pass, and its NUL, BOM and other control counts, as they were."""
    nul, feff = text.count("\x00"), text.count("\ufeff")
    text, removed = _ONE_CLASS.subn("", text)
    return text, nul, feff, removed - nul - feff


@settings(max_examples=300)
@given(st.lists(PIECES | st.sampled_from(["\x00", "\x07", "\x0e", "\x1f", "\ufeff", "\x7f"])))
def test_decoding_removes_what_the_one_class_removed(pieces: list[str]) -> None:
    """The BOMs go by str.replace, the controls by a class without them (cheaper to compile):
    the same text and the same counts (so the same notes and refusals) as one class of both."""
    from editor.core.errors import InputError
    from editor.core.reading.text import _normalise

    text = "".join(pieces)
    kept, nul, feff, other = _removed_in_one_pass(text)
    try:
        got, notes = _normalise(text, "x")
    except InputError:
        return  # (refused: too many controls, among them at least one removed or kept)
    assert got == kept.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace(
        "\f", "\n"
    ).replace("\u2028", "\n").replace("\u2029", "\n")
    assert any(f" {nul} 个空字符" in n for n in notes) == bool(nul)
    assert any(f" {other} 个控制字符" in n for n in notes) == bool(other)
    assert any(f" {feff} 个多余的字节顺序标记" in n for n in notes) == bool(feff)
