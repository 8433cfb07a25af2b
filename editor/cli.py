"""The ``jianxun`` command line, standing on the core only.

``parse`` and ``export`` work on files; ``ingest``, ``watch``, ``list``,
``search``, ``show``, ``approve``, ``export ID``, ``backup`` and ``restore``
work on the archive in the data directory (``--data-dir``, before or after
the command, or ``JIANXUN_DATA_DIR``), or on a PostgreSQL server's
(``--database URL`` likewise, or ``JIANXUN_DATABASE``). Every error is one Chinese line on
stderr naming the file or bulletin and the reason, with an exit code
(:data:`EXIT_CODES`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from editor import __version__
from editor.core.errors import InputError
from editor.core.filenames import display_path

# (typing's own TYPE_CHECKING would import typing, which ``jianxun parse`` need not load;
# mypy reads a constant of this name the same way)
TYPE_CHECKING = False
if TYPE_CHECKING:  # argparse (with gettext and shutil) loads only to build the parser
    import argparse

EXIT_OK = 0
EXIT_INPUT = 2  # also a mistyped command line (editor.cli_parser.EXIT_USAGE)
EXIT_REFUSED = 3
EXIT_WRITE = 4
EXIT_NO_PDF = 5
EXIT_NOT_FOUND = 6
EXIT_INTERNAL = 70  # a bug of ours (EX_SOFTWARE); said in one line, never a traceback
EXIT_INTERRUPTED = 130

EXIT_CODES = {
    EXIT_OK: "成功（检索或列表没有结果也是 0）",
    EXIT_INPUT: "输入读不了、档案或数据目录打不开（或不存在）、命令写错",
    EXIT_REFUSED: "缺少必填内容，或简报的状态不允许（如未批准就导出）",
    EXIT_WRITE: "无法写出（文件已存在、文件夹不存在、没有权限、磁盘已满）",
    EXIT_NO_PDF: "DOCX 已写出，但没能生成 PDF",
    EXIT_NOT_FOUND: "档案里没有这个编号",
    EXIT_INTERNAL: "程序内部出错（设环境变量 JIANXUN_DEBUG=1 可看详情）",
    EXIT_INTERRUPTED: "按了 Ctrl+C",
}
"""Every exit code the command line uses, as ``jianxun --help`` and the README list them."""


def _encode(text: str) -> bytes:
    """UTF-8; a path that is not valid Unicode (a GBK file name on Linux) is shown readably."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return display_path(text).encode("utf-8", "replace")


def write_out(text: str) -> None:
    sys.stdout.buffer.write(_encode(text))
    sys.stdout.buffer.flush()


def error(message: str) -> None:
    sys.stderr.buffer.write(_encode(f"jianxun: {message}\n"))
    sys.stderr.buffer.flush()


def exit_codes_text() -> str:
    """The exit codes as the help lists them, one a line."""
    return "退出码：\n" + "\n".join(
        f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items()
    )


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only="parse"`` its top and the ``parse`` command alone.

    ``jianxun parse FILE`` needs no other command's options: building them all costs
    argparse milliseconds, a good part of what the whole process takes (issue 19).
    """
    from editor import cli_archive
    from editor.cli_parser import ChineseParser, RawChineseFormatter

    parser = ChineseParser(
        prog="jianxun",
        description="简讯编审台：地方志工作简报的收件、解析、审校与排版导出。",
        epilog=(
            "不带命令时打开编审台（--inbox DIR、--data-dir DIR 可指定目录）；\n"
            "--self-test 在临时目录里走一遍收件、解析、批准、导出，供技术支持检查安装。\n"
            "--database URL 使用 PostgreSQL 服务器上几台电脑共用的档案"
            "（postgresql://用户@服务器:端口/数据库，也可用环境变量 JIANXUN_DATABASE）。\n"
            "--data-dir、--database 和 --user 写在命令前后都可以。"
            "“jianxun 命令 --help”查看各命令的说明。\n\n" + exit_codes_text()
        ),
        formatter_class=RawChineseFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"jianxun {__version__}",
        help="显示版本号并退出",
    )
    cli_archive.add_data_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="命令")
    parse = commands.add_parser(
        "parse",
        help="解析一份简报，输出 jianxun.bulletin/1 JSON",
        description="解析一份简报，在标准输出打印 jianxun.bulletin/1 JSON（UTF-8）。",
    )
    parse.add_argument(
        "file",
        type=Path,
        metavar="文件",
        help="简报文件（.txt、.docx、.pdf，或扫描件：.png、.jpg、.tif，扫描的 PDF）",
    )
    parse.add_argument("--pretty", action="store_true", help="缩进输出，便于阅读")
    if only == "parse":
        return parser
    from editor import cli_export

    cli_export.add_command(commands)
    cli_archive.add_commands(commands)
    return parser


def cmd_parse(args: argparse.Namespace) -> int:
    return _parse_and_print(args.file, pretty=args.pretty)


def _parse_and_print(file: Path, *, pretty: bool) -> int:
    from editor.cli_ocr import read_bulletin

    try:
        bulletin = read_bulletin(file)
    except InputError as err:
        error(str(err))
        return EXIT_INPUT
    write_out(bulletin.to_json(pretty=pretty) + "\n")
    return EXIT_OK


def plain_parse_command(given: Sequence[str]) -> tuple[Path, bool] | None:
    """``parse FILE`` or ``parse FILE --pretty`` (either order): the file and whether pretty,
    read as argparse reads them; None for any other command line.

    The common case needs no parser (argparse, its gettext and shutil cost ``jianxun parse``
    milliseconds, issue 19). Anything else, an option beginning with ``-`` (``--help``, an
    abbreviation, a file named ``-x``) or a word too many, goes to argparse, which words
    every mistake.
    """
    if len(given) not in (2, 3) or given[0] != "parse":
        return None
    rest = list(given[1:])
    pretty = "--pretty" in rest
    if pretty:
        rest.remove("--pretty")
    if len(rest) != 1 or rest[0].startswith("-"):
        return None
    return Path(rest[0]), pretty


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a reader that closes the pipe early (``| head``) just ends the output."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # Python would complain again flushing stdout at exit: point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        error("已中断")
        return EXIT_INTERRUPTED
    except MemoryError:
        error("内存不足，没能完成")
        return EXIT_INTERNAL
    except Exception:
        # A bug of ours: one line for the user, the details only when asked for.
        if os.environ.get("JIANXUN_DEBUG"):
            raise
        error(
            "程序内部出错，没能完成。请把所用的命令和文件交给技术支持"
            "（设置环境变量 JIANXUN_DEBUG=1 再运行可看到详情）"
        )
        return EXIT_INTERNAL


def _run(argv: Sequence[str] | None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    plain = plain_parse_command(given)
    if plain is not None:
        return _parse_and_print(plain[0], pretty=plain[1])
    from editor import cli_archive

    # A command line that begins with "parse" is that command's (whatever follows, the
    # top's options and the other commands cannot be among it): only it is built.
    parser = _parser("parse" if given[:1] == ["parse"] else None)
    args = parser.parse_args(given)
    cli_archive.merge_data_options(args)
    if args.command == "parse":
        return cmd_parse(args)
    if args.command == "export":
        from editor import cli_export

        return cli_export.cmd_export(args)
    if args.command in cli_archive.COMMANDS:
        return cli_archive.COMMANDS[args.command](args)
    parser.print_help()
    return EXIT_OK
