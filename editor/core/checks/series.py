"""The series' numbering: an issue number used once a year, 总期号 following the history.

When two bulletins carry the same number, only one is wrong: the newcomer. An
approved or exported copy holds the number against one still in review; between
two of the same standing, the one that arrived first (the lower id) holds it.
The other copy is flagged, naming the holder, with the two ways out: it is a
duplicate (rejected) or a corrected new version of the holder.

The history is looked up through its index (:mod:`editor.core.checks.history`), not
read through: the desk checks on every keystroke, in series thousands of issues long.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet

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
from editor.core.checks.history import SeriesNumbers, lookup
from editor.core.model import Bulletin
from editor.core.workflow import APPROVED, EXPORTED, FAILED, REJECTED, STATUS_LABELS

_HOLDS = (APPROVED, EXPORTED)
_OUT = (REJECTED, FAILED)  # a rejected or failed copy holds no number


def _standing(status: str | None, bulletin_id: int | None) -> tuple[bool, float]:
    """Lower is stronger: approved or exported first, then the earlier arrival."""
    return (status not in _HOLDS, float("inf") if bulletin_id is None else bulletin_id)


def _holder(
    bulletin: Bulletin, context: Context, numbers: SeriesNumbers, exclude: AbstractSet[int]
) -> SeriesIssue | None:
    """The other copy of this issue number that has it by right, if any."""
    m = bulletin.masthead
    year = (m.date or "")[:4]
    if not year or m.issue is None:
        return None
    own = _standing(context.status, context.bulletin_id)
    rivals = [
        other
        for other in numbers.numbered(m.issue, year, exclude)
        if other.status not in _OUT
        and other.bulletin_id != context.bulletin_id
        and _standing(other.status, other.bulletin_id) < own
    ]
    return min(rivals, key=lambda o: _standing(o.status, o.bulletin_id), default=None)


def _set_total(total: int) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        bulletin.masthead.total_issue = total

    return Fix(f"改为总第{total}期", apply)


def check(bulletin: Bulletin, context: Context) -> Iterator[Problem]:
    m = bulletin.masthead
    if not m.name or m.issue is None or not context.history:
        return
    year = (m.date or "")[:4]
    numbers, exclude = lookup(context.history)
    holder = _holder(bulletin, context, numbers, exclude)
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
    previous = numbers.latest_before(m.date, exclude) if m.date else None
    if previous is None:
        return
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
