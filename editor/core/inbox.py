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

import contextlib
import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from editor.core.errors import os_reason
from editor.core.filenames import display_path
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


RETRY_FIRST = 2.0
RETRY_MAX = 60.0
FOLDER_CHECK = 1.0  # seconds between checks that the inbox folder itself is still there


class InboxWatcher:
    """Watches one folder; calls ``on_ready(path)`` for each settled candidate file.

    ``on_ready`` returns False when the file could not be taken for a cause that
    may pass (a full disk, a locked archive): it is tried again soon, with a
    growing pause, not only at the next rescan. ``is_known(path, size, mtime_ns)``
    lets rescans skip files already taken (the path in its readable spelling,
    see :func:`~editor.core.filenames.display_path`). ``on_error(message)`` hears
    of problems with the inbox itself at once (a vanished folder, a failing
    callback); they are also kept in ``errors``. Nothing here stops the
    settling thread: a bad file or a broken callback is reported and passed by.
    With ``on_ready_many(paths)``, files that settle together (a folder copied in, a
    desk's first look at a full inbox) are handed over at once, to be taken in batches;
    it answers for each path whether it was taken (a path it leaves out is tried again).
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        on_ready: Callable[[Path], bool | None],
        *,
        is_known: Callable[[str, int, int], bool] = lambda *_: False,
        on_error: Callable[[str], None] | None = None,
        on_ready_many: Callable[[list[Path]], dict[Path, bool]] | None = None,
        polling: bool = False,
        stability_delay: float = DEFAULT_STABILITY_DELAY,
        rescan_interval: float = DEFAULT_RESCAN_INTERVAL,
        poll_interval: float = 1.0,
        tick: float = 0.2,
    ) -> None:
        self.folder = Path(folder).absolute()
        self._watched = self.folder  # where the observer looks (the link's target)
        self.on_ready = on_ready
        self.on_ready_many = on_ready_many
        self.is_known = is_known
        self.on_error = on_error
        self.polling = polling
        self.stability_delay = stability_delay
        self.rescan_interval = rescan_interval
        self.poll_interval = poll_interval
        self.tick = tick
        self._pending: dict[Path, _Pending] = {}
        self._handed: dict[Path, tuple[int, int]] = {}  # size, mtime when handed over
        self._retry: dict[Path, tuple[float, float]] = {}  # when to try again, the pause before
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._observer: BaseObserver | None = None
        self._thread: threading.Thread | None = None
        self._next_rescan = 0.0
        self._next_folder_check = 0.0
        self._identity: tuple[int, int] | None = None
        self._folder_missing = False
        self.errors: list[str] = []

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._identity = self._folder_identity()
        self._start_observer()
        self._next_rescan = 0.0  # rescan right away
        self._thread = threading.Thread(target=self._run, name="inbox-settler", daemon=True)
        self._thread.start()

    def _start_observer(self) -> None:
        observer: BaseObserver = (
            PollingObserver(timeout=self.poll_interval) if self.polling else Observer()
        )
        # A folder reached through a link (a symlinked inbox on Linux) is watched where it
        # is: the system's notices are not given for the link itself.
        self._watched = Path(os.path.realpath(self.folder))
        observer.schedule(_Events(self), str(self._watched), recursive=False)
        observer.daemon = True
        observer.start()
        self._observer = observer

    def _stop_observer(self, timeout: float = 10.0) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            with contextlib.suppress(Exception):  # an observer of a vanished folder may fail
                observer.stop()
                observer.join(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._stop_observer(timeout)
        if self._thread is not None:
            self._thread.join(timeout)

    def rescan_now(self) -> None:
        self._next_rescan = 0.0
        self._wake.set()

    @property
    def pending_count(self) -> int:
        with self._lock:
            return len(self._pending)

    def report(self, message: str) -> None:
        """Tell of a problem at once (``on_error``) and keep it in ``errors``."""
        self.errors.append(message)
        if self.on_error is not None:
            with contextlib.suppress(Exception):
                self.on_error(message)

    # --- events ------------------------------------------------------------------------------

    def _ours(self, path: Path) -> Path:
        """A path the observer reports, spelled by the inbox as the user named it."""
        return self.folder / path.name if path.parent == self._watched else path

    def touch(self, path: Path) -> None:
        """Something happened to ``path``: (re)start its stability clock."""
        path = self._ours(path)
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
        path = self._ours(path)
        with self._lock:
            self._pending.pop(path, None)
            self._retry.pop(path, None)

    # --- the settling loop ---------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._round()
            except Exception as err:  # the inbox must go on whatever one round met
                self.report(f"{display_path(self.folder)}：收件时出错（{type(err).__name__}）")
            self._wake.wait(self.tick)
            self._wake.clear()

    def _round(self) -> None:
        now = time.monotonic()
        if now >= self._next_folder_check:
            self._next_folder_check = now + FOLDER_CHECK
            if not self._check_folder():
                return
        if now >= self._next_rescan:
            self._rescan()
            self._next_rescan = now + self.rescan_interval
        self._due_retries(now)
        settled = self._settled()
        if self.on_ready_many is not None and len(settled) > 1:
            self._hand_over_many(settled)
            return
        for path in settled:
            if self._stop.is_set():
                with self._lock:
                    self._handed.pop(path, None)  # offered again to the next watcher
                continue
            self._hand_over(path)

    def _hand_over(self, path: Path) -> None:
        try:
            taken = self.on_ready(path)
        except Exception as err:  # a bad file must never stop the inbox
            self.report(f"{display_path(path)}：收取时出错（{type(err).__name__}）")
            taken = False
        self._handed_over(path, taken)

    def _hand_over_many(self, paths: list[Path]) -> None:
        assert self.on_ready_many is not None
        try:
            taken = self.on_ready_many(paths)
        except Exception as err:  # a bad file must never stop the inbox
            self.report(f"{display_path(self.folder)}：收取时出错（{type(err).__name__}）")
            taken = {}
        for path in paths:
            self._handed_over(path, taken.get(path, False))

    def stopping(self) -> bool:
        """Whether the watcher is being stopped (long work handed over should end soon)."""
        return self._stop.is_set()

    def _handed_over(self, path: Path, taken: bool | None) -> None:
        if taken is False:
            with self._lock:
                self._handed.pop(path, None)  # so an event or a rescan offers it again
                pause = min(RETRY_MAX, 2 * self._retry.get(path, (0.0, RETRY_FIRST / 2))[1])
                self._retry[path] = (time.monotonic() + pause, pause)
        else:
            with self._lock:
                self._retry.pop(path, None)

    def _due_retries(self, now: float) -> None:
        with self._lock:
            due = [p for p, (at, _) in self._retry.items() if at <= now]
        for path in due:
            self.touch(path)
            with self._lock:
                pending = self._pending.get(path)
                if pending is not None:  # unchanged files need not settle again
                    pending.changed_at = now - self.stability_delay
                if path in self._retry:
                    pause = self._retry[path][1]
                    self._retry[path] = (now + pause, pause)

    def _folder_identity(self) -> tuple[int, int] | None:
        try:
            info = self.folder.stat()
        except OSError:
            return None
        return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None

    def _check_folder(self) -> bool:
        """Notice a deleted, moved or replaced inbox: make it again and watch the new one."""
        identity = self._folder_identity()
        if identity is not None and identity == self._identity:
            return True
        name = display_path(self.folder)
        if identity is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                if not self._folder_missing:
                    self._folder_missing = True
                    self.report(f"{name}：收件箱文件夹不见了，也无法重新建立（{os_reason(err)}）")
                return False
            identity = self._folder_identity()
            self.report(f"{name}：收件箱文件夹被删除或移走了，已重新建立并继续监视")
        elif self._folder_missing:
            self.report(f"{name}：收件箱文件夹又可以使用了，继续监视")
        self._folder_missing = identity is None
        if identity is None:
            return False
        self._identity = identity
        self._stop_observer()
        self._start_observer()
        with self._lock:
            self._handed.clear()
            self._pending.clear()
        self._next_rescan = 0.0
        return True

    def _rescan(self) -> None:
        for path in scan(self.folder):
            try:
                info = path.stat()
            except OSError:
                continue
            if not self.is_known(display_path(path), info.st_size, info.st_mtime_ns):
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
