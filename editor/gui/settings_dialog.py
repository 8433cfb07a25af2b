"""The settings dialog: people, inbox, export, layout fonts, series, language."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.export.profile import Fonts, load_profile
from editor.core.series import Series
from editor.core.store import Store
from editor.gui.settings import LANGUAGES, AppSettings

FONT_LABELS = {
    "name": str(QT_TRANSLATE_NOOP("settings_dialog", "报头名称")),
    "issue": str(QT_TRANSLATE_NOOP("settings_dialog", "期号")),
    "body": str(QT_TRANSLATE_NOOP("settings_dialog", "正文")),
    "section": str(QT_TRANSLATE_NOOP("settings_dialog", "栏目")),
    "title": str(QT_TRANSLATE_NOOP("settings_dialog", "标题")),
    "attribution": str(QT_TRANSLATE_NOOP("settings_dialog", "署名")),
    "imprint": str(QT_TRANSLATE_NOOP("settings_dialog", "版记")),
    "page_number": str(QT_TRANSLATE_NOOP("settings_dialog", "页码")),
}


def _folder_row(edit: QLineEdit, parent: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    browse = QPushButton(QCoreApplication.translate("settings_dialog", "选择…"))
    browse.clicked.connect(
        lambda: edit.setText(
            QFileDialog.getExistingDirectory(
                parent, QCoreApplication.translate("settings_dialog", "选择文件夹"), edit.text()
            )
            or edit.text()
        )
    )
    row.addWidget(browse)
    return row


class SeriesEditor(QWidget):
    """Named series kept in the archive: add, edit, remove."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.list = QListWidget()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for key, label, multi in (
            ("name", self.tr("简报名称"), False),
            ("issuer", self.tr("编印单位"), False),
            ("issue_pattern", self.tr("期号格式"), False),
            ("disclosure", self.tr("信息公开选项"), False),
            ("report_to", self.tr("报"), True),
            ("copy_to", self.tr("送"), True),
            ("distribute_to", self.tr("发"), True),
            ("printer", self.tr("印发机关"), False),
            ("copies", self.tr("印数"), False),
        ):
            widget: QLineEdit | QPlainTextEdit = QPlainTextEdit() if multi else QLineEdit()
            if isinstance(widget, QPlainTextEdit):
                widget.setFixedHeight(56)
            widget.setObjectName(f"series.{key}")
            self.fields[key] = widget
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新建系列"))
        self.save_button = QPushButton(self.tr("保存系列"))
        self.remove_button = QPushButton(self.tr("删除系列"))
        for button in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        self.add_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.list.currentTextChanged.connect(self.show_series)
        copies = self.fields["copies"]
        assert isinstance(copies, QLineEdit)
        copies.setValidator(QIntValidator(1, 1_000_000, copies))
        copies.setPlaceholderText(self.tr("份数，如 50"))
        self.feedback = QLabel("")
        self.feedback.setObjectName("seriesFeedback")
        self.feedback.setWordWrap(True)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.feedback)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(right, 2)
        self._editing: str | None = None
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for series in self.store.list_series():
            self.list.addItem(series.name)

    def _text(self, key: str) -> str:
        widget = self.fields[key]
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def show_series(self, name: str) -> None:
        series = next((s for s in self.store.list_series() if s.name == name), None)
        if series is None:
            return
        self._editing = name
        for key, widget in self.fields.items():
            value = getattr(series, key)
            text = "" if value is None else str(value)
            widget.setPlainText(text) if isinstance(widget, QPlainTextEdit) else widget.setText(
                text
            )

    def new(self) -> None:
        self._editing = None
        for key, widget in self.fields.items():
            default = getattr(Series(name=""), key)
            text = "" if default is None else str(default)
            widget.setPlainText(text) if isinstance(widget, QPlainTextEdit) else widget.setText(
                text
            )

    def _say(self, text: str, *, error: bool = False) -> None:
        self.feedback.setStyleSheet("color: #b00000;" if error else "color: #2e7d32;")
        self.feedback.setText(text)

    def save(self) -> Series | None:
        """Save the series shown; say what happened (saved, or what is missing) under the form."""
        name = self._text("name").strip()
        if not name:
            self._say(self.tr("没有保存：请先填写简报名称"), error=True)
            self.fields["name"].setFocus()
            return None
        values = {k: (self._text(k).strip() or None) for k in self.fields}
        copies = values.pop("copies")
        if copies and not copies.isdigit():
            self._say(self.tr("没有保存：印数只能填数字"), error=True)
            self.fields["copies"].setFocus()
            return None
        series = Series(
            **{k: v for k, v in values.items() if k != "name"},  # type: ignore[arg-type]
            name=name,
            copies=int(copies) if copies and copies.isdigit() else None,
        )
        if not series.issue_pattern:
            series = dataclasses.replace(series, issue_pattern=Series(name=name).issue_pattern)
        self.store.save_series(series, old_name=self._editing)
        self._editing = name
        self.reload()
        matches = self.list.findItems(name, Qt.MatchFlag.MatchExactly)
        if matches:
            self.list.setCurrentItem(matches[0])
        self._say(self.tr("已保存系列“{0}”").format(name))
        return series

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            name = item.text()
            self.store.delete_series(name)
            self.reload()
            self._say(self.tr("已删除系列“{0}”").format(name))


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``applied(settings)`` when the user accepts."""

    applied = Signal(object)

    def __init__(self, settings: AppSettings, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.settings = dataclasses.replace(settings, fonts=dict(settings.fonts))
        tabs = QTabWidget()

        general = QWidget()
        form = QFormLayout(general)
        self.user = QLineEdit(settings.user)
        self.language = QComboBox()
        for code, label in LANGUAGES.items():
            self.language.addItem(QCoreApplication.translate("settings", label), code)
        self.language.setCurrentIndex(list(LANGUAGES).index(settings.language))
        form.addRow(self.tr("用户名（记入修订记录）"), self.user)
        form.addRow(self.tr("界面语言"), self.language)
        tabs.addTab(general, self.tr("常规"))

        inbox = QWidget()
        form = QFormLayout(inbox)
        self.inbox = QLineEdit(str(settings.inbox))
        self.polling = QCheckBox(self.tr("轮询文件夹（网络共享文件夹 SMB/CIFS 请勾选）"))
        self.polling.setChecked(settings.polling)
        self.delay = QDoubleSpinBox()
        self.delay.setRange(0.2, 60.0)
        self.delay.setSuffix(self.tr(" 秒"))
        self.delay.setValue(settings.stability_delay)
        form.addRow(self.tr("收件箱文件夹"), _folder_row(self.inbox, self))
        form.addRow("", self.polling)
        form.addRow(self.tr("文件稳定多久后收取"), self.delay)
        tabs.addTab(inbox, self.tr("收件箱"))

        export = QWidget()
        form = QFormLayout(export)
        self.export_dir = QLineEdit(str(settings.export_dir))
        self.pattern = QLineEdit(settings.file_pattern)
        self.pattern.setToolTip(
            self.tr(
                "可用：{name} 简报名称，{issue} 期号，{total_issue} 总期号，{date} 日期，{year} 年"
            )
        )
        form.addRow(self.tr("导出文件夹"), _folder_row(self.export_dir, self))
        form.addRow(self.tr("文件名格式"), self.pattern)
        defaults = load_profile().fonts
        self.fonts: dict[str, QLineEdit] = {}
        for key in (f.name for f in dataclasses.fields(Fonts)):
            edit = QLineEdit(settings.fonts.get(key, ""))
            edit.setPlaceholderText(getattr(defaults, key))
            self.fonts[key] = edit
            font_label = QCoreApplication.translate("settings_dialog", FONT_LABELS[key])
            form.addRow(self.tr("字体：{0}").format(font_label), edit)
        tabs.addTab(export, self.tr("导出与版式"))

        self.series = SeriesEditor(store)
        tabs.addTab(self.series, self.tr("简报系列"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def collect(self) -> AppSettings:
        return AppSettings(
            user=self.user.text().strip() or self.settings.user,
            language=str(self.language.currentData()),
            inbox=Path(self.inbox.text().strip() or str(self.settings.inbox)),
            polling=self.polling.isChecked(),
            stability_delay=float(self.delay.value()),
            export_dir=Path(self.export_dir.text().strip() or str(self.settings.export_dir)),
            file_pattern=self.pattern.text().strip() or self.settings.file_pattern,
            fonts={k: e.text().strip() for k, e in self.fonts.items() if e.text().strip()},
        )

    def accept(self) -> None:
        self.settings = self.collect()
        self.settings.save()
        self.applied.emit(self.settings)
        super().accept()
