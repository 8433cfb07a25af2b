"""The archive on a real SQLite file: schema, workflow, revisions, search, versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import editor.core.store as store_module
from editor.core.model import Bulletin
from editor.core.parsing import parse_text
from editor.core.paths import DataDir, data_dir
from editor.core.store import Store, StoreError
from editor.core.store.schema import SCHEMA_VERSION, SchemaTooNew
from editor.core.workflow import TRANSITIONS, WorkflowError, allowed_actions, next_status


def add(
    store: Store, bulletin: Bulletin | None, *, path: str = "/inbox/a.txt", sha: str = "a"
) -> int:
    bulletin_id, _, _ = store.add(
        source_path=path,
        source_name=path.rsplit("/", 1)[-1],
        sha256=sha,
        size=100,
        mtime_ns=1,
        bulletin=bulletin,
        failure=None if bulletin else "不是文本文件",
        user="编辑甲",
    )
    return bulletin_id


def test_fresh_store_is_wal_with_current_schema(data: DataDir) -> None:
    with Store(data) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert int(store.conn.execute("PRAGMA busy_timeout").fetchone()[0]) >= 5000
        assert store.integrity_ok()
    assert data.database.exists()
    with Store(data) as again:  # reopening migrates nothing and keeps data
        assert again.count() == 0


def test_database_from_a_newer_program_is_refused(data: DataDir) -> None:
    conn = sqlite3.connect(data.database)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew):
        Store(data)


def test_data_dir_override_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JIANXUN_DATA_DIR", str(tmp_path / "env"))
    assert data_dir().root == tmp_path / "env"
    assert data_dir(tmp_path / "flag").root == tmp_path / "flag"
    monkeypatch.delenv("JIANXUN_DATA_DIR")
    assert data_dir().root.name == "jianxun"


def test_add_get_list(store: Store, sample_text: str) -> None:
    bulletin = parse_text(sample_text)
    first = add(store, bulletin)
    failed = add(store, None, path="/inbox/bad.txt", sha="b")
    record = store.get(first)
    assert record.status == "new"
    assert record.parsed == bulletin
    assert record.current == bulletin
    assert record.summary.series == "四川省地方志工作简报"
    assert record.summary.issue == 9
    assert record.summary.title == "省地方志办召开年鉴编纂工作推进会"
    assert store.get(failed).status == "failed"
    assert store.get(failed).summary.failure == "不是文本文件"
    assert [s.id for s in store.list_bulletins()] == [failed, first]
    assert [s.id for s in store.list_bulletins("failed")] == [failed]
    assert store.count() == 2
    assert store.revisions(first)[0].action == "ingest"
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.get(99)


def test_edits_are_revisions_field_by_field(store: Store, sample_text: str) -> None:
    bulletin_id = add(store, parse_text(sample_text))
    edited = store.get(bulletin_id).current
    assert edited is not None
    edited.masthead.issue = 10
    edited.sections[0].articles[0].title = "新的标题"
    assert store.save_edit(bulletin_id, edited, "编辑乙") == 2
    record = store.get(bulletin_id)
    assert record.status == "in_review"
    assert record.current == edited
    assert record.parsed is not None
    assert record.parsed.masthead.issue == 9  # the parse as the parser gave it is kept
    edits = [(r.field_path, r.old_value, r.new_value, r.user) for r in store.revisions(bulletin_id)]
    assert ("masthead.issue", 9, 10, "编辑乙") in edits
    assert (
        "sections[0].articles[0].title",
        "省地方志办召开年鉴编纂工作推进会",
        "新的标题",
        "编辑乙",
    ) in edits
    assert ("status", "new", "in_review", "编辑乙") in edits
    assert store.save_edit(bulletin_id, edited, "编辑乙") == 0  # nothing changed, nothing written


def test_workflow_transitions_write_revisions(store: Store, sample_text: str) -> None:
    bulletin_id = add(store, parse_text(sample_text))
    assert store.transition(bulletin_id, "approve", "主任") == "approved"
    record = store.get(bulletin_id)
    assert (record.approved_by, record.status) == ("主任", "approved")
    assert record.approved_at
    assert store.transition(bulletin_id, "export", "文印", detail="/out/a.docx") == "exported"
    assert store.get(bulletin_id).exported_path == "/out/a.docx"
    assert store.transition(bulletin_id, "reopen", "主任") == "in_review"
    with pytest.raises(WorkflowError, match="状态为“审校中”的简报不能导出"):
        store.transition(bulletin_id, "export", "文印")
    actions = [r.action for r in store.revisions(bulletin_id)]
    assert actions == ["ingest", "approve", "export", "reopen"]


def test_failed_bulletins_allow_nothing(store: Store) -> None:
    bulletin_id = add(store, None)
    assert allowed_actions("failed") == []
    with pytest.raises(WorkflowError, match="此状态下可以：无"):
        store.transition(bulletin_id, "approve", "主任")


def test_transition_table_is_closed() -> None:
    for state, actions in TRANSITIONS.items():
        for action, target in actions.items():
            assert target in TRANSITIONS, (state, action)
            assert next_status(state, action) == target


def test_search_full_text_and_short_queries(store: Store, sample_text: str) -> None:
    sample = parse_text(sample_text)
    other = parse_text(
        "乐山市举办方志讲座\n6月1日，乐山市举办“方志里的乐山”讲座，市民80余人参加。\n"
    )
    a = add(store, sample, sha="a")
    b = add(store, other, path="/inbox/b.txt", sha="b")
    assert [s.id for s in store.search("方志进校园")] == [a]
    assert [s.id for s in store.search("方志里的乐山")] == [b]
    assert {s.id for s in store.search("方志")} == {a, b}  # two characters: LIKE fallback
    assert store.search("乐山")[0].id == b
    assert store.search("没有这样的词语") == []
    assert store.search('引号"和%通配') == []  # special characters are literal
    # A title match ranks above a body match.
    assert store.search("方志讲座")[0].id == b
    # An edit is searchable at once.
    edited = store.get(b).current
    assert edited is not None
    edited.sections[0].articles[0].paragraphs.append("本次讲座由乐山市图书馆承办。")
    store.save_edit(b, edited, "编辑")
    assert [s.id for s in store.search("乐山市图书馆")] == [b]


def test_full_text_ranks_the_newest_matches_so_cost_does_not_grow_with_the_archive(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_title = add(
        store,
        parse_text("方志讲座在成都举行\n讲座吸引了许多市民。\n"),
        path="/inbox/0.txt",
        sha="t",
    )
    in_body = [
        add(
            store,
            parse_text(f"第{n}次活动\n本次活动包括一场方志讲座，共{n}人参加。\n"),
            path=f"/inbox/{n}.txt",
            sha=f"b{n}",
        )
        for n in range(1, 6)
    ]
    assert store.search("方志讲座")[0].id == in_title  # the title ranks first
    assert len(store.search("方志讲座")) == 6
    monkeypatch.setattr(store_module, "RANKED", 3)
    assert {s.id for s in store.search("方志讲座")} == set(in_body[-3:])


def test_changed_file_at_the_same_path_is_a_new_version(store: Store, sample_text: str) -> None:
    first = add(store, parse_text(sample_text), path="/inbox/a.txt", sha="a")
    second, previous, _ = store.add(
        source_path="/inbox/a.txt",
        source_name="a.txt",
        sha256="a2",
        size=101,
        mtime_ns=2,
        bulletin=parse_text(sample_text + "\n"),
        failure=None,
        user="收件",
    )
    assert previous == first
    assert store.get(second).summary.previous_id == first


def test_short_queries_use_the_character_index_and_punctuation_falls_back(
    store: Store, sample_text: str
) -> None:
    bulletin_id = add(store, parse_text(sample_text))
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT rowid FROM short_body WHERE short_body MATCH ?",
        ('"方志"',),
    ).fetchall()
    assert any("VIRTUAL TABLE INDEX" in str(row) for row in plan)
    assert [s.id for s in store.search("志")] == [bulletin_id]
    assert [s.id for s in store.search("5G")] == []  # not in this bulletin
    assert [s.id for s in store.search("《绵")] == [bulletin_id]  # LIKE fallback
    assert store.search("%") == []


def test_migration_from_version_1_indexes_existing_bulletins(
    data: DataDir, sample_text: str
) -> None:
    from editor.core.store.schema import MIGRATIONS

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
    with Store(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [s.source_name for s in store.search("校园")] == ["a.txt"]


def test_bylines_and_subheadings_are_stored_and_found(store: Store) -> None:
    from editor.core.model import Article, Masthead, Section, Subheading

    bulletin = Bulletin(masthead=Masthead(name="四川省地方志工作简报", issue=7))
    article = Article(
        title="年鉴编纂经验交流",
        byline="泸州市地方志办公室 王立新",
        paragraphs=[Subheading(2, "（一）健全编纂机制"), "正文第一段。"],
        source="（泸州市地方志办）",
    )
    bulletin.sections = [Section("经验交流", [article])]
    bulletin_id = add(store, bulletin, sha="byline")
    current = store.get(bulletin_id).current
    assert current is not None
    (kept,) = current.articles()
    assert kept.byline == "泸州市地方志办公室 王立新"
    assert kept.paragraphs == [Subheading(2, "（一）健全编纂机制"), "正文第一段。"]
    for query in ("王立新", "健全编纂机制", "王"):
        assert [s.id for s in store.search(query)] == [bulletin_id], query
