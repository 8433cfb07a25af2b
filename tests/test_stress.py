"""Long reliability runs (``pytest -m stress``; ``.ci/run`` runs them after the normal suite).

The normal suite tries each hazard a few times; these try it many times: thousands
of random inputs in many encodings, ingest killed again and again, export killed
at many moments.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.processes import EXPORT_FOREVER
from support.rendering import fontconfig, render_pdf
from support.strategies import bulletins
from support.waiting import wait_until

from editor.core.errors import InputError
from editor.core.export import export_docx
from editor.core.model import Bulletin
from editor.core.normalise import normalise_inline
from editor.core.parsing import parse_file, parse_text

pytestmark = pytest.mark.stress

ROOT = Path(__file__).resolve().parents[1]
ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16", "utf-16-le", "latin-1"]
BULLETIN_CHARS = list(
    "四川省地方志工作简报第期总办公室年月日【】（）()报送发：:，。；、“”《》印份共"
)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(BULLETIN_CHARS + list("0123456789\n\r\t\u3000 \x00\x0c\x1b")),
            st.characters(),
        ),
        max_size=6000,
    )
)
def test_any_text_many_times(text: str) -> None:
    bulletin = parse_text(text)
    assert Bulletin.from_json(bulletin.to_json()) == bulletin


@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.one_of(
        st.binary(max_size=8000),
        st.tuples(
            st.text(alphabet=st.sampled_from(BULLETIN_CHARS + list("12\n ")), max_size=3000),
            st.sampled_from(ENCODINGS),
        ).map(lambda pair: pair[0].encode(pair[1], errors="replace")),
    ),
    st.sampled_from([".txt", ".docx", ".pdf"]),
)
def test_any_bytes_in_any_encoding_under_any_name(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"来稿{suffix}"
    path.write_bytes(raw)
    message = ""
    try:
        bulletin = parse_file(path)
    except InputError as err:
        message = str(err)
    if message:
        assert path.name in message  # the clear message names the file
    else:
        assert Bulletin.from_json(bulletin.to_json()) == bulletin
    assert path.read_bytes() == raw  # the input is never touched


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=400))
def test_normalisation_is_idempotent_many_times(text: str) -> None:
    once = normalise_inline(text)
    assert normalise_inline(once) == once


def test_ingest_killed_ten_times_loses_and_doubles_nothing(
    tmp_path: Path, sample_text: str
) -> None:
    inbox, data_dir = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    count = 900  # nine batches: enough work left for ten kills however fast a batch goes
    for index in range(count):
        (inbox / f"简报{index:03}.txt").write_text(
            sample_text + f"\n第{index}份。\n", encoding="utf-8"
        )
    command = [sys.executable, "-m", "editor", "ingest", str(inbox), "--data-dir", str(data_dir)]
    database = data_dir / "jianxun.sqlite3"

    def kept() -> int:
        """Originals written: ingest keeps a batch's originals before recording it."""
        folder = data_dir / "originals"
        return len(list(folder.glob("*.txt"))) if folder.exists() else 0

    def recorded() -> int:
        """Bulletins committed: a batch at a time, after its originals."""
        if not database.exists():
            return 0
        try:
            conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
            try:
                return int(conn.execute("SELECT count(*) FROM bulletins").fetchone()[0])
            finally:
                conn.close()
        except sqlite3.Error:  # (the archive still being made)
            return 0

    def progress() -> int:
        """Both phases of a batch: the originals kept (which a killed batch leaves, and the
        next run does not write again), then the batch recorded."""
        return kept() + recorded()

    chance = random.Random(20261121)
    kills = 0
    for _round in range(12):
        if recorded() >= count - 10:
            break
        before = progress()
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        target = before + chance.randint(1, 50)
        wait_until(
            lambda target=target, process=process: (  # type: ignore[misc]
                progress() >= target or process.poll() is not None
            ),
            timeout=60,
        )
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=30)
    assert kills >= 5
    final = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=600)
    assert final.returncode == 0, final.stderr.decode()
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM bulletins").fetchone()[0] == count
        assert conn.execute("SELECT count(DISTINCT sha256) FROM bulletins").fetchone()[0] == count
        assert conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == count
    finally:
        conn.close()
    assert len(list((data_dir / "originals").glob("*.txt"))) == count
    assert not list((data_dir / "originals").glob(".incoming-*"))
    assert len(list(inbox.iterdir())) == count  # the inbox is untouched


def test_export_killed_at_twenty_moments_never_leaves_half_a_docx(
    tmp_path: Path, sample_text: str
) -> None:
    source = tmp_path / "b.txt"
    source.write_text(sample_text, encoding="utf-8")
    chance = random.Random(7)
    whole = 0
    for round_ in range(20):
        target = tmp_path / f"第{round_}期.docx"
        process = subprocess.Popen(
            [sys.executable, "-c", EXPORT_FOREVER, str(source), str(target)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        threading.Event().wait(chance.uniform(0.0, 0.6))  # some moment in some export
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        process.stdout.close()
        if target.exists():
            assert zipfile.ZipFile(target).testzip() is None
            Document(str(target))
            whole += 1
    assert whole >= 1  # some kills came after a finished export, and that file is whole


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(bulletins())
def test_any_bulletin_exports_to_a_docx_libreoffice_opens(
    tmp_path_factory: pytest.TempPathFactory, bulletin: Bulletin
) -> None:
    folder = tmp_path_factory.mktemp("lo")
    docx = export_docx(bulletin, folder / "random.docx", draft=True)
    pdf = render_pdf(docx, fontconfig(folder))
    document = pdfium.PdfDocument(str(pdf))
    try:
        assert len(document) >= 1
    finally:
        document.close()
