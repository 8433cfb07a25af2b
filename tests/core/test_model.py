"""The interchange format round-trips losslessly and rejects what is not it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from editor.core.model import Bulletin, ParseWarning, SchemaError


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
