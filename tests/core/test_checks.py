"""Each validation rule and its fix, on bulletins built from the fixtures (no Qt)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from editor.core.checks import Context, SeriesIssue, errors, fix_all, fixed, run_checks
from editor.core.model import Bulletin, Subheading
from editor.core.parsing import parse_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def bulletin(name: str = "two_columns_three_articles") -> Bulletin:
    return Bulletin.from_dict(json.loads((FIXTURES / f"{name}.json").read_text("utf-8")))


def rules(b: Bulletin, context: Context | None = None) -> list[tuple[str, str]]:
    return [(p.rule, p.path) for p in run_checks(b, context or Context(today="2026-01-01"))]


def test_a_clean_bulletin_has_no_problems() -> None:
    assert rules(bulletin()) == []


def test_required_fields_are_errors() -> None:
    b = bulletin()
    b.masthead.name = None
    b.imprint.print_date = None
    found = [p for p in errors(b, Context(today="2026-01-01"))]
    assert [(p.rule, p.path) for p in found] == [
        ("required", "masthead.name"),
        ("required", "imprint.print_date"),
    ]


def test_dates_real_not_in_the_future_and_print_gap() -> None:
    b = bulletin()
    b.masthead.date = "2022-02-30"
    assert ("date_invalid", "masthead.date") in rules(b)
    b.masthead.date = "2030-01-01"
    b.imprint.print_date = "2030-01-02"
    found = rules(b, Context(today="2026-01-01"))
    assert ("date_future", "masthead.date") in found
    assert ("date_future", "imprint.print_date") in found
    b = bulletin()
    b.imprint.print_date = "2022-06-10"  # masthead 2022-05-18: 23 days later
    (gap,) = [p for p in run_checks(b, Context(today="2026-01-01")) if p.rule == "print_date_gap"]
    assert gap.severity == "warning"
    assert "晚于报头日期 23 天" in gap.message


def test_issue_used_in_the_series_and_year_is_an_error() -> None:
    b = bulletin()
    history = [SeriesIssue(3, 9, 390, "2022-04-01"), SeriesIssue(4, 9, 350, "2021-05-01")]
    found = [
        p
        for p in run_checks(b, Context(today="2026-01-01", history=history))
        if p.rule == "issue_used"
    ]
    assert len(found) == 1
    assert "#3" in found[0].message


def test_total_issue_follows_history_with_a_fix() -> None:
    b = bulletin()  # 第9期（总第401期）, 2022-05-18
    history = [SeriesIssue(7, 8, 399, "2022-05-04")]
    context = Context(today="2026-01-01", history=history)
    (problem,) = [p for p in run_checks(b, context) if p.rule == "total_issue"]
    assert "本期应为总第400期" in problem.message
    assert fixed(b, problem.fixes[0]).masthead.total_issue == 400
    b.masthead.total_issue = None
    (missing,) = [p for p in run_checks(b, context) if p.rule == "total_issue"]
    assert fixed(b, missing.fixes[0]).masthead.total_issue == 400


def test_half_width_punctuation_is_fixed_in_chinese_text_only() -> None:
    b = bulletin("web_copy")
    problems = [
        p for p in run_checks(b, Context(today="2026-01-01")) if p.rule == "halfwidth_punctuation"
    ]
    assert problems
    first = problems[0]
    repaired = fixed(b, first.fixes[0])
    assert repaired.to_dict() != b.to_dict()
    everything = fix_all(b, "halfwidth_punctuation", Context(today="2026-01-01"))
    assert not [
        p
        for p in run_checks(everything, Context(today="2026-01-01"))
        if p.rule == "halfwidth_punctuation"
    ]
    text = "".join(p for a in everything.articles() for p in a.paragraphs)
    assert "," not in text
    assert "，" in text
    b2 = bulletin()
    b2.sections[0].articles[0].paragraphs[0] = (
        "会议于9:30召开,比例为1:2(见附表)。Word (2016) 格式。"
    )
    (p,) = [
        x for x in run_checks(b2, Context(today="2026-01-01")) if x.rule == "halfwidth_punctuation"
    ]
    assert fixed(b2, p.fixes[0]).sections[0].articles[0].paragraphs[0] == (
        "会议于9:30召开，比例为1:2（见附表）。Word (2016) 格式。"
    )


def test_spaces_between_chinese_and_digits_and_unbalanced_pairs() -> None:
    b = bulletin()
    b.sections[0].articles[0].paragraphs[1] = "截至 2022 年底，共出版“一年一鉴《年鉴》。"
    found = {p.rule: p for p in run_checks(b, Context(today="2026-01-01"))}
    assert fixed(b, found["cjk_digit_space"].fixes[0]).sections[0].articles[0].paragraphs[1] == (
        "截至2022年底，共出版“一年一鉴《年鉴》。"
    )
    assert found["unbalanced"].fixes == ()
    assert "“” 不成对" in found["unbalanced"].message


def test_recipients_end_with_a_full_stop_and_attribution_of_the_series() -> None:
    b = bulletin()
    b.imprint.copy_to = "省委宣传部，省档案馆，"
    b.sections[1].articles[0].source = None
    context = Context(today="2026-01-01", series_uses_attribution=True)
    found = {p.rule: p for p in run_checks(b, context)}
    assert fixed(b, found["recipients_end"].fixes[0]).imprint.copy_to == "省委宣传部，省档案馆。"
    assert found["missing_attribution"].path == "sections[1].articles[0].source"
    assert "missing_attribution" not in {p.rule for p in run_checks(b, Context(today="2026-01-01"))}


def test_paragraph_doubts_offer_join_or_split() -> None:
    lines = ["标题", ""]
    first = "会议要求，各地要进一步压实编纂责任，切实做好年鉴编纂工作，确保质量和进度。"
    lines += [first[:28], first[28:]]
    lines += ["会议强调，要加强队伍建设。", "办公室全体人员参加会议。"]
    text = "\n".join(lines) + "\n"
    parsed = parse_text(text)
    assert parsed.sections
    # Make a doubt the parser could have had: a break at line 5.
    from editor.core.model import ParseWarning

    parsed.warnings.append(
        ParseWarning("paragraph_break_uncertain", "不能确定这里是否分段（已分段）", 5)
    )
    current = copy.deepcopy(parsed)
    context = Context(today="2026-01-01", parsed=parsed, source_lines=text.split("\n"))
    (doubt,) = [p for p in run_checks(current, context) if p.rule == "paragraph_break"]
    paragraphs = parsed.sections[0].articles[0].paragraphs
    assert doubt.fixes
    joined = fixed(current, doubt.fixes[0]).sections[0].articles[0].paragraphs
    assert joined == [paragraphs[0] + paragraphs[1], *paragraphs[2:]]
    # Once the editor changed those paragraphs, no fix is offered.
    current.sections[0].articles[0].paragraphs[1] = "改过了。"
    (later,) = [p for p in run_checks(current, context) if p.rule == "paragraph_break"]
    assert later.fixes == ()
    # Once the editor joined paragraphs, the doubted one may be past the article's end:
    # the doubt is still said, with no fix, and the other rules still run.
    current.sections[0].articles[0].paragraphs[:] = ["全部并成了一段。"]
    (joined_up,) = [p for p in run_checks(current, context) if p.rule == "paragraph_break"]
    assert joined_up.fixes == ()
    assert joined_up.path == "sections[0].articles[0].paragraphs"


@pytest.mark.parametrize("name", [p.stem for p in FIXTURES.glob("*.json")])
def test_rules_never_fail_on_any_fixture(name: str) -> None:
    b = bulletin(name)
    for problem in run_checks(b, Context(today="2026-01-01", parsed=b)):
        for fix in problem.fixes:
            fixed(b, fix)


def test_missing_masthead_gets_suggestions_from_the_series_marked_inferred() -> None:
    from editor.core.checks.suggest import inferred_paths
    from editor.core.series import Series

    b = bulletin("no_masthead")  # every masthead field null; imprint printed 2022-09-28
    series = [
        Series(name="四川省地方志工作简报", issuer="四川省地方志工作办公室", copies=30),
        Series(name="四川省地方志办政工简讯", issuer="四川省地方志工作办公室机关党委"),
    ]
    history = [
        SeriesIssue(1, 14, 420, "2022-09-01"),
        SeriesIssue(2, 13, 419, "2022-08-15"),
        SeriesIssue(3, 30, 400, "2021-12-20"),
    ]
    b.imprint.printer = "四川省地方志工作办公室综合处"
    context = Context(today="2026-01-01", series=series, history=history)
    suggested = {p.path: p for p in run_checks(b, context) if p.rule == "suggestion"}
    assert set(suggested) >= {
        "masthead.name",
        "masthead.issuer",
        "masthead.issue",
        "masthead.total_issue",
        "masthead.date",
    }
    assert "取自印发日期" in suggested["masthead.date"].message
    taken = b
    for path in ("masthead.name", "masthead.issue", "masthead.total_issue", "masthead.date"):
        taken = fixed(taken, suggested[path].fixes[0])
    m = taken.masthead
    assert (m.name, m.issue, m.total_issue, m.date) == (
        "四川省地方志工作简报",
        15,
        421,
        b.imprint.print_date,
    )
    assert set(inferred_paths(taken)) == {
        "masthead.name",
        "masthead.issue",
        "masthead.total_issue",
        "masthead.date",
    }
    inferred = [p for p in run_checks(taken, context) if p.rule == "inferred"]
    assert all(p.is_error for p in inferred)
    confirmed = fixed(taken, inferred[0].fixes[0])
    assert inferred[0].path not in inferred_paths(confirmed)
    # The inferred list survives the JSON round trip with the bulletin.
    assert Bulletin.from_json(taken.to_json()).extra["inferred"] == taken.extra["inferred"]


def with_byline_and_subheadings() -> Bulletin:
    """The fixture with an author under the first title and two levels of subheadings."""
    b = bulletin()
    article = b.sections[0].articles[0]
    article.byline = "中共四川省地方志工作办公室党组"
    article.paragraphs.insert(0, Subheading(1, "一、坚持党建引领"))
    article.paragraphs.insert(2, Subheading(2, "（一）强化质量意识"))
    return b


def test_bylines_and_subheadings_as_printed_have_no_problems() -> None:
    assert rules(with_byline_and_subheadings()) == []


def test_half_width_comma_in_a_byline_is_found_and_fixed() -> None:
    b = with_byline_and_subheadings()
    b.sections[0].articles[0].byline = "省地方志办年鉴处,张三"
    found = [p for p in run_checks(b, Context(today="2026-01-01")) if p.path.endswith("byline")]
    assert [(p.rule, p.path) for p in found] == [
        ("halfwidth_punctuation", "sections[0].articles[0].byline")
    ]
    assert not found[0].is_error
    assert fixed(b, found[0].fixes[0]).sections[0].articles[0].byline == "省地方志办年鉴处，张三"


def test_subheading_texts_are_checked_and_fixed_as_subheadings() -> None:
    b = with_byline_and_subheadings()
    b.sections[0].articles[0].paragraphs[0] = Subheading(1, "一、坚持党建引领(2022 年)")
    found = {p.rule: p for p in run_checks(b, Context(today="2026-01-01"))}
    assert found["halfwidth_punctuation"].path == "sections[0].articles[0].paragraphs"
    assert found["cjk_digit_space"].path == "sections[0].articles[0].paragraphs"
    repaired = fix_all(b, "halfwidth_punctuation", Context(today="2026-01-01"))
    repaired = fix_all(repaired, "cjk_digit_space", Context(today="2026-01-01"))
    assert repaired.sections[0].articles[0].paragraphs[0] == Subheading(
        1, "一、坚持党建引领（2022年）"
    )
    assert repaired.sections[0].articles[0].paragraphs[2] == Subheading(2, "（一）强化质量意识")
    b.sections[0].articles[0].paragraphs[2] = Subheading(2, "（一）强化《质量意识")
    unbalanced = [p for p in run_checks(b, Context(today="2026-01-01")) if p.rule == "unbalanced"]
    assert ["《》" in p.message for p in unbalanced] == [True]


def test_a_subheading_ending_with_a_full_stop_is_a_warning_with_fixes() -> None:
    b = with_byline_and_subheadings()
    b.sections[0].articles[0].paragraphs[2] = Subheading(2, "（一）强化质量意识。")
    (problem,) = [
        p for p in run_checks(b, Context(today="2026-01-01")) if p.rule == "subheading_full_stop"
    ]
    assert problem.path == "sections[0].articles[0].paragraphs"
    assert not problem.is_error
    assert "（一）强化质量意识。" in problem.message
    dropped, to_body = problem.fixes
    assert fixed(b, dropped).sections[0].articles[0].paragraphs[2] == Subheading(
        2, "（一）强化质量意识"
    )
    assert fixed(b, to_body).sections[0].articles[0].paragraphs[2] == "（一）强化质量意识。"
    everything = fix_all(b, "subheading_full_stop", Context(today="2026-01-01"))
    assert rules(everything) == []
    # Body text ends with 。 as it should: nothing to say.
    assert "subheading_full_stop" not in {r for r, _ in rules(bulletin())}


def test_a_byline_is_never_required_and_never_counts_as_the_attribution() -> None:
    b = with_byline_and_subheadings()
    b.sections[0].articles[0].byline = None
    assert errors(b, Context(today="2026-01-01")) == []
    b.sections[0].articles[0].byline = "省地方志办"
    b.sections[0].articles[0].source = None  # signed under the title, not at the end
    context = Context(today="2026-01-01", series_uses_attribution=True)
    (missing,) = [p for p in run_checks(b, context) if p.rule == "missing_attribution"]
    assert missing.path == "sections[0].articles[0].source"
    assert "文末署名" in missing.message
    # An article of subheadings alone has no body paragraph to print.
    b.sections[0].articles[0].paragraphs = [Subheading(1, "一、坚持党建引领")]
    assert ("required", "sections[0].articles[0].paragraphs") in [
        (p.rule, p.path) for p in errors(b, Context(today="2026-01-01"))
    ]
