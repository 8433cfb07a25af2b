"""``compact`` makes an archive kept by an earlier version as small as a new one: every kept
version packed from its search text, the file written anew in big pages without the pages
the old search tables left. Nothing it holds reads differently afterwards."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from editor.core.model import Bulletin
from editor.core.paths import DataDir
from editor.core.store import SqliteStore, StoreError
from editor.core.store.compaction import IN_USE, compact
from editor.core.store.packing import needs_dictionary
from editor.core.store.records import index_fields
from editor.core.store.schema import MIGRATIONS
from editor.core.store.sqlite import PAGE_SIZE

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "bulletins").glob("*.json"))
COUNT = 60


def bulletins() -> list[Bulletin]:
    """The fixtures, each in several issues (a paragraph naming the issue)."""
    made = []
    for n in range(COUNT):
        data = json.loads(FIXTURES[n % len(FIXTURES)].read_text("utf-8"))
        data.setdefault("schema", "jianxun.bulletin/1")
        data["masthead"]["issue"] = n + 1
        data["sections"][0]["articles"][0]["paragraphs"].append(f"这是第{n + 1}期的补充说明。")
        made.append(Bulletin.from_dict(data))
    return made


def old_archive(data: DataDir) -> None:
    """An archive as version 7 of the schema kept it: 4 KiB pages, each bulletin as JSON text
    (or, later, plainly deflated), its search text in the row and in a trigram table with
    positions and a copy of the text (which migration 8 drops, leaving its pages empty)."""
    data.root.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data.database, isolation_level=None)
    conn.execute("PRAGMA page_size = 4096")
    for step in MIGRATIONS[:7]:
        conn.executescript(step) if isinstance(step, str) else step(conn)
    conn.execute("PRAGMA user_version = 7")
    conn.execute("BEGIN")
    for n, bulletin in enumerate(bulletins(), start=1):
        fields = index_fields(bulletin)
        text = bulletin.to_json()
        kept: str | bytes = text if n % 2 else zlib.compress(text.encode("utf-8"))
        conn.execute(
            "INSERT INTO bulletins (id, source_path, source_name, sha256, size, received_at, "
            "status, parsed, current, series, issue, title, search_text, updated_at) "
            "VALUES (?, ?, ?, ?, 100, ?, 'new', ?, ?, ?, ?, ?, ?, '2024-01-01')",
            (
                n,
                f"/inbox/{n}.txt",
                f"{n}.txt",
                f"sha{n}",
                f"2024-01-01T00:00:{n:02d}",
                kept,
                kept if n % 3 == 0 else None,  # some edited (the same text: enough here)
                fields["series"],
                fields["issue"],
                fields["title"],
                fields["search_text"],
            ),
        )
        titles, _, body = str(fields["search_text"]).partition("\x1f")
        conn.execute(
            "INSERT INTO bulletins_fts (rowid, title, body) VALUES (?, ?, ?)", (n, titles, body)
        )
    conn.execute(  # a file that could not be parsed: nothing kept, nothing to pack
        "INSERT INTO bulletins (id, source_path, source_name, sha256, size, received_at, "
        "status, failure, updated_at) VALUES (?, '/inbox/x.pdf', 'x.pdf', 'bad', 1, "
        "'2024-01-02', 'failed', '不是简报', '2024-01-02')",
        (COUNT + 1,),
    )
    conn.execute("COMMIT")
    conn.close()


def fresh_size(folder: Path) -> int:
    """The size of a new archive holding the same bulletins."""
    data = DataDir(folder)
    with SqliteStore(data) as store:
        for n, bulletin in enumerate([*bulletins(), None], start=1):
            store.add(
                source_path=f"/inbox/{n}.txt",
                source_name=f"{n}.txt",
                sha256=f"sha{n}",
                size=100,
                mtime_ns=1,
                bulletin=bulletin,
                failure=None if bulletin else "不是简报",
                user="收件",
            )
    return data.database.stat().st_size


def everything(data: DataDir) -> tuple[list[object], list[list[int]]]:
    """Every record and what a few searches find."""
    with SqliteStore(data, read_only=True) as store:
        records = [store.get(i) for i in sorted(store.ids(None))]
        found = [store.search_ids(q, limit=100) for q in ("方志", "第7期", "地方志工作", "，")]
    return list(records), found


def test_an_upgraded_archive_is_compacted_and_reads_the_same(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    old_archive(data)
    before = everything(data)  # (opening upgrades it to today's schema)
    assert len(before[0]) == COUNT + 1
    assert all(before[1])
    size = data.database.stat().st_size

    done = compact(data)

    assert done.repacked == COUNT + COUNT // 3  # every parse, and each edited version
    assert done.before >= size
    assert done.after < 0.85 * done.before
    assert done.after <= 1.05 * fresh_size(tmp_path / "new")  # as a new archive holds them
    assert everything(data) == before
    conn = sqlite3.connect(data.database)
    try:
        assert conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = conn.execute("SELECT parsed, current FROM bulletins WHERE parsed IS NOT NULL")
        assert all(needs_dictionary(p) and (c is None or needs_dictionary(c)) for p, c in kept)
    finally:
        conn.close()
    # Once is enough: the second time packs nothing and the file stays as it is.
    again = compact(data)
    assert again.repacked == 0
    assert again.after <= done.after


def test_an_archive_in_use_elsewhere_is_left_as_it_is(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "data")
    old_archive(data)
    with SqliteStore(data) as desk:  # (a desk, a watch or another command has it open)
        desk_before = desk.get(1)
        with pytest.raises(StoreError) as refused:
            compact(data)
        assert IN_USE in str(refused.value)
        assert str(data.database) in str(refused.value)
        assert desk.get(1) == desk_before  # the other keeps working
        assert desk.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
    with SqliteStore(data) as store:
        parsed = store.conn.execute("SELECT parsed FROM bulletins WHERE id = 1").fetchone()[0]
        assert isinstance(parsed, str)  # not packed: nothing was changed


def test_no_archive_is_made_where_there_was_none(tmp_path: Path) -> None:
    data = DataDir(tmp_path / "无档案")
    with pytest.raises(StoreError):
        compact(data)
    assert not data.database.exists()
