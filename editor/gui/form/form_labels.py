"""How the form shows fields: its rows (报头, 版记, each article) with each field's kind,
and a value in a tooltip. The names alone (:func:`field_label`: 栏目1 · 文章2 · 作者,
never a path) are in :mod:`editor.gui.form.form_words`, which needs no field widget."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.core.fieldpath import as_paragraph, get_field
from editor.core.model import Bulletin, Paragraph, heading_level, paragraph_text
from editor.gui.form.fields import Field, IntField, LinesField, TextField, kind_label
from editor.gui.form.form_words import (
    ARTICLE,
    IMPRINT_LABELS,
    MASTHEAD_LABELS,
    PARTS,
    field_label,
    tr_label,
)

__all__ = [
    "ARTICLE",
    "IMPRINT",
    "MASTHEAD",
    "PARTS",
    "Row",
    "entry_text",
    "field_label",
    "short_value",
    "tr_label",
]

Row = tuple[str, str, type[Field]]
"""A row of the 报头 or the 版记: its key, its label (untranslated) and its kind of field."""

_KINDS: dict[str, type[Field]] = {
    "issue": IntField,
    "total_issue": IntField,
    "copies": IntField,
    "report_to": LinesField,
    "copy_to": LinesField,
    "distribute_to": LinesField,
}
MASTHEAD: tuple[Row, ...] = tuple(
    (k, label, _KINDS.get(k, TextField)) for k, label in MASTHEAD_LABELS
)
IMPRINT: tuple[Row, ...] = tuple(
    (k, label, _KINDS.get(k, TextField)) for k, label in IMPRINT_LABELS
)


def short_value(parsed: Bulletin | None, path: str) -> str:
    if parsed is None:
        return QCoreApplication.translate("bulletin_form", "（无）")
    try:
        value = get_field(parsed, path)
    except (KeyError, IndexError):
        return QCoreApplication.translate("bulletin_form", "（原文没有此项）")
    if value is None or value == []:
        return QCoreApplication.translate("bulletin_form", "（空）")
    if isinstance(value, list):
        text = "\n\n".join(entry_text(as_paragraph(p)) for p in value)
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:80] + "……"


def entry_text(paragraph: Paragraph) -> str:
    """A paragraph entry in a tooltip: a subheading marked with its level."""
    level = heading_level(paragraph)
    text = paragraph_text(paragraph)
    return (
        text
        if level is None
        else QCoreApplication.translate("bulletin_form", "〔{0}〕{1}").format(
            kind_label(level), text
        )
    )
