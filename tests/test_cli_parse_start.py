"""``jianxun parse FILE`` without argparse (issue 19): the same answer, less to load.

The plain command line (``parse FILE``, ``--pretty`` before or after) is read without
building a parser; every other one still goes to argparse. What the shortcut reads must
be what argparse reads, and the output the same either way.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from support.fresh import modules_after

from editor.cli import _parser, plain_parse_command

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "sample-bulletin.txt"

WORDS = st.sampled_from(
    [
        *("parse", "--pretty", "--pre", "-h", "--help", "x.txt", "简报.txt", "", "-", "a b"),
        *("--", "--data-dir", "--user", "export", "-x.txt", "parse.txt", "@args"),
    ]
)


@given(st.lists(WORDS, max_size=4))
@example(["parse", "x.txt"])
@example(["parse", "--pretty", "x.txt"])
@example(["parse", "x.txt", "--pretty"])
@example(["parse", ""])
@example(["parse", "x.txt", "--pretty", "--pretty"])
def test_the_plain_command_is_read_as_argparse_reads_it(given_args: list[str]) -> None:
    plain = plain_parse_command(given_args)
    if plain is None:
        return  # (argparse reads it, as before)
    args = _parser("parse").parse_args(given_args)
    assert (args.command, args.file, args.pretty) == ("parse", plain[0], plain[1])


@pytest.mark.parametrize(
    "args",
    [["parse"], ["parse", "-h"], ["parse", "--pre", "x"], ["parse", "a", "b"], ["list"], []],
)
def test_anything_else_goes_to_argparse(args: list[str]) -> None:
    assert plain_parse_command(args) is None


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args], capture_output=True, cwd=ROOT, timeout=120
    )


@pytest.mark.parametrize("pretty", [[], ["--pretty"]], ids=["compact", "pretty"])
def test_the_output_is_what_argparse_s_way_gives(pretty: list[str]) -> None:
    quick = _run("parse", str(SAMPLE), *pretty)
    # (an option before the command: the whole parser is built)
    full = _run("--user", "编辑", "parse", str(SAMPLE), *pretty)
    assert quick.returncode == full.returncode == 0, (quick.stderr, full.stderr)
    assert quick.stdout == full.stdout
    assert quick.stderr == full.stderr == b""


def test_a_missing_file_is_the_same_one_line(tmp_path: Path) -> None:
    missing = str(tmp_path / "没有.txt")
    quick, full = _run("parse", missing), _run("--user", "编辑", "parse", missing)
    assert quick.returncode == full.returncode == 2
    assert quick.stderr == full.stderr


def test_parsing_a_text_file_builds_no_parser() -> None:
    """argparse brings gettext (a regex compiled at its import) and, for its help's width,
    shutil with bz2 and lzma; typing is a few milliseconds of its own (annotations name
    it only for mypy): milliseconds ``jianxun parse`` need not spend."""
    code = f"from editor.launch import main\nassert main(['parse', {str(SAMPLE)!r}]) == 0"
    unwanted = {
        "argparse",
        "gettext",
        "shutil",
        "typing",
        "editor.cli_parser",
        "editor.cli_archive",
    }
    assert not modules_after(code) & unwanted
