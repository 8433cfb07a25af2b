"""The numbering rule looks a series' history up through an index
(:mod:`editor.core.checks.history`) instead of reading it through; its findings must be
those of the rule as written before the index (:func:`scanned_check`, kept here as it
was), on random histories: plain lists, and histories carrying an index of more issues
less those passed over, as the desk makes them."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from editor.core.checks import (
    DUPLICATE,
    ERROR,
    NEW_VERSION,
    WARNING,
    Action,
    Context,
    Fix,
    Problem,
    SeriesIssue,
)
from editor.core.checks import series as series_rule
from editor.core.checks.history import IndexedHistory, SeriesNumbers
from editor.core.model import Bulletin, Masthead
from editor.core.workflow import APPROVED, EXPORTED, FAILED, NEW, REJECTED, STATUS_LABELS

_HOLDS = (APPROVED, EXPORTED)
_OUT = (REJECTED, FAILED)
_standing = series_rule._standing
STATUSES = (NEW, "in_review", APPROVED, EXPORTED, REJECTED, FAILED)


# --- the rule before its index, as it was ------------------------------------------------


def _old_holder(bulletin: Bulletin, context: Context) -> SeriesIssue | None:
    """The other copy of this issue number that has it by right, if any."""
    m = bulletin.masthead
    year = (m.date or "")[:4]
    if not year:
        return None
    own = _standing(context.status, context.bulletin_id)
    rivals = [
        other
        for other in context.history
        if other.issue == m.issue
        and (other.date or "")[:4] == year
        and other.status not in _OUT
        and other.bulletin_id != context.bulletin_id
        and _standing(other.status, other.bulletin_id) < own
    ]
    return min(rivals, key=lambda o: _standing(o.status, o.bulletin_id), default=None)


def _old_set_total(total: int) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        bulletin.masthead.total_issue = total

    return Fix(f"改为总第{total}期", apply)


def scanned_check(bulletin: Bulletin, context: Context) -> Iterator[Problem]:
    m = bulletin.masthead
    if not m.name or m.issue is None or not context.history:
        return
    year = (m.date or "")[:4]
    holder = _old_holder(bulletin, context)
    if holder is not None:
        k = holder.bulletin_id
        yield Problem(
            "issue_used",
            "masthead.issue",
            f"{m.name}{year}年第{m.issue}期已经有了（档案 #{k}，"
            f"{STATUS_LABELS.get(holder.status, holder.status)}）：如果这份是重复件，"
            "请标为重复；如果是更正后的新版本，请标为新版本",
            ERROR,
            actions=(
                Action(f"标为 #{k} 的重复件（退回）", DUPLICATE, k),
                Action(f"标为 #{k} 的新版本", NEW_VERSION, k),
            ),
        )
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
            (_old_set_total(expected),),
        )
    elif m.total_issue != expected:
        yield Problem(
            "total_issue",
            "masthead.total_issue",
            f"总期号与系列历史不一致：上一期 #{previous.bulletin_id} "
            f"为总第{previous.total_issue}期，本期应为总第{expected}期",
            WARNING,
            (_old_set_total(expected),),
        )


# --- the comparison ---------------------------------------------------------------------


def findings(problems: Iterator[Problem]) -> list[tuple[object, ...]]:
    return [
        (
            p.rule,
            p.path,
            p.message,
            p.severity,
            [f.label for f in p.fixes],
            [(a.label, a.kind, a.target) for a in p.actions],
        )
        for p in problems
    ]


def cases(seed: int) -> Iterator[tuple[list[SeriesIssue], Bulletin, int, str]]:
    rng = random.Random(seed)
    for _ in range(80):
        size = rng.choice([0, 1, 2, 5, 30, 200])
        issues = [
            SeriesIssue(
                bulletin_id=rng.randint(1, 300),
                issue=rng.choice([None, *range(1, 8)]),
                total_issue=rng.choice([None, *range(100, 112)]),
                date=rng.choice([None, "", "2023-05-01", "2024-01-01", "2024-06-30", "2025-02"]),
                status=rng.choice(STATUSES),
            )
            for _ in range(size)
        ]
        bulletin = Bulletin(
            masthead=Masthead(
                name=rng.choice(["四川省地方志工作简报", None]),
                issue=rng.choice([None, *range(1, 8)]),
                total_issue=rng.choice([None, *range(100, 112)]),
                date=rng.choice([None, "", "2024-01-01", "2024-03-15", "2026-01-01", "2024"]),
            )
        )
        yield issues, bulletin, rng.randint(1, 300), rng.choice(STATUSES)


@pytest.mark.parametrize("seed", range(6))
def test_the_index_finds_what_reading_the_history_finds(seed: int) -> None:
    for issues, bulletin, own_id, status in cases(seed):
        for history in (issues, IndexedHistory(issues)):
            context = Context(history=history, bulletin_id=own_id, status=status)
            assert findings(series_rule.check(bulletin, context)) == findings(
                scanned_check(bulletin, context)
            )
        # the desk's kind: the index of the whole series, the bulletin's versions passed over
        versions = {own_id, own_id + 1}
        whole = [SeriesIssue(own_id, 1, 105, "2024-01-01", APPROVED), *issues]
        indexed = IndexedHistory(whole, SeriesNumbers(whole), versions)
        plain = [i for i in whole if i.bulletin_id not in versions]
        assert list(indexed) == plain
        assert findings(
            series_rule.check(bulletin, Context(indexed, bulletin_id=own_id, status=status))
        ) == findings(scanned_check(bulletin, Context(plain, bulletin_id=own_id, status=status)))


def test_between_issues_tied_for_the_latest_the_first_in_the_list_is_the_previous() -> None:
    tied = [
        SeriesIssue(7, 1, 110, "2024-01-01"),
        SeriesIssue(3, 2, 110, "2024-01-01"),
        SeriesIssue(5, 3, 109, "2024-01-01"),
    ]
    bulletin = Bulletin(masthead=Masthead(name="简报", issue=4, total_issue=999, date="2024-02-01"))
    for history, first in ((tied, 7), (IndexedHistory(tied[::-1]), 3)):
        (problem,) = series_rule.check(bulletin, Context(history=history))
        assert f"上一期 #{first} " in problem.message
