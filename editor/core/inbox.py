"""Watch an inbox folder and hand over each file once it has settled.

Files arrive in chunks (scanners, network copies), native events are not
delivered on network shares, and watchers miss events. So: events only mark a
file as pending; a file is taken when its size and modification time have not
changed for the stability delay; the whole folder is rescanned at start and
every few minutes; and a polling observer can replace the native one (for
SMB/CIFS shares). Everything runs on the watcher's own threads: the
``on_ready`` callback is called from the settling thread, one file at a time,
so whatever it does (ingesting into the store) has a single writer.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from editor.core.ingest import is_candidate, scan

DEFAULT_STABILITY_DELAY = 2.0
_READ_ONLY_EVENTS = {"opened", "closed_no_write"}  # our own reading of a file is no change
DEFAULT_RESCAN_INTERVAL = 300.0


@dataclass
class _Pending:
    size: int
    mtime_ns: int
    changed_at: float


class _Events(FileSystemEventHandler):
    def __init__(self, watcher: InboxWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in _READ_ONLY_EVENTS:
            return
        if event.event_type == "deleted":
            self.watcher.forget(Path(os.fsdecode(event.src_path)))
            return
        target = getattr(event, "dest_path", "") or event.src_path
        self.watcher.touch(Path(os.fsdecode(target)))


class InboxWatcher:
    """Watches one folder; calls ``on_ready(path)`` for each settled candidate file.

    ``is_known(path, size, mtime_ns)`` lets rescans skip files already taken.
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        on_ready: Callable[[Path], None],
        *,
        is_known: Callable[[str, int, int], bool] = lambda *_: False,
        polling: bool = False,
        stability_delay: float = DEFAULT_STABILITY_DELAY,
        rescan_interval: float = DEFAULT_RESCAN_INTERVAL,
        poll_interval: float = 1.0,
        tick: float = 0.2,
    ) -> None:
        self.folder = Path(folder).absolute()
        self.on_ready = on_ready
        self.is_known = is_known
        self.polling = polling
        self.stability_delay = stability_delay
        self.rescan_interval = rescan_interval
        self.poll_interval = poll_interval
        self.tick = tick
        self._pending: dict[Path, _Pending] = {}
        self._handed: dict[Path, tuple[int, int]] = {}  # size, mtime when handed over
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._observer: BaseObserver | None = None
        self._thread: threading.Thread | None = None
        self._next_rescan = 0.0
        self.errors: list[str] = []

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        observer: BaseObserver = (
            PollingObserver(timeout=self.poll_interval) if self.polling else Observer()
        )
        observer.schedule(_Events(self), str(self.folder), recursive=False)
        observer.daemon = True
        observer.start()
        self._observer = observer
        self._next_rescan = 0.0  # rescan right away
        self._thread = threading.Thread(target=self._run, name="inbox-settler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)
        if self._thread is not None:
            self._thread.join(timeout)

    def rescan_now(self) -> None:
        self._next_rescan = 0.0
        self._wake.set()

    @property
    def pending_count(self) -> int:
        with self._lock:
            return len(self._pending)

    # --- events ------------------------------------------------------------------------------

    def touch(self, path: Path) -> None:
        """Something happened to ``path``: (re)start its stability clock."""
        if path.parent != self.folder or not is_candidate(path):
            return
        try:
            info = path.stat()
        except OSError:
            self.forget(path)
            return
        with self._lock:
            if self._handed.get(path) == (info.st_size, info.st_mtime_ns):
                return  # already handed over as it is now
            current = self._pending.get(path)
            if current is None or (current.size, current.mtime_ns) != (
                info.st_size,
                info.st_mtime_ns,
            ):
                self._pending[path] = _Pending(info.st_size, info.st_mtime_ns, time.monotonic())

    def forget(self, path: Path) -> None:
        with self._lock:
            self._pending.pop(path, None)

    # --- the settling loop ---------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= self._next_rescan:
                self._rescan()
                self._next_rescan = now + self.rescan_interval
            for path in self._settled():
                if self._stop.is_set():
                    break
                try:
                    self.on_ready(path)
                except Exception as err:  # a bad file must never stop the inbox
                    self.errors.append(f"{path}：{type(err).__name__}: {err}")
            self._wake.wait(self.tick)
            self._wake.clear()

    def _rescan(self) -> None:
        for path in scan(self.folder):
            try:
                info = path.stat()
            except OSError:
                continue
            if not self.is_known(str(path), info.st_size, info.st_mtime_ns):
                self.touch(path)

    def _settled(self) -> list[Path]:
        """Pending files unchanged for the stability delay, removed from pending."""
        now = time.monotonic()
        ready: list[Path] = []
        with self._lock:
            items = list(self._pending.items())
        for path, pending in items:
            try:
                info = path.stat()
            except OSError:
                self.forget(path)  # deleted before it settled: never recorded
                continue
            if (info.st_size, info.st_mtime_ns) != (pending.size, pending.mtime_ns):
                with self._lock:
                    self._pending[path] = _Pending(info.st_size, info.st_mtime_ns, now)
                continue
            if now - pending.changed_at >= self.stability_delay:
                with self._lock:
                    if self._pending.get(path) is pending:
                        del self._pending[path]
                        self._handed[path] = (pending.size, pending.mtime_ns)
                        ready.append(path)
        return ready
