"""Reading and writing a bulletin's fields by path: ``masthead.date``,
``sections[0].name``, ``sections[1].articles[2].byline``,
``sections[1].articles[2].paragraphs``, ``imprint.copies``.

The same paths name fields in the parser's spans, in the revision log and in
validation problems, so the review form can tie them together. A single
paragraph entry (body text or a subheading) is ``...paragraphs[3]``: the parser
gives each its own span, and the form places its cursor there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from editor.core.model import Article, Bulletin, Paragraph, Subheading

_ARTICLE = re.compile(r"^sections\[(\d+)\]\.articles\[(\d+)\]\.(title|byline|paragraphs|source)$")
_ENTRY = re.compile(r"^sections\[(\d+)\]\.articles\[(\d+)\]\.paragraphs\[(\d+)\]$")
_SECTION = re.compile(r"^sections\[(\d+)\]\.name$")
_PARAGRAPH = re.compile(r"^(sections\[\d+\]\.articles\[\d+\]\.paragraphs)\[\d+\]$")


def field_of(span_key: str) -> str:
    """The editable field a span key belongs to (a paragraph's span -> the paragraphs field)."""
    match = _PARAGRAPH.match(span_key)
    return match[1] if match else span_key


def entry_of(path: str) -> tuple[str, int] | None:
    """(paragraphs field, index) for the path of one paragraph entry; None for any other path."""
    match = _PARAGRAPH.match(path)
    return (match[1], int(path[len(match[1]) + 1 : -1])) if match else None


def as_paragraph(value: Any) -> Paragraph:
    """A paragraph entry from the model or from its JSON form (a revision, a restored value)."""
    if isinstance(value, str | Subheading):
        return value
    if isinstance(value, Mapping):
        return Subheading.from_dict(value, "paragraphs")
    raise TypeError(f"not a paragraph entry: {type(value).__name__}")


def plain(value: Any) -> Any:
    """A field's value as JSON holds it: subheadings as ``{"heading": N, "text": ...}``."""
    if isinstance(value, Subheading):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


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
    if match := _ENTRY.match(path):
        return _article(bulletin, match[1], match[2]).paragraphs[int(match[3])]
    raise KeyError(path)


def set_field(bulletin: Bulletin, path: str, value: Any) -> None:
    """Set a field; paragraph entries may be given in their JSON form (as revisions keep them)."""
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
            [as_paragraph(p) for p in value or []] if match[3] == "paragraphs" else value,
        )
    elif match := _ENTRY.match(path):
        _article(bulletin, match[1], match[2]).paragraphs[int(match[3])] = as_paragraph(value)
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


def key_at_line(spans: dict[str, list[tuple[int, int]]], line: int) -> str | None:
    """The span key made from a source line (the narrowest span that holds it): a field,
    or one paragraph entry ``...paragraphs[3]``."""
    best: tuple[int, str] | None = None
    for key, ranges in spans.items():
        for first, last in ranges:
            if first <= line <= last and (best is None or last - first < best[0]):
                best = (last - first, key)
    return None if best is None else best[1]


def field_at_line(spans: dict[str, list[tuple[int, int]]], line: int) -> str | None:
    """The field made from a source line (the narrowest span that holds it)."""
    key = key_at_line(spans, line)
    return None if key is None else field_of(key)
