"""The archive on a real PostgreSQL server (issue 17): the same answers as the SQLite archive,
one record per content however many desks add it at once, and clear refusals in Chinese."""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

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
from editor.core.store.pg_schema import SCHEMA_VERSION, SchemaTooNew
from editor.core.store.pg_search import SHORT_QUERY
from editor.core.workflow import WorkflowError

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


def test_add_get_list(pg: PgStore, sample_text: str) -> None:
    bulletin = parse_text(sample_text)
    first = add(pg, bulletin)
    failed = add(pg, None, path="/inbox/bad.txt", sha="b")
    record = pg.get(first)
    assert record.status == "new"
    assert record.parsed == bulletin
    assert record.current == bulletin
    assert record.summary.title == "省地方志办召开年鉴编纂工作推进会"
    assert STAMP.fullmatch(record.summary.received_at)
    assert pg.get(failed).summary.failure == "不是文本文件"
    assert [s.id for s in pg.list_bulletins()] == [failed, first]
    assert [s.id for s in pg.list_bulletins("failed")] == [failed]
    assert pg.ids() == [failed, first]
    assert pg.summaries([first, 99]) == {first: record.summary}
    assert (pg.count(), pg.count("new")) == (2, 1)
    assert pg.id_for_sha("a") == first
    assert pg.known_source("/inbox/a.txt", 100, 1)
    assert not pg.known_source("/inbox/a.txt", 100, 2)
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        pg.get(99)


def test_edits_transitions_and_revisions(pg: PgStore, sample_text: str) -> None:
    bulletin_id = add(pg, parse_text(sample_text))
    edited = pg.get(bulletin_id).current
    assert edited is not None
    edited.masthead.issue = 10
    edited.sections[0].articles[0].title = "新的标题"
    assert pg.save_edit(bulletin_id, edited, "编辑乙") == 2
    assert pg.save_edit(bulletin_id, edited, "编辑乙") == 0  # nothing changed, nothing written
    record = pg.get(bulletin_id)
    assert (record.status, record.current) == ("in_review", edited)
    assert record.parsed is not None
    assert record.parsed.masthead.issue == 9
    assert [s.id for s in pg.search("新的标题")] == [bulletin_id]
    assert pg.transition(bulletin_id, "approve", "主任") == "approved"
    assert pg.transition(bulletin_id, "export", "文印", detail="/out/a.docx") == "exported"
    record = pg.get(bulletin_id)
    assert (record.approved_by, record.exported_path) == ("主任", "/out/a.docx")
    assert record.approved_at is not None
    assert STAMP.fullmatch(record.approved_at)
    with pytest.raises(WorkflowError, match="状态为“已导出”的简报不能批准"):
        pg.transition(bulletin_id, "approve", "主任")
    history = [
        (r.action, r.field_path, r.old_value, r.new_value) for r in pg.revisions(bulletin_id)
    ]
    assert history == [
        ("ingest", None, None, "收到 a.txt"),
        ("edit", "masthead.issue", 9, 10),
        ("edit", "sections[0].articles[0].title", "省地方志办召开年鉴编纂工作推进会", "新的标题"),
        ("status", "status", "new", "in_review"),
        ("approve", "status", "in_review", "approved"),
        ("export", "status", "approved", "exported"),
    ]
    assert all(STAMP.fullmatch(r.at) and r.user for r in pg.revisions(bulletin_id))


def test_every_write_to_a_bulletin_adds_one_to_its_version(pg: PgStore) -> None:
    first = add(pg, issue_nine("一"), sha="a")
    second = add(pg, issue_nine("二"), path="/inbox/b.txt", sha="b")
    assert pg.version(first) == 1
    edited = pg.get(first).current
    assert edited is not None
    edited.masthead.issue = 10
    pg.save_edit(first, edited, "编辑")
    pg.save_edit(first, edited, "编辑")  # no change: no write
    assert pg.version(first) == 2
    pg.transition(first, "approve", "主任")
    assert pg.version(first) == 3
    pg.mark_new_version(second, first, "编辑")
    assert (pg.version(first), pg.version(second)) == (4, 2)
    with pytest.raises(WorkflowError):
        pg.transition(first, "reject", "主任")  # refused: nothing written
    assert pg.version(first) == 4
    assert pg.get(first).version == 4


def test_concurrent_edits_are_each_counted_against_the_latest_version(pg_url: str) -> None:
    """Two desks saving the same bulletin at once: every save is diffed against what the
    archive holds at that moment (read and locked in its transaction), so the history of a
    field is one unbroken chain of old -> new values."""
    with PgStore(pg_url) as one, PgStore(pg_url) as two:
        bulletin_id = add(one, issue_nine())
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def edit(store: PgStore, desk: str) -> None:
            barrier.wait()
            try:
                for n in range(15):
                    bulletin = store.get(bulletin_id).current
                    assert bulletin is not None
                    bulletin.imprint.printer = f"{desk}{n}"
                    store.save_edit(bulletin_id, bulletin, desk)
            except BaseException as err:
                errors.append(err)

        threads = [
            threading.Thread(target=edit, args=(store, desk))
            for store, desk in ((one, "甲"), (two, "乙"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        chain = [
            (r.old_value, r.new_value)
            for r in one.revisions(bulletin_id)
            if r.field_path == "imprint.printer"
        ]
        assert len(chain) == 30
        for (_, new), (old, _) in itertools.pairwise(chain):
            assert old == new
        current = one.get(bulletin_id).current
        assert current is not None
        assert current.imprint.printer == chain[-1][1]
        assert one.version(bulletin_id) == 31


def test_two_desks_adding_the_same_file_at_once_record_it_once(pg_url: str) -> None:
    """Two stores (two pools) add the same 20 contents at the same moments."""
    with PgStore(pg_url) as one, PgStore(pg_url) as two:
        results: dict[str, list[tuple[int, bool]]] = {}
        lock = threading.Lock()
        barrier = threading.Barrier(2)

        def arrive(store: PgStore, desk: str) -> None:
            for n in range(20):
                barrier.wait()
                added = store.add(
                    source_path=f"/{desk}/第{n}期.txt",
                    source_name=f"第{n}期.txt",
                    sha256=f"sha{n}",
                    size=10,
                    mtime_ns=n,
                    bulletin=issue_nine(str(n)),
                    failure=None,
                    user=desk,
                )
                with lock:
                    results.setdefault(f"sha{n}", []).append((added.bulletin_id, added.duplicate))

        threads = [
            threading.Thread(target=arrive, args=(store, desk))
            for store, desk in ((one, "甲"), (two, "乙"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert one.count() == 20
        for sha, outcomes in results.items():
            (first_id, first_dup), (second_id, second_dup) = outcomes
            assert first_id == second_id == one.id_for_sha(sha)
            assert sorted([first_dup, second_dup]) == [False, True]
        assert all(len(one.revisions(b)) == 1 for b in one.ids())


def test_unreadable_files_are_recorded_once_per_reason(pg: PgStore) -> None:
    first = pg.add_unreadable(
        source_path="/inbox/秘.pdf",
        source_name="秘.pdf",
        size=9,
        reason="没有读取权限",
        user="收件",
    )
    assert first is not None
    again = pg.add_unreadable(
        source_path="/inbox/秘.pdf",
        source_name="秘.pdf",
        size=9,
        reason="没有读取权限",
        user="收件",
    )
    assert again is None
    other = pg.add_unreadable(
        source_path="/inbox/秘.pdf", source_name="秘.pdf", size=9, reason="文件太大", user="收件"
    )
    assert other == first
    assert pg.get(first).summary.failure == "文件太大"
    assert [r.new_value for r in pg.revisions(first)] == ["没有读取权限", "文件太大"]


def test_series_are_kept_by_name(pg: PgStore) -> None:
    pg.save_series(Series("四川省地方志工作简报", issuer="四川省地方志工作办公室"))
    pg.save_series(Series("乐山史志"))
    pg.save_series(Series("乐山史志通讯"), old_name="乐山史志")
    assert [s.name for s in pg.list_series()] == ["乐山史志通讯", "四川省地方志工作简报"]
    pg.delete_series("乐山史志通讯")
    (kept,) = pg.list_series()
    assert kept == Series("四川省地方志工作简报", issuer="四川省地方志工作办公室")


def test_duplicates_and_new_versions(pg: PgStore) -> None:
    first = add(pg, issue_nine("一"), sha="a")
    pg.transition(first, "approve", "主任")
    pg.transition(first, "export", "文印", detail="/out/第9期.docx")
    copy = add(pg, issue_nine("二"), path="/inbox/b.txt", sha="b")
    corrected = add(pg, issue_nine("三"), path="/inbox/c.txt", sha="c")
    history = pg.series_history("四川省地方志工作简报", exclude=copy)
    assert [(h.bulletin_id, h.issue, h.status) for h in history] == [
        (first, 9, "exported"),
        (corrected, 9, "new"),
    ]
    assert pg.mark_duplicate(copy, first, "编辑甲") == "rejected"
    notes = [(r.action, r.new_value) for r in pg.revisions(copy) if r.field_path == "note"]
    assert notes == [("reject", f"与 #{first} 重复")]
    with pytest.raises(WorkflowError, match="不能退回"):
        pg.mark_duplicate(first, copy, "编辑甲")
    with pytest.raises(StoreError, match="不能标为它自己的重复件或新版本"):
        pg.mark_duplicate(first, first, "编辑甲")
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        pg.mark_duplicate(copy, 99, "编辑甲")
    pg.mark_new_version(corrected, first, "编辑甲")
    pg.mark_new_version(corrected, first, "编辑甲")  # again: nothing more
    assert (pg.supersedes(corrected), pg.superseded_by(first)) == (first, corrected)
    assert pg.series_history("四川省地方志工作简报", exclude=corrected) == []
    later = add(pg, issue_nine("四"), path="/inbox/d.txt", sha="d")
    with pytest.raises(StoreError, match=f"已由 #{corrected} 取代"):
        pg.mark_new_version(later, first, "编辑甲")
    pg.mark_new_version(later, corrected, "编辑甲")
    with pytest.raises(StoreError, match="本身是"):
        pg.mark_new_version(first, later, "编辑甲")
    failed = add(pg, None, path="/inbox/e.txt", sha="e")
    with pytest.raises(StoreError, match="无法解析，不能标记版本"):
        pg.mark_new_version(failed, later, "编辑甲")
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        pg.supersedes(99)


def test_series_signs_articles(pg: PgStore) -> None:
    signed = add(pg, issue_nine(), sha="a")
    assert not pg.series_signs_articles("四川省地方志工作简报")  # nothing approved yet
    pg.transition(signed, "approve", "主任")
    record = pg.get(signed).current
    assert record is not None
    expected = all(a.source for a in record.articles())
    assert pg.series_signs_articles("四川省地方志工作简报") is expected
    assert not pg.series_signs_articles("四川省地方志工作简报", exclude=signed)


def test_originals_are_kept_in_the_database(pg: PgStore) -> None:
    data = "四川省地方志工作简报".encode() + bytes(range(256))
    pg.keep_original("abc", ".TXT", data)
    pg.keep_original("abc", ".txt", data)  # the same content again: kept once
    assert pg.read_original("abc", "第9期.txt") == data
    assert pg.has_original("abc")
    with pytest.raises(FileNotFoundError):
        pg.read_original("missing")


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


def test_search_ranks_titles_first_then_the_newest(
    pg: PgStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import editor.core.store as store_module

    in_title = add(pg, parse_text("方志讲座在成都举行\n讲座吸引了许多市民。\n"), sha="t")
    in_body = [
        add(
            pg,
            parse_text(f"第{n}次活动\n本次活动包括一场方志讲座，共{n}人参加。\n"),
            path=f"/inbox/{n}.txt",
            sha=f"b{n}",
        )
        for n in range(1, 6)
    ]
    assert [s.id for s in pg.search("方志讲座")] == [in_title, *reversed(in_body)]
    assert [s.id for s in pg.search("方志讲座", limit=2)] == [in_title, in_body[-1]]
    monkeypatch.setattr(store_module, "RANKED", 3)  # one setting for both archives
    assert [s.id for s in pg.search("方志讲座")] == list(reversed(in_body[-3:]))


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
