"""The form: masthead, 栏目 with their articles, and the 版记 of one bulletin.

It edits a working copy of the bulletin. Field edits come out as
``edited(path, old, new)``; adding, removing and moving articles or 栏目 as
``restructured(before, after, description)`` — the window turns both into
undoable commands and autosaves. Switching a paragraph between body text and
a subheading level comes out as ``kind_edited(path, old, new, description)``, an
undo step of its own. Field states come from the parse, the parser's warnings
and validation. The window's undo stack is the only history: the fields keep
none (see :mod:`editor.gui.form.field_base`).

Each article reads as it prints: 标题, 作者 (the byline under the title), 正文
(body paragraphs and subheadings), 文末署名 (the attribution, （省地方志办）).
Users see a field as 栏目1 · 文章2 · 作者 (:func:`field_label`), never its path.

Characters OCR doubted are marked in the fields (:meth:`BulletinForm.set_marks`, from
:func:`editor.core.doubt_marks.doubt_marks`), and F8 selects a field's first one.

The form scrolls as one: the text boxes grow with their text. A bulletin that is
approved, exported or rejected is shown read-only (:meth:`BulletinForm.set_read_only`):
black, selectable text on grey, no structure buttons, no kind keys.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QWidget

from editor.gui.form.form_scroll import CursorKeeper
from editor.gui.form.form_words import KIND_KEYS, READ_ONLY_NOTE, field_label, kind_label

if TYPE_CHECKING:  # the fields, their boxes and the rules load with the first bulletin shown
    from editor.core.checks import Context, Problem
    from editor.core.model import Bulletin
    from editor.gui.form.fields import Field, Range
    from editor.gui.form.form_boxes import SectionBox
    from editor.gui.form.form_editing import FormEditing
    from editor.gui.form.form_page import FormPage
    from editor.gui.form.form_states import FieldDoubts

__all__ = ["BulletinForm", "field_label"]


def _no_context() -> Context:
    """What the rules consult when the form stands alone (the window gives its own)."""
    from editor.core.checks import Context

    return Context()


class BulletinForm(QScrollArea):
    edited = Signal(str, object, object)  # path, old value, new value
    restructured = Signal(object, object, str)  # before, after (Bulletin), description
    kind_edited = Signal(str, object, object, str)  # path, old, new, what was switched
    field_focused = Signal(str)  # a field path, or a paragraph entry's (...paragraphs[3])
    problems_changed = Signal(list)  # the validation problems of the working copy
    hint = Signal(str)  # a short note for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.bulletin: Bulletin | None = None
        self.parsed: Bulletin | None = None
        self._doubts: FieldDoubts | None = None  # the parser's warnings by field
        self.fields: dict[str, Field] = {}
        self.problems: list[Problem] = []
        self.context: Callable[[], Context] = _no_context
        self.source_lines: Callable[[], Sequence[str]] = list  # where OCR's doubts are found
        self.read_only_note: QLabel | None = None
        self._read_only = False
        self._read_only_reason: str | None = None
        self._undo_stack: QUndoStack | None = None
        self._structure_buttons: list[QPushButton] = []
        self._page: QWidget | None = None  # the bulletin's boxes, while they are shown
        self._all_fields: dict[str, Field] = {}  # those shown (fields) and in hidden boxes
        self._sections: list[SectionBox] = []  # each 栏目's box, shown or hidden
        self.cursor_keeper = CursorKeeper(self, lambda: self.fields.values())
        self._form_page: FormPage | None = None
        self._editing: FormEditing | None = None
        self.setWidget(QLabel(self.tr("从左侧选择一份简报")))
        self.kind_actions = [self._kind_action(level) for level in KIND_KEYS]

    def _kind_action(self, level: int) -> QAction:
        """设为正文 / 设为小标题一级 …: the window puts these in its menu and F1 list."""
        action = QAction(self.tr("设为{0}").format(kind_label(level)), self)
        action.setShortcut(QKeySequence(KIND_KEYS[level]))
        action.setToolTip(
            self.tr("把光标所在的段落设为{0}（{1}）").format(kind_label(level), KIND_KEYS[level])
        )
        action.triggered.connect(lambda _checked=False: self.set_kind_at_focus(level))
        return action

    @property
    def page(self) -> FormPage:
        """Builds and fills the page of boxes (made with the first bulletin shown: an empty
        form, as at start, loads none of the field widgets)."""
        if self._form_page is None:
            from editor.gui.form.form_page import FormPage

            self._form_page = FormPage(self)
        return self._form_page

    @property
    def editing(self) -> FormEditing:
        """The editor's changes, as the signals above (made when first needed)."""
        if self._editing is None:
            from editor.gui.form.form_editing import FormEditing

            self._editing = FormEditing(self)
        return self._editing

    @staticmethod
    def warm_up() -> None:
        """Load what showing the first bulletin needs (the field widgets, the page of boxes,
        the rules and each rule's module, the series' history, field paths and doubt
        marks), which the start leaves out of the first paint: called when the desk is idle
        after it, so the first selection is not the one that waits for them."""
        import editor.core.checks
        import editor.core.checks.history
        import editor.core.doubt_marks
        import editor.core.fieldpath
        import editor.gui.form.form_editing
        import editor.gui.form.form_page
        import editor.gui.form.form_states

        editor.core.checks.all_rules()  # (each rule's module: a tenth of the first selection)

    # --- the window's history and read-only ------------------------------------------------

    def set_undo_stack(self, stack: QUndoStack | None) -> None:
        """The history the fields' context menus offer (without one: the window's own)."""
        self._undo_stack = stack

    def undo_stack(self) -> QUndoStack | None:
        if self._undo_stack is not None:
            return self._undo_stack
        window = self.window()
        return window.findChild(QUndoStack) if window is not self else None

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool, reason: str | None = None) -> None:
        """Show the bulletin without letting it change (kept across :meth:`load`); ``reason``
        is what the note says (default: reopen it to change it)."""
        self._read_only = read_only
        self._read_only_reason = reason
        for field in self.fields.values():
            field.set_read_only(read_only)
        for button in self._structure_buttons:
            button.setEnabled(not read_only)
        for action in self.kind_actions:
            action.setEnabled(not read_only)
        if self.read_only_note is not None:
            self.read_only_note.setText(self.read_only_reason())
            self.read_only_note.setVisible(read_only)

    def read_only_reason(self) -> str:
        return self._read_only_reason or QCoreApplication.translate("fields", READ_ONLY_NOTE)

    # --- building ------------------------------------------------------------------------

    def load(
        self, bulletin: Bulletin | None, parsed: Bulletin | None, *, read_only: bool | None = None
    ) -> None:
        """Show a bulletin (a copy is edited); None shows an empty form. ``read_only`` as
        :meth:`set_read_only` (None keeps what the form had).

        The boxes of the bulletin shown before are used again (the masthead and the 版记
        always, a 栏目's or an article's where the bulletin has one in that place): selecting
        one bulletin after another fills the fields anew rather than building boxes."""
        self.bulletin = copy.deepcopy(bulletin) if bulletin is not None else None
        self.parsed = parsed
        self.cursor_keeper.forget()
        if read_only is not None:
            self._read_only = read_only
        if self.bulletin is None:
            if self._form_page is not None:  # (nothing built yet: nothing to forget)
                self._form_page.forget()
            self.setWidget(QLabel(self.tr("这份简报无法解析，没有可编辑的字段")))
            self.set_read_only(self._read_only, self._read_only_reason)
            return
        if self._page is not None and self.widget() is self._page:
            self.page.fill(self.bulletin)
        else:
            self.page.build(self.bulletin)
        self.set_read_only(self._read_only, self._read_only_reason)
        self.refresh_states()

    @staticmethod
    def _paths(bulletin: Bulletin) -> list[str]:
        """Every field's path in the order the form shows them."""
        from editor.gui.form.form_page import field_paths

        return field_paths(bulletin)

    # --- editing (see :mod:`editor.gui.form.form_editing`) ---------------------------------

    def set_kind_at_focus(self, level: int) -> bool:
        """Switch the kind of the paragraph under the cursor of the focused paragraphs box."""
        return self.editing.set_kind_at_focus(level)

    def set_field_value(self, path: str, value: Any) -> None:
        """Undo/redo of a field edit: change the working copy and the widget quietly."""
        self.editing.set_field_value(path, value)

    # --- states --------------------------------------------------------------------------

    def refresh_states(self) -> None:
        """Re-run the rules on the working copy and colour every field."""
        from editor.core.checks import run_checks
        from editor.core.doubt_marks import doubt_marks
        from editor.gui.form.form_states import FieldDoubts, objections

        self._doubts = FieldDoubts(self.parsed)  # (read anew: the parse may have been amended)
        found = run_checks(self.bulletin, self.context()) if self.bulletin else []
        self.problems = objections(self.fields) + found
        lines = self.source_lines()
        if self.bulletin is not None and lines:  # (a form shown without its source keeps its marks)
            self.set_marks(doubt_marks(self.bulletin, self.parsed, lines))
        for path in self.fields:
            self.refresh_state(path)
        self.problems_changed.emit(self.problems)

    def refresh_state(self, path: str) -> None:
        field = self.fields.get(path)
        if field is not None and self.bulletin is not None:
            from editor.gui.form.form_states import colour

            colour(field, self.problems, self.bulletin, self.parsed, self._doubts)

    def doubts(self, path: str) -> list[str]:
        """The parser's warnings about this field: missing, or on one of its source lines."""
        from editor.gui.form.form_states import FieldDoubts

        return FieldDoubts(self.parsed)(path)

    def set_marks(self, marks: Mapping[str, Sequence[Range]]) -> None:
        """Mark the characters OCR doubted: span key (a field, or a paragraph entry
        ``...paragraphs[3]``) -> ranges in its current text; fields not named lose theirs.
        Set again after :meth:`load` and after edits (a changed text shows no marks)."""
        from editor.core.fieldpath import entry_of
        from editor.gui.form.fields import ParagraphsField

        entries: dict[str, dict[int, Sequence[Range]]] = {}
        for key, ranges in marks.items():
            if (entry := entry_of(key)) is not None:
                entries.setdefault(entry[0], {})[entry[1]] = ranges
        for path, field in self.fields.items():
            if isinstance(field, ParagraphsField):
                field.set_entry_marks(entries.get(path, {}))
            else:
                field.set_marks(marks.get(path, ()))

    def problem_paths(self) -> list[str]:
        """Fields that are doubtful or invalid, in form order (for F8 / Shift+F8)."""
        from editor.gui.form.fields import DOUBTFUL, INVALID

        return [p for p, f in self.fields.items() if f.state in (DOUBTFUL, INVALID)]

    # --- the cursor ------------------------------------------------------------------------

    @contextmanager
    def keeping_place(self) -> Iterator[None]:
        """Reload inside: the form stays scrolled where the reader was (once laid out anew)."""
        bar = self.verticalScrollBar()
        where = bar.value()
        yield
        bar.setValue(where)
        QTimer.singleShot(0, self, lambda: bar.setValue(where))

    def focus_path(self, path: str, char: int | None = None) -> bool:
        """Focus a field, the cursor at character ``char`` of its value (if given), scrolled
        into view. The path of one paragraph entry (``...paragraphs[3]``) puts the cursor on
        that paragraph, at ``char`` of its text as stored. Without ``char``, a field (or
        paragraph) with marks has its first marked character selected."""
        from editor.core.fieldpath import entry_of
        from editor.gui.form.fields import ParagraphsField

        entry = entry_of(path)
        field = self.fields.get(entry[0] if entry else path)
        if field is None:
            return False
        if entry is not None and isinstance(field, ParagraphsField):
            if char is not None or not field.select_first_mark(entry[1]):
                field.place_cursor(entry[1], char or 0)
        elif char is not None:
            field.place_at(char)
        else:
            field.select_first_mark()
        field.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cursor_keeper.reveal(field)
        return True

    def reveal_path(self, path: str) -> bool:
        """After an undo or redo: the changed field comes into view, and if the user is
        typing in the form, the cursor goes there (Ctrl+Z in one field may undo another's)."""
        from editor.core.fieldpath import entry_of

        entry = entry_of(path)
        field = self.fields.get(entry[0] if entry else path)
        if field is None:
            return False
        focus = self.window().focusWidget()
        if field.widget is not focus and any(f.widget is focus for f in self.fields.values()):
            field.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cursor_keeper.reveal(field)
        return True
