"""Field paths for bylines and paragraph entries: read, write, and the source lines they hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.fieldpath import (
    as_paragraph,
    entry_of,
    field_at_line,
    get_field,
    key_at_line,
    plain,
    set_field,
    spans_for,
)
from editor.core.model import Bulletin, Subheading

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
WHERE = "sections[0].articles[1]"


def bulletin() -> Bulletin:
    path = FIXTURES / "two_columns_three_articles.json"
    return Bulletin.from_dict(json.loads(path.read_text("utf-8")))


def test_byline_is_a_field_of_its_own() -> None:
    b = bulletin()
    assert get_field(b, f"{WHERE}.byline") is None
    set_field(b, f"{WHERE}.byline", "中共四川省地方志工作办公室党组")
    assert b.sections[0].articles[1].byline == "中共四川省地方志工作办公室党组"
    assert get_field(b, f"{WHERE}.byline") == "中共四川省地方志工作办公室党组"
    assert get_field(b, f"{WHERE}.source") == "省地方志办志鉴编纂处"  # the attribution is apart
    set_field(b, f"{WHERE}.byline", None)
    assert "byline" not in b.to_dict()["sections"][0]["articles"][1]


def test_a_paragraph_entry_reads_and_writes_as_a_subheading() -> None:
    b = bulletin()
    first = b.sections[0].articles[1].paragraphs[0]
    assert isinstance(first, str)
    set_field(b, f"{WHERE}.paragraphs[0]", Subheading(2, "（一）强化质量意识"))
    assert get_field(b, f"{WHERE}.paragraphs[0]") == Subheading(2, "（一）强化质量意识")
    # A revision keeps the JSON form; writing it back gives the model's entry.
    set_field(b, f"{WHERE}.paragraphs[1]", {"heading": 3, "text": "1.把好政治关"})
    assert b.sections[0].articles[1].paragraphs[1] == Subheading(3, "1.把好政治关")
    set_field(b, f"{WHERE}.paragraphs[0]", first)
    assert b.sections[0].articles[1].paragraphs[0] == first
    with pytest.raises(IndexError):
        get_field(b, f"{WHERE}.paragraphs[99]")


def test_the_paragraphs_field_takes_subheadings_in_either_form() -> None:
    b = bulletin()
    set_field(
        b,
        f"{WHERE}.paragraphs",
        [{"heading": 1, "text": "一、总体情况"}, "正文。", Subheading(4, "（1）")],
    )
    value = get_field(b, f"{WHERE}.paragraphs")
    assert value == [Subheading(1, "一、总体情况"), "正文。", Subheading(4, "（1）")]
    assert plain(value) == [
        {"heading": 1, "text": "一、总体情况"},
        "正文。",
        {"heading": 4, "text": "（1）"},
    ]
    json.dumps(plain(value))  # what the revision log stores
    with pytest.raises(ValueError, match="小标题"):
        as_paragraph({"heading": 5, "text": "五级"})


def test_spans_of_a_byline_and_of_paragraph_entries() -> None:
    spans = {
        f"{WHERE}.title": [(20, 21)],
        f"{WHERE}.byline": [(22, 22)],
        f"{WHERE}.paragraphs[0]": [(23, 23)],
        f"{WHERE}.paragraphs[1]": [(24, 27)],
        f"{WHERE}.source": [(28, 28)],
    }
    assert spans_for(spans, f"{WHERE}.byline") == [(22, 22)]
    assert spans_for(spans, f"{WHERE}.paragraphs") == [(23, 23), (24, 27)]
    assert spans_for(spans, f"{WHERE}.paragraphs[1]") == [(24, 27)]
    assert field_at_line(spans, 22) == f"{WHERE}.byline"
    assert key_at_line(spans, 22) == f"{WHERE}.byline"
    assert field_at_line(spans, 25) == f"{WHERE}.paragraphs"
    assert key_at_line(spans, 25) == f"{WHERE}.paragraphs[1]"
    assert key_at_line(spans, 99) is None
    assert entry_of(f"{WHERE}.paragraphs[1]") == (f"{WHERE}.paragraphs", 1)
    assert entry_of(f"{WHERE}.paragraphs") is None
    assert entry_of(f"{WHERE}.byline") is None
