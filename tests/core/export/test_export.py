"""Validation before export, drafts, never overwriting, and the atomic write."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from editor.core.export import ExportError, ExportRefused, export_docx
from editor.core.model import Bulletin
from editor.core.validation import export_problems

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"


def fixture(name: str) -> Bulletin:
    return Bulletin.from_dict(json.loads((FIXTURES / f"{name}.json").read_text("utf-8")))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_complete_bulletin_exports(tmp_path: Path) -> None:
    out = export_docx(fixture("two_columns_three_articles"), tmp_path / "b.docx")
    assert zipfile.ZipFile(out).testzip() is None
    assert leftovers(tmp_path) == []


def test_missing_fields_are_all_listed_and_nothing_is_written(tmp_path: Path) -> None:
    bulletin = fixture("no_masthead")
    bulletin.imprint.printer = None
    bulletin.sections[0].articles[0].title = None
    with pytest.raises(ExportRefused) as info:
        export_docx(bulletin, tmp_path / "b.docx")
    assert [p.path for p in info.value.problems] == [
        "masthead.name",
        "masthead.issue",
        "masthead.issuer",
        "masthead.date",
        "sections[0].articles[0].title",
        "imprint.printer",
    ]
    assert "缺少报头名称" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_draft_writes_with_a_visible_mark(tmp_path: Path) -> None:
    out = export_docx(fixture("no_masthead"), tmp_path / "d.docx", draft=True)
    archive = zipfile.ZipFile(out)
    headers = [n for n in archive.namelist() if n.startswith("word/header")]
    assert headers
    assert all("草稿" in archive.read(n).decode("utf-8") for n in headers)
    official = export_docx(fixture("two_columns_three_articles"), tmp_path / "o.docx")
    assert "草稿" not in "".join(
        zipfile.ZipFile(official).read(n).decode("utf-8")
        for n in zipfile.ZipFile(official).namelist()
        if n.startswith("word/header")
    )


def test_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "b.docx"
    target.write_bytes(b"the clerk's own file")
    with pytest.raises(ExportError, match="文件已存在"):
        export_docx(fixture("two_columns_three_articles"), target)
    assert target.read_bytes() == b"the clerk's own file"
    export_docx(fixture("two_columns_three_articles"), target, force=True)
    assert zipfile.is_zipfile(target)
    assert leftovers(tmp_path) == []


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "b.docx"
    target.mkdir()  # the final rename cannot replace a folder
    with pytest.raises(ExportError, match="写入失败"):
        export_docx(fixture("two_columns_three_articles"), target, force=True)
    assert target.is_dir()
    assert leftovers(tmp_path) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="所在文件夹不存在"):
        export_docx(fixture("two_columns_three_articles"), tmp_path / "nope" / "b.docx")


def test_exported_file_gets_normal_permissions(tmp_path: Path) -> None:
    out = export_docx(fixture("two_columns_three_articles"), tmp_path / "b.docx")
    assert out.stat().st_mode & 0o044 == 0o044  # readable by the office, not only the owner


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda b: setattr(b.masthead, "date", None), "masthead.date"),
        (lambda b: setattr(b.imprint, "print_date", None), "imprint.print_date"),
        (
            lambda b: b.sections[1].articles[0].paragraphs.clear(),
            "sections[1].articles[0].paragraphs",
        ),
        (lambda b: b.sections.clear(), "sections"),
    ],
)
def test_each_required_field(change: Any, path: str) -> None:
    bulletin = fixture("two_columns_three_articles")
    assert export_problems(bulletin) == []
    change(bulletin)
    assert [p.path for p in export_problems(bulletin)] == [path]


def test_parts_left_by_a_killed_export_are_swept_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "第[9]期.docx"  # a glob metacharacter in the name is literal
    stale = tmp_path / ".第[9]期.abc123.part"
    fresh = tmp_path / ".第[9]期.def456.part"  # another export writing right now
    other = tmp_path / ".第10期.abc123.part"  # another name: not ours to touch
    for part in (stale, fresh, other):
        part.write_bytes(b"PK half a zip")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    export_docx(fixture("two_columns_three_articles"), target)
    assert target.exists()
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()


def test_more_than_any_bulletin_holds_is_refused_at_once(tmp_path: Path) -> None:
    """100,000 paragraphs would take minutes to set: refused before typesetting starts."""
    from editor.core.export import MAX_EXPORT_PARAGRAPHS, ExportTooLarge
    from editor.core.model import Article, Bulletin, Masthead, Section

    article = Article(title="标题", paragraphs=["一段。"] * (MAX_EXPORT_PARAGRAPHS + 1))
    bulletin = Bulletin(
        masthead=Masthead(name="简报", issue=1), sections=[Section(None, [article])]
    )
    with pytest.raises(ExportTooLarge, match="内容过长"):
        export_docx(bulletin, tmp_path / "过长.docx", draft=True)
    assert not list(tmp_path.iterdir())
