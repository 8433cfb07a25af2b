"""The SQLite archive keeps a bulletin deflated from its own search text (editor.core.store.
packing): smaller, readable only with that text, so every change of the search text packs the
kept versions again, and bulletins kept the old ways still read."""

from __future__ import annotations

import json
import random
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.core.model import Bulletin
from editor.core.paths import DataDir
from editor.core.store import SqliteStore
from editor.core.store.packing import (
    needs_dictionary,
    pack_bulletin,
    repack,
    text_dictionary,
    unpack_bulletin,
)
from editor.core.store.records import index_fields
from editor.core.store.sqlite import PAGE_SIZE
from editor.core.workflow import RECOGNISING

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "bulletins").glob("*.json"))


def fixture(name: str = "two_columns_three_articles") -> Bulletin:
    path = next(p for p in FIXTURES if p.stem == name)
    data = json.loads(path.read_text("utf-8"))
    data.setdefault("schema", "jianxun.bulletin/1")
    return Bulletin.from_dict(data)


def preset_of(bulletin: Bulletin) -> bytes:
    return text_dictionary(index_fields(bulletin)["search_text"])


# --- the format -----------------------------------------------------------------------------


def test_a_bulletin_packed_from_its_search_text_reads_back_and_is_smaller() -> None:
    for path in FIXTURES:
        bulletin = fixture(path.stem)
        preset = preset_of(bulletin)
        kept = pack_bulletin(bulletin, preset)
        assert needs_dictionary(kept)
        assert unpack_bulletin(kept, preset) == bulletin
        assert unpack_bulletin(kept, preset).to_json() == bulletin.to_json()
        plain = pack_bulletin(bulletin)
        assert not needs_dictionary(plain)
        assert len(kept) < len(plain), path.stem
    big = fixture()
    assert len(pack_bulletin(big, preset_of(big))) < 0.7 * len(pack_bulletin(big))


def test_the_wrong_dictionary_fails_loudly_instead_of_misreading() -> None:
    bulletin = fixture()
    kept = pack_bulletin(bulletin, preset_of(bulletin))
    with pytest.raises(zlib.error):
        unpack_bulletin(kept)
    with pytest.raises(zlib.error):
        unpack_bulletin(kept, preset_of(bulletin) + b"x")
    with pytest.raises(zlib.error):
        unpack_bulletin(kept[:-8], preset_of(bulletin))  # cut short


def test_bulletins_kept_the_old_ways_read_without_a_dictionary() -> None:
    bulletin = fixture()
    assert unpack_bulletin(zlib.compress(bulletin.to_json().encode("utf-8"))) == bulletin
    assert unpack_bulletin(bulletin.to_json()) == bulletin
    assert not needs_dictionary(bulletin.to_json())
    assert not needs_dictionary(None)


def test_repack_moves_a_bulletin_to_the_new_dictionary() -> None:
    bulletin = fixture()
    old = preset_of(bulletin)
    new = text_dictionary("别的标题\x1f别的正文")
    kept = pack_bulletin(bulletin, old)
    moved = repack(kept, old, new)
    assert isinstance(moved, bytes)
    assert unpack_bulletin(moved, new) == bulletin
    with pytest.raises(zlib.error):
        unpack_bulletin(moved, old)
    assert repack(kept, old, old) is kept
    plain = pack_bulletin(bulletin)
    assert repack(plain, old, new) is plain  # no dictionary: nothing depends on the text
    assert repack(None, old, new) is None


# --- the archive ----------------------------------------------------------------------------


@pytest.fixture
def store(data: DataDir) -> Iterator[SqliteStore]:
    with SqliteStore(data) as opened:
        yield opened


def add(store: SqliteStore, bulletin: Bulletin | None, sha: str, **extra: bool) -> int:
    return store.add(
        source_path=f"/inbox/{sha}.txt",
        source_name=f"{sha}.txt",
        sha256=sha,
        size=100,
        mtime_ns=1,
        bulletin=bulletin,
        failure=None if bulletin else "等待识别",
        user="编辑甲",
        **extra,
    ).bulletin_id


def kept(store: SqliteStore, bulletin_id: int) -> tuple[bytes | None, bytes | None]:
    row = store.conn.execute(
        "SELECT parsed, current FROM bulletins WHERE id = ?", (bulletin_id,)
    ).fetchone()
    return row[0], row[1]


def edited(bulletin: Bulletin, rng: random.Random) -> Bulletin:
    """The bulletin with one title, paragraph or masthead field changed at random."""
    data = bulletin.to_dict()
    articles = [a for s in data["sections"] for a in s["articles"]]
    article = rng.choice(articles)
    choice = rng.randrange(4)
    if choice == 0:
        article["title"] = rng.choice(["新标题", article["title"] + "（修改）", "全省方志工作会议"])
    elif choice == 1 and article["paragraphs"]:
        at = rng.randrange(len(article["paragraphs"]))
        if isinstance(article["paragraphs"][at], str):
            article["paragraphs"][at] = article["paragraphs"][at][::-1]
    elif choice == 2:
        article["paragraphs"].append(f"补充的第{rng.randrange(1000)}段文字。")
    else:
        data["masthead"]["issue"] = rng.randrange(1, 60)  # the search text stays the same
    return Bulletin.from_dict(data)


def test_edits_pack_the_parse_again_and_every_version_reads_back(store: SqliteStore) -> None:
    rng = random.Random(19)
    parsed = fixture()
    bulletin_id = add(store, parsed, "a")
    first_parsed, current = kept(store, bulletin_id)
    assert needs_dictionary(first_parsed)
    assert current is None
    bulletin = parsed
    moved = 0
    for _ in range(40):
        before = kept(store, bulletin_id)[0]
        bulletin = edited(bulletin, rng)
        store.save_edit(bulletin_id, bulletin, "编辑甲")
        record = store.get(bulletin_id)
        assert record.parsed == parsed
        assert record.current == bulletin
        after, current = kept(store, bulletin_id)
        assert needs_dictionary(current)
        moved += after != before  # packed again when the search text moved
    assert moved >= 10
    store.close()
    with SqliteStore(store.data, read_only=True) as again:
        assert again.get(bulletin_id).parsed == parsed
        assert again.get(bulletin_id).current == bulletin


def test_an_edit_that_leaves_the_search_text_rewrites_no_parse(store: SqliteStore) -> None:
    parsed = fixture()
    bulletin_id = add(store, parsed, "a")
    before = kept(store, bulletin_id)[0]
    data = parsed.to_dict()
    data["masthead"]["issue"] = (parsed.masthead.issue or 0) + 1
    store.save_edit(bulletin_id, Bulletin.from_dict(data), "编辑甲")
    assert kept(store, bulletin_id)[0] == before


def test_an_old_bulletin_kept_without_dictionary_is_edited_and_read(store: SqliteStore) -> None:
    parsed = fixture()
    bulletin_id = add(store, parsed, "a")
    store.conn.execute(  # as versions before the dictionary kept it
        "UPDATE bulletins SET parsed = ? WHERE id = ?",
        (zlib.compress(parsed.to_json().encode("utf-8"), 6), bulletin_id),
    )
    changed = edited(edited(parsed, random.Random(1)), random.Random(2))
    store.save_edit(bulletin_id, changed, "编辑甲")
    old, current = kept(store, bulletin_id)
    assert not needs_dictionary(old)
    assert needs_dictionary(current)
    assert store.get(bulletin_id).parsed == parsed
    assert store.get(bulletin_id).current == changed


def test_a_finished_recognition_packs_an_edited_version_again(store: SqliteStore) -> None:
    bulletin_id = add(store, None, "scan", recognising=True)
    assert store.get(bulletin_id).status == RECOGNISING
    earlier = fixture("no_imprint")
    store.conn.execute(  # an edited version packed from the present (empty) search text
        "UPDATE bulletins SET current = ? WHERE id = ?",
        (pack_bulletin(earlier, text_dictionary("")), bulletin_id),
    )
    read = fixture()
    assert store.finish_recognition(bulletin_id, bulletin=read, failure=None, user="编辑甲")
    record = store.get(bulletin_id)
    assert record.parsed == read
    assert record.current == earlier


def test_the_series_check_reads_packed_bulletins(store: SqliteStore) -> None:
    bulletin = fixture()
    bulletin_id = add(store, bulletin, "a")
    store.conn.execute("UPDATE bulletins SET status = 'approved' WHERE id = ?", (bulletin_id,))
    name = bulletin.masthead.name
    assert name is not None
    signed = all(a.source for a in bulletin.articles())
    assert store.series_signs_articles(name) is signed
    assert store.series_signs_articles(name, exclude=bulletin_id) is False


def test_a_new_archive_has_big_pages_and_an_old_one_keeps_its_own(data: DataDir) -> None:
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    older = DataDir(data.root.parent / "older").ensure()
    conn = sqlite3.connect(older.database)
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")
    conn.close()
    with SqliteStore(older) as store:
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
        bulletin_id = add(store, fixture(), "a")
        assert store.get(bulletin_id).parsed == fixture()
