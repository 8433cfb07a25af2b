"""Scans on the command line, as a clerk or a script runs it: a real ``python -m editor``
process, real OCR in its worker process, scans made by other producers
(:mod:`support.scan_material`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.scan_material import ClerkScan, clerk_scan

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> ClerkScan:
    return clerk_scan(tmp_path_factory.mktemp("clerk"))


def jianxun(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if data is not None:
        env["JIANXUN_DATA_DIR"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        env=env,
        encoding="utf-8",
    )


def test_parse_reads_a_scanned_page_and_prints_the_bulletin(
    material: ClerkScan, tmp_path: Path
) -> None:
    page = tmp_path / "第一页.png"
    page.write_bytes(material.pages[0].read_bytes())
    run = jianxun("parse", str(page))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # no progress written for a script (stderr is no terminal)
    data = json.loads(run.stdout)
    assert data["masthead"]["name"] == material.gold["masthead"]["name"]
    assert data["masthead"]["issue"] == material.gold["masthead"]["issue"]
    for warning in data["warnings"]:
        if warning["code"] == "ocr_doubt":
            assert warning["chars"]
            assert "文字识别可能有误" in warning["message"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("照片.jpg", b"not a picture at all", "扩展名是图片，内容却不是 PNG、JPEG 或 TIFF 图片"),
        ("截断.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", None),
        ("空白.png", None, "没有识别出文字"),
    ],
    ids=["not-an-image", "truncated-jpeg", "blank-page"],
)
def test_a_bad_scan_is_one_chinese_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes | None, reason: str | None
) -> None:
    path = tmp_path / name
    if content is None:
        from PIL import Image

        Image.new("L", (1654, 2339), 255).save(path, dpi=(200, 200))
    else:
        path.write_bytes(content)
    run = jianxun("parse", str(path))
    assert run.returncode == 2, run.stdout
    lines = run.stderr.splitlines()
    prefix = f"jianxun: {path}："
    assert len(lines) == 1
    assert lines[0].startswith(prefix)
    said = lines[0][len(prefix) :]
    assert "Traceback" not in run.stderr
    assert not re.search(r"[A-Za-z]{5,}", said), said
    if reason is not None:
        assert reason in lines[0]


def test_ingest_records_scans_at_once_then_reads_them(
    material: ClerkScan, tmp_path: Path, sample_text: str
) -> None:
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    material.image_pdf(inbox / "扫描件.pdf")
    (inbox / "通知.txt").write_text(sample_text, encoding="utf-8")
    data = tmp_path / "data"
    run = jianxun("ingest", str(inbox), data=data)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    waiting = [n for n, line in enumerate(lines) if line.startswith("待识别 #")]
    read = [n for n, line in enumerate(lines) if line.startswith("识别完成 #")]
    assert (len(waiting), len(read)) == (1, 1), lines
    assert waiting[0] < read[0], lines
    assert "扫描件.pdf" in lines[read[0]]
    assert lines[-1].startswith("完成：")
    assert "扫描件识别完成 1 份" in lines[-1]
    listed = jianxun("list", "--json", data=data)
    statuses = {item["source_name"]: item["status"] for item in json.loads(listed.stdout)}
    assert statuses == {"扫描件.pdf": "new", "通知.txt": "new"}
