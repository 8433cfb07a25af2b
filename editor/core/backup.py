"""Back up the archive and restore it: the database by SQLite's online backup, and the originals.

A backup is a folder holding ``jianxun.sqlite3`` (a consistent copy taken while
the desk may be running, switched to a rollback journal so it is one
self-contained file with no ``-wal`` or ``-shm`` beside it) and ``originals/``.
The database is written under a temporary name and renamed last, so a folder
with ``jianxun.sqlite3`` in it is a complete backup; a backup that fails
(no permission, a full disk) removes what it wrote. A folder that already holds
a backup is replaced only when asked (``overwrite``).

Restoring checks everything before writing anything: the database is an intact
archive this version can read, and every bulletin's original is in the backup
(``partial`` restores without the missing ones and reports how many). It goes
into an empty data directory only, and a failure takes back what it wrote, so
nothing is overwritten and nothing is half restored.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.paths import (
    ARCHIVE_DAMAGED,
    DATABASE_NAME,
    NOT_A_FOLDER,
    ORIGINALS_NAME,
    DataDir,
    DataDirError,
    archive_version,
    connect_read_only,
    read_reason,
    sqlite_reason,
    write_reason,
)
from editor.core.store.schema import SCHEMA_VERSION

BACKUP_DAMAGED = "备份的数据库已损坏或不是简讯编审台的备份"
_PART = ".part"
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message names the place and says why."""


class BackupExists(BackupError):
    """The folder already holds a backup, and replacing it was not asked for."""


class OriginalsMissing(BackupError):
    """The backup lacks originals some bulletins need; restoring anyway must be asked for."""

    def __init__(self, folder: Path, missing: int, total: int) -> None:
        super().__init__(
            f"{folder}：备份里缺少 {missing} 个原件（应有 {total} 个），"
            "恢复后这些简报将无法查看原件"
        )
        self.missing = missing
        self.total = total


@dataclass(frozen=True)
class BackupReport:
    bulletins: int
    originals: int
    target: Path
    missing: int = 0
    """Originals the bulletins need that the backup lacked (only with ``partial``)."""


class _Undo:
    """What one backup or restore created, so a failure can take all of it back."""

    def __init__(self) -> None:
        self.created: list[Path] = []

    def folder(self, folder: Path) -> None:
        """Make ``folder`` and any missing parents, remembering each one made."""
        missing: list[Path] = []
        path = folder
        while not path.exists():
            missing.append(path)
            path = path.parent
        for path in reversed(missing):
            path.mkdir()
            self.created.append(path)
        if not folder.is_dir():
            raise BackupError(f"{folder}：{NOT_A_FOLDER}")

    def undo(self) -> None:
        for path in reversed(self.created):
            with contextlib.suppress(OSError):
                if path.is_dir():
                    path.rmdir()  # only if empty: never anything that was there before
                else:
                    path.unlink()


def _exists(path: Path, place: Path) -> bool:
    """Whether ``path`` exists; a folder that cannot even be looked into is an error."""
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as err:
        raise BackupError(f"{place}：{read_reason(err)}") from err
    return True


def _write_database(source: sqlite3.Connection, partial: Path, undo: _Undo) -> int:
    """Copy the open archive page by page into ``partial``, as one file; its bulletin count."""
    with partial.open("wb"):  # made here first: a refusal gives an OS reason, not SQLite's
        pass
    undo.created.append(partial)
    copy = sqlite3.connect(partial, isolation_level=None)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # no -wal or -shm beside the copy
        count = int(copy.execute("SELECT count(*) FROM bulletins").fetchone()[0])
    finally:
        copy.close()
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    return count


def _copy_originals(source: Path, target: Path, undo: _Undo) -> int:
    """Copy every original not already there at the same size; how many the source has."""
    undo.folder(target)
    if not source.is_dir():
        return 0
    copied = 0
    for original in sorted(source.iterdir()):
        if original.name.startswith(".") or not original.is_file():
            continue
        destination = target / original.name
        if destination.is_file() and destination.stat().st_size == original.stat().st_size:
            copied += 1
            continue
        if not destination.exists():
            undo.created.append(destination)
        shutil.copy2(original, destination)
        copied += 1
    return copied


def _failure(err: OSError | sqlite3.Error, place: Path, what: str) -> BackupError:
    """The one-line error for a backup or restore that stopped partway."""
    if isinstance(err, sqlite3.Error):
        return BackupError(f"{place}：{sqlite_reason(err)}，{what}")
    where = Path(err.filename) if isinstance(err.filename, str) else place
    reading = not where.is_relative_to(place)
    reason = read_reason(err) if reading else write_reason(err)
    return BackupError(f"{where if reading else place}：{reason}，{what}")


def backup(data: DataDir, folder: Path, *, overwrite: bool = False) -> BackupReport:
    """Copy the archive into ``folder`` (made if needed); replace a backup there only if asked."""
    try:
        data.check()
        source = connect_read_only(data.database)
    except DataDirError as err:
        raise BackupError(str(err)) from err
    except sqlite3.Error as err:
        raise BackupError(f"{data.database}：{sqlite_reason(err)}") from err
    try:
        try:
            archive_version(source, data.database)
        except DataDirError as err:
            raise BackupError(str(err)) from err
        except sqlite3.Error as err:
            raise BackupError(f"{data.database}：{sqlite_reason(err)}") from err
        target = folder / DATABASE_NAME
        if _exists(target, folder) and not overwrite:
            raise BackupExists(f"{folder}：这里已经有一份备份，不会覆盖")
        undo = _Undo()
        try:
            undo.folder(folder)
            partial = folder / (DATABASE_NAME + _PART)
            bulletins = _write_database(source, partial, undo)
            originals = _copy_originals(data.originals, folder / ORIGINALS_NAME, undo)
            partial.replace(target)
        except (OSError, sqlite3.Error) as err:
            undo.undo()
            if isinstance(err, sqlite3.Error) and sqlite_reason(err) == ARCHIVE_DAMAGED:
                raise BackupError(f"{data.database}：{ARCHIVE_DAMAGED}") from err
            raise _failure(err, folder, "备份没有完成") from err
        except BackupError:
            undo.undo()
            raise
    finally:
        source.close()
    if overwrite:
        _drop_stale_originals(data.originals, folder / ORIGINALS_NAME)
    return BackupReport(bulletins, originals, folder)


def _drop_stale_originals(source: Path, target: Path) -> None:
    """After replacing a backup: originals the archive no longer has go, like the rest of it."""
    keep = {p.name for p in source.iterdir()} if source.is_dir() else set()
    for original in target.iterdir():
        if original.is_file() and original.name not in keep:
            with contextlib.suppress(OSError):
                original.unlink()


def _open_backup(source: Path) -> tuple[sqlite3.Connection, int]:
    """The backup's database, checked to be an intact archive this version can read."""
    damaged = BackupError(f"{source}：{BACKUP_DAMAGED}")
    try:
        if not source.is_file() or source.stat().st_size == 0:
            raise damaged
        conn = connect_read_only(source)
    except OSError as err:
        raise BackupError(f"{source}：{read_reason(err)}") from err
    except (sqlite3.Error, DataDirError) as err:
        raise damaged from err
    try:
        version = archive_version(conn, source)
        if version > SCHEMA_VERSION:
            raise BackupError(f"{source}：备份来自更新版本的简讯编审台，请先升级")
        if version == 0 or conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise damaged
        count = int(conn.execute("SELECT count(*) FROM bulletins").fetchone()[0])
    except (sqlite3.Error, DataDirError) as err:
        conn.close()
        raise damaged from err
    except BackupError:
        conn.close()
        raise
    return conn, count


def _missing_originals(conn: sqlite3.Connection, originals: Path) -> tuple[int, int]:
    """(missing, needed): originals the bulletins need that are absent or cut short.

    Named by sha256 and suffix, as the SQLite store names them; a record of a
    file that could never be read has no bytes, no sha256 and so no original.
    """
    missing = needed = 0
    for sha256, source_name, size in conn.execute(
        "SELECT sha256, source_name, size FROM bulletins"
    ):
        if not _SHA256.fullmatch(sha256):
            continue
        needed += 1
        original = originals / f"{sha256}{Path(source_name).suffix.lower()}"
        try:
            if original.stat().st_size != size:
                missing += 1
        except OSError:
            missing += 1
    return missing, needed


def restore(folder: Path, data: DataDir, *, partial: bool = False) -> BackupReport:
    """Restore a backup folder into an empty data directory, having checked all of it first."""
    source = folder / DATABASE_NAME
    if not _exists(source, folder):
        raise BackupError(f"{folder}：不是备份文件夹（找不到 {DATABASE_NAME}）")
    if _exists(data.root, data.root) and not data.root.is_dir():
        raise BackupError(f"{data.root}：{NOT_A_FOLDER}")
    if _exists(data.database, data.root):
        raise BackupError(f"{data.root}：这里已经有档案，只能恢复到空的数据目录")
    conn, bulletins = _open_backup(source)
    try:
        missing, needed = _missing_originals(conn, folder / ORIGINALS_NAME)
        if missing and not partial:
            raise OriginalsMissing(folder, missing, needed)
        undo = _Undo()
        try:
            undo.folder(data.root)
            undo.folder(data.originals)
            part = data.root / (DATABASE_NAME + _PART)
            _write_database(conn, part, undo)
            originals = _copy_originals(folder / ORIGINALS_NAME, data.originals, undo)
            part.replace(data.database)
        except (OSError, sqlite3.Error) as err:
            undo.undo()
            raise _failure(err, data.root, "没有恢复任何内容") from err
        except BackupError:
            undo.undo()
            raise
    finally:
        conn.close()
    return BackupReport(bulletins, originals, data.root, missing)


# --- an archive on a PostgreSQL server ------------------------------------------------------
#
# A server archive's backup is a folder holding ``jianxun.dump`` (``pg_dump -Fc --no-owner``:
# the tables and the originals in them) and ``backup.json``, a small manifest (the address
# without its password, when, the schema version, the counts). The dump is taken from the
# same snapshot the counts are read in, written under a temporary name and renamed last, so
# a folder with ``jianxun.dump`` in it is a complete backup. Restoring goes into an empty
# database only, in one transaction (a failure leaves the database as it was), and is then
# opened as an archive and checked against the manifest's counts. The password never goes
# on a command line or into a message: the child program gets it as PGPASSWORD.

DUMP_NAME = "jianxun.dump"
MANIFEST_NAME = "backup.json"
MANIFEST_KIND = "简讯编审台服务器档案备份"
_COUNTS = ("bulletins", "revisions", "originals")
_COUNT_QUERY = (
    "SELECT (SELECT count(*) FROM bulletins), (SELECT count(*) FROM revisions), "
    "(SELECT count(*) FROM originals)"
)
_CHILD_TIMEOUT = 6 * 3600.0


@dataclass(frozen=True)
class ServerReport:
    """What a server backup or restore did; ``place`` is the address without its password."""

    bulletins: int
    originals: int
    revisions: int
    place: str
    folder: Path


def _version_key(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name))


def pg_program(name: str) -> Path | None:
    """PostgreSQL's ``name`` program (``pg_dump``, ``pg_restore``): on PATH (the Windows
    installer's bin folder is put there), else the newest Debian one; None if neither."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / name).is_file()),
        key=_version_key,
    )
    return candidates[-1] / name if candidates else None


def _child(url: str) -> tuple[str, dict[str, str]]:
    """The connection string for a child program (no password) and its environment
    (the password, if the address has one, as PGPASSWORD; messages in English, unshown)."""
    import psycopg

    try:
        params = dict(psycopg.conninfo.conninfo_to_dict(url))
    except psycopg.Error:
        params = {}
    env = {**os.environ, "LC_MESSAGES": "C", "PGCONNECT_TIMEOUT": "10"}
    password = params.pop("password", None)
    if password:
        env["PGPASSWORD"] = str(password)
    conninfo = psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in params.items()})
    return conninfo, env


def _run_child(argv: list[str], env: dict[str, str]) -> int:
    """Run a PostgreSQL program quietly: its output (English, and it may name the server)
    is never shown; only its exit code is used."""
    import subprocess

    try:
        done = subprocess.run(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_CHILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return -1
    return done.returncode


def _program(name: str, place: str) -> Path:
    program = pg_program(name)
    if program is None:
        raise BackupError(
            f"{place}：这台电脑上找不到 PostgreSQL 的 {name} 程序"
            "（请安装 PostgreSQL 客户端程序，并把它的 bin 文件夹加入 PATH）"
        )
    return program


def _open_server(url: str, place: str, *, read_only: bool) -> Any:
    """The server's archive (a PgStore), its errors as BackupError in Chinese."""
    from editor.core.store import SchemaTooNew, StoreError, open_store

    try:
        return open_store(url, create=False, read_only=read_only)
    except (StoreError, SchemaTooNew) as err:
        raise BackupError(str(err)) from err


def backup_server(url: str, folder: Path, *, overwrite: bool = False) -> ServerReport:
    """Dump the server archive at ``url`` into ``folder`` (made if needed) with pg_dump;
    replace a backup there only if asked."""
    import json
    from datetime import UTC, datetime

    import psycopg

    from editor.core.store import database_place
    from editor.core.store.pg import pg_reason

    place = database_place(url)
    program = _program("pg_dump", place)
    store = _open_server(url, place, read_only=True)
    try:
        version = int(store.schema_version())
    finally:
        store.close()
    target = folder / DUMP_NAME
    if (_exists(target, folder) or _exists(folder / DATABASE_NAME, folder)) and not overwrite:
        raise BackupExists(f"{folder}：这里已经有一份备份，不会覆盖")
    conninfo, env = _child(url)
    undo = _Undo()
    try:
        undo.folder(folder)
        partial = folder / (DUMP_NAME + _PART)
        with psycopg.connect(url, autocommit=False, connect_timeout=10) as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            row = conn.execute(_COUNT_QUERY).fetchone()
            assert row is not None
            counts = dict(zip(_COUNTS, (int(n) for n in row), strict=True))
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()
            assert snapshot is not None
            if not partial.exists():
                undo.created.append(partial)
            code = _run_child(
                [
                    str(program),
                    "-Fc",
                    "--no-owner",
                    f"--snapshot={snapshot[0]}",
                    "-f",
                    str(partial),
                    "-d",
                    conninfo,
                ],
                env,
            )
            conn.rollback()
        if code != 0:
            raise BackupError(
                f"{place}：pg_dump 没有完成备份（退出码 {code}；请检查服务器、用户权限，"
                "以及 pg_dump 的版本不低于服务器的版本）"
            )
        manifest = {
            "what": MANIFEST_KIND,
            "format": "pg_dump -Fc --no-owner",
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": place,
            "schema_version": version,
            **counts,
        }
        manifest_path = folder / MANIFEST_NAME
        if not manifest_path.exists():
            undo.created.append(manifest_path)
        manifest_path.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
    except psycopg.Error as err:
        undo.undo()
        raise BackupError(f"{place}：{pg_reason(err)}，备份没有完成") from err
    except OSError as err:
        undo.undo()
        raise _failure(err, folder, "备份没有完成") from err
    except BackupError:
        undo.undo()
        raise
    return ServerReport(
        counts["bulletins"], counts["originals"], counts["revisions"], place, folder
    )


def _read_manifest(folder: Path) -> dict[str, Any]:
    import json

    path = folder / MANIFEST_NAME
    damaged = BackupError(f"{path}：{BACKUP_DAMAGED}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise damaged from err
    except OSError as err:
        raise BackupError(f"{path}：{read_reason(err)}") from err
    except ValueError as err:
        raise damaged from err
    if not isinstance(manifest, dict) or manifest.get("what") != MANIFEST_KIND:
        raise damaged
    for key in ("schema_version", *_COUNTS):
        if not isinstance(manifest.get(key), int):
            raise damaged
    return manifest


def restore_server(folder: Path, url: str) -> ServerReport:
    """Restore a server backup folder into the empty database at ``url`` with pg_restore,
    then open it as an archive and check it holds what the manifest says."""
    import psycopg

    from editor.core.store import database_place
    from editor.core.store.pg import pg_reason
    from editor.core.store.pg_schema import UnsuitableDatabase, check_database

    place = database_place(url)
    source = folder / DUMP_NAME
    if not _exists(source, folder):
        if _exists(folder / DATABASE_NAME, folder):
            raise BackupError(
                f"{folder}：这是单机档案（SQLite）的备份，不能恢复到数据库服务器上；"
                "请不加 --database 恢复到空的数据目录"
            )
        raise BackupError(f"{folder}：不是备份文件夹（找不到 {DUMP_NAME}）")
    manifest = _read_manifest(folder)
    if manifest["schema_version"] > SCHEMA_VERSION:
        raise BackupError(f"{folder}：备份来自更新版本的简讯编审台，请先升级")
    program = _program("pg_restore", place)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            row = conn.execute(
                "SELECT count(*), bool_or(c.relname = 'schema_version') FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
            ).fetchone()
            assert row is not None
            if row[1]:
                raise BackupError(f"{place}：这里已经有档案，只能恢复到空的数据库")
            if row[0]:
                raise BackupError(f"{place}：数据库里已有别的程序的表，只能恢复到空的数据库")
            check_database(conn)
    except UnsuitableDatabase as err:
        raise BackupError(f"{place}：{err}") from err
    except psycopg.Error as err:
        raise BackupError(f"{place}：{pg_reason(err)}") from err
    conninfo, env = _child(url)
    code = _run_child(
        [
            str(program),
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "-d",
            conninfo,
            str(source),
        ],
        env,
    )
    if code != 0:
        raise BackupError(
            f"{place}：pg_restore 没有完成恢复（退出码 {code}），数据库没有改动；"
            "请检查备份文件、用户权限，以及 pg_restore 的版本不低于备份时 pg_dump 的版本"
        )
    _open_server(url, place, read_only=False).close()  # an archive this version can use
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            row = conn.execute(_COUNT_QUERY).fetchone()
    except psycopg.Error as err:
        raise BackupError(f"{place}：{pg_reason(err)}") from err
    assert row is not None
    counts = dict(zip(_COUNTS, (int(n) for n in row), strict=True))
    if any(counts[key] != manifest[key] for key in _COUNTS):
        raise BackupError(
            f"{place}：恢复后的档案与备份清单不符（简报 {counts['bulletins']} 份，"
            f"清单上 {manifest['bulletins']} 份），备份可能已损坏"
        )
    return ServerReport(
        counts["bulletins"], counts["originals"], counts["revisions"], place, folder
    )
