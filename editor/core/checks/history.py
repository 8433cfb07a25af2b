"""A series' history looked up rather than read through: the numbering rule asks two
questions of it (which issues carry this number this year, which issue came last before
this date), and the desk asks them on every keystroke of a series thousands of issues
long. :class:`SeriesNumbers` answers both from an index; :class:`IndexedHistory` is a
history that carries one, so that the desk builds it once per series, not once per check.

The answers are those of reading the list in order: the same issues, in the same order,
and between issues tied for the latest, the first in the list.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.checks import SeriesIssue

NONE: AbstractSet[int] = frozenset()


class SeriesNumbers:
    """A series' issues by number and year, and those with a 总期号 by date."""

    def __init__(self, issues: Sequence[SeriesIssue]) -> None:
        self._numbered: dict[tuple[int | None, str], list[SeriesIssue]] = {}
        self.positions: dict[int, list[int]] = {}  # bulletin id -> where it is in the list
        dated: list[tuple[str, int, int, SeriesIssue]] = []
        for position, issue in enumerate(issues):
            self.positions.setdefault(issue.bulletin_id, []).append(position)
            key = (issue.issue, (issue.date or "")[:4])
            self._numbered.setdefault(key, []).append(issue)
            if issue.total_issue is not None and issue.date:
                # (the earlier in the list last among ties: it is the one a search back finds)
                dated.append((issue.date, issue.total_issue, -position, issue))
        dated.sort()  # (never compares two issues: no two entries share a position)
        self._dates = [d[0] for d in dated]
        self._dated = [d[3] for d in dated]

    def numbered(
        self, number: int, year: str, exclude: AbstractSet[int] = NONE
    ) -> list[SeriesIssue]:
        """The issues of ``year`` (its first four characters of date) numbered ``number``,
        in list order."""
        found = self._numbered.get((number, year), [])
        return [i for i in found if i.bulletin_id not in exclude] if exclude else found

    def latest_before(self, date: str, exclude: AbstractSet[int] = NONE) -> SeriesIssue | None:
        """Of the issues dated before ``date`` and carrying a 总期号, the one latest by
        (date, 总期号); among ties, the first in the list."""
        at = bisect_left(self._dates, date)
        while at > 0:
            at -= 1
            if self._dated[at].bulletin_id not in exclude:
                return self._dated[at]
        return None


class IndexedHistory(list["SeriesIssue"]):
    """A history (``Context.history``) with its index. Made from a series' issues and their
    :class:`SeriesNumbers`, less the ``exclude``d (the bulletin checked and its versions),
    it holds those issues; it is never changed once made. A history of any other kind is
    indexed when checked."""

    def __init__(
        self,
        issues: Iterable[SeriesIssue],
        numbers: SeriesNumbers | None = None,
        exclude: AbstractSet[int] = NONE,
    ) -> None:
        super().__init__(issues)
        if exclude:
            if numbers is not None:  # (where the few passed over are: no reading through)
                found = (p for b in exclude for p in numbers.positions.get(b, ()))
                for position in sorted(found, reverse=True):
                    del self[position]
            else:
                self[:] = [i for i in self if i.bulletin_id not in exclude]
        self._numbers, self._exclude = numbers, exclude

    def lookup(self) -> tuple[SeriesNumbers, AbstractSet[int]]:
        if self._numbers is None:
            self._numbers, self._exclude = SeriesNumbers(self), NONE
        return self._numbers, self._exclude


def lookup(history: list[SeriesIssue]) -> tuple[SeriesNumbers, AbstractSet[int]]:
    """The index of a history, and which of its issues to pass over."""
    if isinstance(history, IndexedHistory):
        return history.lookup()
    return SeriesNumbers(history), NONE
