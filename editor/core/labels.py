"""How a person names a bulletin's fields: 报头 · 期号, 栏目1 · 文章2 · 作者, never a path.

The same words the review form puts beside each field (its MASTHEAD, IMPRINT and
ARTICLE tables), without Qt, so the command line, reports and messages can name
a field as the desk does. Paths are those of :mod:`editor.core.fieldpath`:
``masthead.issue``, ``sections[0].name``, ``sections[0].articles[1].byline``,
``sections[0].articles[1].paragraphs[2]`` (one paragraph entry), ``imprint.printer``.
"""

from __future__ import annotations

import re

from editor.core.model import HEADING_LEVELS, Paragraph, heading_level, paragraph_text

PARTS = {"masthead": "报头", "imprint": "版记"}
MASTHEAD = {
    "name": "报头名称",
    "issue": "期号",
    "total_issue": "总期号",
    "issuer": "编印单位",
    "date": "日期",
}
IMPRINT = {
    "disclosure": "信息公开选项",
    "report_to": "报",
    "copy_to": "送",
    "distribute_to": "发",
    "printer": "印发机关",
    "print_date": "印发日期",
    "copies": "印数（份）",
}
ARTICLE = {"title": "标题", "byline": "作者", "paragraphs": "正文", "source": "文末署名"}
KINDS = {0: "正文", 1: "小标题一级", 2: "小标题二级", 3: "小标题三级", 4: "小标题四级"}
"""A paragraph entry's kind as the form's menu names it (正文, 小标题一级 …)."""
assert set(KINDS) == {0, *HEADING_LEVELS}

SEPARATOR = " · "
SECTIONS = "栏目与文章"
BULLETIN = "简报"
INFERRED = "推断值（待确认）"

_SECTION = re.compile(r"^sections\[(\d+)\]\.name$")
_ARTICLE = re.compile(r"^sections\[(\d+)\]\.articles\[(\d+)\]\.(\w+)(?:\[(\d+)\])?$")


def section_label(si: int) -> str:
    """栏目1 for the first 栏目 (``si`` counts from 0)."""
    return f"栏目{si + 1}"


def article_label(si: int, ai: int) -> str:
    """栏目1 · 文章2 for the second article of the first 栏目."""
    return f"{section_label(si)}{SEPARATOR}文章{ai + 1}"


def field_label(path: str) -> str:
    """How a user names a field: 报头 · 期号, 栏目1 · 栏目名称, 栏目1 · 文章2 · 正文第3段.

    A path this table does not know is named by the part it lies in (栏目与文章)
    or as the bulletin as a whole (简报): never shown as the path itself.
    """
    part, _, key = path.partition(".")
    if part in PARTS:
        labels = MASTHEAD if part == "masthead" else IMPRINT
        if key in labels:
            return f"{PARTS[part]}{SEPARATOR}{labels[key]}"
        return PARTS[part]
    if match := _SECTION.match(path):
        return f"{section_label(int(match[1]))}{SEPARATOR}栏目名称"
    if (match := _ARTICLE.match(path)) and match[3] in ARTICLE:
        where = article_label(int(match[1]), int(match[2]))
        if match[4] is not None and match[3] == "paragraphs":
            return f"{where}{SEPARATOR}正文第{int(match[4]) + 1}段"
        if match[4] is None:
            return f"{where}{SEPARATOR}{ARTICLE[match[3]]}"
    if path == "inferred":
        return INFERRED
    if path.startswith("sections"):
        return SECTIONS
    return BULLETIN


def kind_label(paragraph: Paragraph) -> str:
    """正文 for body text, 小标题一级 … 小标题四级 for a subheading."""
    return KINDS[heading_level(paragraph) or 0]


def entry_text(paragraph: Paragraph) -> str:
    """A paragraph entry as a line of text: a subheading marked with its level in front."""
    level = heading_level(paragraph)
    text = paragraph_text(paragraph)
    return text if level is None else f"〔{KINDS[level]}〕{text}"
