"""Parse speed: a 6 KB bulletin (target < 2 ms median), and how time grows with size."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from support.render import RenderOptions, render

from benchmarks.timing import Timing, measure
from editor.core.parsing import parse_text

ROOT = Path(__file__).resolve().parents[1]


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


def run() -> list[Timing]:
    text = six_kb_bulletin()
    size_kb = len(text.encode("utf-8")) / 1024
    results = [
        measure(
            f"parse a {size_kb:.1f} KB text bulletin",
            lambda: parse_text(text),
            runs=300,
            target_ms=2.0,
        )
    ]
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
