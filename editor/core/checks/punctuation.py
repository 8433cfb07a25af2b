"""Punctuation per GB/T 15834: full-width marks in Chinese text, no stray spaces, balanced pairs.

Web copies carry half-width , : ; ( ) ? ! between Chinese characters; Word's
spacing leaves spaces between Chinese and digits; a lost quote or bracket
leaves a pair unbalanced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor.core.checks import WARNING, Context, Fix, Problem
from editor.core.checks.text_fields import map_field, text_paths, texts
from editor.core.fieldpath import get_field
from editor.core.model import Bulletin
from editor.core.normalise import normalise_inline

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》"
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF = re.compile(rf"(?<=[{_CJK}])[,:;?!()]|[,:;?!()](?=[{_CJK}])")
_SPACE = re.compile(rf"(?<=[{_CJK}]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%]) +(?=[{_CJK}])")
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("【", "】"))


def full_width(text: str) -> str:
    return _HALF.sub(lambda m: _FULL[m.group(0)], text)


def _fix(path: str, label: str, change: object) -> Fix:
    def apply(bulletin: Bulletin) -> None:
        map_field(bulletin, path, change)

    return Fix(label, apply)


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
