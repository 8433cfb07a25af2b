"""What the editor changes in the form, turned into the form's signals: a field's new value
(``edited``), a paragraph's kind (``kind_edited``, an undo step of its own), and 栏目 or
articles added, removed or moved (``restructured``, the whole bulletin before and after).

The window makes undoable commands of these; the form's working copy changes here first.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from editor.core.checks.suggest import confirm
from editor.core.fieldpath import entry_of, get_field, set_field
from editor.core.model import Article, Bulletin, Section, heading_level
from editor.gui.form.fields import INVALID, ParagraphsField, kind_label

if TYPE_CHECKING:
    from editor.gui.form.bulletin_form import BulletinForm


class FormEditing:
    """The form's edits: each changes the working copy, refreshes the states and says so."""

    def __init__(self, form: BulletinForm) -> None:
        self.form = form

    def on_change(self, path: str, value: Any) -> None:
        form = self.form
        assert form.bulletin is not None
        field = form.fields[path]
        if field.objection() is not None:  # words in a number field: flagged, never stored
            form.refresh_states()
            return
        old = get_field(form.bulletin, path)
        if old == value:
            if field.state == INVALID:  # the number typed back: no longer flagged
                form.refresh_states()
            return
        set_field(form.bulletin, path, value)
        confirm(form.bulletin, path)  # typing over an inferred value confirms the field
        form.refresh_states()
        form.edited.emit(path, old, value)

    def on_kind_change(self, path: str, value: Any, level: int) -> None:
        form = self.form
        assert form.bulletin is not None
        old = get_field(form.bulletin, path)
        if old == value:  # the cursor was on an empty line: it holds what is typed next
            form.hint.emit(
                QCoreApplication.translate("BulletinForm", "接着输入的段落为{0}").format(
                    kind_label(level)
                )
            )
            return
        set_field(form.bulletin, path, value)
        form.refresh_states()
        switched = [
            str(n)
            for n, (before, after) in enumerate(zip(old, value, strict=False), start=1)
            if heading_level(before) != heading_level(after)
        ]
        description = QCoreApplication.translate("BulletinForm", "第{0}段设为{1}").format(
            QCoreApplication.translate("BulletinForm", "、").join(switched), kind_label(level)
        )
        form.hint.emit(description)
        form.kind_edited.emit(path, old, value, description)

    def set_kind_at_focus(self, level: int) -> bool:
        """Switch the kind of the paragraph under the cursor of the focused paragraphs box."""
        form = self.form
        if form.read_only:
            form.hint.emit(form.read_only_reason())
            return False
        focus = form.window().focusWidget()
        for field in form.fields.values():
            if isinstance(field, ParagraphsField) and field.widget is focus:
                field.set_kind(level)
                return True
        form.hint.emit(
            QCoreApplication.translate("BulletinForm", "先把光标放在正文框里要设置的段落上")
        )
        return False

    def set_field_value(self, path: str, value: Any) -> None:
        """Undo/redo of a field edit: change the working copy and the widget quietly."""
        form = self.form
        if form.bulletin is None:
            return
        set_field(form.bulletin, path, value)
        entry = entry_of(path)
        shown = entry[0] if entry else path
        if shown in form.fields:
            form.fields[shown].set_value(get_field(form.bulletin, shown))
        form.refresh_states()

    # --- 栏目 and articles ------------------------------------------------------------------

    def _restructure(self, change: Callable[[Bulletin], object], description: str) -> None:
        form = self.form
        assert form.bulletin is not None
        if form.read_only:
            return
        before = copy.deepcopy(form.bulletin)
        change(form.bulletin)
        after = copy.deepcopy(form.bulletin)
        form.load(after, form.parsed)
        form.restructured.emit(before, after, description)

    def add_section(self) -> None:
        self._restructure(
            lambda b: b.sections.append(
                Section(
                    name=QCoreApplication.translate("BulletinForm", "新栏目"), articles=[Article()]
                )
            ),
            QCoreApplication.translate("BulletinForm", "添加栏目"),
        )

    def add_article(self, si: int) -> None:
        self._restructure(
            lambda b: b.sections[si].articles.append(Article()),
            QCoreApplication.translate("BulletinForm", "添加文章"),
        )

    def remove_section(self, si: int) -> None:
        self._restructure(
            lambda b: b.sections.pop(si), QCoreApplication.translate("BulletinForm", "删除栏目")
        )

    def remove_article(self, si: int, ai: int) -> None:
        self._restructure(
            lambda b: b.sections[si].articles.pop(ai),
            QCoreApplication.translate("BulletinForm", "删除文章"),
        )

    def move_section(self, si: int, step: int) -> None:
        def move(b: Bulletin) -> None:
            target = si + step
            if 0 <= target < len(b.sections):
                b.sections[si], b.sections[target] = b.sections[target], b.sections[si]

        self._restructure(move, QCoreApplication.translate("BulletinForm", "移动栏目"))

    def move_article(self, si: int, ai: int, step: int) -> None:
        def move(b: Bulletin) -> None:
            articles = b.sections[si].articles
            target = ai + step
            if 0 <= target < len(articles):
                articles[ai], articles[target] = articles[target], articles[ai]

        self._restructure(move, QCoreApplication.translate("BulletinForm", "移动文章"))
