"""Selecting one bulletin after another reuses the form's boxes: a 栏目's box and an
article's box, once made, are shown again (refilled) for the next bulletin that has one in
that place, and hidden while it has none. The form shows exactly the bulletin's fields,
whatever shapes came before."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QGroupBox, QPushButton

from editor.core.fieldpath import get_field
from editor.core.model import Article, Bulletin, Masthead, Section
from editor.gui.form.bulletin_form import BulletinForm
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
