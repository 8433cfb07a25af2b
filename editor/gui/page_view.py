"""The PDF page itself, rendered by pdfium, with the selected field's lines outlined."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

Box = tuple[int, float, float, float, float]  # page, x0, bottom, x1, top (PDF points)
SCALE = 1.4


class PageView(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.label = QLabel(self.tr("不是 PDF 原件"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidget(self.label)
        self.path: Path | None = None
        self.page = -1
        self.outlined: list[QRectF] = []
        self._image: QImage | None = None

    def show_pdf(self, path: Path | None) -> None:
        self.path, self.page, self._image = path, -1, None
        self.outlined = []
        if path is None:
            self.label.setText(self.tr("不是 PDF 原件"))
            self.label.adjustSize()
        else:
            self.show_boxes([(0, 0.0, 0.0, 0.0, 0.0)], outline=False)

    def _render(self, number: int) -> tuple[QImage, float] | None:
        if self.path is None:
            return None
        document = pdfium.PdfDocument(str(self.path))
        try:
            if not 0 <= number < len(document):
                return None
            page = document[number]
            height = page.get_height()
            bitmap = page.render(scale=SCALE, rev_byteorder=True)
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
            return image, height
        finally:
            document.close()

    def show_boxes(self, boxes: list[Box], *, outline: bool = True) -> None:
        """Show the page of the first box, with every box on that page outlined."""
        if self.path is None or not boxes:
            return
        number = boxes[0][0]
        rendered = self._render(number)
        if rendered is None:
            return
        image, height = rendered
        self.page = number
        self.outlined = []
        painter = QPainter(image)
        painter.setPen(QPen(QColor("#d00000"), 2))
        for page, x0, bottom, x1, top in boxes:
            if page != number or not outline:
                continue
            rect = QRectF(
                x0 * SCALE - 3,
                (height - top) * SCALE - 3,
                (x1 - x0) * SCALE + 6,
                (top - bottom) * SCALE + 6,
            )
            painter.drawRect(rect)
            self.outlined.append(rect)
        painter.end()
        self._image = image
        self.label.setPixmap(QPixmap.fromImage(image))
        self.label.adjustSize()
        if self.outlined:
            self.ensureVisible(
                int(self.outlined[0].center().x()), int(self.outlined[0].center().y()), 50, 120
            )
