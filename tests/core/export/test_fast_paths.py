"""What makes an export fast must not change what it writes.

Line breaking measures a paragraph once (not once a unit), the 版记's tracking skips
what cannot save a line, every export opens its own document from a base package made
once per profile (template, page, styles, page numbers, font table, theme), paragraphs
and runs are built without python-docx's generic machinery, and importing the export
package loads neither python-docx nor lxml. Each is checked against the plain way of
doing the same thing.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from support.docx_styles import Styles
from support.hard_cases import HARD_CASES

from editor.core.export import docx_bytes, docx_writer
from editor.core.export.docx_writer import (
    MAX_IMPRINT_TRACKING,
    SHORT_LAST_LINE,
    TIGHT_SLACK,
    _tightened,
)
from editor.core.export.metrics import (
    HANGING,
    Measure,
    _force,
    char_width,
    text_width,
    units,
    wrap,
)
from editor.core.export.profile import load_profile
from editor.core.export.styles import CHAR, SIHAO, TYPE_W
from editor.core.model import Bulletin

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "bulletins"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


# --- Line breaking: the same lines as measuring every candidate line whole ------------------


def reference_wrap(text: str, measure: Measure, *, widest: bool = False) -> list[str]:
    """Greedy breaking the plain way: each candidate line measured whole by text_width."""
    if not text:
        return [""]
    lines: list[str] = []
    current = ""
    for unit in units(text):
        room = measure.first if not lines else measure.rest
        if not current:
            current = unit
            continue
        candidate = current + unit
        body = candidate[:-1] if candidate[-1] in HANGING else candidate
        if text_width(body, widest=widest, tracking=measure.tracking) <= room + 1e-9:
            current = candidate
            continue
        lines.append(current)
        current = unit
    lines.append(current)
    out: list[str] = []
    for index, line in enumerate(lines):
        room = measure.first if index == 0 else measure.rest
        out.extend(_force(line, room, widest, measure.tracking))
    return out


MIXED = (
    "省地方志办召开年鉴编纂工作会议推进质量提升的一是在不了有和人这中大为上个国我"
    "，。、：；！？（）《》“”‘’——……·%.,-/ 0123456789abcXYZé"
)
MEASURES = [
    Measure((TYPE_W - 640) / 320, TYPE_W / 320, tracking=-0.25 / 16),  # 三号 body
    Measure((TYPE_W - 2 * CHAR) / (SIHAO * 20), (TYPE_W - 4 * CHAR) / (SIHAO * 20)),  # 版记
    Measure(3.0, 2.0, tracking=-0.05),  # narrow: units wider than a line
]


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from(MIXED), max_size=160),
    st.sampled_from(MEASURES),
    st.booleans(),
)
def test_wrap_breaks_where_measuring_every_candidate_whole_breaks(
    text: str, measure: Measure, widest: bool
) -> None:
    assert wrap(text, measure, widest=widest) == reference_wrap(text, measure, widest=widest)


def test_every_character_past_latin_is_one_em() -> None:
    for code in (0x3000, 0x4E00, 0x9FA5, 0xFF01, 0x2014, 0x2026, 0x201C, 0x1F600):
        assert char_width(chr(code)) == char_width(chr(code), widest=True) == 1.0
    assert (char_width("1"), char_width("1", widest=True)) == (0.55, 0.64)
    assert (char_width("é"), char_width("é", widest=True)) == (0.6, 0.7)
    # middle dot: half an em in some fonts, a whole one in others
    assert (char_width("\u00b7"), char_width("\u00b7", widest=True)) == (0.5, 1.0)


def test_units_glue_marks_that_may_not_part() -> None:
    assert units("（省地方志办）召开2021年会议——总结。") == [
        "（省",
        "地",
        "方",
        "志",
        "办）",
        "召",
        "开",
        "2021",
        "年",
        "会",
        "议",
        "——",
        "总",
        "结。",
    ]
    assert "".join(units(MIXED)) == MIXED


def reference_tightened(text: str, first: float, rest: float) -> tuple[int, int]:
    """The 版记 line's tracking the plain way: every tracking tried, first that saves a line."""
    plain = wrap(text, Measure(first, rest))
    if len(plain) < 2 or len(plain[-1]) > SHORT_LAST_LINE:
        return len(plain), 0
    for twips in range(1, MAX_IMPRINT_TRACKING + 1):
        tracking = -twips / 20 / SIHAO
        measured = Measure(first - TIGHT_SLACK, rest - TIGHT_SLACK, tracking=tracking)
        tight = wrap(text, measured, widest=True)
        if len(tight) < len(plain) and all(
            text_width(line, widest=True, tracking=tracking)
            <= (first if index == 0 else rest) - TIGHT_SLACK
            for index, line in enumerate(tight)
        ):
            return len(tight), -twips
    return len(plain), 0


NAMES = ["省委", "省人大常委会", "省档案馆", "四川大学", "中国地方志指导小组办公室", "2021", "ABC"]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["报：", "送：", "发："]),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=12),
    st.sampled_from(["，", "、"]),
    st.sampled_from(["。", "", "）"]),
)
def test_the_imprint_tracking_is_the_first_that_saves_a_line(
    label: str, names: list[str], comma: str, end: str
) -> None:
    text = label + comma.join(names) + end
    first, rest = (TYPE_W - 2 * CHAR) / (SIHAO * 20), (TYPE_W - 4 * CHAR) / (SIHAO * 20)
    assert _tightened(text, first, rest) == reference_tightened(text, first, rest)


def test_a_tracking_is_still_found_where_one_saves_a_line() -> None:
    """(So the test above compares more than two untightened lines.)"""
    first, rest = (TYPE_W - 2 * CHAR) / (SIHAO * 20), (TYPE_W - 4 * CHAR) / (SIHAO * 20)
    found = [
        _tightened("发：" + "字" * n, first, rest)
        for n in range(40, 80)
        if reference_tightened("发：" + "字" * n, first, rest)[1]
    ]
    assert found
    assert all(tracking < 0 for _, tracking in found)


# --- The base package ------------------------------------------------------------------------


def parts_of(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def canonical(data: bytes) -> dict[str, bytes]:
    """Every part, less what each export writes afresh (ids, times)."""
    out = {}
    for name, root in parts_of(data).items():
        if name == "word/settings.xml":
            for node in root.iter():
                for key in [k for k in node.attrib if "docId" in node.tag and k.endswith("val")]:
                    node.attrib[key] = "ID"
        if name == "docProps/core.xml":
            for node in root.iter():
                if node.tag.endswith(("created", "modified")):
                    node.text = "TIME"
        out[name] = etree.tostring(root)
    return out


def bulletin(name: str) -> Bulletin:
    return Bulletin.from_dict(json.loads((FIXTURES / f"{name}.json").read_text("utf-8")))


def test_exports_on_threads_are_independent() -> None:
    """Exports run on worker threads: each opens its own document from the base package,
    so concurrent exports write what one export alone writes, and each its own ids."""
    cases = [
        bulletin("two_columns_three_articles"),
        bulletin("no_masthead"),
        Bulletin.from_dict(HARD_CASES["long_recipients"]()),
    ]
    alone = [canonical(docx_bytes(b, draft=not b.masthead.name)) for b in cases]
    jobs = [cases[i % len(cases)] for i in range(12)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda b: docx_bytes(b, draft=not b.masthead.name), jobs))
    for index, data in enumerate(results):
        assert canonical(data) == alone[index % len(cases)]
    w15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
    doc_ids = {
        parts_of(d)["word/settings.xml"].find(f"{w15}docId").get(f"{w15}val") for d in results
    }
    assert len(doc_ids) == len(results)  # a fresh docId each, never the base package's


def test_an_export_leaves_the_base_package_as_it_was() -> None:
    profile = load_profile()
    base = docx_writer.base_package(profile, False)
    before = bytes(base)
    docx_bytes(bulletin("two_columns_three_articles"), profile)
    assert docx_writer.base_package(profile, False) == before
    body = parts_of(before)["word/document.xml"].find("w:body", NS)
    assert [child.tag for child in body] == [q("sectPr")]  # no bulletin's text in it


def test_each_profile_and_the_draft_get_their_own_base(tmp_path: Path) -> None:
    override = tmp_path / "office.toml"
    override.write_text('[fonts]\nbody = "仿宋"\n', encoding="utf-8")
    office, default = load_profile(override), load_profile()
    data = bulletin("no_columns_no_source")
    for profile, body_font in (
        (default, "仿宋_GB2312"),
        (office, "仿宋"),
        (default, "仿宋_GB2312"),
    ):
        styles = zipfile.ZipFile(io.BytesIO(docx_bytes(data, profile))).read("word/styles.xml")
        assert f'w:eastAsia="{body_font}"'.encode() in styles
    draft = zipfile.ZipFile(io.BytesIO(docx_bytes(data, default, draft=True)))
    final = zipfile.ZipFile(io.BytesIO(docx_bytes(data, default)))
    assert any("草稿" in draft.read(n).decode() for n in draft.namelist() if "header" in n)
    assert not any(n.startswith("word/header") for n in final.namelist())


def test_the_default_profile_is_read_again_when_its_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core.export import profile as profiles

    copy = tmp_path / "default.toml"
    copy.write_text(profiles.DEFAULT_PROFILE.read_text("utf-8"), encoding="utf-8")
    monkeypatch.setattr(profiles, "DEFAULT_PROFILE", copy)
    assert profiles.load_profile() is profiles.load_profile()  # read once, shared (frozen)
    text = copy.read_text("utf-8").replace('body = "仿宋_GB2312"', 'body = "仿宋"')
    copy.write_text(text + "\n", encoding="utf-8")
    assert profiles.load_profile().fonts.body == "仿宋"


# --- The template ----------------------------------------------------------------------------


def style_ids(styles_root: Any) -> set[str]:
    return {s.get(q("styleId")) for s in styles_root.findall("w:style", NS)}


CASES: dict[str, Callable[[], Bulletin]] = {
    "fixture": lambda: bulletin("two_columns_three_articles"),
    "no_masthead": lambda: bulletin("no_masthead"),
    "structured": lambda: Bulletin.from_dict(
        json.loads((FIXTURES / "structured" / "long_titles_bylines.json").read_text("utf-8"))
    ),
    **{name: (lambda make=make: Bulletin.from_dict(make())) for name, make in HARD_CASES.items()},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_style_the_document_names_is_in_it(case: str) -> None:
    data = CASES[case]()
    parts = parts_of(docx_bytes(data, draft=not data.masthead.name))
    styles = parts["word/styles.xml"]
    defined = style_ids(styles)
    named = set()
    for root in parts.values():
        for tag in ("pStyle", "rStyle", "tblStyle"):
            named.update(node.get(q("val")) for node in root.iter(q(tag)))
    for style in styles.findall("w:style", NS):
        for tag in ("basedOn", "next", "link"):
            found = style.find(f"w:{tag}", NS)
            if found is not None:
                named.add(found.get(q("val")))
    assert named <= defined, named - defined
    defaults = [
        s.get(q("type"))
        for s in styles.findall("w:style", NS)
        if s.get(q("default")) in ("1", "true")
    ]
    assert sorted(defaults) == ["character", "numbering", "paragraph", "table"]
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS) is not None
    assert styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS) is not None


def effective(data: bytes) -> list[tuple[str, ...]]:
    """What Word shows of every paragraph and run: text, style, fonts, size, colour,
    tracking, bold, alignment, indents, spacing, grid and keep rules, resolved through
    the styles and the document defaults."""
    parts = parts_of(data)
    styles = Styles(parts["word/styles.xml"])
    out: list[tuple[str, ...]] = []
    for name in sorted(n for n in parts if n.startswith("word/") and n.count("/") == 1):
        for p in parts[name].iter(q("p")):
            para = tuple(
                str(styles.para(p, element, attribute))
                for element, attribute in (
                    ("jc", "val"),
                    ("spacing", "line"),
                    ("spacing", "lineRule"),
                    ("spacing", "before"),
                    ("spacing", "after"),
                    ("ind", "firstLineChars"),
                    ("ind", "left"),
                    ("ind", "right"),
                    ("ind", "hanging"),
                    ("snapToGrid", "val"),
                    ("keepNext", "val"),
                    ("keepLines", "val"),
                    ("widowControl", "val"),
                    ("outlineLvl", "val"),
                )
            )
            out.append((name, str(styles.paragraph_style(p)), *para))
            for r in p.findall("w:r", NS):
                fonts = styles.fonts(p, r)
                run = tuple(
                    str(styles.run(p, r, element))
                    for element in ("sz", "szCs", "color", "spacing", "b", "kern")
                )
                text = "".join(t.text or "" for t in r.iter(q("t")))
                out.append((text, *map(str, fonts.values()), *run))
    return out


@pytest.mark.parametrize("case", ["fixture", "long_titles", "long_recipients"])
def test_the_trimmed_template_sets_the_document_as_python_docx_default_does(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped template only leaves out what a bulletin does not use: exported from
    python-docx's own default template instead, every paragraph and run looks the same."""
    data = CASES[case]()
    draft = not data.masthead.name
    trimmed = docx_bytes(data, draft=draft)
    docx_writer.base_package.cache_clear()
    monkeypatch.setattr(docx_writer, "TEMPLATE", ("layout", "no-such-template.docx"))
    try:
        full = docx_bytes(data, draft=draft)
    finally:
        docx_writer.base_package.cache_clear()
    assert len(parts_of(full)["word/styles.xml"]) > 100  # python-docx's default template
    assert len(parts_of(trimmed)["word/styles.xml"]) < 30
    assert effective(trimmed) == effective(full)


def test_the_template_is_what_its_script_builds() -> None:
    """resources/layout/template.docx is rebuilt by scripts/make_template.py."""
    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "scripts" / "make_template.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built = {name: text.encode("utf-8") for name, text in script.parts().items()}
    with zipfile.ZipFile(ROOT / "resources" / "layout" / "template.docx") as archive:
        shipped = {name: archive.read(name) for name in archive.namelist()}
    assert shipped == built
    assert list(shipped) == list(built)


# --- Imports ---------------------------------------------------------------------------------


def test_importing_the_export_package_loads_neither_python_docx_nor_lxml() -> None:
    """``jianxun parse`` (export names) and the desk's settings import the package without
    writing a DOCX; python-docx and lxml load with the first export."""
    code = (
        "import sys\n"
        "import editor.core.export, editor.core.export.naming, editor.core.export.profile\n"
        "from editor.core.export import ExportError, ExportRefused, export_docx, docx_bytes\n"
        "heavy = ('docx', 'lxml', 'subprocess', 'tomllib')\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""
