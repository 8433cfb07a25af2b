"""Each field's state (parsed, edited, doubtful, invalid) and why, from the rules, the
parser's warnings and the fields' own objections (words in a number field)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.core.checks import ERROR, Problem
from editor.core.checks.suggest import INFERRED
from editor.core.fieldpath import get_field
from editor.core.model import Bulletin
from editor.core.recognition import DOUBT
from editor.gui.form.fields import DOUBTFUL, EDITED, INVALID, PARSED, Field
from editor.gui.form.form_labels import short_value

NUMBER = "number"
"""The rule of a number field holding words (the field's own objection, an error)."""


def objections(fields: dict[str, Field]) -> list[Problem]:
    """What the fields themselves refuse: errors, so approval waits until they are put right."""
    return [
        Problem(NUMBER, path, message, ERROR)
        for path, field in fields.items()
        if (message := field.objection()) is not None
    ]


def doubts(parsed: Bulletin | None, path: str, *, ocr: bool = False) -> list[str]:
    """The parser's warnings about this field: missing, or on one of its source lines.

    OCR's unsure characters are left out unless ``ocr``: they make a field doubtful only
    when one of them stands in its value (the field's marks), not when it is beside it
    on the same line (the bracket after 第9期 says nothing of the issue number 9).
    """
    return FieldDoubts(parsed)(path, ocr=ocr)


class FieldDoubts:
    """:func:`doubts` for every field of one parse: its spans gathered by field once (a
    field's own and its paragraphs'), not searched through for each field at each check."""

    def __init__(self, parsed: Bulletin | None) -> None:
        self.parsed = parsed
        self._spans: dict[str, list[tuple[int, int]]] = {}
        for key, ranges in (parsed.spans if parsed is not None else {}).items():
            self._spans.setdefault(key, []).extend(ranges)
            at = key.find("[")
            while at != -1:  # (what spans_for gathers: the keys that are path + "[...")
                self._spans.setdefault(key[:at], []).extend(ranges)
                at = key.find("[", at + 1)

    def __call__(self, path: str, *, ocr: bool = False) -> list[str]:
        if self.parsed is None:
            return []
        lines = {n for a, b in self._spans.get(path, ()) for n in range(a, b + 1)}
        return [
            w.message
            for w in self.parsed.warnings
            if (w.code == DOUBT) is ocr
            and (
                w.field == path
                or (w.line is not None and w.line in lines and w.code != "skipped_line")
            )
        ]


def colour(
    field: Field,
    problems: list[Problem],
    bulletin: Bulletin,
    parsed: Bulletin | None,
    doubted_by: FieldDoubts | None = None,
) -> None:
    """Give a field its state and the reasons for it (``doubted_by``: the parse's
    :class:`FieldDoubts`, if made already)."""
    path = field.path
    mine = [p for p in problems if p.path == path]
    # An inferred value blocks approval until confirmed, but it is shown as doubtful.
    invalid = [p.message for p in mine if p.is_error and p.rule != INFERRED]
    warned = [p.message for p in mine if not p.is_error or p.rule == INFERRED]
    of = (
        doubted_by
        if doubted_by is not None and doubted_by.parsed is parsed
        else FieldDoubts(parsed)
    )
    doubted = of(path) + (of(path, ocr=True) if field.marks else [])
    try:
        parsed_value = get_field(parsed, path) if parsed is not None else None
        edited = parsed is None or parsed_value != get_field(bulletin, path)
    except (KeyError, IndexError):
        edited = True
    if invalid:
        field.set_state(INVALID, invalid + warned + doubted)
    elif warned or (doubted and not edited):
        field.set_state(DOUBTFUL, warned + ([] if edited else doubted))
    elif edited:
        was = QCoreApplication.translate("BulletinForm", "编辑已修改，原文为：")
        field.set_state(EDITED, [was + short_value(parsed, path)])
    else:
        field.set_state(PARSED, [])
