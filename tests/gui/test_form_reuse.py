"""Selecting one bulletin after another reuses the form's boxes: a 栏目's box and an
article's box, once made, are shown again (refilled) for the next bulletin that has one in
that place, and hidden while it has none. The form shows exactly the bulletin's fields,
whatever shapes came before."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QGroupBox, QPlainTextEdit, QPushButton
from support.grounds import ground, plain_ground

from editor.core.fieldpath import get_field
from editor.core.model import Article, Bulletin, Masthead, Section
from editor.gui.form.bulletin_form import BulletinForm
from editor.gui.form.field_base import MARK
from editor.gui.form.fields import EDITED, PARSED, STATE_COLOURS, GrowingTextEdit
from editor.gui.form.form_boxes import SPARE_ARTICLES, SPARE_SECTIONS


def bulletin(shape: list[int], tag: str) -> Bulletin:
    """A bulletin with ``shape[i]`` articles in its 栏目 i, every text naming its place."""
    return Bulletin(
        masthead=Masthead(name=f"简报{tag}", issue=1),
        sections=[
            Section(
                name=f"{tag}栏目{si}",
                articles=[
                    Article(title=f"{tag}标题{si}-{ai}", paragraphs=[f"{tag}正文{si}-{ai}。"])
                    for ai in range(count)
                ],
            )
            for si, count in enumerate(shape)
        ],
    )


def shown_boxes(form: BulletinForm) -> list[str]:
    page = form.widget()
    return [b.title() for b in page.findChildren(QGroupBox) if b.isVisibleTo(page)]


def check_shows(form: BulletinForm, shown: Bulletin) -> None:
    assert list(form.fields) == BulletinForm._paths(shown)
    for path, field in form.fields.items():
        assert field.value() == get_field(shown, path), path
        assert field.widget.isVisibleTo(form.widget()), path
    sections = [b for b in shown_boxes(form) if b.startswith("栏目")]
    assert sections == [f"栏目 {si + 1}" for si in range(len(shown.sections))]
    articles = [b for b in shown_boxes(form) if b.startswith("文章")]
    assert len(articles) == sum(len(s.articles) for s in shown.sections)


def test_boxes_are_shown_again_for_each_shape_and_the_form_shows_only_the_bulletin(
    qtbot: Any,
) -> None:
    form = BulletinForm()
    qtbot.addWidget(form)
    form.resize(640, 720)
    form.show()
    shapes = [[2, 1, 3], [1], [3, 3], [], [2, 1, 3], [1, 4, 1, 1]]
    first = bulletin(shapes[0], "甲")
    form.load(first, first)
    title = form.fields["sections[0].articles[1].title"].widget
    for n, shape in enumerate(shapes[1:], start=1):
        shown = bulletin(shape, str(n))
        form.load(shown, shown)
        QApplication.processEvents()
        check_shows(form, shown)
    form.load(first, first)
    check_shows(form, first)
    # the second article of the first 栏目 was never made again: its box came back
    assert form.fields["sections[0].articles[1].title"].widget is title


def test_a_read_only_bulletin_after_a_bigger_one_leaves_no_button_enabled(qtbot: Any) -> None:
    form = BulletinForm()
    qtbot.addWidget(form)
    form.show()
    big, small = bulletin([3, 3, 3], "大"), bulletin([1], "小")
    form.load(big, big)
    form.load(small, small, read_only=True)
    assert not any(b.isEnabled() for b in form.findChildren(QPushButton))
    form.load(big, big, read_only=False)
    assert all(b.isEnabled() for b in form.findChildren(QPushButton))
    assert not any(f.read_only for f in form.fields.values())


def test_hidden_boxes_are_kept_only_up_to_the_spares(qtbot: Any) -> None:
    form = BulletinForm()
    qtbot.addWidget(form)
    huge = bulletin([SPARE_ARTICLES + 3] * (SPARE_SECTIONS + 2), "多")
    form.load(huge, huge)
    tiny = bulletin([1], "少")
    form.load(tiny, tiny)
    QApplication.processEvents()
    assert len(form._sections) == SPARE_SECTIONS
    assert all(len(box.articles) <= SPARE_ARTICLES for box in form._sections)
    kept = set(form._all_fields)
    assert not any(p.startswith(f"sections[{SPARE_SECTIONS}]") for p in kept)
    assert f"sections[0].articles[{SPARE_ARTICLES}].title" not in kept
    check_shows(form, tiny)
    form.load(huge, huge)  # and a big one again: made anew where it was let go
    check_shows(form, huge)


def test_each_field_says_the_state_of_the_bulletin_shown_never_the_one_before(
    qtbot: Any,
) -> None:
    """A field whose state is as before keeps its colour and tooltip untouched; one whose
    state changed says the new one (the colour, the tooltip, the property)."""
    form = BulletinForm()
    qtbot.addWidget(form)
    form.show()
    parsed = bulletin([1], "甲")
    edited = bulletin([1], "甲")
    edited.masthead.issue = 2  # the editor changed the issue: parsed says 1
    plain = bulletin([1], "乙")
    for _round in range(2):
        form.load(edited, parsed)
        issue = form.fields["masthead.issue"]
        assert issue.state == EDITED
        assert ground(issue.widget) == STATE_COLOURS[EDITED]
        assert issue.widget.property("fieldState") == EDITED
        assert "已修改" in issue.widget.toolTip()
        assert "1" in issue.widget.toolTip()  # what the original said
        form.load(plain, plain)
        assert issue.state == PARSED
        assert ground(issue.widget) == plain_ground()
        assert issue.widget.property("fieldState") == PARSED
        assert issue.widget.toolTip() == "报头 · 期号：按原文解析"
    # a field made for this bulletin says its state too, though nothing changed it yet
    form.load(bulletin([2], "丙"), bulletin([2], "丙"))
    title = form.fields["sections[0].articles[1].title"]
    assert title.widget.toolTip().endswith("按原文解析")
    assert title.widget.property("fieldState") == PARSED


def test_marks_of_one_bulletin_are_gone_when_the_next_has_none(qtbot: Any) -> None:
    form = BulletinForm()
    qtbot.addWidget(form)
    form.show()
    first, second = bulletin([1], "甲"), bulletin([1], "乙")
    path = "sections[0].articles[0]"
    form.load(first, first)
    form.set_marks({f"{path}.paragraphs[0]": [(0, 1)], f"{path}.title": [(0, 1)]})

    def marked(field_path: str) -> int:
        widget = form.fields[field_path].widget
        assert isinstance(widget, QPlainTextEdit)
        return sum(1 for s in widget.extraSelections() if s.format.hasProperty(MARK))

    assert marked(f"{path}.paragraphs") == 1
    assert marked(f"{path}.title") == 1
    form.load(second, second)
    form.set_marks({})
    assert marked(f"{path}.paragraphs") == 0
    assert marked(f"{path}.title") == 0
    assert form.fields[f"{path}.paragraphs"].marks == []


def test_a_text_box_fits_each_new_text_once_it_is_in(qtbot: Any) -> None:
    form = BulletinForm()
    qtbot.addWidget(form)
    form.resize(640, 720)
    form.show()
    short, long = bulletin([1], "短"), bulletin([1], "长")
    long.sections[0].articles[0].paragraphs = [f"第{n}段。" + "字" * 80 for n in range(12)]
    heights = []
    for shown in (short, long, short):
        form.load(shown, shown)
        edit = form.fields["sections[0].articles[0].paragraphs"].widget
        assert isinstance(edit, GrowingTextEdit)
        qtbot.waitUntil(lambda e=edit: e.viewport().width() > 100)  # (laid out at its width)
        edit.fit_height()  # (the width may have changed once shown: fit as the form would)
        lines = max(edit.text_height(), edit.min_lines * edit.fontMetrics().lineSpacing())
        assert edit.height() >= lines
        heights.append(edit.height())
    assert heights[1] > heights[0] * 2
    assert heights[2] == heights[0]
