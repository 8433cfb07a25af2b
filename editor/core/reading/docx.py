"""DOCX -> text lines with hints, for the same parser that reads plain text.

Each paragraph of the body becomes a line (a manual line break starts a new
line marked ``soft``: same paragraph); a table row becomes one line with its
cells separated by tabs when every cell holds one paragraph, as a 报/送/发
table typed in Word does. Headers and footers (page numbers, a draft mark)
are not the bulletin and are left out. Alignment and first-line indent, set
by direct formatting or by the paragraph's style, go into the hints.

The file is checked before it is opened: a DOCX is a zip, and a hostile one
can claim gigabytes of XML.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from editor.core.errors import InputError
from editor.core.parsing.lines import LineHint

MAX_PARTS = 2_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
_TWIPS_PER_COLUMN = 160  # half a 三号 (16 pt) character

_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_SDT, _W_SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_TEXT_TAGS = {_W_T, _W_TAB, _W_BR, _W_CR}


@dataclass
class DocxText:
    """The body as lines of text, and the hints for those lines (by line number)."""

    text: str
    hints: dict[int, LineHint] = field(default_factory=dict)


def _check_zip(path: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as err:
        raise InputError(path, "不是有效的 Word 文档（.docx 文件已损坏或不是 zip 格式）") from err
    except OSError as err:
        raise InputError(path, f"无法读取：{err.strerror or err}") from err
    if len(infos) > MAX_PARTS:
        raise InputError(path, f"Word 文档的部件过多（{len(infos)} 个），可能是恶意文件")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            path, f"Word 文档解压后过大（{total // (1024 * 1024)} MB），可能是恶意文件"
        )
    if "word/document.xml" not in {info.filename for info in infos}:
        raise InputError(path, "不是 Word 文档（缺少 word/document.xml）")


class _Styles:
    """Paragraph styles by id, read once: python-docx looks a style up by scanning."""

    def __init__(self, document: Any) -> None:
        self.props: dict[str, tuple[Any, str | None]] = {}
        self.default: str | None = None
        for style in document.styles.element.iterchildren(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            style_id = style.get(qn("w:styleId"))
            based = style.find(qn("w:basedOn"))
            self.props[style_id] = (
                style.find(qn("w:pPr")),
                None if based is None else based.get(qn("w:val")),
            )
            if style.get(qn("w:default")) in ("1", "true"):
                self.default = style_id

    def chain(self, p: Any) -> Iterator[Any]:
        """The paragraph's own properties, then its style's, then the styles it is based on."""
        own = p.find(qn("w:pPr"))
        yield own
        style_ref = None if own is None else own.find(qn("w:pStyle"))
        style_id = self.default if style_ref is None else style_ref.get(qn("w:val"))
        seen: set[str] = set()
        while style_id and style_id in self.props and style_id not in seen:
            seen.add(style_id)
            props, style_id = self.props[style_id]
            yield props


def _alignment(chain: list[Any]) -> str | None:
    for props in chain:
        jc = None if props is None else props.find(qn("w:jc"))
        if jc is not None:
            value = jc.get(qn("w:val"))
            return {"center": "center", "right": "right", "end": "right"}.get(value or "")
    return None


def _indent_columns(chain: list[Any]) -> int | None:
    for props in chain:
        ind = None if props is None else props.find(qn("w:ind"))
        if ind is None:
            continue
        chars = ind.get(qn("w:firstLineChars"))
        if chars is not None and chars.lstrip("-").isdigit():
            return max(0, round(int(chars) / 50))
        twips = ind.get(qn("w:firstLine"))
        if twips is not None and twips.lstrip("-").isdigit():
            return max(0, round(int(twips) / _TWIPS_PER_COLUMN))
        if ind.get(qn("w:hanging")) is not None:
            return 0
    return None


def _paragraph_pieces(p: Any) -> list[str]:
    """The paragraph's text, split at manual line breaks."""
    pieces = [""]
    for element in p.iter(*_TEXT_TAGS):
        tag = element.tag
        if tag == _W_T:
            pieces[-1] += element.text or ""
        elif tag == _W_TAB:
            pieces[-1] += "\t"
        else:
            pieces.append("")
    return pieces


class _Collector:
    def __init__(self, document: Any) -> None:
        self.styles = _Styles(document)
        self.lines: list[str] = []
        self.hints: dict[int, LineHint] = {}

    def add(self, text: str, hint: LineHint) -> None:
        self.lines.append(text)
        if hint != LineHint():
            self.hints[len(self.lines)] = hint

    def paragraph(self, p: Any) -> None:
        chain = list(self.styles.chain(p))
        align = _alignment(chain)
        indent = _indent_columns(chain)
        for index, piece in enumerate(_paragraph_pieces(p)):
            if index == 0:
                self.add(piece, LineHint(align=align, indent=indent))
            else:
                self.add(piece, LineHint(align=align, indent=0, soft=True))

    def table(self, tbl: Any) -> None:
        for tr in tbl.iterchildren(_W_TR):
            cells = list(tr.iterchildren(_W_TC))
            contents = [[p for p in tc.iter(_W_P)] for tc in cells]
            simple = all(
                len(ps) <= 1 and (not ps or len(_paragraph_pieces(ps[0])) == 1) for ps in contents
            )
            if simple and len(cells) > 1:
                texts = ["".join(_paragraph_pieces(ps[0])) if ps else "" for ps in contents]
                self.add("\t".join(t for t in texts if t.strip()), LineHint())
                continue
            for tc in cells:
                self.block(tc)

    def block(self, parent: Any) -> None:
        for element in parent.iterchildren():
            if element.tag == _W_P:
                self.paragraph(element)
            elif element.tag == _W_TBL:
                self.table(element)
            elif element.tag == _W_SDT:
                content = element.find(_W_SDT_CONTENT)
                if content is not None:
                    self.block(content)


def read_docx(path: str | os.PathLike[str]) -> DocxText:
    """The body of a DOCX as text lines with hints; InputError when it is no DOCX."""
    name = str(path)
    if not os.path.isfile(name):
        raise InputError(name, "文件不存在" if not os.path.exists(name) else "不是普通文件")
    _check_zip(name)
    try:
        document = Document(name)
    except Exception as err:  # python-docx raises many kinds on broken parts
        raise InputError(name, f"Word 文档无法打开：{type(err).__name__}") from err
    collector = _Collector(document)
    collector.block(document.element.body)
    return DocxText("\n".join(collector.lines), collector.hints)
