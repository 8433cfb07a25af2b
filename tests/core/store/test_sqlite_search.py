"""The SQLite archive's search (editor.core.store.sqlite_search, issue 19): every kind of query
through an index, finding exactly what a plain substring scan finds, in rank order; edits
forget what they removed; the migration from schema version 7 fills the new tables."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.model import Article, Bulletin, Masthead, Section
from editor.core.paths import DataDir
from editor.core.store import SqliteStore
from editor.core.store.packing import TITLES_END
from editor.core.store.schema import MIGRATIONS, SCHEMA_VERSION, short_tokens
from editor.core.store.sqlite_search import (
    CERTAIN,
    OLD_TABLES,
    PAIRS,
    PAIRS_TOKENIZER,
    TEXTS,
    TRIGRAMS,
    TRIGRAMS_TOKENIZER,
    _contains,
    _pairs,
    _stand_ins,
    add_search_tables,
    index_many,
    index_search,
    search_ids,
)

Docs = dict[int, tuple[str, str]]  # id -> (titles, body), as typed

KINDS = [
    "志",  # one character
    "，",  # one punctuation mark
    "方志",  # two characters
    "”。",  # two punctuation marks
    "（省",  # punctuation and a character
    "省地方",  # three characters: one trigram
    "年鉴编纂",  # four characters and more
    "2024年",
    "方志进校园",
    "办公室 王立新",  # a space inside
    "没有这样的词语",  # no hits
    "ⅱ",  # a character only confirmed against the text
]


def archive(docs: Docs) -> sqlite3.Connection:
    """An in-memory database with just what the search reads, filled by the migration."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE bulletins (id INTEGER PRIMARY KEY, search_text TEXT NOT NULL)")
    conn.executemany(
        "INSERT INTO bulletins VALUES (?, ?)",
        [(i, title + TITLES_END + body) for i, (title, body) in docs.items()],
    )
    add_search_tables(conn)
    return conn


def scan(docs: Docs, query: str, limit: int = 1000, ranked: int | None = None) -> list[int]:
    """What the search must answer, by reading every text: titles first, then the newest."""
    folded = query.strip().lower()
    if not folded:
        return []
    newest = sorted(docs, reverse=True)
    title = [i for i in newest if folded in docs[i][0].lower()]
    body = [i for i in newest if folded in docs[i][1].lower() and i not in title]
    if ranked is not None and len(folded) >= 3:
        window = set(sorted(title + body, reverse=True)[:ranked])
        title = [i for i in title if i in window]
        body = [i for i in body if i in window]
    return (title + body)[:limit]


# --- finding exactly what a scan finds --------------------------------------------------------

# Few characters, so that texts share many and long queries' trigrams occur apart; with the
# kinds the index must not trust (cased letters beyond ASCII, a format character, private
# use, a character newer than SQLite's tables, one whose lower case is two characters), and
# pairs of them that share a stand-in (ⅰ and U+D070 큰, U+E000 and U+1800).
ALPHABET = (
    "方志年鉴省地，。（）”“《》、aAbB19 \n\u3000ⅰⅡΣσςİß\u200b\ue000\u1800\ud070"
    "\U0002b740😀Ｆｆ%_\"*'"
)
TEXT = st.text(alphabet=ALPHABET, max_size=30)
DOCS = st.dictionaries(st.integers(1, 40), st.tuples(TEXT, TEXT), min_size=1, max_size=8)


@st.composite
def queries(draw: st.DrawFn, docs: Docs) -> str:
    texts = [t for pair in docs.values() for t in pair if t]
    if texts and draw(st.booleans()):
        text = draw(st.sampled_from(texts))
        start = draw(st.integers(0, len(text) - 1))
        return text[start : start + draw(st.integers(1, 8))]
    return draw(st.text(alphabet=ALPHABET, min_size=1, max_size=6))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=DOCS, edits=DOCS, data=st.data())
def test_every_query_finds_what_a_scan_finds(docs: Docs, edits: Docs, data: st.DataObject) -> None:
    conn = archive(docs)
    for _ in range(12):
        query = data.draw(queries(docs))
        assert search_ids(conn, query, 1000) == scan(docs, query), query
        assert search_ids(conn, query, 3, ranked=2) == scan(docs, query, 3, 2), query
    # Edits (and new bulletins) in one transaction: what they removed is no longer found.
    conn.execute("BEGIN")
    for bulletin_id, (title, body) in edits.items():
        index_search(conn, bulletin_id, title + TITLES_END + body)
    conn.execute("COMMIT")
    docs = docs | edits
    for _ in range(12):
        query = data.draw(queries(docs))
        assert search_ids(conn, query, 1000) == scan(docs, query), query


def test_queries_whose_pieces_occur_apart_are_not_found() -> None:
    docs = {
        1: ("", "方志年，志年鉴"),
        2: ("", "abcXbcd"),
        3: ("", "方志年鉴"),
        4: ("", "方志年鉴，志年鉴编"),
        5: ("", "方志年鉴编"),
        6: ("", "a bcd，a bc d"),
    }
    conn = archive(docs)
    assert search_ids(conn, "方志年鉴", 10) == [5, 4, 3]
    assert search_ids(conn, "方志年鉴编", 10) == [5]
    assert search_ids(conn, "abcd", 10) == []
    assert search_ids(conn, "ABC", 10) == [2]  # three characters, any case
    assert search_ids(conn, "cXb", 10) == [2]
    assert search_ids(conn, "a bc d", 10) == [6]
    assert search_ids(conn, "a bcd", 10) == [6]
    assert search_ids(conn, "bc d", 10) == [6]
    assert search_ids(conn, "a b d", 10) == []


def test_characters_sharing_a_stand_in_are_told_apart() -> None:
    docs = {1: ("", "第\ud070部分"), 2: ("", "第ⅰ部分")}
    conn = archive(docs)
    assert search_ids(conn, "ⅰ", 10) == [2]
    assert search_ids(conn, "Ⅰ", 10) == [2]  # any case
    assert search_ids(conn, "第ⅰ", 10) == [2]
    assert search_ids(conn, "\ud070", 10) == [1]


def test_queries_of_every_kind(tmp_path: Path) -> None:
    docs = {
        1: ("四川省地方志工作简报", "（省志办）2024年5月，方志进校园。泸州市地方志办公室 王立新"),
        2: ("方志进校园", "他说：“好。”。第ⅱ部分"),
        3: ("年鉴", "本期无关内容"),
    }
    conn = archive(docs)
    for query in [*KINDS, "  方志  ", "", "   ", "%", "_", '"', "5G", "办公室王立新", "地方志、"]:
        assert search_ids(conn, query, 1000) == scan(docs, query), query
    assert search_ids(conn, "办公室 王立新", 10) == [1]  # matched as typed, space included
    assert search_ids(conn, "办公室王立新", 10) == []
    assert search_ids(conn, "方志进校园", 10) == [2, 1]  # the title first
    assert search_ids(conn, "方志", 1) == [2]
    assert search_ids(conn, "方志", 0) == []


def test_titles_first_then_the_newest_and_only_the_newest_ranked() -> None:
    docs = {1: ("方志讲座", ""), 2: ("", "方志讲座"), 3: ("", "无"), 4: ("", "方志讲座")}
    conn = archive(docs)
    assert search_ids(conn, "方志讲座", 10, ranked=1000) == [1, 4, 2]
    assert search_ids(conn, "方志讲座", 10, ranked=2) == [4, 2]  # the title match is older
    assert search_ids(conn, "讲", 10, ranked=2) == [1, 4, 2]  # short queries: all titles first
    assert search_ids(conn, "方志讲座", 2) == [1, 4]


# --- the index ------------------------------------------------------------------------------


def test_certain_characters_are_kept_as_they_are_by_python_and_by_sqlite() -> None:
    """Every CERTAIN character is uncased (or ASCII), a token character in Unicode 3.2 and
    today, and SQLite's tokenizers give it back unchanged: one pair of it is one token."""
    chars = [chr(c) for start, end in CERTAIN for c in range(start, end + 1)]
    tokens = {"L", "N", "M", "P", "S"}
    for char in chars:
        if char.isascii():
            continue
        assert unicodedata.category(char)[0] in tokens, hex(ord(char))
        assert unicodedata.ucd_3_2_0.category(char)[0] in tokens, hex(ord(char))
        assert char.lower() == char == char.upper(), hex(ord(char))
    # In SQLite, all of them but a sample of extension B (42,711 ideographs, one category).
    lowered = [c for c in chars if c == c.lower() and (ord(c) < 0x20000 or ord(c) % 16 == 0)]
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE p USING fts5(x, tokenize = {_sql(PAIRS_TOKENIZER)})")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = {_sql(TRIGRAMS_TOKENIZER)})")
    conn.execute("CREATE VIRTUAL TABLE pv USING fts5vocab(p, row)")
    conn.execute("CREATE VIRTUAL TABLE tv USING fts5vocab(t, row)")
    chunks = [lowered[i : i + 500] for i in range(0, len(lowered), 500)]
    conn.executemany("INSERT INTO p VALUES (?)", [(" ".join(c + c for c in x),) for x in chunks])
    conn.executemany("INSERT INTO t VALUES (?)", [(" ".join(c * 3 for c in x),) for x in chunks])
    assert {r[0] for r in conn.execute("SELECT term FROM pv")} == {c + c for c in lowered}
    trigrams = {r[0] for r in conn.execute("SELECT term FROM tv")}
    assert {c * 3 for c in lowered} <= trigrams


def _sql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


UNICODE61 = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
"""What the pairs tables were tokenized by before migration 10: every letter, number, mark,
punctuation and symbol a token character (and the Unicode tables' case folding)."""


def test_the_pairs_tokenizer_makes_the_tokens_unicode61_made() -> None:
    """The cheaper tokenizer of migration 10 splits the pairs exactly where the old one did,
    for every character up to U+3100 and beyond U+FE00 (spaces, controls, quotes, cased
    letters, format characters) and for Chinese text: so old entries can still be deleted."""
    texts = [
        "".join(map(chr, range(0, 0x3100))),
        "".join(map(chr, range(0xFE00, 0x10000))),
        "a\u3000b\tc\u00a0d\u2028e\"f'g,h\u200bi\x7fJ",
        "（省地方志办）2024年，“方志进校园”活动在成都举行。 Ⅱ　期",
    ]
    conn = sqlite3.connect(":memory:")
    for name, tokenizer in (("old", UNICODE61), ("new", PAIRS_TOKENIZER)):
        conn.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(x, tokenize = {_sql(tokenizer)})")
        conn.execute(f"CREATE VIRTUAL TABLE {name}_v USING fts5vocab({name}, row)")
        conn.executemany(
            f"INSERT INTO {name} VALUES (?)", [(_pairs(_stand_ins(t.lower())),) for t in texts]
        )
    old = conn.execute("SELECT term, doc FROM old_v ORDER BY term").fetchall()
    new = conn.execute("SELECT term, doc FROM new_v ORDER BY term").fetchall()
    assert len(old) > 10_000
    assert new == old


def test_texts_are_compared_at_character_boundaries() -> None:
    text = "中文中文".encode("utf-16-le")  # 2d 4e 87 65 ...: at offset 1, 4e 87 is 蝎 (U+874E)
    assert _contains(text, "文中".encode("utf-16-le"))
    assert not _contains(text, "\u874e".encode("utf-16-le"))
    assert not _contains(text, "\u874e\u2d65".encode("utf-16-le"))
    assert _contains("x\u874e".encode("utf-16-le") + text, "\u874e".encode("utf-16-le"))
    assert not _contains(b"", "中".encode("utf-16-le"))


def test_pairs_are_every_character_and_every_adjacent_pair() -> None:
    assert set(_pairs("方志，年 鉴").split()) == {
        "方",
        "志",
        "，",
        "年",
        "鉴",
        "方志",
        "志，",
        "，年",
    }
    assert _pairs("") == ""
    assert _pairs("方").split() == ["方", "方"]


def test_reindexing_forgets_the_old_text_and_an_unchanged_text_is_left_alone() -> None:
    conn = archive({1: ("乐山市举办方志讲座", "市民80余人参加。")})
    for query in ("乐山市举办", "方志", "余", "80余人", "。"):
        assert search_ids(conn, query, 10) == [1], query
    index_search(conn, 1, "乐山市举办方志讲座" + TITLES_END + "本次讲座由乐山市图书馆承办，")
    for query in ("80余人", "余人", "余", "。", "人参加"):
        assert search_ids(conn, query, 10) == [], query
    for query in ("乐山市图书馆", "图书", "馆", "，", "乐山市举办"):
        assert search_ids(conn, query, 10) == [1], query
    index_search(conn, 1, "")
    assert search_ids(conn, "乐山", 10) == []
    assert conn.execute(f"SELECT title, body FROM {TEXTS}").fetchall() == [(b"", b"")]
    changes = conn.total_changes
    index_search(conn, 1, "")
    assert conn.total_changes == changes


def test_a_batch_indexed_at_the_end_of_a_transaction_is_written_out_once() -> None:
    """No savepoint in index_search: FTS5 writes the batch's terms as one segment per table
    at COMMIT (a segment's id is a row id of ``%_data`` shifted right by 37 bits)."""
    conn = archive({})
    tables = [*PAIRS.values(), *TRIGRAMS.values()]
    for table in tables:
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0)")
    conn.execute("BEGIN")
    for n in range(1, 21):
        index_search(conn, n, f"第{n}期标题{TITLES_END}正文第{n}段，内容。")
    conn.execute("COMMIT")
    for table in tables:
        segments = conn.execute(
            f"SELECT count(DISTINCT id >> 37) FROM {table}_data WHERE id > 10"
        ).fetchone()[0]
        assert segments == 1, table
    assert search_ids(conn, "第7期", 10) == [7]


def test_many_indexed_at_once_as_one_at_a_time() -> None:
    """index_many with new, changed, unchanged and repeated ids leaves the tables as
    index_search one by one does: same tokens, same texts, same answers."""
    start = {1: ("乐山方志讲座", "市民80余人参加。"), 2: ("年鉴编纂", "（省志办）"), 3: ("", "")}
    batch = [
        (1, "乐山方志讲座" + TITLES_END + "本次讲座由图书馆承办，"),  # changed body
        (2, "年鉴编纂" + TITLES_END + "（省志办）"),  # unchanged
        (4, "泸州史志" + TITLES_END + "方志进校园。"),  # new
        (5, "" + TITLES_END + "先写的"),
        (5, "眉山" + TITLES_END + "后写的算数"),  # repeated: the last counts
        (3, "自贡" + TITLES_END + ""),  # an empty body gets a title
    ]
    together, singly = archive(start), archive(start)
    index_many(together, batch)
    for bulletin_id, text in batch:
        index_search(singly, bulletin_id, text)

    def state(conn: sqlite3.Connection) -> list[object]:
        out: list[object] = [conn.execute(f"SELECT * FROM {TEXTS} ORDER BY id").fetchall()]
        for table in (*PAIRS.values(), *TRIGRAMS.values()):
            conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS v_{table} USING fts5vocab({table}, row)"
            )
            out.append(conn.execute(f"SELECT term, doc FROM v_{table} ORDER BY term").fetchall())
        return out

    assert state(together) == state(singly)
    for query in ("后写的", "先写的", "图书馆", "80余人", "省志办", "自贡", "。", "方志进校园"):
        assert search_ids(together, query, 10) == search_ids(singly, query, 10), query
    assert search_ids(together, "先写的", 10) == []
    assert search_ids(together, "80余人", 10) == []


# --- through the store ----------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(DataDir(tmp_path / "data")) as opened:
        yield opened


def one_article(title: str, *paragraphs: str, byline: str | None = None) -> Bulletin:
    bulletin = Bulletin(masthead=Masthead(name="工作简报", issue=1))
    article = Article(title=title, byline=byline, paragraphs=list(paragraphs))
    bulletin.sections = [Section("工作动态", [article])]
    return bulletin


def add(store: SqliteStore, bulletin: Bulletin, n: int) -> int:
    return store.add(
        source_path=f"/inbox/{n}.txt",
        source_name=f"{n}.txt",
        sha256=f"sha{n}",
        size=1,
        mtime_ns=1,
        bulletin=bulletin,
        failure=None,
        user="编辑甲",
    ).bulletin_id


def test_no_kind_of_query_reads_every_bulletin(store: SqliteStore) -> None:
    """EXPLAIN QUERY PLAN of every statement a search runs: FTS5 lookups, rows by id."""
    first = add(
        store,
        one_article(
            "省地方志办召开年鉴编纂工作推进会",
            "（省志办）2024年5月，方志进校园。",
            "他说：“好。”。第ⅱ部分",
            byline="泸州市地方志办公室 王立新",
        ),
        1,
    )
    add(store, one_article("方志进校园", "本期内容"), 2)
    for query in KINDS:
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        try:
            found = [s.id for s in store.search(query, limit=1000)]
        finally:
            store.conn.set_trace_callback(None)
        assert (first in found) == (query != "没有这样的词语"), query
        selects = [s for s in statements if s.startswith("SELECT")]
        assert selects, query
        for sql in selects:
            for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql):
                detail = str(row[3])
                if detail.startswith("SCAN"):
                    assert "VIRTUAL TABLE INDEX" in detail, (query, detail)
                    assert ":M" in detail, (query, detail)  # FTS5 answers a MATCH
                else:  # rows by id: the table's own key, or the summary columns' index
                    by_id = ("USING INTEGER PRIMARY KEY", "COVERING INDEX bulletins_summary (id=?)")
                    assert any(way in detail for way in by_id), (query, detail)


def test_the_search_text_is_kept_once(store: SqliteStore) -> None:
    """In search_texts (what confirms a long query), not a second time in bulletins."""
    bulletin_id = add(store, one_article("方志馆开馆", "市民参观。"), 1)
    (text,) = store.conn.execute(
        "SELECT search_text FROM bulletins WHERE id = ?", (bulletin_id,)
    ).fetchone()
    assert text == ""
    assert [s.id for s in store.search("方志馆开")] == [bulletin_id]
    assert [s.id for s in store.search("民参观。")] == [bulletin_id]


# --- the migration --------------------------------------------------------------------------


def test_an_archive_of_version_7_gains_the_new_tables_filled(tmp_path: Path) -> None:
    """Made as version 7 made it: its migrations, and the old index written as _index wrote
    it (a trigram table with positions, token tables for one and two characters)."""
    data = DataDir(tmp_path / "data")
    data.root.mkdir(parents=True)
    conn = sqlite3.connect(data.database, isolation_level=None)
    for step in MIGRATIONS[:7]:
        if callable(step):
            step(conn)
        else:
            conn.executescript(step)
    texts = {
        1: "四川省地方志工作简报\n年鉴编纂" + TITLES_END + "（省志办）2024年，方志进校园。",
        2: "乐山史志" + TITLES_END + "泸州市地方志办公室 王立新",
        3: "",
    }
    for bulletin_id, text in texts.items():
        conn.execute(
            "INSERT INTO bulletins (id, source_path, source_name, sha256, size, received_at, "
            "status, search_text, updated_at) VALUES (?, ?, ?, ?, 1, '2024-01-01', 'new', ?, "
            "'2024-01-01')",
            (bulletin_id, f"/{bulletin_id}.txt", f"{bulletin_id}.txt", f"s{bulletin_id}", text),
        )
        titles, _, body = text.partition(TITLES_END)
        conn.execute(
            "INSERT INTO bulletins_fts (rowid, title, body) VALUES (?, ?, ?)",
            (bulletin_id, titles, body),
        )
        for table, part in (("short_title", titles), ("short_body", body)):
            conn.execute(
                f"INSERT INTO {table} (rowid, tokens) VALUES (?, ?)",
                (bulletin_id, short_tokens(part)),
            )
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert not names & {*OLD_TABLES, "short_title_data", "bulletins_fts_content"}
        assert {TEXTS, *PAIRS.values(), *TRIGRAMS.values()} <= names
        assert store.conn.execute(f"SELECT count(*) FROM {TEXTS}").fetchone()[0] == 3
        docs: Docs = {}
        for bulletin_id, text in texts.items():
            titles, _, body = text.partition(TITLES_END)
            docs[bulletin_id] = (titles, body)
        for query in [*KINDS, "年鉴", "乐山"]:
            expected = scan(docs, query)
            assert [s.id for s in store.search(query, limit=1000)] == expected, query
        assert store.integrity_ok()


def test_an_archive_of_version_9_gets_the_cheaper_tokenizers_and_keeps_its_answers(
    tmp_path: Path,
) -> None:
    """Made as version 9 made it (unicode61 pairs, case-folding trigrams, warnings kept in
    their column): migration 10 makes the tables again with today's tokenizers, answers
    stay what a scan finds, an edit afterwards forgets the old text, the warnings go."""
    data = DataDir(tmp_path / "data")
    data.root.mkdir(parents=True)
    conn = sqlite3.connect(data.database, isolation_level=None)
    for step in MIGRATIONS[:9]:
        if callable(step):
            step(conn)
        else:
            conn.executescript(step)
    for table in (*PAIRS.values(), *TRIGRAMS.values()):
        conn.execute(f"DROP TABLE {table}")
        old = UNICODE61 if table in PAIRS.values() else "trigram"
        column = "tokens" if table in PAIRS.values() else "text"
        conn.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5({column}, tokenize = {_sql(old)}, "
            "content = '', detail = 'none', columnsize = 0)"
        )
    docs: Docs = {
        1: ("四川省地方志工作简报\n年鉴编纂", "（省志办）2024年，方志进校园。 ＡＢＣ　Ⅱ期"),
        2: ("乐山史志", "泸州市地方志办公室 王立新"),
        3: ("", ""),
    }
    for bulletin_id, (titles, body) in docs.items():
        conn.execute(
            "INSERT INTO bulletins (id, source_path, source_name, sha256, size, received_at, "
            "status, warnings, updated_at) VALUES (?, ?, ?, ?, 1, '2024-01-01', 'new', "
            "'[{\"code\": \"x\"}]', '2024-01-01')",
            (bulletin_id, f"/{bulletin_id}.txt", f"{bulletin_id}.txt", f"s{bulletin_id}"),
        )
        title_text, body_text = titles.lower(), body.lower()
        conn.execute(
            f"INSERT INTO {TEXTS} VALUES (?, ?, ?)",
            (bulletin_id, title_text.encode("utf-16-le"), body_text.encode("utf-16-le")),
        )
        for part, text in (("title", title_text), ("body", body_text)):
            if text:
                conn.execute(
                    f"INSERT INTO {PAIRS[part]} (rowid, tokens) VALUES (?, ?)",
                    (bulletin_id, _pairs(_stand_ins(text))),
                )
                conn.execute(
                    f"INSERT INTO {TRIGRAMS[part]} (rowid, text) VALUES (?, ?)",
                    (bulletin_id, text),
                )
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    with SqliteStore(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for table in PAIRS.values():
            (sql,) = store.conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
            ).fetchone()
            assert "ascii" in sql, sql
        assert {r[0] for r in store.conn.execute("SELECT DISTINCT warnings FROM bulletins")} == {
            "[]"
        }
        for query in [*KINDS, "年鉴", "乐山", "ａｂｃ", "Ⅱ期", "　"]:
            assert [s.id for s in store.search(query, limit=1000)] == scan(docs, query), query
        index_search(store.conn, 1, "新标题" + TITLES_END + "全新的正文")
        docs[1] = ("新标题", "全新的正文")
        for query in [*KINDS, "年鉴", "新标题", "正文", "ａｂｃ", "Ⅱ期"]:
            assert [s.id for s in store.search(query, limit=1000)] == scan(docs, query), query
        assert store.integrity_ok()
