"""Take one file from the inbox into the archive, nothing lost, nothing twice.

The bytes are read once, hashed, and copied into the data directory (named by
their sha256) before the bulletin is recorded, so deleting or changing the
inbox file later loses nothing; the inbox file itself is never touched. Same
bytes again are a duplicate; unreadable input is recorded as failed, with the
reason and the original kept.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from editor.core.errors import InputError
from editor.core.model import Bulletin
from editor.core.parsing import parse_file
from editor.core.reading.docx import read_docx
from editor.core.reading.pdf import read_pdf
from editor.core.reading.text import decode_bytes
from editor.core.store import Store

SUPPORTED = (".txt", ".docx", ".pdf")
MAX_BYTES = 256 * 1024 * 1024
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
}


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: new, version, duplicate, failed, skipped or vanished."""

    path: str
    kind: str
    bulletin_id: int | None = None
    message: str = ""

    def line(self) -> str:
        labels = OUTCOME_LABELS
        ident = f" #{self.bulletin_id}" if self.bulletin_id is not None else ""
        extra = f"：{self.message}" if self.message else ""
        return f"{labels.get(self.kind, self.kind)}{ident} {self.path}{extra}"


INCOMING = ".incoming-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but not ours, or (Windows) cannot tell: leave it
        return True
    return True


def sweep_incoming(originals: Path) -> int:
    """Remove half-copied originals left by a process that was killed; returns how many."""
    removed = 0
    for temp in originals.glob(f"{INCOMING}*"):
        pid_text = temp.name[len(INCOMING) :].split("-", 1)[0]
        if pid_text.isdigit() and not _alive(int(pid_text)):
            with contextlib.suppress(OSError):
                temp.unlink()
                removed += 1
    return removed


def _keep_original(store: Store, data: bytes, sha: str, suffix: str) -> Path:
    """Copy the bytes into the originals folder, atomically, once per content."""
    target = store.data.originals / f"{sha}{suffix.lower()}"
    if target.exists() and target.stat().st_size == len(data):
        return target
    fd, temp = tempfile.mkstemp(dir=store.data.originals, prefix=f"{INCOMING}{os.getpid()}-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    return target


def ingest_file(store: Store, path: str | os.PathLike[str], *, user: str | None = None) -> Outcome:
    """Take one file into the archive. Never raises for a bad file: the outcome says why."""
    path = Path(path)
    name = str(path)
    user = user or default_user()
    try:
        info = path.stat()
    except FileNotFoundError:
        return Outcome(name, "vanished", message="文件在收取前已被删除或移走")
    except OSError as err:
        return Outcome(name, "failed", message=f"无法读取：{err.strerror or err}")
    if store.known_source(name, info.st_size, info.st_mtime_ns):
        return Outcome(name, "skipped")
    if info.st_size > MAX_BYTES:
        return Outcome(name, "failed", message=f"文件过大（{info.st_size // (1024 * 1024)} MB）")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Outcome(name, "vanished", message="文件在收取前已被删除或移走")
    except OSError as err:
        return Outcome(name, "failed", message=f"无法读取：{err.strerror or err}")
    sha = hashlib.sha256(data).hexdigest()
    existing = store.id_for_sha(sha)
    if existing is not None:
        store.note_source(name, info.st_size, info.st_mtime_ns, sha, existing)
        return Outcome(name, "duplicate", existing, f"与 #{existing} 内容相同，未重复收录")
    original = _keep_original(store, data, sha, path.suffix)
    bulletin: Bulletin | None
    failure: str | None = None
    try:
        bulletin = parse_file(original, source=name, data=data)
    except InputError as err:
        bulletin, failure = None, err.reason
    bulletin_id, previous = store.add(
        source_path=name,
        source_name=path.name,
        sha256=sha,
        size=len(data),
        mtime_ns=info.st_mtime_ns,
        bulletin=bulletin,
        failure=failure,
        user=user,
    )
    if bulletin is None:
        return Outcome(name, "failed", bulletin_id, failure or "")
    if previous is not None:
        return Outcome(name, "version", bulletin_id, f"替代 #{previous}")
    return Outcome(name, "new", bulletin_id)


def scan(folder: Path) -> list[Path]:
    """The candidate files directly in a folder, oldest first."""
    try:
        entries = [p for p in folder.iterdir() if p.is_file() and is_candidate(p)]
    except OSError:
        return []

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(entries, key=lambda p: (mtime(p), p.name))


def original_path(store: Store, sha256: str, source_name: str) -> Path:
    return store.data.originals / f"{sha256}{Path(source_name).suffix.lower()}"


def source_text(store: Store, sha256: str, source_name: str) -> str:
    """The text the parser read for a stored original (what the source pane shows).

    Line numbers match the parser's spans. An original that cannot be read as
    text gives a short explanation instead.
    """
    original = original_path(store, sha256, source_name)
    try:
        if original.suffix == ".docx":
            return read_docx(original).text
        if original.suffix == ".pdf":
            return read_pdf(original).text
        return decode_bytes(original.read_bytes(), str(original)).text
    except InputError as err:
        return f"（原件无法作为文本显示：{err.reason}）"
    except OSError as err:
        return f"（找不到原件：{err.strerror or err}）"


def source_boxes(
    store: Store, sha256: str, source_name: str
) -> dict[int, tuple[int, float, float, float, float]]:
    """For a PDF original: where each source line sits (page, x0, bottom, x1, top)."""
    original = original_path(store, sha256, source_name)
    if original.suffix != ".pdf":
        return {}
    try:
        return read_pdf(original).boxes
    except InputError:
        return {}
