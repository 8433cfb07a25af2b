"""Punctuation per GB/T 15834: full-width marks in Chinese text, no stray spaces, balanced pairs.

Web copies carry half-width , : ; ( ) ? ! between Chinese characters; Word's
spacing leaves spaces between Chinese and digits; a lost quote or bracket
leaves a pair unbalanced. Every text field is read, bylines and subheadings
included. A subheading ends without a full stop (GB/T 9704 7.3.3): one that ends
in 。 is either a stray mark or body text (a numbered clause that runs on) set as
a subheading, and is flagged with a fix for each reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from editor.core.checks import WARNING, Context, Fix, Problem
from editor.core.checks.text_fields import map_field, text_paths, texts
from editor.core.fieldpath import get_field
from editor.core.model import Bulletin, Subheading
from editor.core.normalise import normalise_inline

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》"
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF = re.compile(rf"(?<=[{_CJK}])[,:;?!()]|[,:;?!()](?=[{_CJK}])")
_SPACE = re.compile(rf"(?<=[{_CJK}]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%]) +(?=[{_CJK}])")
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("【", "】"))


def full_width(text: str) -> str:
    return _HALF.sub(lambda m: _FULL[m.group(0)], text)


def _fix(path: str, label: str, change: Callable[[str], str]) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        map_field(bulletin, path, change)

    return Fix(label, apply)


def _subheading_fix(si: int, ai: int, pi: int, label: str, to_body: bool) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        paragraphs = bulletin.sections[si].articles[ai].paragraphs
        entry = paragraphs[pi] if pi < len(paragraphs) else None
        if isinstance(entry, Subheading):
            text = entry.text.rstrip()
            paragraphs[pi] = text if to_body else Subheading(entry.heading, text.rstrip("。"))

    return Fix(label, apply)


def _subheadings(bulletin: Bulletin) -> Iterator[Problem]:
    for si, section in enumerate(bulletin.sections):
        for ai, article in enumerate(section.articles):
            for pi, entry in enumerate(article.paragraphs):
                if not (isinstance(entry, Subheading) and entry.text.rstrip().endswith("。")):
                    continue
                text = entry.text.strip()
                shown = text if len(text) <= 24 else text[:23] + "……"
                yield Problem(
                    "subheading_full_stop",
                    f"sections[{si}].articles[{ai}].paragraphs",
                    f"小标题“{shown}”以“。”结尾：小标题末尾不加句号；若这一段其实是正文，"
                    "请改为正文段落",
                    WARNING,
                    (
                        _subheading_fix(si, ai, pi, "删去小标题末尾的“。”", to_body=False),
                        _subheading_fix(si, ai, pi, "改为正文段落", to_body=True),
                    ),
                )


def check(bulletin: Bulletin, _context: Context) -> Iterator[Problem]:
    for path in text_paths(bulletin):
        values = texts(get_field(bulletin, path))
        if not values:
            continue
        half = sorted({m.group(0) for v in values for m in _HALF.finditer(v)})
        if half:
            marks = " ".join(half)
            yield Problem(
                "halfwidth_punctuation",
                path,
                f"中文里用了半角标点 {marks}，应为全角（GB/T 15834）",
                WARNING,
                (_fix(path, "改为全角标点", full_width),),
            )
        if any(_SPACE.search(v) for v in values):
            yield Problem(
                "cjk_digit_space",
                path,
                "汉字与数字或字母之间有多余的空格",
                WARNING,
                (_fix(path, "删除多余空格", normalise_inline),),
            )
        joined = "".join(values)
        for opening, closing in _PAIRS:
            if joined.count(opening) != joined.count(closing):
                yield Problem(
                    "unbalanced",
                    path,
                    f"{opening}{closing} 不成对（{opening} {joined.count(opening)} 个，"
                    f"{closing} {joined.count(closing)} 个）",
                    WARNING,
                )
    yield from _subheadings(bulletin)
