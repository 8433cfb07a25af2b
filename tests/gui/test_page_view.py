"""A PDF in the inbox: parsed from its layout, its page shown with the field's lines outlined."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from support.reading_inputs import text_lines, text_pdf
from support.rendering import fontconfig, render_pdf

from editor.core.export import docx_bytes
from editor.core.model import Bulletin
from editor.gui.app import Desk
from editor.gui.page_view import FIT_WIDTH, FREE, MAX_PIXELS, MIN_ZOOM, STEP, PageView

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def test_pdf_source_shows_the_page_with_the_field_outlined(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    docx = tmp_path / "第9期.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(data)))
    pdf = render_pdf(docx, fontconfig(tmp_path / "fc"))
    desk = make_desk()
    window = desk.window
    (desk.watcher.folder / "第9期.pdf").write_bytes(pdf.read_bytes())
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=15_000)
    window.table.selectRow(0)
    assert window.record is not None
    assert window.record.status == "new"  # parsed, not failed
    assert window.form.fields["masthead.name"].widget.text() == "四川省地方志工作简报"  # type: ignore[attr-defined]
    assert window.source_tabs.isTabEnabled(1)

    path = "sections[1].articles[0].title"
    window.form.fields[path].widget.setFocus()
    qtbot.waitUntil(lambda: len(window.page_view.outlined) == 3)  # three title lines
    assert window.page_view.page >= 1  # the third article is on a later page
    tops = [rect.top() for rect in window.page_view.outlined]
    assert tops == sorted(tops)
    pixmap = window.page_view.label.pixmap()
    assert not pixmap.isNull()
    viewport = window.page_view.area.viewport()
    qtbot.waitUntil(lambda: abs(shown_width(window.page_view) - viewport.width()) <= 2)


# --- the page view alone: zoom, fit, pages ----------------------------------------------------


def two_page_pdf(folder: Path) -> Path:
    """A real two-page A4 PDF (Helvetica text), as the reading tests make them."""
    path = folder / "两页.pdf"
    path.write_bytes(
        text_pdf(
            [
                text_lines([(100, 700, "First page, first line"), (100, 680, "Second line")]),
                text_lines([(72, 760, "Second page")]),
            ]
        )
    )
    return path


def shown_width(view: PageView) -> float:
    pixmap = view.label.pixmap()
    return pixmap.width() / pixmap.devicePixelRatio()


def shown_height(view: PageView) -> float:
    pixmap = view.label.pixmap()
    return pixmap.height() / pixmap.devicePixelRatio()


@pytest.fixture
def view(qtbot: Any, tmp_path: Path) -> PageView:
    page_view = PageView()
    qtbot.addWidget(page_view)
    page_view.resize(420, 400)
    page_view.show()
    qtbot.waitExposed(page_view)
    page_view.show_pdf(two_page_pdf(tmp_path))
    return page_view


def fits_width(view: PageView) -> bool:
    return abs(shown_width(view) - view.area.viewport().width()) <= 2


def test_the_page_fits_the_pane_width_and_refits_when_it_is_resized(
    qtbot: Any, view: PageView
) -> None:
    assert view.mode == FIT_WIDTH
    assert view.page == 0
    assert view.page_label.text() == "第 1/2 页"
    qtbot.waitUntil(lambda: fits_width(view))
    narrow = shown_width(view)
    assert view.area.horizontalScrollBar().maximum() == 0  # nothing clipped at the side
    view.resize(760, 400)
    qtbot.waitUntil(lambda: view.area.viewport().width() > 600 and fits_width(view))
    assert shown_width(view) > narrow + 300
    assert view.fit_width_button.isChecked()


def test_fit_page_shows_the_whole_page(qtbot: Any, view: PageView) -> None:
    def whole_page_fits() -> bool:
        viewport = view.area.viewport()
        width, height = shown_width(view), shown_height(view)
        return (
            width <= viewport.width()
            and height <= viewport.height()
            and (viewport.width() - width <= 2 or viewport.height() - height <= 2)
        )

    view.fit_page()
    assert whole_page_fits()
    assert abs(shown_height(view) - view.area.viewport().height()) <= 2  # a wide pane: tall A4
    assert view.area.verticalScrollBar().maximum() == 0
    assert view.fit_page_button.isChecked()
    assert not view.fit_width_button.isChecked()
    view.resize(420, 900)  # a tall pane: the width decides
    qtbot.waitUntil(lambda: view.area.viewport().height() > 800 and whole_page_fits())
    assert abs(shown_width(view) - view.area.viewport().width()) <= 2


def test_zoom_steps_and_the_outlines_scale_with_it(qtbot: Any, view: PageView) -> None:
    qtbot.waitUntil(lambda: fits_width(view))
    view.show_boxes([(0, 100.0, 695.0, 240.0, 709.0), (0, 100.0, 675.0, 170.0, 689.0)])
    assert len(view.outlined) == 2
    width, centre = shown_width(view), view.outlined[0].center()
    zoom = view.zoom
    view.zoom_in()
    assert view.mode == FREE
    assert view.zoom == pytest.approx(zoom * STEP)
    assert shown_width(view) == pytest.approx(width * STEP, abs=2)
    assert view.outlined[0].center().x() == pytest.approx(centre.x() * STEP, abs=0.01)
    assert view.outlined[0].center().y() == pytest.approx(centre.y() * STEP, abs=0.01)
    assert view.zoom_label.text() == f"{round(view.zoom * 100)}%"
    # The image is rendered at the new size (crisp), not the old one stretched.
    assert view.label.pixmap().width() == pytest.approx(
        width * STEP * view.devicePixelRatioF(), abs=2
    )
    view.zoom_out()
    view.zoom_out()
    assert shown_width(view) == pytest.approx(width / STEP, abs=2)
    # A resize does not undo a zoom of the user's own …
    view.resize(500, 400)
    assert view.zoom == pytest.approx(zoom / STEP)
    # … fit width brings the fit back.
    view.fit_width()
    qtbot.waitUntil(lambda: fits_width(view))


def test_ctrl_wheel_and_ctrl_plus_minus_zoom(qtbot: Any, view: PageView) -> None:
    qtbot.waitUntil(lambda: fits_width(view))
    zoom = view.zoom
    viewport = view.area.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert view.zoom == pytest.approx(zoom * STEP)
    view.area.setFocus()
    qtbot.waitUntil(view.area.hasFocus)
    qtbot.keyClick(view.area, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(zoom)
    qtbot.keyClick(view.area, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(zoom * STEP)


def test_zoom_is_bounded_and_pages_turn(qtbot: Any, view: PageView) -> None:
    view.set_zoom(100.0)
    assert view.label.pixmap().width() <= MAX_PIXELS
    assert not view.zoom_in_button.isEnabled()
    view.set_zoom(0.0001)
    assert view.zoom == MIN_ZOOM
    assert not view.zoom_out_button.isEnabled()
    view.fit_width()
    assert not view.previous_button.isEnabled()
    view.next_page()
    assert view.page == 1
    assert view.page_label.text() == "第 2/2 页"
    assert not view.next_button.isEnabled()
    assert view.outlined == []
    view.show_boxes([(0, 100.0, 695.0, 240.0, 709.0)])  # a field on the first page
    assert (view.page, len(view.outlined)) == (0, 1)
    view.previous_page()
    assert view.page == 0
    view.show_pdf(None)
    assert view.page == -1
    assert view.label.text() == "不是 PDF 原件"
    assert not view.zoom_in_button.isEnabled()


def test_search_hits_are_marked_on_their_page(view: PageView) -> None:
    view.show_boxes([(0, 100.0, 695.0, 240.0, 709.0)])
    hits = [(0, 100.0, 675.0, 170.0, 689.0), (1, 72.0, 755.0, 150.0, 769.0)]
    view.show_marks(hits, [hits[1]])  # the current hit is on the second page
    assert view.page == 1
    assert len(view.marked) == 1
    assert view.outlined == []  # the field is on the first page
    view.show_marks(hits, [hits[0]])
    assert view.page == 0
    assert (len(view.marked), len(view.outlined)) == (1, 1)
    view.show_marks([], [])
    assert view.marked == []
