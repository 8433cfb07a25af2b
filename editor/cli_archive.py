"""Archive commands for clerks and scripts: ingest, watch, list, search, approve, export ID,
backup and restore (``show`` is :mod:`editor.cli_show`)."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.cli import (
    EXIT_INPUT,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_REFUSED,
    error,
    write_out,
)
from editor.core.filenames import is_folder
from editor.core.workflow import RECOGNISING, STATUS_LABELS, STATUSES, WorkflowError

if TYPE_CHECKING:  # the archive's modules load only for the commands that use them
    from editor.core.recognition_queue import RecognitionQueue
    from editor.core.store import Record, Store, Summary

CLAIM_RETRY_S = 5.0  # how often watch asks for a shared inbox another desk takes
DEFAULT_STABILITY_DELAY = 2.0  # editor.core.inbox's default, without importing watchdog here

_TOP = "top_"  # dest prefix of the options given before the command
_DATA_OPTIONS = ("data_dir", "database", "user")

ENV_DATABASE = "JIANXUN_DATABASE"
DATABASE_FORM = "postgresql://用户@服务器:端口/数据库"


def database_argument(text: str) -> str:
    """What ``--database`` accepts: a PostgreSQL address (its text is never repeated back:
    it may hold a password)."""
    from editor.core.store import is_database_url

    if not is_database_url(text):
        raise argparse.ArgumentTypeError(f"需要 {DATABASE_FORM} 形式的数据库地址")
    return text.strip()


def add_data_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--data-dir``, ``--database`` and ``--user``; ``top`` for the ones before the command."""
    prefix = _TOP if top else ""
    parser.add_argument(
        "--data-dir",
        dest=f"{prefix}data_dir",
        type=Path,
        metavar="DIR",
        help="数据目录（数据库和原件；默认为环境变量 JIANXUN_DATA_DIR 或用户数据目录）",
    )
    parser.add_argument(
        "--database",
        dest=f"{prefix}database",
        type=database_argument,
        metavar="URL",
        help=(
            f"使用 PostgreSQL 服务器上的共享档案（{DATABASE_FORM}；默认为环境变量 "
            f"{ENV_DATABASE}）；这时档案和原件都在服务器上，不在数据目录里"
        ),
    )
    parser.add_argument(
        "--user",
        dest=f"{prefix}user",
        default=None,
        metavar="NAME",
        help="记入修订记录的用户名（默认：登录名）",
    )


def merge_data_options(args: argparse.Namespace) -> None:
    """``jianxun --data-dir X list`` means ``jianxun list --data-dir X`` (after wins)."""
    for name in _DATA_OPTIONS:
        if getattr(args, name, None) is None:
            setattr(args, name, getattr(args, _TOP + name, None))


def server_address(args: argparse.Namespace) -> str | None:
    """The PostgreSQL archive the command is to use (``--database``, else $JIANXUN_DATABASE),
    or None for the SQLite archive in the data directory. A $JIANXUN_DATABASE that is no
    such address ends the command (exit 2), without repeating it."""
    from editor.core.store import is_database_url

    if getattr(args, "database", None):
        return str(args.database)
    env = os.environ.get(ENV_DATABASE, "").strip()
    if not env:
        return None
    if not is_database_url(env):
        error(f"环境变量 {ENV_DATABASE} 不是数据库地址（应为 {DATABASE_FORM}）")
        raise SystemExit(EXIT_INPUT)
    return env


STATUS_NAMES = {
    **{label: status for status, label in STATUS_LABELS.items()},
    **{status: status for status in STATUSES},
}
"""What ``--status`` accepts: the Chinese names ``list`` prints, and the English keys."""


def status_argument(text: str) -> str:
    status = STATUS_NAMES.get(text.strip())
    if status is None:
        known = "、".join(STATUS_LABELS[s] for s in STATUSES)
        raise argparse.ArgumentTypeError(f"没有“{text}”这种状态（可选：{known}）")
    return status


def add_commands(commands: Any) -> None:
    ingest = commands.add_parser(
        "ingest",
        help="把文件夹里的简报（或一份简报文件）一次收进档案",
        description=(
            "把文件夹里的简报一次收进档案（已收过的跳过），或者收一份文件。"
            "支持 .txt、.docx、.pdf 和扫描件（.png、.jpg、.tif），扫描件收取后逐份识别；"
            "原件先复制进数据目录，收件箱里的文件永不改动。"
        ),
    )
    ingest.add_argument("folder", type=Path, metavar="路径", help="收件文件夹，或一份简报文件")
    add_data_options(ingest)

    watch = commands.add_parser(
        "watch",
        help="监视收件文件夹，逐份收取，直到 Ctrl+C",
        description="监视收件文件夹（不存在时建立），逐份收取并打印结果，直到 Ctrl+C。",
    )
    watch.add_argument("folder", type=Path, metavar="DIR", help="收件文件夹")
    watch.add_argument("--polling", action="store_true", help="轮询（网络共享文件夹用）")
    watch.add_argument(
        "--delay",
        type=float,
        default=DEFAULT_STABILITY_DELAY,
        metavar="秒",
        help=f"文件大小和修改时间多少秒不变后收取（默认 {DEFAULT_STABILITY_DELAY:g}）",
    )
    add_data_options(watch)

    statuses = "、".join(STATUS_LABELS[s] for s in STATUSES)
    listing = commands.add_parser(
        "list",
        help="列出档案中的简报",
        description="列出档案中的简报，新收到的在前：编号、状态、期号、标题、文件。",
    )
    listing.add_argument(
        "--status",
        type=status_argument,
        metavar="状态",
        help=f"只列出这种状态的简报：{statuses}",
    )
    listing.add_argument("--json", action="store_true", help="输出 JSON，供脚本使用")
    add_data_options(listing)

    search = commands.add_parser(
        "search", help="全文检索标题和正文", description="全文检索标题和正文，最相关的在前。"
    )
    search.add_argument("query", metavar="检索词", help="要找的字词")
    search.add_argument("--json", action="store_true", help="输出 JSON，供脚本使用")
    add_data_options(search)

    show = commands.add_parser(  # (editor.cli_show, loaded only to show one)
        "show",
        help="显示一份简报：字段、问题、修订记录",
        description=(
            "显示一份简报：状态、原件、收到的时间，按编审台的字段名列出全部内容，编审台会提示的问题，"
            "以及修订记录（每次是谁、何时、改了哪些字段）。--json 输出 jianxun.bulletin/1 JSON。"
        ),
    )
    show.add_argument("id", type=int, metavar="编号", help="档案里的简报编号（list 的 #N）")
    show.add_argument("--json", action="store_true", help="输出 JSON，供脚本使用")
    add_data_options(show)

    approve = commands.add_parser(
        "approve",
        help="批准一份简报（缺必填项时拒绝）",
        description="批准一份简报；缺必填项时拒绝并一次列全（退出码 3）。",
    )
    approve.add_argument("id", type=int, metavar="编号", help="档案里的简报编号（list 的 #N）")
    add_data_options(approve)

    backup = commands.add_parser(
        "backup",
        help="备份档案（数据库在线备份和全部原件）到文件夹",
        description=(
            "把档案备份到文件夹 DIR：jianxun.sqlite3（编审台开着也可以备份，得到一致的副本）"
            "和 originals/（全部原件），别的什么也不留。DIR 里已有备份时拒绝覆盖，"
            "除非加 --overwrite；失败（没有写入权限、磁盘已满）时删去已写的部分，不留半份备份。"
        ),
    )
    backup.add_argument("folder", type=Path, metavar="DIR", help="备份文件夹（不存在时建立）")
    backup.add_argument("--overwrite", action="store_true", help="覆盖 DIR 里已有的备份")
    add_data_options(backup)

    restore = commands.add_parser(
        "restore",
        help="从备份文件夹恢复到空的数据目录",
        description=(
            "从备份文件夹 DIR 恢复到空的数据目录，从不覆盖已有档案。先检查备份：数据库损坏、"
            "来自更新版本或缺少原件时拒绝恢复，什么也不写。"
        ),
    )
    restore.add_argument("folder", type=Path, metavar="DIR", help="备份文件夹")
    restore.add_argument(
        "--partial",
        action="store_true",
        help="备份缺少部分原件时仍然恢复（缺少的原件无法找回，恢复后报告数量）",
    )
    add_data_options(restore)

    compact = commands.add_parser(
        "compact",
        help="整理档案：让旧版本留下的档案变得和新建的一样小",
        description=(
            "整理本机档案：旧版本存下的简报按新办法重新压缩，数据库文件重新写过一遍、去掉空闲的页"
            "（升级后文件不会自己变小）。须先关闭编审台、watch 和其他命令；整理要与档案一样大的"
            "空余磁盘空间，失败时档案保持原样。共享档案（--database）由服务器管理，不用整理。"
        ),
    )
    add_data_options(compact)


@contextmanager
def open_archive(
    args: argparse.Namespace, *, create: bool = True, read_only: bool = False
) -> Iterator[Store]:
    """The archive for one command, closed after it: the server's with ``--database`` or
    $JIANXUN_DATABASE, else the one in the data directory.

    An archive that cannot be used (a data directory or database that is not there or
    not usable, a server that does not answer or refuses the user or the password) ends
    the command: one line naming the place (never a password) and the reason, exit 2
    (SystemExit, so every command, and every way it can fail while using the archive,
    is covered in one place). ``create=False`` never makes an archive (a mistyped
    ``--data-dir``); ``read_only`` writes nothing, so reading works in a read-only folder.
    """
    import sqlite3

    from editor.core.paths import data_dir, sqlite_reason
    from editor.core.store import SchemaTooNew, StoreError, open_store

    data = data_dir(args.data_dir)
    address = server_address(args)
    try:
        if address is None:
            store = open_store(data, create=create, read_only=read_only)
        else:
            store = open_store(address, create=create, read_only=read_only, data=data)
    except (StoreError, SchemaTooNew) as err:
        error(str(err))
        raise SystemExit(EXIT_INPUT) from None
    with store:
        try:
            yield store
        except sqlite3.Error as err:
            error(f"{data.database}：{sqlite_reason(err)}")
            raise SystemExit(EXIT_INPUT) from None
        except StoreError as err:  # the server went away, say, in the middle of the command
            error(str(err))
            raise SystemExit(EXIT_INPUT) from None


def summary_row(summary: Summary) -> dict[str, Any]:
    out = summary.to_dict()
    out["status_label"] = STATUS_LABELS.get(summary.status, summary.status)
    return out


def _print_summaries(summaries: list[Summary], as_json: bool, none: str) -> None:
    """The rows, or ``none`` (a Chinese line) when there are none; ``[]`` for --json."""
    if as_json:
        write_out(
            json.dumps([summary_row(s) for s in summaries], ensure_ascii=False, indent=2) + "\n"
        )
        return
    if not summaries:
        write_out(none + "\n")
        return
    for s in summaries:
        issue = f"第{s.issue}期" if s.issue is not None else ""
        title = s.title or s.failure or ""
        status = STATUS_LABELS.get(s.status, s.status)
        write_out(f"#{s.id}\t{status}\t{s.series or ''}{issue}\t{title}\t{s.source_path}\n")


def cmd_ingest(args: argparse.Namespace) -> int:
    """A folder's candidate files, or one file; either way through the inbox's own rules."""
    from editor.cli_ocr import recognise_now
    from editor.core.ingest import OUTCOME_LABELS, SUPPORTED, Outcome, is_candidate, scan
    from editor.core.ingest_batch import ingest_files

    path: Path = args.folder
    single = not is_folder(path)
    if not single:
        files, inbox = scan(path), path
    elif path.exists() or path.is_symlink():
        if not is_candidate(path):
            kinds = "、".join(SUPPORTED)
            error(f"{path}：不收这种文件（只收 {kinds}，临时文件、隐藏文件和系统文件不收）")
            return EXIT_INPUT
        # The file's own folder is its inbox: a link leading out of it is refused, as in a scan.
        files, inbox = [path], path.parent
    else:
        error(f"{path}：找不到这个文件或文件夹")
        return EXIT_INPUT
    counts: dict[str, int] = {}
    not_taken = False

    def said(outcome: Outcome) -> None:
        nonlocal not_taken
        counts[outcome.kind] = counts.get(outcome.kind, 0) + 1
        not_taken = not_taken or outcome.kind in ("refused", "vanished", "retry")
        if outcome.kind != "skipped":
            write_out(outcome.line() + "\n")

    with open_archive(args) as store:
        ingest_files(store, files, user=args.user, inbox=inbox, said=said)
        # Scans recorded now, and any an earlier run or a closed desk left waiting.
        waiting = sorted(store.ids(RECOGNISING))
        read = recognise_now(store, waiting, args.user) if waiting else {}
    summary = "，".join(f"{OUTCOME_LABELS[k]} {v} 份" for k, v in sorted(counts.items()))
    summary = summary or "没有可收取的文件"
    if read:
        summary += f"；扫描件识别完成 {read['read']} 份，未能识别 {read['failed']} 份"
    write_out(f"完成：{summary}\n")
    # One file named on the command line that was not taken is a failure of the command.
    return EXIT_INPUT if single and not_taken else EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    import signal
    import socket
    import threading

    from editor.core.errors import os_reason
    from editor.core.inbox import InboxWatcher
    from editor.core.ingest import Outcome, RepeatFilter, inbox_known, ingest_file
    from editor.core.ingest_batch import take_settled

    folder: Path = args.folder
    if folder.exists() and not is_folder(folder):
        error(f"{folder}：不是文件夹（watch 监视的是收件文件夹）")
        return EXIT_INPUT
    stop = threading.Event()
    repeats = RepeatFilter()
    with open_archive(args) as store:
        scans = _scan_queue(store, args.user)

        def said(outcome: Outcome) -> None:
            if repeats.fresh(outcome):
                write_out(outcome.line() + "\n")
            if outcome.kind == "recognising" and scans is not None and outcome.bulletin_id:
                scans.add(outcome.bulletin_id)

        def take(path: Path) -> bool:
            outcome = ingest_file(store, path, user=args.user, inbox=args.folder, relative=True)
            said(outcome)
            return not outcome.retry_later

        def take_many(paths: list[Path]) -> dict[Path, bool]:
            inbox: Path = args.folder
            return take_settled(
                store, paths, user=args.user, inbox=inbox, said=said, stop=stop.is_set
            )

        def watcher() -> InboxWatcher:
            return InboxWatcher(
                args.folder,
                take,
                is_known=inbox_known(store, args.folder),
                on_error=error,
                on_ready_many=take_many,
                polling=args.polling,
                stability_delay=args.delay,
            )

        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        # On a server archive the desks elect one to take the shared inbox: this command
        # takes part, so the inbox is never watched twice (and takes over when it can).
        shared = server_address(args) is not None
        desk = f"watch-{socket.gethostname()}-{os.getpid()}"
        running: InboxWatcher | None = None
        claim = None
        told = False
        try:
            while not stop.is_set():
                if claim is not None and not claim.holding():
                    claim, told = None, False
                    if running is not None:
                        running.stop()
                        running = None
                    if scans is not None:
                        scans.stop()
                if shared and claim is None:
                    claim = store.claim_inbox(desk)
                    if claim is None:
                        if not told:
                            told = True
                            write_out(
                                "收件箱正由一台编审台收取；它关闭或断开后由这里接替，Ctrl+C 结束\n"
                            )
                        stop.wait(CLAIM_RETRY_S)
                        continue
                if running is None:
                    running = watcher()
                    try:
                        running.start()
                    except OSError as err:
                        error(f"{folder}：无法监视（{os_reason(err)}）")
                        return EXIT_INPUT
                    if scans is not None:
                        scans.start()  # (and reads what waits from before)
                    mode = "轮询" if args.polling else "系统通知"
                    write_out(
                        f"正在监视 {running.folder}（{mode}，稳定 {args.delay:g} 秒后收取），"
                        "Ctrl+C 结束\n"
                    )
                stop.wait(CLAIM_RETRY_S if shared else 0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            if running is not None:
                running.stop()
            if scans is not None:
                scans.close()
            if claim is not None:
                claim.release()
    write_out("已停止监视\n")
    return EXIT_OK


class _ScanQueue:
    """``watch``'s scans: a recognition queue that can stop and start again with the duty."""

    def __init__(self, store: Store, user: str | None) -> None:
        from editor.core.ingest import default_user
        from editor.core.reading.ocr_worker import OcrWorker

        self.store, self.user = store, user or default_user()
        self.worker = OcrWorker()
        self.queue: RecognitionQueue | None = None

    def start(self) -> None:
        from editor.cli_ocr import recognised_line
        from editor.core.recognition_queue import RecognitionQueue

        if self.queue is None:
            self.queue = RecognitionQueue(
                self.store,
                self.worker,
                user=self.user,
                on_done=lambda outcome: write_out(recognised_line(outcome)),
                on_trouble=lambda bulletin_id, reason: error(f"#{bulletin_id}：{reason}"),
            )
            self.queue.start()

    def add(self, bulletin_id: int) -> None:
        if self.queue is not None:
            self.queue.add(bulletin_id)

    def stop(self) -> None:
        if self.queue is not None:
            self.queue.stop()
            self.queue = None

    def close(self) -> None:
        self.stop()
        self.worker.close()


def _scan_queue(store: Store, user: str | None) -> _ScanQueue | None:
    from editor.core.recognition import installed

    return _ScanQueue(store, user) if installed() else None


def cmd_list(args: argparse.Namespace) -> int:
    if args.status is None:
        none = "档案里还没有简报"
    else:
        none = f"没有状态为“{STATUS_LABELS[args.status]}”的简报"
    with open_archive(args, read_only=True) as store:
        _print_summaries(store.list_bulletins(args.status), args.json, none)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with open_archive(args, read_only=True) as store:
        none = f"没有找到含“{args.query}”的简报"
        _print_summaries(store.search(args.query), args.json, none)
    return EXIT_OK


def get_record(store: Store, bulletin_id: int) -> Record | None:
    from editor.core.store import StoreError

    try:
        return store.get(bulletin_id)
    except StoreError as err:
        error(str(err))
        return None


def cmd_approve(args: argparse.Namespace) -> int:
    from editor.core.ingest import default_user
    from editor.core.validation import export_problems

    user = args.user or default_user()
    with open_archive(args, create=False) as store:
        record = get_record(store, args.id)
        if record is None:
            return EXIT_NOT_FOUND
        if record.current is not None:
            problems = export_problems(record.current)
            if problems:
                listed = "；".join(p.message for p in problems)
                error(f"#{args.id}：不能批准：{listed}")
                return EXIT_REFUSED
        try:
            status = store.transition(args.id, "approve", user)
        except WorkflowError as err:
            error(f"#{args.id}：{err}")
            return EXIT_REFUSED
    write_out(f"#{args.id} {STATUS_LABELS[status]}\n")
    return EXIT_OK


def export_stored(args: argparse.Namespace) -> int:
    """``jianxun export ID``: an approved bulletin from the archive (any state with --draft)."""
    from editor.cli_export import write_docx
    from editor.core.ingest import default_user

    user = args.user or default_user()
    bulletin_id = int(args.input)
    with open_archive(args, create=False, read_only=args.draft) as store:  # a draft changes nothing
        record = get_record(store, bulletin_id)
        if record is None:
            return EXIT_NOT_FOUND
        if record.current is None:
            error(f"#{bulletin_id}：这份简报无法解析（{record.summary.failure}），不能导出")
            return EXIT_REFUSED
        if not args.draft and record.status not in ("approved", "exported"):
            label = STATUS_LABELS.get(record.status, record.status)
            error(f"#{bulletin_id}：状态为“{label}”，批准后才能导出正式稿（或加 --draft）")
            return EXIT_REFUSED
        code, written = write_docx(record.current, args, f"#{bulletin_id}", bulletin_id)
        if written is not None and not args.draft:
            store.transition(bulletin_id, "export", user, detail=str(written))
    return code


def cmd_backup(args: argparse.Namespace) -> int:
    """``backup``: the SQLite archive and its originals, or a server archive by pg_dump."""
    from editor.core.backup import BackupError, BackupExists, backup, backup_server
    from editor.core.errors import os_reason
    from editor.core.paths import data_dir

    address = server_address(args)
    try:
        if address is not None:
            server = backup_server(address, args.folder, overwrite=args.overwrite)
            line = (
                f"已备份 {server.place} 的 {server.bulletins} 份简报、{server.originals} 个原件"
                f"到 {server.folder}"
            )
        else:
            local = backup(data_dir(args.data_dir), args.folder, overwrite=args.overwrite)
            line = f"已备份 {local.bulletins} 份简报、{local.originals} 个原件到 {local.target}"
    except BackupExists as err:
        error(f"{err}；换一个文件夹，或加 --overwrite 覆盖")
        return EXIT_INPUT
    except BackupError as err:
        error(str(err))
        return EXIT_INPUT
    except OSError as err:  # the core words what it expects; this is the last resort
        error(f"{err.filename or args.folder}：{os_reason(err)}")
        return EXIT_INPUT
    write_out(line + "\n")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """``restore``: into an empty data directory, or by pg_restore into an empty database."""
    from editor.core.backup import BackupError, OriginalsMissing, restore, restore_server
    from editor.core.errors import os_reason
    from editor.core.paths import data_dir

    address = server_address(args)
    try:
        if address is not None:
            server = restore_server(args.folder, address)
            line = f"已恢复 {server.bulletins} 份简报、{server.originals} 个原件到 {server.place}"
        else:
            local = restore(args.folder, data_dir(args.data_dir), partial=args.partial)
            line = f"已恢复 {local.bulletins} 份简报、{local.originals} 个原件到 {local.target}"
            if local.missing:
                line += f"；缺少 {local.missing} 个原件，这些简报无法查看原件"
    except OriginalsMissing as err:
        error(f"{err}；请找回完整的备份，或加 --partial 仍然恢复")
        return EXIT_INPUT
    except BackupError as err:
        error(str(err))
        return EXIT_INPUT
    except OSError as err:  # the core words what it expects; this is the last resort
        error(f"{err.filename or args.folder}：{os_reason(err)}")
        return EXIT_INPUT
    write_out(line + "\n")
    return EXIT_OK


def cmd_compact(args: argparse.Namespace) -> int:
    """``compact``: the SQLite archive written anew (editor.core.store.compaction)."""
    from editor.core.paths import data_dir
    from editor.core.store import StoreError
    from editor.core.store.compaction import compact

    if server_address(args) is not None:
        error("共享档案由服务器管理，不用整理；compact 只整理本机档案")
        return EXIT_INPUT
    try:
        done = compact(data_dir(args.data_dir))
    except StoreError as err:
        error(str(err))
        return EXIT_INPUT
    write_out(
        f"档案已整理：{done.before / 1e6:.1f} MB → {done.after / 1e6:.1f} MB"
        f"（重新压缩 {done.repacked} 个版本）\n"
    )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from editor.cli_show import cmd_show

    return cmd_show(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "backup": cmd_backup,
    "restore": cmd_restore,
    "compact": cmd_compact,
    "ingest": cmd_ingest,
    "watch": cmd_watch,
    "list": cmd_list,
    "search": cmd_search,
    "show": _show,
    "approve": cmd_approve,
}
