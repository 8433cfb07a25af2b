"""The characters OCR was unsure of, found again in the fields as they now read.

A scan's ``ocr_doubt`` warnings (:data:`editor.core.recognition.DOUBT`) name characters
of source lines. The source pane marks them where they stand (:func:`source_marks`); the
form marks them in its fields (:func:`doubt_marks`), in the text each field holds now,
which the editor may have changed since the parse.

A doubted character is found again by its context: a few characters either side of it
on its source line (white space left out on both sides, as the parser joins it away),
searched in the field's current text; where the whole context is not found, shorter ones
are tried. The widest context found must occur as often in the field as in the field's
source lines, and the occurrence of the same rank is taken. Failing every context, the
character alone is taken where it occurs exactly once, both in the field and in its source
lines. Otherwise it is not marked: a character the editor has corrected loses its mark,
as it should.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from editor.core.fieldpath import span_text
from editor.core.model import Bulletin, Span
from editor.core.recognition import DOUBT

Range = tuple[int, int]
"""Characters ``start`` to ``end`` (past the last) of a field's text."""

CONTEXT: Final = 4
"""Characters either side of a doubted one that find it again (at most)."""


def _skipped(char: str) -> bool:
    """White space (and the zero-width space) the parser joins away."""
    return char.isspace() or char == "\u200b"


@dataclass(frozen=True)
class _Kept:
    """A text without white space, and where each of its characters stood."""

    chars: str
    where: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Kept:
        where = tuple(i for i, char in enumerate(text) if not _skipped(char))
        return cls("".join(text[i] for i in where), where)


def _hits(text: str, part: str) -> list[int]:
    """Every place ``part`` starts in ``text``, overlapping ones too."""
    out: list[int] = []
    at = text.find(part)
    while at >= 0:
        out.append(at)
        at = text.find(part, at + 1)
    return out


def _shapes(at: int, size: int) -> list[tuple[int, int]]:
    """(left, right) context lengths around character ``at`` of a line of ``size``
    characters, the widest first (even ones before lopsided), the bare character last."""
    left_most, right_most = min(CONTEXT, at), min(CONTEXT, size - 1 - at)
    shapes = [(a, b) for a in range(left_most + 1) for b in range(right_most + 1)]
    return sorted(shapes, key=lambda s: (-(s[0] + s[1]), abs(s[0] - s[1]), -s[0]))


def _locate(line: _Kept, at: int, value: _Kept, stream: str, offset: int) -> int | None:
    """Where (an index of ``value.chars``) the kept character ``at`` of a source ``line``
    stands in a field's text; ``stream`` is the kept text of the field's source lines,
    in which the line starts at ``offset``.

    The widest context found in the value decides: it must occur as often there as in
    the source, and the occurrence of the same rank is the one. Found a different number
    of times (the character corrected, a like phrase typed elsewhere), it is not marked.
    """
    for left, right in _shapes(at, len(line.chars)):
        context = line.chars[at - left : at + right + 1]
        found = _hits(value.chars, context)
        if not found:
            continue
        known = _hits(stream, context)
        mine = offset + at - left
        bare = not (left or right)  # the character alone: only where it is the only one
        if len(found) != len(known) or mine not in known or (bare and len(found) > 1):
            return None
        return found[known.index(mine)] + left
    return None


def _keys_at(spans: dict[str, list[Span]], line: int) -> list[str]:
    return [key for key, ranges in spans.items() if any(a <= line <= b for a, b in ranges)]


def _stream(lines: Sequence[str], ranges: list[Span]) -> tuple[str, dict[int, int]]:
    """The kept text of a field's source lines, and where each line starts in it."""
    parts: list[str] = []
    starts: dict[int, int] = {}
    size = 0
    for first, last in sorted(ranges):
        for number in range(first, last + 1):
            if number in starts or not 0 < number <= len(lines):
                continue
            kept = _Kept.of(lines[number - 1]).chars
            starts[number] = size
            parts.append(kept)
            size += len(kept)
    return "".join(parts), starts


def source_marks(parsed: Bulletin | None) -> dict[int, tuple[int, ...]]:
    """The characters OCR doubted: 1-based source line -> 0-based indexes in that line."""
    if parsed is None:
        return {}
    found: dict[int, set[int]] = {}
    for warning in parsed.warnings:
        if warning.code == DOUBT and warning.line is not None and warning.chars:
            found.setdefault(warning.line, set()).update(warning.chars)
    return {line: tuple(sorted(chars)) for line, chars in sorted(found.items())}


def doubt_marks(
    bulletin: Bulletin, parsed: Bulletin | None, source_lines: Sequence[str]
) -> dict[str, list[Range]]:
    """For each span key (a field path, or a paragraph entry ``...paragraphs[3]``), the
    characters OCR doubted as they stand in the key's current text in ``bulletin`` (a
    subheading's words, a number as digits), one range a character, in order.

    ``parsed`` is the bulletin as parsed (its spans and ``ocr_doubt`` warnings), and
    ``source_lines`` the source text's lines (what the spans count); ``parsed`` None
    gives no marks.
    """
    if parsed is None:
        return {}
    values: dict[str, _Kept | None] = {}
    streams: dict[str, tuple[str, dict[int, int]]] = {}
    found: dict[str, set[int]] = {}
    for number, chars in source_marks(parsed).items():
        if not 0 < number <= len(source_lines):
            continue
        raw = source_lines[number - 1]
        line = _Kept.of(raw)
        places = [line.where.index(c) for c in chars if 0 <= c < len(raw) and not _skipped(raw[c])]
        for key in _keys_at(parsed.spans, number):
            if key not in values:
                text = span_text(bulletin, key)
                values[key] = _Kept.of(text) if text else None
            value = values[key]
            if value is None:
                continue
            if key not in streams:
                streams[key] = _stream(source_lines, parsed.spans[key])
            stream, starts = streams[key]
            for at in places:
                hit = _locate(line, at, value, stream, starts[number])
                if hit is not None:
                    found.setdefault(key, set()).add(value.where[hit])
    return {key: [(i, i + 1) for i in sorted(hits)] for key, hits in found.items()}
