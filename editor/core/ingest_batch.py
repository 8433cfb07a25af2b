"""Take many files at once (a folder of last year's bulletins, a desk's first look at a full
inbox) as quickly as the disk allows, with the same guarantees as one at a time.

Files are recorded a batch at a time, in one transaction, with their originals written
and flushed to disk by a few threads at once while the batch is parsed: each original is
still durable before anything refers to it, but the disk can flush them together. Once a
job proves large (a whole batch), parsing moves to worker processes, one per core, which
read the next batch while this process records the last. A batch
that fails, or a process killed halfway, records nothing of that batch; its files are
found again by the next look at the folder, and their originals, kept already, are not
written twice.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from editor.core.filenames import RealPaths, display_path
from editor.core.ingest import Outcome, Ready, parse_kept, prepare, retry_outcome
from editor.core.model import Bulletin
from editor.core.store import Store, StoreError
from editor.core.store.packing import pack_bulletin, text_dictionary
from editor.core.store.records import index_fields

BATCH_FILES = 100
"""Files per transaction: enough to share the index writes, few enough to lose little time
when a batch must be tried again."""

BATCH_BYTES = 32 * 1024 * 1024
"""A batch also ends at this many bytes read, so memory stays bounded with large PDFs."""

KEEPERS = 4
"""Threads writing originals at once; measured on an SSD: one fsync at a time 3.7 ms a file,
four at once 0.33 ms a file (the file system flushes them in one journal commit)."""


def ingest_files(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    user: str | None = None,
    inbox: str | os.PathLike[str] | None = None,
    relative: bool = False,
    said: Callable[[Outcome], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[Outcome]:
    """Take each file as :func:`~editor.core.ingest.ingest_file` would, in order, in batches.

    ``said`` hears each outcome as soon as it is settled (a batch's when it is recorded);
    ``stop`` is asked between files, and ends the work after the batch in hand.
    """
    outcomes: list[Outcome] = []

    def settle(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if said is not None:
            said(outcome)

    parsers = _Parsers()
    waiting: _Batch | None = None
    with ThreadPoolExecutor(KEEPERS, thread_name_prefix="jianxun-keep") as keepers:
        try:
            for batch in _batches(store, paths, user, inbox, relative, settle, stop):
                kept = [
                    keepers.submit(store.keep_original, r.sha256, r.path.suffix, r.data)
                    for r in batch
                ]
                if len(batch) >= BATCH_FILES:
                    parsers.start()
                parsed = parsers.submit(batch)
                if waiting is not None:
                    _record(store, waiting, parsers, settle)
                waiting = _Batch(batch, kept, parsed)
            if waiting is not None:
                _record(store, waiting, parsers, settle)
        finally:
            parsers.close()
    return outcomes


def _batches(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    user: str | None,
    inbox: str | os.PathLike[str] | None,
    relative: bool,
    settle: Callable[[Outcome], None],
    stop: Callable[[], bool] | None,
) -> Iterator[list[Ready]]:
    """The new files, read and hashed, in batches; the others are settled on the way."""
    batch: list[Ready] = []
    size = 0
    realpath = RealPaths()
    for path in paths:
        if stop is not None and stop():
            break
        ready = prepare(
            store, Path(path), user=user, inbox=inbox, relative=relative, realpath=realpath
        )
        if isinstance(ready, Outcome):
            settle(ready)
            continue
        batch.append(ready)
        size += len(ready.data)
        if len(batch) >= BATCH_FILES or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


Parsed = tuple[Bulletin | None, str | None, bytes | None]
"""A file's bulletin, or why there is none, and the bulletin packed for the archive."""


def _parse_and_pack(files: list[tuple[Path, str, bytes]]) -> list[Parsed]:
    """In a worker: parse some files, and pack each bulletin too (work the recording process
    is spared). Many files a task: one message each way instead of one a file."""
    parsed: list[Parsed] = []
    for path, name, data in files:
        bulletin, failure = parse_kept(path, name, data)
        packed = None
        if bulletin is not None:  # packed from its search text, as the archive keeps it
            packed = pack_bulletin(bulletin, text_dictionary(index_fields(bulletin)["search_text"]))
        parsed.append((bulletin, failure, packed))
    return parsed


@dataclass
class _Batch:
    files: list[Ready]
    kept: list[Future[None]]
    parsed: list[Future[list[Parsed]]] | None  # a batch's parts in order; None: parse here


class _Parsers:
    """Worker processes that parse, once a job is large enough to repay starting them.

    A worker that dies (a file that crashes a reader) loses only its batch's parse, which
    is done again here; later batches are parsed here too.
    """

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.broken = False
        self.workers = os.cpu_count() or 1

    def start(self) -> None:
        workers = self.workers
        if self.pool is None and not self.broken and workers > 1:
            context = multiprocessing.get_context("spawn")  # never fork a threaded process
            self.pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_exit_with_parent
            )

    def submit(self, batch: list[Ready]) -> list[Future[list[Parsed]]] | None:
        """The batch in one part per worker, so that all of them parse it at once."""
        if self.pool is None:
            return None
        files = [(r.path, r.name, r.data) for r in batch]
        step = -(-len(files) // self.workers)
        try:
            return [
                self.pool.submit(_parse_and_pack, files[at : at + step])
                for at in range(0, len(files), step)
            ]
        except BrokenProcessPool:
            self._broke()
            return None

    def results(self, batch: _Batch) -> list[Parsed]:
        if batch.parsed is not None:
            try:
                return [parsed for part in batch.parsed for parsed in part.result()]
            except BrokenProcessPool:
                self._broke()
        return [(*ready.parse(), None) for ready in batch.files]

    def _broke(self) -> None:
        self.broken = True
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


def _exit_with_parent() -> None:
    """In a worker: end the moment this process's parent ends (killed, say). The pool's own
    workers would wait on their queue for ever, holding the parent's output open."""
    threading.Thread(target=_wait_for_parent, name="parent-watch", daemon=True).start()


def _wait_for_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(0)


def _record(
    store: Store, batch: _Batch, parsers: _Parsers, settle: Callable[[Outcome], None]
) -> None:
    """Record a parsed batch in one transaction, once its originals are on disk."""
    read = parsers.results(batch)
    recordable = []
    for ready, keeping, (bulletin, failure, packed) in zip(
        batch.files, batch.kept, read, strict=True
    ):
        try:
            keeping.result()
        except OSError as err:  # a full disk: this file waits, the others go on
            settle(retry_outcome(ready.name, err))
            continue
        recordable.append((ready, replace(ready.arrival(bulletin, failure), packed=packed)))
    if not recordable:
        return
    try:
        added = store.add_many([arrival for _, arrival in recordable])
    except (sqlite3.Error, StoreError, OSError) as err:
        for ready, _ in recordable:
            settle(retry_outcome(ready.name, err))
        return
    for (ready, arrival), result in zip(recordable, added, strict=True):
        settle(ready.outcome(result, arrival))


def take_settled(
    store: Store,
    paths: list[Path],
    *,
    user: str | None,
    inbox: Path,
    said: Callable[[Outcome], None],
    stop: Callable[[], bool] | None = None,
) -> dict[Path, bool]:
    """The watched inbox's files that settled together, taken in batches (``on_ready_many``
    of :class:`~editor.core.inbox.InboxWatcher`): for each, whether it was taken or is to
    be tried again (a passing cause, or left when the watcher stopped)."""
    by_name = {display_path(path): path for path in paths}
    taken: dict[Path, bool] = {}

    def settle(outcome: Outcome) -> None:
        path = by_name.get(outcome.path)
        if path is not None:
            taken[path] = not outcome.retry_later
        said(outcome)

    ingest_files(store, paths, user=user, inbox=inbox, relative=True, said=settle, stop=stop)
    return taken
