"""Can the desk open a window here? Asked before Qt starts, so the answer is Chinese.

Without it, a server or an SSH session gets Qt's English abort ("could not connect to
display", "xcb-cursor0 is needed to load the Qt xcb platform plugin") and a core dump.
"""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Callable, Mapping

CLI_HINT = "命令行不需要图形界面，仍可使用：jianxun --help"


def missing_display(
    env: Mapping[str, str],
    platform: str = sys.platform,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
) -> str | None:
    """Why no window can open (one Chinese line), or None when it can (or we cannot tell)."""
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have their own window system
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen and not chosen.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs …: the user asked for it
    wayland = bool(env.get("WAYLAND_DISPLAY")) and chosen != "xcb"
    if wayland:
        return None
    if not env.get("DISPLAY"):
        return f"没有图形界面：找不到显示器（没有桌面会话，或在远程终端里）。{CLI_HINT}"
    if find_library("xcb-cursor") is None:
        return (
            "没有图形界面：这台电脑缺少系统库 libxcb-cursor0，编审台窗口无法打开"
            f"（请管理员安装，如 apt install libxcb-cursor0）。{CLI_HINT}"
        )
    return None
