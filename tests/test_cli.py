"""``jianxun parse`` as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.render import RenderOptions, render

ROOT = Path(__file__).resolve().parents[1]


def jianxun(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args], capture_output=True, cwd=ROOT, timeout=120
    )


def test_parse_prints_the_bulletin_as_utf8_json(
    tmp_path: Path, fixture_bulletin: dict[str, Any]
) -> None:
    path = tmp_path / "简报.txt"
    path.write_bytes(render(fixture_bulletin, RenderOptions(encoding="gbk", newline="\r\n")).data)
    run = jianxun("parse", str(path))
    assert run.returncode == 0, run.stderr.decode()
    assert run.stderr == b""
    out = run.stdout.decode("utf-8")
    assert "\\u" not in out  # no ASCII escaping
    assert out.count("\n") == 1  # compact: one line
    data = json.loads(out)
    assert data["schema"] == "jianxun.bulletin/1"
    for key in ("masthead", "imprint"):
        assert {k: data[key][k] for k in fixture_bulletin[key]} == fixture_bulletin[key]


def test_pretty_indents(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("标题\n正文。\n", encoding="utf-8")
    run = jianxun("parse", "--pretty", str(path))
    assert run.returncode == 0
    assert run.stdout.decode("utf-8").startswith('{\n  "schema": "jianxun.bulletin/1"')


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "PNG"),
        (bytes(range(256)) * 64, "不是文本文件"),
    ],
    ids=["pdf", "png", "binary"],
)
def test_unreadable_input_exits_2_with_one_line(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "坏文件.txt"
    path.write_bytes(content)
    run = jianxun("parse", str(path))
    assert run.returncode == 2
    assert run.stdout == b""
    err = run.stderr.decode("utf-8")
    assert err.count("\n") == 1
    assert str(path) in err
    assert reason in err
    assert "Traceback" not in err
    assert path.read_bytes() == content  # never modified


def test_missing_file(tmp_path: Path) -> None:
    run = jianxun("parse", str(tmp_path / "nope.txt"))
    assert run.returncode == 2
    assert "文件不存在" in run.stderr.decode("utf-8")


def test_sample_bulletin_the_readme_uses() -> None:
    run = jianxun("parse", "resources/samples/sample-bulletin.txt")
    assert run.returncode == 0
    data = json.loads(run.stdout)
    assert data["masthead"]["name"]
    assert data["imprint"]["print_date"]
    assert len(data["sections"]) == 2


def test_version_and_help() -> None:
    assert jianxun("--version").stdout.decode().startswith("jianxun ")
    assert "parse" in jianxun("--help").stdout.decode("utf-8")


def test_repairs_are_reported_as_warnings(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes("标题\n正文\x00一段。\n".encode())
    data = json.loads(jianxun("parse", str(path)).stdout)
    assert data["sections"][0]["articles"][0]["paragraphs"] == ["正文一段。"]
    notes = [w for w in data["warnings"] if w["code"] == "decode_note"]
    assert len(notes) == 1
    assert "NUL" in notes[0]["message"]


def test_docx_is_refused_clearly_for_now(tmp_path: Path) -> None:
    path = tmp_path / "简报.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    run = jianxun("parse", str(path))
    assert run.returncode == 2
    assert "docx" in run.stderr.decode("utf-8")
