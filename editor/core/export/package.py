"""The parts python-docx leaves alone, written for this document (print-grade rule 8).

python-docx saves the font table, the theme and the extended properties as they
are in the template. Here they are rewritten for the export: the font table lists
the fonts the document names, each with the font Word and LibreOffice should try
when it is missing (``w:altName``) and the GB2312 character set; the theme's East
Asian fonts are the layout's (a clerk who applies Word's 标题 1 gets the 栏目 font,
not ＭＳ ゴシック); the extended properties name this program.

They depend on the layout profile alone, so they are written once per profile, into
the base package every export opens (``docx_writer.base_package``); python-docx then
carries them into each export unchanged.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import quoteattr

from lxml import etree

from editor import __version__
from editor.core.export.fonts import alt_name
from editor.core.export.profile import LayoutProfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
APPLICATION = "简讯编审台"


def font_table(fonts: Sequence[str]) -> bytes:
    """``word/fontTable.xml`` naming exactly ``fonts``."""
    entries = []
    for name in fonts:
        alt = alt_name(name)
        alt_xml = f"<w:altName w:val={quoteattr(alt)}/>" if alt else ""
        entries.append(
            f"<w:font w:name={quoteattr(name)}>{alt_xml}"
            '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>'
            "</w:font>"
        )
    return (f'{HEAD}<w:fonts xmlns:w="{W}" xmlns:r="{R}">{"".join(entries)}</w:fonts>').encode()


def theme(source: bytes, profile: LayoutProfile) -> bytes:
    """The theme with the layout's fonts as its East Asian heading and body fonts."""
    root = etree.fromstring(source)
    ns = {"a": A}
    for scheme, font in (("majorFont", profile.fonts.section), ("minorFont", profile.fonts.body)):
        for holder in root.iterfind(f".//a:fontScheme/a:{scheme}", ns):
            for script in holder.findall("a:font", ns):
                holder.remove(script)
            ea = holder.find("a:ea", ns)
            if ea is not None:
                ea.set("typeface", font)
            hans = etree.SubElement(holder, f"{{{A}}}font")
            hans.set("script", "Hans")
            hans.set("typeface", font)
    for scheme in root.iterfind(".//a:fontScheme", ns):
        scheme.set("name", "简报")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def app_properties() -> bytes:
    return (
        f"{HEAD}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{APPLICATION} {__version__}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def replace_parts(data: bytes, replacements: Mapping[str, bytes]) -> bytes:
    """The zip ``data`` with some parts' contents replaced (order and names kept)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = replacements.get(info.filename)
            target.writestr(info, source.read(info) if content is None else content)
    return out.getvalue()


def finish(data: bytes, profile: LayoutProfile, fonts: Sequence[str]) -> bytes:
    """The saved package with its font table, theme and extended properties written."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        current_theme = (
            archive.read("word/theme/theme1.xml") if "word/theme/theme1.xml" in names else None
        )
    replacements = {"word/fontTable.xml": font_table(fonts), "docProps/app.xml": app_properties()}
    if current_theme is not None:
        replacements["word/theme/theme1.xml"] = theme(current_theme, profile)
    return replace_parts(data, {k: v for k, v in replacements.items() if k in names})
