"""The typesetter's decisions, without printing: line breaks, title breaks, page breaks,
where the 版记 goes, and which fonts are missing (layout.md, print-grade rules 1, 4, 5, 9)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from support.hard_cases import with_body_lines

from editor.core.export import export_warnings, fonts, render
from editor.core.export.docx_writer import (
    MAX_IMPRINT_TRACKING,
    SAFETY,
    TIGHT_SLACK,
    TITLE_MEASURE,
    TYPE_H,
    _tightened,
    title_warnings,
    vocabulary_of,
)
from editor.core.export.metrics import (
    CLOSING,
    HANGING,
    OPENING,
    Measure,
    text_width,
    wrap,
)
from editor.core.export.paginate import Block, paginate
from editor.core.export.profile import load_profile
from editor.core.export.titles import MAX_CONDENSE_PT, Vocabulary, break_line, set_title
from editor.core.model import Bulletin

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parents[3]
BODY = Measure(first=(8844 - 640) / 320, rest=8844 / 320, tracking=-0.25 / 16)
EMPTY = Vocabulary([], "")


# --- Line breaking --------------------------------------------------------------------------

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处府"
)
PUNCT = "，。、：；！？（）《》“”"
ALPHABET = HAN + PUNCT + "0123456789"


def cjk_text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(ALPHABET), min_size=min_size, max_size=max_size).filter(
        lambda t: not any(run for run in t.split() if len(run) > 40)
    )


@settings(max_examples=150, deadline=None)
@given(cjk_text(1, 200))
def test_wrap_keeps_the_line_breaking_rules(text: str) -> None:
    lines = wrap(text, BODY)
    assert "".join(lines) == text
    for index, line in enumerate(lines):
        room = BODY.first if index == 0 else BODY.rest
        body = line[:-1] if line[-1] in HANGING and len(line) > 1 else line
        assert text_width(body, tracking=BODY.tracking) <= room + 1e-9 or len(line) == 1
        if index:
            assert line[0] not in CLOSING or len(lines[index - 1]) == 1, (lines[index - 1], line)
        if index < len(lines) - 1:
            assert line[-1] not in OPENING
            nxt = lines[index + 1]
            assert not (line[-1].isdigit() and nxt[0].isdigit())  # a number is never split


def test_a_body_line_holds_28_characters_and_a_hanging_full_stop() -> None:
    text = "字" * 60
    lines = wrap(text, BODY)
    assert [len(line) for line in lines] == [26, 28, 6]  # first line indented two characters
    stop = "字" * 26 + "。" + "字" * 5
    assert wrap(stop, BODY)[0].endswith("。")  # hangs rather than starting the next line
    bracket = "字" * 25 + "（字）" + "字" * 5
    assert not wrap(bracket, BODY)[0].endswith("（")


# --- Titles ---------------------------------------------------------------------------------


def pieces_ok(line: str, pieces: tuple[str, ...]) -> None:
    assert "".join(pieces).replace(" ", "") == line.replace(" ", "")
    widths = [text_width(p, widest=True) for p in pieces]
    assert max(widths) <= TITLE_MEASURE
    if len(pieces) > 1:
        assert min(len(p) for p in pieces) >= 3
        assert min(widths) >= max(widths) / 3


@settings(max_examples=80, deadline=None)
@given(st.text(st.sampled_from(HAN + "0123456789、"), min_size=21, max_size=70))
def test_a_long_title_line_is_broken_into_balanced_pieces_that_fit(line: str) -> None:
    title = break_line(line, TITLE_MEASURE, EMPTY, editor_line=False)
    pieces_ok(line, title.pieces)
    assert title.tracking_pt == 0


def test_a_line_that_fits_is_kept() -> None:
    line = "省地方志办召开年鉴编纂质量提升专题推进会"  # 20 characters: the measure holds 20
    assert text_width(line, widest=True) <= TITLE_MEASURE
    assert break_line(line, TITLE_MEASURE, EMPTY, editor_line=False).pieces == (line,)


def test_a_21_character_title_is_broken_not_left_with_one_character() -> None:
    line = "省地方志办召开年鉴编纂质量提升专题推进会议"
    title = break_line(line, TITLE_MEASURE, EMPTY, editor_line=False)
    assert len(title.pieces) == 2
    pieces_ok(line, title.pieces)


def test_an_editors_line_slightly_too_long_is_condensed_and_kept_whole() -> None:
    line = "召开2021年上半年工作总结暨巡视整改动员会"
    assert text_width(line, widest=True) > TITLE_MEASURE
    title = set_title(["四川省地方志办", line], TITLE_MEASURE, EMPTY)[1]
    assert title.pieces == (line,)
    assert 0 < -title.tracking_pt <= MAX_CONDENSE_PT
    condensed = text_width(line, widest=True) * 22 + title.tracking_pt * len(line)
    assert condensed <= TITLE_MEASURE * 22  # fits, in points, with the widest digits


def test_breaks_respect_numbers_brackets_and_the_bulletins_words() -> None:
    vocabulary = Vocabulary(["四川省地方志工作办公室"], "")
    line = "四川省地方志工作办公室召开2024年度全省地方志工作会议暨业务培训会"
    title = break_line(line, TITLE_MEASURE, vocabulary, editor_line=False)
    pieces_ok(line, title.pieces)
    for first, second in zip(title.pieces, title.pieces[1:], strict=False):
        assert not (first[-1].isdigit() and (second[0].isdigit() or second[0] == "年"))
        joined = first + second
        cut = len(first)
        start = joined.find("四川省地方志工作办公室")
        assert not (start != -1 and start < cut < start + 11)
    booked = "关于印发《四川省地方志事业发展规划》和《年鉴编纂出版工作规范》的通知"
    pieces = break_line(booked, TITLE_MEASURE, EMPTY, editor_line=False).pieces
    for piece in pieces[:-1]:
        assert piece.count("《") == piece.count("》")  # never inside a book title


def test_the_vocabulary_comes_from_the_bulletin() -> None:
    data = json.loads(
        (ROOT / "tests/fixtures/bulletins/two_columns_three_articles.json").read_text()
    )
    vocabulary = vocabulary_of(Bulletin.from_dict(data))
    assert "四川省地方志工作办公室" in vocabulary.names
    assert vocabulary.cohesion("四川省地方志工作办公室召开", 5) > 0


def test_titles_of_more_than_three_lines_are_warned_about() -> None:
    data = json.loads((ROOT / "tests/fixtures/bulletins/no_masthead.json").read_text())
    article = data["sections"][0]["articles"][0]
    assert title_warnings(Bulletin.from_dict(data)) == []
    article["title"] = "省地方志办召开全体干部职工大会传达学习全国地方志工作会议精神" * 3
    warnings = title_warnings(Bulletin.from_dict(data))
    assert len(warnings) == 1
    assert "超过三行" in warnings[0]


# --- Pagination -----------------------------------------------------------------------------

LINE = 579
CAPACITY = 22 * LINE + 18


def lines(count: int, **flags: Any) -> Block:
    return Block([LINE] * count, **flags)


def test_a_page_holds_22_body_lines() -> None:
    flow = paginate([lines(1) for _ in range(23)], CAPACITY)
    assert [p.first_page for p in flow.placed].count(1) == 22
    assert flow.page == 2


def test_no_widow_and_no_orphan() -> None:
    widow = paginate([lines(18), lines(5, widows=True)], CAPACITY)
    assert widow.placed[1].lines_on_last_page == 2  # 3 + 2, never 4 + 1
    orphan = paginate([lines(21), lines(5, widows=True)], CAPACITY)
    assert orphan.placed[1].first_page == 2  # never one line alone at the foot of a page
    three = paginate([lines(20), lines(3, widows=True)], CAPACITY)
    assert three.placed[1].first_page == 2  # 2 + 1 and 1 + 2 both leave one line alone


def test_a_heading_goes_with_what_follows_it() -> None:
    flow = paginate(
        [lines(20), lines(1, keep_next=True), lines(1, keep_next=True), lines(6, widows=True)],
        CAPACITY,
    )
    assert flow.placed[1].first_page == 2
    assert flow.placed[3].first_page == 2


# --- Where the 版记 goes (rule 1) -----------------------------------------------------------


def document_xml(blob: bytes) -> Any:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml"))


def test_the_placement_follows_the_estimate_with_a_margin() -> None:
    placements = set()
    for extra in range(0, 46, 3):
        data = with_body_lines(extra)
        blob, result = render(Bulletin.from_dict(data))
        plan = result.plan
        assert plan is not None
        placements.add(plan.placement)
        room = TYPE_H - plan.body.used
        root = document_xml(blob)
        sections = list(root.iter(f"{{{W}}}sectPr"))
        if plan.placement == "same_page":
            assert plan.body.page % 2 == 0
            assert plan.height + SAFETY <= room
            assert len(sections) == 1
        else:
            assert len(sections) == 2
            final = root.find("w:body/w:sectPr", NS)
            assert final.find("w:type", NS).get(f"{{{W}}}val") == "evenPage"
            # the body's section ends on its last paragraph: no empty paragraph can spill over
            holder = sections[0].getparent().getparent()
            assert "".join(holder.itertext())
            assert plan.numbered == (plan.body.page % 2 == 1)
            footers = final.findall("w:footerReference", NS)
            assert bool(footers) == (not plan.numbered)  # own empty footers after a blank page
    assert placements == {"same_page", "even_section"}


def test_an_imprint_taller_than_a_page_is_an_ordinary_table() -> None:
    data = with_body_lines(0)
    data["imprint"]["distribute_to"] = "\n".join(f"第{i}单位。" for i in range(40))
    blob, result = render(Bulletin.from_dict(data))
    assert result.plan is not None
    assert result.plan.placement == "ordinary"
    root = document_xml(blob)
    assert root.find(".//w:tbl/w:tblPr/w:tblpPr", NS) is None  # not floated off the page
    final = root.find("w:body/w:sectPr", NS)
    assert final.find("w:type", NS).get(f"{{{W}}}val") == "evenPage"


def test_the_imprint_is_tightened_before_it_is_moved() -> None:
    """With the body ending where only a tightened 版记 fits, it is tightened."""
    tight = [
        result.plan
        for extra in range(0, 46)
        for result in [render(Bulletin.from_dict(with_body_lines(extra)))[1]]
        if result.plan is not None and result.plan.placement == "same_page"
    ]
    assert any(plan.padding == 0 for plan in tight)
    assert any(plan.padding > 0 for plan in tight)


def test_a_short_last_line_in_the_imprint_is_closed_up() -> None:
    first, rest = (8844 - 2 * 280) / 280, (8844 - 4 * 280) / 280  # 四号 ems, 报/送/发 indents
    text = "发：各市（州）地方志工作机构，办领导，办机关各处室、直属单位。"
    plain = wrap(text, Measure(first, rest))
    assert len(plain) == 2
    assert len(plain[-1]) <= 4  # "位。" alone on a line
    lines, tracking = _tightened(text, first, rest)
    assert lines == 1
    assert -MAX_IMPRINT_TRACKING <= tracking < 0
    assert text_width(text, widest=True, tracking=tracking / 20 / 14) <= first - TIGHT_SLACK
    assert _tightened("发：" + "字" * 40, first, rest) == (2, 0)  # a full second line stays
    data = with_body_lines(0)
    data["imprint"]["distribute_to"] = text[2:]
    root = document_xml(render(Bulletin.from_dict(data))[0])
    (run,) = [r for r in root.iter(f"{{{W}}}r") if "".join(r.itertext()) == text]
    assert run.find("w:rPr/w:spacing", NS).get(f"{{{W}}}val") == str(tracking)


# --- Missing fonts (rule 9) -----------------------------------------------------------------


def test_missing_fonts_name_what_stands_in(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = frozenset(fonts._folded(n) for n in ("SimSun", "黑体", "仿宋", "Noto Serif CJK SC"))
    monkeypatch.setattr(fonts, "installed_families", lambda: installed)
    monkeypatch.setattr(fonts, "fallback_for", lambda name: "Noto Serif CJK SC")
    missing = {m.name: m for m in fonts.missing_fonts(load_profile())}
    assert "宋体" not in missing  # present under its English name
    assert "黑体" not in missing
    assert missing["仿宋_GB2312"].stand_in == "仿宋"  # the office's own substitute
    assert missing["方正小标宋简体"].stand_in == "Noto Serif CJK SC"
    assert set(missing["方正小标宋简体"].roles) == {"简报名称", "文章标题"}
    message = missing["楷体_GB2312"].message()
    assert "楷体_GB2312" in message
    assert "期号" in message


def test_nothing_is_reported_when_it_cannot_be_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: None)
    assert fonts.missing_fonts(load_profile()) == []


def test_windows_registry_names() -> None:
    assert list(fonts.registry_names("仿宋_GB2312 (TrueType)")) == ["仿宋_gb2312"]
    assert list(fonts.registry_names("SimSun & NSimSun (TrueType)")) == ["simsun", "nsimsun"]


def test_fontconfig_is_asked_on_linux() -> None:
    if sys.platform == "win32" or not fonts.installed_families():
        pytest.skip("no fontconfig here")
    families = fonts.installed_families()
    assert families is not None
    assert families  # something is installed wherever fc-list works


def test_export_warns_on_stderr_and_still_succeeds(tmp_path: Path) -> None:
    """``jianxun export`` with a fontconfig that has no Chinese stand-ins: warned, exit 0."""
    source = ROOT / "tests/fixtures/bulletins/two_columns_three_articles.json"
    out = tmp_path / "b.docx"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include></fontconfig>",
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    run = subprocess.run(
        [sys.executable, "-m", "editor", "export", str(source), "-o", str(out)],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8")
    assert out.exists()
    expected = export_warnings(Bulletin.from_dict(json.loads(source.read_text("utf-8"))))
    err = run.stderr.decode("utf-8")
    for warning in expected:
        assert f"提醒：{warning}" in err
    assert err.count("提醒：") == len(expected)
    families = fonts.installed_families()
    if families is not None and fonts._folded("方正小标宋简体") not in families:
        assert any("方正小标宋简体" in warning for warning in expected)


# --- Bylines and subheadings (rule 6), ready for the model that carries them ---------------


def test_bylines_and_subheadings_get_their_styles_when_the_model_carries_them() -> None:
    from editor.core.export.docx_writer import typeset

    data = with_body_lines(0)
    bulletin = Bulletin.from_dict(data)
    article = bulletin.sections[0].articles[0]
    article.byline = "中共四川省地方志工作办公室党组"  # type: ignore[attr-defined]
    article.paragraphs.insert(1, {"heading": 2, "text": "（一）强化质量意识"})  # type: ignore[arg-type]
    document = typeset(bulletin, load_profile()).document
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["中共四川省地方志工作办公室党组"] == "作者"
    assert styles["（一）强化质量意识"] == "小标题2"
    title_index = [p.text for p in document.paragraphs].index(article.title_lines[0])
    assert document.paragraphs[title_index + 1].text == "中共四川省地方志工作办公室党组"
