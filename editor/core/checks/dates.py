"""Dates: real days, not in the future, and the 印发 date 0–7 days after the masthead's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from editor.core.checks import WARNING, Context, Problem
from editor.core.model import Bulletin

_LABELS = {"masthead.date": "报头日期", "imprint.print_date": "印发日期"}


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check(bulletin: Bulletin, context: Context) -> Iterator[Problem]:
    today = _day(context.today) or dt.date.today()
    days: dict[str, dt.date | None] = {}
    for path, value in (
        ("masthead.date", bulletin.masthead.date),
        ("imprint.print_date", bulletin.imprint.print_date),
    ):
        day = _day(value)
        days[path] = day
        if value is not None and day is None:
            yield Problem(
                "date_invalid",
                path,
                f"{_LABELS[path]}“{value}”不是有效日期（应为 2024-01-31 这样）",
            )
        elif day is not None and day > today:
            yield Problem("date_future", path, f"{_LABELS[path]} {value} 在今天之后")
    masthead, printed = days["masthead.date"], days["imprint.print_date"]
    if masthead is not None and printed is not None:
        gap = (printed - masthead).days
        if not 0 <= gap <= 7:
            where = "早于" if gap < 0 else "晚于"
            yield Problem(
                "print_date_gap",
                "imprint.print_date",
                f"印发日期应在报头日期当天到其后 7 天之内，现{where}报头日期 {abs(gap)} 天",
                WARNING,
            )
