"""Field-level changes for the revision log: bylines, and paragraphs turned into subheadings."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from editor.core.diff import changes, flatten
from editor.core.model import Bulletin, Subheading
from editor.core.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
WHERE = "sections[0].articles[0]"


def bulletin() -> Bulletin:
    path = FIXTURES / "two_columns_three_articles.json"
    return Bulletin.from_dict(json.loads(path.read_text("utf-8")))


def test_a_byline_change_is_one_field_change() -> None:
    old = bulletin()
    new = copy.deepcopy(old)
    new.sections[0].articles[0].byline = "省地方志办年鉴处"
    assert changes(old, new) == [(f"{WHERE}.byline", None, "省地方志办年鉴处")]
    assert flatten(new)[f"{WHERE}.byline"] == "省地方志办年鉴处"
    newer = copy.deepcopy(new)
    newer.sections[0].articles[0].byline = None
    assert changes(new, newer) == [(f"{WHERE}.byline", "省地方志办年鉴处", None)]


def test_a_paragraph_made_a_subheading_and_its_level_changed_are_changes() -> None:
    old = bulletin()
    text = old.sections[0].articles[0].texts[1]
    heading = copy.deepcopy(old)
    heading.sections[0].articles[0].paragraphs[1] = Subheading(2, text)
    ((path, before, after),) = changes(old, heading)
    assert path == f"{WHERE}.paragraphs"
    assert before[1] == text
    assert after[1] == {"heading": 2, "text": text}  # JSON, as the revision log stores it
    assert before[0] == after[0]
    json.dumps([before, after], ensure_ascii=False)

    level = copy.deepcopy(heading)
    level.sections[0].articles[0].paragraphs[1] = Subheading(3, text)
    ((path, before, after),) = changes(heading, level)
    assert (before[1], after[1]) == ({"heading": 2, "text": text}, {"heading": 3, "text": text})
    assert changes(level, copy.deepcopy(level)) == []


def test_the_store_logs_byline_and_subheading_edits(store: Store) -> None:
    old = bulletin()
    bulletin_id, _, _ = store.add(
        source_path="/inbox/第9期.txt",
        source_name="第9期.txt",
        sha256="b",
        size=100,
        mtime_ns=1,
        bulletin=old,
        failure=None,
        user="编辑甲",
    )
    new = copy.deepcopy(old)
    article = new.sections[0].articles[0]
    article.byline = "张三"
    article.paragraphs.insert(0, Subheading(1, "一、总体情况"))
    assert store.save_edit(bulletin_id, new, "编辑乙") == 2
    logged = {r.field_path: r for r in store.revisions(bulletin_id) if r.action == "edit"}
    assert logged[f"{WHERE}.byline"].new_value == "张三"
    assert logged[f"{WHERE}.paragraphs"].new_value[0] == {"heading": 1, "text": "一、总体情况"}
    current = store.get(bulletin_id).current
    assert current is not None
    assert current.sections[0].articles[0].paragraphs[0] == Subheading(1, "一、总体情况")
    assert current.sections[0].articles[0].byline == "张三"
