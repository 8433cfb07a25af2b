"""Without a screen the desk says so in Chinese, before Qt can abort in English."""

from __future__ import annotations

import os
import subprocess
import sys

from editor.display import missing_display


def test_no_display_is_named_and_the_cli_suggested() -> None:
    reason = missing_display({}, "linux", lambda _name: "libxcb-cursor.so.0")
    assert reason is not None
    assert "没有图形界面" in reason
    assert "jianxun --help" in reason


def test_a_missing_xcb_cursor_library_is_named() -> None:
    reason = missing_display({"DISPLAY": ":0"}, "linux", lambda _name: None)
    assert reason is not None
    assert "libxcb-cursor0" in reason


def test_a_display_wayland_offscreen_or_windows_can_open() -> None:
    found = lambda _name: "libxcb-cursor.so.0"  # noqa: E731
    assert missing_display({"DISPLAY": ":0"}, "linux", found) is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux", lambda _n: None) is None
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda _n: None) is None
    assert missing_display({}, "win32", lambda _n: None) is None


def test_jianxun_without_a_display_says_so_and_exits() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "editor"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.startswith("jianxun：没有图形界面")
    assert "xcb" not in done.stderr.replace("libxcb", "")
    assert "Qt" not in done.stderr
