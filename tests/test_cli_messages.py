"""All the command line says, read as a clerk reads it: Chinese, one plain line, no internals.

Every command's ``--help``, and the mistakes people make (a command or option
that does not exist, a word where a number goes, a file that is not there or
cannot be read, a folder where a file goes, an id the archive lacks, a status
it does not know, a data directory with no archive): real processes, real
files, a real archive. None may answer with argparse's English, the system's
errno text, an internal field path or a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "optional arguments",
    "invalid choice",
    "invalid int value",
    "invalid float value",
    "error:",
    "the following arguments are required",
    "unrecognized arguments",
    "expected one argument",
    "show this help",
    "show program's version",
    "[Errno",
    "Errno",
    "No such file",
    "Permission denied",
    "Is a directory",
    "Not a directory",
    "Traceback",
    "Exception",
)
INTERNAL = re.compile(r"masthead\.|imprint\.|sections\[|articles\[|paragraphs\[|\bNone\b|\bnull\b")
ENGLISH_PHRASE = re.compile(r"\b[a-z]{3,}(?: [a-z]{2,})+\b")
CJK = re.compile(r"[\u4e00-\u9fff]")


def jianxun(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "editor", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        text=True,
        encoding="utf-8",
        env={**os.environ, "JIANXUN_DEBUG": ""},
    )


def assert_plain_chinese(run: subprocess.CompletedProcess[str]) -> str:
    said = run.stdout + run.stderr
    assert said.strip(), "said nothing"
    assert CJK.search(said), said
    found = [phrase for phrase in ENGLISH if phrase in said]
    assert not found, (found, said)
    assert not INTERNAL.search(said), said
    return said


def command_names() -> list[str]:
    from editor.cli import _parser

    parser = _parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    raise AssertionError("no commands")


COMMANDS = command_names()


def test_every_command_is_walked() -> None:
    expected = {"parse", "export", "ingest", "watch", "list", "search", "show", "approve"}
    assert expected | {"backup", "restore"} <= set(COMMANDS)


@pytest.mark.parametrize("name", ["", *COMMANDS], ids=["jianxun", *COMMANDS])
def test_help_is_chinese(name: str) -> None:
    run = jianxun(*([name] if name else []), "--help")
    assert run.returncode == 0, run.stderr
    out = assert_plain_chinese(run)
    assert out.startswith("用法：jianxun")
    assert "显示这段说明并退出" in out
    phrases = [p for p in ENGLISH_PHRASE.findall(out) if not p.startswith("jianxun ")]
    assert not phrases, (phrases, out)


def test_every_option_and_argument_is_explained_in_chinese() -> None:
    from editor.cli import _parser

    top = _parser()
    parsers = [top]
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers += list(action.choices.values())
    for parser in parsers:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help, (parser.prog, action.dest)
            assert CJK.search(action.help), (parser.prog, action.dest, action.help)


def test_version() -> None:
    run = jianxun("--version")
    assert run.returncode == 0
    assert run.stdout.startswith("jianxun ")


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory, sample_text_module: str) -> dict[str, Path]:
    """A real archive (one good bulletin, one incomplete), and files good and bad."""
    base = tmp_path_factory.mktemp("mistakes")
    inbox, data = base / "收件箱", base / "data"
    inbox.mkdir()
    (inbox / "第9期.txt").write_text(sample_text_module, encoding="utf-8")
    (inbox / "草稿.txt").write_text("标题\n正文一段。\n", encoding="utf-8")
    run = jianxun("ingest", str(inbox), "--data-dir", str(data))
    assert run.returncode == 0, run.stderr
    folder = base / "文件夹"
    folder.mkdir()
    good = base / "好.json"
    good.write_bytes(
        (ROOT / "tests/fixtures/bulletins/two_columns_three_articles.json").read_bytes()
    )
    unreadable = base / "锁住.txt"
    unreadable.write_text("标题\n正文。\n", encoding="utf-8")
    unreadable.chmod(0o000)
    (base / "已有.docx").write_bytes(b"keep me")
    notes = base / "说明.md"
    notes.write_text("不是简报\n", encoding="utf-8")
    return {
        "base": base,
        "inbox": inbox,
        "data": data,
        "folder": folder,
        "good": good,
        "unreadable": unreadable,
        "notes": notes,
        "missing": base / "没有这个文件.txt",
        "no-archive": base / "数据目录写错了",
    }


@pytest.fixture(scope="module")
def sample_text_module() -> str:
    from conftest import FIXTURES, load_bulletin
    from support.render import RenderOptions, render

    return render(
        load_bulletin(FIXTURES / "bulletins" / "two_columns_three_articles.json"), RenderOptions()
    ).text


def ids(places: dict[str, Path]) -> dict[str, int]:
    """Archive ids by file name (ingest order is by modification time, not by name)."""
    import json

    listed = jianxun("list", "--json", "--data-dir", str(places["data"]))
    return {Path(r["source_path"]).name: r["id"] for r in json.loads(listed.stdout)}


def outside_the_archive(places: dict[str, Path]) -> dict[Path, bytes | None]:
    """Every file and folder but the archive's own (whose WAL index comes and goes)."""
    return {
        path: path.read_bytes() if path.is_file() and os.access(path, os.R_OK) else None
        for path in sorted(places["base"].rglob("*"))
        if places["data"] not in path.parents
    }


MISTAKES: dict[str, tuple[int, list[str]]] = {
    "unknown command": (2, ["frob"]),
    "unknown option": (2, ["list", "--bogus", "--data-dir", "{data}"]),
    "unknown option of parse": (2, ["parse", "{good}", "--bogus"]),
    "not a number": (2, ["show", "abc"]),
    "not a number for --delay": (2, ["watch", "{folder}", "--delay", "soon"]),
    "missing id": (2, ["show"]),
    "an output name too long": (4, ["export", "{good}", "-o", "{base}/" + "长" * 90 + ".docx"]),
    "--data-dir without a folder": (2, ["list", "--data-dir"]),
    "--data-dir first without a folder": (2, ["--data-dir"]),
    "missing id to approve": (2, ["approve"]),
    "missing input": (2, ["export"]),
    "missing query": (2, ["search"]),
    "missing folder": (2, ["ingest"]),
    "missing file": (2, ["parse", "{missing}"]),
    "missing file to export": (2, ["export", "{missing}", "-o", "{base}/x.docx"]),
    "missing file to ingest": (2, ["ingest", "{missing}", "--data-dir", "{data}"]),
    "missing backup": (2, ["restore", "{missing}", "--data-dir", "{base}/新"]),
    "missing profile": (2, ["export", "{good}", "-o", "{base}/p.docx", "--profile", "{missing}"]),
    "unknown id": (6, ["show", "999", "--data-dir", "{data}"]),
    "unknown id to approve": (6, ["approve", "999", "--data-dir", "{data}"]),
    "unknown id to export": (6, ["export", "999", "-o", "{base}/999.docx", "--data-dir", "{data}"]),
    "bad status": (2, ["list", "--status", "已完成", "--data-dir", "{data}"]),
    "bad status in English": (2, ["list", "--status", "done", "--data-dir", "{data}"]),
    "folder where a file goes": (2, ["parse", "{folder}"]),
    "folder to export": (2, ["export", "{folder}", "-o", "{base}/d.docx"]),
    "folder as profile": (2, ["export", "{good}", "-o", "{base}/f.docx", "--profile", "{folder}"]),
    "file where a folder goes": (2, ["watch", "{good}", "--data-dir", "{data}"]),
    "file as backup folder": (2, ["backup", "{good}", "--data-dir", "{data}"]),
    "not a bulletin file": (2, ["ingest", "{notes}", "--data-dir", "{data}"]),
    "no archive": (2, ["list", "--data-dir", "{no-archive}"]),
    "no archive, before the command": (2, ["--data-dir", "{no-archive}", "search", "方志"]),
    "no archive to show": (2, ["show", "1", "--data-dir", "{no-archive}"]),
    "no archive to back up": (2, ["backup", "{base}/备份", "--data-dir", "{no-archive}"]),
    "no archive to export from": (2, ["export", "1", "--data-dir", "{no-archive}"]),
    "output folder missing": (4, ["export", "{good}", "-o", "{base}/没有/x.docx"]),
    "output exists": (4, ["export", "{good}", "-o", "{base}/已有.docx"]),
    "export before approval": (
        3,
        ["export", "{id:第9期.txt}", "-o", "{base}/e.docx", "--data-dir", "{data}"],
    ),
    "approve what is incomplete": (3, ["approve", "{id:草稿.txt}", "--data-dir", "{data}"]),
    "unreadable file": (2, ["parse", "{unreadable}"]),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_a_mistake_is_told_in_plain_chinese(mistake: str, places: dict[str, Path]) -> None:
    code, template = MISTAKES[mistake]
    known = ids(places)
    args = [
        str(known[part[4:-1]])
        if part.startswith("{id:")
        else re.sub(r"\{([^}]+)\}", lambda m: str(places[m[1]]), part)
        for part in template
    ]
    prefix: tuple[str, ...] = ()
    if mistake == "unreadable file" and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv is needed to read as a user without root's override")
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    before = outside_the_archive(places)
    run = jianxun(*args, prefix=prefix)
    said = assert_plain_chinese(run)
    assert run.returncode == code, (run.returncode, said)
    assert run.stdout == "", said
    lines = run.stderr.splitlines()
    assert len(lines) == 1, said
    assert lines[0].startswith("jianxun"), said
    if code != 4:
        assert outside_the_archive(places) == before  # a refusal writes nothing
    if "no archive" in mistake:
        assert "这里还没有档案" in said
        assert not places["no-archive"].exists()
