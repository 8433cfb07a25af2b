"""The form: masthead, 栏目 with their articles, and the 版记 of one bulletin.

It edits a working copy of the bulletin. Field edits come out as
``edited(path, old, new)``; adding, removing and moving articles or 栏目 as
``restructured(before, after, description)`` — the window turns both into
undoable commands and autosaves. Switching a paragraph between body text and
a subheading level comes out as ``kind_edited(path, old, new, description)``, an
undo step of its own. Field states come from the parse, the parser's warnings
and validation.

Each article reads as it prints: 标题, 作者 (the byline under the title), 正文
(body paragraphs and subheadings), 文末署名 (the attribution, （省地方志办）).
Users see a field as 栏目1 · 文章2 · 作者 (:func:`field_label`), never its path.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import Context, Problem, run_checks
from editor.core.checks.suggest import INFERRED, confirm
from editor.core.fieldpath import as_paragraph, entry_of, get_field, set_field, spans_for
from editor.core.model import (
    Article,
    Bulletin,
    Paragraph,
    Section,
    heading_level,
    paragraph_text,
)
from editor.gui.form.fields import (
    DOUBTFUL,
    EDITED,
    INVALID,
    KIND_KEYS,
    PARSED,
    Field,
    IntField,
    LinesField,
    ParagraphsField,
    TextField,
    kind_label,
)

MASTHEAD = (
    ("name", str(QT_TRANSLATE_NOOP("bulletin_form", "报头名称")), TextField),
    ("issue", str(QT_TRANSLATE_NOOP("bulletin_form", "期号")), IntField),
    ("total_issue", str(QT_TRANSLATE_NOOP("bulletin_form", "总期号")), IntField),
    ("issuer", str(QT_TRANSLATE_NOOP("bulletin_form", "编印单位")), TextField),
    ("date", str(QT_TRANSLATE_NOOP("bulletin_form", "日期")), TextField),
)
IMPRINT = (
    ("disclosure", str(QT_TRANSLATE_NOOP("bulletin_form", "信息公开选项")), TextField),
    ("report_to", str(QT_TRANSLATE_NOOP("bulletin_form", "报")), LinesField),
    ("copy_to", str(QT_TRANSLATE_NOOP("bulletin_form", "送")), LinesField),
    ("distribute_to", str(QT_TRANSLATE_NOOP("bulletin_form", "发")), LinesField),
    ("printer", str(QT_TRANSLATE_NOOP("bulletin_form", "印发机关")), TextField),
    ("print_date", str(QT_TRANSLATE_NOOP("bulletin_form", "印发日期")), TextField),
    ("copies", str(QT_TRANSLATE_NOOP("bulletin_form", "印数（份）")), IntField),
)
ARTICLE = (
    ("title", str(QT_TRANSLATE_NOOP("bulletin_form", "标题"))),
    ("byline", str(QT_TRANSLATE_NOOP("bulletin_form", "作者"))),
    ("paragraphs", str(QT_TRANSLATE_NOOP("bulletin_form", "正文"))),
    ("source", str(QT_TRANSLATE_NOOP("bulletin_form", "文末署名"))),
)
PARTS = {
    "masthead": str(QT_TRANSLATE_NOOP("bulletin_form", "报头")),
    "imprint": str(QT_TRANSLATE_NOOP("bulletin_form", "版记")),
}
_SECTION_PATH = re.compile(r"^sections\[(\d+)\]\.name$")
_ARTICLE_PATH = re.compile(r"^sections\[(\d+)\]\.articles\[(\d+)\]\.(\w+)(?:\[(\d+)\])?$")


def _tr(text: str) -> str:
    """A label marked with QT_TRANSLATE_NOOP above, in the user's language."""
    return QCoreApplication.translate("bulletin_form", text)


def field_label(path: str) -> str:
    """How a user names a field: 报头 · 期号, 栏目1 · 栏目名称, 栏目1 · 文章2 · 作者."""
    translate = QCoreApplication.translate
    part, _, key = path.partition(".")
    if part in PARTS:
        labels = {k: label for k, label, _kind in (MASTHEAD if part == "masthead" else IMPRINT)}
        if key in labels:
            return translate("bulletin_form", "{0} · {1}").format(
                _tr(PARTS[part]), _tr(labels[key])
            )
    if match := _SECTION_PATH.match(path):
        return translate("bulletin_form", "栏目{0} · 栏目名称").format(int(match[1]) + 1)
    if (match := _ARTICLE_PATH.match(path)) and match[3] in dict(ARTICLE):
        where = translate("bulletin_form", "栏目{0} · 文章{1}").format(
            int(match[1]) + 1, int(match[2]) + 1
        )
        if match[4] is not None and match[3] == "paragraphs":
            return translate("bulletin_form", "{0} · 正文第{1}段").format(where, int(match[4]) + 1)
        return translate("bulletin_form", "{0} · {1}").format(where, _tr(dict(ARTICLE)[match[3]]))
    if path.startswith("sections"):
        return translate("bulletin_form", "栏目与文章")
    return translate("bulletin_form", "简报")


class BulletinForm(QScrollArea):
    edited = Signal(str, object, object)  # path, old value, new value
    restructured = Signal(object, object, str)  # before, after (Bulletin), description
    kind_edited = Signal(str, object, object, str)  # path, old, new, what was switched
    field_focused = Signal(str)
    problems_changed = Signal(list)  # the validation problems of the working copy
    hint = Signal(str)  # a short note for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.bulletin: Bulletin | None = None
        self.parsed: Bulletin | None = None
        self.fields: dict[str, Field] = {}
        self.problems: list[Problem] = []
        self.context: Callable[[], Context] = Context
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

    # --- building ------------------------------------------------------------------------

    def load(self, bulletin: Bulletin | None, parsed: Bulletin | None) -> None:
        """Show a bulletin (a copy is edited); None shows an empty form."""
        self.bulletin = copy.deepcopy(bulletin) if bulletin is not None else None
        self.parsed = parsed
        self.fields = {}
        if self.bulletin is None:
            self.setWidget(QLabel(self.tr("这份简报无法解析，没有可编辑的字段")))
            return
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self._group(self.tr("报头"), "masthead", MASTHEAD))
        for si, section in enumerate(self.bulletin.sections):
            layout.addWidget(self._section_box(si, section))
        add_section = QPushButton(self.tr("添加栏目"))
        add_section.clicked.connect(self._add_section)
        layout.addWidget(add_section, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._group(self.tr("版记"), "imprint", IMPRINT))
        layout.addStretch(1)
        self.setWidget(page)
        self.refresh_states()

    def _field(self, path: str, kind: type[Field], placeholder: str = "") -> Field:
        label = field_label(path)
        field = (
            TextField(path, label, placeholder) if kind is TextField else kind(path, label)  # type: ignore[call-arg]  # every concrete field takes these
        )
        assert self.bulletin is not None
        field.set_value(get_field(self.bulletin, path))
        field.changed.connect(self._on_change)
        field.focused.connect(self.field_focused)
        if isinstance(field, ParagraphsField):
            field.kind_changed.connect(self._on_kind_change)
        self.fields[path] = field
        return field

    def _group(
        self, title: str, part: str, keys: tuple[tuple[str, str, type[Field]], ...]
    ) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for key, label, kind in keys:
            shown = QCoreApplication.translate("bulletin_form", label)
            form.addRow(shown, self._field(f"{part}.{key}", kind).widget)
        return box

    def _section_box(self, si: int, section: Section) -> QGroupBox:
        box = QGroupBox(self.tr("栏目 {0}").format(si + 1))
        outer = QVBoxLayout(box)
        head = QFormLayout()
        head.addRow(self.tr("栏目名称"), self._field(f"sections[{si}].name", TextField).widget)
        outer.addLayout(head)
        for ai, _article in enumerate(section.articles):
            outer.addWidget(self._article_box(si, ai))
        outer.addLayout(
            _button_row(
                (self.tr("添加文章"), lambda: self._add_article(si)),
                (self.tr("栏目上移"), lambda: self._move_section(si, -1)),
                (self.tr("栏目下移"), lambda: self._move_section(si, 1)),
                (self.tr("删除栏目"), lambda: self._remove_section(si)),
            )
        )
        return box

    def _article_box(self, si: int, ai: int) -> QGroupBox:
        where = f"sections[{si}].articles[{ai}]"
        box = QGroupBox(self.tr("文章 {0}").format(ai + 1))
        form = QFormLayout(box)
        kinds: dict[str, type[Field]] = {
            "title": LinesField,
            "byline": TextField,
            "paragraphs": ParagraphsField,
            "source": TextField,
        }
        placeholders = {
            "byline": self.tr("标题下的作者或单位，没有就空着"),
            "source": self.tr("正文后括注的来源，如（省地方志办）"),
        }
        for key, label in ARTICLE:
            form.addRow(
                _tr(label),
                self._field(f"{where}.{key}", kinds[key], placeholders.get(key, "")).widget,
            )
        form.addRow(
            _button_row(
                (self.tr("上移"), lambda: self._move_article(si, ai, -1)),
                (self.tr("下移"), lambda: self._move_article(si, ai, 1)),
                (self.tr("删除文章"), lambda: self._remove_article(si, ai)),
            )
        )
        return box

    # --- editing -------------------------------------------------------------------------

    def _on_change(self, path: str, value: Any) -> None:
        assert self.bulletin is not None
        old = get_field(self.bulletin, path)
        if old == value:
            return
        set_field(self.bulletin, path, value)
        confirm(self.bulletin, path)  # typing over an inferred value confirms the field
        self.refresh_states()
        self.edited.emit(path, old, value)

    def _on_kind_change(self, path: str, value: Any, level: int) -> None:
        assert self.bulletin is not None
        old = get_field(self.bulletin, path)
        if old == value:  # the cursor was on an empty line: it holds what is typed next
            self.hint.emit(self.tr("接着输入的段落为{0}").format(kind_label(level)))
            return
        set_field(self.bulletin, path, value)
        self.refresh_states()
        switched = [
            str(n)
            for n, (before, after) in enumerate(zip(old, value, strict=False), start=1)
            if heading_level(before) != heading_level(after)
        ]
        description = self.tr("第{0}段设为{1}").format(
            self.tr("、").join(switched), kind_label(level)
        )
        self.hint.emit(description)
        self.kind_edited.emit(path, old, value, description)

    def set_kind_at_focus(self, level: int) -> bool:
        """Switch the kind of the paragraph under the cursor of the focused paragraphs box."""
        focus = self.window().focusWidget()
        for field in self.fields.values():
            if isinstance(field, ParagraphsField) and field.widget is focus:
                field.set_kind(level)
                return True
        self.hint.emit(self.tr("先把光标放在正文框里要设置的段落上"))
        return False

    def set_field_value(self, path: str, value: Any) -> None:
        """Undo/redo of a field edit: change the working copy and the widget quietly."""
        if self.bulletin is None:
            return
        set_field(self.bulletin, path, value)
        entry = entry_of(path)
        shown = entry[0] if entry else path
        if shown in self.fields:
            self.fields[shown].set_value(get_field(self.bulletin, shown))
        self.refresh_states()

    def _restructure(self, change: Any, description: str) -> None:
        assert self.bulletin is not None
        before = copy.deepcopy(self.bulletin)
        change(self.bulletin)
        after = copy.deepcopy(self.bulletin)
        self.load(after, self.parsed)
        self.restructured.emit(before, after, description)

    def _add_section(self) -> None:
        self._restructure(
            lambda b: b.sections.append(Section(name=self.tr("新栏目"), articles=[Article()])),
            self.tr("添加栏目"),
        )

    def _add_article(self, si: int) -> None:
        self._restructure(lambda b: b.sections[si].articles.append(Article()), self.tr("添加文章"))

    def _remove_section(self, si: int) -> None:
        self._restructure(lambda b: b.sections.pop(si), self.tr("删除栏目"))

    def _remove_article(self, si: int, ai: int) -> None:
        self._restructure(lambda b: b.sections[si].articles.pop(ai), self.tr("删除文章"))

    def _move_section(self, si: int, step: int) -> None:
        def move(b: Bulletin) -> None:
            target = si + step
            if 0 <= target < len(b.sections):
                b.sections[si], b.sections[target] = b.sections[target], b.sections[si]

        self._restructure(move, self.tr("移动栏目"))

    def _move_article(self, si: int, ai: int, step: int) -> None:
        def move(b: Bulletin) -> None:
            articles = b.sections[si].articles
            target = ai + step
            if 0 <= target < len(articles):
                articles[ai], articles[target] = articles[target], articles[ai]

        self._restructure(move, self.tr("移动文章"))

    # --- states --------------------------------------------------------------------------

    def refresh_states(self) -> None:
        """Re-run the rules on the working copy and colour every field."""
        self.problems = run_checks(self.bulletin, self.context()) if self.bulletin else []
        for path in self.fields:
            self.refresh_state(path)
        self.problems_changed.emit(self.problems)

    def refresh_state(self, path: str) -> None:
        field = self.fields.get(path)
        if field is None or self.bulletin is None:
            return
        mine = [p for p in self.problems if p.path == path]
        # An inferred value blocks approval until confirmed, but it is shown as doubtful.
        invalid = [p.message for p in mine if p.is_error and p.rule != INFERRED]
        warned = [p.message for p in mine if not p.is_error or p.rule == INFERRED]
        doubts = self.doubts(path)
        try:
            parsed_value = get_field(self.parsed, path) if self.parsed is not None else None
            edited = self.parsed is None or parsed_value != get_field(self.bulletin, path)
        except (KeyError, IndexError):
            edited = True
        if invalid:
            field.set_state(INVALID, invalid + warned + doubts)
        elif warned or (doubts and not edited):
            field.set_state(DOUBTFUL, warned + ([] if edited else doubts))
        elif edited:
            field.set_state(EDITED, [self.tr("编辑已修改，原文为：") + _short(self.parsed, path)])
        else:
            field.set_state(PARSED, [])

    def doubts(self, path: str) -> list[str]:
        """The parser's warnings about this field: missing, or on one of its source lines."""
        if self.parsed is None:
            return []
        lines = {n for a, b in spans_for(self.parsed.spans, path) for n in range(a, b + 1)}
        return [
            w.message
            for w in self.parsed.warnings
            if w.field == path
            or (w.line is not None and w.line in lines and w.code != "skipped_line")
        ]

    def problem_paths(self) -> list[str]:
        """Fields that are doubtful or invalid, in form order (for F8 / Shift+F8)."""
        return [p for p, f in self.fields.items() if f.state in (DOUBTFUL, INVALID)]

    def focus_path(self, path: str) -> bool:
        """Focus a field; the path of one paragraph entry puts the cursor on that paragraph."""
        entry = entry_of(path)
        field = self.fields.get(entry[0] if entry else path)
        if field is None:
            return False
        self.ensureWidgetVisible(field.widget)
        field.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if entry is not None and isinstance(field, ParagraphsField):
            field.place_cursor(entry[1])
        return True


def _button_row(*specs: tuple[str, Any]) -> QHBoxLayout:
    row = QHBoxLayout()
    for text, handler in specs:
        button = QPushButton(text)
        button.clicked.connect(handler)
        row.addWidget(button)
    row.addStretch(1)
    return row


def _short(parsed: Bulletin | None, path: str) -> str:
    if parsed is None:
        return QCoreApplication.translate("bulletin_form", "（无）")
    try:
        value = get_field(parsed, path)
    except (KeyError, IndexError):
        return QCoreApplication.translate("bulletin_form", "（原文没有此项）")
    if value is None or value == []:
        return QCoreApplication.translate("bulletin_form", "（空）")
    if isinstance(value, list):
        text = "\n\n".join(_entry(as_paragraph(p)) for p in value)
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:80] + "……"


def _entry(paragraph: Paragraph) -> str:
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
