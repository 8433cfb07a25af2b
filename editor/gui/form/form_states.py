"""Each field's state (parsed, edited, doubtful, invalid) and why, from the rules, the
parser's warnings and the fields' own objections (words in a number field)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.core.checks import ERROR, Problem
from editor.core.checks.suggest import INFERRED
from editor.core.fieldpath import get_field, spans_for
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
    if parsed is None:
        return []
    lines = {n for a, b in spans_for(parsed.spans, path) for n in range(a, b + 1)}
    return [
        w.message
        for w in parsed.warnings
        if (w.code == DOUBT) is ocr
        and (
            w.field == path or (w.line is not None and w.line in lines and w.code != "skipped_line")
        )
    ]


def colour(
    field: Field, problems: list[Problem], bulletin: Bulletin, parsed: Bulletin | None
) -> None:
    """Give a field its state and the reasons for it."""
    path = field.path
    mine = [p for p in problems if p.path == path]
    # An inferred value blocks approval until confirmed, but it is shown as doubtful.
    invalid = [p.message for p in mine if p.is_error and p.rule != INFERRED]
    warned = [p.message for p in mine if not p.is_error or p.rule == INFERRED]
    doubted = doubts(parsed, path) + (doubts(parsed, path, ocr=True) if field.marks else [])
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
