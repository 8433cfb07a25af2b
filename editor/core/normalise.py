"""Text normalisation as ``jianxun.bulletin/1`` defines it, and display widths.

A PDF's visual lines are joined with nothing between them; the thin spaces
Word puts between Chinese and Latin text are removed; a space between two
Chinese characters is kept (it is the author's). Widths count a Chinese or
full-width character as two columns and ASCII as one, which is how a page's
line length is estimated from its text alone.
"""

from __future__ import annotations

import functools
import re

# Characters set full-width in Chinese typesetting: CJK ideographs and symbols,
# kana, hangul, full-width forms, and the quotes, dashes and ellipsis that
# Chinese fonts draw on a full em.
WIDE_CLASS = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
    "\uff01-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
    "\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7\u2027\u3000"
)
# Every other character. Chinese text has few, so counting those is the cheap way to a
# width. Written out as what it is, not as [^WIDE_CLASS]: Python's regex compiler visits
# every code point of a class's ranges below U+10000 (twice for a pattern that begins with
# the class), and these ranges hold half as many as the wide ones, which saves every
# start milliseconds (tests/core/parsing/test_prefilters.py checks it is the same set).
NARROW_CLASS = (
    r"\x00-\xb6\xb8-\u10ff\u1160-\u2013\u2016\u2017\u201a\u201b\u201e-\u2025\u2028-\u2e7f"
    r"\u303f\u3040\u4dc0-\u4dff\ua4d0-\uabff\ud7a4-\uf8ff\ufb00-\ufe0f\ufe1a-\ufe2f"
    r"\ufe70-\uff00\uff61-\uffdf\uffe7-\U0001ffff\U0003fffe-\U0010ffff"
)
_NARROW = re.compile(f"[{NARROW_CLASS}]")


@functools.cache
def _spaces() -> re.Pattern[str]:
    """Runs of white space of every kind (compiled when a text first has any but single
    spaces: most never do)."""
    return re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


# (spelt out: the string module costs a millisecond to import)
LATIN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
_ASCII_ALNUM = frozenset(LATIN_LETTERS + DIGITS)

_OPENERS = "（(《〈【〔［[“‘「『"
_CLOSERS = "）)》〉】〕］]”’」』"


def display_width(text: str) -> int:
    """Columns the text takes: two for a wide character, one for anything else."""
    if text.isascii():
        return len(text)
    return 2 * len(text) - len(_NARROW.findall(text))


def line_width(text: str) -> float:
    """Estimated printed width of an extracted line, in columns.

    A space in extracted text is mostly the thin gap Word sets between Chinese
    and Latin text, about half a column, so it counts half.
    """
    if text.isascii():
        return len(text) - 0.5 * text.count(" ")
    narrow = _NARROW.findall(text)  # (as above; the spaces are among them)
    if not narrow:
        return 2.0 * len(text)
    return 2 * len(text) - len(narrow) - 0.5 * narrow.count(" ")


def is_wide(char: str) -> bool:
    """Whether the (first) character is a wide one."""
    return (
        "\u4e00" <= char <= "\u9fff"  # (the usual ones first, without the pattern: ideographs,
        or "\u3000" <= char <= "\u303e"  # CJK punctuation
        or "\uff01" <= char <= "\uff60"  # and full-width forms)
        or (char != "" and _NARROW.match(char) is None)
    )


def normalise_inline(text: str) -> str:
    """One line or one joined paragraph, normalised as the schema says.

    White space of every kind becomes one space, spaces between a wide
    character and an ASCII letter or digit go, the ends are trimmed.
    """
    if text.isprintable() and "  " not in text:
        # Every other white space is unprintable: only single spaces here, as they stay.
        text = text.strip()
    else:
        text = _spaces().sub(" ", text).strip()
    if " " not in text:
        return text
    # The spaces are single now, none at an end: each stands between two characters.
    # No space between a wide character and an ASCII letter or digit (or a % and a
    # wide character after it), in either order; any other space stays.
    pieces = text.split(" ")
    out = [pieces[0]]
    before = pieces[0][-1]
    for piece in pieces[1:]:
        after = piece[0]
        if after in _ASCII_ALNUM:
            goes = "\u4e00" <= before <= "\u9fff" or is_wide(before)  # (ideographs first)
        else:
            goes = (before in _ASCII_ALNUM or before == "%") and (
                "\u4e00" <= after <= "\u9fff" or is_wide(after)
            )
        if not goes:
            out.append(" ")
        out.append(piece)
        before = piece[-1]
    return "".join(out)


def _is_latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def join_visual_lines(parts: list[str]) -> str:
    """Join the visual lines of one paragraph: nothing between them.

    Two Latin words that a line break separated keep one space, so English
    names do not run together.
    """
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and _is_latin_letter(part[0]) and _is_latin_letter(out[-1][-1]):
            out.append(" ")
        out.append(part)
    return normalise_inline("".join(out))


def split_title_line(line: str) -> list[str]:
    """A title line printed as ``main subtitle`` is two lines.

    Spaces left after normalisation split the line, except inside brackets or
    quotes (``《新时代 脱贫攻坚在四川》`` stays one piece).
    """
    line = normalise_inline(line)
    if " " not in line:
        return [line] if line else []
    pieces: list[str] = []
    depth = 0
    current: list[str] = []
    for char in line:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        if char == " " and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p for p in pieces if p]
