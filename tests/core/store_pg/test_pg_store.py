"""What only the PostgreSQL archive has (issue 17): the server's character type, its schema
table, its pool, its indexes, and search answers compared with the SQLite archive's.

Behaviour both stores share is in tests/core/store/test_contract.py, run on both."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from support.corpus import CORPUS, needs_corpus
from support.postgres import PostgresServer, drop_database

from editor.core.ingest import ingest_file
from editor.core.model import Bulletin
from editor.core.parsing import parse_text
from editor.core.paths import DataDir
from editor.core.series import Series
from editor.core.store import Store, StoreError
from editor.core.store.pg import PgStore
from editor.core.store.pg_schema import (
    CHANGES_CHANNEL,
    INBOX_LOCK,
    SCHEMA_VERSION,
    SchemaTooNew,
)
from editor.core.store.pg_search import SHORT_QUERY, short_condition

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


@pytest.fixture
def pg(pg_url: str) -> Iterator[PgStore]:
    with PgStore(pg_url) as opened:
        yield opened


def issue_nine(extra: str = "") -> Bulletin:
    data = json.loads((FIXTURE / "two_columns_three_articles.json").read_text("utf-8"))
    if extra:
        data["sections"][0]["articles"][0]["paragraphs"].append(extra)
    return Bulletin.from_dict(data)


def add(
    store: PgStore | Store,
    bulletin: Bulletin | None,
    *,
    path: str = "/inbox/a.txt",
    sha: str = "a",
) -> int:
    added = store.add(
        source_path=path,
        source_name=path.rsplit("/", 1)[-1],
        sha256=sha,
        size=100,
        mtime_ns=1,
        bulletin=bulletin,
        failure=None if bulletin else "不是文本文件",
        user="编辑甲",
    )
    return added.bulletin_id


def tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    return [r[0] for r in rows]


def old_bulletin(conn: psycopg.Connection[Any], n: int, bulletin: Bulletin) -> tuple[int, str, str]:
    """A bulletin written as versions 1 and 2 wrote it (arrays of word characters only, no
    ``tokens_kind``); its id, and its search text's titles and body."""
    from psycopg.types.json import Jsonb

    from editor.core.store.records import index_fields
    from editor.core.store.schema import short_tokens

    def words_only(text: str) -> list[str]:
        tokens = set(short_tokens(text).split())
        return sorted(tokens | {c for token in tokens for c in token})

    fields = index_fields(bulletin)
    text = str(fields["search_text"]).lower()
    titles, _, body = text.partition("\x1f")
    row = conn.execute(
        "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, "
        "status, parsed, updated_at, title, search_lower, title_tokens, body_tokens) "
        "VALUES (%s, %s, %s, 100, now(), 'new', %s, now(), %s, %s, %s, %s) RETURNING id",
        (
            f"/inbox/{n}.txt",
            f"{n}.txt",
            f"s{n}",
            Jsonb(bulletin.to_dict()),
            fields["title"],
            text,
            words_only(titles),
            words_only(body),
        ),
    ).fetchone()
    assert row is not None
    return int(row[0]), titles, body


# --- the server and the database ------------------------------------------------------------


def test_the_database_is_utf8_and_pg_trgm_sees_chinese(pg: PgStore, pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        encoding, ctype, trigrams = conn.execute(
            "SELECT current_setting('server_encoding'), current_setting('lc_ctype'), "
            "show_trgm('地方志')"
        ).fetchone()
    assert (encoding, ctype) == ("UTF8", "C.UTF-8")
    assert len(trigrams) == 4  # "  地", " 地方", "地方志", "方志 " (shown hashed: not ASCII)
    assert pg.integrity_ok()


def test_a_database_with_the_c_character_type_is_refused_untouched(
    postgres: PostgresServer,
) -> None:
    name = "c_locale_test"
    with psycopg.connect(postgres.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
            ).format(sql.Identifier(name))
        )
    url = postgres.url_for(name)
    try:
        with pytest.raises(StoreError) as caught:
            PgStore(url)
        message = str(caught.value)
        assert message.startswith(f"postgresql://jianxun@127.0.0.1:{postgres.port}/{name}：")
        assert "LC_CTYPE" in message
        assert "C.UTF-8" in message  # what to fix
        assert tables(url) == []
    finally:
        drop_database(postgres, url)


def test_schema_version_table_and_reopening(pg_url: str) -> None:
    with PgStore(pg_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with PgStore(pg_url) as again:  # reopening migrates nothing and keeps data
        assert again.count() == 0
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_a_newer_schema_is_refused(pg_url: str) -> None:
    PgStore(pg_url).close()
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
    for read_only in (False, True):
        with pytest.raises(SchemaTooNew, match="请升级简讯编审台") as caught:
            PgStore(pg_url, read_only=read_only)
        assert str(caught.value).startswith("postgresql://jianxun@127.0.0.1:")


def test_desks_starting_at_once_make_the_archive_once(pg_url: str) -> None:
    barrier = threading.Barrier(4)
    opened: list[PgStore] = []
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            opened.append(PgStore(pg_url))
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for store in opened:
        store.close()
    assert errors == []
    assert len(opened) == 4
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_reading_never_creates_an_archive(pg_url: str) -> None:
    for kwargs in ({"read_only": True}, {"create": False}):
        with pytest.raises(StoreError, match="这里还没有档案"):
            PgStore(pg_url, **kwargs)  # type: ignore[arg-type]
    assert tables(pg_url) == []


def test_someone_elses_database_is_left_alone(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE contacts (name text)")
    with pytest.raises(StoreError, match="不是简讯编审台的档案") as caught:
        PgStore(pg_url)
    assert "contacts" in str(caught.value)
    assert tables(pg_url) == ["contacts"]


def test_an_unreachable_server_or_missing_database_is_one_chinese_line(
    postgres: PostgresServer,
) -> None:
    with pytest.raises(StoreError) as caught:
        PgStore("postgresql://jianxun:s3cret@127.0.0.1:1/archive")
    message = str(caught.value)
    assert message == (
        "postgresql://jianxun@127.0.0.1:1/archive：数据库服务器拒绝连接（服务器没有运行，或地址、端口不对）"
    )
    assert "s3cret" not in message
    with pytest.raises(StoreError, match=r"服务器上没有这个数据库$"):
        PgStore(postgres.url_for("no_such_archive"))
    with pytest.raises(StoreError, match="数据库地址写得不对"):
        PgStore("postgresql://jianxun@127.0.0.1/archive?bogus=1")


def test_a_read_only_store_reads_and_refuses_writes(pg: PgStore, pg_url: str) -> None:
    bulletin_id = add(pg, issue_nine())
    with PgStore(pg_url, read_only=True) as reader:
        assert reader.get(bulletin_id).status == "new"
        assert [s.id for s in reader.search("方志")] == [bulletin_id]
        with pytest.raises(StoreError, match="只读"):
            reader.transition(bulletin_id, "approve", "主任")
        with pytest.raises(StoreError, match="只读"):
            add(reader, issue_nine("又一份"), sha="b")
    assert pg.count() == 1


def test_the_pool_replaces_connections_the_server_dropped(pg: PgStore, pg_url: str) -> None:
    add(pg, issue_nine())
    with psycopg.connect(pg_url, autocommit=True) as conn:
        ended = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'jianxun'"
        ).fetchone()
    assert ended is not None
    assert ended[0] >= 1
    assert pg.count() == 1  # the pool checks a connection before handing it out


# --- what the archive holds ------------------------------------------------------------------


# --- search ----------------------------------------------------------------------------------


def test_search_finds_what_sqlite_finds(pg: PgStore, store: Store, sample_text: str) -> None:
    sample = parse_text(sample_text)
    other = parse_text(
        "乐山市举办方志讲座\n6月1日，乐山市举办“方志里的乐山”讲座，市民80余人参加。\n"
    )
    for archive in (pg, store):
        add(archive, sample, sha="a")
        add(archive, other, path="/inbox/b.txt", sha="b")
    for query in (
        "方志进校园",
        "方志里的乐山",
        "方志",
        "乐山",
        "志",
        "讲座",
        "没有这样的词语",
        '引号"和%通配',
        "方志讲座",
        "《绵",
        "%",
        "5G",
        "80",
        "MARKET",
    ):
        assert [s.id for s in pg.search(query)] == [s.id for s in store.search(query)], query
    assert pg.search("方志讲座")[0].id == 2  # a title match ranks above a body match


def test_short_and_long_queries_use_the_indexes(pg: PgStore, pg_url: str) -> None:
    for n in range(30):
        add(pg, issue_nine(str(n)), path=f"/inbox/{n}.txt", sha=f"s{n}")
    with psycopg.connect(pg_url) as conn:
        conn.execute("ANALYZE bulletins")
        conn.execute("SET enable_seqscan = off")
        plans = {
            index: "\n".join(
                str(r[0]) for r in conn.execute(f"EXPLAIN SELECT id FROM bulletins WHERE {where}")
            )
            for index, where in (
                ("bulletins_body_tokens", "body_tokens @> ARRAY['方志']"),
                ("bulletins_title_tokens", "title_tokens @> ARRAY['志']"),
                ("bulletins_search", "search_lower LIKE '%地方志工作%'"),
            )
        }
        # A short query with punctuation: the arrays, and the rows not yet renewed by theirs.
        where, params = short_condition("body_tokens", "，", renewed=False)
        cursor = conn.cursor()
        cursor.execute(f"EXPLAIN SELECT id FROM bulletins WHERE {where}", params)
        plan = "\n".join(str(r[0]) for r in cursor.fetchall())
        assert "bulletins_body_tokens" in plan, plan
        assert "bulletins_old_tokens" in plan, plan
    for index, plan in plans.items():
        assert index in plan, plan


@pytest.mark.parametrize("ranked", [1000, 4])
def test_long_queries_find_the_newest_matches_by_either_way(
    pg: PgStore, monkeypatch: pytest.MonkeyPatch, ranked: int
) -> None:
    """A common phrase is looked for from the newest back, a rare one through the trigram
    index (judged on a sample of the newest): both find the newest RANKED matches."""
    import editor.core.store as store_module
    import editor.core.store.pg as pg_module

    monkeypatch.setattr(pg_module, "SAMPLE", 5)
    monkeypatch.setattr(store_module, "RANKED", ranked)
    ids = [
        add(
            pg,
            parse_text(
                f"第{n}次活动\n本次活动{'包括一场方志讲座' if n % 3 else '另有安排'}，"
                f"共{n}人参加{'，Market Day' if n == 2 else ''}。\n"
            ),
            path=f"/inbox/{n}.txt",
            sha=f"b{n}",
        )
        for n in range(1, 31)
    ]
    common = [i for n, i in enumerate(ids, 1) if n % 3][::-1][:ranked]
    assert [s.id for s in pg.search("方志讲座")] == common
    assert [s.id for s in pg.search("另有安排")] == [i for n, i in enumerate(ids, 1) if not n % 3][
        ::-1
    ][:ranked]
    assert [s.id for s in pg.search("market day")] == [ids[1]]  # case is ignored
    assert pg.search("没有这样的词语") == []


@needs_corpus
def test_the_corpus_is_found_alike_in_both_archives(
    pg_url: str, tmp_path: Path, store: Store
) -> None:
    """The office's real bulletins, ingested into both archives: 1-, 2-, 3- and 4-character
    queries find the same bulletins (one and two characters in the same order)."""
    with PgStore(pg_url, data=DataDir(tmp_path / "pgdata").ensure()) as pg:
        for path in sorted(CORPUS.glob("*.txt")):
            assert ingest_file(store, path, user="收件").kind == "new"
            assert ingest_file(pg, path, user="收件").kind == "new"
        assert pg.ids() == store.ids()
        queries: set[str] = {"地方志", "年鉴", "火星", "量子计算", "工作会议", "方志馆", "志", "会"}
        queries |= {"，", "。", "、", "（", "）", "”。", "。”", "：“", "《", "—"}  # punctuation
        for bulletin_id in pg.ids():
            record = pg.get(bulletin_id)
            assert record.current is not None
            texts = [a.title or "" for a in record.current.articles()] + [
                t for a in record.current.articles() for t in a.texts[:2]
            ]
            for text in texts:
                for size in (1, 2, 3, 4):
                    for start in (0, len(text) // 3, len(text) // 2):
                        piece = text[start : start + size].strip()
                        if len(piece) == size:
                            queries.add(piece)
        assert len(queries) > 100
        found = 0
        for query in sorted(queries):
            ours = [s.id for s in pg.search(query)]
            theirs = [s.id for s in store.search(query)]
            if SHORT_QUERY.fullmatch(query):
                assert ours == theirs, query
            else:  # ranked differently: SQLite by bm25 (titles weighted), or LIKE's order among
                # rows of one second; PostgreSQL titles first, then the newest
                assert sorted(ours) == sorted(theirs), query
            found += bool(ours)
        assert found > 50


# --- several desks: the inbox duty and the live-change notices -------------------------------


def test_a_desk_whose_connection_ends_hands_the_inbox_on(pg: PgStore, pg_url: str) -> None:
    """The duty is a session lock: when the server ends the holder's session (a crash, a
    network gone, an administrator), the holder sees it lost and the next desk takes it."""
    with PgStore(pg_url) as other:
        claim = pg.claim_inbox("desk-A")
        assert claim is not None
        assert claim.holding()
        assert other.claim_inbox("desk-B") is None
        with psycopg.connect(pg_url, autocommit=True) as admin:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid, 30000), application_name "
                "FROM pg_locks JOIN pg_stat_activity USING (pid) WHERE locktype = 'advisory' "
                "AND granted AND (classid::bigint << 32 | objid::bigint) = %s",
                (INBOX_LOCK,),
            ).fetchall()
        assert ended == [(True, "jianxun inbox")]  # its own connection, not one of the pool's
        assert not claim.holding()
        claim.release()
        taken = other.claim_inbox("desk-B")
        assert taken is not None
        assert taken.holding()
        assert pg.count() == 0  # the pool of the desk that lost it works on


def _until(
    listener: psycopg.Connection[tuple[object, ...]],
    probe: psycopg.Connection[tuple[object, ...]],
    mark: str,
) -> list[str]:
    """The payloads that arrive before ``mark``, which ``probe`` sends now: everything
    committed before it has been delivered by then (notices come in commit order)."""
    probe.execute("SELECT pg_notify(%s, %s)", (CHANGES_CHANNEL, mark))
    payloads = []
    for notice in listener.notifies(timeout=10):
        if notice.payload == mark:
            return payloads
        payloads.append(notice.payload)
    raise AssertionError(f"no {mark} within 10 s; before it: {payloads}")


def test_changes_are_announced_once_committed(pg: PgStore, pg_url: str) -> None:
    with (
        psycopg.connect(pg_url, autocommit=True) as listener,
        psycopg.connect(pg_url, autocommit=True) as probe,
    ):
        listener.execute(f"LISTEN {CHANGES_CHANNEL}")
        bulletin_id = add(pg, issue_nine())
        record = pg.get(bulletin_id)
        assert record.current is not None
        record.current.imprint.printer = "乙"
        pg.save_edit(bulletin_id, record.current, "编辑乙")
        pg.take_lease(bulletin_id, user="张三", desk="desk-A", host="PC-2")
        pg.save_series(Series("乐山史志"))
        first = [n.payload for n in listener.notifies(timeout=5, stop_after=4)]
        assert first == [str(bulletin_id)] * 3 + ["*"]
        pg.release_lease(bulletin_id, "desk-A")
        pg.delete_series("乐山史志")
        pg.transition(bulletin_id, "approve", "主任")
        assert _until(listener, probe, "end-1") == [str(bulletin_id), "*", str(bulletin_id)]
        # A transaction's notices wait for its commit; a rolled-back one sends none.
        other = add(pg, issue_nine("又一份"), path="/inbox/b.txt", sha="b")
        assert _until(listener, probe, "end-2") == [str(other)]
        with psycopg.connect(pg_url) as writer:
            writer.execute("UPDATE bulletins SET updated_at = now() WHERE id = %s", (other,))
            writer.execute("INSERT INTO series (name, data) VALUES ('新', '{}')")
            assert _until(listener, probe, "before-commit") == []
            writer.commit()
            assert _until(listener, probe, "after-commit") == [str(other), "*"]
            writer.execute("UPDATE bulletins SET updated_at = now() WHERE id = %s", (other,))
            writer.rollback()
        assert _until(listener, probe, "end-3") == []


def test_an_archive_from_version_1_gains_leases_and_notices(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import editor.core.store.pg_schema as schema

    with monkeypatch.context() as patch:
        patch.setattr(schema, "SCHEMA_VERSION", 1)
        with PgStore(pg_url) as old:
            assert old.schema_version() == 1
    with psycopg.connect(pg_url) as conn:
        bulletin_id, _, _ = old_bulletin(conn, 1, issue_nine())
        assert "leases" not in tables(pg_url)
    with PgStore(pg_url) as store, psycopg.connect(pg_url, autocommit=True) as listener:
        assert store.schema_version() == SCHEMA_VERSION
        listener.execute(f"LISTEN {CHANGES_CHANNEL}")
        lease = store.take_lease(bulletin_id, user="张三", desk="desk-A", host="PC-2")
        assert store.leases() == {bulletin_id: lease}
        assert [n.payload for n in listener.notifies(timeout=5, stop_after=1)] == [str(bulletin_id)]


def test_an_archive_from_version_2_finds_short_punctuation_before_and_after_renewal(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 2 kept word characters only in the arrays (a query like “，” read every
    bulletin). Migration 3 only marks its rows; until a desk renews them (``upkeep``, a batch
    at a time, sending no notices) a short query with punctuation compares their text, so
    every query finds the same before, during and after."""
    import editor.core.store.pg_schema as schema

    with monkeypatch.context() as patch:
        patch.setattr(schema, "SCHEMA_VERSION", 2)
        PgStore(pg_url).close()
    extras = ["会议强调：“修志问道，以启未来。”〔完〕", "另有一段※", "第三份：没有别的"]
    parts: dict[int, tuple[str, str]] = {}
    with psycopg.connect(pg_url) as conn:
        for n, extra in enumerate(extras, start=1):
            bulletin_id, titles, body = old_bulletin(conn, n, issue_nine(extra))
            parts[bulletin_id] = (titles, body)

    def scan(query: str) -> list[int]:
        """Title matches first, then body matches, newest first within each."""
        newest = sorted(parts, reverse=True)
        in_titles = [i for i in newest if query in parts[i][0]]
        return in_titles + [i for i in newest if query in parts[i][1] and i not in in_titles]

    queries = ["。”", "：“", "〔", "※", "，", "：", "另有", "修志", "志", "会议", "。"]
    with (
        PgStore(pg_url) as store,
        psycopg.connect(pg_url, autocommit=True) as listener,
        psycopg.connect(pg_url, autocommit=True) as probe,
    ):
        assert store.schema_version() == SCHEMA_VERSION
        found = {q: [s.id for s in store.search(q)] for q in queries}
        assert found == {q: scan(q) for q in queries}
        assert found["※"] == [2]
        listener.execute(f"LISTEN {CHANGES_CHANNEL}")
        assert store.upkeep(limit=2) == 2  # the newest two
        assert {q: [s.id for s in store.search(q)] for q in queries} == found
        assert store.upkeep() == 1
        assert store.upkeep() == 0
        assert _until(listener, probe, "renewed") == []  # nothing a desk shows changed
        assert {q: [s.id for s in store.search(q)] for q in queries} == found
        kinds = probe.execute("SELECT DISTINCT tokens_kind FROM bulletins").fetchall()
        assert kinds == [(2,)]
        # Rows written now are renewed already, and the notices are as before.
        fourth = add(store, issue_nine("第四份〖新收〗"), path="/inbox/4.txt", sha="s4")
        assert store.upkeep() == 0
        assert [s.id for s in store.search("〖新")] == [fourth]
        assert _until(listener, probe, "added") == [str(fourth)]


def test_searches_are_planned_anew_each_time_never_from_a_prepared_statement(
    pg: PgStore,
) -> None:
    """psycopg prepares a statement run five times; PostgreSQL may then keep one generic plan
    for every search word, ignoring the plan each search picks (a word found nowhere took
    seconds at 100k). The store's connections prepare nothing."""
    pg.add(
        source_path="收件箱/a.txt",
        source_name="a.txt",
        sha256="a",
        size=1,
        mtime_ns=1,
        bulletin=parse_text("四川省地方志工作简报\n第9期\n\n地方志工作会议召开\n\n会议强调。\n"),
        failure=None,
        user="收件",
    )
    for _ in range(12):
        for word in ("地方志", "志", "鲸鱼座"):
            pg.search(word, limit=1000)
    with pg._pool.connection() as conn:
        row = conn.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()
    assert row is not None
    assert row[0] == 0
