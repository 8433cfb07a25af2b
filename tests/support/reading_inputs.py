"""Odd and hostile inputs for the reader tests, built at run time.

Minimal DOCX zips written part by part (so a test controls every byte of the
XML) and PDFs written by hand with a correct cross-reference table. Nothing
here is committed as a binary; each test makes what it needs in tmp_path.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
import zlib
from collections.abc import Mapping, Sequence

import pytest

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/>'
    b'<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.styles+xml"/>'
    b"</Types>"
)


def relationships(*rels: tuple[str, str]) -> bytes:
    """A relationships part: (type, target) pairs, types relative to officeDocument/2006."""
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{DOC_REL}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(rels, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{REL_NS}">{items}</Relationships>'
    ).encode()


def document_xml(body: str, *, root: str = "w:document", prolog: str = "") -> bytes:
    """A main document part with this XML inside ``w:body``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<{root} xmlns:w="{W_NS}"><w:body>{body}</w:body></{root}>'
    ).encode()


def styles_xml(styles: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
    ).encode()


def paragraph(text: str, ppr: str = "") -> str:
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def zip_bytes(parts: Mapping[str, bytes]) -> bytes:
    """A zip (deflated) of exactly these parts, in this order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_parts(body: str, styles: str | None = None) -> dict[str, bytes]:
    """The parts of a DOCX Word opens: content types, relationships, document, maybe styles."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": relationships(("officeDocument", "word/document.xml")),
        "word/document.xml": document_xml(body),
    }
    if styles is not None:
        parts["word/_rels/document.xml.rels"] = relationships(("styles", "styles.xml"))
        parts["word/styles.xml"] = styles_xml(styles)
    return parts


def minimal_docx(body: str, styles: str | None = None) -> bytes:
    return zip_bytes(docx_parts(body, styles))


def tiny_paragraphs_docx(count: int) -> bytes:
    """``count`` paragraphs of a few digits each: a small file that is a great deal of work."""
    return minimal_docx("".join(f"<w:p><w:r><w:t>{i}</w:t></w:r></w:p>" for i in range(count)))


def style_chain_docx(depth: int, paragraphs: int = 200) -> bytes:
    """Paragraphs whose style is based on a style based on ... ``depth`` styles deep."""
    chain = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{i + 1}"/></w:style>'
        for i in range(depth)
    )
    last = (
        f'<w:style w:type="paragraph" w:styleId="s{depth}">'
        '<w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
    )
    body = "".join(paragraph(f"第{i}段", '<w:pStyle w:val="s0"/>') for i in range(paragraphs))
    return minimal_docx(body, chain + last)


# --- PDF ------------------------------------------------------------------------------------


def pdf_bytes(objects: Sequence[bytes], *, root: int = 1) -> bytes:
    """A PDF of these objects (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def pdf_stream(data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)


def text_pdf(pages: Sequence[bytes], *, size: tuple[int, int] = (595, 842)) -> bytes:
    """A PDF whose pages draw these content streams, with Helvetica as font /F1."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % (size[0], size[1], 5 + 2 * index)
        )
        objects.append(pdf_stream(content))
    return pdf_bytes(objects)


def text_lines(lines: Sequence[tuple[float, float, str]], size: float = 12) -> bytes:
    """A content stream drawing ASCII text at (x, y) points from the bottom left."""
    return b"".join(
        b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, y, text.encode("ascii"))
        for x, y, text in lines
    )


def dense_page_pdf(chars: int, per_line: int = 100) -> bytes:
    """One page crammed with ``chars`` tiny characters, ``per_line`` to a line."""
    line = b"(" + b"a" * per_line + b") Tj T*\n"
    return text_pdf([b"BT /F1 1 Tf 1 TL 10 800 Td\n" + line * (chars // per_line) + b"ET"])


# --- Permissions ----------------------------------------------------------------------------


def unprivileged_prefix() -> list[str]:
    """A command prefix that runs a child without root's power to read any file.

    Root passes permission bits by CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH;
    ``setpriv`` drops both, so a ``chmod 000`` file keeps the child out as it
    would any user. Skips locally, fails in CI, when that cannot be arranged.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run this test: setpriv is missing")
        pytest.skip("setpriv is needed to read as an ordinary user")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


# --- Zip surgery ----------------------------------------------------------------------------


def patch_entry(
    data: bytes,
    name: str,
    *,
    flags: int | None = None,
    method: int | None = None,
    crc: int | None = None,
) -> bytes:
    """A zip with one entry's header fields changed in both its local and central headers."""
    out = bytearray(data)
    encoded = name.encode()
    headers = ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46))
    for signature, flags_at, length_at, name_at in headers:
        start = 0
        while (start := out.find(signature, start)) >= 0:
            length = int.from_bytes(out[start + length_at : start + length_at + 2], "little")
            if bytes(out[start + name_at : start + name_at + length]) == encoded:
                if flags is not None:
                    out[start + flags_at : start + flags_at + 2] = flags.to_bytes(2, "little")
                if method is not None:
                    out[start + flags_at + 2 : start + flags_at + 4] = method.to_bytes(2, "little")
                if crc is not None:
                    out[start + flags_at + 8 : start + flags_at + 12] = crc.to_bytes(4, "little")
            start += 4
    return bytes(out)


def to_unicode_cmap(codes: Mapping[str, int]) -> bytes:
    """A ToUnicode CMap giving each two-byte code its character (astral ones as UTF-16 pairs)."""
    out = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange"
    ]
    items = list(codes.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        out.append(b"%d beginbfchar" % len(chunk))
        for char, code in chunk:
            target = char.encode("utf-16-be", "surrogatepass").hex().upper().encode()
            out.append(b"<%04X> <%s>" % (code, target))
        out.append(b"endbfchar")
    out.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(out)


def unicode_pdf(pages: Sequence[Sequence[tuple[float, float, float, str]]]) -> bytes:
    """Pages of (x, y, size, text) lines in a CID font whose ToUnicode map gives any character.

    Every distinct character gets a two-byte code, so text outside the BMP (and
    even a lone surrogate) comes back from PDFium as the map says.
    """
    codes: dict[str, int] = {}
    contents = []
    for lines in pages:
        ops = [b"BT"]
        for x, y, size, text in lines:
            shown = b"".join(b"%04X" % codes.setdefault(c, len(codes) + 1) for c in text)
            ops.append(b"/F1 %g Tf 1 0 0 1 %g %g Tm <%s> Tj" % (size, x, y, shown))
        ops.append(b"ET")
        contents.append(b"\n".join(ops))
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 "
        b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 80 >> /DW 1000 >>",
        pdf_stream(to_unicode_cmap(codes)),
    ]
    for index, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (first_page + 2 * index + 1)
        )
        objects.append(pdf_stream(content))
    return pdf_bytes(objects)


def image_page_pdf() -> bytes:
    """One page showing one grey image and nothing else: a scan without OCR."""
    pixels = zlib.compress(bytes(range(256)) * 64)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(pixels), pixels)
    )
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            pdf_stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            image,
        ]
    )


# --- Reasons --------------------------------------------------------------------------------

NAMES_A_CLERK_KNOWS = (
    "word/document.xml",
    "Word",
    "XML",
    "Open",
    "PDF",
    "pdf",
    "docx",
    "doc",
    "zip",
    "WPS",
    "OLE",
)
"""Latin a reason may hold: file types and extensions, never library, errno or exception text."""


def assert_plain(reason: str) -> str:
    """Assert that a reason is plain Chinese apart from the names a clerk knows."""
    rest = reason
    for name in NAMES_A_CLERK_KNOWS:
        rest = rest.replace(name, "")
    assert not re.search(r"[A-Za-z]{2,}", rest), reason
    return reason


def flate_bomb_pdf(size: int, layers: int = 1) -> bytes:
    """One page whose content stream inflates to ``size`` bytes of spaces, through ``layers``."""
    squeeze = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    content = squeeze.compress(b"BT /F1 12 Tf 80 700 Td (x) Tj ET\n")
    content += b"".join(squeeze.compress(block) for _ in range(size // len(block)))
    content += squeeze.flush()
    for _ in range(layers - 1):
        content = zlib.compress(content, 9)
    filters = b"[" + b" /FlateDecode" * layers + b" ]"
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream"
            % (len(content), filters, content),
        ]
    )
