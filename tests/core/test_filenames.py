"""editor.core.filenames.RealPaths: where paths lead, each folder resolved once per job."""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.filenames import RealPaths, outside_folder


def test_real_paths_agree_with_realpath_through_every_kind_of_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x", "utf-8")
    inbox = tmp_path / "收件箱"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text("a", "utf-8")
    (inbox / "sub" / "b.txt").write_text("b", "utf-8")
    (inbox / "out.txt").symlink_to(outside / "secret.txt")  # a file leading out
    (inbox / "linked").symlink_to(outside)  # a folder leading out
    (inbox / "inside").symlink_to(inbox / "sub")  # a folder leading in
    (tmp_path / "alias").symlink_to(inbox)  # the inbox itself reached through a link
    paths = [
        inbox / "a.txt",
        inbox / "sub" / "b.txt",
        inbox / "out.txt",
        inbox / "linked" / "secret.txt",
        inbox / "inside" / "b.txt",
        tmp_path / "alias" / "a.txt",
        tmp_path / "alias" / "linked" / "secret.txt",
        inbox / "gone.txt",  # vanished
        inbox / "sub" / ".." / "a.txt",
        inbox,
    ]
    realpath = RealPaths()
    for _ in range(2):  # (the second time from what it kept)
        for path in paths:
            assert realpath(path) == os.path.realpath(path), path
    for path in paths:
        assert outside_folder(path, inbox, realpath) == outside_folder(path, inbox), path
    assert outside_folder(inbox / "linked" / "secret.txt", inbox, realpath) is not None
    assert outside_folder(tmp_path / "alias" / "a.txt", inbox, realpath) is None
