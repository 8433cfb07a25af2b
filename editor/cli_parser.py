"""An argparse that speaks Chinese: help, usage and every mistake in a command line.

argparse builds its words through the ``_``/``ngettext`` names of its own module;
they are pointed at a table of the phrases it uses, once, when this module loads.
A mistyped command ends as one line naming the command and what is wrong, and a
hint to ``--help`` (exit 2), never "usage:", "error:" or "invalid choice".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, NoReturn

EXIT_USAGE = 2

_PHRASES = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "参数",
    "show this help message and exit": "显示这段说明并退出",
    "show program's version number and exit": "显示版本号并退出",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "没有 %(value)r 这一项（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "expected one argument": "后面需要一个值",
    "expected at least one argument": "后面至少需要一个值",
    "expected at most one argument": "后面最多只能有一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是 %(matches)s"
    ),
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "one of the arguments %s is required": "需要 %s 之一",
    "ignored explicit argument %r": "多余的值 %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有 %(parser_name)r 这一项（可选：%(choices)s）"
    ),
}
_TYPES = {" int": "整数", " float": "数字", " Path": "路径"}


def _chinese(message: str) -> str:
    return _PHRASES.get(message, message)


def _chinese_plural(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return "后面需要 %s 个值"
    return singular if count == 1 else plural


argparse._ = _chinese  # type: ignore[attr-defined]
argparse.ngettext = _chinese_plural  # type: ignore[attr-defined]


def _wide(text: str) -> int:
    """How many more columns than characters the text takes (a Chinese character takes two)."""
    import unicodedata  # (only for help shown: not for every command)

    return sum(1 for char in text if unicodedata.east_asian_width(char) in "WF")


class ChineseFormatter(argparse.HelpFormatter):
    """Help whose columns stay lined up when an option's name is Chinese (``--status 状态``)."""

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        extra = _wide(header)
        first, newline, rest = text.partition("\n")
        end = self._current_indent + len(header)
        if (
            extra
            and first.startswith(" " * self._current_indent + header)
            and first[end : end + extra + 2] == " " * (extra + 2)
        ):
            first = first[:end] + first[end + extra :]
        return first + newline + rest


class RawChineseFormatter(ChineseFormatter, argparse.RawDescriptionHelpFormatter):
    """The same, with the description and epilog kept as written (lists of exit codes)."""


class ChineseParser(argparse.ArgumentParser):
    """Mistakes are one Chinese line and a pointer to the help.

    ``description`` may also be a function giving the text: it is called only when the help
    is shown, so a description that needs a module of the core costs nothing to a command
    that never shows it (``jianxun parse`` loads no exporter to name its file pattern).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseFormatter)
        described = kwargs.get("description")
        self._describe: Callable[[], str] | None = described if callable(described) else None
        if self._describe is not None:
            kwargs["description"] = None
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        if self._describe is not None:
            self.description, self._describe = self._describe(), None
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        for english, chinese in _TYPES.items():
            message = message.replace(f"有效的{english.strip()}", f"有效的{chinese}")
        sys.stderr.buffer.write(
            f"{self.prog}：命令写得不对：{message}（用 {self.prog} --help 查看说明）\n".encode()
        )
        sys.stderr.buffer.flush()
        raise SystemExit(EXIT_USAGE)
