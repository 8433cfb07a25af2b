"""Two copies of one issue number in a real archive: only the newcomer is flagged, and the
editor marks it as a duplicate (rejected) or as a corrected new version (issue 16, point 6)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from editor.core.checks import Action, Context, Problem, SeriesIssue, run_checks
from editor.core.model import Bulletin
from editor.core.paths import DataDir
from editor.core.store import Store, StoreError
from editor.core.store.schema import MIGRATIONS, SCHEMA_VERSION
from editor.core.workflow import WorkflowError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def issue_nine(extra: str = "") -> Bulletin:
    """四川省地方志工作简报 2022年第9期 (the fixture), optionally with a paragraph more."""
    data = json.loads((FIXTURE / "two_columns_three_articles.json").read_text("utf-8"))
    if extra:
        data["sections"][0]["articles"][0]["paragraphs"].append(extra)
    return Bulletin.from_dict(data)


def arrive(store: Store, name: str, bulletin: Bulletin | None = None) -> int:
    bulletin_id, _, _ = store.add(
        source_path=f"/inbox/{name}",
        source_name=name,
        sha256=name,
        size=100,
        mtime_ns=1,
        bulletin=bulletin or issue_nine(name),
        failure=None,
        user="收件",
    )
    return bulletin_id


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
    assert notes(store, rejected) == [("reject", "内容有误")]  # the reason is in the history
    # The rule itself passes over a rejected copy, wherever its history came from.
    gone = SeriesIssue(rejected, 9, 401, "2022-05-18", "rejected")
    context = Context(today="2026-01-01", history=[gone], bulletin_id=kept + 1, status="new")
    assert [p for p in run_checks(issue_nine(), context) if p.rule == "issue_used"] == []


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
    with pytest.raises(StoreError):
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
    # An unrelated copy of the same number is still flagged, against the exported one.
    stranger = arrive(store, "d.txt")
    (problem,) = used(store, stranger)
    assert f"#{first}，已导出" in problem.message


def test_an_archive_from_the_previous_version_gains_the_version_links(data: DataDir) -> None:
    conn = sqlite3.connect(data.database, isolation_level=None)
    for step in MIGRATIONS[: SCHEMA_VERSION - 1]:
        if callable(step):
            step(conn)
        else:
            conn.executescript(step)
    for n in (1, 2):
        conn.execute(
            "INSERT INTO bulletins (source_path, source_name, sha256, size, received_at, "
            "status, series, issue, issue_date, updated_at) VALUES (?, ?, ?, 1, '2024-01-01', "
            "'new', '简报', 3, '2024-03-01', '2024-01-01')",
            (f"/{n}.txt", f"{n}.txt", f"sha{n}"),
        )
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    with Store(data) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.supersedes(2) is None
        assert [(h.bulletin_id, h.status) for h in store.series_history("简报", exclude=2)] == [
            (1, "new")
        ]
        store.mark_new_version(2, 1, "编辑甲")
        assert store.superseded_by(1) == 2
        assert store.series_history("简报", exclude=2) == []
        assert store.integrity_ok()
