"""The desk's start on the office server's archive: a server that wants a password the desk
does not have asks for it (and keeps it in the real Secret Service when asked to), a wrong
kept password is asked again, and a server that cannot be used is said in Chinese with the
choice of 重试 / 使用本机档案 / 退出 — never a silent fallback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from support.pg_password import password_role
from support.postgres import PostgresServer
from support.secret_service import SecretService, secret_service

from editor.core import credentials
from editor.core.archive_address import SERVER, ServerAddress
from editor.core.paths import DataDir
from editor.core.store import SqliteStore, StoreError
from editor.gui.app import DeskConfig, build_desk
from editor.gui.archive_open import PasswordDialog, open_archive, open_at_start
from editor.gui.settings import AppSettings

PASSWORD = "档案 p@ss:w/rd?#"


@pytest.fixture
def keyring_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    with secret_service(tmp_path / "session", monkeypatch) as service:
        yield service


@pytest.fixture
def guarded(postgres: PostgresServer, pg_url: str) -> Iterator[ServerAddress]:
    parts = urlsplit(pg_url)
    assert parts.hostname
    assert parts.port
    with password_role(postgres, pg_url, PASSWORD) as role:
        yield ServerAddress(parts.hostname, parts.port, parts.path.lstrip("/"), role)


def on_server(address: ServerAddress) -> AppSettings:
    return AppSettings(archive=SERVER, server=address)


class Answers:
    """Answers the modal dialogs the start shows, in order, as each appears."""

    def __init__(self, *steps: Callable[[QWidget], None]) -> None:
        self.steps = list(steps)
        self.seen: list[QWidget] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal in self.seen or not self.steps:
            return
        self.seen.append(modal)
        self.steps.pop(0)(modal)

    def done(self) -> None:
        self.timer.stop()
        assert not self.steps, f"{len(self.steps)} dialog(s) never shown"


def type_password(password: str, *, remember: bool) -> Callable[[QWidget], None]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PasswordDialog), dialog
        dialog.password.setText(password)
        dialog.remember.setChecked(remember)
        dialog.accept()

    return answer


def choose(label: str, *, says: str) -> Callable[[QWidget], None]:
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), box
        assert says in box.text(), box.text()
        (button,) = [b for b in box.buttons() if b.text() == label]
        button.click()

    return answer


def test_a_password_asked_at_start_is_kept_and_used_next_time(
    qtbot: Any, guarded: ServerAddress, data: DataDir, keyring_service: SecretService
) -> None:
    notes: list[str] = []

    def wrong_first(dialog: QWidget) -> None:
        assert isinstance(dialog, PasswordDialog)
        assert guarded.place in dialog.about.text()
        assert dialog.note.isHidden()
        type_password("不对的密码", remember=True)(dialog)

    def second(dialog: QWidget) -> None:
        assert isinstance(dialog, PasswordDialog)
        notes.append(dialog.note.text())
        type_password(PASSWORD, remember=True)(dialog)

    answers = Answers(wrong_first, second)
    store = open_at_start(on_server(guarded), data)
    answers.done()
    assert store is not None
    with store:
        assert store.count() == 0
    assert notes == ["密码不对（或这个用户不能登录），请重新输入"]
    assert credentials.load_password(guarded.account).password == PASSWORD  # the right one only

    # The next start asks nothing: the kept password opens it (the desk as the app wires it).
    config = DeskConfig(data=data, settings=on_server(guarded))
    config.settings.inbox = data.root.parent / "收件箱"
    desk = build_desk(config)
    qtbot.addWidget(desk.window)
    try:
        assert desk.store.count() == 0
        assert guarded.place in str(desk.store.place)  # type: ignore[attr-defined]
    finally:
        desk.watcher.stop()
        desk.operations.wait()
        desk.store.close()


def test_a_password_not_to_remember_is_used_once(
    qtbot: Any, guarded: ServerAddress, data: DataDir, keyring_service: SecretService
) -> None:
    answers = Answers(type_password(PASSWORD, remember=False))
    store = open_at_start(on_server(guarded), data)
    answers.done()
    assert store is not None
    store.close()
    assert credentials.load_password(guarded.account).password is None
    with pytest.raises(StoreError, match="数据库用户名或密码不对"):
        open_archive(on_server(guarded), data)


def test_an_unreachable_server_offers_this_computers_archive_or_quitting(
    qtbot: Any, data: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    nowhere = on_server(ServerAddress("127.0.0.1", 1, "jianxun", "编辑甲"))
    place = nowhere.server.place

    answers = Answers(choose("重试", says=place), choose("使用本机档案", says="拒绝连接"))
    store = open_at_start(nowhere, data)
    answers.done()
    assert isinstance(store, SqliteStore)  # chosen, not fallen back to
    store.close()

    answers = Answers(choose("退出", says=place))
    assert open_at_start(nowhere, data) is None
    answers.done()


def test_a_cancelled_password_offers_the_same_choice(
    qtbot: Any, guarded: ServerAddress, data: DataDir, keyring_service: SecretService
) -> None:
    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, PasswordDialog)
        assert dialog.note.isHidden()  # nothing kept, nothing wrong yet: just asked
        dialog.reject()

    answers = Answers(cancel, choose("退出", says="数据库用户名或密码不对"))
    assert open_at_start(on_server(guarded), data) is None
    answers.done()
