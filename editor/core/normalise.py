"""Text normalisation as ``jianxun.bulletin/1`` defines it, and display widths.

A PDF's visual lines are joined with nothing between them; the thin spaces
Word puts between Chinese and Latin text are removed; a space between two
Chinese characters is kept (it is the author's). Widths count a Chinese or
full-width character as two columns and ASCII as one, which is how a page's
line length is estimated from its text alone.
"""

from __future__ import annotations

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
_WIDE = re.compile(f"[{WIDE_CLASS}]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WIDE_THEN_SPACE = re.compile(f"(?<=[{WIDE_CLASS}]) +(?=[A-Za-z0-9])")
_SPACE_THEN_WIDE = re.compile(f"(?<=[A-Za-z0-9%]) +(?=[{WIDE_CLASS}])")

_OPENERS = "（(《〈【〔［[“‘「『"
_CLOSERS = "）)》〉】〕］]”’」』"


def display_width(text: str) -> int:
    """Columns the text takes: two for a wide character, one for anything else."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def line_width(text: str) -> float:
    """Estimated printed width of an extracted line, in columns.

    A space in extracted text is mostly the thin gap Word sets between Chinese
    and Latin text, about half a column, so it counts half.
    """
    return display_width(text) - 0.5 * text.count(" ")


def is_wide(char: str) -> bool:
    return bool(_WIDE.match(char))


def normalise_inline(text: str) -> str:
    """One line or one joined paragraph, normalised as the schema says.

    White space of every kind becomes one space, spaces between a wide
    character and an ASCII letter or digit go, the ends are trimmed.
    """
    text = _SPACES.sub(" ", text).strip()
    if " " not in text:
        return text
    text = _WIDE_THEN_SPACE.sub("", text)
    return _SPACE_THEN_WIDE.sub("", text)


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
        if out and _is_latin_letter(out[-1][-1:]) and _is_latin_letter(part[:1]):
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
