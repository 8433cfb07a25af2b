"""The XML checks of layout.md, read straight from the DOCX package with lxml."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from support.corpus import corpus_golds

from editor.core.export import docx_bytes
from editor.core.export.docx_writer import name_size
from editor.core.export.profile import load_profile
from editor.core.model import Bulletin

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"


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
    with zipfile.ZipFile(path) as archive:
        parts = {
            n: etree.fromstring(archive.read(n)) for n in archive.namelist() if n.endswith(".xml")
        }
    return {"bulletin": data, "parts": parts}


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


def run_props(p: Any) -> list[Any]:
    return [r.find("w:rPr", NS) for r in p.findall(".//w:r", NS) if r.find("w:t", NS) is not None]


def test_page_size_margins_and_grid(package: dict[str, Any]) -> None:
    sect = body(package).find("w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    for side, expected in (("top", 2098), ("bottom", 1984), ("left", 1588), ("right", 1474)):
        assert twips_close(margins.get(q(side)), expected), side
    grid = sect.find("w:docGrid", NS)
    assert (grid.get(q("type")), grid.get(q("linePitch"))) == ("lines", "579")


def test_every_run_sets_all_four_font_slots_without_theme_fonts(package: dict[str, Any]) -> None:
    parts = package["parts"]
    names = [n for n in parts if n.startswith("word/") and ("document" in n or "footer" in n)]
    runs = 0
    for name in names:
        for r in parts[name].iter(q("r")):
            if r.find("w:t", NS) is None:
                continue
            runs += 1
            fonts = r.find("w:rPr/w:rFonts", NS)
            assert fonts is not None, etree.tostring(r, encoding="unicode")
            slots = {fonts.get(q(s)) for s in ("ascii", "hAnsi", "eastAsia", "cs")}
            assert len(slots) == 1
            assert None not in slots
            assert fonts.get(q("hint")) == "eastAsia"
            assert not [a for a in fonts.attrib if a.endswith("Theme")]
    assert runs > 10


def test_normal_style_and_defaults_are_fangsong_sanhao(package: dict[str, Any]) -> None:
    styles = package["parts"]["word/styles.xml"]
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    fonts = normal.find("w:rPr/w:rFonts", NS)
    assert fonts.get(q("eastAsia")) == "仿宋_GB2312"
    assert normal.find("w:rPr/w:sz", NS).get(q("val")) == "32"
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults.get(q("eastAsia")) == "仿宋_GB2312"
    assert not [a for a in defaults.attrib if a.endswith("Theme")]


def font_of(p: Any) -> tuple[str, str, str | None]:
    rpr = run_props(p)[0]
    colour = rpr.find("w:color", NS)
    return (
        rpr.find("w:rFonts", NS).get(q("eastAsia")),
        rpr.find("w:sz", NS).get(q("val")),
        None if colour is None else colour.get(q("val")),
    )


def test_masthead(package: dict[str, Any]) -> None:
    masthead = package["bulletin"]["masthead"]
    (name,) = paragraphs_with(package, masthead["name"])
    assert font_of(name) == ("方正小标宋简体", "84", "FF0000")  # 初号 fits 10 characters
    assert name.find("w:pPr/w:jc", NS).get(q("val")) == "center"
    (issue,) = paragraphs_with(package, "第9期（总第401期）")
    assert font_of(issue)[:2] == ("楷体_GB2312", "32")
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
    bulletin = package["bulletin"]
    (section,) = paragraphs_with(package, "【工作动态】")
    assert font_of(section)[:2] == ("黑体", "32")
    article = bulletin["sections"][1]["articles"][0]
    for line in article["title"].split("\n"):
        (title,) = paragraphs_with(package, line)
        assert font_of(title)[:2] == ("方正小标宋简体", "44")
        spacing = title.find("w:pPr/w:spacing", NS)
        assert spacing.get(q("lineRule")) == "exact"
        assert 600 <= int(spacing.get(q("line"))) <= 800
        assert title.find("w:pPr/w:jc", NS).get(q("val")) == "center"
    for text in article["paragraphs"]:
        (p,) = paragraphs_with(package, text)
        ppr = p.find("w:pPr", NS)
        assert ppr.find("w:jc", NS).get(q("val")) == "both"
        indent = ppr.find("w:ind", NS)
        assert indent.get(q("firstLineChars")) == "200" or indent.get(q("firstLine")) == "640"
        spacing = ppr.find("w:spacing", NS)
        assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("579", "exact")
        assert ppr.find("w:snapToGrid", NS).get(q("val")) == "0"
        for rpr in run_props(p):
            assert rpr.find("w:spacing", NS).get(q("val")) == "-5"
            assert rpr.find("w:sz", NS).get(q("val")) == "32"
    (source,) = paragraphs_with(package, f"（{article['source']}）")
    assert font_of(source)[:2] == ("楷体_GB2312", "32")
    assert source.find("w:pPr/w:jc", NS).get(q("val")) == "right"


def test_imprint_is_a_table_floated_to_the_bottom_with_its_rules(package: dict[str, Any]) -> None:
    (table,) = body(package).findall("w:tbl", NS)
    position = table.find("w:tblPr/w:tblpPr", NS)
    assert position.get(q("vertAnchor")) == "margin"
    rows = table.findall("w:tr", NS)
    texts = [text_of(r) for r in rows]
    assert texts[0] == "信息公开选项：主动公开"
    assert texts[1].startswith("报：省委办公厅")
    assert texts[1].endswith("。\n中国地方志指导小组办公室。")
    assert texts[-2] == "四川省地方志工作办公室综合处\t2022年5月20日印发"
    assert texts[-1] == "（共印35份）"
    rules = [r.find("w:tc/w:tcPr/w:tcBorders/w:bottom", NS) for r in rows]
    sizes = [None if b is None else int(b.get(q("sz"))) for b in rules]
    assert sizes == [8, 6, 6, 6, 8, None]  # thick, thin between blocks, thin, thick
    for row in rows:
        for rpr in run_props(row):
            assert rpr.find("w:sz", NS).get(q("val")) == "28"  # 四号


def test_page_numbers_odd_right_even_left_with_page_field(package: dict[str, Any]) -> None:
    parts = package["parts"]
    settings = parts["word/settings.xml"]
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    sect = body(package).find("w:sectPr", NS)
    refs = {r.get(q("type")): r for r in sect.findall("w:footerReference", NS)}
    assert set(refs) >= {"default", "even"}
    footers = [parts[n] for n in parts if n.startswith("word/footer")]
    seen = {}
    for footer in footers:
        p = footer.find("w:p", NS)
        assert "".join(t.text or "" for t in p.iter(q("t"))) == "— 1 —"
        jc = p.find("w:pPr/w:jc", NS).get(q("val"))
        ind = p.find("w:pPr/w:ind", NS)
        seen[jc] = ind
        kinds = [f.get(q("fldCharType")) for f in p.iter(q("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert "PAGE" in "".join(t.text or "" for t in p.iter(q("instrText")))
        for rpr in run_props(p):
            assert rpr.find("w:rFonts", NS).get(q("eastAsia")) == "宋体"
            assert rpr.find("w:sz", NS).get(q("val")) == "28"
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
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "2022年第52期（总第447期）" in xml
    assert 'w:eastAsia="仿宋"' in xml


BULLETINS = [(p.stem, json.loads(p.read_text("utf-8"))) for p in sorted(FIXTURES.glob("*.json"))]
ALL = BULLETINS + corpus_golds()


@pytest.mark.parametrize("data", [b[1] for b in ALL], ids=[b[0] for b in ALL])
def test_every_bulletin_passes_the_xml_checks(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    """Fixtures and the real corpus alike: fonts on every run, body and title formats."""
    package = make_package(tmp_path_factory, data)
    test_page_size_margins_and_grid(package)
    test_every_run_sets_all_four_font_slots_without_theme_fonts(package)
    for section in data["sections"]:
        if section["name"]:
            (heading,) = paragraphs_with(package, f"【{section['name']}】")
            assert font_of(heading)[:2] == ("黑体", "32")
        for article in section["articles"]:
            for line in (article["title"] or "").split("\n"):
                if line:
                    assert font_of(paragraphs_with(package, line)[0])[:2] == (
                        "方正小标宋简体",
                        "44",
                    )
            for text in article["paragraphs"]:
                p = paragraphs_with(package, text)[0]
                assert p.find("w:pPr/w:jc", NS).get(q("val")) == "both"
                assert font_of(p)[:2] == ("仿宋_GB2312", "32")
