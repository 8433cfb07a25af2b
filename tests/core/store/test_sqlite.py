"""What only the SQLite archive has: a file in the data directory (WAL, PRAGMAs, permissions,
damage, someone else's database, read-only folders) and migrations of older files. What
every archive does is in test_contract.py."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.messages import plain
from support.mounts import read_only, small_disk

from editor.core.ingest import ingest_file
from editor.core.model import Bulletin, Masthead
from editor.core.parsing import parse_text
from editor.core.paths import DataDir, data_dir
from editor.core.store import SchemaTooNew, SqliteStore, StoreError, open_store
from editor.core.store.schema import MIGRATIONS, SCHEMA_VERSION

DAMAGED = "数据库文件已损坏或不是简讯编审台的档案"


@pytest.fixture
def store(data: DataDir) -> Iterator[SqliteStore]:
    with SqliteStore(data) as opened:
        yield opened


def add(store: SqliteStore, bulletin: Bulletin | None, *, sha: str = "a") -> int:
    return store.add(
        source_path="/inbox/a.txt",
        source_name="a.txt",
        sha256=sha,
        size=100,
        mtime_ns=1,
        bulletin=bulletin,
        failure=None if bulletin else "不是文本文件",
        user="编辑甲",
    ).bulletin_id


def old_archive(data: DataDir, version: int) -> sqlite3.Connection:
    """An archive as a program that knew only the first ``version`` migrations made it."""
    data.root.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data.database, isolation_level=None)
    for step in MIGRATIONS[:version]:
        if callable(step):
            step(conn)
        else:
            conn.executescript(step)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


# --- the file ------------------------------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path, sample_text: str) -> DataDir:
    data = DataDir(tmp_path / "data")
    source = tmp_path / "第9期.txt"
    source.write_text(sample_text, encoding="utf-8")
    with SqliteStore(data) as store:
        ingest_file(store, source, user="测试员")
    return data


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    path = tmp_path / "data"
    path.write_bytes(b"x")
    for read in (False, True):
        with pytest.raises(StoreError) as caught:
            SqliteStore(DataDir(path), read_only=read)
        assert plain(str(caught.value)) == f"{path}：不是文件夹"


def test_reading_never_creates_an_archive(tmp_path: Path) -> None:
    missing = DataDir(tmp_path / "typo")
    with pytest.raises(StoreError, match="这里还没有档案") as caught:
        SqliteStore(missing, read_only=True)
    plain(str(caught.value))
    assert not missing.root.exists()
    empty = DataDir(tmp_path / "empty")
    empty.root.mkdir()
    with pytest.raises(StoreError, match="这里还没有档案"):
        SqliteStore(empty, read_only=True)
    with pytest.raises(StoreError, match="这里还没有档案"):
        SqliteStore(empty, create=False)
    assert list(empty.root.iterdir()) == []


def test_read_only_folder_without_an_archive(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    with read_only(data.root), pytest.raises(StoreError) as caught:
        SqliteStore(data)
    assert plain(str(caught.value)).startswith(f"{data.root}：没有写入权限")


def test_a_new_archive_on_a_full_disk_says_so(tmp_path: Path) -> None:
    """Making the tables fails part way: the disk is named as the reason (a failed COMMIT
    ends the transaction, and rolling back again used to hide it as 数据库出错)."""
    with small_disk(tmp_path / "small", "400k") as small:
        data = DataDir(small / "data")
        with pytest.raises(StoreError) as caught:
            SqliteStore(data)
        assert plain(str(caught.value)) == f"{data.database}：磁盘空间已满"


def test_read_only_folder_with_an_archive(archive: DataDir) -> None:
    """Reading works without a single write; writing is refused before it starts."""
    before = sorted(p.name for p in archive.root.iterdir())
    with read_only(archive.root):
        with SqliteStore(archive, read_only=True) as store:
            assert [s.source_name for s in store.list_bulletins()] == ["第9期.txt"]
            assert store.search("方志进校园")
        with pytest.raises(StoreError) as caught:
            SqliteStore(archive)
        assert "没有写入权限" in plain(str(caught.value))
    assert sorted(p.name for p in archive.root.iterdir()) == before


def test_read_only_store_opens_while_the_desk_writes(archive: DataDir) -> None:
    with SqliteStore(archive) as desk, SqliteStore(archive, read_only=True) as reader:
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
            SqliteStore(data, read_only=read)
        assert plain(str(caught.value)) == f"{data.database}：{DAMAGED}"
    assert data.database.read_bytes() == content


def test_a_folder_where_the_database_should_be(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.database.mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        SqliteStore(data)
    assert plain(str(caught.value)) == f"{data.database}：{DAMAGED}"


def test_someone_elses_database_is_left_alone(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    data.root.mkdir()
    conn = sqlite3.connect(data.database)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=DAMAGED):
        SqliteStore(data)
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
            SqliteStore(data, read_only=read)


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
        SqliteStore(data, read_only=True)
    assert "没有写入权限" in plain(str(caught.value))
    with SqliteStore(data, read_only=True) as store:
        assert store.count() == 0
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


# --- SQLite itself ------------------------------------------------------------------------


def test_fresh_store_is_wal_with_current_schema(data: DataDir) -> None:
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert int(store.conn.execute("PRAGMA busy_timeout").fetchone()[0]) >= 5000
        assert store.integrity_ok()
    assert data.database.exists()
    with SqliteStore(data) as again:  # reopening migrates nothing and keeps data
        assert again.count() == 0


def test_database_from_a_newer_program_is_refused(data: DataDir) -> None:
    conn = sqlite3.connect(data.database)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew):
        SqliteStore(data)


def test_data_dir_override_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JIANXUN_DATA_DIR", str(tmp_path / "env"))
    assert data_dir().root == tmp_path / "env"
    assert data_dir(tmp_path / "flag").root == tmp_path / "flag"
    monkeypatch.delenv("JIANXUN_DATA_DIR")
    assert data_dir().root.name == "jianxun"


def test_short_queries_use_the_character_index_punctuation_too(
    store: SqliteStore, sample_text: str
) -> None:
    bulletin_id = add(store, parse_text(sample_text))
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT rowid FROM search_body_pairs WHERE search_body_pairs MATCH ?",
        ('"方志"',),
    ).fetchall()
    assert any("VIRTUAL TABLE INDEX" in str(row) for row in plan)
    assert [s.id for s in store.search("志")] == [bulletin_id]
    assert [s.id for s in store.search("5G")] == []  # not in this bulletin
    assert [s.id for s in store.search("《绵")] == [bulletin_id]  # punctuation: the same index
    assert store.search("%") == []


# --- migrations of older files -----------------------------------------------------------


def test_migration_from_version_1_indexes_existing_bulletins(
    data: DataDir, sample_text: str
) -> None:
    conn = sqlite3.connect(data.database)
    step = MIGRATIONS[0]
    assert isinstance(step, str)
    conn.executescript(step)
    conn.execute(
        "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, status, "
        "search_text, updated_at) VALUES ('/a.txt', 'a.txt', 'x', 1, '2024-01-01', 'new', "
        "?, '2024-01-01')",
        ("绵阳市史志办\x1f方志进校园活动",),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [s.source_name for s in store.search("校园")] == ["a.txt"]


def test_an_archive_from_before_version_links_gains_them(data: DataDir) -> None:
    conn = old_archive(data, 3)
    for n in (1, 2):
        conn.execute(
            "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, "
            "status, series, issue, issue_date, updated_at) VALUES (?, ?, ?, 1, '2024-01-01', "
            "'new', '简报', 3, '2024-03-01', '2024-01-01')",
            (f"/{n}.txt", f"{n}.txt", f"sha{n}"),
        )
    conn.close()
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.supersedes(2) is None
        assert [(h.bulletin_id, h.status) for h in store.series_history("简报", exclude=2)] == [
            (1, "new")
        ]
        store.mark_new_version(2, 1, "编辑甲")
        assert store.superseded_by(1) == 2
        assert store.series_history("简报", exclude=2) == []
        assert store.integrity_ok()


def test_an_archive_from_before_versions_counts_each_bulletin_as_version_1(
    data: DataDir, sample_text: str
) -> None:
    conn = old_archive(data, 4)
    conn.execute(
        "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, status, "
        "parsed, updated_at) VALUES ('/a.txt', 'a.txt', 'x', 1, '2024-01-01', 'new', ?, "
        "'2024-01-01')",
        (parse_text(sample_text).to_json(),),
    )
    conn.close()
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        record = store.get(1)
        assert record.version == 1
        assert record.current is not None
        record.current.imprint.copies = 50
        assert store.save_edit(1, record.current, "编辑甲", base_version=1) == 1
        assert store.get(1).version == 2


def test_an_archive_from_before_leases_gains_them(data: DataDir, sample_text: str) -> None:
    conn = old_archive(data, 5)
    conn.execute(
        "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, status, "
        "parsed, updated_at) VALUES ('/a.txt', 'a.txt', 'x', 1, '2024-01-01', 'new', ?, "
        "'2024-01-01')",
        (parse_text(sample_text).to_json(),),
    )
    conn.close()
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.leases() == {}
        lease = store.take_lease(1, user="张三", desk="desk-A", host="PC-2")
        assert store.lease_of(1) == lease
        assert store.integrity_ok()


def test_open_store_picks_the_database_by_the_place(data: DataDir, tmp_path: Path) -> None:
    with open_store(data) as store:
        assert isinstance(store, SqliteStore)
        assert store.data == data
    with open_store(str(tmp_path / "other")) as store:
        assert isinstance(store, SqliteStore)
        assert store.data == DataDir(tmp_path / "other")
    with pytest.raises(StoreError, match="这里还没有档案"):
        open_store(DataDir(tmp_path / "none"), create=False)


def test_a_server_that_does_not_answer_is_named_without_its_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://jianxun:s3cret@127.0.0.1:1/archive")
    message = str(caught.value)
    assert message.startswith("postgresql://jianxun@127.0.0.1:1/archive：")
    assert "s3cret" not in message
    assert not re.search(r"[A-Za-z]{3,}", message.split("：", 1)[1]), message


def test_without_psycopg_a_server_archive_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.delitem(sys.modules, "editor.core.store.pg", raising=False)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(StoreError) as caught:
        open_store("postgres://desk:pw@db.office:5433/jianxun")
    assert str(caught.value) == (
        "postgresql://desk@db.office:5433/jianxun：这台电脑上的简讯编审台没有安装 PostgreSQL 支持"
        "（缺少 psycopg 和 psycopg-pool），不能使用数据库服务器上的档案"
    )


def test_a_series_history_is_read_from_its_index_alone(store: SqliteStore) -> None:
    """Selecting a bulletin asks for its series' issues: without the covering index every
    selection read every bulletin of the archive."""
    for number in range(1, 4):
        add(store, Bulletin(masthead=Masthead(name="工作简报", issue=number)), sha=f"s{number}")
    asked: list[str] = []
    store.conn.set_trace_callback(asked.append)
    try:
        history = store.series_history("工作简报", exclude=2)
    finally:
        store.conn.set_trace_callback(None)
    assert [issue.issue for issue in history] == [1, 3]
    (statement,) = [s for s in asked if "FROM bulletins" in s and "series" in s]
    plan = " ".join(str(row[-1]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + statement))
    assert "COVERING INDEX bulletins_series" in plan, plan


def test_a_summary_from_a_row_is_the_one_its_constructor_makes() -> None:
    """Summary.from_row skips the frozen __init__ (search speed); it must make the same
    value: equal, same hash, still frozen, and a row of the wrong length is refused."""
    import dataclasses

    from editor.core.store.records import SUMMARY_FIELDS, Summary

    row = (
        7,
        "new",
        "工作简报",
        3,
        120,
        "2024-05-06",
        "标题",
        2,
        "收件箱/a.txt",
        "a.txt",
        "t",
        None,
        5,
    )
    made, fast = Summary(*row), Summary.from_row(row)
    assert fast == made
    assert hash(fast) == hash(made)
    assert repr(fast) == repr(made)
    assert tuple(f.name for f in dataclasses.fields(Summary)) == SUMMARY_FIELDS
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.title = "改"  # type: ignore[misc]
    with pytest.raises(ValueError, match="shorter"):
        Summary.from_row(row[:-1])


def test_the_page_cache_holds_a_long_searchs_texts(tmp_path: Path) -> None:
    """Both a writing and a read-only archive get the larger page cache (SQLite's own 2 MiB
    made every long search read its candidates' texts from the OS again)."""
    from editor.core.store.sqlite import CACHE_KIB

    data = DataDir(tmp_path / "data")
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    with SqliteStore(data, read_only=True) as store:
        assert store.read_only
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
