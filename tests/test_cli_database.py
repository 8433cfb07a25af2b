"""``--database URL`` (or $JIANXUN_DATABASE): every archive command on a PostgreSQL server's
archive, in real processes. A server that cannot be used is one Chinese line naming it
(never its password, never psycopg's English), exit 2 as for a missing archive; with a
server archive, the data directory is not where the archive is (nothing is made there).

The tests with a server use ``pg_url`` (a fresh database on a real server started for the
session; skipped where PostgreSQL is not installed, a failure in CI); the unreachable
server needs none: nothing listens on port 1.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from editor.core.paths import DataDir
from editor.core.store import open_store

ROOT = Path(__file__).resolve().parents[1]
NOWHERE = "postgresql://jianxun:s3cret@127.0.0.1:1/archive"
NOWHERE_SHOWN = "postgresql://jianxun@127.0.0.1:1/archive"
ARCHIVE_COMMANDS = ("list", "search", "show", "approve", "export", "ingest", "watch")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``python -m editor`` with these arguments; JIANXUN_DATABASE only when ``env`` gives it."""
    environment = {k: v for k, v in os.environ.items() if k != "JIANXUN_DATABASE"}
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        env={**environment, **(env or {})},
    )


def command(name: str, inbox: Path, out: Path) -> list[str]:
    return {
        "list": ["list"],
        "search": ["search", "方志"],
        "show": ["show", "1"],
        "approve": ["approve", "1"],
        "export": ["export", "1", "-o", str(out / "导出.docx")],
        "ingest": ["ingest", str(inbox)],
        "watch": ["watch", str(inbox), "--delay", "0.1"],
        "backup": ["backup", str(out / "备份")],
        "restore": ["restore", str(out / "备份")],
    }[name]


def one_line(done: subprocess.CompletedProcess[bytes], place: str) -> str:
    """Exit 2 and one stderr line ``jianxun: <place>：<reason>`` in plain Chinese."""
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, (done.returncode, err, done.stdout.decode("utf-8", "replace"))
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith(f"jianxun: {place}："), line
    reason = line.split("：", 1)[1]
    for quoted in ("jianxun backup", "jianxun restore", "PostgreSQL", "pg_dump", "pg_restore"):
        reason = reason.replace(quoted, "")
    assert not re.search(r"[A-Za-z]{3,}", reason), line
    assert "s3cret" not in line
    return line


def as_json(done: subprocess.CompletedProcess[bytes]) -> Any:
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return json.loads(done.stdout)


@pytest.fixture
def inbox(tmp_path: Path, sample_text: str) -> Path:
    folder = tmp_path / "收件箱"
    folder.mkdir()
    (folder / "第9期.txt").write_text(sample_text, encoding="utf-8")
    (folder / "草稿.txt").write_text("标题\n正文一段。\n", encoding="utf-8")
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "导出"
    folder.mkdir()
    return folder


# --- without a server ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ARCHIVE_COMMANDS)
@pytest.mark.parametrize("where", ["after", "before", "environment"])
def test_a_server_that_does_not_answer_is_one_line_naming_it(
    name: str, where: str, tmp_path: Path, inbox: Path, out: Path
) -> None:
    data = tmp_path / "data"
    args = [*command(name, inbox, out), "--data-dir", str(data)]
    if where == "after":
        done = run(*args, "--database", NOWHERE)
    elif where == "before":
        done = run("--database", NOWHERE, *args)
    else:
        done = run(*args, env={"JIANXUN_DATABASE": NOWHERE})
    line = one_line(done, NOWHERE_SHOWN)
    assert "数据库服务器" in line
    assert done.stdout == b""
    assert list(out.iterdir()) == []
    assert not data.exists()  # the archive is the server's: nothing made here


def test_backing_up_an_unreachable_server_names_it_and_writes_nothing(
    tmp_path: Path, inbox: Path, out: Path
) -> None:
    done = run(*command("backup", inbox, out), "--database", NOWHERE, "--data-dir", str(tmp_path))
    assert "拒绝连接" in one_line(done, NOWHERE_SHOWN)
    assert list(out.iterdir()) == []


def test_restoring_a_folder_without_a_dump_to_a_server_names_the_folder(
    tmp_path: Path, inbox: Path, out: Path
) -> None:
    done = run(*command("restore", inbox, out), "--database", NOWHERE, "--data-dir", str(tmp_path))
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2
    assert err.count("\n") == 1
    assert "jianxun.dump" in err
    assert "s3cret" not in err
    assert list(out.iterdir()) == []


def test_a_database_option_that_is_no_address_is_a_usage_mistake(tmp_path: Path) -> None:
    done = run("list", "--database", "jianxun:s3cret@server/archive")
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2
    assert err.count("\n") == 1
    assert "postgresql://用户@服务器:端口/数据库" in err
    assert "s3cret" not in err  # the value is not repeated: it may hold a password
    assert done.stdout == b""


def test_an_environment_address_that_is_no_address(tmp_path: Path) -> None:
    done = run("list", "--data-dir", str(tmp_path), env={"JIANXUN_DATABASE": "server:5432"})
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2
    assert err == (
        "jianxun: 环境变量 JIANXUN_DATABASE 不是数据库地址（应为 postgresql://用户@服务器:端口/数据库）\n"
    )


def test_an_empty_environment_address_means_the_data_directory(tmp_path: Path) -> None:
    done = run("list", "--data-dir", str(tmp_path / "data"), env={"JIANXUN_DATABASE": ""})
    assert done.returncode == 2
    assert "这里还没有档案" in done.stderr.decode("utf-8")


def test_the_help_names_the_option_and_the_environment() -> None:
    for args in (["--help"], ["list", "--help"], ["ingest", "--help"], ["export", "--help"]):
        text = run(*args).stdout.decode("utf-8")
        assert "--database URL" in text, args
        assert "JIANXUN_DATABASE" in text, args


# --- with a server -------------------------------------------------------------------------


def test_every_archive_command_on_the_server(
    pg_url: str, tmp_path: Path, inbox: Path, out: Path
) -> None:
    data = tmp_path / "data"  # given, and unused: the archive is the server's
    common = ["--database", pg_url, "--data-dir", str(data), "--user", "测试员"]
    done = run("ingest", str(inbox), *common)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").count("新收 #") == 2
    again = run("ingest", str(inbox), *common)
    assert "新收" not in again.stdout.decode("utf-8")  # nothing twice

    rows = as_json(run("list", "--json", *common))
    assert sorted(Path(r["source_path"]).name for r in rows) == ["第9期.txt", "草稿.txt"]
    hits = as_json(run("search", "方志进校园", "--json", *common))
    assert [Path(h["source_path"]).name for h in hits] == ["第9期.txt"]
    short = as_json(run("search", "正文", "--json", *common))
    assert [Path(h["source_path"]).name for h in short] == ["草稿.txt"]

    bulletin_id = hits[0]["id"]
    shown = run("show", str(bulletin_id), *common).stdout.decode("utf-8")
    assert "四川省地方志工作简报" in shown
    missing = run("show", "999", *common)
    assert missing.returncode == 6
    assert "没有编号为 999 的简报" in missing.stderr.decode("utf-8")

    assert run("approve", str(bulletin_id), *common).returncode == 0
    target = out / "第9期.docx"
    exported = run("export", str(bulletin_id), "-o", str(target), *common)
    assert exported.returncode == 0, exported.stderr.decode()
    assert target.exists()
    record = as_json(run("show", str(bulletin_id), "--json", *common))
    assert record["status"] == "exported"
    assert record["approved_by"] == "测试员"
    assert not data.exists()


def test_the_address_before_the_command_in_the_environment_and_which_wins(
    pg_url: str, tmp_path: Path, inbox: Path
) -> None:
    local = tmp_path / "data"
    assert run("ingest", str(inbox), "--data-dir", str(local)).returncode == 0  # a local archive
    assert run("--database", pg_url, "ingest", str(inbox / "第9期.txt")).returncode == 0

    def names(*args: str, env: dict[str, str] | None = None) -> list[str]:
        return sorted(Path(r["source_path"]).name for r in as_json(run(*args, env=env)))

    assert names("--database", pg_url, "list", "--json") == ["第9期.txt"]
    assert names("list", "--json", env={"JIANXUN_DATABASE": pg_url}) == ["第9期.txt"]
    # The server's archive, with or without a --data-dir beside it.
    assert names("list", "--json", "--data-dir", str(local), "--database", pg_url) == ["第9期.txt"]
    assert names("list", "--json", "--data-dir", str(local)) == ["第9期.txt", "草稿.txt"]
    # After the command wins over before it, and the option over the environment.
    assert names("--database", NOWHERE, "list", "--json", "--database", pg_url) == ["第9期.txt"]
    assert names("list", "--json", "--database", pg_url, env={"JIANXUN_DATABASE": NOWHERE}) == [
        "第9期.txt"
    ]


def test_no_such_database_or_user_on_the_server(pg_url: str, tmp_path: Path) -> None:
    base, _, _ = pg_url.rpartition("/")
    done = run("list", "--database", f"{base}/no_such_archive", "--data-dir", str(tmp_path))
    assert one_line(done, f"{base}/no_such_archive").endswith("服务器上没有这个数据库")
    stranger = re.sub(r"//[^@]*@", "//nobody:s3cret@", pg_url)
    done = run("list", "--database", stranger, "--data-dir", str(tmp_path))
    assert one_line(done, re.sub(r"//[^@]*@", "//nobody@", pg_url)).endswith(
        "服务器上没有这个数据库用户"
    )


def test_two_ingests_at_once_on_overlapping_folders_record_each_file_once(
    pg_url: str, tmp_path: Path, sample_text: str
) -> None:
    first, second = tmp_path / "甲", tmp_path / "乙"
    first.mkdir()
    second.mkdir()
    for n in range(12):
        text = sample_text.replace("方志进校园", f"方志进校园（第{n}场）")
        for folder in (first, second) if n % 3 else (first,):
            (folder / f"第{n}期.txt").write_text(text, encoding="utf-8")
    common = ["--database", pg_url, "--user", "测试员", "--data-dir", str(tmp_path / "data")]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "editor", "ingest", str(folder), *common],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for folder in (first, second)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    rows = as_json(run("list", "--json", "--database", pg_url))
    assert len(rows) == 12


def test_watch_on_a_server_archive_waits_for_the_desk_that_takes_the_inbox(
    tmp_path: Path, pg_url: str, sample_text: str
) -> None:
    """A desk holds the shared inbox: ``watch`` says so and takes nothing; once the desk
    lets go, ``watch`` takes the inbox over and the file waiting there."""
    inbox = tmp_path / "共享收件箱"
    inbox.mkdir()
    (inbox / "等着的.txt").write_text(sample_text, encoding="utf-8")
    desk = open_store(pg_url, data=DataDir(tmp_path / "desk"))
    claim = desk.claim_inbox("编审台")
    assert claim is not None
    environment = {k: v for k, v in os.environ.items() if k != "JIANXUN_DATABASE"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "editor",
            "--database",
            pg_url,
            "watch",
            str(inbox),
            "--delay",
            "0.2",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**environment, "JIANXUN_DATA_DIR": str(tmp_path / "service")},
    )
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(line.decode("utf-8") for line in process.stdout),  # type: ignore[union-attr]
        daemon=True,
    )
    reader.start()

    def wait_for(word: str) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if any(word in line for line in lines):
                return True
            threading.Event().wait(0.05)
        return False

    try:
        assert wait_for("正由一台编审台收取"), lines
        assert desk.count() == 0
        claim.release()
        assert wait_for("新收"), lines
        assert any("正在监视" in line for line in lines)
        assert desk.count() == 1
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=10)
        stderr = process.stderr.read().decode("utf-8")  # type: ignore[union-attr]
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
        desk.close()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
