"""Hostile input files for the fuzz run (``tests/test_fuzz.py``), made from a seed.

Every case is a file the real CLI is given: random and corrupted bytes, real DOCX
and PDF files cut and flipped, zip and XML tricks (bombs, entities, thousands of
parts, endless style chains, deep tables), PDFs built by hand (no pages, encrypted,
a page tree that loops, pages crammed with characters, characters outside the BMP),
texts in many encodings and with every kind of control character, very long lines,
files over the size limit, and jianxun.bulletin/1 JSON broken every way JSON can be.

The same seed and materials give the same files. Big files are written when the
case is made, never held in memory all at once. :func:`plant_links` lays out the
symlinks to canary files outside an inbox that ``ingest`` must never follow.
"""

from __future__ import annotations

import copy
import io
import json
import os
import random
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from support.pdfs import NO_TEXT_PDF
from support.reading_inputs import to_unicode_cmap

Kind = Literal["txt", "docx", "pdf", "json"]
Output = Literal["fresh", "missing-dir", "is-dir", "exists", "long-name", "gbk-name", "no-suffix"]
Maker = Callable[[Path], None]

SUFFIX: dict[Kind, str] = {"txt": ".txt", "docx": ".docx", "pdf": ".pdf", "json": ".json"}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BULLETIN_CHARS = "四川省地方志工作简报第期总办公室年月日【】（）()报送发：:，。；、“”《》印份共"
MB = 1024 * 1024


@dataclass(frozen=True)
class Materials:
    """The real files the hostile ones are made from."""

    bulletins: list[dict[str, Any]]
    """jianxun.bulletin/1 dicts (the fixtures)."""
    texts: list[str]
    """The bulletins rendered as extracted text."""
    docx: bytes
    """A bulletin exported by the app."""
    pdf: bytes
    """The same DOCX printed to PDF by LibreOffice."""
    canary: Path
    """A file outside every inbox; external entities point at it."""


@dataclass(frozen=True)
class Case:
    """One hostile file and what the run expects of it."""

    kind: Kind
    label: str
    make: Maker
    heavy: bool = False
    """Big or slow to read: ingested in a folder of its own."""
    allowed: frozenset[int] | None = None
    """The only exit codes this file may get (None: any the command documents)."""
    draft: bool = True
    """``export`` with ``--draft``."""
    output: Output = "fresh"
    """Where ``export`` is told to write."""
    name: str | bytes = ""
    """The file name, given by :func:`hostile_cases` (bytes: not UTF-8)."""

    def path_in(self, folder: Path) -> Path:
        name = os.fsdecode(self.name) if isinstance(self.name, bytes) else self.name
        return folder / name


def _bytes(data: bytes) -> Maker:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _repeat_to(chunk: bytes, size: int) -> Maker:
    """A file of exactly ``size`` bytes of ``chunk`` repeated, written in pieces."""

    def make(path: Path) -> None:
        block = chunk * max(1, MB // len(chunk))
        with path.open("wb") as handle:
            left = size
            while left > 0:
                piece = block[:left]
                handle.write(piece)
                left -= len(piece)

    return make


# --- Mutations -------------------------------------------------------------------------


def flipped(data: bytes, rng: random.Random, flips: int) -> bytes:
    out = bytearray(data)
    for _ in range(flips):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def mangled(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random corruption of real bytes, and what it was."""
    how = rng.choice(["flip", "cut", "insert", "duplicate", "zero"])
    if how == "flip":
        flips = rng.choice([1, 3, 20, 200])
        return f"{flips} bytes flipped", flipped(data, rng, flips)
    if how == "cut":
        cut = rng.randrange(len(data))
        return f"cut at byte {cut}", data[:cut]
    at = rng.randrange(len(data))
    if how == "insert":
        return f"random bytes inserted at {at}", data[:at] + rng.randbytes(64) + data[at:]
    if how == "duplicate":
        end = min(len(data), at + rng.randrange(1, 4096))
        return f"bytes {at}-{end} doubled", data[:end] + data[at:end] + data[end:]
    end = min(len(data), at + rng.randrange(1, 2048))
    return f"bytes {at}-{end} zeroed", data[:at] + bytes(end - at) + data[end:]


# --- Text -------------------------------------------------------------------------------

TEXT_ENCODINGS = [
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 with BOM"),
    ("gbk", "GBK"),
    ("gb18030", "GB18030"),
    ("big5", "Big5"),
    ("utf-16", "UTF-16 with BOM"),
    ("utf-16-le", "UTF-16 LE without BOM"),
    ("utf-16-be", "UTF-16 BE without BOM"),
    ("utf-32", "UTF-32 with BOM"),
    ("utf-32-le", "UTF-32 LE without BOM"),
    ("shift_jis", "Shift-JIS"),
    ("euc-kr", "EUC-KR"),
    ("hz", "HZ-GB-2312"),
    ("iso2022_jp_2", "ISO-2022-JP-2"),
    ("utf-7", "UTF-7"),
    ("cp037", "EBCDIC (cp037)"),
    ("cp1252", "Windows-1252"),
    ("koi8-r", "KOI8-R"),
    ("latin-1", "Latin-1"),
]


def _sprinkle(text: str, rng: random.Random, chars: str, every: int) -> str:
    out = []
    for index, char in enumerate(text):
        out.append(char)
        if index % every == 0:
            out.append(rng.choice(chars))
    return "".join(out)


def _text_cases(m: Materials, rng: random.Random) -> Iterator[Case]:
    text = m.texts[0]
    utf8 = text.encode("utf-8")
    for size in (0, 1, 3, 64, 1000, 4096, 65_536, 300_000):
        yield Case("txt", f"random bytes ({size} B)", _bytes(rng.randbytes(size)))
    for encoding, label in TEXT_ENCODINGS:
        source = m.texts[rng.randrange(len(m.texts))]
        yield Case("txt", f"bulletin in {label}", _bytes(source.encode(encoding, "replace")))

    controls = "".join(chr(c) for c in range(32) if chr(c) not in "\n")
    specials: list[tuple[str, bytes]] = [
        ("NUL after every 7th character", _sprinkle(text, rng, "\x00", 7).encode()),
        ("every C0 control character sprinkled", _sprinkle(text, rng, controls, 5).encode()),
        (
            "ANSI escapes and a terminal-title sequence",
            _sprinkle(text, rng, "\x1b", 9).replace("\x1b", "\x1b[31m\x1b]0;pwned\x07").encode(),
        ),
        ("U+FFFE and U+FFFF", _sprinkle(text, rng, "\ufffe\uffff", 11).encode()),
        (
            "noncharacters U+FDD0 and U+10FFFF",
            _sprinkle(text, rng, "\ufdd0\U0010ffff", 13).encode(),
        ),
        (
            "lone surrogates as UTF-8 bytes",
            _sprinkle(text, rng, "\ud800\udc00\udfff", 17).encode("utf-8", "surrogatepass"),
        ),
        (
            "lone surrogates in UTF-16 LE",
            b"\xff\xfe"
            + _sprinkle(text, rng, "\ud800\udfff", 9).encode("utf-16-le", "surrogatepass"),
        ),
        (
            "overlong and 5-byte UTF-8 sequences",
            utf8[:300] + b"\xc0\xaf\xe0\x80\xaf" + b"\xf8\x88\x80\x80\x80" + utf8[300:],
        ),
        ("BOM in the middle of every line", text.replace("\n", "\n\ufeff").encode()),
        ("UTF-8 BOM then a GBK body", b"\xef\xbb\xbf" + text.encode("gbk", "replace")),
        ("UTF-16 BOM and an odd number of bytes", b"\xff\xfe" + text.encode("utf-16-le")[:-1]),
        ("UTF-32 BOM then garbage", b"\xff\xfe\x00\x00" + rng.randbytes(999)),
        ("GBK with half a character at the end", text.encode("gbk", "replace") + b"\xd6"),
        (
            "U+2028 and U+2029 as line breaks",
            text.replace("\n", "\u2028").replace("。", "。\u2029").encode(),
        ),
        (
            "right-to-left overrides and zero-width characters",
            _sprinkle(text, rng, "\u202e\u200b\u200d\u2066", 6).encode(),
        ),
        ("CR-only line breaks", text.replace("\n", "\r").encode()),
        (
            "mixed CR, LF, CRLF, VT and FF",
            "".join(
                c if c != "\n" else rng.choice(["\r", "\n", "\r\n", "\v", "\f", "\n\r"])
                for c in text
            ).encode(),
        ),
        ("100,000 spaces", b" " * 100_000),
        ("50,000 ideographic spaces on one line", "\u3000".encode() * 50_000),
        ("100,000 CRs", b"\r" * 100_000),
        (
            "a 5,000-digit issue number",
            ("第" + "9" * 5000 + "期（总第" + "8" * 5000 + "期）\n" + text).encode(),
        ),
        (
            "a 5,000-digit year and copies",
            (text + "\n2022年" + "9" * 5000 + "月1日印发\n（共印" + "9" * 5000 + "份）\n").encode(),
        ),
        (
            "an issue number in full-width digits, 3,000 long",
            ("第" + "９" * 3000 + "期\n" + text).encode(),
        ),
        ("50,000 opening brackets then one closing", ("（" * 50_000 + "）\n" + text).encode()),
        ("10,000 section headings", "".join(f"【栏目{i}】\n" for i in range(10_000)).encode()),
        ("20,000 attributions", "".join(f"（省地方志办{i}）\n" for i in range(20_000)).encode()),
        ("20,000 page numbers", "".join(f"—{i}—\n" for i in range(20_000)).encode()),
        ("a PDF named .txt", m.pdf),
        ("a DOCX named .txt", m.docx),
        ("PNG header then random bytes", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000)),
        ("ELF header then random bytes", b"\x7fELF\x02\x01\x01" + rng.randbytes(2000)),
        ("gzip of a bulletin", b"\x1f\x8b\x08\x00" + zlib.compress(utf8)),
        ("SQLite header then random bytes", b"SQLite format 3\x00" + rng.randbytes(2000)),
        ("RTF", b"{\\rtf1\\ansi " + utf8 + b"}"),
    ]
    for label, data in specials:
        yield Case("txt", label, _bytes(data))
    for _ in range(25):
        encoding = rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16"])
        source = m.texts[rng.randrange(len(m.texts))].encode(encoding)
        how, data = mangled(source, rng)
        yield Case("txt", f"{encoding} bulletin, {how}", _bytes(data))

    yield Case(
        "txt",
        "one 2,000,000-character line",
        _bytes(("字" * 2_000_000 + "\n").encode()),
        heavy=True,
    )
    mixed = "".join(rng.choices(BULLETIN_CHARS + "0123456789 ", k=2_000_000))
    yield Case(
        "txt",
        "one 2,000,000-character line of bulletin characters",
        _bytes(mixed.encode()),
        heavy=True,
    )
    lines = "".join(
        rng.choice(["第1期", "（办）", "【栏】", "报：", "一", "。", "—2—"]) + "\n"
        for _ in range(200_000)
    )
    yield Case("txt", "200,000 short lines", _bytes(lines.encode()), heavy=True)
    yield Case("txt", "10 MB of bulletins one after another", _repeat_to(utf8, 10 * MB), heavy=True)
    yield Case(
        "txt",
        "63 MB of bulletins (just under the 64 MB file limit)",
        _repeat_to(utf8, 63 * MB),
        heavy=True,
    )
    yield Case(
        "txt",
        "70 MB of bulletins (over the 64 MB limit)",
        _repeat_to(utf8, 70 * MB),
        heavy=True,
        allowed=frozenset({2}),
    )


# --- DOCX -------------------------------------------------------------------------------

_DATE = (2024, 1, 1, 0, 0, 0)


def _info(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_DATE)
    info.compress_type = compress
    return info


def rezip(
    base: bytes, replace_parts: dict[str, bytes | None], add: dict[str, bytes] | None = None
) -> bytes:
    """The zip with some parts replaced (None: dropped) and some added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            data = replace_parts.get(item.filename, source.read(item.filename))
            if data is not None:
                out.writestr(_info(item.filename), data)
        for name, data in (add or {}).items():
            out.writestr(_info(name), data)
    return buffer.getvalue()


def _part(base: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        return archive.read(name)


_CD = struct.Struct("<4sHHHHHHLLLHHHHHLL")
_LOCAL = struct.Struct("<4sHHHHHLLLHH")
_EOCD = struct.Struct("<4sHHHHLLH")
_CD_FIELDS = [
    "sig",
    "made",
    "needed",
    "flags",
    "method",
    "time",
    "date",
    "crc",
    "csize",
    "usize",
    "nlen",
    "elen",
    "clen",
    "disk",
    "iattr",
    "eattr",
    "offset",
]
_LOCAL_FIELDS = [
    "sig",
    "needed",
    "flags",
    "method",
    "time",
    "date",
    "crc",
    "csize",
    "usize",
    "nlen",
    "elen",
]


def patch_zip(
    data: bytes,
    name: str,
    *,
    central: dict[str, int] | None = None,
    local: dict[str, int] | None = None,
    local_name: bytes | None = None,
    duplicate_as: bytes | None = None,
) -> bytes:
    """Lie in a zip's headers: change fields of one entry, or list it twice under two names."""
    out = bytearray(data)
    eocd_at = out.rindex(b"PK\x05\x06")
    eocd = list(_EOCD.unpack_from(out, eocd_at))
    cd_size, cd_at = eocd[5], eocd[6]
    at = cd_at
    while at < cd_at + cd_size:
        fields = list(_CD.unpack_from(out, at))
        record = dict(zip(_CD_FIELDS, fields, strict=True))
        length = _CD.size + record["nlen"] + record["elen"] + record["clen"]
        entry = bytes(out[at + _CD.size : at + _CD.size + record["nlen"]])
        if entry == name.encode():
            for key, value in (central or {}).items():
                fields[_CD_FIELDS.index(key)] = value
            _CD.pack_into(out, at, *fields)
            lat = record["offset"]
            lfields = list(_LOCAL.unpack_from(out, lat))
            for key, value in (local or {}).items():
                lfields[_LOCAL_FIELDS.index(key)] = value
            _LOCAL.pack_into(out, lat, *lfields)
            if local_name is not None:
                out[lat + _LOCAL.size : lat + _LOCAL.size + len(local_name)] = local_name
            if duplicate_as is not None:
                copy_ = bytearray(out[at : at + length])
                copy_[_CD.size : _CD.size + len(duplicate_as)] = duplicate_as
                end = cd_at + cd_size
                out[end:end] = copy_
                eocd[3] += 1
                eocd[4] += 1
                eocd[5] += len(copy_)
                _EOCD.pack_into(out, out.rindex(b"PK\x05\x06"), *eocd)
            return bytes(out)
        at += length
    raise KeyError(name)


def _document(body: str, *, prolog: str = "", root: str = "w:document") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'{prolog}<{root} xmlns:w="{W_NS}"><w:body>{body}</w:body></{root}>'
    ).encode()


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


def _bomb(base: bytes, part: str, size: int, *, lie: bool = False) -> Maker:
    """A real DOCX whose ``part`` inflates to ``size`` bytes (with ``lie``: declared 1 KB)."""

    def make(path: Path) -> None:
        head = _document("<w:p><w:r><w:t>").split(b"<w:t>")[0] + b"<w:t>"
        tail = b"</w:t></w:r></w:p></w:body></w:document>"
        with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(path, "w") as out:
            for item in source.infolist():
                if item.filename != part:
                    out.writestr(_info(item.filename), source.read(item.filename))
            with out.open(_info(part), "w", force_zip64=True) as handle:
                handle.write(head)
                block = b"a" * MB
                for _ in range(size // MB):
                    handle.write(block)
                handle.write(tail)
        if lie:
            path.write_bytes(patch_zip(path.read_bytes(), part, central={"usize": 1024}))

    return make


def _many_parts(base: bytes, count: int) -> bytes:
    return rezip(base, {}, {f"word/media/part{i}.bin": b"x" for i in range(count)})


LAUGHS = """<!DOCTYPE w:document [
 <!ENTITY a "ha">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
"""


def _styles(styles: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
    ).encode()


def _style_chain(depth: int) -> bytes:
    """Style s0 based on s1 ... based on s{depth-1}: a chain ``depth`` long."""
    parts = [
        f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="s{i}"/>'
        f'<w:basedOn w:val="s{i + 1}"/></w:style>'
        for i in range(depth)
    ]
    return _styles("".join(parts))


def _nested_tables(depth: int) -> str:
    cell = "<w:tbl><w:tr><w:tc>"
    return (
        cell * depth
        + "<w:p><w:r><w:t>深处</w:t></w:r></w:p>"
        + "</w:tc></w:tr></w:tbl><w:p/>" * depth
    )


ODD_INDENT = (
    '<w:p><w:pPr><w:ind w:firstLineChars="99999999999999999999999" w:firstLine="-1e999"/>'
    '<w:jc w:val="&#x1;"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>'
)


def _docx_cases(m: Materials, rng: random.Random) -> Iterator[Case]:
    base = m.docx
    document = _part(base, "word/document.xml")
    for _ in range(12):
        cut = rng.randrange(len(base))
        yield Case("docx", f"real DOCX cut at byte {cut} of {len(base)}", _bytes(base[:cut]))
    for cut in (0, 1, 4, 30, len(base) - 22, len(base) - 1):
        yield Case("docx", f"real DOCX cut at byte {cut}", _bytes(base[:cut]))
    for _ in range(15):
        flips = rng.choice([1, 2, 10, 100, 1000])
        yield Case(
            "docx", f"real DOCX with {flips} bytes flipped", _bytes(flipped(base, rng, flips))
        )
    for size in (10, 1000, 30_000):
        yield Case("docx", f"random bytes ({size} B)", _bytes(rng.randbytes(size)))
        yield Case(
            "docx",
            f"zip signature then random bytes ({size} B)",
            _bytes(b"PK\x03\x04" + rng.randbytes(size)),
        )
    for _ in range(15):
        how, xml = mangled(document, rng)
        yield Case("docx", f"document.xml {how}", _bytes(rezip(base, {"word/document.xml": xml})))
    for _ in range(4):
        how, xml = mangled(_part(base, "word/styles.xml"), rng)
        yield Case("docx", f"styles.xml {how}", _bytes(rezip(base, {"word/styles.xml": xml})))

    yield Case(
        "docx",
        "zip bomb: 300 MB document.xml",
        _bomb(base, "word/document.xml", 300 * MB),
        heavy=True,
    )
    yield Case(
        "docx", "zip bomb: 300 MB styles.xml", _bomb(base, "word/styles.xml", 300 * MB), heavy=True
    )
    yield Case(
        "docx",
        "zip bomb: 300 MB document.xml declared as 1 KB",
        _bomb(base, "word/document.xml", 300 * MB, lie=True),
        heavy=True,
    )
    yield Case(
        "docx",
        "zip bomb: 40 MB document.xml (over the XML limit)",
        _bomb(base, "word/document.xml", 40 * MB),
        heavy=True,
    )
    yield Case(
        "docx",
        "zip bomb: 150 MB media part",
        _bomb(base, "word/media/huge.bin", 150 * MB),
        heavy=True,
    )
    yield Case(
        "docx",
        "document.xml declares 4 GB",
        _bytes(
            patch_zip(
                base,
                "word/document.xml",
                central={"usize": 0xFFFFFFFE},
                local={"usize": 0xFFFFFFFE},
            )
        ),
    )
    yield Case("docx", "5,000 parts", _bytes(_many_parts(base, 5_000)), heavy=True)
    yield Case("docx", "1,990 parts", _bytes(_many_parts(base, 1_990)))
    yield Case("docx", "no word/document.xml", _bytes(rezip(base, {"word/document.xml": None})))
    yield Case("docx", "no [Content_Types].xml", _bytes(rezip(base, {"[Content_Types].xml": None})))
    yield Case("docx", "no _rels/.rels", _bytes(rezip(base, {"_rels/.rels": None})))
    yield Case(
        "docx",
        "no document.xml.rels",
        _bytes(rezip(base, {"word/document.xml.rels": None, "word/_rels/document.xml.rels": None})),
    )
    yield Case("docx", "no styles.xml", _bytes(rezip(base, {"word/styles.xml": None})))
    content_types = _part(base, "[Content_Types].xml").replace(
        b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
    )
    yield Case(
        "docx",
        "main part declared as a spreadsheet",
        _bytes(rezip(base, {"[Content_Types].xml": content_types})),
    )
    rels = _part(base, "_rels/.rels")
    yield Case(
        "docx",
        "package rels point at ../../../etc/passwd",
        _bytes(
            rezip(
                base, {"_rels/.rels": rels.replace(b"word/document.xml", b"../../../../etc/passwd")}
            )
        ),
    )
    yield Case(
        "docx",
        "package rels point at a missing part",
        _bytes(
            rezip(base, {"_rels/.rels": rels.replace(b"word/document.xml", b"word/nothing.xml")})
        ),
    )
    yield Case(
        "docx",
        "package rels point at themselves",
        _bytes(rezip(base, {"_rels/.rels": rels.replace(b"word/document.xml", b"_rels/.rels")})),
    )
    yield Case(
        "docx",
        "wrong root element",
        _bytes(rezip(base, {"word/document.xml": _document(_paragraphs(["正文"]), root="w:html")})),
    )
    yield Case(
        "docx",
        "HTML instead of document.xml",
        _bytes(rezip(base, {"word/document.xml": b"<html><body><p>x</p></body></html>"})),
    )
    yield Case(
        "docx",
        "no w:body",
        _bytes(
            rezip(
                base,
                {"word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:p/></w:document>'.encode()},
            )
        ),
    )
    yield Case("docx", "empty document.xml", _bytes(rezip(base, {"word/document.xml": b""})))
    yield Case(
        "docx", "document.xml is NUL bytes", _bytes(rezip(base, {"word/document.xml": bytes(5000)}))
    )
    yield Case(
        "docx",
        "billion laughs",
        _bytes(rezip(base, {"word/document.xml": _document(_paragraphs(["&i;"]), prolog=LAUGHS)})),
    )
    canary = m.canary.as_uri()
    xxe = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{canary}">]>\n'
    yield Case(
        "docx",
        "external entity reading a canary file",
        _bytes(rezip(base, {"word/document.xml": _document(_paragraphs(["&x;"]), prolog=xxe)})),
    )
    xxe_param = f'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "{canary}"> %p;]>\n'
    yield Case(
        "docx",
        "external parameter entity",
        _bytes(rezip(base, {"word/document.xml": _document(_paragraphs(["x"]), prolog=xxe_param)})),
    )
    xxe_net = '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
    yield Case(
        "docx",
        "external DTD over the network",
        _bytes(rezip(base, {"word/document.xml": _document(_paragraphs(["x"]), prolog=xxe_net)})),
    )
    xinclude = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{canary}" parse="text"/>'
    )
    yield Case(
        "docx",
        "XInclude of a canary file",
        _bytes(
            rezip(
                base,
                {"word/document.xml": _document(f"<w:p><w:r><w:t>{xinclude}</w:t></w:r></w:p>")},
            )
        ),
    )
    styles_xxe = _styles(
        '<w:style w:type="paragraph" w:styleId="a"><w:name w:val="&x;"/></w:style>'
    ).replace(b"<w:styles", xxe.encode() + b"<w:styles", 1)
    yield Case(
        "docx",
        "external entity in styles.xml",
        _bytes(rezip(base, {"word/styles.xml": styles_xxe})),
    )
    yield Case(
        "docx",
        "200,000 tiny paragraphs",
        _bytes(rezip(base, {"word/document.xml": _document(_paragraphs(["字"] * 200_000))})),
        heavy=True,
    )
    yield Case(
        "docx",
        "one w:t of 3,000,000 characters",
        _bytes(rezip(base, {"word/document.xml": _document(_paragraphs(["字" * 3_000_000]))})),
        heavy=True,
    )
    yield Case(
        "docx",
        "one paragraph of 100,000 runs",
        _bytes(
            rezip(
                base,
                {
                    "word/document.xml": _document(
                        "<w:p>" + "<w:r><w:t>字</w:t></w:r>" * 100_000 + "</w:p>"
                    )
                },
            )
        ),
        heavy=True,
    )
    yield Case(
        "docx",
        "200,000 line breaks in one paragraph",
        _bytes(
            rezip(
                base,
                {
                    "word/document.xml": _document(
                        "<w:p><w:r>" + "<w:t>字</w:t><w:br/>" * 200_000 + "</w:r></w:p>"
                    )
                },
            )
        ),
        heavy=True,
    )
    chain_doc = _document(
        '<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>' * 50
    )
    yield Case(
        "docx",
        "a 50,000-deep basedOn style chain",
        _bytes(
            rezip(base, {"word/styles.xml": _style_chain(50_000), "word/document.xml": chain_doc})
        ),
        heavy=True,
    )
    loop = _styles(
        '<w:style w:type="paragraph" w:styleId="s0"><w:basedOn w:val="s1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="s1"><w:basedOn w:val="s0"/></w:style>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="s2"><w:basedOn w:val="s2"/></w:style>'
    )
    yield Case(
        "docx",
        "basedOn loops",
        _bytes(rezip(base, {"word/styles.xml": loop, "word/document.xml": chain_doc})),
    )
    for depth in (60, 300, 3_000):
        yield Case(
            "docx",
            f"tables nested {depth} deep",
            _bytes(rezip(base, {"word/document.xml": _document(_nested_tables(depth))})),
            heavy=depth > 300,
        )
    sdt = (
        "<w:sdt><w:sdtContent>" * 2_000 + _paragraphs(["内容"]) + "</w:sdtContent></w:sdt>" * 2_000
    )
    yield Case(
        "docx",
        "content controls nested 2,000 deep",
        _bytes(rezip(base, {"word/document.xml": _document(sdt)})),
    )
    yield Case(
        "docx",
        "document.xml declared UTF-16",
        _bytes(
            rezip(
                base,
                {
                    "word/document.xml": document.decode()
                    .replace('encoding="UTF-8"', 'encoding="UTF-16"')
                    .encode("utf-16")
                },
            )
        ),
    )
    yield Case(
        "docx",
        "document.xml with invalid UTF-8",
        _bytes(rezip(base, {"word/document.xml": document.replace("正".encode(), b"\xff\xfe", 3)})),
    )
    yield Case(
        "docx",
        "document.xml with character references to NUL and U+FFFE",
        _bytes(
            rezip(
                base,
                {"word/document.xml": _document(_paragraphs(["&#0;&#xFFFE;&#x1B;&#xD800;正文"]))},
            )
        ),
    )
    yield Case(
        "docx",
        "an attribute of 5 MB",
        _bytes(rezip(base, {"word/document.xml": _document(f'<w:p w:x="{"a" * 5 * MB}"/>')})),
    )
    yield Case(
        "docx",
        "a control character in an indent",
        _bytes(
            rezip(
                base,
                {"word/document.xml": _document(ODD_INDENT)},
            )
        ),
    )

    yield Case(
        "docx",
        "encrypted zip entry",
        _bytes(patch_zip(base, "word/document.xml", central={"flags": 1}, local={"flags": 1})),
    )
    yield Case(
        "docx",
        "unsupported compression method 99",
        _bytes(patch_zip(base, "word/document.xml", central={"method": 99}, local={"method": 99})),
    )
    yield Case(
        "docx",
        "wrong CRC",
        _bytes(
            patch_zip(
                base, "word/document.xml", central={"crc": 0xDEADBEEF}, local={"crc": 0xDEADBEEF}
            )
        ),
    )
    yield Case(
        "docx",
        "local header name differs from the directory",
        _bytes(patch_zip(base, "word/document.xml", local_name=b"word/documenX.xml")),
    )
    yield Case(
        "docx",
        "two directory entries share one local file",
        _bytes(patch_zip(base, "word/document.xml", duplicate_as=b"word/documenY.xml")),
    )
    bz = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(bz, "w") as out:
        for item in source.infolist():
            out.writestr(_info(item.filename, zipfile.ZIP_BZIP2), source.read(item.filename))
    yield Case("docx", "every part bzip2-compressed", _bytes(bz.getvalue()))
    twice = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(twice, "w") as out,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": the point of the case
        for item in source.infolist():
            out.writestr(_info(item.filename), source.read(item.filename))
        out.writestr(_info("word/document.xml"), _document(_paragraphs(["第二份"])))
    yield Case("docx", "document.xml twice", _bytes(twice.getvalue()))
    yield Case(
        "docx",
        "part names with ../ and absolute paths",
        _bytes(
            rezip(
                base,
                {},
                {"../../../../tmp/evil.txt": b"x", "/etc/evil": b"x", "word/../../x.xml": b"x"},
            )
        ),
    )
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w"):
        pass
    yield Case("docx", "an empty zip", _bytes(empty.getvalue()))
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as out:
        out.writestr(
            _info("mimetype", zipfile.ZIP_STORED), b"application/vnd.oasis.opendocument.text"
        )
        out.writestr(_info("content.xml"), b"<office:document-content/>")
    yield Case("docx", "an OpenDocument text named .docx", _bytes(odt.getvalue()))
    yield Case("docx", "a PDF named .docx", _bytes(m.pdf))
    yield Case("docx", "a text named .docx", _bytes(m.texts[0].encode()))
    yield Case(
        "docx",
        "an OLE header named .docx",
        _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4000)),
    )


# --- PDF --------------------------------------------------------------------------------


def pdf_file(
    objects: list[bytes], *, root: int = 1, trailer: bytes = b"", header: bytes = b"%PDF-1.7"
) -> bytes:
    """A PDF with these objects (numbered from 1) and a correct cross-reference table."""
    out = bytearray(header + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


Line = tuple[float, float, float, str]
"""x, y (points from the bottom), font size, text."""


def text_pdf(
    pages: list[list[Line]],
    *,
    media: bytes = b"[0 0 595 842]",
    compress: bool = False,
    catalog_extra: bytes = b"",
    page_extra: bytes = b"",
    trailer: bytes = b"",
    extra_objects: list[bytes] | None = None,
    padding: int = 0,
) -> bytes:
    """A PDF with text in a non-embedded CID font whose ToUnicode map gives the characters.

    Every distinct character gets a two-byte code, so any Unicode (outside the BMP too)
    comes back from text extraction. ``padding`` bytes of spaces go into the middle of
    the first page's content stream (compressed as they are made: a bomb).
    """
    cids: dict[str, int] = {}
    streams = []
    for lines in pages:
        ops = [b"BT"]
        for x, y, size, text in lines:
            codes = b"".join(b"%04X" % cids.setdefault(c, len(cids) + 1) for c in text)
            ops.append(b"/F1 %g Tf 1 0 0 1 %g %g Tm <%s> Tj" % (size, x, y, codes))
        ops.append(b"ET")
        streams.append(b"\n".join(ops))
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /SimSun /Flags 4 "
        b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 80 >> /DW 1000 >>",
        pdf_stream(to_unicode_cmap(cids)),
    ]
    for index, content in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R %s>>" % (media, first_page + 2 * index + 1, page_extra)
        )
        if padding and index == 0:
            objects.append(_padded(content, padding))
        elif compress:
            objects.append(pdf_stream(zlib.compress(content), b"/Filter /FlateDecode "))
        else:
            objects.append(pdf_stream(content))
    return pdf_file(objects + (extra_objects or []), trailer=trailer)


def _padded(content: bytes, padding: int) -> bytes:
    """The content stream, deflated, with ``padding`` spaces after its first half."""
    middle = content.rfind(b"\n", 0, len(content) // 2) + 1
    squeeze = zlib.compressobj(9)
    chunks = [squeeze.compress(content[:middle])]
    block = b" " * MB
    for start in range(0, padding, MB):
        chunks.append(squeeze.compress(block[: padding - start]))
    chunks += [squeeze.compress(content[middle:]), squeeze.flush()]
    return pdf_stream(b"".join(chunks), b"/Filter /FlateDecode ")


def bulletin_pages(text: str, *, size: float = 12, per_page: int = 34) -> list[list[Line]]:
    """A bulletin's lines set on A4 pages, one text line per line."""
    lines = [line for line in text.split("\n") if line.strip()]
    pages = []
    for start in range(0, len(lines), per_page):
        chunk = lines[start : start + per_page]
        pages.append([(80.0, 760.0 - 20 * i, size, line) for i, line in enumerate(chunk)])
    return pages


def _dense_page(rng: random.Random, chars: int, per_line: int = 1000) -> list[Line]:
    alphabet = BULLETIN_CHARS + "一二三四五六七八九十"
    lines = []
    rows = max(1, chars // per_line)
    step = 800 / rows
    for row in range(rows):
        text = "".join(rng.choices(alphabet, k=per_line))
        lines.append((20.0, 820.0 - step * row, max(0.4, min(6.0, step * 0.8)), text))
    return lines


def _flate_bomb(size: int, text: str) -> Maker:
    """A bulletin page whose content stream inflates to ``size`` bytes of spaces mid-page."""

    def make(path: Path) -> None:
        path.write_bytes(text_pdf(bulletin_pages(text)[:1], compress=True, padding=size))

    return make


def _pdf_cases(m: Materials, rng: random.Random) -> Iterator[Case]:
    base = m.pdf
    text = m.texts[0]
    for _ in range(12):
        cut = rng.randrange(len(base))
        yield Case("pdf", f"real PDF cut at byte {cut} of {len(base)}", _bytes(base[:cut]))
    for cut in (0, 5, 9, len(base) - 6, len(base) - 1):
        yield Case("pdf", f"real PDF cut at byte {cut}", _bytes(base[:cut]))
    for _ in range(15):
        flips = rng.choice([1, 2, 10, 100, 1000, 5000])
        yield Case("pdf", f"real PDF with {flips} bytes flipped", _bytes(flipped(base, rng, flips)))
    for _ in range(6):
        how, data = mangled(base, rng)
        yield Case("pdf", f"real PDF {how}", _bytes(data))
    hand = text_pdf(bulletin_pages(text))
    for _ in range(6):
        how, data = mangled(hand, rng)
        yield Case("pdf", f"hand-made PDF {how}", _bytes(data))
    for size in (10, 5000):
        yield Case("pdf", f"random bytes ({size} B)", _bytes(rng.randbytes(size)))
        yield Case(
            "pdf",
            f"PDF header then random bytes ({size} B)",
            _bytes(b"%PDF-1.7\n" + rng.randbytes(size)),
        )

    yield Case("pdf", "a bulletin set by hand (sanity)", _bytes(hand))
    yield Case(
        "pdf",
        "zero pages",
        _bytes(
            pdf_file(
                [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
            )
        ),
    )
    encrypt = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <%s> /U <%s> >>" % (
        rng.randbytes(32).hex().encode(),
        rng.randbytes(32).hex().encode(),
    )
    ident = rng.randbytes(16).hex().encode()
    pages = bulletin_pages(text)
    n_objects = 5 + 2 * len(pages)
    yield Case(
        "pdf",
        "encrypted with an unknown password",
        _bytes(
            text_pdf(
                pages,
                extra_objects=[encrypt],
                trailer=b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (n_objects + 1, ident, ident),
            )
        ),
    )
    yield Case(
        "pdf",
        "encrypted with an unknown security handler",
        _bytes(
            text_pdf(
                pages,
                extra_objects=[b"<< /Filter /FooBar /V 9 >>"],
                trailer=b"/Encrypt %d 0 R " % (n_objects + 1),
            )
        ),
    )
    yield Case(
        "pdf",
        "page tree that contains itself",
        _bytes(
            pdf_file(
                [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
            )
        ),
    )
    yield Case(
        "pdf",
        "page tree loop through two nodes",
        _bytes(
            pdf_file(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 5 >>",
                    b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 5 >>",
                ]
            )
        ),
    )
    yield Case(
        "pdf",
        "page count of 2^31 with one page",
        _bytes(text_pdf(pages[:1]).replace(b"/Count 1 ", b"/Count 2147483647 ")),
    )
    yield Case(
        "pdf",
        "a page with 120,000 characters",
        _bytes(text_pdf([_dense_page(rng, 120_000)], compress=True)),
    )
    yield Case(
        "pdf",
        "a page with 1,000,000 characters",
        _bytes(text_pdf([_dense_page(rng, 1_000_000, 5000)], compress=True)),
        heavy=True,
    )
    yield Case(
        "pdf",
        "300 pages of dense text (1.8 million characters)",
        _bytes(text_pdf([_dense_page(rng, 6_000, 150) for _ in range(300)], compress=True)),
        heavy=True,
    )
    yield Case("pdf", "500 empty pages", _bytes(text_pdf([[] for _ in range(500)])))
    yield Case(
        "pdf",
        "500 pages of one line",
        _bytes(text_pdf([[(80.0, 700.0, 12, f"第{i}页正文。")] for i in range(500)])),
        heavy=True,
    )
    yield Case(
        "pdf",
        "299 pages of one line",
        _bytes(text_pdf([[(80.0, 700.0, 12, f"第{i}页正文。")] for i in range(299)])),
    )
    emoji = text.replace("。", "😀𠀀。").replace("，", "🀄，")
    yield Case(
        "pdf", "characters outside the BMP (emoji, 𠀀)", _bytes(text_pdf(bulletin_pages(emoji)))
    )
    yield Case(
        "pdf",
        "only a running header and a page number",
        _bytes(
            text_pdf([[(200.0, 800.0, 12, "四川省地方志工作简报"), (280.0, 40.0, 12, "— 1 —")]])
        ),
    )
    yield Case("pdf", "image only (no text layer)", _bytes(NO_TEXT_PDF))
    pixels = zlib.compress(rng.randbytes(200 * 200))
    image = pdf_stream(
        pixels,
        b"/Type /XObject /Subtype /Image /Width 200 /Height 200 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode ",
    )
    yield Case(
        "pdf",
        "a scanned page (one image)",
        _bytes(
            pdf_file(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
                    pdf_stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
                    image,
                ]
            )
        ),
    )
    yield Case("pdf", "content stream inflating to 200 MB", _flate_bomb(200 * MB, text), heavy=True)
    yield Case(
        "pdf",
        "100,000 nested arrays",
        _bytes(text_pdf(pages[:1], page_extra=b"/Foo " + b"[" * 100_000 + b"]" * 100_000 + b" ")),
    )
    yield Case(
        "pdf",
        "50,000 nested dictionaries",
        _bytes(
            text_pdf(
                pages[:1], page_extra=b"/Foo " + b"<< /A " * 50_000 + b"1" + b" >>" * 50_000 + b" "
            )
        ),
    )
    good = text_pdf(pages)
    yield Case(
        "pdf",
        "startxref beyond the end",
        _bytes(
            good.replace(b"startxref\n", b"startxref\n9999999999").rsplit(b"\n", 3)[0]
            + b"\n%%EOF\n"
        ),
    )
    yield Case(
        "pdf", "no cross-reference table", _bytes(good[: good.index(b"xref\n")] + b"%%EOF\n")
    )
    yield Case(
        "pdf",
        "trailer /Prev points at itself",
        _bytes(good.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % good.index(b"xref\n"))),
    )
    revisions = bytearray(good)
    for _ in range(300):
        prev = bytes(revisions).rindex(b"startxref\n") + len(b"startxref\n")
        prev_offset = int(bytes(revisions[prev:]).split(b"\n", 1)[0])
        at = len(revisions)
        revisions += (
            b"xref\n0 1\n0000000000 65535 f \ntrailer\n"
            b"<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (n_objects + 1, prev_offset, at)
        )
    yield Case("pdf", "300 incremental updates", _bytes(bytes(revisions)))
    for media, label in (
        (b"[0 0 0 0]", "zero-size page"),
        (b"[0 0 -595 -842]", "negative page size"),
        (b"[0 0 1e38 1e38]", "page 1e38 points wide"),
        (b"[0 0 595]", "a MediaBox of three numbers"),
    ):
        yield Case("pdf", label, _bytes(text_pdf(pages, media=media)))
    odd = [
        [(80.0, 760.0, 12, "报头\x00\ufffe\x1b[31m\x0c\x07\ud800正文"), (80.0, 700.0, 12, "第1期")]
    ]
    yield Case(
        "pdf", "text mapping to NUL, U+FFFE, ESC, BEL and a lone surrogate", _bytes(text_pdf(odd))
    )
    yield Case(
        "pdf",
        "text at 1e30 points and font size 0",
        _bytes(
            text_pdf(
                [[(1e30, 1e30, 12, "远处"), (80.0, 700.0, 0, "零号字"), (80.0, 600.0, 1e6, "巨字")]]
            )
        ),
    )
    stacked = [(80.0, 700.0, 12, "重叠的一行") for _ in range(20_000)]
    yield Case("pdf", "20,000 lines at the same spot", _bytes(text_pdf([stacked], compress=True)))
    action = (
        b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> "
        b"/AA << /WC << /S /Launch /F (/bin/sh) >> >> "
    )
    yield Case(
        "pdf",
        "JavaScript open action and a launch action",
        _bytes(text_pdf(pages, catalog_extra=action)),
    )
    yield Case(
        "pdf", "object number 2^31", _bytes(good.replace(b"\n3 0 obj", b"\n2147483647 0 obj"))
    )
    yield Case(
        "pdf", "header version 9.9", _bytes(text_pdf(pages).replace(b"%PDF-1.7", b"%PDF-9.9", 1))
    )
    yield Case("pdf", "a DOCX named .pdf", _bytes(m.docx))
    yield Case("pdf", "a text named .pdf", _bytes(text.encode()))


# --- JSON for export --------------------------------------------------------------------


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


_DROP = object()


def _with(bulletin: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy with one value replaced, by a dotted path (numbers index lists)."""
    out = copy.deepcopy(bulletin)
    holder: Any = out
    keys = path.split(".")
    for key in keys[:-1]:
        holder = holder[int(key)] if isinstance(holder, list) else holder[key]
    last = keys[-1]
    if isinstance(holder, list):
        holder[int(last)] = value
    elif value is _DROP:
        holder.pop(last, None)
    else:
        holder[last] = value
    return out


def _json_cases(m: Materials, rng: random.Random) -> Iterator[Case]:
    good = m.bulletins[0]
    valid = _json(good)
    for index, bulletin in enumerate(m.bulletins):
        yield Case(
            "json",
            f"a fixture bulletin (sanity {index})",
            _bytes(_json(bulletin)),
            draft=index % 2 == 0,
        )
    yield Case("json", "100,000 nested [", _bytes(b"[" * 100_000 + b"]" * 100_000))
    yield Case("json", "100,000 unclosed [", _bytes(b"[" * 100_000))
    yield Case("json", '100,000 nested {"a":', _bytes(b'{"a":' * 100_000 + b"1" + b"}" * 100_000))
    yield Case(
        "json",
        "deep nesting inside a paragraph",
        _bytes(valid.replace(b'"paragraphs": [', b'"paragraphs": [' + b"[" * 50_000, 1)),
    )
    numbers = [
        ("masthead.issue", "9" * 5000, "a 5,000-digit number"),
        ("masthead.total_issue", "-" + "8" * 5000, "a negative 5,000-digit number"),
        ("imprint.copies", "7" * 5000, "a 5,000-digit number"),
        ("masthead.issue", "1e400", "1e400"),
        ("masthead.issue", "NaN", "NaN"),
        ("imprint.copies", "-Infinity", "-Infinity"),
        ("imprint.copies", "0." + "5" * 5000, "a 5,000-digit fraction"),
        ("masthead.total_issue", "-0", "-0"),
    ]
    for field, number, label in numbers:
        raw = _json(_with(good, field, "MARKNUM")).replace(b'"MARKNUM"', number.encode())
        yield Case("json", f"{label} in {field}", _bytes(raw), draft=rng.random() < 0.5)
    for escape in (
        "\\ud800",
        "\\udc00",
        "\\udfff\\ud800",
        "\\u0000",
        "\\ufffe",
        "\\u001b[31m\\u001b]0;x\\u0007",
    ):
        for field in (
            "masthead.name",
            "sections.0.articles.0.title",
            "sections.0.articles.0.paragraphs.0",
        ):
            raw = _json(_with(good, field, "MARKXMARK")).replace(
                b"MARKXMARK", f"正文{escape}正文".encode()
            )
            yield Case("json", f"escape {escape} in {field}", _bytes(raw), draft=rng.random() < 0.5)
    wrong: list[tuple[str, Any]] = [
        ("masthead", []),
        ("masthead", "报头"),
        ("sections", {}),
        ("sections", "正文"),
        ("sections.0", []),
        ("sections.0.articles", {"a": 1}),
        ("sections.0.articles.0", None),
        ("sections.0.articles.0.paragraphs", "一段"),
        ("sections.0.articles.0.paragraphs", [1, 2, None, {}]),
        ("sections.0.articles.0.title", ["标", "题"]),
        ("masthead.issue", "九"),
        ("masthead.issue", True),
        ("masthead.issue", -5),
        ("masthead.issue", 1.5),
        ("masthead.date", 20220518),
        ("masthead.date", "2022-13-45"),
        ("masthead.date", "不是日期"),
        ("masthead.date", "99999-01-01"),
        ("imprint.print_date", "0000-00-00"),
        ("imprint.copies", "一百"),
        ("imprint", None),
        ("schema", "jianxun.bulletin/2"),
        ("schema", None),
        ("warnings", {"a": 1}),
        ("spans", [1, 2]),
        ("spans", {"masthead.name": "x"}),
    ]
    for path, value in wrong:
        yield Case(
            "json",
            f"{path} = {json.dumps(value, ensure_ascii=False)}",
            _bytes(_json(_with(good, path, value))),
            draft=rng.random() < 0.7,
        )
    for path in (
        "masthead",
        "sections",
        "imprint",
        "schema",
        "sections.0.articles.0.paragraphs",
        "masthead.name",
    ):
        yield Case(
            "json",
            f"missing {path}",
            _bytes(_json(_with(good, path, _DROP))),
            draft=rng.random() < 0.5,
        )
    for label, data in (
        ("an empty file", b""),
        ("{}", b"{}"),
        ("[]", b"[]"),
        ("null", b"null"),
        ("a string", b'"jianxun.bulletin/1"'),
        ("a number", b"42"),
        ("only the schema", b'{"schema": "jianxun.bulletin/1"}'),
        ("invalid UTF-8", valid.replace("正".encode(), b"\xff\xfe\xfd", 5)),
        ("UTF-16 with BOM", valid.decode().encode("utf-16")),
        ("UTF-8 with BOM", b"\xef\xbb\xbf" + valid),
        ("GBK", valid.decode().encode("gbk", "replace")),
        ("NUL bytes in the file", valid.replace(b",", b",\x00", 3)),
        ("trailing garbage", valid + b"\x00garbage"),
        ("two documents", valid + valid),
        (
            "duplicate keys",
            valid.replace(b'"masthead": {', b'"masthead": {"name": 1, "name": [], ', 1),
        ),
        (
            "100,000 keys in masthead",
            valid.replace(
                b'"masthead": {',
                b'"masthead": {' + b"".join(b'"k%d": %d, ' % (i, i) for i in range(100_000)),
                1,
            ),
        ),
        ("a DOCX named .json", m.docx),
        ("random bytes", rng.randbytes(3000)),
    ):
        yield Case("json", label, _bytes(data), draft=rng.random() < 0.5)
    for _ in range(15):
        text = bytearray(valid)
        for _flip in range(rng.choice([1, 2, 5])):
            text[rng.randrange(len(text))] = ord(rng.choice('{}[]":,0123456789 \\tnulfase'))
        yield Case(
            "json",
            "valid JSON with a few characters changed",
            _bytes(bytes(text)),
            draft=rng.random() < 0.5,
        )
    odd = "\ufffe\x01\x1b[31m\uffff\x0b\x00\ufdd0\U0010ffff\u2028\u202e"
    for field in (
        "masthead.name",
        "masthead.issuer",
        "sections.0.name",
        "sections.0.articles.0.title",
        "sections.0.articles.0.paragraphs.1",
        "sections.0.articles.0.source",
        "imprint.printer",
        "imprint.report_to",
    ):
        yield Case(
            "json",
            f"a valid bulletin with U+FFFE/U+0001/ESC/NUL in {field}",
            _bytes(_json(_with(good, field, f"正文{odd}正文"))),
            draft=rng.random() < 0.5,
        )
    yield Case(
        "json",
        "a valid bulletin with every field holding control characters",
        _bytes(_json(_everything(good, odd))),
    )
    yield Case(
        "json",
        "a 4,000,000-character paragraph",
        _bytes(_json(_with(good, "sections.0.articles.0.paragraphs", ["字" * 4_000_000]))),
        heavy=True,
    )
    yield Case(
        "json",
        "100,000 paragraphs",
        _bytes(_json(_with(good, "sections.0.articles.0.paragraphs", ["一段正文。"] * 100_000))),
        heavy=True,
    )
    yield Case(
        "json",
        "20,000 articles",
        _bytes(
            _json(
                _with(
                    good,
                    "sections.0.articles",
                    [{"title": "标题", "paragraphs": ["正文。"], "source": "办"}] * 20_000,
                )
            )
        ),
        heavy=True,
    )
    yield Case(
        "json",
        "a 1,000,000-character masthead name",
        _bytes(_json(_with(good, "masthead.name", "报" * 1_000_000))),
        heavy=True,
    )
    yield Case(
        "json",
        "1,000,000 empty paragraphs",
        _bytes(_json(_with(good, "sections.0.articles.0.paragraphs", [""] * 1_000_000))),
        heavy=True,
    )
    for output in ("missing-dir", "is-dir", "exists", "long-name", "gbk-name", "no-suffix"):
        # An existing folder as -o is written into (the export name pattern), not refused.
        allowed = frozenset({4}) if output in ("missing-dir", "exists", "long-name") else None
        yield Case(
            "json",
            f"a good bulletin written to a {output} output",
            _bytes(valid),
            output=output,
            allowed=allowed,
        )  # type: ignore[arg-type]


def _everything(bulletin: dict[str, Any], odd: str) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, str) and value != bulletin["schema"]:
            return value + odd
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) if k not in ("date", "print_date") else v for k, v in value.items()}
        return value

    return walk(bulletin)  # type: ignore[no-any-return]


# --- All of it --------------------------------------------------------------------------


def hostile_cases(materials: Materials, seed: int) -> list[Case]:
    """Every hostile case, each with its own file name, the same for the same seed."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for make in (_text_cases, _docx_cases, _pdf_cases, _json_cases):
        cases.extend(make(materials, random.Random(rng.randrange(2**32))))
    named = []
    for index, case in enumerate(cases):
        named.append(replace(case, name=f"简报{index:03d}{SUFFIX[case.kind]}"))
    return named


def write_case(case: Case, folder: Path) -> Path:
    path = case.path_in(folder)
    case.make(path)
    return path


# --- Links out of the inbox -------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    """What :func:`plant_links` laid out in an inbox."""

    links: list[Path]
    """Symlinks with a name the inbox takes: each must be reported as not taken."""
    others: list[Path]
    """Other non-regular entries (a FIFO, links without a taken suffix)."""
    good: Path
    """A plain bulletin that must be taken, so an inbox that takes nothing does not pass."""
    canaries: list[Path]
    """The files outside the inbox the links point at."""


def plant_links(
    inbox: Path, outside: Path, marker: str, bulletin_text: str, docx: bytes
) -> Planted:
    """Canary files outside ``inbox`` holding ``marker``, and links to them from inside."""
    secret = outside / "机密"
    secret.mkdir(parents=True)
    canary_txt = outside / "canary.txt"
    canary_txt.write_text(bulletin_text + f"\n{marker}\n", encoding="utf-8")
    canary_docx = outside / "canary.docx"
    canary_docx.write_bytes(
        rezip(docx, {"word/document.xml": _document(_paragraphs(["标题", marker, "正文。"]))})
    )
    canary_pdf = outside / "canary.pdf"
    canary_pdf.write_bytes(text_pdf(bulletin_pages(bulletin_text + "\n" + marker)))
    inner = secret / "内部.txt"
    inner.write_text(bulletin_text + f"\n{marker}\n", encoding="utf-8")
    inbox.mkdir(parents=True)
    good = inbox / "正常.txt"
    good.write_text(bulletin_text, encoding="utf-8")

    rel = os.path.relpath(outside, inbox)
    targets: list[tuple[str, str]] = [
        ("绝对链接.txt", str(canary_txt)),
        ("相对链接.txt", f"{rel}/canary.txt"),
        ("相对链接.docx", f"{rel}/canary.docx"),
        ("绝对链接.pdf", str(canary_pdf)),
        ("上级.txt", "../" * 12 + str(canary_txt).lstrip("/")),
        ("目录链接.txt", str(secret)),
        ("环境变量.txt", "/proc/self/environ"),
        ("密码.txt", "/etc/passwd"),
        ("零.txt", "/dev/zero"),
        ("随机.pdf", "/dev/urandom"),
        ("链到链接.txt", "绝对链接.txt"),
        ("悬空.txt", f"{rel}/没有这个文件.txt"),
        ("环一.txt", "环二.txt"),
        ("环二.txt", "环一.txt"),
    ]
    links = []
    for name, target in targets:
        link = inbox / name
        link.symlink_to(target)
        links.append(link)
    sub = inbox / "子目录"
    sub.symlink_to(secret, target_is_directory=True)
    fifo = inbox / "管道.txt"
    os.mkfifo(fifo)
    return Planted(links, [sub, fifo], good, [canary_txt, canary_docx, canary_pdf, inner])
