"""Undoable edits: a field's value, or the bulletin's structure (articles, 栏目)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from editor.gui.form.form_words import field_label

if TYPE_CHECKING:
    from editor.core.model import Bulletin
    from editor.gui.form.bulletin_form import BulletinForm

_FIELD_COMMAND = 1


class FieldEdit(QUndoCommand):
    """One field changed; typing in the same field merges into one step.

    A step that is not typing (a paragraph switched to a subheading) passes its own ``text``
    and ``merge=False``: it is undone on its own, and typing after it starts a new step.
    """

    def __init__(
        self,
        form: BulletinForm,
        path: str,
        old: Any,
        new: Any,
        on_change: Any,
        *,
        text: str | None = None,
        merge: bool = True,
    ) -> None:
        super().__init__(
            text or QCoreApplication.translate("FieldEdit", "修改 {0}").format(field_label(path))
        )
        self.form, self.path, self.old, self.new = form, path, old, new
        self.on_change = on_change
        self.merge = merge
        self._first = True

    def id(self) -> int:
        return _FIELD_COMMAND if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or other.path != self.path:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # the widget already shows the new value
            self._first = False
        else:
            self.form.set_field_value(self.path, self.new)
            self.form.reveal_path(self.path)
        self.on_change()

    def undo(self) -> None:
        self.form.set_field_value(self.path, self.old)
        self.form.reveal_path(self.path)  # Ctrl+Z in one field may undo a step in another
        self.on_change()


class Restructure(QUndoCommand):
    """Articles or 栏目 added, removed or moved: the whole bulletin before and after."""

    def __init__(
        self, form: BulletinForm, before: Bulletin, after: Bulletin, text: str, on_change: Any
    ) -> None:
        super().__init__(text)
        self.form, self.on_change = form, on_change
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.form.load(self.after, self.form.parsed)
        self.on_change()

    def undo(self) -> None:
        self.form.load(self.before, self.form.parsed)
        self.on_change()
