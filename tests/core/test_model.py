"""The interchange format round-trips losslessly and rejects what is not it."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from editor.core.model import Article, Bulletin, Masthead, ParseWarning, SchemaError, Section
from editor.core.store import Store


def test_fixture_round_trip_is_lossless(fixture_bulletin: dict[str, Any]) -> None:
    bulletin = Bulletin.from_dict(fixture_bulletin)
    assert bulletin.to_dict() == fixture_bulletin  # unknown keys (_variants) kept
    text = bulletin.to_json(pretty=True)
    assert json.loads(text) == fixture_bulletin
    assert Bulletin.from_json(text) == bulletin


def test_provenance_round_trips() -> None:
    bulletin = Bulletin(
        warnings=[ParseWarning("missing_field", "原文中没有找到期号", None)],
        spans={"masthead.date": [(3, 3)], "sections[0].articles[0].paragraphs[0]": [(5, 9)]},
    )
    again = Bulletin.from_json(bulletin.to_json())
    assert again == bulletin
    assert again.spans["sections[0].articles[0].paragraphs[0]"] == [(5, 9)]


def test_json_is_utf8_without_escapes() -> None:
    data = {"schema": "jianxun.bulletin/1", "masthead": {"name": "四川省地方志工作简报"}}
    assert "四川省地方志工作简报" in Bulletin.from_dict(data).to_json()


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"schema": "other/1"}, "schema"),
        ({"schema": "jianxun.bulletin/1", "masthead": {"issue": "2"}}, "masthead.issue"),
        ({"schema": "jianxun.bulletin/1", "masthead": {"issue": True}}, "masthead.issue"),
        ({"schema": "jianxun.bulletin/1", "sections": {}}, "sections"),
        (
            {"schema": "jianxun.bulletin/1", "sections": [{"articles": [{"paragraphs": "x"}]}]},
            "sections[0].articles[0].paragraphs",
        ),
        ({"schema": "jianxun.bulletin/1", "spans": {"a": [[1]]}}, "spans.a"),
    ],
)
def test_invalid_documents_are_refused_with_the_place(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(SchemaError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Bulletin.from_dict(doc)


def test_invalid_json_text() -> None:
    with pytest.raises(SchemaError, match="不是有效的 JSON"):
        Bulletin.from_json("{")


ODD = "\ufffe\u0001\u001b\u0000\ud800\uffff\u007f\u0085"


def test_characters_a_docx_cannot_hold_are_removed_on_the_way_in() -> None:
    from editor.core.parsing import parse_text

    data = {
        "schema": "jianxun.bulletin/1",
        "masthead": {"name": f"工作{ODD}简报"},
        "sections": [
            {"name": "栏", "articles": [{"title": f"标{ODD}题", "paragraphs": ["甲\t乙"]}]}
        ],
    }
    bulletin = Bulletin.from_dict(data)
    assert bulletin.masthead.name == "工作简报"
    assert bulletin.articles()[0].title == "标题"
    assert bulletin.articles()[0].paragraphs == ["甲\t乙"]  # tab is text
    assert [w.code for w in bulletin.warnings] == ["removed_chars"]
    assert "16" in bulletin.warnings[0].message
    parsed = parse_text(f"四川省地方志工作简报{ODD}\n第1期\n")
    assert parsed.masthead.name == "四川省地方志工作简报"
    assert "removed_chars" in [w.code for w in parsed.warnings]
    parsed.to_json().encode("utf-8")


def test_a_stored_bulletin_with_such_characters_still_exports(store: Store) -> None:
    """An archive written before the boundary existed keeps its odd characters; export copes."""
    from docx import Document

    from editor.core.export import docx_bytes

    bulletin = Bulletin(masthead=Masthead(name=f"工作{ODD[:3]}简报", issue=1))
    bulletin.sections = [Section("栏", [Article(title=f"标{ODD[:3]}题", paragraphs=["正文"])])]
    store.add(
        source_path="/inbox/a.txt",
        source_name="a.txt",
        sha256="a",
        size=1,
        mtime_ns=1,
        bulletin=bulletin,
        failure=None,
        user="收件",
    )
    (summary,) = store.list_bulletins()
    current = store.get(summary.id).current
    assert current is not None
    document = Document(io.BytesIO(docx_bytes(current, draft=True)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "工作简报" in text
    assert "标题" in text
    # A bulletin built in memory (as the form does) goes through the same boundary.
    docx_bytes(bulletin, draft=True)
