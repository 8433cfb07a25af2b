"""The form's words without its widgets: how a user names a field (:func:`field_label`:
报头 · 期号, 栏目1 · 文章2 · 作者), the paragraph kinds and their keys, the read-only note.

Light on purpose (QtCore and the model only): the window, its problem list, the
autosave's notices and an empty form use these at start, long before a field exists,
and the field widgets load with the first bulletin shown.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from editor.core.model import HEADING_LEVELS

MASTHEAD_LABELS: tuple[tuple[str, str], ...] = (
    ("name", str(QT_TRANSLATE_NOOP("bulletin_form", "报头名称"))),
    ("issue", str(QT_TRANSLATE_NOOP("bulletin_form", "期号"))),
    ("total_issue", str(QT_TRANSLATE_NOOP("bulletin_form", "总期号"))),
    ("issuer", str(QT_TRANSLATE_NOOP("bulletin_form", "编印单位"))),
    ("date", str(QT_TRANSLATE_NOOP("bulletin_form", "日期"))),
)
"""The 报头's fields in form order: key, label (untranslated)."""
IMPRINT_LABELS: tuple[tuple[str, str], ...] = (
    ("disclosure", str(QT_TRANSLATE_NOOP("bulletin_form", "信息公开选项"))),
    ("report_to", str(QT_TRANSLATE_NOOP("bulletin_form", "报"))),
    ("copy_to", str(QT_TRANSLATE_NOOP("bulletin_form", "送"))),
    ("distribute_to", str(QT_TRANSLATE_NOOP("bulletin_form", "发"))),
    ("printer", str(QT_TRANSLATE_NOOP("bulletin_form", "印发机关"))),
    ("print_date", str(QT_TRANSLATE_NOOP("bulletin_form", "印发日期"))),
    ("copies", str(QT_TRANSLATE_NOOP("bulletin_form", "印数（份）"))),
)
"""The 版记's fields in form order: key, label (untranslated)."""
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

KIND_LABELS = {
    0: str(QT_TRANSLATE_NOOP("fields", "正文")),
    1: str(QT_TRANSLATE_NOOP("fields", "小标题一级")),
    2: str(QT_TRANSLATE_NOOP("fields", "小标题二级")),
    3: str(QT_TRANSLATE_NOOP("fields", "小标题三级")),
    4: str(QT_TRANSLATE_NOOP("fields", "小标题四级")),
}
"""A paragraph entry's kind: body text, or a subheading of one of four levels."""
KIND_KEYS = {level: f"Ctrl+{level}" for level in (0, *HEADING_LEVELS)}
READ_ONLY_NOTE = str(QT_TRANSLATE_NOOP("fields", "只读：重新打开后才能修改"))


def kind_label(level: int) -> str:
    return QCoreApplication.translate("fields", KIND_LABELS[level])


def tr_label(text: str) -> str:
    """A label marked with QT_TRANSLATE_NOOP above, in the user's language."""
    return QCoreApplication.translate("bulletin_form", text)


def field_label(path: str) -> str:
    """How a user names a field: 报头 · 期号, 栏目1 · 栏目名称, 栏目1 · 文章2 · 作者."""
    translate = QCoreApplication.translate
    part, _, key = path.partition(".")
    if part in PARTS:
        labels = dict(MASTHEAD_LABELS if part == "masthead" else IMPRINT_LABELS)
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
