"""Where the pages break, estimated as Word and LibreOffice break them.

Every line of the body has an exact height (exact line spacing throughout), every
paragraph's lines are known from :mod:`metrics`, and the keep rules are the ones
the document asks for: keep with next, keep lines together, widow and orphan
control (two lines). Laying the blocks out on pages of the type area's height
gives the page the body ends on and the room left under it, which decide where the
版记 goes. It is an estimate (fonts differ by a hair, an app may break one line
differently), so the decisions built on it leave a margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Block:
    """One paragraph as pagination sees it."""

    heights: list[int]  # twips, one per line
    keep_next: bool = False
    keep_lines: bool = False
    widows: bool = False  # widow and orphan control: never one line alone at a page's end or top
    kind: str = ""

    @property
    def height(self) -> int:
        return sum(self.heights)

    def head(self) -> int:
        """What must go with a paragraph kept with this one: its first lines."""
        if self.keep_lines or (self.widows and len(self.heights) <= 3):
            return self.height  # two or three lines cannot be parted without a widow or orphan
        return sum(self.heights[: 2 if self.widows else 1])


@dataclass
class Placed:
    kind: str
    first_page: int
    last_page: int
    lines_on_last_page: int


@dataclass
class Flow:
    """Where the body ends: the page and the twips used on it; each block's pages."""

    page: int = 1
    used: int = 0
    placed: list[Placed] = field(default_factory=list)


def paginate(blocks: Sequence[Block], capacity: int) -> Flow:
    """Lay the blocks out on pages ``capacity`` twips high, line by line.

    A paragraph kept with the next moves whole to the next page when it and what it
    is kept with do not fit (LibreOffice does so; Word moves only its last lines, the
    same for the one-line paragraphs the layout keeps with the next).
    """
    flow = Flow()
    for index, block in enumerate(blocks):
        lines = block.heights
        count = len(lines)
        if block.keep_next or block.keep_lines:
            need = _chain_need(blocks, index) if block.keep_next else block.height
            if flow.used and flow.used + need > capacity and need <= capacity:
                flow.page += 1
                flow.used = 0
        first_page = flow.page
        began_here = True  # the block's first line is on the current page
        line = here = 0  # next line to place; lines of this block on the current page
        while line < count:
            height = lines[line]
            if flow.used + height > capacity and flow.used:
                if block.widows:
                    if count - line == 1 and here > 1:
                        flow.used -= lines[line - 1]  # no widow: one more line goes over
                        line -= 1
                        here -= 1
                    if began_here and 0 < here < 2:  # no orphan: the paragraph goes over
                        flow.used -= sum(lines[:line])
                        line = here = 0
                flow.page += 1
                flow.used = 0
                if line == 0:
                    first_page = flow.page
                began_here = line == 0
                here = 0
                continue
            flow.used += height
            line += 1
            here += 1
        flow.placed.append(Placed(block.kind, first_page, flow.page, here))
    return flow


def _chain_need(blocks: Sequence[Block], index: int) -> int:
    """Height of ``blocks[index]`` and of what it is kept with (the next paragraph's head)."""
    need = blocks[index].height
    following = index + 1
    while following < len(blocks) and blocks[following].keep_next:
        need += blocks[following].height
        following += 1
    if following < len(blocks):
        need += blocks[following].head()
    return need
