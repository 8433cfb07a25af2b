"""Scans on the inbox's way in: recorded as 识别中 at once, read by real OCR in its worker
process afterwards (one at a time, beside the inbox), kept with what OCR read.

The scans are made by other producers than this program: a bulletin typed by a clerk
into python-docx's blank document, printed by LibreOffice with the system's fonts,
rasterised in grey by poppler, bound by Pillow (PDF, TIFF) or mixed with typeset pages
by pypdfium2 (:mod:`support.scan_material`).
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.scan_material import ClerkScan, clerk_scan
from support.waiting import wait_until

from editor.core.ingest import ingest_file, source_view
from editor.core.model import Bulletin
from editor.core.parsing import parse_file
from editor.core.reading.ocr_worker import OcrWorker
from editor.core.recognition import (
    CANCELLED,
    DOUBT,
    Recognised,
    kept_reading,
    parse_scan,
    recognise,
)
from editor.core.recognition_queue import RecognitionQueue
from editor.core.store import Store

FIELDS = (
    ("masthead", "name"),
    ("masthead", "issue"),
    ("masthead", "total_issue"),
    ("masthead", "issuer"),
    ("masthead", "date"),
    ("imprint", "printer"),
    ("imprint", "print_date"),
    ("imprint", "copies"),
)


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> ClerkScan:
    return clerk_scan(tmp_path_factory.mktemp("clerk"))


@pytest.fixture(scope="module")
def worker() -> Iterator[OcrWorker]:
    with OcrWorker() as warm:
        yield warm


def fields(bulletin: Bulletin) -> dict[str, object]:
    return {f"{a}.{b}": getattr(getattr(bulletin, a), b) for a, b in FIELDS}


def body(bulletin: Bulletin) -> str:
    return "".join(
        p if isinstance(p, str) else p.text for a in bulletin.articles() for p in a.paragraphs
    )


def typeset_parse(material: ClerkScan) -> Bulletin:
    return parse_file(material.typeset)


def test_a_scan_is_recorded_at_once_and_read_afterwards_like_its_typeset_pdf(
    material: ClerkScan, worker: OcrWorker, store: Store, tmp_path: Path
) -> None:
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    scan = material.image_pdf(inbox / "第9期扫描件.pdf", tilt=0.6)
    outcome = ingest_file(store, scan, user="收件", inbox=inbox, relative=True)
    assert (outcome.kind, outcome.message) == ("recognising", "扫描件，等待文字识别")
    assert outcome.bulletin_id is not None
    record = store.get(outcome.bulletin_id)
    assert (record.status, record.parsed) == ("recognising", None)
    waiting = source_view(store, record.sha256, record.summary.source_name)
    assert waiting.pdf == scan.read_bytes()
    assert waiting.boxes == {}
    assert "识别完成后" in waiting.text

    pages: list[tuple[int, int]] = []
    done = recognise(
        store, outcome.bulletin_id, worker, user="识别", progress=lambda *p: pages.append(p)
    )
    assert done == Recognised(outcome.bulletin_id, "第9期扫描件.pdf")
    total = len(material.pages)
    assert pages == [(n, total) for n in range(1, total + 1)]
    record = store.get(outcome.bulletin_id)
    assert record.status == "new"
    assert record.parsed is not None
    typeset = typeset_parse(material)
    got, want = fields(record.parsed), fields(typeset)
    right = [k for k in want if got[k] == want[k]]
    print(f"\nscan → fields {len(right)}/{len(want)} as the typeset PDF gives them: {got}")
    assert len(right) >= len(want) - 1, (got, want)
    ratio = difflib.SequenceMatcher(None, body(record.parsed), body(typeset)).ratio()
    print(f"scan → body {ratio:.2%} of the typeset PDF's")
    assert ratio >= 0.97

    # What OCR read is kept: the source pane shows it with each line's box, no second OCR.
    reading = kept_reading(store, record.sha256)
    assert reading is not None
    assert reading.boxes
    view = source_view(store, record.sha256, record.summary.source_name)
    assert (view.text, view.boxes, view.pdf) == (reading.text, reading.boxes, scan.read_bytes())
    lines = view.text.split("\n")
    for warning in record.parsed.warnings:
        if warning.code == DOUBT:
            assert warning.line is not None
            assert warning.chars
            assert all(c < len(lines[warning.line - 1]) for c in warning.chars)
    assert [r.action for r in store.revisions(outcome.bulletin_id)] == ["ingest", "recognise"]


def test_typeset_and_scanned_pages_mixed_are_read_page_by_page(
    material: ClerkScan, worker: OcrWorker, tmp_path: Path
) -> None:
    if len(material.pages) < 2:
        pytest.fail("the material should have two pages at least")
    mixed = material.mixed_pdf(tmp_path / "混合.pdf", scanned={1})
    pages: list[tuple[int, int]] = []
    bulletin, read = parse_scan(
        "混合.pdf", mixed.read_bytes(), worker, progress=lambda *p: pages.append(p)
    )
    assert pages == [(1, 1)]  # only the scanned page went to OCR
    assert read.doubts.keys() <= {n for n, box in read.boxes.items() if box[0] == 1}
    typeset = typeset_parse(material)
    assert fields(bulletin) == fields(typeset) or (
        sum(fields(bulletin)[k] == v for k, v in fields(typeset).items()) >= len(FIELDS) - 1
    )
    ratio = difflib.SequenceMatcher(None, body(bulletin), body(typeset)).ratio()
    assert ratio >= 0.98
    # Without OCR the same PDF says which pages are pictures.
    with pytest.raises(Exception, match="第 2 页是扫描的图像"):
        parse_file(mixed)


def test_a_multi_page_tiff_and_a_png_page_are_scans_too(
    material: ClerkScan, worker: OcrWorker, store: Store, tmp_path: Path
) -> None:
    tiff = material.tiff(tmp_path / "扫描.tif")
    outcome = ingest_file(store, tiff, user="收件")
    assert outcome.kind == "recognising"
    assert outcome.bulletin_id is not None
    recognise(store, outcome.bulletin_id, worker, user="识别")
    record = store.get(outcome.bulletin_id)
    assert record.status == "new"
    assert record.parsed is not None
    want = fields(typeset_parse(material))
    assert sum(fields(record.parsed)[k] == v for k, v in want.items()) >= len(FIELDS) - 1
    view = source_view(store, record.sha256, record.summary.source_name)
    assert view.pdf is not None
    assert view.pdf.startswith(b"%PDF")
    assert view.boxes

    first = tmp_path / "第一页.png"
    first.write_bytes(material.pages[0].read_bytes())
    bulletin, _read = parse_scan(first.name, first.read_bytes(), worker)
    assert bulletin.masthead.name == want["masthead.name"]
    assert bulletin.masthead.issue == want["masthead.issue"]


def test_the_inbox_goes_on_while_a_scan_is_read_and_a_cancel_can_be_undone(
    material: ClerkScan, worker: OcrWorker, store: Store, tmp_path: Path, sample_text: str
) -> None:
    scan = ingest_file(store, material.image_pdf(tmp_path / "扫描.pdf"), user="收件")
    assert scan.bulletin_id is not None
    progress: list[tuple[int, int, int]] = []
    finished: list[Recognised] = []
    queue = RecognitionQueue(
        store,
        worker,
        user="识别",
        on_progress=lambda *p: progress.append(p),
        on_done=finished.append,
    )
    queue.start()
    try:
        assert wait_until(lambda: queue.current == scan.bulletin_id, 30)
        # A text file arriving now is taken at once, not after the scan.
        text = tmp_path / "通知.txt"
        text.write_text(sample_text, encoding="utf-8")
        taken = ingest_file(store, text, user="收件")
        assert taken.kind == "new"
        assert queue.current == scan.bulletin_id
        assert store.get(scan.bulletin_id).status == ("recognising")
        # Cancelled mid-read: failed, and 重新识别 reads it after all.
        assert queue.cancel(scan.bulletin_id)
        assert wait_until(lambda: bool(finished), 30)
        assert finished[0] == Recognised(scan.bulletin_id, "扫描.pdf", CANCELLED, True, True)
        record = store.get(scan.bulletin_id)
        assert (record.status, record.summary.failure) == ("failed", CANCELLED)
        assert store.restart_recognition(scan.bulletin_id, "编辑")
        queue.add(scan.bulletin_id)
        assert wait_until(lambda: len(finished) == 2, 120)
        assert finished[1].failure is None
        assert store.get(scan.bulletin_id).status == "new"
        assert progress[-1][0] == scan.bulletin_id
        assert progress[-1][1] == progress[-1][2]
    finally:
        queue.stop()


def test_a_queue_stopped_halfway_leaves_the_scan_for_the_next(
    material: ClerkScan, worker: OcrWorker, store: Store, tmp_path: Path
) -> None:
    scan = ingest_file(store, material.image_pdf(tmp_path / "扫描.pdf"), user="收件")
    assert scan.bulletin_id is not None
    started = threading.Event()
    first = RecognitionQueue(store, worker, user="甲", on_progress=lambda *_: started.set())
    first.start()
    assert started.wait(60)
    first.stop()
    assert store.get(scan.bulletin_id).status == "recognising"  # not failed, not lost
    finished: list[Recognised] = []
    second = RecognitionQueue(store, worker, user="乙", on_done=finished.append)
    second.start()  # takes up what waits in the archive
    try:
        assert wait_until(lambda: bool(finished), 120)
    finally:
        second.stop()
    assert finished[0].failure is None
    assert store.get(scan.bulletin_id).status == "new"
    assert [r.user for r in store.revisions(scan.bulletin_id)][-1] == "乙"
