"""Every archive command against a data directory it cannot use: one plain-Chinese line, exit 2.

Real folders in real processes: a read-only bind mount, a file where the folder
should be, a ``chmod 000`` folder seen by an unprivileged user, a mistyped path,
and a damaged database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from support.messages import refused
from support.mounts import no_permission, read_only

from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.core.store import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
READING = ("list", "search", "show")
NEEDS_ARCHIVE = ("list", "search", "show", "approve", "export", "backup", "compact")
CREATES = ("ingest", "watch")
EVERY = (*NEEDS_ARCHIVE, *CREATES)


def jianxun(
    *args: str, data: Path, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            *prefix,
            sys.executable,
            "-m",
            "editor",
            *args,
            "--data-dir",
            str(data),
            "--user",
            "测试员",
        ],
        capture_output=True,
        cwd=ROOT,
        timeout=60,  # a watch that starts instead of refusing fails here
        check=False,
    )


def command(name: str, inbox: Path, out: Path) -> list[str]:
    return {
        "list": ["list"],
        "search": ["search", "方志"],
        "show": ["show", "1"],
        "approve": ["approve", "1"],
        "export": ["export", "1", "-o", str(out / "导出.docx")],
        "export-draft": ["export", "1", "--draft", "-o", str(out / "草稿.docx")],
        "backup": ["backup", str(out / "备份")],
        "compact": ["compact"],
        "ingest": ["ingest", str(inbox)],
        "watch": ["watch", str(inbox), "--delay", "0.1"],
    }[name]


def tree(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def inbox(tmp_path: Path, sample_text: str) -> Path:
    folder = tmp_path / "收件箱"
    folder.mkdir()
    (folder / "第9期.txt").write_text(sample_text, encoding="utf-8")
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "输出"
    folder.mkdir()
    return folder


@pytest.fixture
def archive(tmp_path: Path, inbox: Path) -> Path:
    """A data directory holding one bulletin, closed cleanly."""
    data = DataDir(tmp_path / "data")
    with SqliteStore(data) as store:
        ingest_file(store, inbox / "第9期.txt", user="测试员")
    return data.root


@pytest.mark.parametrize("name", EVERY)
def test_read_only_folder_without_an_archive(
    name: str, tmp_path: Path, inbox: Path, out: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with read_only(data):
        run = jianxun(*command(name, inbox, out), data=data)
    if name in NEEDS_ARCHIVE:
        refused(run, str(data), "这里还没有档案")
    else:
        refused(run, str(data), "没有写入权限")
    assert list(data.iterdir()) == []
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", [*EVERY, "export-draft"])
def test_read_only_folder_with_an_archive(name: str, archive: Path, inbox: Path, out: Path) -> None:
    """Reading still works (read-only); anything that would write says so."""
    before = tree(archive)
    with read_only(archive):
        run = jianxun(*command(name, inbox, out), data=archive)
    assert tree(archive) == before
    if name in (*READING, "backup", "export-draft"):
        assert run.returncode == 0, run.stderr.decode()
        # Nothing but the export's notices (fonts this computer lacks), each one Chinese line.
        notices = [line for line in run.stderr.decode("utf-8").splitlines() if line]
        assert all(line.startswith("jianxun: 提醒：") for line in notices), notices
        if name in READING:
            assert "第9期.txt" in run.stdout.decode("utf-8")
        if name == "backup":
            assert sorted(p.name for p in (out / "备份").iterdir()) == [
                "jianxun.sqlite3",
                "originals",
            ]
        if name == "export-draft":
            assert (out / "草稿.docx").is_file()
    else:
        refused(run, str(archive), "没有写入权限")


@pytest.mark.parametrize("name", EVERY)
def test_data_dir_that_is_a_file(name: str, tmp_path: Path, inbox: Path, out: Path) -> None:
    data = tmp_path / "data.txt"
    data.write_text("不是文件夹\n", encoding="utf-8")
    refused(jianxun(*command(name, inbox, out), data=data), str(data), "不是文件夹")
    assert data.read_text(encoding="utf-8") == "不是文件夹\n"


@pytest.mark.parametrize("name", EVERY)
def test_data_dir_without_permission(name: str, tmp_path: Path, inbox: Path, out: Path) -> None:
    data = tmp_path / "data"
    with no_permission(data) as prefix:
        run = jianxun(*command(name, inbox, out), data=data, prefix=prefix)
    refused(run, str(data), "没有", "权限")
    assert list(data.iterdir()) == []
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", NEEDS_ARCHIVE)
def test_mistyped_data_dir_is_not_created(
    name: str, tmp_path: Path, inbox: Path, out: Path
) -> None:
    data = tmp_path / "dta"
    refused(jianxun(*command(name, inbox, out), data=data), str(data), "这里还没有档案")
    assert not data.exists()


def test_empty_data_dir_stays_empty_for_reading(tmp_path: Path, inbox: Path, out: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in READING:
        refused(jianxun(*command(name, inbox, out), data=data), "这里还没有档案")
    assert list(data.iterdir()) == []


@pytest.mark.parametrize("name", ["list", "show", "ingest", "approve", "backup"])
@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), "这是一封信，不是数据库。\n".encode() * 200],
    ids=["random", "text"],
)
def test_damaged_database(
    name: str, content: bytes, tmp_path: Path, inbox: Path, out: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "jianxun.sqlite3").write_bytes(content)
    refused(jianxun(*command(name, inbox, out), data=data), "已损坏或不是简讯编审台的档案")
    assert (data / "jianxun.sqlite3").read_bytes() == content


def run_plain(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m editor`` with exactly these arguments (no --data-dir added)."""
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("name", ["list", "search", "show", "export-draft", "backup", "approve"])
def test_data_dir_before_the_command(name: str, archive: Path, inbox: Path, out: Path) -> None:
    run = run_plain("--data-dir", str(archive), "--user", "测试员", *command(name, inbox, out))
    assert run.returncode == 0, run.stderr.decode()
    if name in READING:
        assert "第9期.txt" in run.stdout.decode("utf-8")


def test_data_dir_after_the_command_wins(archive: Path, tmp_path: Path) -> None:
    run = run_plain("--data-dir", str(tmp_path / "别处"), "list", "--data-dir", str(archive))
    assert run.returncode == 0, run.stderr.decode()
    assert "第9期.txt" in run.stdout.decode("utf-8")
    assert not (tmp_path / "别处").exists()


@pytest.mark.parametrize("name", NEEDS_ARCHIVE)
@pytest.mark.parametrize("where", ["before", "environment"])
def test_mistyped_data_dir_before_the_command_or_in_the_environment(
    name: str, where: str, tmp_path: Path, inbox: Path, out: Path
) -> None:
    data = tmp_path / "dta"
    if where == "before":
        run = run_plain("--data-dir", str(data), *command(name, inbox, out))
    else:
        run = run_plain(*command(name, inbox, out), env={"JIANXUN_DATA_DIR": str(data)})
    refused(run, str(data), "这里还没有档案")
    assert not data.exists()
    assert list(out.iterdir()) == []
