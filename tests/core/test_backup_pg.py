"""``jianxun --database URL backup DIR`` / ``restore DIR`` on a real PostgreSQL server:
pg_dump into the folder, pg_restore into an empty database only, everything back as it was
(bulletins, revisions, originals); in real processes, never showing the password."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from support.postgres import PostgresServer, fresh_database

from editor.core.backup import DUMP_NAME, MANIFEST_NAME, pg_program
from editor.core.ingest import ingest_file
from editor.core.paths import DataDir
from editor.core.store.pg import PgStore

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = "postgresql://jianxun:s3cret@127.0.0.1:1/archive"
NOWHERE_SHOWN = "postgresql://jianxun@127.0.0.1:1/archive"

pytestmark = pytest.mark.skipif(
    pg_program("pg_dump") is None or pg_program("pg_restore") is None,
    reason="没有 pg_dump / pg_restore（PostgreSQL 客户端程序）",
)


def jianxun(*args: str, data: Path) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k != "JIANXUN_DATABASE"}
    return subprocess.run(
        [sys.executable, "-m", "editor", *args, "--data-dir", str(data)],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
        env=environment,
    )


def ok(done: subprocess.CompletedProcess[bytes]) -> str:
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout.decode("utf-8")


def refused(done: subprocess.CompletedProcess[bytes], *expected: str) -> str:
    """Exit 2, nothing on stdout, one Chinese stderr line holding ``expected``."""
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, (done.returncode, err)
    assert done.stdout == b""
    lines = err.splitlines()
    assert len(lines) == 1, err
    for text in expected:
        assert text in lines[0], lines[0]
    reason = lines[0].split("：", 1)[1]
    for quoted in (
        "PostgreSQL",
        "pg_dump",
        "pg_restore",
        "--overwrite",
        "--database",
        "SQLite",
        DUMP_NAME,
    ):
        reason = reason.replace(quoted, "")
    assert not re.search(r"[A-Za-z]{4,}", reason), lines[0]
    assert "s3cret" not in err
    return lines[0]


@pytest.fixture
def target(postgres: PostgresServer) -> Iterator[str]:
    """A second fresh, empty database on the same server: where a backup is restored."""
    with fresh_database(postgres) as url:
        yield url


@pytest.fixture
def archive(pg_url: str, tmp_path: Path, sample_text: str) -> str:
    """A server archive with a few bulletins (one edited and approved: revisions)."""
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    (inbox / "第9期.txt").write_text(sample_text, encoding="utf-8")
    (inbox / "草稿.txt").write_text("标题\n正文一段。\n", encoding="utf-8")
    (inbox / "通知.txt").write_text("会议通知\n周五下午开会。\n", encoding="utf-8")
    with PgStore(pg_url, data=DataDir(tmp_path / "pgdata").ensure()) as store:
        for path in sorted(inbox.iterdir()):
            assert ingest_file(store, path, user="收件").kind == "new"
        first = store.ids()[0]
        store.transition(first, "approve", "编辑甲")
    return pg_url


def snapshot(url: str, data: Path) -> dict[str, object]:
    """Everything a restore must bring back, as comparable values."""
    with PgStore(url, data=DataDir(data).ensure(), create=False, read_only=True) as store:
        out: dict[str, object] = {}
        out["list"] = [s.to_dict() for s in store.list_bulletins()]
        for bulletin_id in store.ids():
            record = store.get(bulletin_id)
            out[f"get {bulletin_id}"] = repr(record)
            out[f"revisions {bulletin_id}"] = repr(store.revisions(bulletin_id))
            out[f"original {bulletin_id}"] = store.read_original(record.sha256)
        return out


def tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
    return [r[0] for r in rows]


def test_backup_and_restore_bring_back_everything(
    archive: str, target: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "备份"
    line = ok(jianxun("--database", archive, "backup", str(folder), data=data))
    assert "3 份简报、3 个原件" in line
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST_NAME, DUMP_NAME]
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["bulletins"] == 3
    assert manifest["originals"] == 3
    assert manifest["revisions"] >= 1
    assert manifest["database"] == archive  # the fixture's address has no password
    assert isinstance(manifest["schema_version"], int)

    line = ok(jianxun("restore", str(folder), "--database", target, data=data))
    assert "已恢复 3 份简报、3 个原件" in line
    assert snapshot(target, tmp_path / "a") == snapshot(archive, tmp_path / "b")
    assert not data.exists()  # the archive is the server's: nothing made here


def test_restore_into_a_database_that_is_not_empty_is_refused(
    archive: str, pg_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "备份"
    ok(jianxun("backup", str(folder), "--database", archive, data=data))
    before = snapshot(archive, tmp_path / "a")
    refused(jianxun("restore", str(folder), "--database", archive, data=data), "已经有档案")
    assert snapshot(archive, tmp_path / "b") == before


def test_restore_into_a_database_with_other_tables_is_refused(
    archive: str, target: str, tmp_path: Path
) -> None:
    folder = tmp_path / "备份"
    ok(jianxun("backup", str(folder), "--database", archive, data=tmp_path / "d"))
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("CREATE TABLE accounts (id integer)")
    refused(
        jianxun("restore", str(folder), "--database", target, data=tmp_path / "d"),
        "别的程序的表",
    )
    assert tables(target) == ["accounts"]


def test_a_second_backup_needs_overwrite(archive: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "备份"
    ok(jianxun("backup", str(folder), "--database", archive, data=data))
    dump = (folder / DUMP_NAME).read_bytes()
    refused(
        jianxun("backup", str(folder), "--database", archive, data=data),
        str(folder),
        "已经有一份备份",
        "--overwrite",
    )
    assert (folder / DUMP_NAME).read_bytes() == dump
    assert ok(jianxun("backup", str(folder), "--overwrite", "--database", archive, data=data))
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST_NAME, DUMP_NAME]


def test_a_wrong_address_is_one_chinese_line_without_the_password(tmp_path: Path) -> None:
    folder = tmp_path / "备份"
    line = refused(
        jianxun("backup", str(folder), "--database", NOWHERE, data=tmp_path / "d"),
        NOWHERE_SHOWN,
        "数据库服务器",
    )
    assert line.startswith(f"jianxun: {NOWHERE_SHOWN}：")
    assert not folder.exists()


def test_a_password_goes_to_the_child_not_its_command_line(
    archive: str, target: str, tmp_path: Path
) -> None:
    """An address with a password (the test server trusts any): backup and restore work,
    the manifest and the output never hold it."""
    with_password = archive.replace("jianxun@", "jianxun:s3cret@")
    folder = tmp_path / "备份"
    out = ok(jianxun("backup", str(folder), "--database", with_password, data=tmp_path / "d"))
    assert "s3cret" not in out
    assert "s3cret" not in (folder / MANIFEST_NAME).read_text(encoding="utf-8")
    restore_to = target.replace("jianxun@", "jianxun:s3cret@")
    out = ok(jianxun("restore", str(folder), "--database", restore_to, data=tmp_path / "d"))
    assert "s3cret" not in out


def test_a_folder_without_a_dump_is_refused(target: str, tmp_path: Path) -> None:
    folder = tmp_path / "空"
    folder.mkdir()
    refused(
        jianxun("restore", str(folder), "--database", target, data=tmp_path / "d"),
        str(folder),
        DUMP_NAME,
    )
    assert tables(target) == []
