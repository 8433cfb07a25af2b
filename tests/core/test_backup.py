"""Backup and restore: restoring into an empty data directory gives the same archive."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from support.messages import plain
from support.mounts import read_only, small_disk

from editor.core.backup import BackupError, BackupExists, OriginalsMissing, backup, restore
from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.core.store import SqliteStore


def digest(
    data: DataDir,
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], dict[str, str]]:
    conn = sqlite3.connect(data.database)
    bulletins = conn.execute(
        "SELECT id, sha256, status, parsed, current FROM bulletins ORDER BY id"
    ).fetchall()
    revisions = conn.execute("SELECT * FROM revisions ORDER BY id").fetchall()
    conn.close()
    originals = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in data.originals.iterdir()
        if p.is_file()
    }
    return bulletins, revisions, originals


def test_backup_then_restore_into_an_empty_data_dir(tmp_path: Path, sample_text: str) -> None:
    data = DataDir(tmp_path / "data")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with SqliteStore(data) as store:
        for index in range(5):
            path = inbox / f"{index}.txt"
            path.write_text(sample_text + f"\n第{index}份。\n", encoding="utf-8")
            ingest_file(store, path)
        (inbox / "bad.txt").write_bytes(bytes(range(256)) * 4)
        ingest_file(store, inbox / "bad.txt")
        first = store.get(1).current
        assert first is not None
        first.masthead.issue = 10
        store.save_edit(1, first, "编辑")
        store.transition(2, "approve", "主任")
        report = backup(data, tmp_path / "备份")  # while the store is open, as the app would be
    assert (report.bulletins, report.originals) == (6, 6)

    fresh = DataDir(tmp_path / "new-pc")
    restored = restore(tmp_path / "备份", fresh)
    assert restored.bulletins == 6
    assert digest(fresh) == digest(data)
    with SqliteStore(fresh) as store:
        assert store.integrity_ok()
        assert store.get(1).current.masthead.issue == 10  # type: ignore[union-attr]
        assert store.get(2).status == "approved"
        assert [s.id for s in store.search("方志进校园")]


def test_restore_never_overwrites_an_archive(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    SqliteStore(data).close()
    backup(data, tmp_path / "b")
    with pytest.raises(BackupError, match="只能恢复到空的数据目录"):
        restore(tmp_path / "b", data)
    with pytest.raises(BackupError, match="不是备份文件夹"):
        restore(tmp_path / "nothing", DataDir(tmp_path / "x"))
    with pytest.raises(BackupError, match="这里还没有档案"):
        backup(DataDir(tmp_path / "empty"), tmp_path / "c")


@pytest.fixture
def archive(tmp_path: Path, sample_text: str) -> DataDir:
    """Three bulletins (one that failed to parse) and their originals, closed cleanly."""
    data = DataDir(tmp_path / "data")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "第9期.txt").write_text(sample_text, encoding="utf-8")
    (inbox / "第10期.txt").write_text(sample_text + "\n第10期。\n", encoding="utf-8")
    (inbox / "坏文件.txt").write_bytes(bytes(range(256)) * 4)
    with SqliteStore(data) as store:
        for name in ("第9期.txt", "第10期.txt", "坏文件.txt"):  # ids 1, 2 and 3 (failed)
            ingest_file(store, inbox / name, user="测试员")
    return data


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def tree(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def test_backup_is_one_self_contained_file_and_the_originals(
    archive: DataDir, tmp_path: Path
) -> None:
    """No -wal or -shm beside the copy, even taken while the desk has the archive open."""
    folder = tmp_path / "备份"
    with SqliteStore(archive) as desk:
        desk.transition(1, "approve", "主任")
        report = backup(archive, folder)
    assert (report.bulletins, report.originals) == (3, 3)
    assert names(folder) == ["jianxun.sqlite3", "originals"]
    conn = sqlite3.connect(f"file:{folder / 'jianxun.sqlite3'}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT status FROM bulletins WHERE id = 1").fetchone()[0] == "approved"
    conn.close()
    assert names(folder) == ["jianxun.sqlite3", "originals"]


def test_backup_never_replaces_a_backup_unasked(archive: DataDir, tmp_path: Path) -> None:
    folder = tmp_path / "备份"
    backup(archive, folder)
    before = tree(folder)
    with pytest.raises(BackupExists) as caught:
        backup(archive, folder)
    assert plain(str(caught.value)).startswith(f"{folder}：这里已经有一份备份")
    assert tree(folder) == before

    with SqliteStore(archive) as store:
        store.transition(2, "approve", "主任")
        newest = store.list_bulletins()
    report = backup(archive, folder, overwrite=True)
    assert report.bulletins == 3
    assert names(folder) == ["jianxun.sqlite3", "originals"]
    fresh = DataDir(tmp_path / "新电脑")
    restore(folder, fresh)
    with SqliteStore(fresh) as store:
        assert store.list_bulletins() == newest


def test_backup_into_a_read_only_folder(archive: DataDir, tmp_path: Path) -> None:
    place = tmp_path / "只读"
    place.mkdir()
    with read_only(place):
        for folder in (place, place / "备份"):
            with pytest.raises(BackupError) as caught:
                backup(archive, folder)
            assert "没有写入权限" in plain(str(caught.value))
    assert names(place) == []


@pytest.mark.parametrize("size", ["1m", "32k"], ids=["originals-fill-it", "database-fills-it"])
def test_backup_onto_a_full_disk_leaves_nothing_half_written(
    archive: DataDir, tmp_path: Path, size: str
) -> None:
    with SqliteStore(archive) as store:  # 1.6 MB of originals
        for index in range(4):
            big = tmp_path / f"大文件{index}.txt"
            big.write_bytes(bytes([index]) + bytes(range(256)) * 1600)
            ingest_file(store, big, user="测试员")
    with small_disk(tmp_path / "U盘", size) as disk:
        (disk / "原有文件.txt").write_text("U盘上原有的文件", encoding="utf-8")
        with pytest.raises(BackupError) as caught:
            backup(archive, disk / "备份")
        message = plain(str(caught.value))
        assert "磁盘空间已满" in message
        assert "备份没有完成" in message
        assert names(disk) == ["原有文件.txt"]


DAMAGES = ["random", "truncated", "text", "empty", "directory"]


def damage(database: Path, how: str) -> None:
    if how == "random":
        database.write_bytes(os.urandom(database.stat().st_size))
    elif how == "truncated":
        content = database.read_bytes()
        database.write_bytes(content[: len(content) // 2])
    elif how == "text":
        database.write_text("这不是数据库，是一封信。\n" * 50, encoding="utf-8")
    elif how == "empty":
        database.write_bytes(b"")
    else:
        database.unlink()
        database.mkdir()


@pytest.mark.parametrize("how", DAMAGES)
def test_restore_refuses_a_damaged_backup(archive: DataDir, tmp_path: Path, how: str) -> None:
    folder = tmp_path / "备份"
    backup(archive, folder)
    damage(folder / "jianxun.sqlite3", how)
    missing = DataDir(tmp_path / "新电脑")
    empty = DataDir(tmp_path / "空目录")
    empty.root.mkdir()
    for target in (missing, empty):
        with pytest.raises(BackupError) as caught:
            restore(folder, target)
        message = plain(str(caught.value))
        assert message == f"{folder / 'jianxun.sqlite3'}：备份的数据库已损坏或不是简讯编审台的备份"
    assert not missing.root.exists()
    assert names(empty.root) == []


def test_restore_refuses_a_backup_missing_originals(archive: DataDir, tmp_path: Path) -> None:
    folder = tmp_path / "备份"
    backup(archive, folder)
    originals = sorted((folder / "originals").iterdir())
    originals[0].unlink()
    originals[1].write_bytes(originals[1].read_bytes()[:10])  # cut short: no better than missing
    target = DataDir(tmp_path / "新电脑")
    with pytest.raises(OriginalsMissing) as caught:
        restore(folder, target)
    assert (caught.value.missing, caught.value.total) == (2, 3)
    assert plain(str(caught.value)).startswith(f"{folder}：备份里缺少 2 个原件")
    assert not target.root.exists()

    report = restore(folder, target, partial=True)
    assert (report.bulletins, report.missing) == (3, 2)
    with SqliteStore(target) as store:
        assert store.count() == 3


def test_restore_counts_no_original_for_a_file_that_was_never_read(
    archive: DataDir, tmp_path: Path
) -> None:
    """A record of an unreadable file has no bytes, so no original is expected for it."""
    with SqliteStore(archive) as store:
        store.conn.execute(
            "UPDATE bulletins SET sha256 = 'unreadable:' || sha256 WHERE status = 'failed'"
        )
    for original in archive.originals.iterdir():
        if original.stat().st_size == 1024:
            original.unlink()
    folder = tmp_path / "备份"
    backup(archive, folder)
    report = restore(folder, DataDir(tmp_path / "新电脑"))
    assert (report.bulletins, report.originals, report.missing) == (3, 2, 0)


def test_restore_into_a_read_only_or_full_place_leaves_it_as_it_was(
    archive: DataDir, tmp_path: Path
) -> None:
    folder = tmp_path / "备份"
    backup(archive, folder)
    place = tmp_path / "只读"
    place.mkdir()
    with read_only(place), pytest.raises(BackupError) as caught:
        restore(folder, DataDir(place))
    assert "没有写入权限" in plain(str(caught.value))
    assert names(place) == []
    with small_disk(tmp_path / "小盘", "16k") as disk:
        with pytest.raises(BackupError) as caught:
            restore(folder, DataDir(disk / "data"))
        assert "磁盘空间已满" in plain(str(caught.value))
        assert names(disk) == []


def test_restore_from_read_only_media_into_a_file_is_refused(
    archive: DataDir, tmp_path: Path
) -> None:
    folder = tmp_path / "光盘"
    backup(archive, folder)
    with read_only(folder):
        target = tmp_path / "数据.txt"
        target.write_text("x", encoding="utf-8")
        with pytest.raises(BackupError) as caught:
            restore(folder, DataDir(target))
        assert plain(str(caught.value)) == f"{target}：不是文件夹"
        report = restore(folder, DataDir(tmp_path / "新电脑"))
    assert (report.bulletins, report.originals, report.missing) == (3, 3, 0)
    assert names(folder) == ["jianxun.sqlite3", "originals"]
