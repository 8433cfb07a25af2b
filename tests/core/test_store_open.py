"""Opening the archive where it cannot be: a StoreError naming the place, in plain Chinese."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
from support.messages import plain
from support.mounts import read_only

from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.core.store import SchemaTooNew, Store, StoreError
from editor.core.store.schema import MIGRATIONS, SCHEMA_VERSION

DAMAGED = "数据库文件已损坏或不是简讯编审台的档案"


@pytest.fixture
def archive(tmp_path: Path, sample_text: str) -> DataDir:
    data = DataDir(tmp_path / "data")
    source = tmp_path / "第9期.txt"
    source.write_text(sample_text, encoding="utf-8")
    with Store(data) as store:
        ingest_file(store, source, user="测试员")
    return data


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    path = tmp_path / "data"
    path.write_bytes(b"x")
    for read in (False, True):
        with pytest.raises(StoreError) as caught:
            Store(DataDir(path), read_only=read)
        assert plain(str(caught.value)) == f"{path}：不是文件夹"


def test_reading_never_creates_an_archive(tmp_path: Path) -> None:
    missing = DataDir(tmp_path / "typo")
    with pytest.raises(StoreError, match="这里还没有档案") as caught:
        Store(missing, read_only=True)
    plain(str(caught.value))
    assert not missing.root.exists()
    empty = DataDir(tmp_path / "empty")
    empty.root.mkdir()
    with pytest.raises(StoreError, match="这里还没有档案"):
        Store(empty, read_only=True)
    with pytest.raises(StoreError, match="这里还没有档案"):
        Store(empty, create=False)
    assert list(empty.root.iterdir()) == []


def test_read_only_folder_without_an_archive(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    with read_only(data.root), pytest.raises(StoreError) as caught:
        Store(data)
    assert plain(str(caught.value)).startswith(f"{data.root}：没有写入权限")


def test_read_only_folder_with_an_archive(archive: DataDir) -> None:
    """Reading works without a single write; writing is refused before it starts."""
    before = sorted(p.name for p in archive.root.iterdir())
    with read_only(archive.root):
        with Store(archive, read_only=True) as store:
            assert [s.source_name for s in store.list_bulletins()] == ["第9期.txt"]
            assert store.search("方志进校园")
        with pytest.raises(StoreError) as caught:
            Store(archive)
        assert "没有写入权限" in plain(str(caught.value))
    assert sorted(p.name for p in archive.root.iterdir()) == before


def test_read_only_store_opens_while_the_desk_writes(archive: DataDir) -> None:
    with Store(archive) as desk, Store(archive, read_only=True) as reader:
        assert reader.count() == 1
        desk.transition(1, "approve", "主任")
        assert reader.get(1).status == "approved"


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        "这是一封信，不是数据库。\n".encode() * 100,
        b"SQLite format 3\x00" + os.urandom(2000),
    ],
    ids=["random", "text", "bad-header"],
)
def test_damaged_database(tmp_path: Path, content: bytes) -> None:
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    data.database.write_bytes(content)
    for read in (False, True):
        with pytest.raises(StoreError) as caught:
            Store(data, read_only=read)
        assert plain(str(caught.value)) == f"{data.database}：{DAMAGED}"
    assert data.database.read_bytes() == content


def test_a_folder_where_the_database_should_be(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.database.mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        Store(data)
    assert plain(str(caught.value)) == f"{data.database}：{DAMAGED}"


def test_someone_elses_database_is_left_alone(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    conn = sqlite3.connect(data.database)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=DAMAGED):
        Store(data)
    conn = sqlite3.connect(data.database)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    conn.close()
    assert tables == ["contacts"]


def test_newer_database_names_the_file(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data").ensure()
    conn = sqlite3.connect(data.database)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    for read in (False, True):
        with pytest.raises(SchemaTooNew, match=re.escape(str(data.database))):
            Store(data, read_only=read)


def test_reading_an_older_archive_upgrades_it_once(tmp_path: Path) -> None:
    """Reading commands on an archive from an older version: upgraded (a write) if the folder
    allows it; in a read-only folder the reason is given instead."""
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    conn = sqlite3.connect(data.database, isolation_level=None)
    first = MIGRATIONS[0]
    assert isinstance(first, str)
    conn.executescript(first)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with read_only(data.root), pytest.raises(StoreError) as caught:
        Store(data, read_only=True)
    assert "没有写入权限" in plain(str(caught.value))
    with Store(data, read_only=True) as store:
        assert store.count() == 0
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
