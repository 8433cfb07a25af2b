"""Back up the archive and restore it: the database by SQLite's online backup, and the originals.

The backup is a folder: ``jianxun.sqlite3`` (a consistent copy taken while the
app may be running) and ``originals/``. Restoring goes into an empty data
directory only, so nothing is ever overwritten.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from editor.core.paths import DataDir
from editor.core.store.schema import SCHEMA_VERSION


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True)
class BackupReport:
    bulletins: int
    originals: int
    target: Path


def _count(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM bulletins").fetchone()[0])
    finally:
        conn.close()


def _copy_originals(source: Path, target: Path) -> int:
    target.mkdir(parents=True, exist_ok=True)
    copied = 0
    for original in source.glob("*"):
        if original.name.startswith(".") or not original.is_file():
            continue
        destination = target / original.name
        if not destination.exists() or destination.stat().st_size != original.stat().st_size:
            shutil.copy2(original, destination)
        copied += 1
    return copied


def backup(data: DataDir, folder: Path) -> BackupReport:
    """Copy the archive into ``folder`` (created if needed; an earlier backup there is replaced)."""
    if not data.database.exists():
        raise BackupError(f"{data.root}：这里没有档案（找不到 {data.database.name}）")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / data.database.name
    partial = folder / (data.database.name + ".part")
    source = sqlite3.connect(f"file:{data.database}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
    except sqlite3.Error as err:
        raise BackupError(f"{folder}：备份数据库失败（{err}）") from err
    finally:
        copy.close()
        source.close()
    partial.replace(target)
    originals = _copy_originals(data.originals, folder / "originals")
    return BackupReport(_count(target), originals, folder)


def restore(folder: Path, data: DataDir) -> BackupReport:
    """Restore a backup folder into an empty data directory."""
    source = folder / data.database.name
    if not source.exists():
        raise BackupError(f"{folder}：不是备份文件夹（找不到 {source.name}）")
    if data.database.exists():
        raise BackupError(f"{data.root}：这里已经有档案，只能恢复到空的数据目录")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    if not ok:
        raise BackupError(f"{source}：备份的数据库已损坏")
    if version > SCHEMA_VERSION:
        raise BackupError(f"{source}：备份来自更新版本的简讯编审台，请先升级")
    data.root.mkdir(parents=True, exist_ok=True)
    partial = data.root / (data.database.name + ".part")
    shutil.copy2(source, partial)
    originals = _copy_originals(folder / "originals", data.originals)
    partial.replace(data.database)
    return BackupReport(_count(data.database), originals, data.root)
