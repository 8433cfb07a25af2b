"""``jianxun parse`` as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import re
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


def export_fixture(tmp_path: Path, name: str) -> Path:
    source = ROOT / "tests" / "fixtures" / "bulletins" / f"{name}.json"
    target = tmp_path / f"{name}.json"
    target.write_bytes(source.read_bytes())
    return target


def test_export_json_to_docx_and_back(tmp_path: Path) -> None:
    source = export_fixture(tmp_path, "two_columns_three_articles")
    out = tmp_path / "第9期.docx"
    run = jianxun("export", str(source), "-o", str(out))
    assert run.returncode == 0, run.stderr.decode()
    assert str(out) in run.stdout.decode("utf-8")
    parsed = json.loads(jianxun("parse", str(out)).stdout)
    expected = json.loads(source.read_text(encoding="utf-8"))
    assert parsed["masthead"] == expected["masthead"]
    assert parsed["sections"] == expected["sections"]


def test_export_refuses_incomplete_with_exit_3(tmp_path: Path) -> None:
    source = export_fixture(tmp_path, "no_masthead")
    out = tmp_path / "x.docx"
    run = jianxun("export", str(source), "-o", str(out))
    assert run.returncode == 3
    err = run.stderr.decode("utf-8")
    assert err.count("\n") == 1
    assert "缺少报头名称" in err
    assert "--draft" in err
    assert not out.exists()
    assert jianxun("export", str(source), "-o", str(out), "--draft").returncode == 0
    assert out.exists()


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    source = export_fixture(tmp_path, "two_columns_three_articles")
    out = tmp_path / "b.docx"
    out.write_bytes(b"keep me")
    run = jianxun("export", str(source), "-o", str(out))
    assert run.returncode == 4
    assert "文件已存在" in run.stderr.decode("utf-8")
    assert out.read_bytes() == b"keep me"
    assert jianxun("export", str(source), "-o", str(out), "--force").returncode == 0
    assert out.read_bytes() != b"keep me"


def test_export_from_text_bulletin(tmp_path: Path) -> None:
    out = tmp_path / "sample.docx"
    run = jianxun("export", "resources/samples/sample-bulletin.txt", "-o", str(out))
    assert run.returncode == 0, run.stderr.decode()
    assert out.exists()


def test_export_bad_json_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"schema": "something/else"}', encoding="utf-8")
    run = jianxun("export", str(source), "-o", str(tmp_path / "x.docx"))
    assert run.returncode == 2
    assert "不是有效的 jianxun.bulletin/1" in run.stderr.decode("utf-8")


def test_export_pdf_beside_the_docx(tmp_path: Path) -> None:
    from support.rendering import require

    require("soffice")
    source = export_fixture(tmp_path, "two_columns_three_articles")
    out = tmp_path / "b.docx"
    run = jianxun("export", str(source), "-o", str(out), "--pdf")
    assert run.returncode == 0, run.stderr.decode()
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_export_pdf_without_libreoffice_says_so(tmp_path: Path) -> None:
    source = export_fixture(tmp_path, "two_columns_three_articles")
    out = tmp_path / "b.docx"
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}  # no soffice on this PATH
    run = subprocess.run(
        [sys.executable, "-m", "editor", "export", str(source), "-o", str(out), "--pdf"],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert run.returncode == 5
    assert "未安装 LibreOffice" in run.stderr.decode("utf-8")
    assert out.exists()


HOSTILE_JSON = {
    "deep": "[" * 100_000,
    "digits": '{"schema": "jianxun.bulletin/1", "masthead": {"issue": ' + "9" * 5000 + "}}",
    "big-int": '{"schema": "jianxun.bulletin/1", "masthead": {"issue": ' + "9" * 40 + "}}",
    "deep-extra": '{"schema": "jianxun.bulletin/1", "x": ' + "[" * 500 + "]" * 500 + "}",
    "wrong-type": '{"schema": "jianxun.bulletin/1", "sections": {"a": 1}}',
    "not-utf8": None,
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_JSON))
def test_hostile_json_to_export_gets_exit_2_and_one_line(tmp_path: Path, kind: str) -> None:
    source = tmp_path / f"{kind}.json"
    text = HOSTILE_JSON[kind]
    source.write_bytes('{"schema": "简报"}'.encode("gbk") if text is None else text.encode())
    run = jianxun("export", str(source), "-o", str(tmp_path / "out.docx"), "--draft")
    err = run.stderr.decode("utf-8")
    assert run.returncode == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"jianxun: {source}：")
    assert "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()


def test_export_of_characters_a_docx_cannot_hold(tmp_path: Path) -> None:
    """U+FFFE, U+0001, ESC, NUL and a lone surrogate (as a PDF's ToUnicode map gives them)."""
    source = tmp_path / "odd.json"
    source.write_text(
        '{"schema": "jianxun.bulletin/1", "masthead": {"name": "工作\\ufffe简报", "issue": 1},'
        ' "sections": [{"name": null, "articles": [{"title": "标\\u0001题\\u001b",'
        ' "paragraphs": ["正\\u0000文\\ud800。"], "source": null}]}]}',
        encoding="utf-8",
    )
    target = tmp_path / "odd.docx"
    run = jianxun("export", str(source), "-o", str(target), "--draft")
    assert run.returncode == 0, run.stderr.decode("utf-8")
    back = jianxun("parse", str(target))
    assert back.returncode == 0, back.stderr.decode("utf-8")
    text = back.stdout.decode("utf-8")
    for kept in ("工作简报", "标题", "正文。"):
        assert kept in text


ARGPARSE_ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "error:",
    "invalid choice",
    "invalid int value",
    "the following arguments are required",
    "unrecognized arguments",
    "show this help",
)


@pytest.mark.parametrize(
    "args",
    [
        ("show", "abc"),
        ("list", "--status", "bad"),
        ("frob",),
        ("export",),
        ("parse", "a.txt", "--bogus"),
        ("search",),
    ],
    ids=["not-a-number", "bad-choice", "no-such-command", "missing", "unknown-option", "no-query"],
)
def test_a_mistyped_command_is_one_chinese_line(args: tuple[str, ...]) -> None:
    run = jianxun(*args)
    err = run.stderr.decode("utf-8")
    assert run.returncode == 2, err
    assert err.count("\n") == 1, err
    assert "命令写得不对" in err
    assert "--help" in err
    assert not [phrase for phrase in ARGPARSE_ENGLISH if phrase in err], err


@pytest.mark.parametrize("args", [("--help",), ("parse", "--help"), ("export", "--help")])
def test_help_is_chinese(args: tuple[str, ...]) -> None:
    run = jianxun(*args)
    out = run.stdout.decode("utf-8")
    assert run.returncode == 0
    assert out.startswith("用法：jianxun")
    assert not [phrase for phrase in ARGPARSE_ENGLISH if phrase in out], out


def test_export_into_an_existing_folder_names_the_file_as_the_desk_does(tmp_path: Path) -> None:
    source = export_fixture(tmp_path, "two_columns_three_articles")
    name = json.loads(source.read_text(encoding="utf-8"))["masthead"]
    folder = tmp_path / "导出"
    folder.mkdir()
    expected = folder / f"{name['name']}第{name['issue']}期.docx"
    for target in (expected, expected.with_name(expected.stem + " (2).docx")):
        run = jianxun("export", str(source), "-o", str(folder))
        assert run.returncode == 0, run.stderr.decode()
        assert run.stdout.decode("utf-8").splitlines() == [f"已写出：{target}"]
        assert target.is_file()
    assert not (tmp_path / "导出.docx").exists()  # never beside the folder


def test_export_without_output_goes_to_the_desks_export_folder(tmp_path: Path) -> None:
    source = export_fixture(tmp_path, "two_columns_three_articles")
    name = json.loads(source.read_text(encoding="utf-8"))["masthead"]
    documents = tmp_path / "文档"
    run = subprocess.run(
        [sys.executable, "-m", "editor", "export", str(source)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "XDG_DOCUMENTS_DIR": str(documents)},
    )
    assert run.returncode == 0, run.stderr.decode()
    target = documents / "简讯导出" / f"{name['name']}第{name['issue']}期.docx"
    assert run.stdout.decode("utf-8") == f"已写出：{target}\n"
    assert target.is_file()


def test_export_into_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    source = export_fixture(tmp_path, "two_columns_three_articles")
    run = jianxun("export", str(source), "-o", str(tmp_path / "没有") + "/")
    assert run.returncode == 4
    assert run.stderr.decode("utf-8") == f"jianxun: {tmp_path / '没有'}：文件夹不存在\n"
    assert list(tmp_path.iterdir()) == [source]


def test_every_exit_code_is_documented() -> None:
    """The codes the CLI returns are the ones --help and the README list."""
    from editor import cli, cli_parser

    codes = {
        value
        for module in (cli, cli_parser)
        for name, value in vars(module).items()
        if name.startswith("EXIT_") and isinstance(value, int)
    }
    assert codes == {0, 2, 3, 4, 5, 6, 70, 130}
    assert set(cli.EXIT_CODES) == codes
    top = jianxun("--help").stdout.decode("utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, meaning in cli.EXIT_CODES.items():
        assert re.search(rf"^  {code} +{re.escape(meaning)}$", top, re.M), (code, top)
        assert re.search(rf"^  \| {code} \| ", readme, re.M), code


def test_the_cli_exports_where_the_desk_does_by_default() -> None:
    """The desk's settings live in Qt's store; the CLI uses the same defaults."""
    from editor.cli_export import default_export_dir
    from editor.core.export.naming import DEFAULT_PATTERN
    from editor.gui.settings import AppSettings

    desk = AppSettings()
    assert default_export_dir() == desk.export_dir
    assert desk.file_pattern == DEFAULT_PATTERN
