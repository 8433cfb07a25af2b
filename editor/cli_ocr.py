"""Scans on the command line: ``parse`` and ``export`` of a scan, and scans ``ingest`` and
``watch`` take, read by OCR in its worker process.

The command waits for the reading (``parse``, ``export``, ``ingest``), saying on stderr
which page it is on when a person is watching; ``watch`` reads scans on a thread of their
own (:class:`~editor.core.recognition_queue.RecognitionQueue`) so files arriving behind a
long scan are still taken at once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from editor.cli import error, write_out
from editor.core.errors import InputError, NeedsOcr, os_reason
from editor.core.model import Bulletin
from editor.core.parsing import parse_file

# (typing's own TYPE_CHECKING would import typing, which ``jianxun parse`` need not load)
TYPE_CHECKING = False
if TYPE_CHECKING:  # the archive and OCR load only for the commands (and files) that use them
    from editor.core.recognition import Recognised
    from editor.core.store import Store


def _pages_said(label: str) -> Callable[[int, int], None] | None:
    """Progress on stderr for a person at a terminal (a script's log stays clean)."""
    if not sys.stderr.isatty():
        return None

    def said(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\rjianxun: 正在识别{label}：{done}/{total} 页{end}")
        sys.stderr.flush()

    return said


def read_bulletin(path: Path) -> Bulletin:
    """A bulletin file parsed; a scan read by OCR. InputError naming the file otherwise."""
    try:
        return parse_file(path)
    except NeedsOcr as err:
        from editor.core.reading.text import read_file_bytes
        from editor.core.recognition import NOT_INSTALLED, installed, parse_scan

        if not installed():
            raise InputError(err.source, f"{err.reason}；{NOT_INSTALLED}") from err
        data = read_file_bytes(path)
        from editor.core.reading.ocr_worker import OcrWorker

        with OcrWorker() as worker:
            bulletin, _read = parse_scan(err.source, data, worker, progress=_pages_said(""))
        return bulletin


def recognised_line(outcome: Recognised) -> str:
    if not outcome.finished:
        return f"已由另一处识别 #{outcome.bulletin_id} {outcome.source_name}\n"
    if outcome.failure is None:
        return f"识别完成 #{outcome.bulletin_id} {outcome.source_name}\n"
    return f"无法解析 #{outcome.bulletin_id} {outcome.source_name}：{outcome.failure}\n"


def recognise_now(store: Store, ids: Iterable[int], user: str | None) -> dict[str, int]:
    """Read the scans ``ingest`` has just recorded, one after another; counts by outcome."""
    from editor.core.ingest import default_user
    from editor.core.reading.ocr_worker import OcrWorker
    from editor.core.recognition import recognise
    from editor.core.store import StoreError

    user = user or default_user()
    counts = {"read": 0, "failed": 0}
    with OcrWorker() as worker:
        for bulletin_id in ids:
            try:
                outcome = recognise(
                    store,
                    bulletin_id,
                    worker,
                    user=user,
                    progress=_pages_said(f" #{bulletin_id}"),
                )
            except StoreError as err:
                error(f"#{bulletin_id}：识别结果未能保存（{err}），下次收取时再识别")
                continue
            except OSError as err:
                error(f"#{bulletin_id}：识别结果未能保存（{os_reason(err)}），下次收取时再识别")
                continue
            write_out(recognised_line(outcome))
            counts["read" if outcome.failure is None else "failed"] += 1
    return counts
