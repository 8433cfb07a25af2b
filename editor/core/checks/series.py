"""The series' numbering: an issue number used once a year, 总期号 following the history."""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks import ERROR, WARNING, Context, Fix, Problem
from editor.core.model import Bulletin


def _set_total(total: int) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        bulletin.masthead.total_issue = total

    return Fix(f"改为总第{total}期", apply)


def check(bulletin: Bulletin, context: Context) -> Iterator[Problem]:
    m = bulletin.masthead
    if not m.name or m.issue is None or not context.history:
        return
    year = (m.date or "")[:4]
    for other in context.history:
        if other.issue == m.issue and year and (other.date or "")[:4] == year:
            yield Problem(
                "issue_used",
                "masthead.issue",
                f"{m.name}{year}年第{m.issue}期已经有了（档案 #{other.bulletin_id}）",
                ERROR,
            )
            break
    earlier = [
        h
        for h in context.history
        if h.total_issue is not None and h.date and m.date and h.date < m.date
    ]
    if not earlier:
        return
    previous = max(earlier, key=lambda h: (h.date or "", h.total_issue or 0))
    assert previous.total_issue is not None
    same_year = (previous.date or "")[:4] == year and previous.issue is not None
    step = m.issue - previous.issue if same_year and previous.issue is not None else 1
    expected = previous.total_issue + max(step, 1)
    if m.total_issue is None:
        yield Problem(
            "total_issue",
            "masthead.total_issue",
            f"缺少总期号；按上一期（#{previous.bulletin_id}，总第{previous.total_issue}期）推算应为"
            f"总第{expected}期",
            WARNING,
            (_set_total(expected),),
        )
    elif m.total_issue != expected:
        yield Problem(
            "total_issue",
            "masthead.total_issue",
            f"总期号与系列历史不一致：上一期 #{previous.bulletin_id} "
            f"为总第{previous.total_issue}期，本期应为总第{expected}期",
            WARNING,
            (_set_total(expected),),
        )
