"""The ``jianxun`` command line, standing on the core only."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from editor import __version__
from editor.core.errors import InputError
from editor.core.parsing import parse_file

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jianxun",
        description="简讯编审台：地方志工作简报的收件、解析、审校与排版导出。",
    )
    parser.add_argument("--version", action="version", version=f"jianxun {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令")
    parse = commands.add_parser("parse", help="解析一份简报，输出 jianxun.bulletin/1 JSON")
    parse.add_argument("file", type=Path, help="简报文件（.txt）")
    parse.add_argument("--pretty", action="store_true", help="缩进输出，便于阅读")
    return parser


def _write_stdout(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _error(message: str) -> None:
    sys.stderr.buffer.write(f"jianxun: {message}\n".encode())
    sys.stderr.buffer.flush()


def cmd_parse(file: Path, *, pretty: bool) -> int:
    try:
        bulletin = parse_file(file)
    except InputError as err:
        _error(str(err))
        return EXIT_INPUT
    _write_stdout(bulletin.to_json(pretty=pretty) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "parse":
        return cmd_parse(args.file, pretty=args.pretty)
    _parser().print_help()
    return EXIT_OK
