"""Scans read by OCR in a warm worker process with its own limits.

OCR costs what the reading process may not spend (its limit is 500 MB and 10 s a file): the
models, OpenCV and onnxruntime take about 200 MB before the first page, and a page about
2 s of both cores. So one worker process reads the scans, started on the first read (with
multiprocessing's "spawn", as on Windows and in the frozen app), kept warm across reads and
stopped after ``idle_seconds`` without one. This process never imports numpy, OpenCV or
onnxruntime: the worker opens the PDF or decodes the image, draws, straightens and reads
each page, and sends back its lines as JSON (never a pickle: the worker handles hostile
files, its answers are data).

The parent waits in short slices, so it notices at once:

- ``cancel`` set: the worker is killed mid-page (a page cannot be interrupted any other way)
  and :class:`OcrCancelled` raised; the next read starts a fresh worker;
- a page taking more than ``page_seconds``, or the worker's memory (its resident set, read
  from /proc or by K32GetProcessMemoryInfo) above ``max_memory_mb``: killed, InputError
  naming the page;
- the worker gone (killed from outside, crashed): InputError, and a fresh one next time.

The worker never outlives this process: it exits when its pipe reaches end-of-file and,
mid-page, when a watcher thread sees the parent's sentinel fire.

Measured on the 2-core test machine (benchmarks/bench_ocr.py; onnxruntime 1.32, OpenCV 5.0):
an A4 page scanned at 200 dpi takes 1.4-2.0 s through the warm worker (median of 5, in two
runs on a machine busy with other work; a dense page of 11 pt text 2-3 s), three pages
3.7-4.6 s; the first read adds 0.4-0.7 s for starting the process and loading the models.
The worker holds 180 MB once the models are loaded; its resident set peaks at 370 MB on an
A4 page, 450 MB on dense ones and 555 MB on the largest page allowed (16 million pixels in
RGB, 55 lines of text). :data:`MAX_MEMORY_MB` is that peak with nearly half again for
another allocator or machine, not room for a runaway page.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

from editor.core.errors import InputError
from editor.core.reading import ocr
from editor.core.reading.ocr import ScannedPage

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

__all__ = ["MAX_MEMORY_MB", "OcrCancelled", "OcrWorker", "ScannedPage"]

MAX_MEMORY_MB: Final = 800
"""The worker is killed when its resident set grows above this (it peaks at 555 MB)."""
START_SECONDS: Final = 60.0
"""Starting the worker and loading the models (under a second here; a cold disk, a virus
scanner and a slow machine can make it many times that)."""
IDLE_SECONDS: Final = 300.0
_SLICE: Final = 0.05  # seconds between two looks at cancel, the clock and the memory
_MAX_ANSWER: Final = 64 * 1024 * 1024  # bytes of one message from the worker
_DIED: Final = "文字识别进程意外退出，请重试"


class OcrCancelled(Exception):
    """The read was cancelled; the worker was stopped at once."""


class OcrWorker:
    """Reads scans in one warm worker process; thread-safe (reads wait for each other)."""

    def __init__(
        self,
        *,
        page_seconds: float = ocr.SECONDS_PER_PAGE,
        max_memory_mb: int = MAX_MEMORY_MB,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self.page_seconds = page_seconds
        self.max_memory_mb = max_memory_mb
        self.idle_seconds = idle_seconds
        self._reading = threading.Lock()  # one read at a time
        self._state = threading.Lock()  # the process and its pipe, against close()
        self._process: BaseProcess | None = None
        self._pipe: Connection | None = None
        self._closing = threading.Event()

    @property
    def pid(self) -> int | None:
        """The worker's process id while one runs (None before the first read, after close)."""
        with self._state:
            process = self._process
            try:
                return process.pid if process is not None and process.is_alive() else None
            except ValueError:  # closed by another thread just now
                return None

    def __enter__(self) -> OcrWorker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker (a read in progress ends with OcrCancelled); a later read starts
        a fresh one."""
        self._closing.set()
        with self._reading:
            self._stop()
            self._closing.clear()

    def read(
        self,
        name: str,
        data: bytes,
        *,
        pages: Sequence[int] | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ScannedPage]:
        """The pages of a scan read by OCR: a PDF (``pages``, 0-based, or all of them) or a
        PNG, JPEG or TIFF image (``pages``: its frames). ``progress(done, total)`` is called
        after each page. InputError (in Chinese) for every failure; OcrCancelled when
        ``cancel`` is set."""
        if cancel is not None and cancel.is_set():
            raise OcrCancelled()  # before anything started: the warm worker stays
        with self._reading:
            try:
                return self._read(name, data, pages, progress, cancel)
            except (InputError, OcrCancelled):
                raise
            except BaseException:
                self._stop()  # the pipe may hold half an answer: never reuse it
                raise

    # --- the parent's side ------------------------------------------------------------------

    def _read(
        self,
        name: str,
        data: bytes,
        pages: Sequence[int] | None,
        progress: Callable[[int, int], None] | None,
        cancel: threading.Event | None,
    ) -> list[ScannedPage]:
        reason = ocr.unavailable()
        if reason is not None:
            raise InputError(name, reason)
        request = json.dumps({"name": name, "pages": None if pages is None else list(pages)})
        for attempt in range(2):
            pipe = self._started(name, cancel)
            try:
                pipe.send_bytes(request.encode("utf-8"))
                pipe.send_bytes(data)
                taken = self._answer(name, cancel, time.monotonic() + START_SECONDS, "")
            except (OSError, EOFError):
                taken = None
            if taken is not None:
                break
            # It went idle and quit just as the request came: once more, with a fresh one.
            self._stop()
            if attempt:
                raise InputError(name, _DIED)
        numbers: list[int] = []
        read: list[ScannedPage] = []
        deadline = time.monotonic() + self.page_seconds
        while True:
            at = numbers[len(read)] if len(read) < len(numbers) else None
            where = f"第 {at + 1} 页" if at is not None else "打开文件时"
            message = self._answer(name, cancel, deadline, where)
            if message is None:
                self._stop()
                raise InputError(name, f"{where}{_DIED}")
            kind = message.get("kind")
            if kind == "pages":
                numbers = [int(n) for n in message["numbers"]]
            elif kind == "page":
                read.append(_page(message))
                if progress is not None:
                    progress(len(read), len(numbers))
                deadline = time.monotonic() + self.page_seconds  # (not the callback's time)
            elif kind == "error":
                raise InputError(name, str(message["reason"]))
            elif kind == "done":
                break
        if not any(page.lines for page in read):
            raise InputError(name, "扫描件上没有识别出文字")
        return read

    def _started(self, name: str, cancel: threading.Event | None) -> Connection:
        """The worker's pipe: the warm one's, or a fresh one's once it is ready."""
        with self._state:
            if self._process is not None and self._pipe is not None and self._process.is_alive():
                return self._pipe
        self._stop()
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=serve, args=(theirs, self.idle_seconds), name="jianxun-ocr", daemon=True
        )
        try:
            process.start()
        except OSError as err:
            mine.close()
            theirs.close()
            raise InputError(name, "无法启动文字识别进程（系统资源不足）") from err
        theirs.close()
        with self._state:
            self._process, self._pipe = process, mine
        message = self._answer(name, cancel, time.monotonic() + START_SECONDS, "启动时")
        if message is None:
            self._stop()
            raise InputError(name, f"文字识别组件无法启动：{_DIED}")
        if message.get("kind") == "unavailable":
            self._stop()
            raise InputError(name, str(message["reason"]))
        return mine

    def _answer(
        self, name: str, cancel: threading.Event | None, deadline: float, where: str
    ) -> dict[str, Any] | None:
        """The worker's next message; None when it is gone. Kills it on a cancel, a page
        over time or memory over the limit."""
        with self._state:
            pipe, process = self._pipe, self._process
        if pipe is None or process is None:
            return None
        while True:
            if self._closing.is_set() or (cancel is not None and cancel.is_set()):
                self._stop()
                raise OcrCancelled()
            ready = wait([pipe, process.sentinel], timeout=_SLICE)
            if pipe in ready:
                try:
                    answer: dict[str, Any] = json.loads(pipe.recv_bytes(_MAX_ANSWER))
                except (OSError, EOFError, ValueError):
                    return None
                return answer
            if ready:
                return None  # the process ended with nothing more to say
            memory = _resident_mb(process.pid)
            if memory is not None and memory > self.max_memory_mb:
                self._stop()
                raise InputError(
                    name,
                    f"{where}文字识别占用内存过多（超过 {self.max_memory_mb} MB），已停止",
                )
            if time.monotonic() > deadline:
                self._stop()
                limit = START_SECONDS if where in ("", "启动时") else self.page_seconds
                raise InputError(name, f"{where}文字识别超时（超过 {limit:g} 秒），已停止")

    def _stop(self) -> None:
        """Kill the worker, if any, and wait until it is gone."""
        with self._state:
            process, pipe = self._process, self._pipe
            self._process = self._pipe = None
        if pipe is not None:
            pipe.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join()
            process.close()


def _page(message: dict[str, Any]) -> ScannedPage:
    from editor.core.reading.pdf import PdfLine

    number = int(message["number"])
    lines = [
        PdfLine(
            page=number,
            text=str(text),
            x0=float(x0),
            x1=float(x1),
            top=float(top),
            bottom=float(bottom),
            size=float(size),
            colour=(int(colour[0]), int(colour[1]), int(colour[2])),
            doubts=tuple(int(i) for i in doubts),
        )
        for text, x0, x1, top, bottom, size, colour, doubts in message["lines"]
    ]
    return ScannedPage(number, float(message["width"]), float(message["height"]), lines)


def _resident_mb(pid: int | None) -> float | None:
    """A process's resident memory in MB (None where it cannot be read)."""
    if pid is None:
        return None
    if sys.platform == "win32":
        return _windows_resident_mb(pid)
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            resident = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return resident * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    class _Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    _QUERY: Final = 0x1000 | 0x0010  # PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ

    def _windows_resident_mb(pid: int) -> float | None:
        kernel = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel.OpenProcess.restype = wintypes.HANDLE
        kernel.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        kernel.K32GetProcessMemoryInfo.argtypes = [
            wintypes.HANDLE,
            ctypes.POINTER(_Counters),
            wintypes.DWORD,
        ]
        kernel.CloseHandle.argtypes = [wintypes.HANDLE]
        handle = kernel.OpenProcess(_QUERY, False, pid)
        if not handle:
            return None
        try:
            counters = _Counters()
            counters.cb = ctypes.sizeof(_Counters)
            if not kernel.K32GetProcessMemoryInfo(
                handle, ctypes.byref(counters), ctypes.sizeof(counters)
            ):
                return None
            return float(counters.WorkingSetSize) / (1024 * 1024)
        finally:
            kernel.CloseHandle(handle)


# --- the worker's side ----------------------------------------------------------------------


def serve(pipe: Connection, idle_seconds: float) -> None:
    """The worker process: load the models, then answer requests until the pipe closes or
    none comes for ``idle_seconds``."""
    sys.dont_write_bytecode = True
    threading.Thread(target=_exit_with_parent, name="parent-watch", daemon=True).start()
    try:
        ocr.load()
        from editor.core.reading import images, pdf  # noqa: F401 (Pillow, PDFium: now, not mid-file)
    except Exception:  # a component there but broken (a DLL that will not load)
        _send(pipe, {"kind": "unavailable", "reason": ocr.UNAVAILABLE})
        return
    _send(pipe, {"kind": "ready"})
    while True:
        try:
            if not pipe.poll(idle_seconds):
                return  # idle: the parent starts another when it needs one
            request = json.loads(pipe.recv_bytes())
            data = pipe.recv_bytes()
        except (EOFError, OSError):
            return  # the parent is gone
        _send(pipe, {"kind": "taken"})
        _answer_request(pipe, str(request["name"]), data, request["pages"])
        del data


def _answer_request(pipe: Connection, name: str, data: bytes, pages: list[int] | None) -> None:
    """Read one file, one message a page; an InputError's reason, or any other failure's
    in plain words, as the last message."""
    number = -1
    try:
        source = _source(name, data)
        try:
            numbers = ocr.chosen_pages(name, source.count, pages)
            _send(pipe, {"kind": "pages", "numbers": numbers})
            for number in numbers:
                image, width, height = source.page(number)
                page = ocr.read_page(image, number, width=width, height=height, name=name)
                del image
                _send(pipe, _message(page))
        finally:
            source.close()
    except InputError as err:
        _send(pipe, {"kind": "error", "reason": err.reason})
        return
    except MemoryError:
        where = f"第 {number + 1} 页" if number >= 0 else "打开文件时"
        _send(pipe, {"kind": "error", "reason": f"{where}内存不足，无法识别"})
        return
    except Exception:
        where = f"第 {number + 1} 页" if number >= 0 else "文件"
        _send(pipe, {"kind": "error", "reason": f"{where}无法识别（图像数据有误或程序出错）"})
        return
    _send(pipe, {"kind": "done"})


def _source(name: str, data: bytes) -> ocr.PageSource:
    """The file's pages: an image file's frames, or a PDF's pages."""
    from editor.core.reading import images, pdf

    if images.is_image(data):
        return images.ImageScan(name, data)
    if name.lower().endswith(images.IMAGE_SUFFIXES):
        raise InputError(name, "文件内容不是 PNG、JPEG 或 TIFF 图片（可能已损坏或扩展名有误）")
    reason = pdf._not_a_pdf_reason(data)
    if reason is not None:
        raise InputError(name, reason)
    return ocr.PdfScan(name, data)


def _message(page: ScannedPage) -> dict[str, Any]:
    return {
        "kind": "page",
        "number": page.number,
        "width": page.width,
        "height": page.height,
        "lines": [
            [
                line.text,
                line.x0,
                line.x1,
                line.top,
                line.bottom,
                line.size,
                list(line.colour),
                list(line.doubts),
            ]
            for line in page.lines
        ],
    }


def _send(pipe: Connection, message: dict[str, Any]) -> None:
    try:
        pipe.send_bytes(json.dumps(message, ensure_ascii=False).encode("utf-8"))
    except OSError:
        os._exit(0)  # the parent is gone: nobody to answer


def _exit_with_parent() -> None:
    """End the worker the moment its parent ends, even mid-page."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(0)
