"""Parse speed: a 6 KB bulletin (target 0.7 ms median), and how time grows with size.

The floor, measured in the same run: one pass of one regular expression over the same
text, splitting it into its lines (``re.findall``). Whatever the parse spends above it is
the parser's own work on each line: widths, sentence ends, page numbers, masthead,
版记, layout, paragraphs and titles. The ratio of the two is printed, of medians and of
the fastest runs (on a busy machine the fastest runs say more than the medians).
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path

from support.render import RenderOptions, render

from benchmarks.timing import Timing, measure
from editor.core.parsing import parse_text

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 0.7
RUNS = 300
_LINE = re.compile(r"[^\n]*\n?")


def six_kb_bulletin() -> str:
    """A realistic 6 KB bulletin made of fixture articles, rendered as extracted PDF text."""
    folder = ROOT / "tests" / "fixtures" / "bulletins"
    bulletin = json.loads((folder / "two_columns_three_articles.json").read_text("utf-8"))
    extra = json.loads((folder / "series_politics.json").read_text("utf-8"))
    text: str = render(bulletin, RenderOptions()).text
    for section in extra["sections"]:
        if len(text.encode("utf-8")) >= 6 * 1024:
            break
        bulletin["sections"].append(section)
        text = render(bulletin, RenderOptions()).text
    return text


def regex_pass(text: str) -> int:
    """The floor: one regular expression run once over the text (its lines, found in C)."""
    return len(_LINE.findall(text))


def run() -> list[Timing]:
    text = six_kb_bulletin()
    size_kb = len(text.encode("utf-8")) / 1024
    parse = measure(
        f"parse a {size_kb:.1f} KB text bulletin",
        partial(parse_text, text),
        runs=RUNS,
        target_ms=TARGET_MS,
    )
    floor = measure(
        "floor: one regex pass over the same text", partial(regex_pass, text), runs=RUNS
    )
    print(
        f"#   parse {size_kb:.1f} KB = {parse.median_ms / floor.median_ms:.1f}× a single regex "
        f"pass over the same text (medians; {parse.min_ms / floor.min_ms:.1f}× by the fastest "
        f"runs); {len(text.splitlines())} lines",
        flush=True,
    )
    results = [parse, floor]
    body_start = text.index("【")
    body_end = text.index("信息公开选项")
    head, body, tail = text[:body_start], text[body_start:body_end], text[body_end:]
    for factor, runs in ((1, 100), (10, 20), (100, 5)):
        big = head + body * factor + tail
        results.append(
            measure(
                f"  scaling: body x{factor} ({len(big.encode()) / 1024:.0f} KB)",
                partial(parse_text, big),
                runs=runs,
            )
        )
    return results
