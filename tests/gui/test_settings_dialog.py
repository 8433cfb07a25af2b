"""Settings persist, apply without a restart, and series are kept in the archive."""

from __future__ import annotations

import json
import re
import socket
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit
from support.render import RenderOptions, render
from support.secret_service import SecretService, secret_service

from editor.core import credentials
from editor.core.archive_address import ServerAddress
from editor.core.store import Store
from editor.gui.app import Desk
from editor.gui.settings import AppSettings
from editor.gui.settings_dialog import SettingsDialog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


def test_settings_apply_at_once_and_persist(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path
) -> None:
    desk = make_desk()
    window = desk.window
    dialog = window.show_settings()
    new_inbox, new_export = tmp_path / "新收件箱", tmp_path / "新导出"
    dialog.inbox.setText(str(new_inbox))
    dialog.export_dir.setText(str(new_export))
    dialog.pattern.setText("{name}{year}年第{issue}期.docx")
    dialog.user.setText("编辑乙")
    dialog.delay.setValue(0.4)
    dialog.fonts["body"].setText("仿宋")
    series = dialog.series
    series.new()
    series.fields["name"].setText("四川省地方志工作简报")  # type: ignore[union-attr]
    series.fields["issuer"].setText("四川省地方志工作办公室")  # type: ignore[union-attr]
    series.fields["copies"].setText("40")  # type: ignore[union-attr]
    assert series.save() is not None
    with qtbot.waitSignal(window.settings_changed):
        dialog.accept()

    assert window.export_dir == new_export
    assert window.user == "编辑乙"
    assert window.profile.fonts.body == "仿宋"
    assert desk.watcher.folder == new_inbox.absolute()
    assert "新收件箱" in window.inbox_label.text()
    saved = AppSettings.load()
    assert (saved.inbox, saved.export_dir, saved.user, saved.stability_delay) == (
        new_inbox,
        new_export,
        "编辑乙",
        0.4,
    )
    assert saved.fonts == {"body": "仿宋"}
    (kept,) = desk.store.list_series()
    assert (kept.name, kept.issuer, kept.copies) == (
        "四川省地方志工作简报",
        "四川省地方志工作办公室",
        40,
    )

    # The new inbox is watched and the new export settings are used, without a restart.
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    (new_inbox / "第9期.txt").write_bytes(render(data, RenderOptions()).data)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.table.selectRow(0)
    assert window.record is not None
    desk.store.transition(window.record.id, "approve", "编辑乙")
    window.open_bulletin(window.record.id)
    with qtbot.waitSignal(window.exported, timeout=30_000) as done:
        window.export_action.trigger()
    path = Path(done.args[0])
    assert path == new_export / "四川省地方志工作简报2022年第9期.docx"
    # The body font lives in the named styles (正文, Normal) that the export applies.
    assert 'w:eastAsia="仿宋"' in zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
    assert desk.store.revisions(window.record.id)[-1].user == "编辑乙"
    for box in list(window.notices):
        box.close()


# --- the archive: this computer's, or the office's PostgreSQL server ---------------------------


@pytest.fixture
def keyring_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    with secret_service(tmp_path / "session", monkeypatch) as service:
        yield service


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """No credential store (keyring's own "none found"): nothing outside the test is asked."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def fill_server(dialog: SettingsDialog, url: str, *, port: int | None = None) -> ServerAddress:
    parts = urlsplit(url)
    assert parts.hostname
    assert parts.port
    assert parts.username
    panel = dialog.archive
    panel.server.setChecked(True)
    panel.host.setText(parts.hostname)
    panel.port.setValue(port or parts.port)
    panel.database.setText(parts.path.lstrip("/"))
    panel.user.setText(parts.username)
    return panel.address()


def test_the_server_is_kept_in_settings_and_the_password_in_the_keyring(
    qtbot: Any, make_desk: Callable[[], Desk], tmp_path: Path, keyring_service: SecretService
) -> None:
    desk = make_desk()
    window = desk.window
    dialog = window.show_settings()
    panel = dialog.archive
    assert panel.local.isChecked()
    assert not panel.fields.isEnabled()
    panel.server.setChecked(True)
    assert panel.fields.isEnabled()
    panel.host.setText("db.office.lan")
    panel.port.setValue(6543)
    panel.database.setText("简讯")
    panel.user.setText("编辑甲")
    panel.password.setText("办公室的密码 p@ss")
    assert panel.password.echoMode() == QLineEdit.EchoMode.Password
    assert panel.remember.isChecked()
    with qtbot.waitSignal(window.settings_changed):
        dialog.accept()

    address = ServerAddress("db.office.lan", 6543, "简讯", "编辑甲")
    saved = AppSettings.load()
    assert (saved.archive, saved.server) == ("server", address)
    ini = tmp_path / "settings" / "jianxun"
    files = [p for p in ini.parent.rglob("*") if p.is_file()]
    assert files, "QSettings wrote no file"
    for path in files:
        assert b"p@ss" not in path.read_bytes()
        assert "办公室的密码".encode() not in path.read_bytes()
    assert credentials.load_password(address.account).password == "办公室的密码 p@ss"

    # This window keeps the archive it has (working, not closed) and says when the new one opens.
    (notice,) = [b for b in window.notices if "重新启动" in b.text()]
    assert address.place in notice.text()
    assert desk.store.count() == 0
    notice.close()

    # Unticking 记住密码 takes the kept password out of the keyring again.
    dialog = window.show_settings()
    assert dialog.archive.server.isChecked()
    assert dialog.archive.host.text() == "db.office.lan"
    assert dialog.archive.password.text() == ""  # never shown again
    dialog.archive.remember.setChecked(False)
    with qtbot.waitSignal(window.settings_changed):
        dialog.accept()
    assert credentials.load_password(address.account).password is None
    assert not [b for b in window.notices if "重新启动" in b.text()]  # the same archive as before


def test_a_password_that_cannot_be_kept_is_said_in_the_dialog(
    qtbot: Any, store: Store, tmp_path: Path, no_keyring: None
) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    dialog = SettingsDialog(AppSettings(), store)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_server(dialog, "postgresql://u@db.office.lan:5432/jianxun")
    dialog.archive.password.setText("s3cret")
    with qtbot.assertNotEmitted(dialog.applied):
        dialog.accept()
    assert dialog.isVisible()
    assert dialog.archive.result.text() == credentials.NO_STORE
    assert not dialog.archive.remember.isChecked()
    with qtbot.waitSignal(dialog.applied):
        dialog.accept()  # unticked: saved without the password
    assert AppSettings.load().server.host == "db.office.lan"


def test_test_connection_reports_the_archive(
    qtbot: Any, store: Store, pg_url: str, no_keyring: None
) -> None:
    dialog = SettingsDialog(AppSettings(), store)
    qtbot.addWidget(dialog)
    dialog.show()
    address = fill_server(dialog, pg_url)
    dialog.archive.test_button.click()
    assert not dialog.archive.test_button.isEnabled()  # the GUI thread is not waiting
    result = dialog.archive.result
    qtbot.waitUntil(lambda: result.text().startswith("连接成功"), timeout=30_000)
    assert result.text() == f"连接成功：{address.place}（已有 0 份简讯）"
    assert dialog.archive.test_button.isEnabled()


def test_test_connection_to_a_wrong_port_says_why_in_chinese(
    qtbot: Any, store: Store, pg_url: str, no_keyring: None
) -> None:
    dialog = SettingsDialog(AppSettings(), store)
    qtbot.addWidget(dialog)
    dialog.show()
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    address = fill_server(dialog, pg_url, port=port)
    dialog.archive.password.setText("s3cret")
    result = dialog.archive.result
    with qtbot.waitSignal(dialog.archive.tested, timeout=30_000):
        dialog.archive.test_button.click()
    text = result.text()
    assert text.startswith(f"{address.place}：")
    assert "拒绝连接" in text
    assert "s3cret" not in text
    assert not re.search(r"[A-Za-z]{4,}", text.split("：", 1)[1])


def test_an_address_not_filled_in_is_said_at_once(qtbot: Any, store: Store) -> None:
    dialog = SettingsDialog(AppSettings(), store)
    qtbot.addWidget(dialog)
    dialog.archive.server.setChecked(True)
    dialog.archive.test_button.click()
    assert dialog.archive.result.text() == "没有填写数据库服务器的地址"
