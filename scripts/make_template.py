"""Build resources/layout/template.docx: python-docx's default template, cleaned.

    .venv/bin/python scripts/make_template.py

python-docx starts every document from a 2013 "Microsoft Macintosh Word" file: 350 KB
of styles, a stylesWithEffects part, a customXml item, a numbering part, a blank
thumbnail, a Japanese theme (ＭＳ ゴシック for East Asian headings), a font table of
MS 明朝 and Calibri, compatibility mode 14, rsids and a docId shared by every
export. The exporter starts from this file instead: the same package structure with
only what a bulletin uses, compatibility mode 15, zh-CN theme language, no rsids and
no ids (each export writes its own). The fonts (docDefaults, theme, font table,
styles) are the layout profile's: the exporter writes them, with the page, the page
numbers and the named styles, into a base package it makes from this file once per
profile (``docx_writer.base_package``) and opens for every export.

The result is committed; run this again only when the template itself must change.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "layout" / "template.docx"
SOURCE = Path(docx.__file__).parent / "templates" / "default.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"
HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
MS = "http://schemas.microsoft.com/office/word"

CONTENT_TYPES = f"""{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Override PartName="/word/document.xml" ContentType="{CT}.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{CT}.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{CT}.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="{CT}.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/theme/theme1.xml" ContentType="{CT}.theme+xml"/>
<Override PartName="/docProps/core.xml" \
ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="{CT}.extended-properties+xml"/>
</Types>"""

PACKAGE_RELS = f"""{HEAD}<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{DOC_REL}/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = f"""{HEAD}<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{DOC_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{DOC_REL}/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="{DOC_REL}/fontTable" Target="fontTable.xml"/>
<Relationship Id="rId4" Type="{DOC_REL}/theme" Target="theme/theme1.xml"/>
</Relationships>"""

DOCUMENT = f"""{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}" \
xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
xmlns:w14="{MS}/2010/wordml" mc:Ignorable="w14"><w:body><w:sectPr>\
<w:pgSz w:w="11906" w:h="16838"/>\
<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" \
w:footer="1417" w:gutter="0"/><w:cols w:space="425"/>\
<w:docGrid w:type="lines" w:linePitch="579"/>\
</w:sectPr></w:body></w:document>"""

STYLES = f"""{HEAD}<w:styles xmlns:w="{W}" xmlns:r="{R}" \
xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
xmlns:w14="{MS}/2010/wordml" mc:Ignorable="w14">\
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/>\
<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>\
<w:qFormat/></w:style>\
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">\
<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>\
<w:unhideWhenUsed/></w:style>\
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>\
<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>\
<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>\
<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>\
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>\
<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>\
<w:tabs><w:tab w:val="center" w:pos="4422"/><w:tab w:val="right" w:pos="8844"/></w:tabs>\
</w:pPr></w:style>\
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>\
<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>\
<w:tabs><w:tab w:val="center" w:pos="4422"/><w:tab w:val="right" w:pos="8844"/></w:tabs>\
</w:pPr></w:style></w:styles>"""


def compat(name: str, value: str) -> str:
    return f'<w:compatSetting w:name="{name}" w:uri="{MS}" w:val="{value}"/>'


SETTINGS = f"""{HEAD}<w:settings xmlns:w="{W}" xmlns:r="{R}" \
xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" \
xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
xmlns:w14="{MS}/2010/wordml" xmlns:w15="{MS}/2012/wordml" mc:Ignorable="w14 w15">\
<w:zoom w:percent="100"/><w:defaultTabStop w:val="640"/>\
<w:characterSpacingControl w:val="compressPunctuation"/>\
<w:compat>{compat("compatibilityMode", "15")}\
{compat("overrideTableStyleFontSizeAndJustification", "1")}\
{compat("enableOpenTypeFeatures", "1")}{compat("doNotFlipMirrorIndents", "1")}\
{compat("differentiateMultirowTableHeaders", "1")}</w:compat>\
<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>\
<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" \
w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" \
w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" \
w:followedHyperlink="followedHyperlink"/>\
<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"""

FONT_TABLE = f"""{HEAD}<w:fonts xmlns:w="{W}" xmlns:r="{R}"/>"""

CORE = f"""{HEAD}<cp:coreProperties \
xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:dcmitype="http://purl.org/dc/dcmitype/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title/><dc:creator/>\
<cp:revision>1</cp:revision></cp:coreProperties>"""

APP = f"""{HEAD}<Properties \
xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>简讯编审台</Application><DocSecurity>0</DocSecurity>\
<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>\
<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"""


def theme(source: str) -> str:
    """python-docx's Office theme with no script fonts (the Japanese ones) and no East Asian
    typeface: the export names the profile's fonts there."""
    cleaned = re.sub(r"\s*<a:font script=\"[^\"]*\" typeface=\"[^\"]*\"/>", "", source)
    cleaned = re.sub(r"<a:ea typeface=\"[^\"]*\"/>", '<a:ea typeface=""/>', cleaned)
    return cleaned


def parts() -> dict[str, str]:
    """Every part of the template, by name, in the package's order."""
    with zipfile.ZipFile(SOURCE) as archive:
        theme_xml = theme(archive.read("word/theme/theme1.xml").decode("utf-8"))
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/document.xml": DOCUMENT,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": STYLES,
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        "word/theme/theme1.xml": theme_xml,
    }


def main() -> int:
    with zipfile.ZipFile(TARGET, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in parts().items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, text.encode("utf-8"))
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
