"""Where the app keeps its data, one folder holding the database and the originals, and opening it.

The user data directory from platformdirs, unless ``--data-dir`` or the
``JIANXUN_DATA_DIR`` environment variable say otherwise; the default inbox is
a folder in the user's documents.

A data directory that cannot be used (missing, a file, read-only, no
permission, a damaged database) is a :class:`DataDirError` whose message names
the place and says why in plain Chinese: never an errno or SQLite text.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.errors import os_reason

if TYPE_CHECKING:  # SQLite loads with the archive (the desk paints its window before that);
    # platformdirs and tempfile where they are used (a start given its folders needs neither)
    import sqlite3

APP = "jianxun"
ENV_DATA_DIR = "JIANXUN_DATA_DIR"
DEFAULT_INBOX_NAME = "简讯收件箱"
DATABASE_NAME = "jianxun.sqlite3"
ORIGINALS_NAME = "originals"

NO_ARCHIVE = "这里还没有档案"
ARCHIVE_DAMAGED = "数据库文件已损坏或不是简讯编审台的档案"
NOT_A_FOLDER = "不是文件夹"


class DataDirError(Exception):
    """The data directory cannot be used; the message names the place and says why."""


def write_reason(err: OSError) -> str:
    """Why something could not be written, in plain Chinese."""
    if err.errno in (errno.EACCES, errno.EPERM) or isinstance(err, PermissionError):
        return "没有写入权限"
    if err.errno == errno.EROFS:
        return "没有写入权限（磁盘或文件夹是只读的）"
    return os_reason(err)


def read_reason(err: OSError) -> str:
    """Why something could not be read, in plain Chinese."""
    if err.errno in (errno.EACCES, errno.EPERM) or isinstance(err, PermissionError):
        return "没有访问权限"
    return os_reason(err)


def sqlite_reason(err: sqlite3.Error) -> str:
    """What an SQLite error means for the archive, in plain Chinese (its own text is English)."""
    name = getattr(err, "sqlite_errorname", None) or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return ARCHIVE_DAMAGED
    if name.startswith("SQLITE_FULL"):
        return "磁盘空间已满"
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")):
        return "没有写入权限"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "档案正被其他程序占用，请稍后再试"
    if name.startswith("SQLITE_IOERR"):
        return "读写出错（磁盘或网络故障）"
    if name.startswith("SQLITE_CANTOPEN"):
        return "无法打开数据库文件"
    if name.startswith("SQLITE_NOMEM"):
        return "内存不足"
    return "数据库出错"


def _probe(folder: Path) -> None:
    """Create and remove a file: the only honest test that a folder can be written."""
    import tempfile  # (here: most commands never write a data directory)

    fd, name = tempfile.mkstemp(dir=folder, prefix=".jianxun-probe-")
    os.close(fd)
    os.unlink(name)


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def originals(self) -> Path:
        return self.root / ORIGINALS_NAME

    def check(self) -> DataDir:
        """The folder holds an archive; creates nothing (reading commands, a mistyped path)."""
        try:
            info = self.root.stat()
        except FileNotFoundError:
            raise DataDirError(f"{self.root}：{NO_ARCHIVE}（文件夹不存在）") from None
        except OSError as err:
            raise DataDirError(f"{self.root}：{read_reason(err)}") from err
        if not stat.S_ISDIR(info.st_mode):
            raise DataDirError(f"{self.root}：{NOT_A_FOLDER}")
        try:
            info = self.database.stat()
        except FileNotFoundError:
            raise DataDirError(f"{self.root}：{NO_ARCHIVE}（找不到 {DATABASE_NAME}）") from None
        except OSError as err:
            raise DataDirError(f"{self.root}：{read_reason(err)}") from err
        if not stat.S_ISREG(info.st_mode):
            raise DataDirError(f"{self.database}：{ARCHIVE_DAMAGED}")
        return self

    def ensure(self) -> DataDir:
        """Create the folders and prove they, and the database if any, can be written.

        Checked here so that a read-only or forbidden folder is one clear
        message up front, not a PermissionError or SQLite error halfway through.
        """
        if self.root.is_file():
            raise DataDirError(f"{self.root}：{NOT_A_FOLDER}")
        try:
            self.originals.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise DataDirError(f"{self.originals}：{NOT_A_FOLDER}") from None
        except OSError as err:
            raise DataDirError(f"{self.root}：{write_reason(err)}") from err
        for folder in (self.root, self.originals):
            try:
                _probe(folder)
            except OSError as err:
                raise DataDirError(f"{folder}：{write_reason(err)}") from err
        if self.database.is_dir():
            raise DataDirError(f"{self.database}：{ARCHIVE_DAMAGED}")
        try:
            with self.database.open("r+b"):
                pass
        except FileNotFoundError:
            pass  # a new archive: SQLite creates it in the folder just proven writable
        except OSError as err:
            raise DataDirError(f"{self.database}：{write_reason(err)}") from err
        return self


def connect_read_only(database: Path, *, timeout: float = 10) -> sqlite3.Connection:
    """Open an archive without writing a byte, even in a read-only folder.

    ``mode=ro`` first: it sees what a running desk has written to its WAL. In a
    read-only folder a WAL database cannot make its ``-shm`` index; then, if no
    ``-wal`` file holds changes not yet in the database, the file is read as
    immutable, which is exact because nothing can change it there.
    """
    import sqlite3

    uri = database.absolute().as_uri()
    conn = sqlite3.connect(
        f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as err:
        conn.close()
        if getattr(err, "sqlite_errorname", None) != "SQLITE_CANTOPEN":
            raise
        wal = database.with_name(database.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise DataDirError(
                f"{database}：档案里有尚未写完的更改，只读时无法打开；请在可写的数据目录里打开一次"
            ) from err
    conn = sqlite3.connect(
        f"{uri}?immutable=1",
        uri=True,
        timeout=timeout,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def archive_version(conn: sqlite3.Connection, database: Path) -> int:
    """The archive's schema version; a database some other program made is refused, untouched."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise DataDirError(f"{database}：{ARCHIVE_DAMAGED}")
    return version


def data_dir(override: str | os.PathLike[str] | None = None) -> DataDir:
    """The data directory: the override, else $JIANXUN_DATA_DIR, else the platform's."""
    if override is not None:
        return DataDir(Path(override).expanduser())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return DataDir(Path(env).expanduser())
    import platformdirs  # (here: an override, the usual case of the CLI, needs none of it)

    return DataDir(Path(platformdirs.user_data_dir(APP, appauthor=False)))


def default_inbox() -> Path:
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / DEFAULT_INBOX_NAME
