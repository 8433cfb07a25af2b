"""Scanned bulletins read by real OCR (the PP-OCRv4 models of RapidOCR's wheel on onnxruntime),
in the OCR worker process.

The scan is made as a copier makes one, from a bulletin typeset by LibreOffice: pages
rasterised by poppler's pdftoppm at 200 dpi in grey, tilted, speckled, saved as JPEG of
middling quality, and bound into an image-only PDF by Pillow; and from a bulletin a clerk
typed into Word's default template. Nothing of the PDF reader's text path is used: every
character comes from the pictures. The figures are printed (``pytest -s``).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from support.rendering import fontconfig, render_pdf
from support.scans import (
    clerk_pdf,
    errors_caught,
    joined,
    page_texts,
    scan_images,
    scanned,
    shared_worker,
    similarity,
    text_of,
)

from editor.core.errors import InputError
from editor.core.export import docx_bytes
from editor.core.model import Bulletin
from editor.core.parsing import parse_file, parse_text
from editor.core.reading import ocr
from editor.core.reading.ocr_worker import OcrWorker

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"


@pytest.fixture(scope="module")
def worker() -> OcrWorker:
    return shared_worker()


@pytest.fixture(scope="module")
def typeset(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], Path]:
    """The two-column bulletin, typeset by LibreOffice into a PDF."""
    folder = tmp_path_factory.mktemp("typeset")
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    docx = folder / "第9期.docx"
    docx.write_bytes(docx_bytes(Bulletin.from_dict(data)))
    return data, render_pdf(docx, fontconfig(folder / "fc"))


def body(bulletin: Bulletin) -> str:
    return "".join(
        "".join(p.text if hasattr(p, "text") else str(p) for p in article.paragraphs)
        for section in bulletin.sections
        for article in section.articles
    )


def test_ocr_is_installed_for_these_tests() -> None:
    assert ocr.unavailable() is None


@pytest.mark.parametrize(
    ("dpi", "tilt", "quality"),
    [(200, 0.8, 60), (200, -1.0, 55), (300, 0.0, None)],
    ids=["200dpi-grey-tilted-noisy-jpeg60", "200dpi-grey-tilted-back-noisy-jpeg55", "300dpi-clean"],
)
def test_a_scanned_bulletin_parses_like_the_typeset_one(
    typeset: tuple[dict[str, object], Path],
    worker: OcrWorker,
    tmp_path: Path,
    dpi: int,
    tilt: float,
    quality: int | None,
) -> None:
    _data, pdf = typeset
    from_text = parse_file(pdf)  # the same pages, read from their text layer
    scan = scanned(pdf, tmp_path, dpi=dpi, tilt=tilt, quality=quality)
    done: list[tuple[int, int]] = []
    pages = worker.read(scan.name, scan.read_bytes(), progress=lambda *p: done.append(p))
    assert [p.number for p in pages] == list(range(len(pages)))
    assert done == [(n, len(pages)) for n in range(1, len(pages) + 1)]
    read = text_of(pages)
    got = parse_text(read.text, read.hints)
    assert read.boxes  # where each line sits on its page, for the desk's page view

    wanted, found = fields(from_text), fields(got)
    right = [key for key, value in wanted.items() if found.get(key) == value]
    wrong = {key: (found.get(key), value) for key, value in wanted.items() if key not in right}
    share = len(right) / len(wanted)
    ratio = similarity(body(got), body(from_text))
    print(f"OCR {dpi} dpi: fields {len(right)}/{len(wanted)} ({share:.0%}), body {ratio:.2%}")
    # Measured: 100% / 100% at 200 dpi degraded and at 300 dpi clean (issue 18 asks for
    # 90% / 99% on degraded scans and every field on a clean one; before punctuation was
    # folded and dashes measured, 90% / 98.9% and 95% / 99.5%).
    if quality is None:  # a clean scan: the same fields as the PDF it came from
        assert wrong == {}
        assert ratio >= 0.995, ratio
    else:
        assert share >= 0.9, wrong
        assert ratio >= 0.99, ratio


def fields(bulletin: Bulletin) -> dict[str, object]:
    """The fields an editor checks, by place: masthead, columns, articles, imprint."""
    found: dict[str, object] = {
        f"masthead.{key}": getattr(bulletin.masthead, key)
        for key in ("name", "issue", "total_issue", "issuer", "date")
    }
    for s, section in enumerate(bulletin.sections):
        found[f"section{s}.name"] = section.name
        for a, article in enumerate(section.articles):
            found[f"section{s}.article{a}.title"] = article.title
            found[f"section{s}.article{a}.source"] = article.source
    for key in ("disclosure", "report_to", "copy_to", "distribute_to", "printer"):
        found[f"imprint.{key}"] = getattr(bulletin.imprint, key)
    found["imprint.print_date"] = bulletin.imprint.print_date
    found["imprint.copies"] = bulletin.imprint.copies
    return found


def test_doubts_mark_the_characters_ocr_got_wrong(worker: OcrWorker, tmp_path: Path) -> None:
    """A bulletin a clerk typed into Word's default template (11 pt, curly quotes and dashes
    in a Latin font), scanned at 200 dpi, grey, tilted, noisy JPEG: each character OCR got
    wrong (compared with the PDF's text layer) should be among those it doubted, and few
    right ones should be."""
    typeset = clerk_pdf(tmp_path / "clerk", "series_politics")
    scan = scanned(typeset, tmp_path / "scan", dpi=200, tilt=-0.6, quality=60)
    pages = worker.read(scan.name, scan.read_bytes())
    truths = page_texts(typeset)
    total = wrong = caught = errors = doubted = 0
    for page, truth in zip(pages, truths, strict=True):
        read, doubts = joined(page)
        w, c, e = errors_caught(read, doubts, truth)
        total, wrong, caught, errors = total + len(truth), wrong + w, caught + c, errors + e
        doubted += sum(doubts)
    print(
        f"clerk's scan: {wrong} of {total} characters wrong ({wrong / total:.2%}), "
        f"{caught} of {errors} errors doubted; {doubted} characters doubted "
        f"({doubted / total:.1%})"
    )
    # Measured: 2-4 characters wrong of 1,900, every error doubted, 3-4% doubted.
    assert wrong / total < 0.01
    assert caught >= 0.8 * errors
    assert doubted / total < 0.08


@pytest.fixture(scope="module")
def first_page(
    typeset: tuple[dict[str, object], Path], tmp_path_factory: pytest.TempPathFactory
) -> Image.Image:
    _data, pdf = typeset
    (page,) = scan_images(
        pdf, tmp_path_factory.mktemp("first"), dpi=200, tilt=0, noise=False, last=1
    )
    return page


@pytest.mark.parametrize("tilt", [-2.9, -1.7, -0.35, 0.0, 0.6, 2.5])
def test_the_tilt_of_a_page_is_measured_from_its_lines(
    first_page: Image.Image, tilt: float
) -> None:
    """Measured over 66 tilts of six pages between -3° and 3°: mean error 0.01°, at most 0.04°
    (the projection search: 0.009° and 0.05°, in four times the time)."""
    page = first_page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noise = np.random.default_rng(3).normal(0, 12, (page.height, page.width))
    pixels = np.clip(np.asarray(page, dtype=np.float64) + noise, 0, 255).astype(np.uint8)
    assert ocr._line_angle(_ink(pixels)) is not None  # not the projection search
    assert ocr.skew_angle(pixels) == pytest.approx(tilt, abs=0.05)


def test_a_page_with_few_lines_is_measured_by_its_ink_profile() -> None:
    """Two short lines are too few to take the median of: the projection search decides."""
    page = Image.new("L", (1600, 1000), 255)
    for top in (300, 420):
        page.paste(0, (200, top, 700, top + 30))  # two bars, a few characters long
    tilted = np.asarray(page.rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor=255))
    assert ocr._line_angle(_ink(tilted)) is None
    assert ocr.skew_angle(tilted) == pytest.approx(1.2, abs=0.1)


def _ink(gray: np.ndarray) -> np.ndarray:
    import cv2

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    scale = 1000 / ink.shape[1]
    return cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("第9期(总第401期)", "第9期（总第401期）"),
        ("(1)加强领导", "（1）加强领导"),
        ("会议(2024年)召开", "会议（2024年）召开"),
        ("世界卫生组织(WHO)", "世界卫生组织（WHO）"),
        ("Office(2016) is fine", "Office(2016) is fine"),
        ("《<四川省志>质量》", "《〈四川省志〉质量》"),
        ("x<5 and y>3", "x<5 and y>3"),
        ("会议指出,要抓好;二是:", "会议指出，要抓好；二是："),
        ("共1,000份,比例3:1", "共1,000份，比例3:1"),
        ("有什么区别?大家认为!", "有什么区别？大家认为！"),
        ("市地方志办丶内江师院", "市地方志办、内江师院"),
        ("水利志（1986一2005）", "水利志（1986—2005）"),
        ("一一对应、统一一下、第一1", "一一对应、统一一下、第一1"),
        ("（-）加强领导", "（一）加强领导"),
        ("2022-05-18", "2022-05-18"),
        ("提升至99.5%以上°", "提升至99.5%以上。"),
        ("同比增长215%°", "同比增长215%。"),
        ("气温36.5°左右", "气温36.5°左右"),
        ("地方志工作机构’办机关各处室", "地方志工作机构，办机关各处室"),
        ("“他说‘好’就行”", "“他说‘好’就行”"),
    ],
)
def test_punctuation_is_folded_by_what_stands_around_it(read: str, meant: str) -> None:
    assert "".join(ocr.fold_punctuation(list(read))) == meant


@pytest.mark.parametrize(
    ("lines", "meant"),
    [
        (['总结"十三五"以来工作'], ["总结“十三五”以来工作"]),
        (['聚焦"人""才”双驱动'], ["聚焦“人”“才”双驱动"]),
        (["全省方志馆”一张网”。"], ["全省方志馆“一张网”。"]),
        (['坚持"边建设、边', '使用"的原则'], ["坚持“边建设、边", "使用”的原则"]),
        (['他说："好。"'], ["他说：“好。”"]),
        (['the "Office" file'], ['the "Office" file']),
    ],
)
def test_quotation_marks_are_paired_across_the_page(lines: list[str], meant: list[str]) -> None:
    chars = [list(line) for line in lines]
    chances = [[0.95] * len(line) for line in lines]
    ocr._fold_quotes(chars, chances)
    assert ["".join(line) for line in chars] == meant
    for before, after, line_chances in zip(lines, chars, chances, strict=True):
        changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        assert all(line_chances[i] == 0.0 for i in changed)  # changed marks are doubtful


def test_a_dropped_character_makes_its_neighbours_doubtful() -> None:
    chances = [0.99] * 8
    places = [10.0, 40.0, 70.0, 100.0, 190.0, 220.0, 250.0, 280.0]  # one missing at 130-160
    ocr._mark_gaps("承红色基续精神血", chances, places)
    assert [i for i, p in enumerate(chances) if p < ocr.DOUBT_BELOW] == [3, 4]


def test_characters_outside_the_simplified_set_are_doubtful() -> None:
    chars = list("求眞务实朱镕基")
    assert ocr._doubts(chars, [0.99] * len(chars)) == (1, 5)


def test_a_huge_picture_page_is_refused_before_it_is_drawn(
    worker: OcrWorker, tmp_path: Path
) -> None:
    """A page of 5 × 5 metres would be 1.5 billion pixels at 200 dpi: refused, not drawn."""
    path = tmp_path / "巨幅.pdf"
    Image.new("L", (50, 50), 128).save(path, "PDF", resolution=0.25)  # 5 m square
    with pytest.raises(InputError, match="页面过大"):
        worker.read(path.name, path.read_bytes())


def test_a_page_too_large_for_ocr_is_refused(worker: OcrWorker) -> None:
    """An image page above MAX_OCR_PIXELS that cannot be scaled down to 100 dpi."""
    side = math.ceil(math.sqrt(ocr.MAX_OCR_PIXELS)) + 200
    image = Image.new("L", (side, side), 255)
    buffer = __import__("io").BytesIO()
    image.save(buffer, "PNG", dpi=(100, 100))
    with pytest.raises(InputError, match="图像过大"):
        worker.read("大图.png", buffer.getvalue())
