"""How the form names and shows fields: its rows (报头, 版记, each article) and
:func:`field_label` (栏目1 · 文章2 · 作者), never a path; and a value in a tooltip."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from editor.core.fieldpath import as_paragraph, get_field
from editor.core.model import Bulletin, Paragraph, heading_level, paragraph_text
from editor.gui.form.fields import Field, IntField, LinesField, TextField, kind_label

Row = tuple[str, str, type[Field]]
"""A row of the 报头 or the 版记: its key, its label (untranslated) and its kind of field."""

MASTHEAD: tuple[Row, ...] = (
    ("name", str(QT_TRANSLATE_NOOP("bulletin_form", "报头名称")), TextField),
    ("issue", str(QT_TRANSLATE_NOOP("bulletin_form", "期号")), IntField),
    ("total_issue", str(QT_TRANSLATE_NOOP("bulletin_form", "总期号")), IntField),
    ("issuer", str(QT_TRANSLATE_NOOP("bulletin_form", "编印单位")), TextField),
    ("date", str(QT_TRANSLATE_NOOP("bulletin_form", "日期")), TextField),
)
IMPRINT: tuple[Row, ...] = (
    ("disclosure", str(QT_TRANSLATE_NOOP("bulletin_form", "信息公开选项")), TextField),
    ("report_to", str(QT_TRANSLATE_NOOP("bulletin_form", "报")), LinesField),
    ("copy_to", str(QT_TRANSLATE_NOOP("bulletin_form", "送")), LinesField),
    ("distribute_to", str(QT_TRANSLATE_NOOP("bulletin_form", "发")), LinesField),
    ("printer", str(QT_TRANSLATE_NOOP("bulletin_form", "印发机关")), TextField),
    ("print_date", str(QT_TRANSLATE_NOOP("bulletin_form", "印发日期")), TextField),
    ("copies", str(QT_TRANSLATE_NOOP("bulletin_form", "印数（份）")), IntField),
)
ARTICLE = (
    ("title", str(QT_TRANSLATE_NOOP("bulletin_form", "标题"))),
    ("byline", str(QT_TRANSLATE_NOOP("bulletin_form", "作者"))),
    ("paragraphs", str(QT_TRANSLATE_NOOP("bulletin_form", "正文"))),
    ("source", str(QT_TRANSLATE_NOOP("bulletin_form", "文末署名"))),
)
PARTS = {
    "masthead": str(QT_TRANSLATE_NOOP("bulletin_form", "报头")),
    "imprint": str(QT_TRANSLATE_NOOP("bulletin_form", "版记")),
}
_SECTION_PATH = re.compile(r"^sections\[(\d+)\]\.name$")
_ARTICLE_PATH = re.compile(r"^sections\[(\d+)\]\.articles\[(\d+)\]\.(\w+)(?:\[(\d+)\])?$")


def tr_label(text: str) -> str:
    """A label marked with QT_TRANSLATE_NOOP above, in the user's language."""
    return QCoreApplication.translate("bulletin_form", text)


def field_label(path: str) -> str:
    """How a user names a field: 报头 · 期号, 栏目1 · 栏目名称, 栏目1 · 文章2 · 作者."""
    translate = QCoreApplication.translate
    part, _, key = path.partition(".")
    if part in PARTS:
        labels = {k: label for k, label, _kind in (MASTHEAD if part == "masthead" else IMPRINT)}
        if key in labels:
            return translate("bulletin_form", "{0} · {1}").format(
                tr_label(PARTS[part]), tr_label(labels[key])
            )
    if match := _SECTION_PATH.match(path):
        return translate("bulletin_form", "栏目{0} · 栏目名称").format(int(match[1]) + 1)
    if (match := _ARTICLE_PATH.match(path)) and match[3] in dict(ARTICLE):
        where = translate("bulletin_form", "栏目{0} · 文章{1}").format(
            int(match[1]) + 1, int(match[2]) + 1
        )
        if match[4] is not None and match[3] == "paragraphs":
            return translate("bulletin_form", "{0} · 正文第{1}段").format(where, int(match[4]) + 1)
        return translate("bulletin_form", "{0} · {1}").format(
            where, tr_label(dict(ARTICLE)[match[3]])
        )
    if path.startswith("sections"):
        return translate("bulletin_form", "栏目与文章")
    return translate("bulletin_form", "简报")


def short_value(parsed: Bulletin | None, path: str) -> str:
    if parsed is None:
        return QCoreApplication.translate("bulletin_form", "（无）")
    try:
        value = get_field(parsed, path)
    except (KeyError, IndexError):
        return QCoreApplication.translate("bulletin_form", "（原文没有此项）")
    if value is None or value == []:
        return QCoreApplication.translate("bulletin_form", "（空）")
    if isinstance(value, list):
        text = "\n\n".join(entry_text(as_paragraph(p)) for p in value)
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:80] + "……"


def entry_text(paragraph: Paragraph) -> str:
    """A paragraph entry in a tooltip: a subheading marked with its level."""
    level = heading_level(paragraph)
    text = paragraph_text(paragraph)
    return (
        text
        if level is None
        else QCoreApplication.translate("bulletin_form", "〔{0}〕{1}").format(
            kind_label(level), text
        )
    )
