"""Open the archive the settings choose: this computer's, or the office server's.

:func:`open_archive` opens it without asking anything (the password from the system's
credential store, when one is kept). :func:`open_at_start` is the desk's start: when the
server wants a password it does not have (or the kept one is wrong) it asks for it, offering
to remember it; when the server's archive cannot be used it says why and offers to retry,
to use this computer's archive for this time, or to quit — it never falls back silently.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from editor.core import credentials
from editor.core.archive_address import PasswordRefused, ServerAddress, open_server
from editor.core.paths import DataDir
from editor.core.store import SchemaTooNew, Store, StoreError, open_store
from editor.gui.settings import AppSettings

RETRY, LOCAL, QUIT = "retry", "local", "quit"


class PasswordDialog(QDialog):
    """The server's password for this user, and whether to keep it in the credential store."""

    def __init__(self, address: ServerAddress, note: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("数据库密码"))
        self.about = QLabel(
            self.tr("打开数据库服务器上的档案 {0}\n需要用户“{1}”的密码：").format(
                address.place, address.user
            )
        )
        self.about.setWordWrap(True)
        self.note = QLabel(note or "")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b00000;")
        self.note.setVisible(bool(note))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("记住密码（保存在系统凭据管理器）"))
        self.remember.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.about, self.note, self.password, self.remember, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(460)


def ask_password(
    address: ServerAddress, note: str | None, parent: QWidget | None = None
) -> tuple[str, bool] | None:
    """The password typed and whether to remember it; None when the user cancels."""
    dialog = PasswordDialog(address, note, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password.text(), dialog.remember.isChecked()


def cannot_open(message: str, parent: QWidget | None = None) -> str:
    """Say why the server's archive cannot be used; RETRY, LOCAL or QUIT as the user chooses."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("archive_open", "无法打开数据库服务器上的档案"),
        QCoreApplication.translate(
            "archive_open",
            "{0}\n\n可以重试，或者这一次先使用这台电脑上的档案（本机档案），或者退出。",
        ).format(message),
        parent=parent,
    )
    box.setObjectName("cannotOpenArchive")
    retry = box.addButton(
        QCoreApplication.translate("archive_open", "重试"), QMessageBox.ButtonRole.AcceptRole
    )
    local = box.addButton(
        QCoreApplication.translate("archive_open", "使用本机档案"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.addButton(
        QCoreApplication.translate("archive_open", "退出"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else LOCAL if clicked is local else QUIT


def open_archive(settings: AppSettings, data: DataDir) -> Store:
    """The chosen archive, asking nothing (a server's password from the credential store)."""
    if not settings.on_server:
        return open_store(data)
    address = settings.server
    password = None if address.missing() else credentials.load_password(address.account).password
    return open_server(address, password, data=data)


def open_at_start(
    settings: AppSettings, data: DataDir, parent: QWidget | None = None
) -> Store | None:
    """The chosen archive, asking for a password when needed; None when the user quits.

    A local archive that cannot be opened raises as :func:`open_store` does.
    """
    if not settings.on_server:
        return open_store(data)
    address = settings.server
    kept = (
        credentials.Loaded(None)
        if address.missing()
        else credentials.load_password(address.account)
    )
    password, note = kept.password, kept.problem
    remember: bool | None = None  # None: the password was not typed now
    while True:
        try:
            store = open_server(address, password, data=data)
        except PasswordRefused as err:
            if password:
                note = QCoreApplication.translate(
                    "archive_open", "密码不对（或这个用户不能登录），请重新输入"
                )
            answer = ask_password(address, note, parent)
            if answer is not None:
                password, remember = answer
                continue
            choice = cannot_open(str(err), parent)
        except (StoreError, SchemaTooNew) as err:
            choice = cannot_open(str(err), parent)
        else:
            if remember and password:
                problem = credentials.save_password(address.account, password)
                if problem is not None:
                    QMessageBox.information(
                        parent, QCoreApplication.translate("archive_open", "密码没有保存"), problem
                    )
            return store
        if choice == LOCAL:
            return open_store(data)
        if choice == QUIT:
            return None
