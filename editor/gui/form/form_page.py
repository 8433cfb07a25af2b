"""The form's page: the masthead's and the 版记's boxes, a box per 栏目 holding a box per
article, each field made once and filled for every bulletin shown.

A queue is read one bulletin after another: the page is built for the first and only
refilled after (:mod:`editor.gui.form.form_boxes` keeps the boxes by place), so selecting
a bulletin costs its fields' new values, not new widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.fieldpath import get_field
from editor.core.model import Bulletin
from editor.gui.form.fields import Field, LinesField, ParagraphsField, TextField
from editor.gui.form.form_boxes import SPARE_SECTIONS, SectionBox, button_row, discard, show_only
from editor.gui.form.form_labels import ARTICLE, IMPRINT, MASTHEAD, Row, field_label, tr_label

if TYPE_CHECKING:
    from editor.gui.form.bulletin_form import BulletinForm


def field_paths(bulletin: Bulletin) -> list[str]:
    """Every field's path in the order the form shows them."""
    paths = [f"masthead.{key}" for key, _label, _kind in MASTHEAD]
    for si, section in enumerate(bulletin.sections):
        paths.append(f"sections[{si}].name")
        for ai, _article in enumerate(section.articles):
            paths += [f"sections[{si}].articles[{ai}].{key}" for key, _label in ARTICLE]
    return paths + [f"imprint.{key}" for key, _label, _kind in IMPRINT]


class FormPage:
    """Builds the form's page and shapes it to each bulletin. What it makes lives on the
    form (``fields``, the boxes, the structure buttons), which the rest of the form reads."""

    def __init__(self, form: BulletinForm) -> None:
        self.form = form

    def forget(self) -> None:
        form = self.form
        form.fields = {}
        form._all_fields = {}
        form._structure_buttons = []
        form.read_only_note = None
        form._page = None
        form._sections = []

    def build(self, bulletin: Bulletin) -> None:
        form = self.form
        self.forget()
        page = QWidget()
        layout = QVBoxLayout(page)
        form.read_only_note = QLabel(form.read_only_reason())
        form.read_only_note.setObjectName("readOnlyNote")
        layout.addWidget(form.read_only_note)
        layout.addWidget(
            self._group(QCoreApplication.translate("BulletinForm", "报头"), "masthead", MASTHEAD)
        )
        layout.addLayout(
            self._buttons(
                (QCoreApplication.translate("BulletinForm", "添加栏目"), form.editing.add_section)
            )
        )
        layout.addWidget(
            self._group(QCoreApplication.translate("BulletinForm", "版记"), "imprint", IMPRINT)
        )
        layout.addStretch(1)
        form._page = page
        self.show_shape(bulletin)
        form.setWidget(page)

    def fill(self, bulletin: Bulletin) -> None:
        """The page shown, made to show ``bulletin``: its boxes shown or hidden to its shape
        (see :mod:`editor.gui.form.form_boxes`), every field shown given its new value."""
        form = self.form
        assert form._page is not None
        focus = form._page.focusWidget()
        if focus is not None and focus.hasFocus():
            focus.clearFocus()  # (as when its box was made anew: the focus is not carried over)
        self.show_shape(bulletin)
        form.horizontalScrollBar().setValue(0)
        form.verticalScrollBar().setValue(0)

    def show_shape(self, bulletin: Bulletin) -> None:
        """A box for each 栏目 and article of ``bulletin`` (kept ones shown, missing ones
        made, the others hidden), and the form's fields its fields in form order, filled."""
        form = self.form
        assert form._page is not None
        layout = form._page.layout()
        assert isinstance(layout, QVBoxLayout)
        sections = form._sections
        for si, section in enumerate(bulletin.sections):
            if si == len(sections):
                box = self._section_box(si)
                layout.insertWidget(2 + si, box)
                sections.append(box)
            sections[si].show_articles(len(section.articles), partial(self._article_box, si))
        for box in sections[len(bulletin.sections) :]:
            box.shown = 0  # (hidden with it, its articles: spares)
        show_only(sections, len(bulletin.sections))
        self._trim(layout, len(bulletin.sections))
        form.fields = {path: form._all_fields[path] for path in field_paths(bulletin)}
        for path, field in form.fields.items():
            if field.marks:
                field.set_marks(())
            field.set_value(get_field(bulletin, path))

    def _trim(self, layout: QVBoxLayout, shown: int) -> None:
        """Hidden boxes beyond the spares kept go, with their fields and buttons."""
        form = self.form
        gone: list[tuple[QWidget, str]] = []
        for si, section in enumerate(form._sections):
            spare = section.trim()
            first = len(section.articles)
            gone += [(a, f"sections[{si}].articles[{first + n}].") for n, a in enumerate(spare)]
        keep = max(shown, SPARE_SECTIONS)
        for si, section in enumerate(form._sections[keep:], start=keep):
            layout.removeWidget(section)
            gone.append((section, f"sections[{si}]."))
        del form._sections[keep:]
        for box, prefix in gone:
            for path in [p for p in form._all_fields if p.startswith(prefix)]:
                del form._all_fields[path]
            buttons = set(box.findChildren(QPushButton))
            form._structure_buttons = [b for b in form._structure_buttons if b not in buttons]
            discard(box)

    def _field(self, path: str, kind: type[Field], placeholder: str = "") -> Field:
        """A new field (empty: :meth:`show_shape` fills it)."""
        form = self.form
        label = field_label(path)
        field = (
            TextField(path, label, placeholder) if kind is TextField else kind(path, label)  # type: ignore[call-arg]  # every concrete field takes these
        )
        field.history = form.undo_stack
        field.changed.connect(form.editing.on_change)
        field.focused.connect(form.field_focused)
        if isinstance(field.widget, QPlainTextEdit):
            field.widget.cursorPositionChanged.connect(lambda f=field: form.cursor_keeper.follow(f))
        if isinstance(field, ParagraphsField):
            field.kind_changed.connect(form.editing.on_kind_change)
        form._all_fields[path] = field
        return field

    def _group(self, title: str, part: str, rows: tuple[Row, ...]) -> QGroupBox:
        box = QGroupBox(title)
        layout = QFormLayout(box)
        for key, label, kind in rows:
            layout.addRow(tr_label(label), self._field(f"{part}.{key}", kind).widget)
        return box

    def _section_box(self, si: int) -> SectionBox:
        editing = self.form.editing
        head = QFormLayout()
        head.addRow(
            QCoreApplication.translate("BulletinForm", "栏目名称"),
            self._field(f"sections[{si}].name", TextField).widget,
        )
        buttons = self._buttons(
            (
                QCoreApplication.translate("BulletinForm", "添加文章"),
                lambda: editing.add_article(si),
            ),
            (
                QCoreApplication.translate("BulletinForm", "栏目上移"),
                lambda: editing.move_section(si, -1),
            ),
            (
                QCoreApplication.translate("BulletinForm", "栏目下移"),
                lambda: editing.move_section(si, 1),
            ),
            (
                QCoreApplication.translate("BulletinForm", "删除栏目"),
                lambda: editing.remove_section(si),
            ),
        )
        return SectionBox(
            QCoreApplication.translate("BulletinForm", "栏目 {0}").format(si + 1), head, buttons
        )

    def _article_box(self, si: int, ai: int) -> QGroupBox:
        editing = self.form.editing
        where = f"sections[{si}].articles[{ai}]"
        box = QGroupBox(QCoreApplication.translate("BulletinForm", "文章 {0}").format(ai + 1))
        layout = QFormLayout(box)
        kinds: dict[str, type[Field]] = {
            "title": LinesField,
            "byline": TextField,
            "paragraphs": ParagraphsField,
            "source": TextField,
        }
        placeholders = {
            "byline": QCoreApplication.translate("BulletinForm", "标题下的作者或单位，没有就空着"),
            "source": QCoreApplication.translate(
                "BulletinForm", "正文后括注的来源，如（省地方志办）"
            ),
        }
        for key, label in ARTICLE:
            layout.addRow(
                tr_label(label),
                self._field(f"{where}.{key}", kinds[key], placeholders.get(key, "")).widget,
            )
        layout.addRow(
            self._buttons(
                (
                    QCoreApplication.translate("BulletinForm", "上移"),
                    lambda: editing.move_article(si, ai, -1),
                ),
                (
                    QCoreApplication.translate("BulletinForm", "下移"),
                    lambda: editing.move_article(si, ai, 1),
                ),
                (
                    QCoreApplication.translate("BulletinForm", "删除文章"),
                    lambda: editing.remove_article(si, ai),
                ),
            )
        )
        return box

    def _buttons(self, *specs: tuple[str, Callable[[], object]]) -> QHBoxLayout:
        """A row of structure buttons (disabled while read-only)."""
        form = self.form
        return button_row(specs, not form.read_only, form._structure_buttons)
