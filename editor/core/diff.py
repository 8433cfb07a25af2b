"""Field-level differences between two versions of a bulletin, for the revision log.

A bulletin flattens to field paths (``masthead.date``,
``sections[0].articles[1].byline``, ``sections[0].articles[1].paragraphs``) with
plain JSON values; an edit is recorded as the paths whose values changed, with
the old and the new value. A subheading is ``{"heading": N, "text": ...}`` in its
place among the paragraph strings, so turning a paragraph into a subheading, or
changing its level, is a change of the paragraphs field even when no word changed.
"""

from __future__ import annotations

from typing import Any

from editor.core.fieldpath import plain
from editor.core.model import Bulletin


def flatten(bulletin: Bulletin) -> dict[str, Any]:
    """Every editable field of the bulletin by its path, as JSON values."""
    out: dict[str, Any] = {}
    for key, value in bulletin.masthead.to_dict().items():
        out[f"masthead.{key}"] = value
    for si, section in enumerate(bulletin.sections):
        out[f"sections[{si}].name"] = section.name
        for ai, article in enumerate(section.articles):
            where = f"sections[{si}].articles[{ai}]"
            out[f"{where}.title"] = article.title
            out[f"{where}.byline"] = article.byline
            out[f"{where}.paragraphs"] = plain(article.paragraphs)
            out[f"{where}.source"] = article.source
    for key, value in bulletin.imprint.to_dict().items():
        out[f"imprint.{key}"] = value
    inferred = bulletin.extra.get("inferred")
    if inferred:
        out["inferred"] = sorted(inferred)  # values suggested and not yet confirmed
    return out


def changes(old: Bulletin | None, new: Bulletin) -> list[tuple[str, Any, Any]]:
    """(path, old value, new value) for every field that differs, in the new one's order."""
    before = flatten(old) if old is not None else {}
    after = flatten(new)
    out = [
        (path, before.get(path), value)
        for path, value in after.items()
        if before.get(path) != value
    ]
    out += [(path, value, None) for path, value in before.items() if path not in after]
    return out
