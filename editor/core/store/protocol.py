"""The archive as the rest of the program sees it: one interface, whichever database is under it.

:class:`~editor.core.store.sqlite.SqliteStore` keeps it in one SQLite file in the data
directory (one PC); :class:`~editor.core.store.pg.PgStore` on a PostgreSQL server (an
office's desks sharing one archive). :func:`editor.core.store.open_store` picks one.
Both answer the same questions the same way, in the same Chinese
(``tests/core/store/test_contract.py`` holds them to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from editor.core.checks import SeriesIssue
    from editor.core.model import Bulletin
    from editor.core.paths import DataDir
    from editor.core.series import Series
    from editor.core.store.records import Added, Arrival, Lease, Record, Revision, Summary


class InboxClaim(Protocol):
    """This desk's duty to watch the inbox for the whole archive (one desk at a time).

    Given by :meth:`Store.claim_inbox`; the duty passes on when it is released, when its
    store is closed, or when the desk holding it goes away (its process or connection ends).
    """

    def holding(self) -> bool:
        """Whether the duty is still this desk's (False once released or lost)."""
        ...

    def release(self) -> None:
        """Hand the duty back (again: nothing happens)."""
        ...


class Store(Protocol):
    """The archive: bulletins, their originals and revisions, the files seen, the series.

    Every failure is a :class:`StoreError` (or ``SchemaTooNew``) in plain Chinese naming
    the archive; a workflow action its state does not allow is a ``WorkflowError``.
    """

    @property
    def data(self) -> DataDir:
        """This computer's data directory (for SQLite, where the archive itself is)."""
        ...

    def close(self) -> None:
        """Let go of the database; the store is not used afterwards."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    # --- originals --------------------------------------------------------------------------

    def keep_original(self, sha256: str, suffix: str, data: bytes) -> None:
        """Keep a file's bytes, once per content, before the bulletin is recorded."""
        ...

    def read_original(self, sha256: str, source_name: str = "") -> bytes:
        """The bytes kept for ``sha256`` (``source_name`` gives the suffix); FileNotFoundError
        when the archive has none."""
        ...

    # --- files seen in the inbox ------------------------------------------------------------

    def known_source(self, path: str, size: int, mtime_ns: int) -> bool:
        """This exact file (path, size, modification time) has been taken already."""
        ...

    def id_for_sha(self, sha256: str) -> int | None:
        """The bulletin recorded for this content, if any."""
        ...

    def note_source(
        self, path: str, size: int, mtime_ns: int, sha256: str, bulletin_id: int | None
    ) -> None:
        """Remember a file as taken (a duplicate of ``bulletin_id``, say)."""
        ...

    # --- adding bulletins -------------------------------------------------------------------

    def add(
        self,
        *,
        source_path: str,
        source_name: str,
        sha256: str,
        size: int,
        mtime_ns: int,
        bulletin: Bulletin | None,
        failure: str | None,
        user: str,
        recognising: bool = False,
    ) -> Added:
        """Record a newly arrived bulletin (``bulletin`` None: failed, with ``failure``).

        The content is looked up inside the write transaction: bytes another desk or
        process recorded a moment ago make this a ``duplicate``, never a second record.
        A changed file at a path seen before is a new version (``previous``). With
        ``recognising`` (a scan, ``bulletin`` None), it waits as 识别中 for
        :meth:`finish_recognition`.
        """
        ...

    def add_many(self, arrivals: Sequence[Arrival]) -> list[Added]:
        """Record several arrivals in one transaction, in order, each as :meth:`add` would.

        All or none: when it fails nothing is recorded, so the files are found again by
        the next look at the inbox (their originals, kept before, are simply kept again).
        One transaction for a hundred files is what makes a large inbox quick to take.
        """
        ...

    def finish_recognition(
        self, bulletin_id: int, *, bulletin: Bulletin | None, failure: str | None, user: str
    ) -> bool:
        """A scan's OCR is done: the bulletin read from it, or why it could not be.

        Only a bulletin still 识别中 is changed (False otherwise: another desk finished it,
        or it was cancelled); it becomes 新收 with ``bulletin`` as parsed, or 无法解析.
        """
        ...

    def restart_recognition(self, bulletin_id: int, user: str) -> bool:
        """Put a scan that failed back to 识别中 (重新识别); False when it is not a failed
        bulletin with its original kept."""
        ...

    def add_unreadable(
        self, *, source_path: str, source_name: str, size: int, reason: str, user: str
    ) -> int | None:
        """Record a file that could not be read at all as failed; None if already so recorded."""
        ...

    # --- reading ----------------------------------------------------------------------------

    def get(self, bulletin_id: int) -> Record:
        """One bulletin with its version; StoreError for an unknown id."""
        ...

    def list_bulletins(
        self, status: str | None = None, *, limit: int | None = None
    ) -> list[Summary]:
        """The queue, newest first, optionally of one status."""
        ...

    def ids(self, status: str | None = None) -> list[int]:
        """The queue's ids, newest first, optionally of one status."""
        ...

    def summaries(self, ids: list[int]) -> dict[int, Summary]:
        """Summaries for a set of ids (unknown ids are left out)."""
        ...

    def count(self, status: str | None = None) -> int:
        """How many bulletins, optionally of one status."""
        ...

    def search(self, query: str, *, limit: int = 100) -> list[Summary]:
        """Titles, bylines and text: any query of one character or more; titles first, then
        the newest (three characters or more are ranked among the newest ``RANKED``)."""
        ...

    def search_ids(self, query: str, *, limit: int = 100) -> list[int]:
        """The ids :meth:`search` would return, in its order, without reading their
        summaries: the desk's queue shows a search's hits a page at a time."""
        ...

    def upkeep(self, limit: int = 50) -> int:
        """Bring up to ``limit`` bulletins an earlier version indexed the old way up to date,
        in a short transaction of their own that changes nothing a desk shows (and says
        nothing to the other desks); how many (0: none left). The desk calls it while the
        archive is in use, so an upgrade that would rewrite every row need not wait at open."""
        ...

    def series_history(self, name: str, exclude: int | None = None) -> list[SeriesIssue]:
        """The series' other bulletins (not failed or rejected; ``exclude`` and its versions
        left out), for the numbering checks."""
        ...

    def supersedes(self, bulletin_id: int) -> int | None:
        """The bulletin this one was marked as the new version of, if any."""
        ...

    def superseded_by(self, bulletin_id: int) -> int | None:
        """The bulletin marked as this one's new version, if any."""
        ...

    def series_signs_articles(self, name: str, exclude: int | None = None) -> bool:
        """Whether every article of the series' approved or exported issues has an attribution."""
        ...

    def list_series(self) -> list[Series]:
        """The named series, by name."""
        ...

    def save_series(self, series: Series, *, old_name: str | None = None) -> None:
        """Add or replace a series (renamed from ``old_name``)."""
        ...

    def delete_series(self, name: str) -> None: ...

    def revisions(self, bulletin_id: int) -> list[Revision]:
        """The bulletin's history, oldest first."""
        ...

    # --- changing ---------------------------------------------------------------------------

    def save_edit(
        self,
        bulletin_id: int,
        bulletin: Bulletin,
        user: str,
        *,
        base_version: int | None = None,
        desk: str | None = None,
    ) -> int:
        """Store an editor's version: one revision per changed field; returns how many.

        The record is read inside the write transaction. With ``base_version`` (the
        version the editor loaded or last saved) a bulletin written since is not
        overwritten: EditConflict. A save that changes something adds exactly one to
        the version; one that changes nothing writes nothing. With ``desk``, a bulletin
        another desk holds the lease of is refused (LeaseHeld), and this desk's own
        lease is renewed (even by a save that changes nothing: autosave keeps it).
        """
        ...

    def transition(
        self,
        bulletin_id: int,
        action: str,
        user: str,
        *,
        detail: str | None = None,
        base_version: int | None = None,
        desk: str | None = None,
    ) -> str:
        """Apply a workflow action (approve, reject, reopen, export); returns the new status.

        ``detail``: the exported file for ``export``, else a note kept in the history.
        The state is read inside the write transaction; with ``base_version`` a bulletin
        written since is refused (EditConflict); with ``desk``, one another desk holds
        the lease of (LeaseHeld).
        """
        ...

    def mark_duplicate(self, bulletin_id: int, of_id: int, user: str) -> str:
        """Reject a bulletin as a copy of ``of_id`` (与 #K 重复 in its history); the new status."""
        ...

    def mark_new_version(self, bulletin_id: int, of_id: int, user: str) -> None:
        """Record that ``bulletin_id`` is the corrected new version of ``of_id`` (in both
        histories)."""
        ...

    def integrity_ok(self) -> bool:
        """The archive's own check finds nothing wrong."""
        ...

    # --- several desks on one archive -------------------------------------------------------

    def take_lease(
        self, bulletin_id: int, *, user: str, desk: str, host: str, force: bool = False
    ) -> Lease:
        """Take or renew the lease on a bulletin for ``desk``; the lease in force afterwards.

        It is this desk's (lasting ``LEASE_SECONDS`` from now by the archive's clock) when
        the bulletin was free, its lease had expired, or it was this desk's already;
        otherwise it is the other desk's, unchanged (compare ``lease.desk``). ``force``
        takes over another desk's live lease and says so in the bulletin's history.
        Two desks taking a free bulletin at once: exactly one gets it. StoreError for
        an unknown id.
        """
        ...

    def release_lease(self, bulletin_id: int, desk: str) -> None:
        """Free the bulletin if ``desk`` holds its lease (otherwise nothing happens)."""
        ...

    def release_desk(self, desk: str) -> None:
        """Free every bulletin ``desk`` holds (the desk is closing)."""
        ...

    def lease_of(self, bulletin_id: int) -> Lease | None:
        """The bulletin's live lease, if any (an expired one is none)."""
        ...

    def leases(self) -> dict[int, Lease]:
        """Every live lease, by bulletin id (for the queue's 正在编辑 marks)."""
        ...

    def claim_inbox(self, desk: str) -> InboxClaim | None:
        """The duty to watch the inbox for this archive, or None while another desk has it.

        At most one desk of an archive holds it at a time; one that goes away without
        releasing it (crash, lost connection) hands it to the next desk that asks. A
        read-only archive watches nothing: None.
        """
        ...
