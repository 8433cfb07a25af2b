"""The ``jianxun`` command line, standing on the core only.

``parse`` and ``export`` work on files; ``ingest``, ``watch``, ``list``,
``search``, ``show``, ``approve`` and ``export ID`` work on the archive in the
data directory (``--data-dir`` or ``JIANXUN_DATA_DIR``). Every error is one
line on stderr naming the file or bulletin and the reason, with an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from editor import __version__
from editor.cli_parser import ChineseParser
from editor.core.errors import InputError, os_reason
from editor.core.export import ExportError, ExportRefused, ExportTooLarge, export_docx
from editor.core.export.pdf import PdfUnavailable, convert_to_pdf
from editor.core.export.profile import load_profile
from editor.core.filenames import display_path
from editor.core.limits import MAX_FILE_BYTES, too_large_reason
from editor.core.model import Bulletin, SchemaError
from editor.core.parsing import parse_file

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_INPUT = 2
EXIT_REFUSED = 3
EXIT_WRITE = 4
EXIT_NO_PDF = 5
EXIT_INTERNAL = 70  # a bug of ours (EX_SOFTWARE); said in one line, never a traceback
EXIT_INTERRUPTED = 130


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


def _parser() -> argparse.ArgumentParser:
    from editor import cli_archive

    parser = ChineseParser(
        prog="jianxun",
        description="简讯编审台：地方志工作简报的收件、解析、审校与排版导出。",
    )
    parser.add_argument("--version", action="version", version=f"jianxun {__version__}")
    parser.epilog = (
        "不带命令时打开编审台（--inbox DIR、--data-dir DIR 可指定目录）；"
        "--self-test 在临时目录里走一遍收件、解析、批准、导出，供技术支持检查安装。"
    )
    commands = parser.add_subparsers(dest="command", metavar="命令")
    parse = commands.add_parser("parse", help="解析一份简报，输出 jianxun.bulletin/1 JSON")
    parse.add_argument("file", type=Path, help="简报文件（.txt 或 .docx）")
    parse.add_argument("--pretty", action="store_true", help="缩进输出，便于阅读")

    export = commands.add_parser(
        "export",
        help="按公文版式导出 DOCX",
        description=(
            "把简报导出为版式规范的 DOCX。INPUT 是 jianxun.bulletin/1 JSON 文件、parse 能读的"
            "任何文件，或档案中已批准简报的编号。退出码：0 成功，2 输入无法读取，3 缺少必填内容"
            "或状态不允许，4 无法写出，5 DOCX 已写出但 PDF 未生成。"
        ),
    )
    export.add_argument("input", metavar="INPUT", help="JSON、简报文件，或档案编号")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.docx")
    export.add_argument("--draft", action="store_true", help="缺项也导出，页眉标注「草稿」")
    export.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    export.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF")
    export.add_argument("--profile", type=Path, metavar="FILE", help="版式配置（TOML）")
    cli_archive.add_data_options(export)
    cli_archive.add_commands(commands)
    return parser


def cmd_parse(args: argparse.Namespace) -> int:
    try:
        bulletin = parse_file(args.file)
    except InputError as err:
        error(str(err))
        return EXIT_INPUT
    write_out(bulletin.to_json(pretty=args.pretty) + "\n")
    return EXIT_OK


def load_bulletin(path: Path) -> Bulletin:
    """A bulletin from a jianxun.bulletin/1 JSON file or any file the parser reads."""
    if path.suffix.lower() == ".json":
        name = str(path)
        try:
            if path.is_dir():
                raise InputError(name, "这是文件夹，不是文件")
            if path.stat().st_size > MAX_FILE_BYTES:
                raise InputError(name, too_large_reason(path.stat().st_size))
            text = path.read_bytes().decode("utf-8-sig")
            return Bulletin.from_json(text)
        except OSError as err:
            raise InputError(name, f"无法读取：{os_reason(err)}") from err
        except UnicodeDecodeError as err:
            raise InputError(name, "不是 UTF-8 编码的 JSON 文件") from err
        except SchemaError as err:
            raise InputError(name, f"不是有效的 jianxun.bulletin/1 文件：{err}") from err
    return parse_file(path)


def write_docx(bulletin: Bulletin, args: argparse.Namespace, label: str) -> tuple[int, Path | None]:
    """Export with the command's options; (exit code, path written)."""
    try:
        profile = load_profile(args.profile)
    except InputError as err:
        error(str(err))
        return EXIT_INPUT, None
    output: Path = args.output
    if output.suffix.lower() != ".docx":
        output = output.with_name(output.name + ".docx")
    try:
        written = export_docx(bulletin, output, profile=profile, draft=args.draft, force=args.force)
    except ExportRefused as err:
        error(f"{label}：{err}；补齐后再导出，或加 --draft 导出草稿")
        return EXIT_REFUSED, None
    except ExportTooLarge as err:
        error(f"{label}：{err}")
        return EXIT_INPUT, None
    except ExportError as err:
        error(str(err))
        return EXIT_WRITE, None
    except OSError as err:  # e.g. a name longer than the file system allows
        error(f"{output}：无法写出（{os_reason(err)}）")
        return EXIT_WRITE, None
    write_out(f"已导出：{written}\n")
    from editor.core.export import export_warnings

    for warning in export_warnings(bulletin, profile):
        error(f"提醒：{warning}")
    if args.pdf:
        try:
            pdf = convert_to_pdf(written)
        except PdfUnavailable as err:
            error(f"{written}：DOCX 已导出，但{err}")
            return EXIT_NO_PDF, written
        write_out(f"已生成 PDF：{pdf}\n")
    return EXIT_OK, written


def cmd_export(args: argparse.Namespace) -> int:
    from editor import cli_archive

    source = Path(args.input)
    if args.input.isdigit() and not source.exists():
        return cli_archive.export_stored(args)
    try:
        bulletin = load_bulletin(source)
    except InputError as err:
        error(str(err))
        return EXIT_INPUT
    return write_docx(bulletin, args, str(source))[0]


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
    from editor import cli_archive

    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "parse":
        return cmd_parse(args)
    if args.command == "export":
        return cmd_export(args)
    if args.command in cli_archive.COMMANDS:
        return cli_archive.COMMANDS[args.command](args)
    parser.print_help()
    return EXIT_OK
