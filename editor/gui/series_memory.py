"""What the open bulletin's checks know of its series: the series' other issues (indexed,
for the numbering rule) and whether the series signs its articles.

The rules run on every keystroke and at every opening, and a series may hold thousands of
issues: each series' issues are read from the archive once and indexed once
(:class:`~editor.core.checks.history.SeriesNumbers`), and kept while the archive holds them
so. The queue says what changed: a reload forgets everything (:meth:`SeriesMemory.forget`),
rows refreshed since (edits, steps, leases) are looked at before the next use, and a series
whose issues they change is read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.core.workflow import APPROVED, EXPORTED, FAILED, REJECTED

if TYPE_CHECKING:  # the rules' history loads with the first bulletin opened
    from editor.core.checks import SeriesIssue
    from editor.core.checks.history import IndexedHistory, SeriesNumbers
    from editor.core.store import Record, Store


class SeriesMemory:
    """Each series' issues and index across openings; the open bulletin's history (less
    itself and its linked versions) and signing, for as long as it is open."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self._issues: dict[str, tuple[list[SeriesIssue], SeriesNumbers]] = {}
        self._signs: dict[tuple[str, int | None], bool] = {}
        self._changed_ids: set[int] = set()  # queue rows refreshed since (edits, steps, leases)
        self._open: dict[str, tuple[IndexedHistory, bool]] = {}  # the open bulletin's
        self._versions: set[int] | None = None  # the open bulletin and its linked versions

    def opened(self) -> None:
        """Another bulletin is open (or the open one changed its links): its history anew."""
        self._open.clear()
        self._versions = None

    def forget(self) -> None:
        """The archive changed: each series' issues are read again when next needed."""
        self._issues.clear()
        self._signs.clear()
        self._changed_ids.clear()

    def changed(self, bulletin_id: int) -> None:
        """The queue refreshed this bulletin's row."""
        self._changed_ids.add(bulletin_id)

    def knows(self, series: str) -> bool:
        """Whether the series' issues are read and indexed (and still as the archive holds
        them, as far as the queue has said)."""
        self._check_changed_rows()
        return series in self._issues

    def prepare(self, series: str) -> None:
        """Read and index the series' issues now, ahead of its first bulletin's opening (the
        desk calls this while idle: for a series thousands of issues long that is most of a
        first selection's time)."""
        from editor.core.checks.history import SeriesNumbers

        if self.store is None or not series or self.knows(series):
            return
        issues = self.store.series_history(series)
        self._issues[series] = (issues, SeriesNumbers(issues))

    def for_record(self, series: str, record: Record) -> tuple[IndexedHistory, bool]:
        """The series' issues less the record and its versions; whether the series signs
        its articles (leaving the record out)."""
        from editor.core.checks.history import IndexedHistory

        if series not in self._open:
            self._open[series] = (
                self._history(series, record.id) if series else IndexedHistory([]),
                self._signs_articles(series, record) if series else False,
            )
        return self._open[series]

    def _check_changed_rows(self) -> None:
        """Bulletins the queue refreshed since: a series whose issues they change is read
        again (a lease taken or let go, say, changes none)."""
        ids, self._changed_ids = sorted(self._changed_ids), set()
        if not ids or not self._issues or self.store is None:
            return
        from editor.core.checks import SeriesIssue

        summaries = self.store.summaries(ids)
        for bulletin_id in ids:
            s = summaries.get(bulletin_id)
            now = (
                None
                if s is None or s.status in (FAILED, REJECTED) or s.series is None
                else (s.series, SeriesIssue(s.id, s.issue, s.total_issue, s.issue_date, s.status))
            )
            for series, (issues, _numbers) in list(self._issues.items()):
                was = next((i for i in issues if i.bulletin_id == bulletin_id), None)
                if was != (now[1] if now is not None and now[0] == series else None):
                    del self._issues[series]
                    for key in [k for k in self._signs if k[0] == series]:
                        del self._signs[key]

    def _history(self, series: str, bulletin_id: int) -> IndexedHistory:
        """``store.series_history(series, exclude=bulletin_id)``, from the series' issues
        and their index as made once (a long series is not read, nor indexed, again for
        every bulletin selected in it)."""
        from editor.core.checks.history import IndexedHistory

        assert self.store is not None
        self.prepare(series)
        issues, numbers = self._issues[series]
        if self._versions is None:
            self._versions = self._linked_versions(bulletin_id)
        return IndexedHistory(issues, numbers, frozenset(self._versions))

    def _linked_versions(self, bulletin_id: int) -> set[int]:
        """The bulletin and every version linked to it, older and newer (the store leaves
        them out of a series' history: a new version may carry its predecessor's number)."""
        assert self.store is not None
        found = {bulletin_id}
        for step in (self.store.supersedes, self.store.superseded_by):
            at = step(bulletin_id)
            while at is not None and at not in found:
                found.add(at)
                at = step(at)
        return found

    def _signs_articles(self, series: str, record: Record) -> bool:
        """``store.series_signs_articles(series, exclude=record.id)``, kept like the history.
        It looks at approved and exported issues only, so leaving out a bulletin in any
        other state changes nothing: one answer serves every such bulletin of the series."""
        assert self.store is not None
        self._check_changed_rows()
        own = record.id if record.status in (APPROVED, EXPORTED) else None
        key = (series, own)
        if key not in self._signs:
            self._signs[key] = self.store.series_signs_articles(series, exclude=record.id)
        return self._signs[key]
