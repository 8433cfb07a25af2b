"""Advance widths and line breaking, as Word and LibreOffice set Chinese text.

Widths are in ems of the run's size. A CJK character, full-width punctuation, curly
quotes and dashes take one em in every Chinese font; digits and Latin letters are
narrower and differ from font to font, so each has two widths: ``typical`` (what
the office fonts and their open stand-ins measure, for estimating where lines and
pages break) and ``widest`` (an upper bound, for deciding that a title line fits
whatever font prints it). Both apps add a gap of about a fifth of an em between a
CJK character and a Latin letter or digit (Word's "adjust space between Asian and
Latin text", LibreOffice's autospacing); it is counted too.

Line breaking follows the rules both apps apply (GB/T 15834 kinsoku, UAX #14 as
LibreOffice's ICU applies it): closing punctuation never starts a line (a comma or
full stop may hang in the margin instead), opening punctuation never ends one, a
run of digits or Latin letters is never split, nor is a pair of dashes or dots, and
curly quotes open and close like brackets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Closing marks: never at the start of a line.
CLOSING = frozenset("，。、．：；！？）》」』】〕〉”’%‰℃…·,.;:!?)]}»")
# The marks both apps let hang past the right edge instead of pushing a character down.
HANGING = frozenset("，。、．,.")
# Opening marks: never at the end of a line.
OPENING = frozenset("（《「『【〔〈“‘([{«")
QUOTES = frozenset("“”‘’")
# Pairs that are one mark: ——, ……, ··
PAIRED = frozenset("—…")

_ASCII_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%+\-/:'&_@#]*[0-9A-Za-z%]|[0-9A-Za-z]")

AUTOSPACE = (0.2, 0.25)  # gap between CJK and a Latin letter or digit, (typical, widest)


def _ascii_widths() -> dict[str, tuple[float, float]]:
    """(typical, widest): typical as the office fonts and Noto CJK set them; widest as the
    widest common fallback (DejaVu Sans, Verdana: digits 0.636 em) sets them."""
    widths: dict[str, tuple[float, float]] = {}
    for ch in map(chr, range(0x20, 0x7F)):
        if ch.isdigit():
            width = (0.55, 0.64)
        elif ch in "MWmw":
            width = (0.9, 1.0)
        elif ch.isupper():
            width = (0.68, 0.8)
        elif ch in "ijlft":
            width = (0.3, 0.45)
        elif ch.islower():
            width = (0.52, 0.64)
        elif ch in " .,:;'!|`":
            width = (0.3, 0.4)
        elif ch in "%@&":
            width = (0.9, 1.0)
        elif ch in '()[]{}-"/\\':
            width = (0.38, 0.5)
        else:
            width = (0.6, 0.84)
        widths[ch] = width
    return widths


_ASCII = _ascii_widths()


def is_latin(ch: str) -> bool:
    """A character set in the Latin font's proportions (digits, letters, ASCII marks)."""
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def is_cjk(ch: str) -> bool:
    """A CJK ideograph or a full-width character: the ones autospacing sets apart from Latin."""
    return not is_latin(ch) and ch not in QUOTES and ch not in CLOSING and ch not in OPENING


def char_width(ch: str, *, widest: bool = False) -> float:
    """Advance width of one character, in ems."""
    pick = 1 if widest else 0
    if ch in _ASCII:
        return _ASCII[ch][pick]
    if is_latin(ch):
        return (0.6, 0.7)[pick]
    if ch == "\u00b7":  # middle dot: Latin in some fonts, full width in others
        return (0.5, 1.0)[pick]
    return 1.0


def _gap(before: str, after: str) -> bool:
    """Whether autospacing sets a gap between two adjacent characters."""
    return (before.isascii() and before.isalnum() and is_cjk(after)) or (
        after.isascii() and after.isalnum() and is_cjk(before)
    )


def text_width(text: str, *, widest: bool = False, tracking: float = 0.0) -> float:
    """Width of a run of text on one line, in ems; ``tracking`` is added after every character."""
    total = sum(char_width(ch, widest=widest) + tracking for ch in text)
    gap = AUTOSPACE[1 if widest else 0]
    total += gap * sum(_gap(a, b) for a, b in itertools.pairwise(text))
    return total


def units(text: str) -> list[str]:
    """The text cut where a line may break: no unit may be split, a break may follow each."""
    pieces: list[str] = []
    index = 0
    while index < len(text):
        match = _ASCII_WORD.match(text, index)
        if match and text[index].isascii():
            pieces.append(match.group())
            index = match.end()
            continue
        ch = text[index]
        end = index + 1
        if ch in PAIRED:
            while end < len(text) and text[end] == ch:
                end += 1
        pieces.append(text[index:end])
        index = end
    glued = pieces[:1]
    for before, piece in itertools.pairwise(pieces):
        if _no_break(before[-1], piece[0]):
            glued[-1] += piece
        else:
            glued.append(piece)
    return glued


def _no_break(before: str, after: str) -> bool:
    """Whether a line may not break between these two characters."""
    return after in CLOSING or after == " " or before in OPENING


def _fit_width(unit: str, widest: bool, tracking: float) -> float:
    """Width a unit needs at the end of a line: a hanging comma or full stop takes none."""
    if unit[-1] in HANGING and len(unit) > 1:
        unit = unit[:-1]
    return text_width(unit, widest=widest, tracking=tracking)


@dataclass(frozen=True)
class Measure:
    """A paragraph's measure in ems of its type: first line and the lines after it."""

    first: float
    rest: float
    tracking: float = 0.0  # ems added after every character (negative: condensed)


def wrap(text: str, measure: Measure, *, widest: bool = False) -> list[str]:
    """The lines a paragraph sets in, breaking as Word and LibreOffice do (greedy)."""
    if not text:
        return [""]
    lines: list[str] = []
    current = ""
    for unit in units(text):
        room = measure.first if not lines else measure.rest
        if not current:
            current = unit
            continue
        candidate = current + unit
        if _fit_width(candidate, widest, measure.tracking) <= room + 1e-9:
            current = candidate
            continue
        lines.append(current)
        current = unit
    lines.append(current)
    # A unit wider than a whole line is broken by character (both apps do).
    out: list[str] = []
    for index, line in enumerate(lines):
        room = measure.first if index == 0 and not out else measure.rest
        out.extend(_force(line, room, widest, measure.tracking))
    return out


def _force(line: str, room: float, widest: bool, tracking: float) -> Iterator[str]:
    """A line holding a unit wider than the measure, cut where the measure is full."""
    if _fit_width(line, widest, tracking) <= room + 1e-9:
        yield line
        return
    start, used = 0, 0.0
    for index, ch in enumerate(line):
        width = char_width(ch, widest=widest) + tracking
        if used + width > room + 1e-9 and index > start:
            yield line[start:index]
            start, used = index, 0.0
        used += width
    yield line[start:]


def line_count(text: str, measure: Measure) -> int:
    return len(wrap(text, measure))
