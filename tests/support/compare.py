"""Compare a parsed bulletin with the fixture it was rendered from."""

from __future__ import annotations

from typing import Any

CONTENT_KEYS = ("masthead", "sections", "imprint")


def _paragraphs_equal(expected: list[Any], got: list[Any], ambiguous: set[int]) -> bool:
    """Equal, except that body paragraphs i and i+1 may be merged for i in ``ambiguous``."""
    variants = [list(expected)]
    for index in sorted(ambiguous, reverse=True):
        more = []
        for v in variants:
            if index + 1 < len(v) and isinstance(v[index], str) and isinstance(v[index + 1], str):
                more.append([*v[:index], v[index] + v[index + 1], *v[index + 2 :]])
        variants += more
    return got in variants


def differences(
    expected: dict[str, Any], got: dict[str, Any], ambiguous: set[tuple[int, int]] = frozenset()
) -> list[str]:
    """Human-readable differences (bylines and subheading levels too); empty when right."""
    out: list[str] = []
    for part in ("masthead", "imprint"):
        for key, value in expected[part].items():
            if got.get(part, {}).get(key) != value:
                out.append(f"{part}.{key}: expected {value!r}, got {got.get(part, {}).get(key)!r}")
    es, gs = expected["sections"], got.get("sections", [])
    if len(es) != len(gs):
        out.append(f"sections: expected {len(es)}, got {len(gs)}")
        return out
    article_no = 0
    for si, (e, g) in enumerate(zip(es, gs, strict=True)):
        if e["name"] != g["name"]:
            out.append(f"sections[{si}].name: expected {e['name']!r}, got {g['name']!r}")
        if len(e["articles"]) != len(g["articles"]):
            titles = [a["title"] for a in g["articles"]]
            out.append(f"sections[{si}].articles: expected {len(e['articles'])}, got {titles}")
            return out
        for ai, (ea, ga) in enumerate(zip(e["articles"], g["articles"], strict=True)):
            where = f"sections[{si}].articles[{ai}]"
            for key in ("title", "byline", "source"):  # a missing byline is null
                if ea.get(key) != ga.get(key):
                    out.append(f"{where}.{key}: expected {ea.get(key)!r}, got {ga.get(key)!r}")
            amb = {p for a, p in ambiguous if a == article_no}
            if not _paragraphs_equal(ea["paragraphs"], ga["paragraphs"], amb):
                out.append(_first_paragraph_miss(where, ea["paragraphs"], ga["paragraphs"]))
            article_no += 1
    return out


def _first_paragraph_miss(where: str, expected: list[Any], got: list[Any]) -> str:
    for i, (e, g) in enumerate(zip(expected, got, strict=False)):
        if e != g:
            return f"{where}.paragraphs[{i}]:\n  expected {e!r}\n  got      {g!r}"
    return f"{where}.paragraphs: expected {len(expected)} paragraphs, got {len(got)}"
