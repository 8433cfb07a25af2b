"""Reading and writing a bulletin's fields by path: ``masthead.date``,
``sections[0].name``, ``sections[1].articles[2].paragraphs``, ``imprint.copies``.

The same paths name fields in the parser's spans, in the revision log and in
validation problems, so the review form can tie them together.
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.model import Article, Bulletin

_ARTICLE = re.compile(r"^sections\[(\d+)\]\.articles\[(\d+)\]\.(title|paragraphs|source)$")
_SECTION = re.compile(r"^sections\[(\d+)\]\.name$")
_PARAGRAPH = re.compile(r"^(sections\[\d+\]\.articles\[\d+\]\.paragraphs)\[\d+\]$")


def field_of(span_key: str) -> str:
    """The editable field a span key belongs to (a paragraph's span -> the paragraphs field)."""
    match = _PARAGRAPH.match(span_key)
    return match[1] if match else span_key


def _article(bulletin: Bulletin, si: str, ai: str) -> Article:
    return bulletin.sections[int(si)].articles[int(ai)]


def get_field(bulletin: Bulletin, path: str) -> Any:
    part, _, key = path.partition(".")
    if part == "masthead":
        return getattr(bulletin.masthead, key)
    if part == "imprint":
        return getattr(bulletin.imprint, key)
    if match := _SECTION.match(path):
        return bulletin.sections[int(match[1])].name
    if match := _ARTICLE.match(path):
        value = getattr(_article(bulletin, match[1], match[2]), match[3])
        return list(value) if isinstance(value, list) else value
    raise KeyError(path)


def set_field(bulletin: Bulletin, path: str, value: Any) -> None:
    part, _, key = path.partition(".")
    if part == "masthead" and key in bulletin.masthead.KEYS:
        setattr(bulletin.masthead, key, value)
    elif part == "imprint" and key in bulletin.imprint.KEYS:
        setattr(bulletin.imprint, key, value)
    elif match := _SECTION.match(path):
        bulletin.sections[int(match[1])].name = value
    elif match := _ARTICLE.match(path):
        setattr(
            _article(bulletin, match[1], match[2]),
            match[3],
            list(value) if match[3] == "paragraphs" else value,
        )
    else:
        raise KeyError(path)


def spans_for(spans: dict[str, list[tuple[int, int]]], path: str) -> list[tuple[int, int]]:
    """Source lines of a field, gathering the paragraphs of a paragraphs field."""
    found = list(spans.get(path, []))
    prefix = path + "["
    for key, value in spans.items():
        if key.startswith(prefix):
            found.extend(value)
    return sorted(found)


def field_at_line(spans: dict[str, list[tuple[int, int]]], line: int) -> str | None:
    """The field made from a source line (the narrowest span that holds it)."""
    best: tuple[int, str] | None = None
    for key, ranges in spans.items():
        for first, last in ranges:
            if first <= line <= last and (best is None or last - first < best[0]):
                best = (last - first, field_of(key))
    return None if best is None else best[1]
