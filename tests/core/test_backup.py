"""Backup and restore: restoring into an empty data directory gives the same archive."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from editor.core.backup import BackupError, backup, restore
from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.core.store import Store


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
    with Store(data) as store:
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
    with Store(fresh) as store:
        assert store.integrity_ok()
        assert store.get(1).current.masthead.issue == 10  # type: ignore[union-attr]
        assert store.get(2).status == "approved"
        assert [s.id for s in store.search("方志进校园")]


def test_restore_never_overwrites_an_archive(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    Store(data).close()
    backup(data, tmp_path / "b")
    with pytest.raises(BackupError, match="只能恢复到空的数据目录"):
        restore(tmp_path / "b", data)
    with pytest.raises(BackupError, match="不是备份文件夹"):
        restore(tmp_path / "nothing", DataDir(tmp_path / "x"))
    with pytest.raises(BackupError, match="这里没有档案"):
        backup(DataDir(tmp_path / "empty"), tmp_path / "c")
