"""The XML checks of layout.md, read straight from the DOCX package with lxml.

Formatting lives in named styles (print-grade rule 7), so properties are checked as
Word resolves them: the run's own, else its paragraph style's chain, else the
document defaults (tests/support/docx_styles.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from support.corpus import corpus_params
from support.docx_styles import Styles
from support.hard_cases import HARD_CASES

from editor.core.export import docx_bytes, render
from editor.core.export.docx_writer import name_size
from editor.core.export.fonts import alt_name
from editor.core.export.profile import load_profile
from editor.core.model import Bulletin

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"
PROFILE = load_profile()
FONTS = PROFILE.fonts


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def twips_close(value: str | None, expected: int) -> bool:
    return value is not None and abs(int(value) - expected) <= 57  # ±1 mm


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    return make_package(tmp_path_factory, data)


def make_package(factory: pytest.TempPathFactory, data: dict[str, Any]) -> dict[str, Any]:
    path = factory.mktemp("xml") / "b.docx"
    path.write_bytes(docx_bytes(Bulletin.from_dict(data), draft=not data["masthead"]["name"]))
    return read_package(path, data)


def read_package(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        parts = {
            n: etree.fromstring(archive.read(n)) for n in names if n.endswith((".xml", ".rels"))
        }
    return {
        "bulletin": data,
        "parts": parts,
        "names": names,
        "styles": Styles(parts["word/styles.xml"]),
    }


def body(package: dict[str, Any]) -> Any:
    return package["parts"]["word/document.xml"].find("w:body", NS)


def text_of(element: Any) -> str:
    """Text as Word shows it: w:t text, tabs as \t, line breaks as \n."""
    out = []
    for node in element.iter(q("t"), q("tab"), q("br")):
        if node.tag == q("t"):
            out.append(node.text or "")
        elif node.tag == q("tab") and node.getparent().tag == q("r"):
            out.append("\t")
        elif node.tag == q("br"):
            out.append("\n")
    return "".join(out)


def paragraphs_with(package: dict[str, Any], text: str) -> list[Any]:
    return [p for p in body(package).iter(q("p")) if text_of(p) == text]


def text_runs(p: Any) -> list[Any]:
    return [r for r in p.findall(".//w:r", NS) if r.find("w:t", NS) is not None]


def font_of(package: dict[str, Any], p: Any) -> tuple[str | None, str | None, str | None]:
    styles, run = package["styles"], text_runs(p)[0]
    return (
        styles.fonts(p, run)["eastAsia"],
        styles.run(p, run, "sz"),
        styles.run(p, run, "color"),
    )


def style_name(package: dict[str, Any], p: Any) -> str | None:
    style_id = package["styles"].paragraph_style(p)
    style = package["styles"].by_id.get(style_id)
    name = None if style is None else style.find("w:name", NS)
    return None if name is None else name.get(q("val"))


def test_page_size_margins_and_grid(package: dict[str, Any]) -> None:
    for sect in body(package).iter(q("sectPr")):
        size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
        assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
        for side, expected in (("top", 2098), ("bottom", 1984), ("left", 1588), ("right", 1474)):
            assert twips_close(margins.get(q(side)), expected), side
        grid = sect.find("w:docGrid", NS)
        assert grid.get(q("linePitch")) == "579"  # 22 lines: 22 × 579 ≤ 225 mm
        assert grid.get(q("type")) in ("lines", "linesAndChars")


def test_every_run_names_all_four_font_slots_and_no_theme_font(package: dict[str, Any]) -> None:
    parts, styles = package["parts"], package["styles"]
    names = [n for n in parts if n.startswith("word/") and ("document" in n or "footer" in n)]
    runs = 0
    for name in names:
        for p in parts[name].iter(q("p")):
            for r in text_runs(p):
                runs += 1
                fonts = styles.fonts(p, r)
                slots = {fonts[s] for s in ("ascii", "hAnsi", "eastAsia", "cs")}
                assert len(slots) == 1
                assert None not in slots
                assert styles.run(p, r, "rFonts", "hint") == "eastAsia"
                assert not any(fonts[s] for s in fonts if "heme" in s)
    assert runs > 10


def test_no_theme_font_attribute_anywhere(package: dict[str, Any]) -> None:
    for name, root in package["parts"].items():
        for element in root.iter(q("rFonts")):
            themed = [a for a in element.attrib if "heme" in a]
            assert not themed, (name, themed)


def test_normal_style_sets_28_characters_a_line(package: dict[str, Any]) -> None:
    """Pasted or 'cleared' text is Normal: 仿宋 三号, exact 28.95 pt, −0.25 pt, no space after."""
    styles = package["parts"]["word/styles.xml"]
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    fonts = normal.find("w:rPr/w:rFonts", NS)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(q(slot)) == FONTS.body
    assert normal.find("w:rPr/w:sz", NS).get(q("val")) == "32"
    assert normal.find("w:rPr/w:spacing", NS).get(q("val")) == "-5"
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("579", "exact")
    assert spacing.get(q("after")) == "0"
    # 28 characters of 16 pt with −0.25 pt tracking fit the 156 mm (442.2 pt) line, 29 do not.
    assert 28 * (16 - 0.25) <= 8844 / 20 < 29 * (16 - 0.25)
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults.get(q("eastAsia")) == FONTS.body
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(q("eastAsia")) == "zh-CN"


NAMED = ["正文", "文章标题", "栏目", "署名", "作者", "小标题1", "小标题2", "小标题3", "小标题4"]
NAMED += ["报头名称", "期号", "版记"]


def test_named_styles_a_clerk_can_use(package: dict[str, Any]) -> None:
    styles = package["styles"]
    for name in NAMED:
        style = styles.by_name(name)
        assert style is not None, name
        assert style.get(q("type")) == "paragraph"
        assert style.find("w:qFormat", NS) is not None, name  # shown in the style gallery
    title = styles.by_name("文章标题")
    assert title.find("w:pPr/w:outlineLvl", NS).get(q("val")) == "0"  # navigation pane, level 1
    expected = {  # layout.md rule 6: level 1 黑体, 2 楷体, 3 仿宋 bold, 4 仿宋
        "小标题1": (FONTS.section, False),
        "小标题2": (FONTS.attribution, False),
        "小标题3": (FONTS.body, True),
        "小标题4": (FONTS.body, False),
    }
    for name, (font, bold) in expected.items():
        style = styles.by_name(name)
        assert style.find("w:rPr/w:rFonts", NS).get(q("eastAsia")) == font
        assert (style.find("w:rPr/w:b", NS) is not None) == bold
        assert style.find("w:rPr/w:sz", NS).get(q("val")) == "32"
        assert style.find("w:pPr/w:ind", NS).get(q("firstLineChars")) == "200"
    byline = styles.by_name("作者")
    assert byline.find("w:pPr/w:jc", NS).get(q("val")) == "center"
    assert byline.find("w:rPr/w:rFonts", NS).get(q("eastAsia")) == FONTS.attribution


def test_body_text_is_styled_not_formatted_by_hand(package: dict[str, Any]) -> None:
    article = package["bulletin"]["sections"][0]["articles"][0]
    for text in article["paragraphs"]:
        (p,) = paragraphs_with(package, text)
        assert style_name(package, p) == "正文"
        for run in text_runs(p):
            assert run.find("w:rPr", NS) is None


def test_masthead(package: dict[str, Any]) -> None:
    masthead = package["bulletin"]["masthead"]
    (name,) = paragraphs_with(package, masthead["name"])
    assert style_name(package, name) == "报头名称"
    assert font_of(package, name) == (FONTS.name, "84", "FF0000")  # 初号 fits 10 characters
    assert package["styles"].para(name, "jc") == "center"
    (issue,) = paragraphs_with(package, "第9期（总第401期）")
    assert font_of(package, issue)[:2] == (FONTS.issue, "32")
    (line,) = paragraphs_with(package, "四川省地方志工作办公室\t2022年5月18日")
    tab = line.find("w:pPr/w:tabs/w:tab", NS)
    assert (tab.get(q("val")), tab.get(q("pos"))) == ("right", "8844")
    rule = line.find("w:pPr/w:pBdr/w:bottom", NS)
    assert rule.get(q("color")) == "FF0000"
    assert int(rule.get(q("sz"))) >= 8


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("四川地方志简报", 42),
        ("四川省地方志办政工简讯", 36),
        ("四川省地方志工作办公室机关党建工作简报", 26),
    ],
)
def test_name_size_is_the_largest_that_fits(name: str, size: int) -> None:
    assert name_size(name) == size


def test_sections_titles_paragraphs_attribution(package: dict[str, Any]) -> None:
    bulletin, styles = package["bulletin"], package["styles"]
    (section,) = paragraphs_with(package, "【工作动态】")
    assert font_of(package, section)[:2] == (FONTS.section, "32")
    assert styles.flag(section, "keepNext")  # a 栏目 heading goes with its title
    article = bulletin["sections"][1]["articles"][0]
    for line in article["title"].split("\n"):
        (title,) = paragraphs_with(package, line)
        assert font_of(package, title)[:2] == (FONTS.title, "44")
        assert styles.para(title, "spacing", "lineRule") == "exact"
        assert 600 <= int(styles.para(title, "spacing", "line") or 0) <= 800
        assert styles.para(title, "jc") == "center"
        assert styles.flag(title, "keepNext")
        assert styles.para(title, "outlineLvl") == "0"
    for text in article["paragraphs"]:
        (p,) = paragraphs_with(package, text)
        assert styles.para(p, "jc") == "both"
        assert styles.para(p, "ind", "firstLineChars") == "200"
        assert (styles.para(p, "spacing", "line"), styles.para(p, "spacing", "lineRule")) == (
            "579",
            "exact",
        )
        assert styles.para(p, "snapToGrid") == "0"
        assert styles.flag(p, "widowControl")
        for run in text_runs(p):
            assert styles.run(p, run, "spacing") == "-5"
            assert styles.run(p, run, "sz") == "32"
    (source,) = paragraphs_with(package, f"（{article['source']}）")
    assert style_name(package, source) == "署名"
    assert font_of(package, source)[:2] == (FONTS.attribution, "32")
    assert styles.para(source, "jc") == "right"


def imprint_table(package: dict[str, Any]) -> Any:
    (table,) = body(package).findall("w:tbl", NS)
    return table


def test_imprint_is_a_table_anchored_to_the_bottom_margin(package: dict[str, Any]) -> None:
    table = imprint_table(package)
    position = table.find("w:tblPr/w:tblpPr", NS)
    assert position.get(q("vertAnchor")) == "margin"
    assert position.get(q("tblpYSpec")) == "bottom"  # not a height estimate
    assert position.get(q("tblpY")) is None
    rows = table.findall("w:tr", NS)
    texts = [text_of(r) for r in rows]
    assert texts[0] == "信息公开选项：主动公开"
    assert texts[1].startswith("报：省委办公厅")
    assert texts[1].endswith("。\n中国地方志指导小组办公室。")
    assert texts[-2] == "四川省地方志工作办公室综合处\t2022年5月20日印发"
    assert texts[-1] == "（共印35份）"  # inside the type area, above the last rule
    rules = [r.find("w:tc/w:tcPr/w:tcBorders/w:bottom", NS) for r in rows]
    sizes = [None if b is None else int(b.get(q("sz"))) for b in rules]
    assert sizes == [8, 6, 6, 6, None, 8]  # thick, thin between blocks, thin, thick at the bottom
    for row in rows:
        for p in row.iter(q("p")):
            assert style_name(package, p) == "版记"
            for run in text_runs(p):
                assert package["styles"].run(p, run, "sz") == "28"  # 四号


def test_page_numbers_odd_right_even_left_with_page_field(package: dict[str, Any]) -> None:
    parts, styles = package["parts"], package["styles"]
    assert parts["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    sect = body(package).iter(q("sectPr")).__next__()
    refs = {r.get(q("type")): r for r in sect.findall("w:footerReference", NS)}
    assert set(refs) >= {"default", "even"}
    seen = {}
    for name in [n for n in parts if n.startswith("word/footer")]:
        p = parts[name].find("w:p", NS)
        if not text_of(p):
            continue  # the 版记 section's empty footers after a blank page
        assert text_of(p) == "— 1 —"
        jc = p.find("w:pPr/w:jc", NS).get(q("val"))
        seen[jc] = p.find("w:pPr/w:ind", NS)
        kinds = [f.get(q("fldCharType")) for f in p.iter(q("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert "PAGE" in "".join(t.text or "" for t in p.iter(q("instrText")))
        for run in text_runs(p):
            assert styles.fonts(p, run)["eastAsia"] == FONTS.page_number
            assert styles.run(p, run, "sz") == "28"
    assert seen["right"].get(q("right")) == "280"
    assert seen["left"].get(q("left")) == "280"


def test_profile_override_changes_fonts_and_issue_pattern(tmp_path: Path) -> None:
    override = tmp_path / "office.toml"
    override.write_text(
        '[fonts]\nbody = "仿宋"\n'
        '[masthead]\nissue_pattern = "{year}年第{issue}期（总第{total_issue}期）"\n',
        encoding="utf-8",
    )
    profile = load_profile(override)
    assert profile.fonts.body == "仿宋"
    assert profile.fonts.title == "方正小标宋简体"  # untouched keys keep their defaults
    data = json.loads((FIXTURES / "no_columns_no_source.json").read_text("utf-8"))
    path = tmp_path / "b.docx"
    path.write_bytes(docx_bytes(Bulletin.from_dict(data), profile))
    archive = zipfile.ZipFile(path)
    assert "2022年第52期（总第447期）" in archive.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋"' in archive.read("word/styles.xml").decode("utf-8")
    fonts = archive.read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋"' in fonts  # the body's font; the 版记 keeps its own 仿宋_GB2312


# --- A clean document (print-grade rule 8) --------------------------------------------------


def test_no_template_leftovers(package: dict[str, Any]) -> None:
    names = package["names"]
    assert "word/stylesWithEffects.xml" not in names
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    types = package["parts"]["[Content_Types].xml"]
    overrides = [o.get("PartName") for o in types]
    assert all(name is None or name.lstrip("/") in names for name in overrides)
    for rels in [n for n in names if n.endswith(".rels")]:
        for rel in package["parts"][rels]:
            assert "thumbnail" not in rel.get("Type", "")
            assert "stylesWithEffects" not in rel.get("Type", "")


def test_settings_zh_cn_theme_language_and_compatibility_15(package: dict[str, Any]) -> None:
    settings = package["parts"]["word/settings.xml"]
    lang = settings.find("w:themeFontLang", NS)
    assert lang.get(q("eastAsia")) == "zh-CN"
    modes = [
        c.get(q("val"))
        for c in settings.iterfind("w:compat/w:compatSetting", NS)
        if c.get(q("name")) == "compatibilityMode"
    ]
    assert modes == ["15"]  # no 兼容模式 in Word's title bar
    assert settings.find("w:rsids", NS) is None
    assert settings.find("w:characterSpacingControl", NS).get(q("val")) == "compressPunctuation"


def test_no_rsids_anywhere(package: dict[str, Any]) -> None:
    for name, root in package["parts"].items():
        for element in root.iter():
            assert not [a for a in element.attrib if "rsid" in a], name


def test_theme_has_no_japanese_fonts_and_names_the_layout_fonts(package: dict[str, Any]) -> None:
    theme = etree.tostring(package["parts"]["word/theme/theme1.xml"], encoding="unicode")
    assert "Jpan" not in theme
    assert "ＭＳ" not in theme
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    root = package["parts"]["word/theme/theme1.xml"]
    minor = root.find(f".//{{{a}}}minorFont/{{{a}}}ea")
    major = root.find(f".//{{{a}}}majorFont/{{{a}}}ea")
    assert minor.get("typeface") == FONTS.body
    assert major.get("typeface") == FONTS.section


def test_font_table_lists_the_fonts_used_with_their_fallbacks(package: dict[str, Any]) -> None:
    table = package["parts"]["word/fontTable.xml"]
    listed = {f.get(q("name")): f for f in table.findall("w:font", NS)}
    used = set()
    styles = package["parts"]["word/styles.xml"]
    for fonts in styles.iter(q("rFonts")):
        used.update(v for k, v in fonts.attrib.items() if not k.endswith("hint"))
    for name in package["parts"]:
        for fonts in package["parts"][name].iter(q("rFonts")):
            used.update(v for k, v in fonts.attrib.items() if not k.endswith("hint"))
    assert set(listed) == used
    assert "MS 明朝" not in listed
    assert "Calibri" not in listed
    expected_alt = {
        "仿宋_GB2312": "仿宋",
        "楷体_GB2312": "楷体",
        "方正小标宋简体": "方正小标宋_GBK",
    }
    for name, alt in expected_alt.items():
        assert listed[name].find("w:altName", NS).get(q("val")) == alt
        assert alt_name(name) == alt
    for font in listed.values():
        assert font.find("w:charset", NS).get(q("val")) == "86"  # GB2312


def test_core_properties_name_the_bulletin_and_this_program(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    first, second = (make_package(tmp_path_factory, data) for _ in range(2))
    core = first["parts"]["docProps/core.xml"]
    dc = "http://purl.org/dc/elements/1.1/"
    terms = "http://purl.org/dc/terms/"
    title = core.find(f"{{{dc}}}title").text
    assert title == f"{data['masthead']['name']} 第9期（总第401期）"
    assert core.find(f"{{{dc}}}creator").text == data["masthead"]["issuer"]
    created = dt.datetime.fromisoformat(
        core.find(f"{{{terms}}}created").text.replace("Z", "+00:00")
    )
    assert abs((created - before).total_seconds()) < 120
    app = etree.tostring(first["parts"]["docProps/app.xml"], encoding="unicode")
    assert "简讯编审台" in app
    assert "Macintosh" not in app

    def doc_ids(package: dict[str, Any]) -> list[str]:
        settings = package["parts"]["word/settings.xml"]
        return [
            value
            for element in settings
            if element.tag.endswith("}docId")
            for value in element.attrib.values()
        ]

    assert len(doc_ids(first)) == 2
    assert not set(doc_ids(first)) & set(doc_ids(second))  # every export is a new document


# --- Keep rules and titles (print-grade rules 4 and 5) --------------------------------------


def test_title_lines_are_broken_within_their_paragraph_and_never_lost(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    data = HARD_CASES["long_titles"]()
    package = make_package(tmp_path_factory, data)
    for section in data["sections"]:
        for article in section["articles"]:
            given = article["title"].split("\n")
            titles = [p for p in body(package).iter(q("p")) if style_name(package, p) == "文章标题"]
            for line in given:
                found = [p for p in titles if text_of(p).replace("\n", "") == line]
                assert len(found) == 1, line  # one paragraph per line the editor gave
                pieces = text_of(found[0]).split("\n")
                assert all(len(piece) >= 3 for piece in pieces)


def test_attribution_is_kept_with_its_article_where_a_page_would_part_them() -> None:
    """Corpus-like case: the estimate puts the attribution at a page top; the export keeps
    it with the last lines of its article (keepNext on the paragraph before it)."""
    found = False
    for extra in range(0, 30):
        data = json.loads((FIXTURES / "two_columns_three_articles.json").read_text("utf-8"))
        data["sections"][0]["articles"][0]["paragraphs"] += ["补记一句。"] * extra
        blob, result = render(Bulletin.from_dict(data))
        xml = zipfile.ZipFile(__import__("io").BytesIO(blob)).read("word/document.xml")
        root = etree.fromstring(xml)
        paragraphs = list(root.iter(q("p")))
        for index, p in enumerate(paragraphs):
            if text_of(p) == "（省地方志办）" and index:
                previous = paragraphs[index - 1]
                if previous.find("w:pPr/w:keepNext", NS) is not None:
                    found = True
        assert result.plan is not None
    assert found


BULLETINS = [(p.stem, json.loads(p.read_text("utf-8"))) for p in sorted(FIXTURES.glob("*.json"))]
ALL = BULLETINS + [(name, make()) for name, make in HARD_CASES.items()]


@pytest.mark.parametrize("data", [pytest.param(b[1], id=b[0]) for b in ALL] + corpus_params())
def test_every_bulletin_passes_the_xml_checks(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    """Fixtures, the real corpus and the hard cases: fonts on every run, body and titles."""
    package = make_package(tmp_path_factory, data)
    test_page_size_margins_and_grid(package)
    test_every_run_names_all_four_font_slots_and_no_theme_font(package)
    test_no_theme_font_attribute_anywhere(package)
    test_no_rsids_anywhere(package)
    for section in data["sections"]:
        if section["name"]:
            (heading,) = paragraphs_with(package, f"【{section['name']}】")
            assert font_of(package, heading)[:2] == (FONTS.section, "32")
        for article in section["articles"]:
            for line in (article["title"] or "").split("\n"):
                if line:
                    found = [
                        p
                        for p in body(package).iter(q("p"))
                        if re.sub("\n", "", text_of(p)) == line
                    ]
                    assert font_of(package, found[0])[:2] == (FONTS.title, "44")
            for text in article["paragraphs"]:
                p = paragraphs_with(package, text)[0]
                assert package["styles"].para(p, "jc") == "both"
                assert font_of(package, p)[:2] == (FONTS.body, "32")
