"""One suite, both archives: what the Store interface promises, asked of SQLite and of
PostgreSQL alike (``store`` is parametrized in conftest.py). A test that needs to know
which database is under it belongs in test_sqlite.py (or tests/core/store_pg/)."""

from __future__ import annotations

import inspect
import itertools
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import editor.core.store as store_module
from editor.core.checks import Action, Context, Problem, SeriesIssue, run_checks
from editor.core.model import Article, Bulletin, Masthead, Section, Subheading
from editor.core.parsing import parse_text
from editor.core.paths import DataDir
from editor.core.series import Series
from editor.core.store import Arrival, EditConflict, Store, StoreError
from editor.core.workflow import WorkflowError

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"
Opener = Callable[..., Store]  # the reopen fixture: the same archive, opened again


def add(
    store: Store,
    bulletin: Bulletin | None,
    *,
    path: str = "/inbox/a.txt",
    sha: str = "a",
    user: str = "编辑甲",
) -> int:
    added = store.add(
        source_path=path,
        source_name=path.rsplit("/", 1)[-1],
        sha256=sha,
        size=100,
        mtime_ns=1,
        bulletin=bulletin,
        failure=None if bulletin else "不是文本文件",
        user=user,
    )
    assert not added.duplicate
    return added.bulletin_id


def issue_nine(extra: str = "") -> Bulletin:
    """四川省地方志工作简报 2022年第9期 (the fixture), optionally with a paragraph more."""
    data = json.loads((FIXTURE / "two_columns_three_articles.json").read_text("utf-8"))
    if extra:
        data["sections"][0]["articles"][0]["paragraphs"].append(extra)
    return Bulletin.from_dict(data)


def arrive(store: Store, name: str, bulletin: Bulletin | None = None) -> int:
    return add(store, bulletin or issue_nine(name), path=f"/inbox/{name}", sha=name, user="收件")


def one_article(title: str, *paragraphs: str, series: str = "工作简报") -> Bulletin:
    bulletin = Bulletin(masthead=Masthead(name=series, issue=1))
    bulletin.sections = [Section("工作动态", [Article(title=title, paragraphs=list(paragraphs))])]
    return bulletin


def used(store: Store, bulletin_id: int) -> list[Problem]:
    """The issue_used problems of a bulletin, checked as the desk checks it."""
    record = store.get(bulletin_id)
    bulletin = record.current
    assert bulletin is not None
    assert bulletin.masthead.name
    context = Context(
        today="2026-01-01",
        history=store.series_history(bulletin.masthead.name, exclude=bulletin_id),
        bulletin_id=bulletin_id,
        status=record.status,
    )
    return [p for p in run_checks(bulletin, context) if p.rule == "issue_used"]


def notes(store: Store, bulletin_id: int) -> list[tuple[str, str]]:
    return [(r.action, r.new_value) for r in store.revisions(bulletin_id) if r.field_path == "note"]


def exported(store: Store, bulletin_id: int) -> None:
    store.transition(bulletin_id, "approve", "主任")
    store.transition(bulletin_id, "export", "文印", detail="/out/第9期.docx")


# --- the interface itself ------------------------------------------------------------------


def _members() -> dict[str, Any]:
    return {
        name: value
        for name, value in vars(Store).items()
        if (callable(value) or isinstance(value, property))
        and (not name.startswith("_") or name in ("__enter__", "__exit__"))
    }


def test_every_method_of_the_interface_is_there_with_its_parameters(store: Store) -> None:
    """Names, order, kinds and defaults of every parameter, as the Protocol declares them."""
    differ = []
    for name, declared in _members().items():
        if isinstance(declared, property):
            assert isinstance(getattr(store, name), DataDir), name
            continue
        actual = getattr(type(store), name, None)
        if actual is None:
            differ.append(f"{name}: missing")
            continue
        want = [
            (p.name, p.kind, p.default) for p in inspect.signature(declared).parameters.values()
        ]
        got = [(p.name, p.kind, p.default) for p in inspect.signature(actual).parameters.values()]
        if want != got:
            differ.append(f"{name}: {inspect.signature(actual)} ≠ {inspect.signature(declared)}")
    assert differ == []


# --- adding and reading --------------------------------------------------------------------


def test_add_get_list_count(store: Store, sample_text: str) -> None:
    bulletin = parse_text(sample_text)
    first = add(store, bulletin)
    failed = add(store, None, path="/inbox/bad.txt", sha="b")
    record = store.get(first)
    assert (record.id, record.status, record.sha256, record.version) == (first, "new", "a", 1)
    assert record.parsed == bulletin
    assert record.current == bulletin
    assert record.summary.series == "四川省地方志工作简报"
    assert record.summary.issue == 9
    assert record.summary.title == "省地方志办召开年鉴编纂工作推进会"
    assert record.summary.source_path == "/inbox/a.txt"
    assert record.summary.source_name == "a.txt"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", record.summary.received_at)
    assert (record.approved_by, record.exported_path) == (None, None)
    bad = store.get(failed)
    assert (bad.status, bad.summary.failure, bad.parsed, bad.current) == (
        "failed",
        "不是文本文件",
        None,
        None,
    )
    assert [s.id for s in store.list_bulletins()] == [failed, first]
    assert [s.id for s in store.list_bulletins("failed")] == [failed]
    assert [s.id for s in store.list_bulletins(limit=1)] == [failed]
    assert store.ids() == [failed, first]
    assert store.ids("new") == [first]
    assert (store.count(), store.count("new"), store.count("approved")) == (2, 1, 0)
    assert store.summaries([first, failed, 99]) == {
        first: store.list_bulletins("new")[0],
        failed: store.list_bulletins("failed")[0],
    }
    assert store.summaries([]) == {}
    (ingest,) = store.revisions(first)
    assert (ingest.action, ingest.user, ingest.bulletin_id) == ("ingest", "编辑甲", first)
    assert store.integrity_ok()


def test_an_unknown_id_is_a_store_error_in_chinese(store: Store) -> None:
    bulletin_id = add(store, issue_nine())
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.get(99)
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.save_edit(99, issue_nine(), "编辑")
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.transition(99, "approve", "主任")
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.supersedes(99)
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.superseded_by(99)
    assert store.revisions(99) == []
    assert store.get(bulletin_id).version == 1


def test_the_same_content_again_is_a_duplicate_of_the_first(store: Store) -> None:
    first = add(store, issue_nine(), path="/inbox/a.txt", sha="same")
    assert store.id_for_sha("same") == first
    assert store.id_for_sha("other") is None
    again = store.add(
        source_path="/elsewhere/copy.txt",
        source_name="copy.txt",
        sha256="same",
        size=100,
        mtime_ns=7,
        bulletin=issue_nine(),
        failure=None,
        user="收件",
    )
    assert again == (first, None, True)
    assert store.count() == 1
    assert store.known_source("/elsewhere/copy.txt", 100, 7)  # taken: not read again
    assert [r.action for r in store.revisions(first)] == ["ingest"]


def test_many_arrivals_in_one_call_are_recorded_in_order_as_one_at_a_time(store: Store) -> None:
    def arrival(path: str, sha: str, bulletin: Bulletin | None) -> Arrival:
        failure = None if bulletin else "不是文本文件"
        return Arrival(path, path.rsplit("/", 1)[-1], sha, 100, 1, bulletin, failure, "收件")

    added = store.add_many(
        [
            arrival("/inbox/a.txt", "a", issue_nine("甲")),
            arrival("/inbox/copy.txt", "a", issue_nine("甲")),  # the same bytes as the first
            arrival("/inbox/a.txt", "a2", issue_nine("乙")),  # the first file, changed
            arrival("/inbox/bad.txt", "bad", None),
        ]
    )
    first = added[0].bulletin_id
    assert added[1] == (first, None, True)
    assert (added[2].previous, added[2].duplicate) == (first, False)
    assert store.count() == 3
    assert store.get(added[3].bulletin_id).summary.status == "failed"
    assert store.known_source("/inbox/copy.txt", 100, 1)
    # Each is found by search, as if added alone (the index is written at the end).
    assert {s.id for s in store.search("甲")} == {first}
    assert {s.id for s in store.search("乙")} == {added[2].bulletin_id}
    assert store.add_many([]) == []


def test_files_seen_are_known_by_path_size_and_time(store: Store) -> None:
    bulletin_id = add(store, issue_nine())
    assert store.known_source("/inbox/a.txt", 100, 1)
    assert not store.known_source("/inbox/a.txt", 100, 2)  # touched since
    assert not store.known_source("/inbox/a.txt", 101, 1)
    assert not store.known_source("/inbox/b.txt", 100, 1)
    store.note_source("/inbox/b.txt", 100, 1, "a", bulletin_id)
    store.note_source("/inbox/b.txt", 100, 1, "a", bulletin_id)  # again: no harm
    assert store.known_source("/inbox/b.txt", 100, 1)
    store.note_source("/inbox/c.txt", 5, 5, "nothing", None)
    assert store.known_source("/inbox/c.txt", 5, 5)


def test_a_changed_file_at_the_same_path_is_a_new_version(store: Store, sample_text: str) -> None:
    first = add(store, parse_text(sample_text), path="/inbox/a.txt", sha="a")
    other = add(store, issue_nine(), path="/inbox/b.txt", sha="b")
    second, previous, duplicate = store.add(
        source_path="/inbox/a.txt",
        source_name="a.txt",
        sha256="a2",
        size=101,
        mtime_ns=2,
        bulletin=parse_text(sample_text + "\n"),
        failure=None,
        user="收件",
    )
    assert (previous, duplicate) == (first, False)
    assert store.get(second).summary.previous_id == first
    assert store.get(other).summary.previous_id is None
    third = store.add(
        source_path="/inbox/a.txt",
        source_name="a.txt",
        sha256="a3",
        size=102,
        mtime_ns=3,
        bulletin=None,
        failure="不是文本文件",
        user="收件",
    )
    assert third.previous == second  # the latest earlier one


def test_an_unreadable_file_is_recorded_once_per_reason(store: Store) -> None:
    first = store.add_unreadable(
        source_path="/inbox/locked.txt",
        source_name="locked.txt",
        size=10,
        reason="没有读取权限",
        user="收件",
    )
    assert first is not None
    record = store.get(first)
    assert (record.status, record.summary.failure, record.version) == ("failed", "没有读取权限", 1)
    assert record.current is None
    assert record.sha256.startswith(store_module.UNREADABLE_KEY)
    again = store.add_unreadable(
        source_path="/inbox/locked.txt",
        source_name="locked.txt",
        size=10,
        reason="没有读取权限",
        user="收件",
    )
    assert again is None
    changed = store.add_unreadable(
        source_path="/inbox/locked.txt",
        source_name="locked.txt",
        size=10,
        reason="文件过大",
        user="收件",
    )
    assert changed == first
    assert store.get(first).summary.failure == "文件过大"
    assert store.get(first).version == 2
    assert [r.new_value for r in store.revisions(first)] == ["没有读取权限", "文件过大"]
    assert store.count() == 1
    # Once it can be read, it arrives as a new version of that record.
    readable = store.add(
        source_path="/inbox/locked.txt",
        source_name="locked.txt",
        sha256="now-readable",
        size=10,
        mtime_ns=9,
        bulletin=issue_nine(),
        failure=None,
        user="收件",
    )
    assert readable.previous == first


def test_originals_are_kept_once_and_read_back(store: Store) -> None:
    store.keep_original("abc", ".TXT", "第一期\n".encode())
    store.keep_original("abc", ".txt", "第一期\n".encode())  # the same content again: no harm
    store.keep_original("def", ".pdf", b"%PDF-1.7 ...")
    assert store.read_original("abc", "第9期.txt") == "第一期\n".encode()
    assert store.read_original("def", "x.pdf") == b"%PDF-1.7 ..."
    assert store.read_original("def") == b"%PDF-1.7 ..."
    with pytest.raises(FileNotFoundError):
        store.read_original("missing", "a.txt")


def test_bylines_and_subheadings_are_stored_and_found(store: Store) -> None:
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
    assert kept.source == "（泸州市地方志办）"
    for query in ("王立新", "健全编纂机制", "王"):
        assert [s.id for s in store.search(query)] == [bulletin_id], query


# --- search --------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["鉴", "年鉴", "年鉴编", "年鉴编纂"])
def test_search_ranks_titles_first_then_the_newest(store: Store, query: str) -> None:
    in_title = add(store, one_article("全省年鉴编纂工作会议召开", "会议在成都举行。"), sha="t")
    older = add(store, one_article("业务培训班开班", "培训围绕年鉴编纂展开。"), sha="b1", path="/1")
    add(store, one_article("方志馆开馆", "市民参观方志馆。"), sha="n", path="/2")
    newer = add(store, one_article("业务培训班开班", "培训围绕年鉴编纂展开。"), sha="b2", path="/3")
    assert [s.id for s in store.search(query)] == [in_title, newer, older]
    assert [s.id for s in store.search(query, limit=2)] == [in_title, newer]
    assert store.search_ids(query) == [in_title, newer, older]  # (the desk's queue asks this)
    assert store.search_ids(query, limit=2) == [in_title, newer]


def test_search_finds_what_an_edit_wrote_and_forgets_what_it_removed(store: Store) -> None:
    bulletin_id = add(store, one_article("乐山市举办方志讲座", "市民80余人参加。"))
    edited = store.get(bulletin_id).current
    assert edited is not None
    edited.sections[0].articles[0].paragraphs = ["本次讲座由乐山市图书馆承办。"]
    store.save_edit(bulletin_id, edited, "编辑")
    assert [s.id for s in store.search("乐山市图书馆")] == [bulletin_id]
    assert [s.id for s in store.search("图书")] == [bulletin_id]
    assert [s.id for s in store.search("馆")] == [bulletin_id]
    assert store.search("80余人") == []
    assert store.search("余人") == []
    # Punctuation one or two characters long, in what the edit wrote and no longer.
    edited.sections[0].articles[0].paragraphs = ["讲座“方志与城市”，由图书馆承办。"]
    store.save_edit(bulletin_id, edited, "编辑")
    assert [s.id for s in store.search("”，")] == [bulletin_id]
    assert [s.id for s in store.search("“")] == [bulletin_id]
    edited.sections[0].articles[0].paragraphs = ["讲座由图书馆承办"]
    store.save_edit(bulletin_id, edited, "编辑")
    assert store.search("”，") == []
    assert store.search("“") == []
    # What an archive made today holds is up to date: nothing for a desk to renew.
    assert store.upkeep() == 0


def test_search_edge_cases(store: Store, sample_text: str) -> None:
    bulletin_id = add(store, parse_text(sample_text))
    assert store.search("") == []
    assert store.search("   ") == []
    assert store.search("没有这样的词语") == []
    assert store.search('引号"和%通配') == []  # special characters are literal
    assert store.search("%") == []
    assert store.search("_") == []
    assert [s.id for s in store.search("《绵")] == [bulletin_id]  # punctuation: no index helps
    assert [s.id for s in store.search("  方志进校园  ")] == [bulletin_id]
    assert [s.id for s in store.search("5G")] == []
    for query in ("", "   ", "%", "《绵", "  方志进校园  ", "5G", "方志"):
        assert store.search_ids(query) == [s.id for s in store.search(query)], query


def test_full_text_ranks_only_the_newest_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cost of a common phrase does not grow with the archive: only the newest RANKED
    matches are ranked (``editor.core.store.RANKED``, read by every store)."""
    in_title = add(store, one_article("方志讲座在成都举行", "讲座吸引了许多市民。"), sha="t")
    in_body = [
        add(
            store,
            one_article(f"第{n}次活动", f"本次活动包括一场方志讲座，共{n}人参加。"),
            path=f"/inbox/{n}.txt",
            sha=f"b{n}",
        )
        for n in range(1, 6)
    ]
    assert store.search("方志讲座")[0].id == in_title
    assert len(store.search("方志讲座")) == 6
    monkeypatch.setattr(store_module, "RANKED", 3)
    assert {s.id for s in store.search("方志讲座")} == set(in_body[-3:])


# --- series --------------------------------------------------------------------------------


def test_series_are_saved_renamed_and_deleted(store: Store) -> None:
    assert store.list_series() == []
    store.save_series(Series("四川省地方志工作简报", issuer="四川省地方志工作办公室"))
    store.save_series(Series("乐山史志"))
    store.save_series(Series("乐山史志通讯", copies=30), old_name="乐山史志")
    assert [s.name for s in store.list_series()] == ["乐山史志通讯", "四川省地方志工作简报"]
    assert store.list_series()[1] == Series("四川省地方志工作简报", issuer="四川省地方志工作办公室")
    store.save_series(Series("乐山史志通讯", copies=40))  # replaced
    assert store.list_series()[0].copies == 40
    store.delete_series("乐山史志通讯")
    store.delete_series("没有这个")
    assert [s.name for s in store.list_series()] == ["四川省地方志工作简报"]


def test_series_signs_articles_looks_at_approved_issues(store: Store) -> None:
    signed = issue_nine()
    for article in signed.articles():
        article.source = article.source or "（本刊）"
    first = add(store, signed, sha="signed")
    assert not store.series_signs_articles("四川省地方志工作简报")  # not approved yet
    store.transition(first, "approve", "主任")
    assert store.series_signs_articles("四川省地方志工作简报")
    assert not store.series_signs_articles("四川省地方志工作简报", exclude=first)
    assert not store.series_signs_articles("别的简报")


# --- editing, the workflow, versions ---------------------------------------------------------


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
    assert record.summary.issue == 10
    assert record.summary.title == "新的标题"
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
    assert store.get(bulletin_id).version == 2


def test_workflow_transitions_write_revisions(store: Store, sample_text: str) -> None:
    bulletin_id = add(store, parse_text(sample_text))
    assert store.transition(bulletin_id, "approve", "主任") == "approved"
    record = store.get(bulletin_id)
    assert (record.approved_by, record.status) == ("主任", "approved")
    assert record.approved_at
    assert store.transition(bulletin_id, "export", "文印", detail="/out/a.docx") == "exported"
    record = store.get(bulletin_id)
    assert (record.exported_path, bool(record.exported_at)) == ("/out/a.docx", True)
    assert store.transition(bulletin_id, "reopen", "主任") == "in_review"
    with pytest.raises(WorkflowError, match="状态为“审校中”的简报不能导出"):
        store.transition(bulletin_id, "export", "文印")
    assert store.transition(bulletin_id, "reject", "主任", detail="退回原因：重复") == "rejected"
    actions = [r.action for r in store.revisions(bulletin_id)]
    assert actions == ["ingest", "approve", "export", "reopen", "reject", "reject"]
    assert notes(store, bulletin_id) == [("reject", "退回原因：重复")]


def test_failed_bulletins_allow_nothing(store: Store) -> None:
    bulletin_id = add(store, None)
    with pytest.raises(WorkflowError, match="此状态下可以：无"):
        store.transition(bulletin_id, "approve", "主任")
    assert store.get(bulletin_id).version == 1


def test_every_write_to_a_bulletin_counts_one_version(store: Store) -> None:
    first = arrive(store, "a.txt")
    second = arrive(store, "b.txt")
    assert store.get(first).version == 1
    edited = store.get(first).current
    assert edited is not None
    edited.imprint.printer = "印刷厂"
    store.save_edit(first, edited, "编辑")
    assert store.get(first).version == 2
    store.transition(first, "approve", "主任")
    assert store.get(first).version == 3
    store.mark_new_version(second, first, "编辑")
    assert (store.get(first).version, store.get(second).version) == (4, 2)
    with pytest.raises(WorkflowError):
        store.transition(first, "reject", "主任")  # refused: nothing written
    assert store.get(first).version == 4
    store.mark_duplicate(second, first, "编辑")
    assert store.get(second).version == 3


def test_a_save_on_the_version_it_read_lands(store: Store) -> None:
    bulletin_id = arrive(store, "a.txt")
    record = store.get(bulletin_id)
    edited = record.current
    assert edited is not None
    edited.imprint.printer = "第一次"
    assert store.save_edit(bulletin_id, edited, "编辑甲", base_version=record.version) == 1
    edited.imprint.printer = "第二次"  # the desk's next autosave: on the version it wrote
    assert store.save_edit(bulletin_id, edited, "编辑甲", base_version=record.version + 1) == 1
    assert store.get(bulletin_id).version == record.version + 2
    assert store.save_edit(bulletin_id, edited, "编辑甲", base_version=record.version + 2) == 0


def test_a_save_on_an_older_version_is_refused_and_names_who_changed_it(
    store: Store, reopen: Opener
) -> None:
    """Two desks open the same bulletin; the second to save is refused, not applied."""
    bulletin_id = arrive(store, "a.txt")
    other = reopen()
    mine, theirs = store.get(bulletin_id), other.get(bulletin_id)
    assert mine.version == theirs.version
    assert theirs.current is not None
    theirs.current.imprint.printer = "乙改的"
    other.save_edit(bulletin_id, theirs.current, "编辑乙", base_version=theirs.version)
    assert mine.current is not None
    mine.current.imprint.printer = "甲改的"
    revisions = store.revisions(bulletin_id)
    with pytest.raises(EditConflict) as caught:
        store.save_edit(bulletin_id, mine.current, "编辑甲", base_version=mine.version)
    conflict = caught.value
    assert isinstance(conflict, StoreError)
    message = str(conflict)
    assert not re.search(r"[A-Za-z]{2,}", message), message  # no database's English
    assert re.search(r"这份简报（#\d+）已被 编辑乙 在 \d\d:\d\d 修改", message), message
    assert (conflict.bulletin_id, conflict.user) == (bulletin_id, "编辑乙")
    assert (conflict.base_version, conflict.version) == (mine.version, mine.version + 1)
    current = store.get(bulletin_id).current
    assert current is not None
    assert current.imprint.printer == "乙改的"  # not overwritten
    assert store.revisions(bulletin_id) == revisions  # nothing written
    # Without a version (the command line, scripts) the last save wins, as before.
    assert store.save_edit(bulletin_id, mine.current, "编辑甲") == 1
    current = other.get(bulletin_id).current
    assert current is not None
    assert current.imprint.printer == "甲改的"


def test_a_transition_on_an_older_version_is_refused(store: Store, reopen: Opener) -> None:
    bulletin_id = arrive(store, "a.txt")
    seen = store.get(bulletin_id)
    other = reopen()
    other.transition(bulletin_id, "reject", "主任乙", detail="内容有误")
    with pytest.raises(EditConflict, match="已被 主任乙 在"):
        store.transition(bulletin_id, "approve", "主任甲", base_version=seen.version)
    assert store.get(bulletin_id).status == "rejected"
    store.transition(bulletin_id, "reopen", "主任甲", base_version=seen.version + 1)
    assert store.get(bulletin_id).status == "in_review"


def test_two_desks_saving_at_once_each_count_against_the_latest(
    store: Store, reopen: Opener
) -> None:
    """Saves without a version, from two desks at the same moments: each is diffed against
    what the archive holds when it is written (read inside its transaction), so a field's
    history is one unbroken chain of old -> new values and every save is one version."""
    bulletin_id = arrive(store, "a.txt")
    other = reopen()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def edit(desk: Store, name: str) -> None:
        try:
            barrier.wait(30)
            for n in range(10):
                bulletin = desk.get(bulletin_id).current
                assert bulletin is not None
                bulletin.imprint.printer = f"{name}{n}"
                desk.save_edit(bulletin_id, bulletin, name)
        except BaseException as err:
            errors.append(err)

    threads = [
        threading.Thread(target=edit, args=(desk, name))
        for desk, name in ((store, "甲"), (other, "乙"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    chain = [
        (r.old_value, r.new_value)
        for r in store.revisions(bulletin_id)
        if r.field_path == "imprint.printer"
    ]
    assert len(chain) == 20
    for (_, new), (old, _) in itertools.pairwise(chain):
        assert old == new
    record = store.get(bulletin_id)
    assert record.current is not None
    assert record.current.imprint.printer == chain[-1][1]
    assert record.version == 21


def test_two_desks_adding_the_same_files_at_once_record_each_once(
    store: Store, reopen: Opener
) -> None:
    other = reopen()
    results: dict[str, list[tuple[int, bool]]] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def take(desk: Store, name: str) -> None:
        try:
            for n in range(12):
                barrier.wait(30)
                added = desk.add(
                    source_path=f"/{name}/第{n}期.txt",
                    source_name=f"第{n}期.txt",
                    sha256=f"sha{n}",
                    size=10,
                    mtime_ns=n,
                    bulletin=issue_nine(str(n)),
                    failure=None,
                    user=name,
                )
                with lock:
                    results.setdefault(f"sha{n}", []).append((added.bulletin_id, added.duplicate))
        except BaseException as err:
            errors.append(err)
            barrier.abort()

    threads = [
        threading.Thread(target=take, args=(desk, name))
        for desk, name in ((store, "甲"), (other, "乙"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert store.count() == 12
    for sha, taken in results.items():
        assert len({bulletin_id for bulletin_id, _ in taken}) == 1, sha
        assert sorted(duplicate for _, duplicate in taken) == [False, True], sha
        assert store.id_for_sha(sha) == taken[0][0]


# --- copies of one issue: duplicates and new versions ---------------------------------------


def test_an_exported_issue_stays_clean_and_the_later_copy_is_flagged(store: Store) -> None:
    first = arrive(store, "第9期.txt")
    exported(store, first)
    for n in range(2, 6):  # other issues of the series in between
        other = issue_nine(f"{n}")
        other.masthead.issue = n
        arrive(store, f"第{n}期.txt", other)
    copy = arrive(store, "第9期（又一份）.txt")
    assert used(store, first) == []
    (problem,) = used(store, copy)
    assert problem.is_error
    assert problem.path == "masthead.issue"
    assert problem.message == (
        f"四川省地方志工作简报2022年第9期已经有了（档案 #{first}，已导出）："
        "如果这份是重复件，请标为重复；如果是更正后的新版本，请标为新版本"
    )
    assert problem.actions == (
        Action(f"标为 #{first} 的重复件（退回）", "duplicate", first),
        Action(f"标为 #{first} 的新版本", "new_version", first),
    )


def test_between_two_new_copies_the_later_one_is_flagged(store: Store) -> None:
    first = arrive(store, "a.txt")
    second = arrive(store, "b.txt")
    assert used(store, first) == []
    (problem,) = used(store, second)
    assert f"#{first}，新收" in problem.message


def test_an_approved_copy_holds_the_number_against_an_earlier_one_in_review(
    store: Store,
) -> None:
    earlier = arrive(store, "a.txt")
    later = arrive(store, "b.txt")
    store.transition(later, "approve", "主任")
    assert used(store, later) == []
    (problem,) = used(store, earlier)
    assert f"#{later}，已批准" in problem.message
    assert {a.target for a in problem.actions} == {later}


def test_a_rejected_copy_blocks_no_one(store: Store) -> None:
    rejected = arrive(store, "a.txt")
    store.transition(rejected, "reject", "主任", detail="内容有误")
    kept = arrive(store, "b.txt")
    assert used(store, kept) == []
    store.transition(kept, "approve", "主任")
    history = store.series_history("四川省地方志工作简报")
    assert [(h.bulletin_id, h.status) for h in history] == [(kept, "approved")]
    assert history[0] == SeriesIssue(kept, 9, 401, "2022-05-18", "approved")
    assert notes(store, rejected) == [("reject", "内容有误")]  # the reason is in the history
    assert store.series_history("别的简报") == []


def test_marking_a_duplicate_rejects_it_with_the_reason_in_its_history(store: Store) -> None:
    first = arrive(store, "a.txt")
    exported(store, first)
    copy = arrive(store, "b.txt")
    assert store.mark_duplicate(copy, first, "编辑甲") == "rejected"
    assert store.get(copy).status == "rejected"
    assert notes(store, copy) == [("reject", f"与 #{first} 重复")]
    statuses = [(r.action, r.old_value, r.new_value, r.user) for r in store.revisions(copy)]
    assert ("reject", "new", "rejected", "编辑甲") in statuses
    assert used(store, first) == []
    with pytest.raises(WorkflowError, match="不能退回"):  # an exported bulletin is not rejected
        store.mark_duplicate(first, copy, "编辑甲")
    with pytest.raises(StoreError, match="不能标为它自己的重复件或新版本"):
        store.mark_duplicate(first, first, "编辑甲")
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.mark_duplicate(copy, 99, "编辑甲")
    assert store.get(first).status == "exported"


def test_marking_a_new_version_clears_both_and_is_in_both_histories(store: Store) -> None:
    first = arrive(store, "a.txt")
    exported(store, first)
    corrected = arrive(store, "b.txt")
    assert used(store, corrected)
    store.mark_new_version(corrected, first, "编辑甲")
    assert (store.supersedes(corrected), store.superseded_by(first)) == (first, corrected)
    assert (store.supersedes(first), store.superseded_by(corrected)) == (None, None)
    assert used(store, corrected) == []
    assert used(store, first) == []
    assert notes(store, corrected) == [("new_version", f"取代 #{first}")]
    assert notes(store, first) == [("new_version", f"已由 #{corrected} 取代")]
    store.mark_new_version(corrected, first, "编辑甲")  # again: nothing more happens
    assert len(notes(store, first)) == 1
    # A later version of the correction is one of the family too, however long the chain.
    again = arrive(store, "c.txt")
    with pytest.raises(StoreError, match=f"已由 #{corrected} 取代"):
        store.mark_new_version(again, first, "编辑甲")
    store.mark_new_version(again, corrected, "编辑甲")
    assert [used(store, b) for b in (first, corrected, again)] == [[], [], []]
    with pytest.raises(StoreError, match="本身是"):  # no loops
        store.mark_new_version(first, again, "编辑甲")
    with pytest.raises(StoreError, match=f"#{again} 已标为 #{corrected} 的新版本"):
        store.mark_new_version(again, first, "编辑甲")
    # An unrelated copy of the same number is still flagged, against the exported one.
    stranger = arrive(store, "d.txt")
    (problem,) = used(store, stranger)
    assert f"#{first}，已导出" in problem.message
    failed = add(store, None, path="/inbox/bad.txt", sha="bad")
    with pytest.raises(StoreError, match="无法解析，不能标记版本"):
        store.mark_new_version(failed, stranger, "编辑甲")
    with pytest.raises(StoreError, match="没有编号为 99 的简报"):
        store.mark_new_version(stranger, 99, "编辑甲")


# --- scans waiting for OCR -----------------------------------------------------------------


def scan_arrives(store: Store, name: str = "扫描件.pdf") -> int:
    added = store.add(
        source_path=f"收件箱/{name}",
        source_name=name,
        sha256=f"scan-{name}",
        size=300_000,
        mtime_ns=5,
        bulletin=None,
        failure=None,
        user="收件",
        recognising=True,
    )
    assert not added.duplicate
    return added.bulletin_id


def test_a_scan_waits_as_recognising_and_becomes_new_when_read(store: Store) -> None:
    scan = scan_arrives(store)
    record = store.get(scan)
    assert (record.status, record.parsed, record.summary.failure) == ("recognising", None, None)
    assert store.ids("recognising") == [scan]
    assert store.search("年鉴") == []
    read = issue_nine()
    assert store.finish_recognition(scan, bulletin=read, failure=None, user="识别")
    record = store.get(scan)
    assert (record.status, record.parsed, record.current, record.version) == ("new", read, read, 2)
    assert record.summary.series == "四川省地方志工作简报"
    assert [s.id for s in store.search("年鉴")] == [scan]
    # Finished once: a second desk finishing the same scan changes nothing.
    assert not store.finish_recognition(scan, bulletin=None, failure="迟到", user="另一台")
    assert store.get(scan).status == "new"
    history = [(r.action, r.new_value) for r in store.revisions(scan)]
    assert history == [
        ("ingest", "收到 扫描件.pdf（扫描件，等待文字识别）"),
        ("recognise", "文字识别完成"),
    ]
    # Editing works as for any bulletin read by the parser.
    store.save_edit(scan, issue_nine("补一段"), "编辑")
    assert store.get(scan).status == "in_review"


def test_a_scan_that_cannot_be_read_fails_and_can_be_read_again(store: Store) -> None:
    scan = scan_arrives(store)
    assert store.finish_recognition(scan, bulletin=None, failure="已取消文字识别", user="编辑")
    record = store.get(scan)
    assert (record.status, record.summary.failure, record.version) == (
        "failed",
        "已取消文字识别",
        2,
    )
    with pytest.raises(WorkflowError):
        store.transition(scan, "approve", "主任")
    assert store.restart_recognition(scan, "编辑")
    record = store.get(scan)
    assert (record.status, record.summary.failure, record.version) == ("recognising", None, 3)
    assert not store.restart_recognition(scan, "编辑")  # only a failed one goes back
    assert store.finish_recognition(scan, bulletin=issue_nine(), failure=None, user="识别")
    assert store.get(scan).status == "new"
    assert [r.new_value for r in store.revisions(scan)][1:] == [
        "文字识别未成功：已取消文字识别",
        "重新识别",
        "文字识别完成",
    ]
    # A file never read has no original to read again; one the parser read is no scan.
    unreadable = store.add_unreadable(
        source_path="/inbox/locked.pdf",
        source_name="locked.pdf",
        size=1,
        reason="没有读取权限",
        user="收件",
    )
    assert unreadable is not None
    assert not store.restart_recognition(unreadable, "编辑")
    assert not store.restart_recognition(add(store, issue_nine(), sha="typed"), "编辑")
    assert not store.restart_recognition(99, "编辑")
    assert not store.finish_recognition(99, bulletin=None, failure="x", user="编辑")


def test_recognising_is_a_state_with_no_actions(store: Store) -> None:
    scan = scan_arrives(store)
    for action in ("approve", "reject", "reopen", "export"):
        with pytest.raises(WorkflowError, match="识别中"):
            store.transition(scan, action, "主任")
    with pytest.raises(WorkflowError, match="识别中"):
        store.save_edit(scan, issue_nine(), "编辑")
    assert store.get(scan).version == 1
