"""The settings dialog: people, the archive's place, inbox, export, layout fonts, series,
language."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
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
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core import credentials
from editor.core.archive_address import LOCAL, SERVER, ServerAddress, open_server
from editor.core.export.profile import Fonts, load_profile
from editor.core.paths import DataDir
from editor.core.series import Series
from editor.core.store import SchemaTooNew, Store, StoreError
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


def _probe(address: ServerAddress, password: str, data: DataDir) -> tuple[bool, str, int]:
    """Open the server's archive as the desk would (on a worker thread): (ok, the place or
    why not in Chinese, how many bulletins it holds)."""
    if not password:
        password = credentials.load_password(address.account).password or ""
    try:
        store = open_server(address, password or None, data=data)
    except (StoreError, SchemaTooNew) as err:
        return False, str(err), 0
    try:
        return True, address.place, store.count()
    except StoreError as err:
        return False, str(err), 0
    finally:
        store.close()


class ArchivePanel(QGroupBox):
    """档案: this computer's, or the office's PostgreSQL server (with 测试连接)."""

    tested = Signal(bool, str, int)  # from the probe's thread: (ok, place or reason, count)

    def __init__(self, settings: AppSettings, data: DataDir) -> None:
        super().__init__()
        self.setTitle(self.tr("档案"))
        self.data = data
        self.local = QRadioButton(self.tr("本机档案（这台电脑）"))
        self.local.setObjectName("archive.local")
        self.server = QRadioButton(self.tr("办公室数据库服务器"))
        self.server.setObjectName("archive.server")
        (self.server if settings.on_server else self.local).setChecked(True)
        address = settings.server
        self.host = QLineEdit(address.host)
        self.host.setPlaceholderText(self.tr("服务器名称或 IP 地址，如 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(address.port)
        self.database = QLineEdit(address.database)
        self.database.setPlaceholderText(self.tr("如 jianxun"))
        self.user = QLineEdit(address.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("留空：使用系统凭据管理器中保存的密码（如有）"))
        self.remember = QCheckBox(self.tr("记住密码（保存在系统凭据管理器）"))
        self.remember.setChecked(True)
        self.remember.setToolTip(
            self.tr("勾选：输入的密码保存在系统凭据管理器中；不勾选：删除已保存的密码")
        )
        self.test_button = QPushButton(self.tr("测试连接"))
        self.test_button.clicked.connect(self.test)
        self.result = QLabel("")
        self.result.setObjectName("archiveTestResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields = QWidget()
        form = QFormLayout(self.fields)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(self.tr("服务器"), self.host)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("数据库"), self.database)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow("", self.remember)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow("", test_row)
        form.addRow(self.result)  # the whole width: a reason can be long
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        layout.addWidget(self.fields)
        self.server.toggled.connect(self.fields.setEnabled)
        self.fields.setEnabled(self.server.isChecked())
        self.tested.connect(self._show_test)

    @property
    def choice(self) -> str:
        return SERVER if self.server.isChecked() else LOCAL

    def address(self) -> ServerAddress:
        return ServerAddress(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
        )

    def _say(self, text: str, *, error: bool = False, busy: bool = False) -> None:
        colour = "#b00000" if error else "#555555" if busy else "#2e7d32"
        self.result.setStyleSheet(f"color: {colour};")
        self.result.setText(text)

    def test(self) -> None:
        """Open the server's archive off the GUI thread; the result shows under the fields."""
        address = self.address()
        problem = address.missing()
        if problem is not None:
            self._say(problem, error=True)
            return
        self.test_button.setEnabled(False)
        self._say(self.tr("正在连接 {0}…").format(address.place), busy=True)
        password, data = self.password.text(), self.data
        internal = self.tr("测试连接时程序内部出错")

        def work() -> None:  # never touches a widget: the result goes back by signal
            try:
                ok, text, count = _probe(address, password, data)
            except Exception:  # a bug of ours: said in Chinese, not lost in the thread
                ok, text, count = False, internal, 0
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self.tested.emit(ok, text, count)

        threading.Thread(target=work, name="jianxun-test-connection", daemon=True).start()

    def _show_test(self, ok: bool, text: str, count: int) -> None:
        self.test_button.setEnabled(True)
        if ok:
            self._say(self.tr("连接成功：{0}（已有 {1} 份简讯）").format(text, count))
        else:
            self._say(text, error=True)

    def keep_password(self) -> str | None:
        """Save (or forget) the server's password as the fields say; None when done, else
        why the password could not be kept (Chinese)."""
        if self.choice != SERVER:
            return None  # the credential store is not touched for this computer's archive
        address = self.address()
        if address.missing() is not None:
            return None
        if not self.remember.isChecked():
            credentials.forget_password(address.account)  # nothing kept is just as good
            return None
        if self.password.text():
            return credentials.save_password(address.account, self.password.text())
        return None


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
        self.archive = ArchivePanel(settings, store.data)
        form.addRow(self.archive)
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
            archive=self.archive.choice,
            server=self.archive.address(),
        )

    def accept(self) -> None:
        """Save the settings (never the password: that goes to the credential store). When
        a password to remember cannot be kept, say why and stay open (unticked) once."""
        problem = self.archive.keep_password()
        if problem is not None:
            self.archive.remember.setChecked(False)
            self.archive._say(problem, error=True)
            self.archive.password.setFocus()
            return
        self.settings = self.collect()
        self.settings.save()
        self.applied.emit(self.settings)
        super().accept()
