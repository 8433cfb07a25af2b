"""The line above the source and the form: which bulletin is open, its state, and the
buttons that state offers (接管编辑 while another desk edits it; 取消识别 while a scan is
read here; 重新识别 for a scan that could not be read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from editor.core.recognition import is_scan_record
from editor.core.workflow import FAILED, RECOGNISING, STATUS_LABELS
from editor.gui.autosave import EDITABLE

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow


class BulletinHeader(QWidget):
    """Says what the window shows; the window calls :meth:`update` when that changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.w = window
        self.label = QLabel("")
        self.label.setObjectName("bulletinHeader")
        self.take_over_button = self._button(
            self.tr("接管编辑"),
            "takeOverButton",
            self.tr("由你来编辑这份简讯（对方将不能再保存）"),
        )
        self.take_over_button.clicked.connect(window.shared.take_over)
        self.cancel_scan_button = self._button(
            self.tr("取消识别"),
            "cancelScanButton",
            self.tr("停止识别这份扫描件（以后可以重新识别）"),
        )
        self.cancel_scan_button.clicked.connect(self._cancel_scan)
        self.again_scan_button = self._button(
            self.tr("重新识别"), "againScanButton", self.tr("再次识别这份扫描件上的文字")
        )
        self.again_scan_button.clicked.connect(self._again_scan)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        for button in (self.cancel_scan_button, self.again_scan_button, self.take_over_button):
            row.addWidget(button)

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.hide()
        return button

    def text(self) -> str:
        return self.label.text()

    def update(self) -> None:  # type: ignore[override]
        """The open bulletin's line, and which buttons it offers now."""
        w = self.w
        record = w.record
        if record is None:
            self.label.setText("")
            for button in (self.take_over_button, self.cancel_scan_button, self.again_scan_button):
                button.hide()
            return
        s = record.summary
        text = self.tr("#{0}　{1}　{2}").format(
            s.id, STATUS_LABELS.get(s.status, s.status), s.source_name
        )
        leased = w.shared.lease_text()
        recognising = s.status == RECOGNISING
        if recognising:
            text += "　" + (w.recognition.page_text(s.id) or self.tr("等待识别扫描件上的文字"))
        elif s.failure:
            text += self.tr("　原因：{0}").format(s.failure)
        elif s.status not in EDITABLE:
            text += self.tr("　（只读：重新打开后才能修改）")
        elif leased:
            text += leased
        self.label.setText(text)
        self.take_over_button.setVisible(bool(leased) and s.status in EDITABLE)
        self.cancel_scan_button.setVisible(recognising and w.recognition.can_cancel(s.id))
        self.again_scan_button.setVisible(
            s.status == FAILED and w.recognition.available and is_scan_record(record)
        )

    def _cancel_scan(self) -> None:
        if self.w.record is not None:
            self.w.recognition.cancel(self.w.record.id)

    def _again_scan(self) -> None:
        if self.w.record is not None:
            self.w.recognition.again(self.w.record.id)
