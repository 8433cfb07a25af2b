"""``jianxun show ID``: a readable Chinese report of one archived bulletin, and its --json.

Real processes on a real archive: a corpus bulletin ingested, edited through the
store (as the desk saves), approved by the command line, then shown.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from support.corpus import CORPUS, require_shared

from editor.core.model import Subheading
from editor.core.paths import DataDir
from editor.core.store import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "000_3a00b907b06f9c52.txt"  # no 报头名称, no 期号 in the source
INTERNAL = re.compile(r"masthead\.|imprint\.|sections\[|articles\[|paragraphs\[|\"schema\"")


def jianxun(*args: str, data: Path, tz: str = "Asia/Shanghai") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args, "--data-dir", str(data)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        text=True,
        encoding="utf-8",
        env={**os.environ, "TZ": tz},
    )


def source_text() -> str:
    require_shared(CORPUS)
    return (CORPUS / SAMPLE).read_text(encoding="utf-8")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """One corpus bulletin, edited by 张三 (name, 期号, 作者, a paragraph made a subheading)
    and approved by 李四."""
    inbox, data = tmp_path / "收件箱", tmp_path / "data"
    inbox.mkdir()
    (inbox / SAMPLE).write_text(source_text(), encoding="utf-8")
    run = jianxun("ingest", str(inbox), "--user", "收件员", data=data)
    assert run.returncode == 0, run.stderr
    with SqliteStore(DataDir(data)) as store:
        edited = copy.deepcopy(store.get(1).current)
        assert edited is not None
        edited.masthead.name = "四川省地方志工作简报"
        edited.masthead.issue = 9
        article = edited.sections[0].articles[0]
        article.byline = "综合处"
        text = article.paragraphs[6]
        assert isinstance(text, str)
        article.paragraphs[6] = Subheading(1, text.rstrip("。"))
        assert store.save_edit(1, edited, "张三") == 4
    run = jianxun("approve", "1", "--user", "李四", data=data)
    assert run.returncode == 0, run.stderr
    return data


def test_show_is_a_chinese_report(archive: Path) -> None:
    run = jianxun("show", "1", data=archive)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    lines = out.splitlines()
    assert lines[0] == "#1　已批准"
    assert f"文件：{archive.parent / '收件箱' / SAMPLE}" in lines
    # Fields under the form's labels, paragraphs numbered, the subheading marked.
    for expected in (
        "  报头 · 报头名称：四川省地方志工作简报",
        "  报头 · 期号：9",
        "  报头 · 总期号：（空）",
        "  报头 · 日期：2021-07-16",
        "栏目1 · 栏目名称：特别关注",
        "  栏目1 · 文章1 · 标题：四川省地方志办",
        "  栏目1 · 文章1 · 作者：综合处",
        "  栏目1 · 文章1 · 正文（8 段）：",
        "    第7段　〔小标题一级〕会议还对强化队伍建设、严肃纪律作风提出要求",
        "  栏目1 · 文章1 · 文末署名：省地方志办",
        "  版记 · 印发机关：四川省地方志工作办公室综合处",
        "  版记 · 印数（份）：25",
    ):
        assert expected in lines, expected
    assert any(line.startswith("    第1段　2021年7月16日") for line in lines)
    # Never the JSON, a field path, the parser's line numbers or its stale doubts.
    assert not INTERNAL.search(out), INTERNAL.search(out)
    assert "{" not in out
    assert "原文中没有找到报头名称" not in out
    assert "null" not in out


def test_show_gives_the_received_time_in_local_time(archive: Path) -> None:
    listed = json.loads(jianxun("list", "--json", data=archive).stdout)
    received = dt.datetime.fromisoformat(listed[0]["received_at"])
    for tz in ("Asia/Shanghai", "America/New_York"):
        local = received.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S")
        out = jianxun("show", "1", data=archive, tz=tz).stdout
        assert f"收到：{local}" in out.splitlines()
        assert "+00:00" not in out
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", out)


def test_show_lists_the_problems_the_desk_shows_by_label(tmp_path: Path) -> None:
    inbox, data = tmp_path / "收件箱", tmp_path / "data"
    inbox.mkdir()
    (inbox / SAMPLE).write_text(source_text(), encoding="utf-8")
    assert jianxun("ingest", str(inbox), data=data).returncode == 0
    lines = jianxun("show", "1", data=data).stdout.splitlines()
    assert "问题（2 个错误，2 条提示）：" in lines
    assert "  错误　报头 · 报头名称：缺少报头名称" in lines
    assert "  错误　报头 · 期号：缺少期号" in lines
    doubts = [line for line in lines if line.startswith("  提示　栏目1 · 文章1 · 正文：")]
    assert len(doubts) == 2, lines
    assert "与解析结果相比：没有改动" in lines


def test_show_has_the_revision_history(archive: Path) -> None:
    lines = jianxun("show", "1", data=archive).stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("修订记录"))
    history = lines[start:]
    assert history[0] == "修订记录（共 3 次）："
    assert re.fullmatch(
        r"  1　\d{4}-\d\d-\d\d \d\d:\d\d:\d\d　收件员　收件：收到 " + SAMPLE, history[1]
    )
    assert re.fullmatch(r"  2　\S+ \S+　张三　修改 4 个字段", history[2]), history[2]
    assert "      报头 · 报头名称：（空） → 四川省地方志工作简报" in history
    assert "      报头 · 期号：（空） → 9" in history
    assert "      栏目1 · 文章1 · 作者：（空） → 综合处" in history
    assert any(
        line.startswith("      栏目1 · 文章1 · 正文第7段：会议还对")
        and "→ 〔小标题一级〕会议还对" in line
        for line in history
    ), history
    assert "      状态：新收 → 审校中" in history
    assert re.fullmatch(r"  3　\S+ \S+　李四　批准", history[-2]), history[-2]
    assert history[-1] == "      状态：审校中 → 已批准"
    changed = next(line for line in lines if line.startswith("与解析结果相比"))
    assert changed == (
        "与解析结果相比：改动了 4 处：报头 · 报头名称、报头 · 期号、栏目1 · 文章1 · 作者、"
        "栏目1 · 文章1 · 正文第7段"
    )


def test_show_json_stays_the_machine_record(archive: Path) -> None:
    run = jianxun("show", "1", "--json", data=archive)
    assert run.returncode == 0, run.stderr
    shown: dict[str, Any] = json.loads(run.stdout)
    assert list(shown) == [
        "id",
        "status",
        "series",
        "issue",
        "total_issue",
        "issue_date",
        "title",
        "warning_count",
        "source_path",
        "source_name",
        "received_at",
        "failure",
        "previous_id",
        "status_label",
        "sha256",
        "approved_by",
        "approved_at",
        "exported_path",
        "exported_at",
        "bulletin",
        "revisions",
    ]
    assert shown["status"] == "approved"
    assert shown["status_label"] == "已批准"
    with SqliteStore(DataDir(archive), read_only=True) as store:
        record = store.get(1)
        assert record.current is not None
        assert shown["bulletin"] == record.current.to_dict()
        assert shown["revisions"] == [r.__dict__ for r in store.revisions(1)]
    assert shown["bulletin"]["schema"] == "jianxun.bulletin/1"


def test_show_of_a_file_that_could_not_be_parsed(tmp_path: Path) -> None:
    inbox, data = tmp_path / "收件箱", tmp_path / "data"
    inbox.mkdir()
    (inbox / "坏文件.txt").write_bytes(bytes(range(256)) * 8)
    assert jianxun("ingest", str(inbox), data=data).returncode == 0
    run = jianxun("show", "1", data=data)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "#1　无法解析"
    assert any(line.startswith("无法解析：") for line in lines)
    assert "修订记录（共 1 次）：" in lines
