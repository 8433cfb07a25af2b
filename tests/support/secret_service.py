"""A real, private Secret Service for the tests: a D-Bus session bus of its own
(``dbus-daemon``) and GNOME Keyring's secrets component (``gnome-keyring-daemon``) on it,
with HOME and the XDG folders in a temporary folder, stopped at the end.

The bus has no service directories, so nothing is started on it behind the test's back
(no unlock prompt, no second keyring daemon): only what the test starts is there. The
keyring daemon is started with ``--unlock`` (its login keyring made and unlocked with a
password given on stdin), or ``locked=True`` without it (no usable keyring: its prompt
cannot appear, so every use is refused at once).

:func:`secret_service` sets DBUS_SESSION_BUS_ADDRESS, HOME and the XDG folders for the test
(``monkeypatch``) and takes PYTHON_KEYRING_BACKEND away, so keyring finds this service.
Without the programs (Debian's ``dbus`` and ``gnome-keyring``) the test is skipped with the
reason; with CI=true it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 20.0
KEYRING_PASSWORD = b"jianxun-test-keyring"

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceUnavailable(Exception):
    """The programs are not installed (the message says which package brings them)."""


@dataclass
class SecretService:
    """A running private bus and keyring daemon; ``home`` is the HOME the test runs with."""

    address: str
    home: Path
    bus: subprocess.Popen[bytes]
    daemon: subprocess.Popen[bytes] | None
    folder: Path

    def stop_daemon(self) -> None:
        """End the keyring daemon (the bus stays): the service goes away under the test."""
        if self.daemon is not None:
            _end(self.daemon)
            self.daemon = None

    def files(self) -> list[Path]:
        """Every file under the temporary HOME and XDG folders."""
        return [p for p in self.folder.rglob("*") if p.is_file()]


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def programs() -> tuple[str, str]:
    """The paths of dbus-daemon and gnome-keyring-daemon; SecretServiceUnavailable if absent."""
    bus, keyring = shutil.which("dbus-daemon"), shutil.which("gnome-keyring-daemon")
    if bus is None or keyring is None:
        missing = "、".join(
            name
            for name, path in (("dbus-daemon", bus), ("gnome-keyring-daemon", keyring))
            if path is None
        )
        raise SecretServiceUnavailable(
            f"这台电脑上没有 {missing}（Debian 的 dbus 和 gnome-keyring 软件包，"
            "scripts/setup.sh 以 root 运行时会安装），无法用真实的系统凭据管理器测试"
        )
    return bus, keyring


def _wait_for_service(address: str) -> bool:
    """Whether org.freedesktop.secrets appears on the bus within the time allowed."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    deadline = time.monotonic() + START_TIMEOUT
    pause = 0.01
    while time.monotonic() < deadline:
        with open_dbus_connection(address) as conn:
            reply = conn.send_and_get_reply(
                new_method_call(bus, "NameHasOwner", "s", ("org.freedesktop.secrets",))
            )
            if reply.body[0]:
                return True
        time.sleep(pause)
        pause = min(pause * 1.5, 0.2)
    return False


@contextmanager
def running_secret_service(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *, locked: bool = False
) -> Iterator[SecretService]:
    """Start a private bus and keyring daemon with HOME and XDG folders under ``folder``."""
    bus_program, keyring_program = programs()
    places = {
        "HOME": folder / "home",
        "XDG_DATA_HOME": folder / "data",
        "XDG_CONFIG_HOME": folder / "config",
        "XDG_CACHE_HOME": folder / "cache",
        "XDG_RUNTIME_DIR": folder / "runtime",
    }
    for path in places.values():
        path.mkdir(parents=True, exist_ok=True)
    places["XDG_RUNTIME_DIR"].chmod(0o700)
    # A socket's path must be short (108 bytes): the bus's lives in a folder of its own in /tmp.
    socket_dir = Path(tempfile.mkdtemp(prefix="jianxun-bus-"))
    config = socket_dir / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=socket_dir / "bus"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update({name: str(path) for name, path in places.items()})
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    bus = subprocess.Popen(
        [bus_program, "--config-file", str(config), "--nofork", "--nopidfile", "--print-address=1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    service: SecretService | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().decode("utf-8").strip()
        if not address:
            raise AssertionError("dbus-daemon 没有启动（没有给出总线地址）")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        argv = [keyring_program, "--foreground", "--components=secrets"]
        daemon = subprocess.Popen(
            argv if locked else [*argv, "--unlock"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        service = SecretService(address, places["HOME"], bus, daemon, folder)
        assert daemon.stdin is not None
        if not locked:
            daemon.stdin.write(KEYRING_PASSWORD)
        daemon.stdin.close()
        if not _wait_for_service(address):
            raise AssertionError("gnome-keyring-daemon 没有在总线上提供 Secret Service")
        for name, path in places.items():
            monkeypatch.setenv(name, str(path))
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
        yield service
    finally:
        if service is not None:
            service.stop_daemon()
        _end(bus)
        if bus.stdout is not None:
            bus.stdout.close()
        shutil.rmtree(socket_dir, ignore_errors=True)


@contextmanager
def secret_service(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *, locked: bool = False
) -> Iterator[SecretService]:
    """As :func:`running_secret_service`, for a fixture: skipped with the reason where the
    programs are missing, failed when CI=true."""
    try:
        programs()
    except SecretServiceUnavailable as err:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI 必须有 Secret Service——{err}", pytrace=False)
        pytest.skip(str(err))
    with running_secret_service(folder, monkeypatch, locked=locked) as service:
        yield service
