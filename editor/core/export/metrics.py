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
import operator
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
    return ch not in _NOT_CJK


def _width(ch: str, pick: int) -> float:
    if ch in _ASCII:
        return _ASCII[ch][pick]
    if is_latin(ch):
        return (0.6, 0.7)[pick]
    if ch == "\u00b7":  # middle dot: Latin in some fonts, full width in others
        return (0.5, 1.0)[pick]
    return 1.0


_LATIN_END = 0x250  # every character from here on is one em wide
_WIDTHS = tuple({chr(i): _width(chr(i), pick) for i in range(_LATIN_END)} for pick in (0, 1))
"""Advance widths (typical, widest) of the characters below U+0250; one em for the rest."""
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_CJK = frozenset([chr(i) for i in range(0x80)] + [chr(i) for i in range(0xC0, _LATIN_END)]) | (
    QUOTES | CLOSING | OPENING
)


def char_width(ch: str, *, widest: bool = False) -> float:
    """Advance width of one character, in ems."""
    return _WIDTHS[widest].get(ch, 1.0)


def _gap(before: str, after: str) -> bool:
    """Whether autospacing sets a gap between two adjacent characters."""
    return (before in _ALNUM and after not in _NOT_CJK) or (
        after in _ALNUM and before not in _NOT_CJK
    )


def _gaps(text: str) -> int:
    """The autospacing gaps in a run of text."""
    if _ALNUM.isdisjoint(text):
        return 0
    return sum(map(_gap, text, text[1:]))


def text_width(text: str, *, widest: bool = False, tracking: float = 0.0) -> float:
    """Width of a run of text on one line, in ems; ``tracking`` is added after every character."""
    advances = map(_WIDTHS[widest].get, text, itertools.repeat(1.0))
    total: float = sum(map(operator.add, advances, itertools.repeat(tracking)))
    total += AUTOSPACE[1 if widest else 0] * _gaps(text)
    return total


_PIECE = "|".join([_ASCII_WORD.pattern, *(f"{re.escape(mark)}+" for mark in sorted(PAIRED)), "."])
"""What a line never breaks inside: a Latin word or number, a pair of dashes or dots, or one
character."""
_UNIT = re.compile(
    f"(?:{_PIECE})(?:(?:(?<=[{re.escape(''.join(sorted(OPENING)))}])"
    f"|(?=[{re.escape(''.join(sorted(CLOSING | {' '})))}]))(?:{_PIECE}))*",
    re.DOTALL,
)
"""Pieces glued: no break after an opening mark, nor before a closing mark or a space."""


def units(text: str) -> list[str]:
    """The text cut where a line may break: no unit may be split, a break may follow each."""
    found: list[str] = _UNIT.findall(text)
    return found


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
    """The lines a paragraph sets in, breaking as Word and LibreOffice do (greedy).

    Each unit's width is added to the line's as the unit is tried, in the order
    :func:`text_width` sums them, so a paragraph is measured once, not once a unit.
    """
    if not text:
        return [""]
    widths = _WIDTHS[widest]
    tracking = measure.tracking
    gap = AUTOSPACE[1 if widest else 0]

    def extend(total: float, count: int, previous: str, unit: str) -> tuple[float, int, float]:
        """The line's advances and gaps with ``unit`` added, and its advances before the
        unit's last character."""
        before = total
        for ch in unit:
            if previous and _gap(previous, ch):
                count += 1
            before = total
            total += widths.get(ch, 1.0) + tracking
            previous = ch
        return total, count, before

    lines: list[list[str]] = []
    current: list[str] = []
    advance = 0.0  # the current line's advances and tracking
    gaps = 0  # its autospacing gaps
    last = ""  # its last character
    room = measure.first  # of the line being filled
    for unit in units(text):
        if len(unit) == 1 and unit not in _ALNUM and last not in _ALNUM:
            # one character, no gap before it: most of a Chinese text
            total, count, before = advance + (widths.get(unit, 1.0) + tracking), gaps, advance
        else:
            total, count, before = extend(advance, gaps, last, unit)
        if current:
            fit = total + gap * count
            if unit[-1] in HANGING:  # hangs in the margin: what comes before it must fit
                ahead = unit[-2] if len(unit) > 1 else last
                fit = before + gap * (count - _gap(ahead, unit[-1]))
            if fit > room + 1e-9:
                lines.append(current)
                current, room = [], measure.rest
                total, count, _ = extend(0.0, 0, "", unit)
        current.append(unit)
        advance, gaps, last = total, count, unit[-1]
    lines.append(current)
    out: list[str] = []
    for index, pieces in enumerate(lines):
        line = "".join(pieces)
        if len(pieces) > 1:  # a second unit was only added where it fit
            out.append(line)
        else:  # a unit wider than a whole line is broken by character (both apps do)
            room = measure.first if index == 0 else measure.rest
            out.extend(_force(line, room, widest, tracking))
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
