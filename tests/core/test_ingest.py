"""Taking files into the archive: originals kept, inbox untouched, failures recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support.pdfs import NO_TEXT_PDF

from editor.core.filenames import display_path
from editor.core.ingest import inbox_key, inbox_known, ingest_file, is_candidate, scan
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
        ("照片.gif", False),
        ("扫描件.jpg", True),
        ("扫描件.JPEG", True),
        ("扫描件.png", True),
        ("扫描件.tif", True),
        ("扫描件.tiff", True),
    ],
)
def test_candidates(name: str, taken: bool) -> None:
    assert is_candidate(Path("/inbox") / name) is taken


def test_scan_lists_candidates_only(tmp_path: Path) -> None:
    for name in ("b.txt", "a.docx", "~$a.docx", "x.tmp"):
        write(tmp_path, name, b"x")
    (tmp_path / "sub").mkdir()
    assert sorted(p.name for p in scan(tmp_path)) == ["a.docx", "b.txt"]


# --- the watched inbox, reached by different paths from different desks ---------------------


def test_a_watched_inbox_file_is_recorded_by_its_place_in_the_inbox(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    """Desk 1 reaches the shared folder as one path, desk 2 as another (a mapped drive,
    here a link): desk 2 knows the file as taken and does not take it again."""
    inbox = tmp_path / "server" / "简讯收件箱"
    path = write(inbox, "第9期.txt", sample_text.encode("utf-8"))
    mapped = tmp_path / "Z盘"
    mapped.symlink_to(inbox, target_is_directory=True)

    first = ingest_file(store, path, user="甲", inbox=inbox, relative=True)
    assert first.kind == "new"
    assert first.bulletin_id is not None
    assert store.get(first.bulletin_id).summary.source_path == "收件箱/第9期.txt"
    assert first.path == display_path(path)  # the user is shown the whole path

    info = path.stat()
    other = display_path(mapped / "第9期.txt")
    assert inbox_known(store, mapped)(other, info.st_size, info.st_mtime_ns)
    again = ingest_file(store, mapped / "第9期.txt", user="乙", inbox=mapped, relative=True)
    assert again.kind == "skipped"

    # A changed file at the same place in the inbox is a new version, whichever desk takes it.
    changed = sample_text.replace("第9期", "第9期（更正）", 1)
    (mapped / "第9期.txt").write_text(changed, encoding="utf-8")
    version = ingest_file(store, mapped / "第9期.txt", user="乙", inbox=mapped, relative=True)
    assert version.kind == "version", version


def test_files_recorded_by_their_whole_path_before_are_still_known(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    inbox = tmp_path / "收件箱"
    path = write(inbox, "第9期.txt", sample_text.encode("utf-8"))
    assert ingest_file(store, path, inbox=inbox).kind == "new"  # the whole path, as before
    info = path.stat()
    assert inbox_known(store, inbox)(display_path(path), info.st_size, info.st_mtime_ns)
    assert ingest_file(store, path, inbox=inbox, relative=True).kind == "skipped"


def test_same_name_in_two_chosen_folders_is_not_a_new_version(
    tmp_path: Path, store: Store, sample_text: str
) -> None:
    """Folders chosen by hand are not the watched inbox: their files keep their whole path,
    so 通知.txt from one folder is no new version of 通知.txt from another."""
    one = write(tmp_path / "一", "通知.txt", sample_text.encode("utf-8"))
    two = write(tmp_path / "二", "通知.txt", sample_text.replace("第9期", "第10期").encode("utf-8"))
    assert ingest_file(store, one, inbox=one.parent).kind == "new"
    assert ingest_file(store, two, inbox=two.parent).kind == "new"


def test_inbox_key_is_none_outside_the_inbox(tmp_path: Path) -> None:
    inbox = tmp_path / "收件箱"
    assert inbox_key(inbox / "a.txt", inbox) == "收件箱/a.txt"
    assert inbox_key(tmp_path / "别处" / "a.txt", inbox) is None
    assert inbox_key(inbox, inbox) is None
