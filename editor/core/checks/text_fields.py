"""The bulletin's free-text fields, by path, for rules that read or fix text.

A paragraphs field holds body text and subheadings; rules read the words of
both, and a fix changes the words of each entry and keeps its kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from editor.core.fieldpath import as_paragraph, get_field, set_field
from editor.core.model import Bulletin, paragraph_text, with_text


def text_paths(bulletin: Bulletin) -> Iterator[str]:
    yield from ("masthead.name", "masthead.issuer")
    for si, section in enumerate(bulletin.sections):
        yield f"sections[{si}].name"
        for ai, _article in enumerate(section.articles):
            where = f"sections[{si}].articles[{ai}]"
            yield from (
                f"{where}.title",
                f"{where}.byline",
                f"{where}.paragraphs",
                f"{where}.source",
            )
    yield from (
        "imprint.disclosure",
        "imprint.report_to",
        "imprint.copy_to",
        "imprint.distribute_to",
        "imprint.printer",
    )


def texts(value: Any) -> list[str]:
    """The words of a field: one string, or each paragraph entry's (body or subheading)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [paragraph_text(as_paragraph(p)) for p in value]
    return [str(value)]


def map_field(bulletin: Bulletin, path: str, change: Callable[[str], str]) -> None:
    """Apply ``change(str) -> str`` to a text field (each entry of a paragraphs field, keeping
    subheadings subheadings)."""
    value = get_field(bulletin, path)
    if value is None:
        return
    if isinstance(value, list):
        entries = [as_paragraph(p) for p in value]
        set_field(bulletin, path, [with_text(p, change(paragraph_text(p))) for p in entries])
    else:
        set_field(bulletin, path, change(value))
