"""``jianxun export``: a bulletin (a file, or an approved one from the archive) to DOCX.

Where it goes: ``-o 第9期.docx`` is that file; ``-o 文件夹/`` (an existing folder)
and no ``-o`` at all name the file as the desk does (``{name}第{issue}期.docx``,
never over an existing file, `` (2)`` … instead). Without ``-o`` the folder is
the desk's default export folder, ``简讯导出`` in the user's documents; the
desk's own choice lives in its Qt settings, which the command line does not read.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from editor.cli import (
    EXIT_INPUT,
    EXIT_NO_PDF,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_WRITE,
    error,
    exit_codes_text,
    write_out,
)
from editor.cli_parser import RawChineseFormatter
from editor.core.errors import InputError, os_reason
from editor.core.filenames import is_folder
from editor.core.limits import MAX_FILE_BYTES, too_large_reason
from editor.core.model import Bulletin, SchemaError

EXPORT_FOLDER = "简讯导出"
"""The desk's default export folder in the user's documents (editor.gui.settings)."""


def default_export_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / EXPORT_FOLDER


def _description() -> str:
    from editor.core.export.naming import DEFAULT_PATTERN

    return (
        "把简报导出为版式规范的 DOCX。INPUT 是 jianxun.bulletin/1 JSON 文件、\n"
        "parse 能读的任何文件，或档案中已批准简报的编号。\n"
        "-o 给文件名就写到这个文件；给已有的文件夹，或不给 -o（写到编审台默认的导出文件夹\n"
        f"“文档/{EXPORT_FOLDER}”），就按编审台的命名规则“{DEFAULT_PATTERN}”取名，\n"
        "已有同名文件时加“ (2)”等，不覆盖（加 --force 才覆盖）。"
    )


def add_command(commands: Any) -> None:
    from editor import cli_archive

    export = commands.add_parser(
        "export",
        help="按公文版式导出 DOCX",
        description=_description,  # (the exporter loads only when the help is shown)
        epilog=exit_codes_text(),
        formatter_class=RawChineseFormatter,
    )
    export.add_argument("input", metavar="INPUT", help="JSON、简报文件，或档案编号")
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=f"写到这个 .docx 文件，或这个文件夹（默认：文档/{EXPORT_FOLDER}）",
    )
    export.add_argument("--draft", action="store_true", help="缺项也导出，页眉标注「草稿」")
    export.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    export.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF")
    export.add_argument("--profile", type=Path, metavar="FILE", help="版式配置（TOML）")
    cli_archive.add_data_options(export)


def load_bulletin(path: Path) -> Bulletin:
    """A bulletin from a jianxun.bulletin/1 JSON file or any file the parser reads."""
    if path.suffix.lower() == ".json":
        name = str(path)
        try:
            if is_folder(path):
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
    from editor.cli_ocr import read_bulletin

    return read_bulletin(path)


class _NoTarget(Exception):
    """The output place cannot be used; the message names it and says why."""


def _in_folder(folder: Path, bulletin: Bulletin, bulletin_id: int | None, force: bool) -> Path:
    from editor.core.export.naming import DEFAULT_PATTERN, export_name, free_path

    name = export_name(bulletin, DEFAULT_PATTERN, bulletin_id)
    return folder / name if force else free_path(folder, name)


def target_for(
    bulletin: Bulletin, output: str | None, bulletin_id: int | None, *, force: bool
) -> Path:
    """The file to write: ``-o`` as a file, in a folder ``-o`` names, or in the export folder."""
    if output is None:
        folder = default_export_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise _NoTarget(f"{folder}：无法建立导出文件夹（{os_reason(err)}）") from err
        if not is_folder(folder):
            raise _NoTarget(f"{folder}：不是文件夹")
        return _in_folder(folder, bulletin, bulletin_id, force)
    path = Path(output)
    if is_folder(path):
        return _in_folder(path, bulletin, bulletin_id, force)
    if output.endswith(("/", os.sep)):
        raise _NoTarget(f"{path}：文件夹不存在")
    if path.suffix.lower() != ".docx":
        path = path.with_name(path.name + ".docx")
    return path


def write_docx(
    bulletin: Bulletin, args: argparse.Namespace, label: str, bulletin_id: int | None = None
) -> tuple[int, Path | None]:
    """Export with the command's options; (exit code, path written)."""
    from editor.core.export import ExportError, ExportRefused, ExportTooLarge, export_docx
    from editor.core.export.profile import load_profile

    try:
        profile = load_profile(args.profile)
    except InputError as err:
        error(str(err))
        return EXIT_INPUT, None
    try:
        output = target_for(bulletin, args.output, bulletin_id, force=args.force)
    except _NoTarget as err:
        error(str(err))
        return EXIT_WRITE, None
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
    write_out(f"已写出：{written}\n")
    from editor.core.export import export_warnings

    for warning in export_warnings(bulletin, profile):
        error(f"提醒：{warning}")
    if args.pdf:
        from editor.core.export.pdf import PdfUnavailable, convert_to_pdf

        try:
            pdf = convert_to_pdf(written)
        except PdfUnavailable as err:
            error(f"{written}：DOCX 已写出，但{err}")
            return EXIT_NO_PDF, written
        except OSError as err:
            error(f"{written}：DOCX 已写出，但 PDF 没能保存（{os_reason(err)}）")
            return EXIT_NO_PDF, written
        write_out(f"已写出 PDF：{pdf}\n")
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
