"""The database password lives in the system's credential store, here a real Secret Service
(GNOME Keyring on a private D-Bus session bus, support.secret_service): saved, read back and
forgotten under ``jianxun`` / ``user@host:port/database``; never in the settings file. Where
there is no usable store, every call says so in Chinese and nothing is written anywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.secret_service import SecretService, secret_service

from editor.core import credentials
from editor.core.archive_address import ServerAddress

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "办公室 p@ss:w/rd?#%"
ADDRESS = ServerAddress(host="db.office.lan", port=5433, database="简讯", user="编辑甲")


@pytest.fixture
def keyring_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    with secret_service(tmp_path / "session", monkeypatch) as service:
        yield service


def english(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3,}", text))


def test_the_account_names_user_server_port_and_database() -> None:
    assert credentials.SERVICE == "jianxun"
    assert ADDRESS.account == "编辑甲@db.office.lan:5433/简讯"


def test_save_load_forget_in_the_secret_service(keyring_service: SecretService) -> None:
    assert credentials.store_problem() is None
    assert credentials.load_password(ADDRESS.account) == credentials.Loaded(None, None)
    assert credentials.save_password(ADDRESS.account, PASSWORD) is None
    assert credentials.load_password(ADDRESS.account) == credentials.Loaded(PASSWORD, None)
    other = ServerAddress(host="db.office.lan", port=5433, database="简讯", user="编辑乙")
    assert credentials.load_password(other.account).password is None  # kept per account

    # What the Secret Service itself holds, asked without keyring: one item, ours.
    import secretstorage

    with secretstorage.dbus_init() as bus:
        items = list(
            secretstorage.get_default_collection(bus).search_items(
                {"service": "jianxun", "username": ADDRESS.account}
            )
        )
        assert [item.get_secret().decode("utf-8") for item in items] == [PASSWORD]

    assert credentials.save_password(ADDRESS.account, "新密码") is None  # replaced, not added
    assert credentials.load_password(ADDRESS.account).password == "新密码"
    assert credentials.forget_password(ADDRESS.account) is None
    assert credentials.load_password(ADDRESS.account) == credentials.Loaded(None, None)
    assert credentials.forget_password(ADDRESS.account) is None  # nothing kept is fine too


def test_the_service_going_away_is_a_chinese_reason(keyring_service: SecretService) -> None:
    assert credentials.save_password(ADDRESS.account, PASSWORD) is None
    keyring_service.stop_daemon()
    problem = credentials.save_password(ADDRESS.account, PASSWORD)
    assert problem == credentials.NO_STORE
    loaded = credentials.load_password(ADDRESS.account)
    assert loaded.password is None
    assert loaded.problem is not None
    assert not english(loaded.problem)


def test_a_locked_keyring_is_a_chinese_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keyring that is not unlocked (its prompt cannot appear): refused at once, in Chinese."""
    with secret_service(tmp_path / "session", monkeypatch, locked=True) as service:
        assert credentials.save_password(ADDRESS.account, PASSWORD) == credentials.LOCKED
        loaded = credentials.load_password(ADDRESS.account)
        assert (loaded.password, loaded.problem) == (None, credentials.LOCKED)
        for path in service.files():
            assert PASSWORD.encode("utf-8") not in path.read_bytes(), path


@pytest.mark.parametrize(
    "backend",
    [
        "keyring.backends.fail.Keyring",  # what keyring chooses when it finds no store
        "keyring.backends.null.Keyring",  # keeps nothing and says nothing: no store either
    ],
)
def test_no_usable_store_is_a_chinese_reason_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    assert credentials.store_problem() == credentials.NO_STORE
    assert credentials.save_password(ADDRESS.account, PASSWORD) == credentials.NO_STORE
    assert credentials.load_password(ADDRESS.account) == credentials.Loaded(
        None, credentials.NO_STORE
    )
    assert credentials.forget_password(ADDRESS.account) == credentials.NO_STORE
    assert "这台电脑没有可用的系统凭据管理器" in credentials.NO_STORE
    assert list(home.rglob("*")) == []  # nothing written anywhere


def test_no_session_bus_is_a_chinese_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Linux computer without a D-Bus session (an SSH login, a bare server): keyring finds
    no store at all."""
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(name, str(tmp_path))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    assert credentials.save_password(ADDRESS.account, PASSWORD) == credentials.NO_STORE
    assert credentials.load_password(ADDRESS.account).problem == credentials.NO_STORE
    assert list(tmp_path.rglob("*")) == []


def test_the_password_never_reaches_the_settings_file(
    keyring_service: SecretService, tmp_path: Path, qapp: object
) -> None:
    from PySide6.QtCore import QSettings

    from editor.gui.settings import AppSettings

    ini = tmp_path / "设置.ini"
    qsettings = QSettings(str(ini), QSettings.Format.IniFormat)
    settings = AppSettings(archive="server", server=ADDRESS)
    settings.save(qsettings)
    assert credentials.save_password(ADDRESS.account, PASSWORD) is None
    del qsettings

    loaded = AppSettings.load(QSettings(str(ini), QSettings.Format.IniFormat))
    assert (loaded.archive, loaded.server) == ("server", ADDRESS)
    text = ini.read_bytes()
    for secret in (PASSWORD, "p@ss", "w/rd"):
        assert secret.encode("utf-8") not in text
    assert not re.search(rb"^[^=]*(password|passwd|secret)[^=]*=", text, re.M | re.I)
    assert credentials.load_password(loaded.server.account).password == PASSWORD
    for path in keyring_service.files():  # the keyring's own file is encrypted
        assert PASSWORD.encode("utf-8") not in path.read_bytes(), path


def test_keyring_is_not_loaded_by_a_desk_on_this_computers_archive() -> None:
    """keyring (and D-Bus) load on first use only: a desk on the local archive never pays."""
    code = (
        "import sys\n"
        "import editor.gui.app, editor.gui.settings_dialog, editor.core.credentials\n"
        "from editor.gui.settings import AppSettings\n"
        "assert not AppSettings().on_server\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('keyring', 'secretstorage', 'jeepney')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode().strip() == "[]"
