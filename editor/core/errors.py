"""Errors the core raises for input a user gave it.

Every such error names the file and says why in plain Chinese, so the CLI and
the GUI can show it as it is (never a traceback).
"""

from __future__ import annotations

import errno


class InputError(Exception):
    """A file that cannot be read as a bulletin: it names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}：{reason}")
        self.source = source
        self.reason = reason


class NeedsOcr(InputError):
    """A scan: pages (or a whole image file) with pictures of text and no text to extract.

    The reason says so for a reader that cannot recognise text; one that can reads it
    by OCR instead (:mod:`editor.core.recognition`).
    """


_OS_REASONS = {
    errno.ENOENT: "找不到文件或文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "磁盘是只读的",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已经存在同名的文件",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EIO: "读写出错（磁盘或网络故障）",
    errno.EMFILE: "同时打开的文件过多",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.ELOOP: "链接层层相套，无法打开",
    errno.EINVAL: "文件名或参数无效",
}


def os_reason(err: OSError) -> str:
    """What an operating-system error means, in plain Chinese (never the English errno text)."""
    if isinstance(err, FileNotFoundError):
        return _OS_REASONS[errno.ENOENT]
    if isinstance(err, PermissionError) and err.errno not in _OS_REASONS:
        return _OS_REASONS[errno.EACCES]
    reason = _OS_REASONS.get(err.errno or 0)
    if reason is not None:
        return reason
    winerror = getattr(err, "winerror", None)
    if winerror == 32:  # ERROR_SHARING_VIOLATION: Word has the file open
        return "文件正被其他程序占用"
    code = winerror or err.errno
    return f"系统错误（代码 {code}）" if code else "系统错误"
