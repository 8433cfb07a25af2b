"""The masthead in the forms it really takes, on one line or several."""

from __future__ import annotations

import pytest

from editor.core.parsing import parse_text

BODY = "\n【工作动态】\n\n标题一行\n\n正文第一段，内容完整。\n\n（省地方志办）\n"


@pytest.mark.parametrize(
    ("issue_line", "issue", "total"),
    [
        ("第2期（总第2期）", 2, 2),
        ("第 2 期（总第 2 期）", 2, 2),
        ("2022年第52期（总第447期）", 52, 447),
        ("2023年第11期—总第506期", 11, 506),
        ("第65期(总第797期)", 65, 797),
        ("第十二期（总第一百零五期）", 12, 105),
        ("第8期", 8, None),
    ],
)
def test_issue_forms(issue_line: str, issue: int, total: int | None) -> None:
    text = f"四川省地方志工作简报\n{issue_line}\n四川省地方志工作办公室\n2022年6月8日\n{BODY}"
    masthead = parse_text(text).masthead
    assert (masthead.issue, masthead.total_issue) == (issue, total)
    assert masthead.name == "四川省地方志工作简报"
    assert masthead.issuer == "四川省地方志工作办公室"
    assert masthead.date == "2022-06-08"


@pytest.mark.parametrize(
    "lines",
    [
        ["四川省地方志办政工简讯 第3期（总第40期）", "四川省地方志工作办公室 2021年 7月 16日"],
        [
            "四川省地方志办政工简讯",
            "第 3 期（总第 40 期）",
            "四川省地方志工作办公室",
            "2021 年 7 月 16 日",
        ],
        [
            "四 川 省 地 方 志 办 政 工 简 讯",
            "第3期(总第40期)",
            "四川省地方志工作办公室编　　2021年7月16日",
        ],
        [
            "内部资料　注意保存",
            "四川省地方志办政工简讯",
            "第3期（总第40期）",
            "编印：四川省地方志工作办公室",
            "二〇二一年七月十六日",
        ],
    ],
    ids=["two-lines", "four-lines", "letter-spaced", "marks-and-chinese-date"],
)
def test_masthead_layouts(lines: list[str]) -> None:
    text = "\n\n".join(lines) + "\n" + BODY
    bulletin = parse_text(text)
    m = bulletin.masthead
    assert (m.name, m.issue, m.total_issue, m.issuer, m.date) == (
        "四川省地方志办政工简讯",
        3,
        40,
        "四川省地方志工作办公室",
        "2021-07-16",
    )
    assert bulletin.sections[0].name == "工作动态"


def test_issuer_and_date_only() -> None:
    bulletin = parse_text(" 四川省地方志工作办公室 2021年 7月 16日\n" + BODY)
    m = bulletin.masthead
    assert (m.name, m.issue, m.issuer, m.date) == (
        None,
        None,
        "四川省地方志工作办公室",
        "2021-07-16",
    )
    assert bulletin.spans["masthead.date"] == [(1, 1)]


def test_no_masthead_leaves_nulls_and_says_so() -> None:
    bulletin = parse_text(BODY)
    m = bulletin.masthead
    assert (m.name, m.issue, m.total_issue, m.issuer, m.date) == (None,) * 5
    codes = {(w.code, w.message) for w in bulletin.warnings}
    assert ("missing_field", "原文中没有找到报头名称") in codes
    assert bulletin.sections[0].articles[0].title == "标题一行"


def test_a_title_ending_in_work_is_not_taken_for_a_name() -> None:
    """``…工作`` alone, with no issue or date near it, is a title, not a masthead."""
    text = "省地方志办部署2024年重点工作\n\n1月5日，省地方志办召开会议，部署全年重点工作。\n"
    bulletin = parse_text(text)
    assert bulletin.masthead.name is None
    assert bulletin.sections[0].articles[0].title == "省地方志办部署2024年重点工作"


def test_impossible_date_is_null_with_a_warning() -> None:
    bulletin = parse_text(
        "四川省地方志工作简报\n第2期（总第2期）\n四川省地方志工作办公室\n2022年2月30日\n" + BODY
    )
    assert bulletin.masthead.date is None
    assert any(w.code == "invalid_date" and w.line == 4 for w in bulletin.warnings)
