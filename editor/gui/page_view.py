"""The PDF page itself, rendered by pdfium, with the selected field's lines outlined.

A small toolbar above the page turns pages and zooms: fit width (the default),
fit page, or a zoom of its own (buttons, Ctrl+wheel, Ctrl++ / Ctrl+-). The page is
rendered at the resolution it is shown at, never wider than :data:`MAX_PIXELS`,
and fitted again (after a short pause) when the pane is resized.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

Box = tuple[int, float, float, float, float]  # page, x0, bottom, x1, top (PDF points)

FIT_WIDTH, FIT_PAGE, FREE = "width", "page", "free"
STEP = 1.25  # one zoom step
MIN_ZOOM = 0.1  # screen pixels per PDF point
MAX_PIXELS = 4000  # the widest a page is ever rendered (and the tallest, times 1.5)
REFIT_DELAY_MS = 80
OUTLINE = QColor("#d00000")
MARK = QColor("#1f6fd0")
PAD = 3  # an outline stands this far (screen pixels) off the line it marks


class PageView(QWidget):
    """``page`` is the page shown (0-based, -1 none); ``outlined`` the field's boxes and
    ``marked`` the search hits' lines on it, in the label's (logical) pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = QScrollArea()
        self.area.setWidgetResizable(False)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = QLabel(self.tr("不是 PDF 原件"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setWidget(self.label)

        self.previous_button = self._button(
            self.tr("上一页"), self.tr("上一页"), self.previous_page
        )
        self.page_label = QLabel("")
        self.page_label.setObjectName("pageNumber")
        self.next_button = self._button(self.tr("下一页"), self.tr("下一页"), self.next_page)
        self.zoom_out_button = self._button("−", self.tr("缩小（Ctrl+-）"), self.zoom_out)
        self.zoom_label = QLabel("")
        self.zoom_label.setObjectName("pageZoom")
        self.zoom_in_button = self._button("+", self.tr("放大（Ctrl++）"), self.zoom_in)
        self.fit_width_button = self._button(
            self.tr("适合宽度"), self.tr("页宽与窗格同宽"), self.fit_width
        )
        self.fit_page_button = self._button(
            self.tr("适合整页"), self.tr("整页都在窗格里"), self.fit_page
        )
        for button in (self.fit_width_button, self.fit_page_button):
            button.setCheckable(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(2, 2, 2, 2)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            bar.addWidget(widget)
        self.toolbar = QWidget()
        self.toolbar.setObjectName("pageToolbar")
        self.toolbar.setLayout(bar)
        self.toolbar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.area)

        for keys, handler in (
            ((QKeySequence.StandardKey.ZoomIn, "Ctrl+="), self.zoom_in),
            ((QKeySequence.StandardKey.ZoomOut,), self.zoom_out),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(handler)

        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(REFIT_DELAY_MS)
        self._refit.timeout.connect(self._fit_again)

        self.pdf: bytes | None = None  # the original's bytes (from the archive, wherever it is)
        self.page = -1
        self.sizes: list[tuple[float, float]] = []  # each page's width and height, in points
        self.mode = FIT_WIDTH
        self.zoom = 1.0  # screen pixels per PDF point
        self.outlined: list[QRectF] = []
        self.marked: list[QRectF] = []
        self._boxes: list[Box] = []
        self._marks: list[Box] = []
        self._current_marks: list[Box] = []
        self._rendered: tuple[int, float, QImage] | None = None  # page, scale, clean image
        self._update_controls()
        self.area.viewport().installEventFilter(self)

    def _button(self, text: str, tip: str, handler: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(handler)
        return button

    # --- what is shown -------------------------------------------------------------------

    def show_pdf(self, source: Path | bytes | None) -> None:
        """A new original (None: not a PDF): its first page, fitted to the pane's width.

        The bytes, not a file: on a shared archive the original is in the database, and
        no file on this computer holds it.
        """
        if isinstance(source, Path):
            try:
                source = source.read_bytes()
            except OSError:
                source = b""
        self.pdf, self.page, self.sizes, self._rendered = source, -1, [], None
        self.outlined, self.marked = [], []
        self._boxes, self._marks, self._current_marks = [], [], []
        self.mode = FIT_WIDTH
        if source:
            self.sizes = self._page_sizes(source)
        if not self.sizes:
            self.pdf = None
            self.label.setPixmap(QPixmap())
            self.label.setText(
                self.tr("不是 PDF 原件") if source is None else self.tr("无法显示这份 PDF")
            )
            self.label.adjustSize()
        else:
            self._show_page(0)
        self._update_controls()

    def show_boxes(self, boxes: list[Box], *, outline: bool = True) -> None:
        """Show the page of the first box, with every box on that page outlined."""
        if self.pdf is None or not boxes or not 0 <= boxes[0][0] < len(self.sizes):
            return
        self._boxes = list(boxes) if outline else []
        self._show_page(boxes[0][0])
        if self.outlined:
            self._reveal(self.outlined[0])

    def show_marks(self, marks: list[Box], current: list[Box]) -> None:
        """Mark the lines search hits are on; the page of the ``current`` hit is shown."""
        self._marks, self._current_marks = list(marks), list(current)
        if self.pdf is None:
            return
        if current and 0 <= current[0][0] < len(self.sizes):
            self._show_page(current[0][0])
            shown = self._rect(current[0])
            self._reveal(shown)
        elif self.page >= 0:
            self._show_page(self.page)

    # --- pages and zoom ------------------------------------------------------------------

    def previous_page(self) -> None:
        if self.page > 0:
            self._show_page(self.page - 1)
            self.area.verticalScrollBar().setValue(0)

    def next_page(self) -> None:
        if 0 <= self.page < len(self.sizes) - 1:
            self._show_page(self.page + 1)
            self.area.verticalScrollBar().setValue(0)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / STEP)

    def fit_width(self) -> None:
        self.mode = FIT_WIDTH
        self._fit_again()

    def fit_page(self) -> None:
        self.mode = FIT_PAGE
        self._fit_again()

    def set_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        """A zoom of the user's own; ``anchor`` (in the viewport) stays where it is."""
        if self.page < 0:
            return
        self.mode = FREE
        self._zoom_to(self._bounded(zoom), anchor)

    def max_zoom(self) -> float:
        if self.page < 0:
            return 1.0
        width, height = self.sizes[self.page]
        return min(MAX_PIXELS / width, 1.5 * MAX_PIXELS / height)

    def _bounded(self, zoom: float) -> float:
        return max(MIN_ZOOM, min(zoom, self.max_zoom()))

    def fitted_zoom(self) -> float:
        """The zoom the fit mode asks for in the pane as it is now."""
        if self.page < 0:
            return 1.0
        width, height = self.sizes[self.page]
        area = self.area.maximumViewportSize()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        across = max(area.width() - 1, 1)
        if self.mode == FIT_PAGE:
            return self._bounded(min(across / width, max(area.height() - 1, 1) / height))
        zoom = across / width
        if height * zoom > area.height():  # a vertical scroll bar will take its share …
            zoom = max(across - bar, 1) / width
            if height * zoom <= area.height():  # … unless the page then fits: fit its height
                zoom = max(area.height() - 1, 1) / height
        return self._bounded(zoom)

    def _fit_again(self) -> None:
        if self.page >= 0 and self.mode != FREE:
            self._zoom_to(self.fitted_zoom(), None)
        self._update_controls()

    def _zoom_to(self, zoom: float, anchor: QPoint | None) -> None:
        viewport = self.area.viewport()
        anchor = anchor if anchor is not None else viewport.rect().center()
        before = self.label.mapFrom(viewport, anchor)
        share = (
            before.x() / max(self.label.width(), 1),
            before.y() / max(self.label.height(), 1),
        )
        self.zoom = zoom
        self._show_page(self.page)
        after = self.label.mapFrom(viewport, anchor)
        horizontal, vertical = self.area.horizontalScrollBar(), self.area.verticalScrollBar()
        horizontal.setValue(horizontal.value() + round(share[0] * self.label.width() - after.x()))
        vertical.setValue(vertical.value() + round(share[1] * self.label.height() - after.y()))

    # --- drawing -------------------------------------------------------------------------

    def _page_sizes(self, pdf: bytes) -> list[tuple[float, float]]:
        import pypdfium2 as pdfium  # (loaded with the first PDF shown, not with the window)

        try:
            document = pdfium.PdfDocument(pdf)
        except (pdfium.PdfiumError, OSError):
            return []
        try:
            sizes = []
            for number in range(len(document)):
                page = document[number]
                sizes.append((max(page.get_width(), 1.0), max(page.get_height(), 1.0)))
                page.close()
            return sizes
        except pdfium.PdfiumError:
            return []
        finally:
            document.close()

    def render_scale(self) -> float:
        """Image pixels per PDF point: the zoom at the screen's pixel ratio, bounded."""
        width, height = self.sizes[self.page]
        wanted = self.zoom * self.devicePixelRatioF()
        return min(wanted, MAX_PIXELS / width, 1.5 * MAX_PIXELS / height)

    def _render(self, number: int, scale: float) -> QImage | None:
        if self.pdf is None:
            return None
        import pypdfium2 as pdfium

        try:
            document = pdfium.PdfDocument(self.pdf)
        except (pdfium.PdfiumError, OSError):
            return None
        try:
            page = document[number]
            bitmap = page.render(scale=scale, rev_byteorder=True)
            formats = {
                "RGB": QImage.Format.Format_RGB888,
                "RGBA": QImage.Format.Format_RGBA8888,
                "RGBX": QImage.Format.Format_RGBX8888,
            }
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                formats.get(bitmap.mode, QImage.Format.Format_RGB888),
            ).copy()
            page.close()
            return image
        except pdfium.PdfiumError:
            return None
        finally:
            document.close()

    def _rect(self, box: Box) -> QRectF:
        """Where a line's box is on the label, at the zoom shown."""
        _page, x0, bottom, x1, top = box
        height, zoom = self.sizes[box[0]][1], self.zoom
        return QRectF(
            x0 * zoom - PAD,
            (height - top) * zoom - PAD,
            (x1 - x0) * zoom + 2 * PAD,
            (top - bottom) * zoom + 2 * PAD,
        )

    def _show_page(self, number: int) -> None:
        """Draw page ``number`` at the zoom (the fit mode's, unless the user chose one)."""
        if self.pdf is None or not 0 <= number < len(self.sizes):
            return
        self.page = number
        if self.mode != FREE:
            self.zoom = self.fitted_zoom()
        scale = self.render_scale()
        if self._rendered is None or self._rendered[:2] != (number, scale):
            image = self._render(number, scale)
            if image is None:
                self._rendered = None
                self.label.setPixmap(QPixmap())
                self.label.setText(self.tr("无法显示第 {0} 页").format(number + 1))
                self.label.adjustSize()
                self._update_controls()
                return
            self._rendered = (number, scale, image)
        image = self._rendered[2].copy()
        ratio = scale / self.zoom
        image.setDevicePixelRatio(ratio)
        self.outlined = [self._rect(b) for b in self._boxes if b[0] == number]
        self.marked = [self._rect(b) for b in self._marks if b[0] == number]
        current = [self._rect(b) for b in self._current_marks if b[0] == number]
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(MARK)
        fill.setAlpha(40)
        painter.setPen(QPen(MARK, 1.5))
        for rect in self.marked:
            painter.drawRect(rect)
        painter.setPen(QPen(MARK, 3))
        for rect in current:
            painter.fillRect(rect, fill)
            painter.drawRect(rect)
        painter.setPen(QPen(OUTLINE, 2))
        for rect in self.outlined:
            painter.drawRect(rect)
        painter.end()
        self.label.setPixmap(QPixmap.fromImage(image))
        self.label.adjustSize()
        self._update_controls()

    def _reveal(self, rect: QRectF) -> None:
        center = rect.center()
        self.area.ensureVisible(round(center.x()), round(center.y()), 50, 120)

    def _update_controls(self) -> None:
        shown = self.page >= 0
        self.page_label.setText(
            self.tr("第 {0}/{1} 页").format(self.page + 1, len(self.sizes)) if shown else ""
        )
        self.zoom_label.setText(f"{round(self.zoom * 100)}%" if shown else "")
        self.previous_button.setEnabled(shown and self.page > 0)
        self.next_button.setEnabled(shown and self.page < len(self.sizes) - 1)
        for button in (
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            button.setEnabled(shown)
        self.zoom_in_button.setEnabled(shown and self.zoom < self.max_zoom() - 1e-9)
        self.zoom_out_button.setEnabled(shown and self.zoom > MIN_ZOOM + 1e-9)
        self.fit_width_button.setChecked(self.mode == FIT_WIDTH)
        self.fit_page_button.setChecked(self.mode == FIT_PAGE)

    # --- the pane resized, the wheel turned ----------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area.viewport():
            if event.type() == QEvent.Type.Resize and self.mode != FREE and self.page >= 0:
                self._refit.start()
            elif (
                event.type() == QEvent.Type.Wheel
                and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                steps = event.angleDelta().y() / 120
                if steps and self.page >= 0:
                    self.set_zoom(self.zoom * math.pow(STEP, steps), event.position().toPoint())
                return True
        return super().eventFilter(watched, event)
