"""The characters OCR doubted, found again in the fields as they now read: by their context
on the source line, in one-line fields, titles, numbers, dates and paragraphs that run over
several source lines; gone once the editor has corrected them."""

from __future__ import annotations

import copy

from editor.core.doubt_marks import doubt_marks, source_marks
from editor.core.fieldpath import set_field, span_text
from editor.core.model import Bulletin, ParseWarning, Subheading
from editor.core.parsing import parse_text
from editor.core.reading.pdf import PdfText
from editor.core.recognition import DOUBT, doubt_warnings

TEXT = """地方志工作简报

2024 年第 3 期（总第 57 期）

四川省地方志工作办公室                  2024 年 3 月 15 日

【特别关注】

全省方志馆建设工作推进会

在成都召开

6 月 8 日，全省方志馆建设工作推进会在成都召开。会议总结近年

来全省方志馆建设成效，交流各地经验做法。

一、加强组织领导

会议要求，各地要把方志馆建设纳入当地公共文化服务体系，方志馆

要成为群众了解家乡的重要窗口。

（省地方志办）

报：省委办公厅，省政府办公厅

送：各市（州）地方志工作机构

四川省地方志工作办公室秘书处                  2024 年 3 月 15 日印发
"""
LINES = TEXT.split("\n")
ARTICLE = "sections[0].articles[0]"
TITLE = f"{ARTICLE}.title"
FIRST, HEADING, THIRD = (f"{ARTICLE}.paragraphs[{n}]" for n in range(3))


def line_of(start: str) -> int:
    """The 1-based number of the source line starting with ``start``."""
    return next(n for n, line in enumerate(LINES, start=1) if line.startswith(start))


def col(line: int, char: str, nth: int = 0) -> int:
    """The column of the ``nth`` occurrence of ``char`` on a source line."""
    text = LINES[line - 1]
    at = -1
    for _ in range(nth + 1):
        at = text.index(char, at + 1)
    return at


def scanned(doubts: dict[int, tuple[int, ...]]) -> Bulletin:
    """The bulletin as a scan's reading gives it: parsed, with OCR's doubts as warnings."""
    parsed = parse_text(TEXT)
    parsed.warnings += doubt_warnings(PdfText(TEXT, doubts=doubts))
    return parsed


def marked(bulletin: Bulletin, parsed: Bulletin) -> dict[str, list[str]]:
    """Each key's marked characters, as they read in ``bulletin``."""
    out: dict[str, list[str]] = {}
    for key, ranges in doubt_marks(bulletin, parsed, LINES).items():
        text = span_text(bulletin, key) or ""
        assert all(0 <= a < b <= len(text) for a, b in ranges)
        out[key] = [text[a:b] for a, b in ranges]
    return out


def test_the_sample_parses_as_the_cases_need() -> None:
    parsed = parse_text(TEXT)
    article = parsed.sections[0].articles[0]
    assert article.title == "全省方志馆建设工作推进会\n在成都召开"
    assert article.paragraphs[1] == Subheading(1, "一、加强组织领导")
    assert parsed.spans[FIRST] == [(line_of("6 月"), line_of("来全省"))]
    assert parsed.spans[THIRD] == [(line_of("会议要求"), line_of("要成为"))]
    assert parsed.spans["masthead.issuer"] == parsed.spans["masthead.date"]  # one line


def test_no_parse_and_no_doubts_give_no_marks() -> None:
    parsed = parse_text(TEXT)
    assert doubt_marks(parsed, None, LINES) == {}
    assert source_marks(None) == {}
    assert doubt_marks(parsed, parsed, LINES) == {}
    assert source_marks(parsed) == {}


def test_source_marks_gather_the_doubted_characters_by_line() -> None:
    two = line_of("来全省")
    parsed = scanned({two: (3, 1), 1: (2,)})
    parsed.warnings.append(ParseWarning(DOUBT, "再读一遍", two, chars=(1, 5)))
    parsed.warnings.append(ParseWarning("skipped_line", "已略去页码", 3, chars=(0,)))
    assert source_marks(parsed) == {1: (2,), two: (1, 3, 5)}


def test_a_one_line_field_and_the_label_beside_it() -> None:
    report = line_of("报：")
    parsed = scanned({1: (col(1, "工"),), report: (col(report, "报"), col(report, "办"))})
    # 报 is the label, not the field's; 办 occurs twice in the field, its context says which.
    assert doubt_marks(parsed, parsed, LINES) == {
        "masthead.name": [(3, 4)],
        "imprint.report_to": [(2, 3)],
    }


def test_two_fields_on_one_line_numbers_and_a_date() -> None:
    issue, head = line_of("2024 年第"), line_of("四川省地方志工作办公室 ")
    parsed = scanned(
        {
            issue: (col(issue, "3"), col(issue, "7")),
            head: (col(head, "室"), col(head, "2"), col(head, "3"), col(head, "年")),
        }
    )
    assert marked(parsed, parsed) == {
        "masthead.issue": ["3"],
        "masthead.total_issue": ["7"],
        "masthead.issuer": ["室"],
        "masthead.date": ["2", "3"],  # 2024-03-15: the 年 is not in the date as stored
    }
    ranges = doubt_marks(parsed, parsed, LINES)
    assert ranges["masthead.total_issue"] == [(1, 2)]
    assert ranges["masthead.date"] == [(0, 1), (6, 7)]


def test_a_title_of_two_lines() -> None:
    second = line_of("在成都")
    parsed = scanned({line_of("全省方志馆建设工作推进会"): (0, 11), second: (col(second, "召"),)})
    title = "全省方志馆建设工作推进会\n在成都召开"
    assert doubt_marks(parsed, parsed, LINES) == {
        TITLE: [(0, 1), (11, 12), (title.index("召"), title.index("召") + 1)]
    }


def test_a_paragraph_over_two_source_lines_and_a_subheading() -> None:
    one, two, head = line_of("6 月"), line_of("来全省"), line_of("一、")
    last = len(LINES[one - 1]) - 1
    parsed = scanned({one: (0, col(one, "设"), last), two: (0, 1), head: (col(head, "领"),)})
    first = parsed.sections[0].articles[0].texts[0]
    joint = first.index("年来全")  # the end of the first line meets the start of the next
    # the spaces of "6 月 8 日" are joined away
    assert doubt_marks(parsed, parsed, LINES)[FIRST] == [
        (0, 1),
        (first.index("设"), first.index("设") + 1),
        (joint, joint + 1),
        (joint + 1, joint + 2),
        (joint + 2, joint + 3),
    ]
    assert marked(parsed, parsed)[FIRST] == ["6", "设", "年", "来", "全"]
    assert marked(parsed, parsed)[HEADING] == ["领"]  # in the subheading's words


def test_a_repeated_character_is_marked_where_it_stands() -> None:
    start = line_of("会议要求")
    end = len(LINES[start - 1]) - 1  # the 馆 of the line's second 方志馆
    assert LINES[start - 1][end] == "馆"
    parsed = scanned({start: (end, col(start, "地", 0))})
    third = parsed.sections[0].articles[0].texts[2]
    second_hall = third.index("方志馆", third.index("方志馆") + 1) + 2
    assert doubt_marks(parsed, parsed, LINES)[THIRD] == [
        (third.index("地"), third.index("地") + 1),
        (second_hall, second_hall + 1),
    ]


def test_a_context_found_twice_takes_the_occurrence_of_the_same_rank() -> None:
    run = "学习再学习，" * 4
    text = TEXT.replace("交流各地经验做法。", run + "交流各地经验做法。")
    lines = text.split("\n")
    two = next(n for n, line in enumerate(lines, start=1) if line.startswith("来全省"))
    line = lines[two - 1]
    doubted = line.index("再", line.index("再") + 1)  # the second 再: its context is the third's
    window = line[doubted - 4 : doubted + 5]
    assert sum(line.startswith(window, i) for i in range(len(line))) == 2
    parsed = parse_text(text)
    parsed.warnings.append(ParseWarning(DOUBT, "再", two, chars=(doubted,)))
    first = parsed.sections[0].articles[0].texts[0]
    at = first.index("再", first.index("再") + 1)
    assert doubt_marks(parsed, parsed, lines) == {FIRST: [(at, at + 1)]}
    # One more 学习再学习 typed among them: which one OCR doubted cannot be told.
    edited = copy.deepcopy(parsed)
    set_field(edited, FIRST, first.replace(run, run + "学习再学习，"))
    assert doubt_marks(edited, parsed, lines) == {}


def test_edits_move_the_marks_and_a_correction_removes_its_mark() -> None:
    one, two = line_of("6 月"), line_of("来全省")
    parsed = scanned({one: (col(one, "设"),), two: (col(two, "效"),), 1: (col(1, "简"),)})
    before = marked(parsed, parsed)
    assert before == {FIRST: ["设", "效"], "masthead.name": ["简"]}

    bulletin = copy.deepcopy(parsed)
    first = parsed.sections[0].articles[0].texts[0]
    set_field(bulletin, FIRST, "2024年" + first)  # words put before: the marks move with them
    ranges = doubt_marks(bulletin, parsed, LINES)[FIRST]
    text = bulletin.sections[0].articles[0].texts[0]
    assert [text[a:b] for a, b in ranges] == ["设", "效"]
    assert ranges[0][0] == first.index("设") + len("2024年")

    set_field(bulletin, FIRST, text.replace("成效", "成果"))  # the doubted 效 corrected
    set_field(bulletin, "masthead.name", "地方志工作通讯")  # and 简
    assert marked(bulletin, parsed) == {FIRST: ["设"]}

    set_field(bulletin, FIRST, text.replace("建设成效", "建设成效显著"))  # a neighbour changed
    assert marked(bulletin, parsed)[FIRST] == ["设", "效"]


def test_a_lone_character_is_marked_only_where_it_is_the_only_one() -> None:
    two = line_of("来全省")
    parsed = scanned({two: (col(two, "验"), col(two, "交"))})
    bulletin = copy.deepcopy(parsed)
    first = parsed.sections[0].articles[0].texts[0]
    # Both neighbours of each doubted character changed: no context is left, the
    # characters alone decide. 验 is there once; 交 now twice.
    changed = first.replace("经验做", "经-验-做").replace("，交流", "，-交-流")
    set_field(bulletin, FIRST, changed.replace("会议总结", "会议交办"))
    ranges = doubt_marks(bulletin, parsed, LINES)[FIRST]
    text = bulletin.sections[0].articles[0].texts[0]
    assert [text[a:b] for a, b in ranges] == ["验"]


def test_empty_fields_removed_articles_and_stray_places_are_passed_over() -> None:
    one = line_of("6 月")
    assert LINES[one] == ""  # the blank line after it, inside the paragraph's span
    parsed = parse_text(TEXT)
    parsed.warnings += [
        ParseWarning(DOUBT, "空格", one, chars=(1, 999)),  # a space and a column past the end
        ParseWarning(DOUBT, "空行", one + 1, chars=(0,)),
        ParseWarning(DOUBT, "原文之外", len(LINES) + 5, chars=(0,)),
        ParseWarning(DOUBT, "名称", 1, chars=(0,)),
        ParseWarning(DOUBT, "标题", line_of("在成都"), chars=(0,)),
    ]
    assert marked(parsed, parsed) == {"masthead.name": ["地"], TITLE: ["在"]}
    bulletin = copy.deepcopy(parsed)
    bulletin.masthead.name = None
    bulletin.sections[0].articles.pop()
    assert doubt_marks(bulletin, parsed, LINES) == {}
