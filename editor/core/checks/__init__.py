"""Validation rules: each small, named, with a message, a severity and, where it can, a fix.

An error blocks approval; a warning does not. A fix is a function that changes
the bulletin; the editor applies one, or all fixes of one rule, with a click.
An action is not a change to the bulletin but something done to it in the
archive (mark it as a duplicate of another, or as another's new version).
Rules that need more than the bulletin (the series' history, the source lines
the parser read) get it from a :class:`Context`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from editor.core.model import Bulletin
from editor.core.series import Series
from editor.core.workflow import NEW

ERROR, WARNING = "error", "warning"

DUPLICATE, NEW_VERSION = "duplicate", "new_version"
"""The kinds of :class:`Action`: ``Store.mark_duplicate`` and ``Store.mark_new_version``."""


@dataclass(frozen=True)
class Fix:
    """What a one-click fix does (shown on its button) and the change itself."""

    label: str
    apply: Callable[[Bulletin], None]


@dataclass(frozen=True)
class Action:
    """Something to do to the bulletin in the archive (shown on a button).

    ``kind`` is :data:`DUPLICATE` (``Store.mark_duplicate(id, target, user)``)
    or :data:`NEW_VERSION` (``Store.mark_new_version(id, target, user)``);
    ``target`` is the other bulletin's id.
    """

    label: str
    kind: str
    target: int


@dataclass(frozen=True)
class Problem:
    rule: str
    path: str
    message: str
    severity: str = ERROR
    fixes: tuple[Fix, ...] = ()
    actions: tuple[Action, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class SeriesIssue:
    """Another bulletin of the same series, from the archive, and where it is in the workflow."""

    bulletin_id: int
    issue: int | None
    total_issue: int | None
    date: str | None
    status: str = NEW


@dataclass
class Context:
    """What rules may consult besides the bulletin."""

    today: str | None = None  # ISO date; None means the real today
    history: list[SeriesIssue] = field(default_factory=list)
    source_lines: list[str] = field(default_factory=list)
    parsed: Bulletin | None = None
    series_uses_attribution: bool = False
    series: list[Series] = field(default_factory=list)
    # The bulletin's own place in the archive: which copy of an issue number is the rightful
    # one depends on it. None (not given) is a newcomer: a copy arrived after all others.
    bulletin_id: int | None = None
    status: str | None = None


Rule = Callable[[Bulletin, Context], Iterable[Problem]]


def all_rules() -> list[tuple[str, Rule]]:
    from editor.core.checks import dates, doubts, imprint, punctuation, required, series, suggest

    return [
        ("suggest", suggest.check),
        ("required", required.check),
        ("dates", dates.check),
        ("series", series.check),
        ("punctuation", punctuation.check),
        ("imprint", imprint.check),
        ("doubts", doubts.check),
    ]


def run_checks(bulletin: Bulletin, context: Context | None = None) -> list[Problem]:
    """Every problem every rule finds, errors first, then in field order."""
    context = context or Context()
    problems: list[Problem] = []
    for _name, rule in all_rules():
        problems.extend(rule(bulletin, context))
    return sorted(problems, key=lambda p: (not p.is_error,))


def errors(bulletin: Bulletin, context: Context | None = None) -> list[Problem]:
    return [p for p in run_checks(bulletin, context) if p.is_error]


def fixed(bulletin: Bulletin, fix: Fix) -> Bulletin:
    """A copy of the bulletin with one fix applied."""
    result = copy.deepcopy(bulletin)
    fix.apply(result)
    return result


def fix_all(
    bulletin: Bulletin, rule: str, context: Context | None = None, limit: int = 500
) -> Bulletin:
    """A copy with every fixable problem of one rule fixed (re-checking after each fix)."""
    context = context or Context()
    result = copy.deepcopy(bulletin)
    for _ in range(limit):
        fixable = [p for p in run_checks(result, context) if p.rule == rule and p.fixes]
        if not fixable:
            break
        before = result.to_dict()
        fixable[0].fixes[0].apply(result)
        if result.to_dict() == before:
            break
    return result
