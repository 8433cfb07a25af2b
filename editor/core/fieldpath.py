"""Reading and writing a bulletin's fields by path: ``masthead.date``,
``sections[0].name``, ``sections[1].articles[2].byline``,
``sections[1].articles[2].paragraphs``, ``imprint.copies``.

The same paths name fields in the parser's spans, in the revision log and in
validation problems, so the review form can tie them together. A single
paragraph entry (body text or a subheading) is ``...paragraphs[3]``: the parser
gives each its own span, and the form places its cursor there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from editor.core.model import Article, Bulletin, Paragraph, Subheading, clean_text

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
    """A field's value; KeyError for a path that names no field (as :func:`set_field`:
    a path read from an archive or a file is not trusted to name one)."""
    part, _, key = path.partition(".")
    if part == "masthead" and key in bulletin.masthead.KEYS:
        return getattr(bulletin.masthead, key)
    if part == "imprint" and key in bulletin.imprint.KEYS:
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


# --- a click in the source: which field, and which character of it ----------------------


def _kept(char: str) -> bool:
    """Whether the parser keeps a source character: white space is joined away, and
    characters a bulletin may not hold are removed."""
    return not (char.isspace() or char == "\u200b") and clean_text(char)[1] == 0


def span_text(bulletin: Bulletin, key: str) -> str | None:
    """The text a span key holds, as its field or paragraph entry shows it (None: no text)."""
    try:
        value = get_field(bulletin, key)
    except (KeyError, IndexError, AttributeError):
        return None
    if isinstance(value, Subheading):
        return value.text
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _align(source: str, text: str) -> list[int | None]:
    """Where each character of ``source`` went in ``text`` (both without white space).

    A field's text is nearly always one unbroken run of its lines' characters (the
    whole of them, or all but a label or an attribution); otherwise the longest
    common pieces are matched.
    """
    at = source.find(text) if text else -1
    if at >= 0:
        return [i - at if 0 <= i - at < len(text) else None for i in range(len(source))]
    out: list[int | None] = [None] * len(source)
    for a, b, size in SequenceMatcher(None, source, text, autojunk=False).get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


def _place(
    lines: Sequence[str], span: tuple[int, int], line: int, column: int, text: str
) -> tuple[float, int]:
    """(how far the click is from a character of ``text``, the offset in ``text``) for a
    click at ``line``/``column`` inside the source lines ``span``; distance 0 is a hit."""
    stream: list[str] = []
    where: list[tuple[int, int]] = []
    for number in range(span[0], span[1] + 1):
        raw = lines[number - 1] if 0 < number <= len(lines) else ""
        for col, char in enumerate(raw):
            if _kept(char):
                stream.append(char)
                where.append((number, col))
    offsets = [i for i, char in enumerate(text) if _kept(char)]
    if not where or not offsets:
        return math.inf, 0
    on_line = [i for i, (n, _) in enumerate(where) if n == line]
    after = False
    if on_line:
        target = next((i for i in on_line if where[i][1] >= column), None)
        if target is None:  # past the end of the line: after its last character
            target, after = on_line[-1], True
    else:  # a blank line inside the span: the next line's start
        target = next((i for i, (n, _) in enumerate(where) if n > line), None)
        if target is None:
            target, after = len(where) - 1, True
    mapped = _align("".join(stream), "".join(text[i] for i in offsets))
    hit = mapped[target]
    if hit is not None:
        return 0, offsets[hit] + after
    before = next((i for i in range(target - 1, -1, -1) if mapped[i] is not None), None)
    later = next((i for i in range(target + 1, len(mapped)) if mapped[i] is not None), None)
    choices = []
    if before is not None:  # the click is past this field's last character before it
        choices.append((target - before, offsets[mapped[before] or 0] + 1))
    if later is not None:
        choices.append((later - target, offsets[mapped[later] or 0]))
    return min(choices, default=(math.inf, 0), key=lambda c: c[0])


def source_position(
    parsed: Bulletin, line: int, column: int, lines: Sequence[str] | None = None
) -> tuple[str, int] | None:
    """The span key (a field, or one paragraph entry ``...paragraphs[3]``) a click at a
    1-based source ``line`` and 0-based ``column`` falls on, and the character offset in
    that key's text the clicked character became; None where no field came from the line.

    ``lines`` are the source text's lines (the text the spans count). With them the
    click is aligned character by character with the text the parser made of the
    span's lines (joined, indentation and white space dropped), and of two fields on
    one line (a date beside the issuer, an attribution glued to a paragraph's end) the
    one the clicked character went into wins. Without them the narrowest span wins
    and the offset is an estimate from the line's place in its span.
    """
    held = sorted(
        (
            (last - first, first, last, key)
            for key, ranges in parsed.spans.items()
            for first, last in ranges
            if first <= line <= last
        ),
        key=lambda c: c[0],
    )
    if not held:
        return None
    best: tuple[float, int, str, int] | None = None
    if lines is not None:
        for width, first, last, key in held:
            text = span_text(parsed, key)
            if text is None:
                continue
            distance, char = _place(lines, (first, last), line, column, text)
            if distance < math.inf and (best is None or (distance, width) < best[:2]):
                best = (distance, width, key, max(0, min(char, len(text))))
    if best is not None:
        return best[2], best[3]
    _width, first, last, key = held[0]
    text = span_text(parsed, key) or ""
    share = (line - first) / (last - first + 1)
    return key, max(0, min(round(share * len(text)) + max(column, 0), len(text)))
