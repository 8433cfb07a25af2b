"""The archive commands as a clerk or a script uses them: real processes, real folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from support.messages import refused
from support.mounts import small_disk

ROOT = Path(__file__).resolve().parents[1]


def jianxun(*args: str, data: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args, "--data-dir", str(data), "--user", "测试员"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def as_json(run: subprocess.CompletedProcess[bytes]) -> Any:
    assert run.returncode == 0, run.stderr.decode()
    return json.loads(run.stdout)


@pytest.fixture
def inbox(tmp_path: Path, sample_text: str) -> Path:
    folder = tmp_path / "收件箱"
    folder.mkdir()
    (folder / "第9期.txt").write_bytes(sample_text.encode("gbk"))
    (folder / "坏文件.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "草稿.txt").write_text("标题\n正文一段。\n", encoding="utf-8")
    (folder / "~$锁文件.docx").write_bytes(b"x")
    return folder


def test_ingest_list_search_show(tmp_path: Path, inbox: Path) -> None:
    data = tmp_path / "data"
    run = jianxun("ingest", str(inbox), data=data)
    assert run.returncode == 0, run.stderr.decode()
    out = run.stdout.decode("utf-8")
    assert "新收" in out
    assert "无法解析" in out
    assert "锁文件" not in out
    assert out.strip().endswith("份")
    again = jianxun("ingest", str(inbox), data=data).stdout.decode("utf-8")
    assert "新收" not in again  # nothing twice

    rows = as_json(jianxun("list", "--json", data=data))
    assert len(rows) == 3
    for row in rows:
        assert {"id", "status", "title", "source_path"} <= set(row)
    failed = as_json(jianxun("list", "--status", "failed", "--json", data=data))
    assert [Path(r["source_path"]).name for r in failed] == ["坏文件.txt"]

    hits = as_json(jianxun("search", "方志进校园", "--json", data=data))
    assert [Path(h["source_path"]).name for h in hits] == ["第9期.txt"]
    short = as_json(jianxun("search", "正文", "--json", data=data))
    assert [Path(h["source_path"]).name for h in short] == ["草稿.txt"]

    bulletin_id = hits[0]["id"]
    shown = as_json(jianxun("show", str(bulletin_id), "--json", data=data))
    assert shown["bulletin"]["masthead"]["name"] == "四川省地方志工作简报"
    assert shown["revisions"][0]["action"] == "ingest"
    assert shown["revisions"][0]["user"] == "测试员"
    missing = jianxun("show", "999", data=data)
    assert missing.returncode == 6
    assert "没有编号为 999 的简报" in missing.stderr.decode("utf-8")


def test_approve_then_export_by_id(tmp_path: Path, inbox: Path) -> None:
    data = tmp_path / "data"
    jianxun("ingest", str(inbox), data=data)
    rows = {
        Path(r["source_path"]).name: r["id"] for r in as_json(jianxun("list", "--json", data=data))
    }
    good, draft, bad = rows["第9期.txt"], rows["草稿.txt"], rows["坏文件.txt"]
    out = tmp_path / "第9期.docx"

    early = jianxun("export", str(good), "-o", str(out), data=data)
    assert early.returncode == 3
    assert "批准后才能导出" in early.stderr.decode("utf-8")
    assert not out.exists()

    refused = jianxun("approve", str(draft), data=data)
    assert refused.returncode == 3
    assert "缺少报头名称" in refused.stderr.decode("utf-8")
    assert jianxun("approve", str(bad), data=data).returncode == 3

    assert jianxun("approve", str(good), data=data).returncode == 0
    exported = jianxun("export", str(good), "-o", str(out), data=data)
    assert exported.returncode == 0, exported.stderr.decode()
    assert out.exists()
    shown = as_json(jianxun("show", str(good), "--json", data=data))
    assert shown["status"] == "exported"
    assert shown["exported_path"] == str(out)
    assert [r["action"] for r in shown["revisions"]] == ["ingest", "approve", "export"]


def test_watch_until_interrupted(tmp_path: Path, sample_text: str) -> None:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "editor",
            "watch",
            str(inbox),
            "--data-dir",
            str(data),
            "--delay",
            "0.5",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(line.decode("utf-8") for line in process.stdout),  # type: ignore[union-attr]
        daemon=True,
    )
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while not any("正在监视" in line for line in lines) and time.monotonic() < deadline:
            threading.Event().wait(0.05)
        (inbox / "新到.txt").write_text(sample_text, encoding="utf-8")
        while not any("新收" in line for line in lines) and time.monotonic() < deadline:
            threading.Event().wait(0.05)
        assert any("新收" in line and "新到.txt" in line for line in lines)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=10)
        stderr = process.stderr.read().decode("utf-8")  # type: ignore[union-attr]
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert any("已停止监视" in line for line in lines)
    assert os.path.exists(data / "jianxun.sqlite3")


def test_the_cli_keeps_the_inbox_default_delay() -> None:
    from editor.cli_archive import DEFAULT_STABILITY_DELAY
    from editor.core.inbox import DEFAULT_STABILITY_DELAY as CORE

    assert DEFAULT_STABILITY_DELAY == CORE


def test_backup_and_restore_commands(tmp_path: Path, inbox: Path) -> None:
    data, copy, fresh = tmp_path / "data", tmp_path / "备份", tmp_path / "新电脑"
    jianxun("ingest", str(inbox), data=data)
    run = jianxun("backup", str(copy), data=data)
    assert run.returncode == 0, run.stderr.decode()
    assert "已备份 3 份简报" in run.stdout.decode("utf-8")
    run = jianxun("restore", str(copy), data=fresh)
    assert run.returncode == 0, run.stderr.decode()
    assert as_json(jianxun("list", "--json", data=fresh)) == as_json(
        jianxun("list", "--json", data=data)
    )
    again = jianxun("restore", str(copy), data=fresh)
    assert again.returncode == 2
    assert "只能恢复到空的数据目录" in again.stderr.decode("utf-8")


def test_output_cut_short_by_the_reader_is_not_an_error(tmp_path: Path, sample_text: str) -> None:
    """``jianxun list | head -1``: the reader closes the pipe; no traceback, exit 0."""
    folder = tmp_path / "收件箱"
    folder.mkdir()
    for index in range(400):
        (folder / f"第{index}期.txt").write_text(sample_text + f"\n第{index}份。\n", "utf-8")
    data = tmp_path / "data"
    assert jianxun("ingest", str(folder), data=data).returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "editor", "list", "--data-dir", str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.readline().startswith(b"#")
    process.stdout.close()  # like head -1
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    process.stderr.close()
    assert "Traceback" not in errors


def test_backup_twice_needs_overwrite(tmp_path: Path, inbox: Path) -> None:
    data, copy = tmp_path / "data", tmp_path / "备份"
    jianxun("ingest", str(inbox), data=data)
    assert jianxun("backup", str(copy), data=data).returncode == 0
    line = refused(jianxun("backup", str(copy), data=data), str(copy), "已经有一份备份")
    assert "--overwrite" in line
    run = jianxun("backup", str(copy), "--overwrite", data=data)
    assert run.returncode == 0, run.stderr.decode()
    assert sorted(p.name for p in copy.iterdir()) == ["jianxun.sqlite3", "originals"]


def test_restore_a_damaged_backup(tmp_path: Path, inbox: Path) -> None:
    data, copy, fresh = tmp_path / "data", tmp_path / "备份", tmp_path / "新电脑"
    jianxun("ingest", str(inbox), data=data)
    jianxun("backup", str(copy), data=data)
    database = copy / "jianxun.sqlite3"
    database.write_bytes(os.urandom(database.stat().st_size))
    refused(jianxun("restore", str(copy), data=fresh), str(database), "已损坏")
    assert not fresh.exists()


def test_restore_with_originals_missing(tmp_path: Path, inbox: Path) -> None:
    data, copy, fresh = tmp_path / "data", tmp_path / "备份", tmp_path / "新电脑"
    jianxun("ingest", str(inbox), data=data)
    jianxun("backup", str(copy), data=data)
    next((copy / "originals").iterdir()).unlink()
    line = refused(jianxun("restore", str(copy), data=fresh), "缺少 1 个原件")
    assert "--partial" in line
    assert not fresh.exists()
    run = jianxun("restore", str(copy), "--partial", data=fresh)
    assert run.returncode == 0, run.stderr.decode()
    out = run.stdout.decode("utf-8")
    assert "已恢复 3 份简报" in out
    assert "缺少 1 个原件" in out
    assert len(as_json(jianxun("list", "--json", data=fresh))) == 3


def test_backup_onto_a_full_disk(tmp_path: Path, inbox: Path) -> None:
    data = tmp_path / "data"
    for index in range(3):
        (inbox / f"大文件{index}.txt").write_bytes(bytes([index]) + bytes(range(256)) * 2000)
    jianxun("ingest", str(inbox), data=data)
    with small_disk(tmp_path / "U盘", "1m") as disk:
        refused(jianxun("backup", str(disk / "备份"), data=data), "磁盘空间已满")
        assert list(disk.iterdir()) == []


@pytest.mark.parametrize(
    ("status", "label"),
    [("已批准", "已批准"), ("approved", "已批准"), ("新收", "新收"), ("new", "新收")],
)
def test_list_status_takes_the_names_list_prints(
    tmp_path: Path, inbox: Path, status: str, label: str
) -> None:
    data = tmp_path / "data"
    jianxun("ingest", str(inbox), data=data)
    rows = {
        Path(r["source_path"]).name: r["id"] for r in as_json(jianxun("list", "--json", data=data))
    }
    assert jianxun("approve", str(rows["第9期.txt"]), data=data).returncode == 0
    run = jianxun("list", "--status", status, data=data)
    assert run.returncode == 0, run.stderr.decode()
    lines = run.stdout.decode("utf-8").splitlines()
    assert lines
    assert all(line.split("\t")[1] == label for line in lines), lines
    expected = ["第9期.txt"] if label == "已批准" else ["草稿.txt"]
    assert [Path(line.split("\t")[-1]).name for line in lines] == expected


def test_list_status_help_names_the_chinese_statuses() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "editor", "list", "--help"], capture_output=True, cwd=ROOT
    ).stdout.decode("utf-8")
    assert "新收、审校中、已批准、已导出、已退回、无法解析" in out
    assert "in_review" not in out


def test_an_empty_archive_list_and_a_search_without_hits_say_so(
    tmp_path: Path, inbox: Path
) -> None:
    data, empty = tmp_path / "data", tmp_path / "空收件箱"
    empty.mkdir()
    assert jianxun("ingest", str(empty), data=data).returncode == 0  # an archive with nothing
    for args, said in (
        (("list",), "档案里还没有简报"),
        (("list", "--status", "已批准"), "没有状态为“已批准”的简报"),
        (("search", "方志馆"), "没有找到含“方志馆”的简报"),
    ):
        run = jianxun(*args, data=data)
        assert run.returncode == 0, run.stderr.decode()
        assert run.stdout.decode("utf-8") == said + "\n"
        assert run.stderr == b""
        assert as_json(jianxun(*args, "--json", data=data)) == []
    jianxun("ingest", str(inbox), data=data)
    run = jianxun("list", "--status", "已导出", data=data)
    assert run.stdout.decode("utf-8") == "没有状态为“已导出”的简报\n"
    run = jianxun("search", "没有这几个字", data=data)
    assert run.stdout.decode("utf-8") == "没有找到含“没有这几个字”的简报\n"


def test_ingest_takes_one_file(tmp_path: Path, inbox: Path) -> None:
    data = tmp_path / "data"
    run = jianxun("ingest", str(inbox / "第9期.txt"), data=data)
    assert run.returncode == 0, run.stderr.decode()
    out = run.stdout.decode("utf-8")
    assert out.startswith("新收 #1 ")
    assert "第9期.txt" in out
    assert "草稿" not in out  # only that file
    assert [Path(r["source_path"]).name for r in as_json(jianxun("list", "--json", data=data))] == [
        "第9期.txt"
    ]
    again = jianxun("ingest", str(inbox / "第9期.txt"), data=data)
    assert again.returncode == 0
    assert "已收过 1 份" in again.stdout.decode("utf-8")


def test_ingest_of_one_file_keeps_the_inbox_rules(tmp_path: Path, inbox: Path) -> None:
    data, outside = tmp_path / "data", tmp_path / "别处.txt"
    outside.write_text("标题\n正文。\n", encoding="utf-8")
    (inbox / "链接.txt").symlink_to(outside)
    (inbox / "说明.md").write_text("不是简报\n", encoding="utf-8")
    link = jianxun("ingest", str(inbox / "链接.txt"), data=data)
    assert link.returncode == 2
    assert "未收取" in link.stdout.decode("utf-8")
    assert "收件箱以外" in link.stdout.decode("utf-8")
    for name in ("~$锁文件.docx", "说明.md"):
        run = jianxun("ingest", str(inbox / name), data=data)
        assert run.returncode == 2
        assert run.stderr.decode("utf-8") == (
            f"jianxun: {inbox / name}：不收这种文件"
            "（只收 .txt、.docx、.pdf、.png、.jpg、.jpeg、.tif、.tiff，"
            "临时文件、隐藏文件和系统文件不收）\n"
        )
    refused(jianxun("ingest", str(inbox / "没有.txt"), data=data), "找不到这个文件或文件夹")
    assert as_json(jianxun("list", "--json", data=data)) == []


def test_backup_leaves_a_single_file_database_and_refuses_to_overwrite(
    tmp_path: Path, inbox: Path
) -> None:
    """While the archive is open with its WAL in use, the backup is still one file, no -wal/-shm."""
    from editor.core.paths import DataDir
    from editor.core.store import SqliteStore

    data, copy = tmp_path / "data", tmp_path / "备份"
    jianxun("ingest", str(inbox), data=data)
    with SqliteStore(DataDir(data)) as store:  # a desk holding the archive open
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.transition(1, "reject", "编辑甲")  # a change still in the WAL
        assert (data / "jianxun.sqlite3-wal").exists()
        run = jianxun("backup", str(copy), data=data)
        assert run.returncode == 0, run.stderr.decode()
        assert sorted(p.name for p in copy.iterdir()) == ["jianxun.sqlite3", "originals"]
        before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
        again = refused(jianxun("backup", str(copy), data=data), str(copy), "已经有一份备份")
        assert "--overwrite" in again
        assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == before
        run = jianxun("backup", str(copy), "--overwrite", data=data)
        assert run.returncode == 0, run.stderr.decode()
        assert sorted(p.name for p in copy.iterdir()) == ["jianxun.sqlite3", "originals"]
    restored = tmp_path / "恢复"
    assert jianxun("restore", str(copy), data=restored).returncode == 0
    statuses = {r["id"]: r["status"] for r in as_json(jianxun("list", "--json", data=restored))}
    assert statuses[1] == "rejected"  # the change that was only in the WAL is in the backup


def test_compact_writes_the_archive_anew_and_it_reads_the_same(tmp_path: Path, inbox: Path) -> None:
    data = tmp_path / "data"
    jianxun("ingest", str(inbox), data=data)
    listed = as_json(jianxun("list", "--json", data=data))
    run = jianxun("compact", data=data)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout.decode().startswith("档案已整理：")
    assert run.stderr == b""
    assert as_json(jianxun("list", "--json", data=data)) == listed
    shared = jianxun("compact", "--database", "postgresql://编辑@localhost/jianxun", data=data)
    refused_plainly = shared.stderr.decode()
    assert shared.returncode == 2
    assert "共享档案由服务器管理" in refused_plainly


def test_compact_on_a_full_disk_leaves_the_archive_as_it_was(tmp_path: Path, inbox: Path) -> None:
    with small_disk(tmp_path / "盘", "3m") as disk:
        data = disk / "data"
        jianxun("ingest", str(inbox), data=data)
        listed = as_json(jianxun("list", "--json", data=data))
        database = data / "jianxun.sqlite3"
        # Room for less than the copy compacting writes beside the archive.
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        filler = disk / "占位"
        filler.write_bytes(b"\0" * max(0, free - database.stat().st_size // 4))
        refused(jianxun("compact", data=data), "磁盘空间已满")
        filler.unlink()
        assert as_json(jianxun("list", "--json", data=data)) == listed
        assert jianxun("compact", data=data).returncode == 0
