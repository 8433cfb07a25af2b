"""The OCR worker process: warm across reads, and bounded by a cancel, a page's time, its own
memory and its parent's life. Real processes, real OCR; nothing waits blindly (each wait is
on a condition, :func:`support.waiting.wait_until`)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from support.scans import alive, pdf_of, shared_worker, text_page
from support.waiting import wait_until

from editor.core.errors import InputError
from editor.core.reading import ocr
from editor.core.reading.ocr_worker import OcrCancelled, OcrWorker

ROOT = Path(__file__).resolve().parents[3]
KILL = getattr(signal, "SIGKILL", signal.SIGTERM)


def png(page: Image.Image) -> bytes:
    out = io.BytesIO()
    page.save(out, "PNG", dpi=page.info.get("dpi", (200, 200)))
    return out.getvalue()


@pytest.fixture(scope="module")
def worker() -> OcrWorker:
    return shared_worker()


@pytest.fixture(scope="module")
def small() -> bytes:
    """A quick page: five lines at the top of an A4 page at 200 dpi."""
    return png(text_page())


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    """A quick page, then a full A4 page of text (two seconds of OCR)."""
    return pdf_of([text_page(), text_page(size=(1654, 2339), repeat=6)])


def test_the_worker_stays_warm_between_reads(worker: OcrWorker, small: bytes) -> None:
    first = worker.read("第一份.png", small)
    pid = worker.pid
    started = time.monotonic()
    second = worker.read("第二份.png", small)
    assert worker.pid == pid is not None
    assert time.monotonic() - started < 10  # no second start: the models are loaded
    assert [line.text for line in first[0].lines] == [line.text for line in second[0].lines]
    assert first[0].lines[0].text == "四川省地方志工作简报"
    assert first[0].width == pytest.approx(1654 * 72 / 200)
    assert first[0].height == pytest.approx(700 * 72 / 200)


def test_a_file_ocr_cannot_read_keeps_the_worker(worker: OcrWorker, small: bytes) -> None:
    worker.read("页.png", small)
    pid = worker.pid
    blank = png(Image.new("L", (800, 600), 255))
    cases = [
        ("乱码.pdf", b"not a pdf at all", "不是 PDF"),
        ("乱码.png", b"\x00" * 64, "不是 PNG、JPEG 或 TIFF"),
        ("空白.png", blank, "没有识别出文字"),
        ("页.png", small, "没有第 3 页"),
    ]
    for name, data, reason in cases:
        with pytest.raises(InputError, match=reason) as caught:
            worker.read(name, data, pages=[2] if reason.startswith("没有第") else None)
        assert caught.value.source == name
    assert worker.pid == pid


def test_pages_are_read_as_asked(worker: OcrWorker, two_pages: bytes) -> None:
    (page,) = worker.read("两页.pdf", two_pages, pages=[0])
    assert page.number == 0
    assert page.lines[0].text == "四川省地方志工作简报"


def test_a_cancel_stops_the_worker_mid_page(worker: OcrWorker, two_pages: bytes) -> None:
    """The desk cancels from another thread while page 2 (two seconds) is being read: the
    worker is killed at once, and the next read starts a fresh one."""
    cancel = threading.Event()
    first_page_done = threading.Event()
    outcome: list[BaseException | None] = []
    pids: list[int | None] = []

    def read() -> None:
        def progress(done: int, total: int) -> None:
            pids.append(worker.pid)
            first_page_done.set()

        try:
            worker.read("两页.pdf", two_pages, progress=progress, cancel=cancel)
            outcome.append(None)
        except BaseException as err:
            outcome.append(err)

    reader = threading.Thread(target=read)
    reader.start()
    assert first_page_done.wait(60)
    started = time.monotonic()
    cancel.set()
    reader.join(30)
    assert isinstance(outcome[0], OcrCancelled)
    assert time.monotonic() - started < 2  # at once, not after the page
    old = pids[0]
    assert old is not None
    assert wait_until(lambda: not alive(old), 10)
    assert worker.pid is None
    (page,) = worker.read("页.pdf", two_pages, pages=[0])
    assert page.lines
    assert worker.pid not in (None, old)


def test_a_worker_killed_from_outside_is_an_input_error_then_replaced(
    worker: OcrWorker, two_pages: bytes
) -> None:
    worker.read("页.pdf", two_pages, pages=[0])
    old = worker.pid
    assert old is not None

    def kill_it(done: int, total: int) -> None:
        os.kill(old, KILL)

    with pytest.raises(InputError, match="第 2 页文字识别进程意外退出"):
        worker.read("两页.pdf", two_pages, progress=kill_it)
    (page,) = worker.read("页.pdf", two_pages, pages=[0])
    assert page.lines
    assert worker.pid not in (None, old)


def test_a_page_over_its_time_is_stopped(two_pages: bytes) -> None:
    with OcrWorker(page_seconds=0.25) as slow:
        with pytest.raises(InputError, match=r"第 2 页文字识别超时（超过 0\.25 秒）") as caught:
            slow.read("两页.pdf", two_pages, pages=[1])
        assert caught.value.source == "两页.pdf"
        assert slow.pid is None


def test_a_worker_over_its_memory_is_stopped(small: bytes) -> None:
    with OcrWorker(max_memory_mb=60) as lean:
        with pytest.raises(InputError, match="占用内存过多（超过 60 MB）"):
            lean.read("页.png", small)
        assert lean.pid is None


def test_an_idle_worker_exits_and_the_next_read_starts_another(small: bytes) -> None:
    with OcrWorker(idle_seconds=0.5) as idle:
        idle.read("页.png", small)
        old = idle.pid
        assert old is not None
        assert wait_until(lambda: not alive(old), 30)
        (page,) = idle.read("页.png", small)
        assert page.lines
        assert idle.pid not in (None, old)


def test_reads_from_several_threads_wait_for_each_other(worker: OcrWorker, small: bytes) -> None:
    texts: list[str] = []
    failures: list[BaseException] = []

    def read() -> None:
        try:
            texts.append(worker.read("页.png", small)[0].lines[0].text)
        except BaseException as err:
            failures.append(err)

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures
    assert texts == ["四川省地方志工作简报"] * 3


CHILD = """
import sys

from editor.core.reading.ocr_worker import OcrWorker


def main() -> None:
    data = open(sys.argv[1], "rb").read()
    worker = OcrWorker()

    def progress(done: int, total: int) -> None:
        print(worker.pid, flush=True)
        sys.stdin.read()  # page 2 goes on in the worker; the test kills this process

    worker.read("两页.pdf", data, progress=progress)


if __name__ == "__main__":
    main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the worker")
def test_the_worker_never_outlives_its_parent(tmp_path: Path, two_pages: bytes) -> None:
    """The desk is killed (power button, task manager) mid-page: its worker goes too."""
    script, scan = tmp_path / "child.py", tmp_path / "两页.pdf"
    script.write_text(CHILD, encoding="utf-8")
    scan.write_bytes(two_pages)
    with subprocess.Popen(
        [sys.executable, str(script), str(scan)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            pid = int(child.stdout.readline())
            assert alive(pid)
        finally:
            child.kill()
    assert wait_until(lambda: not alive(pid), 15)


READS_AND_SAYS_WHAT_IT_IMPORTED = """
import json
import sys

from editor.core.reading.ocr_worker import OcrWorker


def main() -> None:
    data = open(sys.argv[1], "rb").read()
    try:
        with OcrWorker() as worker:
            lines = [line.text for line in worker.read("页.png", data)[0].lines]
    except Exception as err:
        lines = [str(err)]
    heavy = ("numpy", "cv2", "onnxruntime", "rapidocr_onnxruntime", "PIL")
    print(json.dumps({"lines": lines, "imported": [m for m in heavy if m in sys.modules]}))


if __name__ == "__main__":
    main()
"""


def run_child(tmp_path: Path, data: bytes, *, shadow: str = "") -> dict[str, list[str]]:
    """Read ``data`` in a fresh Python process; ``shadow``: a package put before the real one."""
    script, page = tmp_path / "reader.py", tmp_path / "页.png"
    script.write_text(READS_AND_SAYS_WHAT_IT_IMPORTED, encoding="utf-8")
    page.write_bytes(data)
    path = [str(ROOT)]
    if shadow:
        fake = tmp_path / "fake" / shadow
        fake.mkdir(parents=True)
        (fake / "__init__.py").write_text(
            'raise ImportError("DLL load failed while importing onnxruntime_pybind11_state")\n',
            encoding="utf-8",
        )
        path.insert(0, str(fake.parent))
    done = subprocess.run(
        [sys.executable, str(script), str(page)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(path)),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_the_reading_process_never_loads_numpy_opencv_or_onnxruntime(
    tmp_path: Path, small: bytes
) -> None:
    result = run_child(tmp_path, small)
    assert result["lines"][0] == "四川省地方志工作简报"
    assert result["imported"] == []


def test_a_component_that_will_not_load_says_ocr_is_not_installed(
    tmp_path: Path, small: bytes
) -> None:
    """onnxruntime is there but its DLL will not load (a broken install): the worker says so
    in the same words as a missing one."""
    result = run_child(tmp_path, small, shadow="onnxruntime")
    assert result["lines"] == [f"页.png：{ocr.UNAVAILABLE}"]
    assert result["imported"] == []
