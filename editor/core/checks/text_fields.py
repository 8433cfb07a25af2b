"""The bulletin's free-text fields, by path, for rules that read or fix text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from editor.core.fieldpath import get_field, set_field
from editor.core.model import Bulletin


def text_paths(bulletin: Bulletin) -> Iterator[str]:
    yield from ("masthead.name", "masthead.issuer")
    for si, section in enumerate(bulletin.sections):
        yield f"sections[{si}].name"
        for ai, _article in enumerate(section.articles):
            where = f"sections[{si}].articles[{ai}]"
            yield from (f"{where}.title", f"{where}.paragraphs", f"{where}.source")
    yield from (
        "imprint.disclosure",
        "imprint.report_to",
        "imprint.copy_to",
        "imprint.distribute_to",
        "imprint.printer",
    )


def texts(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [str(value)]


def map_field(bulletin: Bulletin, path: str, change: Any) -> None:
    """Apply ``change(str) -> str`` to a text field (each paragraph of a paragraphs field)."""
    value = get_field(bulletin, path)
    if value is None:
        return
    if isinstance(value, list):
        set_field(bulletin, path, [change(p) for p in value])
    else:
        set_field(bulletin, path, change(value))
