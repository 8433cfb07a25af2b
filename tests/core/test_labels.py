"""Field labels without Qt: the words the review form puts beside each field, for the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.diff import flatten
from editor.core.labels import entry_text, field_label, kind_label
from editor.core.model import Bulletin, Subheading

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("masthead.name", "报头 · 报头名称"),
        ("masthead.issue", "报头 · 期号"),
        ("masthead.total_issue", "报头 · 总期号"),
        ("masthead.issuer", "报头 · 编印单位"),
        ("masthead.date", "报头 · 日期"),
        ("sections[0].name", "栏目1 · 栏目名称"),
        ("sections[2].name", "栏目3 · 栏目名称"),
        ("sections[0].articles[1].title", "栏目1 · 文章2 · 标题"),
        ("sections[0].articles[1].byline", "栏目1 · 文章2 · 作者"),
        ("sections[0].articles[1].paragraphs", "栏目1 · 文章2 · 正文"),
        ("sections[0].articles[1].paragraphs[2]", "栏目1 · 文章2 · 正文第3段"),
        ("sections[1].articles[0].source", "栏目2 · 文章1 · 文末署名"),
        ("imprint.disclosure", "版记 · 信息公开选项"),
        ("imprint.report_to", "版记 · 报"),
        ("imprint.copy_to", "版记 · 送"),
        ("imprint.distribute_to", "版记 · 发"),
        ("imprint.printer", "版记 · 印发机关"),
        ("imprint.print_date", "版记 · 印发日期"),
        ("imprint.copies", "版记 · 印数（份）"),
    ],
)
def test_every_field_has_the_forms_label(path: str, label: str) -> None:
    assert field_label(path) == label


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("sections", "栏目与文章"),
        ("sections[0].articles[0].title[1]", "栏目与文章"),
        ("sections[0].articles[0].colour", "栏目与文章"),
        ("masthead.colour", "报头"),
        ("imprint", "版记"),
        ("inferred", "推断值（待确认）"),
        ("", "简报"),
        ("schema", "简报"),
    ],
)
def test_an_unknown_path_is_named_by_where_it_lies_never_shown(path: str, label: str) -> None:
    assert field_label(path) == label


def test_no_label_of_a_real_bulletin_is_a_path() -> None:
    bulletin = Bulletin.from_dict(
        json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    )
    for path in [*flatten(bulletin), *bulletin.spans]:
        label = field_label(path)
        assert not any(part in label for part in ("masthead", "imprint", "sections", "[", "."))
        assert label not in ("简报", "栏目与文章"), path


def test_paragraph_entries_show_their_kind() -> None:
    assert kind_label("正文一段。") == "正文"
    assert kind_label(Subheading(2, "（一）工作进展")) == "小标题二级"
    assert entry_text("正文一段。") == "正文一段。"
    assert entry_text(Subheading(1, "一、总体情况")) == "〔小标题一级〕一、总体情况"


def test_the_desk_names_fields_the_same_way() -> None:
    """The form's own field_label (Qt, untranslated) and the core's agree on every path."""
    from editor.gui.form.bulletin_form import field_label as form_label

    bulletin = Bulletin.from_dict(
        json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    )
    paths = [*flatten(bulletin), *bulletin.spans, "sections", "sections[0].articles[0].x"]
    for path in paths:
        if path == "inferred":
            continue  # the form never shows this list as a field
        assert field_label(path) == form_label(path), path
