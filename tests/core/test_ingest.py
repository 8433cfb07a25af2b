"""Taking files into the archive: originals kept, inbox untouched, failures recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support.pdfs import NO_TEXT_PDF

from editor.core.ingest import ingest_file, is_candidate, scan
from editor.core.store import Store


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_original_is_kept_and_inbox_file_untouched(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    data = sample_text.encode("gbk")
    path = write(tmp_path / "inbox", "第9期.txt", data)
    before = path.stat()
    outcome = ingest_file(store, path, user="收件员")
    assert outcome.kind == "new"
    assert outcome.bulletin_id is not None
    sha = hashlib.sha256(data).hexdigest()
    original = store.data.originals / f"{sha}.txt"
    assert original.read_bytes() == data
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert path.read_bytes() == data
    path.unlink()  # the user deletes it later: nothing is lost
    record = store.get(outcome.bulletin_id)
    assert record.sha256 == sha
    assert record.current is not None
    assert record.current.masthead.name == "四川省地方志工作简报"
    assert original.exists()


def test_binary_file_is_failed_with_reason_and_original_kept(tmp_path: Path, store: Store) -> None:
    data = bytes(range(256)) * 40
    path = write(tmp_path / "inbox", "扫描件.txt", data)
    outcome = ingest_file(store, path)
    assert outcome.kind == "failed"
    assert "不是文本文件" in outcome.message
    assert outcome.bulletin_id is not None
    record = store.get(outcome.bulletin_id)
    assert (record.status, record.summary.failure) == ("failed", outcome.message)
    assert (store.data.originals / f"{hashlib.sha256(data).hexdigest()}.txt").read_bytes() == data


def test_scanned_pdf_is_failed_with_its_reason_and_original_kept(
    tmp_path: Path, store: Store
) -> None:
    path = write(tmp_path / "inbox", "扫描件.pdf", NO_TEXT_PDF)
    outcome = ingest_file(store, path)
    assert outcome.kind == "failed"
    assert "扫描件 PDF，没有文字层" in outcome.message
    original = store.data.originals / f"{hashlib.sha256(NO_TEXT_PDF).hexdigest()}.pdf"
    assert original.read_bytes() == NO_TEXT_PDF


def test_same_bytes_twice_is_one_bulletin_and_a_duplicate(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    first = ingest_file(store, write(tmp_path / "inbox", "a.txt", sample_text.encode()))
    again = ingest_file(store, write(tmp_path / "inbox", "a-副本.txt", sample_text.encode()))
    assert (again.kind, again.bulletin_id) == ("duplicate", first.bulletin_id)
    assert store.count() == 1
    assert ingest_file(store, tmp_path / "inbox" / "a.txt").kind == "skipped"


def test_changed_file_becomes_a_new_version(tmp_path: Path, store: Store, sample_text: str) -> None:
    path = write(tmp_path / "inbox", "a.txt", sample_text.encode())
    first = ingest_file(store, path)
    path.write_bytes((sample_text + "\n补充一段。\n").encode())
    second = ingest_file(store, path)
    assert second.kind == "version"
    assert second.bulletin_id is not None
    assert store.get(second.bulletin_id).summary.previous_id == first.bulletin_id


def test_vanished_file_is_not_recorded(tmp_path: Path, store: Store) -> None:
    outcome = ingest_file(store, tmp_path / "gone.txt")
    assert outcome.kind == "vanished"
    assert store.count() == 0


@pytest.mark.parametrize(
    ("name", "taken"),
    [
        ("简报.txt", True),
        ("简报.DOCX", True),
        ("简报.pdf", True),
        ("~$简报.docx", False),
        ("简报.tmp", False),
        ("简报.docx.crdownload", False),
        (".~lock.简报.docx#", False),
        ("Thumbs.db", False),
        ("desktop.ini", False),
        (".DS_Store", False),
        (".hidden.txt", False),
        ("简报.doc", False),
        ("照片.jpg", False),
    ],
)
def test_candidates(name: str, taken: bool) -> None:
    assert is_candidate(Path("/inbox") / name) is taken


def test_scan_lists_candidates_only(tmp_path: Path) -> None:
    for name in ("b.txt", "a.docx", "~$a.docx", "x.tmp"):
        write(tmp_path, name, b"x")
    (tmp_path / "sub").mkdir()
    assert sorted(p.name for p in scan(tmp_path)) == ["a.docx", "b.txt"]
