"""Hostile inputs: nothing expands, nothing is fetched, nothing escapes, nothing hangs."""

from __future__ import annotations

import io
import socket
import threading
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from support.strategies import bulletins

from editor.core.errors import InputError
from editor.core.export import docx_bytes, export_docx
from editor.core.export.naming import export_name, free_path, safe_name
from editor.core.ingest import ingest_file
from editor.core.model import Article, Bulletin, Masthead, Section
from editor.core.parsing import parse_file
from editor.core.reading.pdf import read_pdf
from editor.core.store import Store


def docx_with(tmp_path: Path, name: str, replace: dict[str, bytes]) -> Path:
    """A real DOCX with some of its parts replaced."""
    buffer = io.BytesIO()
    doc = Document()
    doc.add_paragraph("标题")
    doc.add_paragraph("正文一段。")
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            out.writestr(item, replace.get(item.filename, source.read(item.filename)))
    return path


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [
 <!ENTITY a "ha">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY x SYSTEM "file:///etc/passwd">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&h;&x;</w:t></w:r></w:p></w:body></w:document>
"""


def test_docx_entities_are_never_expanded(tmp_path: Path) -> None:
    """A billion-laughs and an external entity: refused as a broken document, at once."""
    path = docx_with(tmp_path, "laughs.docx", {"word/document.xml": LAUGHS})
    with pytest.raises(InputError, match="Word 文档无法打开"):
        parse_file(path)


class _Listener:
    """A local server that counts connections: an external link must never reach it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(5)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        self.server.close()


def test_docx_external_relationships_are_never_fetched(tmp_path: Path) -> None:
    listener = _Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/x.png"
        rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/image" Target="{url}" TargetMode="External"/>'
            '<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/attachedTemplate" Target="{url}" TargetMode="External"/>'
            "</Relationships>"
        ).encode()
        path = docx_with(tmp_path, "external.docx", {"word/_rels/document.xml.rels": rels})
        bulletin = parse_file(path)
        assert bulletin.articles()[0].paragraphs == ["正文一段。"]
    finally:
        listener.close()
    assert listener.connections == 0


def test_pdf_with_thousands_of_pages_is_refused_quickly(tmp_path: Path) -> None:
    document = pdfium.PdfDocument.new()
    for _ in range(3_000):
        document.new_page(595, 842)
    path = tmp_path / "huge.pdf"
    document.save(str(path))
    document.close()
    with pytest.raises(InputError, match="页数过多"):
        read_pdf(path)


@pytest.mark.parametrize(
    "name", ["a:b.txt", "问号?.txt", "星号*.txt", "引号'\".txt", "竖线|.txt", "尾点. .txt"]
)
def test_inbox_names_invalid_on_windows_are_taken(
    tmp_path: Path, store: Store, name: str, sample_text: str
) -> None:
    path = tmp_path / name
    path.write_text(sample_text, encoding="utf-8")
    outcome = ingest_file(store, path)
    assert outcome.kind == "new"
    assert outcome.bulletin_id is not None
    assert store.get(outcome.bulletin_id).summary.source_name == name


@pytest.mark.parametrize(
    "series",
    [
        "../../../etc/passwd",
        "..\\..\\Windows\\system32",
        "C:\\简报",
        "a:b",
        "CON",
        "/abs/path",
        "简报\x00名",
    ],
)
def test_export_names_never_leave_the_export_folder(tmp_path: Path, series: str) -> None:
    bulletin = Bulletin(masthead=Masthead(name=series, issue=3))
    name = export_name(bulletin)
    assert "/" not in name
    assert "\\" not in name
    assert ":" not in name
    assert name.endswith(".docx")
    target = free_path(tmp_path, name)
    assert target.parent == tmp_path
    assert safe_name(name) == name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletins())
def test_any_bulletin_exports_to_a_docx_python_docx_opens(bulletin: Bulletin) -> None:
    data = docx_bytes(bulletin, draft=True)
    document = Document(io.BytesIO(data))
    assert document.sections[0].page_width == 11906 * 635  # twips to EMU


def test_export_refuses_to_write_outside_through_a_crafted_output(tmp_path: Path) -> None:
    bulletin = Bulletin(
        masthead=Masthead(name="简报"),
        sections=[Section(articles=[Article(title="t", paragraphs=["p"])])],
    )
    inside = tmp_path / "out"
    inside.mkdir()
    written = export_docx(bulletin, free_path(inside, export_name(bulletin)), draft=True)
    assert written.parent == inside


def test_a_docx_claiming_a_future_zip_version_is_refused_in_chinese(tmp_path: Path) -> None:
    """zipfile raises NotImplementedError for it (found by the fuzz run)."""
    buffer = io.BytesIO()
    Document().save(buffer)
    data = bytearray(buffer.getvalue())
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = (215).to_bytes(2, "little")  # needs version 21.5
    path = tmp_path / "未来版本.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="已损坏"):
        parse_file(path)
