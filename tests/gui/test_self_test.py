"""``jianxun --self-test`` runs the whole journey in a fresh process and says so; with
``--database URL`` (or $JIANXUN_DATABASE) it checks the office server first, on a real
PostgreSQL server, and leaves nothing behind there."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from editor.core.paths import DataDir
from editor.core.store import database_place
from editor.core.store.pg import PgStore
from editor.core.store.pg_schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env.pop("DISPLAY", None)
    run = subprocess.run(
        [sys.executable, "-m", "editor", "--self-test"],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=180,
    )
    out = run.stdout.decode("utf-8")
    assert run.returncode == 0, out + run.stderr.decode("utf-8")
    assert "✓ 导出" in out
    assert out.strip().endswith("自检通过")
    assert "propagateSizeHints" not in run.stderr.decode("utf-8")


def self_test(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "JIANXUN_DATABASE")}
    return subprocess.run(
        [sys.executable, "-m", "editor", "--self-test", *args],
        capture_output=True,
        cwd=ROOT,
        env={**environment, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        timeout=180,
        check=False,
    )


def leftovers(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in ("bulletins", "revisions", "series", "originals", "sources")
        }


def test_self_test_checks_the_server_and_leaves_nothing_behind(pg_url: str, tmp_path: Path) -> None:
    PgStore(pg_url, data=DataDir(tmp_path / "data")).close()  # the office's archive, made before
    before = leftovers(pg_url)
    run = self_test("--database", pg_url, env={"HOME": str(tmp_path)})
    out = run.stdout.decode("utf-8")
    assert run.returncode == 0, out + run.stderr.decode("utf-8")
    lines = out.splitlines()
    place = database_place(pg_url)
    assert lines[:4] == [
        f"✓ 连接：{place}（档案里有 0 份简讯）",
        f"✓ 档案版本：{SCHEMA_VERSION}（本程序认识到 {SCHEMA_VERSION}）",
        "✓ 中文检索：编码 UTF8，字符类型 C.UTF-8，pg_trgm 能在“地方志”里找出三字组",
        "✓ 读写：在一个事务里写入并读回一条系列和一份原件（已回滚，没有留下）",
    ]
    assert "✓ 导出" in out  # and the desk's own journey, in a temporary folder
    assert out.strip().endswith("自检通过")
    assert leftovers(pg_url) == before == dict.fromkeys(before, 0)


def test_self_test_never_makes_an_archive(pg_url: str) -> None:
    """An empty database is a failed check, and stays empty."""
    run = self_test(env={"JIANXUN_DATABASE": pg_url})
    out = run.stdout.decode("utf-8")
    assert run.returncode == 1, out
    assert out.splitlines() == [f"✗ 连接：{database_place(pg_url)}：这里还没有档案"]
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT to_regclass('schema_version')").fetchone()
    assert row == (None,)


@pytest.mark.parametrize("via", ["--database", "JIANXUN_DATABASE"])
def test_self_test_on_an_unreachable_server_is_one_chinese_line(via: str) -> None:
    url = "postgresql://jianxun:s3cret@127.0.0.1:1/archive"
    run = (
        self_test("--database", url)
        if via == "--database"
        else self_test(env={"JIANXUN_DATABASE": url})
    )
    out, err = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    assert run.returncode == 1, out + err
    (line,) = out.splitlines()
    assert line.startswith("✗ 连接：postgresql://jianxun@127.0.0.1:1/archive：")
    assert not re.search(r"[A-Za-z]{4,}", line.split("：", 2)[2])
    assert "s3cret" not in out + err
    assert err == ""


@pytest.mark.parametrize("via", ["--database", "JIANXUN_DATABASE"])
def test_self_test_with_no_database_address_says_so(via: str) -> None:
    run = (
        self_test("--database", "D:/简讯")
        if via == "--database"
        else self_test(env={"JIANXUN_DATABASE": "D:/简讯"})
    )
    assert run.returncode == 2
    assert run.stdout == b""
    (line,) = run.stderr.decode("utf-8").splitlines()
    assert "不是数据库地址（应为 postgresql://用户@服务器:端口/数据库）" in line
