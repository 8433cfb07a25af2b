"""DOCX -> text lines with hints, for the same parser that reads plain text.

Each paragraph of the body becomes a line (a manual line break starts a new
line marked ``soft``: same paragraph); a table row becomes one line with its
cells separated by tabs when every cell holds one paragraph, as a 报/送/发
table typed in Word does. Headers and footers (page numbers, a draft mark)
are not the bulletin and are left out. Alignment and first-line indent, set
by direct formatting or by the paragraph's style, go into the hints, and so
does what our export's styles say a paragraph is (文章标题, 作者, 正文, 小标题1–4):
the words alone cannot always tell a byline from a title line, or a subheading
from a short paragraph.

The zip is read directly, not through python-docx: only the main document and
its styles are decompressed, each after its declared size is checked, and
both are parsed as a stream (lxml, no entities, no network, no DTD), each
paragraph or table forgotten once read. So a small hostile file (a zip bomb,
a million tiny paragraphs, a style chain 50,000 deep) costs bounded memory,
and the :class:`~editor.core.limits.Budget` is checked inside the loops.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Final

from lxml import etree

from editor.core.errors import InputError
from editor.core.limits import MAX_STYLE_DEPTH, MAX_XML_BYTES, Budget, format_size
from editor.core.parsing.lines import LineHint
from editor.core.reading.text import check_size, read_file_bytes

MAX_PARTS = 2_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_BLOCK_BYTES = 8 * 1024 * 1024
"""XML of one top-level paragraph or table (a real one has a few KB, a long table 100 KB)."""
MAX_INDENT_COLUMNS = 100
"""A first-line indent beyond this many columns is wider than any page: it is not kept."""
_TWIPS_PER_COLUMN = 160  # half a 三号 (16 pt) character

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT_DOCUMENT: Final = "{http://purl.oclc.org/ooxml/wordprocessingml/main}document"
_RELATIONSHIP: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_PART: Final = "word/document.xml"
_STYLES_PART: Final = "word/styles.xml"

_W_DOCUMENT, _W_BODY, _W_STYLES, _W_STYLE = (
    _W + "document",
    _W + "body",
    _W + "styles",
    _W + "style",
)
_W_P, _W_TBL, _W_TR, _W_TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_W_T, _W_TAB, _W_BR, _W_CR = _W + "t", _W + "tab", _W + "br", _W + "cr"
_W_SDT, _W_SDT_CONTENT = _W + "sdt", _W + "sdtContent"
_W_PPR, _W_PSTYLE, _W_BASED_ON, _W_JC, _W_IND = (
    _W + "pPr",
    _W + "pStyle",
    _W + "basedOn",
    _W + "jc",
    _W + "ind",
)
_W_VAL, _W_TYPE, _W_STYLE_ID, _W_DEFAULT = _W + "val", _W + "type", _W + "styleId", _W + "default"
_W_NAME = _W + "name"
# An article title style (as this program's export names it): line breaks inside such a
# paragraph are the typesetter's, not the editor's, so the pieces are one title line.
_TITLE_STYLES: Final = frozenset({"ArticleTitle", "文章标题"})
# What a paragraph style says a paragraph is, by the style's id or its name as our export
# writes them (editor/core/export/styles.py): (role, subheading level). Body only by its id:
# Word and WPS show Normal as 正文 too, and Normal says nothing.
_ROLES: Final[dict[str, tuple[str, int | None]]] = {
    **{name: ("title", None) for name in _TITLE_STYLES},
    "Byline": ("byline", None),
    "作者": ("byline", None),
    "Body": ("body", None),
    **{f"Subheading{level}": ("heading", level) for level in range(1, 5)},
    **{f"小标题{level}": ("heading", level) for level in range(1, 5)},
}
_TEXT_TAGS = (_W_T, _W_TAB, _W_BR, _W_CR)
_ALIGNMENTS = {"center": "center", "right": "right", "end": "right"}
_NUMBER_RE = re.compile(r"-?[0-9]{1,9}")

# What each part is called in a reason: a clerk knows "正文", not "word/document.xml".
_MAIN, _STYLES, _RELATIONSHIPS = "正文部分", "样式部分", "关系部分"
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


@dataclass
class DocxText:
    """The body as lines of text, and the hints for those lines (by line number)."""

    text: str
    hints: dict[int, LineHint] = field(default_factory=dict)


# --- The zip ------------------------------------------------------------------------------------


def _not_a_zip_reason(data: bytes) -> str:
    """Why bytes that are no zip are no DOCX: often an old .doc or an encrypted file renamed."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            return "Word 文档已加密（需要密码才能打开），请提供未加密的文件"
        return "这是旧版 Word 文档（.doc 格式），请在 Word 中另存为 .docx 后再试"
    if data.startswith(b"%PDF"):
        return "这是 PDF 文件，不是 Word 文档（请把扩展名改为 .pdf）"
    return "不是有效的 Word 文档（.docx 文件已损坏或不是 zip 格式）"


class _Package:
    """The DOCX zip: its parts listed and checked, none of them decompressed yet."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (*_ZIP_ERRORS, zipfile.LargeZipFile) as err:
            raise InputError(name, _not_a_zip_reason(data)) from err
        if len(infos) > MAX_PARTS:
            raise InputError(name, f"Word 文档的部件过多（{len(infos)} 个），可能是恶意文件")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise InputError(name, f"Word 文档解压后过大（{format_size(total)}），可能是恶意文件")
        self.parts = {info.filename: info for info in infos}
        self.root: etree._Element | None = None

    def open(self, part: str, what: str) -> IO[bytes]:
        """A part to read as a stream, refused when it claims more than XML may be."""
        info = self.parts[part]
        if info.file_size > MAX_XML_BYTES:
            raise InputError(
                self.name,
                f"Word 文档的{what}解压后过大（{format_size(info.file_size)}，"
                f"上限 {format_size(MAX_XML_BYTES)}），可能是恶意文件",
            )
        try:
            return self.archive.open(info)
        except NotImplementedError as err:
            raise InputError(self.name, f"Word 文档的{what}使用了不支持的压缩方式") from err
        except RuntimeError as err:  # zipfile's word for an encrypted entry
            raise InputError(self.name, f"Word 文档的{what}已加密，无法读取") from err
        except _ZIP_ERRORS as err:
            raise InputError(self.name, f"Word 文档已损坏（{what}无法解压）") from err

    def xml(
        self,
        part: str,
        what: str,
        tags: Sequence[str] | None = None,
        on_chunk: Callable[[int], None] | None = None,
    ) -> Iterator[etree._Element]:
        """The part's elements (only ``tags`` if given) as each ends, parsed safely.

        The part is fed to the parser in chunks; ``on_chunk`` hears how many
        bytes have gone in after each (to check limits while one element grows).
        No entity is expanded, nothing is fetched, and a document type
        declaration is refused: Word never writes one, a billion-laughs bomb does.
        The root element is left in :attr:`root` once the part is read.
        """
        parser = etree.XMLPullParser(
            events=("end",),
            tag=tags,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        self.root = None
        stream = self.open(part, what)
        try:
            fed = 0
            while chunk := stream.read(_CHUNK):
                if not fed and any(mark in chunk for mark in _DOCTYPE_MARKS):
                    raise InputError(self.name, _doctype_reason(what))
                parser.feed(chunk)
                yield from self._elements(parser, what, check=not fed)
                fed += len(chunk)
                if on_chunk is not None:
                    on_chunk(fed)
            self.root = parser.close()
            yield from self._elements(parser, what, check=not fed)
        except etree.XMLSyntaxError as err:
            raise InputError(self.name, _xml_reason(err, what)) from err
        except NotImplementedError as err:
            raise InputError(self.name, f"Word 文档的{what}使用了不支持的压缩方式") from err
        except _ZIP_ERRORS as err:
            raise InputError(self.name, f"Word 文档已损坏（{what}无法解压）") from err
        finally:
            stream.close()

    def _elements(
        self, parser: etree.XMLPullParser, what: str, *, check: bool
    ) -> Iterator[etree._Element]:
        for _event, element in parser.read_events():
            if check and element.getroottree().docinfo.doctype:  # declared further in
                raise InputError(self.name, _doctype_reason(what))
            yield element


_CHUNK: Final = 64 * 1024
_DOCTYPE_MARKS: Final = tuple(
    "<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def _doctype_reason(what: str) -> str:
    return f"Word 文档无法打开：{what}的 XML 含有文档类型声明，正规的 Word 文档没有，可能是恶意文件"


def _xml_reason(err: etree.XMLSyntaxError, what: str) -> str:
    if err.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
        return f"Word 文档的{what}嵌套过深或内容过长，可能是恶意文件"
    if err.lineno and err.lineno > 0:
        return f"Word 文档的 XML 已损坏（{what}第 {err.lineno} 行）"
    return f"Word 文档的 XML 已损坏（{what}是空的或不完整）"


def _relationships(package: _Package, source: str, budget: Budget) -> dict[str, str]:
    """A part's internal relationships, type (its last segment) -> target part name."""
    folder, base = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in package.parts:
        return {}
    found: dict[str, str] = {}
    for count, element in enumerate(package.xml(rels, _RELATIONSHIPS, [_RELATIONSHIP])):
        if count % 256 == 0:
            budget.tick()
        kind = (element.get("Type") or "").rsplit("/", 1)[-1]
        target = element.get("Target")
        if kind not in found and target and element.get("TargetMode") != "External":
            part = _resolve(folder, target)
            if part is not None:
                found[kind] = part
        _forget(element)
    return found


def _forget(element: etree._Element) -> None:
    """Free an element once read, and the siblings read before it: the tree stays small."""
    parent = element.getparent()
    element.clear(keep_tail=True)
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _resolve(folder: str, target: str) -> str | None:
    """A relationship's target as a part name; None when it points outside the package."""
    path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
    path = posixpath.normpath(path)
    return None if path == ".." or path.startswith("../") else path


def _find_part(package: _Package, related: dict[str, str], kind: str, default: str) -> str | None:
    """The part a relationship names, else the usual name (Word's own files always have it)."""
    for part in (related.get(kind), default):
        if part is not None and part in package.parts:
            return part
    return None


# --- Styles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Format:
    """What one set of paragraph properties says; None where it says nothing.

    ``align`` is "" for an alignment that gives no hint (left, justified).
    """

    align: str | None = None
    indent: int | None = None

    def over(self, fallback: _Format) -> _Format:
        """This format, with what it leaves unsaid taken from ``fallback``."""
        if self is _NOTHING:
            return fallback
        return _Format(
            self.align if self.align is not None else fallback.align,
            self.indent if self.indent is not None else fallback.indent,
        )


_NOTHING = _Format()


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and _NUMBER_RE.fullmatch(value) else None


def _indent_of(ind: etree._Element) -> int | None:
    """First-line indent in columns: by characters, by twips, or none when hanging."""
    chars = _number(ind.get(_W + "firstLineChars"))
    if chars is not None:
        columns = round(chars / 50)
    else:
        twips = _number(ind.get(_W + "firstLine"))
        if twips is not None:
            columns = round(twips / _TWIPS_PER_COLUMN)
        elif ind.get(_W + "hanging") is not None:
            return 0
        else:
            return None
    return min(max(0, columns), MAX_INDENT_COLUMNS)


def _format_of(ppr: etree._Element | None) -> _Format:
    if ppr is None:
        return _NOTHING
    jc = ppr.find(_W_JC)
    ind = ppr.find(_W_IND)
    return _Format(
        None if jc is None else _ALIGNMENTS.get(jc.get(_W_VAL) or "", ""),
        None if ind is None else _indent_of(ind),
    )


class _Styles:
    """Paragraph styles by id, read once; each style's chain resolved once, when first used."""

    def __init__(self) -> None:
        self.own: dict[str, tuple[_Format, str | None]] = {}
        self.default: str | None = None
        self.resolved: dict[str, _Format] = {}
        self.titles: set[str] = set()
        self.roles: dict[str, tuple[str, int | None]] = {}

    def read(self, package: _Package, part: str, budget: Budget) -> None:
        for count, style in enumerate(package.xml(part, _STYLES, [_W_STYLE])):
            if count % 256 == 0:
                budget.tick()
            parent = style.getparent()
            if parent is not None and parent.tag == _W_STYLES:
                self.add(style)
                _forget(style)

    def add(self, style: etree._Element) -> None:
        style_id = style.get(_W_STYLE_ID)
        if style.get(_W_TYPE) != "paragraph" or style_id is None:
            return
        based = style.find(_W_BASED_ON)
        self.own[style_id] = (
            _format_of(style.find(_W_PPR)),
            None if based is None else based.get(_W_VAL),
        )
        if style.get(_W_DEFAULT) in ("1", "true"):
            self.default = style_id
        name = style.find(_W_NAME)
        if style_id in _TITLE_STYLES or (name is not None and name.get(_W_VAL) in _TITLE_STYLES):
            self.titles.add(style_id)
        role = _ROLES.get(style_id)
        if role is None and name is not None:
            role = _ROLES.get(name.get(_W_VAL) or "")
        if role is not None:
            self.roles[style_id] = role

    def resolve(self, style_id: str | None) -> _Format:
        """What the style says, through at most MAX_STYLE_DEPTH styles it is based on."""
        if style_id is None:
            return _NOTHING
        cached = self.resolved.get(style_id)
        if cached is not None:
            return cached
        chain: list[_Format] = []
        seen: set[str] = set()
        current: str | None = style_id
        while current in self.own and current not in seen and len(chain) < MAX_STYLE_DEPTH:
            seen.add(current)
            own, current = self.own[current]
            chain.append(own)
        result = _NOTHING
        for own in reversed(chain):
            result = own.over(result)
        self.resolved[style_id] = result
        return result

    def paragraph(self, p: etree._Element) -> _Format:
        """The paragraph's own properties, then its style's (or the default style's)."""
        ppr = p.find(_W_PPR)
        return _format_of(ppr).over(self.resolve(self.style_of(ppr)))

    def style_of(self, ppr: etree._Element | None) -> str | None:
        style_ref = None if ppr is None else ppr.find(_W_PSTYLE)
        return self.default if style_ref is None else style_ref.get(_W_VAL)

    def is_title(self, p: etree._Element) -> bool:
        return self.style_of(p.find(_W_PPR)) in self.titles

    def role(self, p: etree._Element) -> tuple[str | None, int | None]:
        """The paragraph's role by its style (title, byline, body, heading and level)."""
        style_id = self.style_of(p.find(_W_PPR))
        return self.roles.get(style_id, (None, None)) if style_id is not None else (None, None)


# --- The body -------------------------------------------------------------------------------


def _paragraph_pieces(p: etree._Element) -> list[str]:
    """The paragraph's text, split at manual line breaks."""
    pieces: list[list[str]] = [[]]
    for element in p.iter(*_TEXT_TAGS):
        tag = element.tag
        if tag == _W_T:
            pieces[-1].append(element.text or "")
        elif tag == _W_TAB:
            pieces[-1].append("\t")
        else:
            pieces.append([])
    return ["".join(piece) for piece in pieces]


_NO_HINT: Final = LineHint()


class _Collector:
    def __init__(self, styles: _Styles, budget: Budget) -> None:
        self.styles = styles
        self.budget = budget
        self.lines: list[str] = []
        self.hints: dict[int, LineHint] = {}

    def add(self, text: str, hint: LineHint) -> None:
        self.budget.take(chars=len(text), lines=1)
        self.lines.append(text)
        if hint != _NO_HINT:
            self.hints[len(self.lines)] = hint

    def paragraph(self, p: etree._Element) -> None:
        self.budget.tick()
        form = self.styles.paragraph(p)
        align = form.align or None
        pieces = _paragraph_pieces(p)
        if self.styles.is_title(p):
            pieces = ["".join(pieces)]
        role, level = self.styles.role(p)
        for index, piece in enumerate(pieces):
            if index == 0:
                self.add(piece, LineHint(align, form.indent, role=role, heading=level))
            else:
                self.add(piece, LineHint(align, 0, soft=True, role=role, heading=level))

    def table(self, tbl: etree._Element) -> None:
        for tr in tbl.iterchildren(_W_TR):
            self.budget.tick()
            cells = list(tr.iterchildren(_W_TC))
            contents = [list(tc.iter(_W_P)) for tc in cells]
            simple = all(
                len(ps) <= 1 and (not ps or len(_paragraph_pieces(ps[0])) == 1) for ps in contents
            )
            if simple and len(cells) > 1:
                texts = ["".join(_paragraph_pieces(ps[0])) if ps else "" for ps in contents]
                self.add("\t".join(t for t in texts if t.strip()), LineHint())
                continue
            for tc in cells:
                self.block(tc)

    def element(self, element: etree._Element) -> None:
        if element.tag == _W_P:
            self.paragraph(element)
        elif element.tag == _W_TBL:
            self.table(element)
        elif element.tag == _W_SDT:
            content = element.find(_W_SDT_CONTENT)
            if content is not None:
                self.block(content)

    def block(self, parent: etree._Element) -> None:
        for element in parent.iterchildren():
            self.element(element)


class _Body:
    """Reads the body's paragraphs and tables one by one, each forgotten once read.

    What has not been read yet is held as a tree; so no single paragraph or
    table may take more than MAX_BLOCK_BYTES of XML.
    """

    def __init__(self, package: _Package, collector: _Collector) -> None:
        self.package = package
        self.collector = collector
        self.mark = 0  # bytes fed when the last paragraph or table was read
        self.fed = 0

    def read(self, part: str) -> None:
        name = self.package.name
        body = checked = False
        for element in self.package.xml(part, _MAIN, _BODY_EVENTS, self.chunk):
            if not checked:
                _check_root(name, element.getroottree().getroot())
                checked = True
            if element.tag == _W_BODY:
                body = True
                continue
            parent = element.getparent()
            if parent is not None and parent.tag == _W_BODY:
                self.collector.element(element)
                _forget(element)
                self.mark = self.fed
        if self.package.root is not None:
            _check_root(name, self.package.root)
        if not body:
            raise InputError(name, "Word 文档内容不完整（缺少正文部分）")

    def chunk(self, fed: int) -> None:
        self.collector.budget.tick()
        self.fed = fed
        if fed - self.mark > MAX_BLOCK_BYTES:
            raise InputError(
                self.package.name, "Word 文档中有一段或一个表格过于庞大，可能是恶意文件"
            )


_BODY_EVENTS: Final = (_W_P, _W_TBL, _W_SDT, _W_BODY)


def _check_root(name: str, root: etree._Element) -> None:
    if root.tag == _W_DOCUMENT:
        return
    if root.tag == _STRICT_DOCUMENT:
        raise InputError(
            name, "这是“严格 Open XML”格式的 Word 文档，暂不支持，请另存为普通 .docx 后再试"
        )
    raise InputError(name, "不是 Word 文档（主文档的根元素不对）")


def read_docx(
    path: str | os.PathLike[str], *, data: bytes | None = None, budget: Budget | None = None
) -> DocxText:
    """The body of a DOCX as text lines with hints; InputError when it is no DOCX.

    ``data`` is the file's bytes when the caller has read them already (the file
    is then not opened); ``budget`` bounds the work (a fresh one when not given).
    """
    name = os.fspath(path)
    if data is None:
        data = read_file_bytes(name)
    else:
        check_size(name, len(data))
    budget = Budget(name) if budget is None else budget
    package = _Package(name, data)
    main = _find_part(package, _relationships(package, "", budget), "officeDocument", _MAIN_PART)
    if main is None:
        if "[Content_Types].xml" in package.parts:
            raise InputError(name, f"Word 文档不完整：缺少 {_MAIN_PART}（正文部分）")
        raise InputError(name, f"不是 Word 文档（缺少 {_MAIN_PART}）")
    styles = _Styles()
    related = _relationships(package, main, budget)
    styles_part = _find_part(package, related, "styles", _STYLES_PART)
    if styles_part is not None:
        styles.read(package, styles_part, budget)
    collector = _Collector(styles, budget)
    _Body(package, collector).read(main)
    return DocxText("\n".join(collector.lines), collector.hints)
