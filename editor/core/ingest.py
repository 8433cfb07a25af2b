"""Take one file from the inbox into the archive, nothing lost, nothing twice.

The bytes are read once, hashed, and copied into the data directory (named by
their sha256) before the bulletin is recorded, so deleting or changing the
inbox file later loses nothing; the inbox file itself is never touched. Same
bytes again are a duplicate; unreadable input is recorded as failed, with the
reason and the original kept.
"""

from __future__ import annotations

import errno
import getpass
import hashlib
import os
import sqlite3
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import InputError, NeedsOcr, os_reason
from editor.core.filenames import display_path, outside_folder
from editor.core.limits import MAX_FILE_BYTES, too_large_reason
from editor.core.model import Bulletin
from editor.core.parsing import parse_file
from editor.core.paths import sqlite_reason
from editor.core.reading.text import decode_bytes
from editor.core.recognition import (
    IMAGE_SUFFIXES,
    NOT_INSTALLED,
    installed,
    kept_reading,
    page_pdf,
)
from editor.core.store import UNREADABLE_KEY, Added, Arrival, Store, StoreError

SUPPORTED = (".txt", ".docx", ".pdf", *IMAGE_SUFFIXES)
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
_IGNORED_SUFFIXES = (".tmp", ".temp", ".crdownload", ".part", ".partial", ".download", ".swp")


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


def is_candidate(path: Path) -> bool:
    """A file the inbox should take: supported, and not a temporary or system file."""
    name = path.name
    lower = name.lower()
    if lower in _IGNORED_NAMES or name.startswith((".", "~$", "~")):
        return False
    if lower.endswith(_IGNORED_SUFFIXES) or (name.startswith(".~lock.") and name.endswith("#")):
        return False
    return path.suffix.lower() in SUPPORTED


OUTCOME_LABELS = {
    "new": "新收",
    "version": "新版本",
    "duplicate": "重复",
    "failed": "无法解析",
    "skipped": "已收过",
    "vanished": "已消失",
    "refused": "未收取",
    "retry": "稍后重试",
    "recognising": "待识别",
}


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: new, version, duplicate, failed, skipped, vanished, refused,
    retry (a passing cause such as a full disk: nothing was recorded, try again later) or
    recognising (a scan, recorded as 识别中 for the recognition queue to read)."""

    path: str
    kind: str
    bulletin_id: int | None = None
    message: str = ""

    @property
    def retry_later(self) -> bool:
        """The file was not taken for a reason that may pass; the inbox should try again."""
        return self.kind == "retry"

    def line(self) -> str:
        labels = OUTCOME_LABELS
        ident = f" #{self.bulletin_id}" if self.bulletin_id is not None else ""
        extra = f"：{self.message}" if self.message else ""
        return f"{labels.get(self.kind, self.kind)}{ident} {self.path}{extra}"


class RepeatFilter:
    """Lets an outcome through unless it repeats what was last said of the same file.

    A file waiting for a full disk to clear is retried every minute; the person
    watching needs to hear of it once, and again only when something changes.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()

    def fresh(self, outcome: Outcome) -> bool:
        if outcome.kind == "skipped":
            return False
        said = (outcome.kind, outcome.message)
        with self._lock:
            if self._last.get(outcome.path) == said:
                return False
            self._last[outcome.path] = said
        return True


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    # A FIFO put in the inbox must not block the reader.
    | getattr(os, "O_NONBLOCK", 0)
)


class _Unreadable(Exception):
    """The file's bytes could not be had; ``lasting`` when retrying soon will not help."""

    def __init__(self, reason: str, *, lasting: bool, vanished: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.lasting = lasting
        self.vanished = vanished


def _read_regular(real: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file (never a device, a pipe or a link), within the size limit."""
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except FileNotFoundError as err:
        raise _Unreadable("文件在收取前已被删除或移走", lasting=False, vanished=True) from err
    except PermissionError as err:
        raise _Unreadable("没有读取权限", lasting=True) from err
    except OSError as err:
        raise _Unreadable(f"无法读取：{os_reason(err)}", lasting=False) from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("不是普通文件（可能是设备或管道）", lasting=True)
        if info.st_size > MAX_FILE_BYTES:
            raise _Unreadable(too_large_reason(info.st_size), lasting=True)
        chunks: list[bytes] = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:  # the file grew past the limit while being read
            raise _Unreadable(too_large_reason(MAX_FILE_BYTES + 1), lasting=True)
        return b"".join(chunks), info
    except OSError as err:
        raise _Unreadable(f"无法读取：{os_reason(err)}", lasting=False) from err
    finally:
        os.close(fd)


def parse_kept(path: Path, name: str, data: bytes) -> tuple[Bulletin | None, str | None]:
    """Parse the bytes kept (``path`` gives their kind); every failure becomes a reason.

    A scan (:class:`NeedsOcr`) gives neither a bulletin nor a reason when OCR is installed
    here: it waits for the recognition queue.
    """
    try:
        return parse_file(path, source=name, data=data), None
    except NeedsOcr as err:
        return None, (None if installed() else f"{err.reason}；{NOT_INSTALLED}")
    except InputError as err:
        return None, err.reason
    except RecursionError:
        return None, "文件结构嵌套过深，无法解析"
    except MemoryError:
        return None, "文件过于复杂，内存不足以解析"
    except Exception as err:  # a reader's own bug must not lose the file or stop the inbox
        return None, f"解析时程序出错（{type(err).__name__}），原件已保存，请把文件交给技术支持"


def ingest_file(
    store: Store,
    path: str | os.PathLike[str],
    *,
    user: str | None = None,
    inbox: str | os.PathLike[str] | None = None,
    relative: bool = False,
) -> Outcome:
    """Take one file into the archive. Never raises for a bad file: the outcome says why.

    With ``inbox``, a file that leads outside that folder (a link, a junction)
    is not read at all; with ``relative`` too (the watched inbox), the file is
    recorded by its place in the inbox (:func:`inbox_key`), the same from every
    desk. A cause that may pass (a full disk, a locked archive, a file being
    written) gives a ``retry`` outcome and records nothing.
    """
    ready = prepare(store, path, user=user, inbox=inbox, relative=relative)
    if isinstance(ready, Outcome):
        return ready
    try:
        store.keep_original(ready.sha256, ready.path.suffix, ready.data)  # before it is referred to
        arrival = ready.arrival(*ready.parse())
        return ready.outcome(store.add_many([arrival])[0], arrival)
    except (sqlite3.Error, StoreError, OSError) as err:
        return retry_outcome(ready.name, err)


def retry_outcome(name: str, err: Exception) -> Outcome:
    """The ``retry`` outcome for an archive or a disk that failed for now (nothing recorded)."""
    if isinstance(err, sqlite3.Error):
        return Outcome(name, "retry", message=f"档案暂时无法写入（{sqlite_reason(err)}），稍后重试")
    if isinstance(err, OSError):
        return Outcome(name, "retry", message=f"原件未能保存（{os_reason(err)}），稍后重试")
    return Outcome(name, "retry", message=f"档案暂时无法写入（{err}），稍后重试")


@dataclass(frozen=True)
class Ready:
    """A file read and hashed, new to the archive: what is left is to keep and record it."""

    path: Path
    name: str
    key: str
    mtime_ns: int
    data: bytes
    sha256: str
    user: str

    def parse(self) -> tuple[Bulletin | None, str | None]:
        """The bulletin, or why there is none (neither: a scan waiting for OCR)."""
        return parse_kept(self.path, self.name, self.data)

    def arrival(self, bulletin: Bulletin | None, failure: str | None) -> Arrival:
        return Arrival(
            source_path=self.key,
            source_name=display_path(self.path.name),
            sha256=self.sha256,
            size=len(self.data),
            mtime_ns=self.mtime_ns,
            bulletin=bulletin,
            failure=failure,
            user=self.user,
            recognising=bulletin is None and failure is None,
        )

    def outcome(self, added: Added, arrival: Arrival) -> Outcome:
        """What recording it did, in the words the inbox log and the command line use."""
        name = self.name
        if added.duplicate:  # another desk or process recorded the same bytes a moment ago
            existing = added.bulletin_id
            return Outcome(name, "duplicate", existing, f"与 #{existing} 内容相同，未重复收录")
        if arrival.recognising:
            return Outcome(name, "recognising", added.bulletin_id, "扫描件，等待文字识别")
        if arrival.bulletin is None:
            return Outcome(name, "failed", added.bulletin_id, arrival.failure or "")
        if added.previous is not None:
            return Outcome(name, "version", added.bulletin_id, f"替代 #{added.previous}")
        return Outcome(name, "new", added.bulletin_id)


def prepare(
    store: Store,
    path: str | os.PathLike[str],
    *,
    user: str | None = None,
    inbox: str | os.PathLike[str] | None = None,
    relative: bool = False,
    realpath: Callable[[Path], str] = os.path.realpath,
) -> Outcome | Ready:
    """Everything :func:`ingest_file` does before keeping and recording a new file: the
    checks, reading, hashing; an outcome when that already settles it. ``realpath`` may be
    a :class:`~editor.core.filenames.RealPaths` shared by many files."""
    path = Path(path)
    name = display_path(path)
    key = (inbox_key(path, Path(inbox)) if relative and inbox is not None else None) or name
    user = user or default_user()
    if inbox is not None:
        escaped = outside_folder(path, Path(inbox), realpath)
        if escaped is not None:
            where = display_path(escaped)
            return Outcome(name, "refused", message=f"这是指向收件箱以外（{where}）的链接，未收取")
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return Outcome(name, "refused", message="这是链接，它指向的文件不存在，未收取")
        return Outcome(name, "vanished", message="文件在收取前已被删除或移走")
    except OSError as err:
        if err.errno == errno.ELOOP:
            return Outcome(name, "refused", message="这是层层相套的链接，未收取")
        return Outcome(name, "retry", message=f"无法读取：{os_reason(err)}")
    if not stat.S_ISREG(info.st_mode):
        kind = "文件夹" if stat.S_ISDIR(info.st_mode) else "设备或管道"
        return Outcome(name, "refused", message=f"这不是普通文件（是{kind}），未收取")
    try:
        if store.known_source(key, info.st_size, info.st_mtime_ns) or (
            key != name and store.known_source(name, info.st_size, info.st_mtime_ns)
        ):  # (an archive from before inbox keys recorded the whole path)
            return Outcome(name, "skipped")
        return _read(store, Path(realpath(path)), path, name, key, info, user)
    except (sqlite3.Error, StoreError, OSError) as err:
        return retry_outcome(name, err)


def _read(
    store: Store, real: Path, path: Path, name: str, key: str, info: os.stat_result, user: str
) -> Outcome | Ready:
    try:
        data, info = _read_regular(real)
    except _Unreadable as err:
        if err.vanished:
            return Outcome(name, "vanished", message=err.reason)
        if not err.lasting:
            return Outcome(name, "retry", message=err.reason)
        recorded = store.add_unreadable(
            source_path=key,
            source_name=display_path(path.name),
            size=info.st_size,
            reason=err.reason,
            user=user,
        )
        if recorded is None:  # recorded already with this reason: say nothing again
            return Outcome(name, "skipped")
        return Outcome(name, "failed", recorded, err.reason)
    sha = hashlib.sha256(data).hexdigest()
    existing = store.id_for_sha(sha)
    if existing is not None:
        store.note_source(key, info.st_size, info.st_mtime_ns, sha, existing)
        return Outcome(name, "duplicate", existing, f"与 #{existing} 内容相同，未重复收录")
    return Ready(path, name, key, info.st_mtime_ns, data, sha, user)


INBOX_KEY = "收件箱/"
"""How the archive names a file of the watched inbox: ``收件箱/`` and its place in it."""


def inbox_key(path: Path, inbox: Path) -> str | None:
    """The name a file in the watched inbox is recorded under: its place in the inbox.

    Desks that share one archive reach one shared folder by different drive letters
    or mount points (``Z:\\简讯收件箱``, ``/mnt/office/简讯收件箱``); the whole path
    would make each desk take the other's files again as new ones. None when the
    file is not in the inbox.
    """
    try:
        place = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(inbox)))
    except ValueError:
        try:  # the same folder spelled another way (one of them through a link)
            folder = Path(os.path.realpath(Path(path).parent))
            place = (folder / Path(path).name).relative_to(Path(os.path.realpath(inbox)))
        except ValueError:
            return None
    if not place.parts:
        return None
    return INBOX_KEY + display_path(place.as_posix())


def inbox_known(store: Store, inbox: Path) -> Callable[[str, int, int], bool]:
    """The watcher's question "taken already?" for the watched inbox, asked by inbox key
    (and by the whole path, as archives from before inbox keys recorded it)."""

    def known(name: str, size: int, mtime_ns: int) -> bool:
        key = inbox_key(Path(name), inbox)
        if key is not None and store.known_source(key, size, mtime_ns):
            return True
        return store.known_source(name, size, mtime_ns)

    return known


def scan(folder: Path) -> list[Path]:
    """The candidate files directly in a folder, oldest first.

    Links and special files are included whatever they are, so that ingest can say
    why it does not take one (out of the inbox, dangling, a folder, a device, a pipe).
    """
    try:
        entries = [
            p for p in folder.iterdir() if is_candidate(p) and (p.is_symlink() or not p.is_dir())
        ]
    except OSError:
        return []

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(entries, key=lambda p: (mtime(p), p.name))


@dataclass(frozen=True)
class SourceView:
    """What the desk shows of an original: the text the parser read (line numbers match
    its spans), where each line sits on a PDF's pages, and the PDF itself."""

    text: str
    boxes: dict[int, tuple[int, float, float, float, float]]  # line: page, x0, bottom, x1, top
    pdf: bytes | None  # the PDF's bytes when there are boxes to show on it (an image's: made one)
    doubts: dict[int, tuple[int, ...]] = field(default_factory=dict)  # line: OCR's unsure chars


def source_view(store: Store, sha256: str, source_name: str) -> SourceView:
    """The original, read once from the archive (a file here, or the database server).

    An original that cannot be read as text gives a short explanation instead.
    """
    if sha256.startswith(UNREADABLE_KEY):
        return SourceView("（这份文件没能读取，档案里没有它的原件）", {}, None)
    suffix = Path(source_name).suffix.lower()
    try:
        data = store.read_original(sha256, source_name)
        if suffix == ".docx":
            from editor.core.reading.docx import read_docx  # (python-docx: only when needed)

            return SourceView(read_docx(source_name, data=data).text, {}, None)
        if suffix == ".pdf" or suffix in IMAGE_SUFFIXES:
            return _page_view(store, sha256, source_name, data)
        return SourceView(decode_bytes(data, source_name).text, {}, None)
    except InputError as err:
        return SourceView(f"（原件无法作为文本显示：{err.reason}）", {}, None)
    except OSError as err:
        return SourceView(f"（找不到原件：{os_reason(err)}）", {}, None)


def _page_view(store: Store, sha256: str, source_name: str, data: bytes) -> SourceView:
    """A PDF's or a scan's text with its lines' places; a scan's as OCR read it (kept in the
    archive), or its pages alone while it waits to be read."""
    read = kept_reading(store, sha256)
    if read is None:
        from editor.core.reading.pdf import read_pdf  # (pypdfium2: only when needed)

        try:
            read = read_pdf(source_name, data=data)
        except NeedsOcr:
            waiting = "（扫描件：文字识别完成后，这里显示识别出的文字）"
            return SourceView(waiting, {}, page_pdf(source_name, data))
    pages = page_pdf(source_name, data) if read.boxes else None
    return SourceView(read.text, read.boxes, pages, read.doubts)


def source_text(store: Store, sha256: str, source_name: str) -> str:
    """The text the parser read for a stored original (what the source pane shows)."""
    return source_view(store, sha256, source_name).text
