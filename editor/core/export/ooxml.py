"""Small WordprocessingML builders for what python-docx has no API for.

Word is strict about the order of children in ``w:pPr``, ``w:rPr`` and
``w:tcPr``; every setter here inserts at the schema's place, so the file opens
cleanly in Word, WPS and LibreOffice alike.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run
from lxml import etree

TWIPS_PER_PT = 20
TWIPS_PER_MM = 56.7

_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
_TCPR_ORDER = [
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
]
_TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]
_STYLE_ORDER = [
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
]
_SECTPR_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]
_ORDERS = {
    "pPr": _PPR_ORDER,
    "rPr": _RPR_ORDER,
    "tcPr": _TCPR_ORDER,
    "tblPr": _TBLPR_ORDER,
    "style": _STYLE_ORDER,
    "sectPr": _SECTPR_ORDER,
}


_RANKS = {
    parent: {name: rank for rank, name in enumerate(order)} for parent, order in _ORDERS.items()
}
_TAGS: dict[str, str] = {}  # "pPr" -> "{…wordprocessingml…}pPr", filled as names are used


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _w(name: str) -> str:
    """The qualified tag (or attribute) ``w:name``."""
    tag = _TAGS.get(name)
    if tag is None:
        tag = _TAGS[name] = qn(f"w:{name}")
    return tag


def child(parent: Any, name: str, **attrs: str | int) -> Any:
    """Get or create ``w:name`` under ``parent`` at its schema position; set attributes."""
    existing = parent.find(_w(name))
    if existing is None:
        existing = parent.makeelement(_w(name))  # python-docx's element class, as OxmlElement
        ranks = _RANKS[_local(parent.tag)]
        rank = ranks[name]
        for index, sibling in enumerate(parent):
            other = ranks.get(_local(sibling.tag))
            if other is not None and other > rank:
                parent.insert(index, existing)
                break
        else:
            parent.append(existing)
    for key, value in attrs.items():
        existing.set(_w(key), str(value))
    return existing


def element(name: str, **attrs: str | int) -> Any:
    """A new ``w:name`` element with attributes (for children without an order)."""
    made = OxmlElement(f"w:{name}")
    for key, value in attrs.items():
        made.set(_w(key), str(value))
    return made


def add_paragraph(before: Any, style: str | None = None) -> Any:
    """A new ``w:p`` (with its ``w:pStyle``) inserted before ``before`` — the body's
    ``w:sectPr``, where python-docx's ``add_paragraph`` puts it — built without python-docx's
    generic child machinery (most of an export's time went there)."""
    made = before.makeelement(_w("p"))
    before.addprevious(made)
    if style:
        props = etree.SubElement(made, _w("pPr"))
        etree.SubElement(props, _w("pStyle")).set(_w("val"), style)
    return made


_RUN_BREAKS = frozenset("\t\r\n")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def add_run(paragraph: Any, text: str) -> Any:
    """``paragraph.add_run(text)``: the same run, without python-docx's character-by-character
    text setter where the text has no tab or line break (one ``w:t``, space preserved at
    the ends as python-docx preserves it)."""
    if not text or not _RUN_BREAKS.isdisjoint(text):
        return paragraph.add_run(text)
    run = etree.SubElement(paragraph._p, _w("r"))
    node = etree.SubElement(run, _w("t"))
    node.text = text
    if len(text.strip()) < len(text):
        node.set(_SPACE, "preserve")
    return Run(run, paragraph)


def ppr(paragraph: Any) -> Any:
    """The paragraph's ``w:pPr`` (created as its first child)."""
    p = paragraph._p
    found = p.find(_w("pPr"))
    if found is None:
        found = p.makeelement(_w("pPr"))
        p.insert(0, found)
    return found


def set_fonts(rpr: Any, font: str) -> None:
    """All four font slots to one Chinese font, hinted East Asian, no theme fonts."""
    fonts = child(rpr, "rFonts")
    for key in list(fonts.attrib):
        if _local(key).endswith("Theme") or _local(key) == "cstheme":
            del fonts.attrib[key]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    fonts.set(qn("w:hint"), "eastAsia")


def run_props(
    rpr: Any,
    font: str | None = None,
    size_pt: float | None = None,
    *,
    colour: str | None = None,
    bold: bool = False,
    spacing: int | None = None,
) -> None:
    """Font on all slots, size (and complex-script size), colour, weight, tracking (twips)."""
    if font is not None:
        set_fonts(rpr, font)
    if bold:
        child(rpr, "b")
        child(rpr, "bCs")
    if colour:
        child(rpr, "color", val=colour)
    if spacing is not None:
        child(rpr, "spacing", val=spacing)
    if size_pt is not None:
        half_points = round(size_pt * 2)
        child(rpr, "sz", val=half_points)
        child(rpr, "szCs", val=half_points)


def style_run(
    run: Any,
    font: str | None,
    size_pt: float | None,
    *,
    colour: str | None = None,
    bold: bool = False,
    spacing: int | None = None,
) -> None:
    """Direct formatting of one run (what its style cannot say)."""
    run_props(run._r.get_or_add_rPr(), font, size_pt, colour=colour, bold=bold, spacing=spacing)


def paragraph_props(
    props: Any,
    *,
    jc: str | None = None,
    line_twips: int | None = None,
    line_rule: str = "exact",
    before: int | None = None,
    after: int | None = None,
    first_line_chars: int | None = None,
    first_line_twips: int | None = None,
    left: int | None = None,
    right: int | None = None,
    hanging: int | None = None,
    snap_to_grid: bool | None = None,
    keep_next: bool | None = None,
    keep_lines: bool | None = None,
    widows: bool | None = None,
    outline: int | None = None,
) -> None:
    """Alignment, spacing, indents, grid snapping and keep rules of a ``w:pPr``.

    ``None`` leaves a property unsaid (inherited from the style); ``False`` for the
    keep rules and grid writes an explicit off.
    """
    for name, value in (
        ("keepNext", keep_next),
        ("keepLines", keep_lines),
        ("widowControl", widows),
    ):
        if value is not None:
            child(props, name, val="1" if value else "0")
    if snap_to_grid is not None:
        child(props, "snapToGrid", val="1" if snap_to_grid else "0")
    spacing: dict[str, str | int] = {}
    if before is not None:
        spacing["before"] = before
    if after is not None:
        spacing["after"] = after
    if line_twips is not None:
        spacing.update(line=line_twips, lineRule=line_rule)
    if spacing:
        child(props, "spacing", **spacing)
    ind: dict[str, str | int] = {}
    if left is not None:
        ind["left"] = left
    if right is not None:
        ind["right"] = right
    if first_line_chars is not None:
        ind["firstLineChars"] = first_line_chars
    if first_line_twips is not None:
        ind["firstLine"] = first_line_twips
    if hanging is not None:
        ind["hanging"] = hanging
    if ind:
        child(props, "ind", **ind)
    if jc:
        child(props, "jc", val=jc)
    if outline is not None:
        child(props, "outlineLvl", val=outline)


def paragraph_format(paragraph: Any, **fmt: Any) -> None:
    """:func:`paragraph_props` on a paragraph's own properties."""
    paragraph_props(ppr(paragraph), **fmt)


def set_style(paragraph: Any, style_id: str) -> None:
    child(ppr(paragraph), "pStyle", val=style_id)


def tab_stop(props: Any, position: int, kind: str = "right") -> None:
    """A tab stop in a ``w:pPr`` (a paragraph's or a style's)."""
    tabs = child(props, "tabs")
    tabs.append(element("tab", val=kind, pos=position))


def border(parent_pr: Any, container: str, side: str, size: int, colour: str) -> None:
    """A single-line border on one side (``pBdr`` of a paragraph, ``tcBorders`` of a cell)."""
    holder = child(parent_pr, container)
    for old in holder.findall(qn(f"w:{side}")):
        holder.remove(old)
    line = element(side, val="single", sz=size, space=1 if container == "pBdr" else 0)
    line.set(qn("w:color"), colour)
    order = ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"]
    for index, sibling in enumerate(holder):
        if order.index(_local(sibling.tag)) > order.index(side):
            holder.insert(index, line)
            break
    else:
        holder.append(line)


def page_field_runs(paragraph: Any, cached: str = "1") -> list[Any]:
    """A complex PAGE field with a cached value, as runs of ``paragraph``."""
    runs = []
    for kind in ("begin", "instr", "separate", "value", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            text = element("instrText")
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text = " PAGE "
            run._r.append(text)
        elif kind == "value":
            run.text = cached
        else:
            run._r.append(element("fldChar", fldCharType=kind))
        runs.append(run)
    return runs
