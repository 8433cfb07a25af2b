"""Bylines, subheadings, web copies and long one-line titles, in every rendering.

The fixtures (tests/fixtures/bulletins/structured) are the developers' own 综述 and
经验交流 articles: an office, a person or both under the title; subheadings of
every level and unnumbered ones; numbered clauses that are body text; a web copy
punctuated half-width. Each is rendered the ways extracted and typed text arrive
(:data:`support.structured.TEXT_VARIANTS`), with titles on one line wider than a
body line, and as a web page's copy, and must parse back to itself.
"""

from __future__ import annotations

from typing import Any

import pytest
from support.compare import differences
from support.render import text_width
from support.structured import (
    TEXT_VARIANTS,
    WIDE_TITLES,
    printable,
    render_structured,
    structured_bulletins,
    web_copy,
)

from editor.core.model import Subheading, paragraph_text
from editor.core.parsing import parse_text
from editor.core.parsing.lines import split_lines
from editor.core.parsing.patterns import heading_number_level
from editor.core.reading.text import decode_bytes

BULLETINS = structured_bulletins()
PRINTABLE = [(name, b) for name, b in BULLETINS if printable(name)]


def parse_rendering(data: bytes) -> dict[str, Any]:
    return parse_text(decode_bytes(data, "fixture").text).to_dict()


@pytest.mark.parametrize("variant", TEXT_VARIANTS.values(), ids=TEXT_VARIANTS.keys())
@pytest.mark.parametrize("bulletin", [b for _, b in PRINTABLE], ids=[n for n, _ in PRINTABLE])
def test_rendering_parses_back(bulletin: dict[str, Any], variant: Any) -> None:
    rendering = render_structured(bulletin, variant)
    got = parse_rendering(rendering.data)
    assert differences(bulletin, got, rendering.ambiguous) == []


@pytest.mark.parametrize("bulletin", [b for _, b in PRINTABLE], ids=[n for n, _ in PRINTABLE])
def test_titles_wider_than_a_body_line_are_titles(bulletin: dict[str, Any]) -> None:
    rendering = render_structured(bulletin, WIDE_TITLES, wide_titles=True)
    assert differences(bulletin, parse_rendering(rendering.data), rendering.ambiguous) == []


@pytest.mark.parametrize("lose_stops", [True, False], ids=["stops-lost", "stops-kept"])
@pytest.mark.parametrize("bulletin", [b for _, b in BULLETINS], ids=[n for n, _ in BULLETINS])
def test_web_copy_parses_back(bulletin: dict[str, Any], lose_stops: bool) -> None:
    text, stated = web_copy(bulletin, lose_stops=lose_stops)
    assert differences(stated, parse_text(text).to_dict()) == []


def test_the_material_has_what_it_claims() -> None:
    """Guard against fixtures or renderers that silently lose what they test."""
    articles = [a for _, b in BULLETINS for s in b["sections"] for a in s["articles"]]
    bylines = [a["byline"] for a in articles if a.get("byline")]
    levels = {p["heading"] for a in articles for p in a["paragraphs"] if isinstance(p, dict)}
    assert levels == {1, 2, 3, 4}
    assert any("\n" in b for b in bylines)
    assert any(" " in b for b in bylines)
    assert any(len(b) <= 4 for b in bylines)  # a person alone
    unnumbered = [
        p["text"]
        for a in articles
        for p in a["paragraphs"]
        if isinstance(p, dict) and "——" in p["text"]
    ]
    assert len(unnumbered) >= 3
    clauses = [p for a in articles for p in a["paragraphs"] if isinstance(p, str)]
    assert any(p.startswith("一、") for p in clauses)
    assert any(p.startswith("一是") for p in clauses)
    name, bulletin = PRINTABLE[0]
    wide = render_structured(bulletin, WIDE_TITLES, wide_titles=True).text.splitlines()
    first_title_line = bulletin["sections"][0]["articles"][0]["title"].split("\n")[0]
    title = next(line for line in wide if line.startswith(first_title_line))
    assert text_width(title) > (WIDE_TITLES.width or 0), name
    text, stated = web_copy(dict(BULLETINS)["web_copy_structured"])
    assert "\n\n" in text
    assert "," in text
    lost = [p for s in stated["sections"] for a in s["articles"] for p in a["paragraphs"]]
    assert any(isinstance(p, str) and not p.endswith(("。", "！", "？", "；", "：")) for p in lost)


def test_the_comparison_catches_a_wrong_byline_or_level() -> None:
    _, bulletin = PRINTABLE[0]
    got = parse_rendering(render_structured(bulletin, TEXT_VARIANTS["pdf-56"]).data)
    assert differences(bulletin, got) == []
    article = got["sections"][0]["articles"][0]
    article["byline"] = None
    heading = next(p for p in article["paragraphs"] if isinstance(p, dict))
    heading["heading"] = heading["heading"] % 4 + 1
    assert len(differences(bulletin, got)) == 2


# --- Bylines ----------------------------------------------------------------------------------

ARTICLE = "会议要求，全体干部要把思想和行动统一到会议精神上来，结合岗位抓好落实。\n（省地方志办）\n"


def first_article(text: str) -> Any:
    return parse_text(text).sections[0].articles[0]


@pytest.mark.parametrize(
    ("head", "title", "byline"),
    [
        (
            "省地方志办召开党组会议\n中共四川省地方志工作办公室党组\n",
            "省地方志办召开党组会议",
            "中共四川省地方志工作办公室党组",
        ),
        ("守正创新谱新篇\n王立新\n", "守正创新谱新篇", "王立新"),
        ("守正创新谱新篇\n文/王立新\n", "守正创新谱新篇", "文/王立新"),
        (
            "守正创新谱新篇\n泸州市地方志办公室  王立新\n",
            "守正创新谱新篇",
            "泸州市地方志办公室 王立新",
        ),
        (
            "守正创新谱新篇\n泸州市地方志办公室\n王立新\n",
            "守正创新谱新篇",
            "泸州市地方志办公室\n王立新",
        ),
        # Title lines that end as an event or a verb, or open with an office, are title lines.
        ("全省地方志系统业务培训班\n在雅安举办\n", "全省地方志系统业务培训班\n在雅安举办", None),
        ("全省地方志工作会议\n暨志书编纂动员会\n", "全省地方志工作会议\n暨志书编纂动员会", None),
        ("四川省地方志办\n召开年度工作总结会\n", "四川省地方志办\n召开年度工作总结会", None),
        ("全省年鉴工作会议\n成功举办\n", "全省年鉴工作会议\n成功举办", None),
    ],
)
def test_byline_under_the_title(head: str, title: str, byline: str | None) -> None:
    article = first_article("【工作动态】\n" + head + ARTICLE)
    assert (article.title, article.byline, article.source) == (title, byline, "省地方志办")
    assert len(article.paragraphs) == 1


def test_byline_is_not_taken_for_the_attribution_and_both_are_kept() -> None:
    text = "【经验交流】\n用好地情资源\n张明\n" + ARTICLE + "下一篇文章\n李红\n" + ARTICLE
    first, second = parse_text(text).sections[0].articles
    assert (first.byline, first.source, second.title, second.byline) == (
        "张明",
        "省地方志办",
        "下一篇文章",
        "李红",
    )


def test_byline_span_points_at_its_lines() -> None:
    text = "【经验交流】\n用好地情资源\n泸州市地方志办公室\n王立新\n" + ARTICLE
    bulletin = parse_text(text)
    assert bulletin.spans["sections[0].articles[0].title"] == [(2, 2)]
    assert bulletin.spans["sections[0].articles[0].byline"] == [(3, 4)]
    assert bulletin.spans["sections[0].articles[0].paragraphs[0]"] == [(5, 5)]


# --- Subheadings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、坚持党建引领", 1),
        ("十二、其他", 1),
        ("（二）强化质量意识", 2),
        ("(三)推动展览进基层", 2),
        ("1.省志编纂有序推进", 3),
        ("12、年鉴出版", 3),
        ("（1）开展精品年鉴创建", 4),
        ("一是加强领导", None),
        ("1.2万人次参观", None),
        ("2023年全省工作", None),
        ("（一）", None),
    ],
)
def test_the_number_gives_the_level(text: str, level: int | None) -> None:
    assert heading_number_level(text) == level


TYPED = """【经验交流】
夯实基础 提升质量
眉山市地方志办公室
今年以来，眉山市地方志办坚持质量第一，推动志鉴编纂工作取得新成效。
一、健全制度体系
（一）完善审查制度
实行初审、复审、终审三级审查，确保每部志书质量过硬。
1.明确审查标准
（1）政治标准
坚持正确政治方向，对重大事件和重要人物的记述严格把关。
（2）体例标准
严格按照志书体例编写，做到横分门类、纵述始末。
二、加强队伍建设
定期举办业务培训，全年培训编纂人员300余人次。
（眉山市地方志办）
"""


def test_every_level_of_subheading() -> None:
    article = first_article(TYPED)
    assert article.byline == "眉山市地方志办公室"
    assert [(p.heading, p.text) for p in article.paragraphs if isinstance(p, Subheading)] == [
        (1, "一、健全制度体系"),
        (2, "（一）完善审查制度"),
        (3, "1.明确审查标准"),
        (4, "（1）政治标准"),
        (4, "（2）体例标准"),
        (1, "二、加强队伍建设"),
    ]
    assert len(article.paragraphs) == 11
    assert not any(w.code == "article_inferred" for w in parse_text(TYPED).warnings)


def test_numbered_clauses_that_run_on_are_body_text() -> None:
    text = (
        "【工作动态】\n德阳市部署修志工作\n"
        "6月20日，德阳市召开修志工作会议。\n"
        "一、加强组织领导，压紧压实责任。各县（市、区）要成立领导小组。\n"
        "二、注重成果转化。\n"
        "一是讲好乡村故事，二是留住乡愁记忆。\n"
        "（一）2023年底前完成试点志稿；\n"
        "（二）2024年底前完成首批村志出版。\n"
        "（德阳市地方志办）\n"
    )
    article = first_article(text)
    assert all(isinstance(p, str) for p in article.paragraphs), article.paragraphs
    assert len(article.paragraphs) == 6


def test_a_lone_unnumbered_line_is_a_paragraph_that_lost_its_stop() -> None:
    """Unnumbered subheadings come in sets; one alone stays body text.

    In typed text it runs on into the next line, as any line without a sentence end
    does; in a web copy the blank line after it ends it.
    """
    lines = [
        "【工作动态】",
        "标题一则",
        "第一段正文写完了。",
        "第二段没有句号",
        "第三段正文写完了。",
    ]
    typed = first_article("\n".join([*lines, "（省地方志办）"]))
    assert typed.paragraphs == ["第一段正文写完了。", "第二段没有句号第三段正文写完了。"]
    web = [line.replace("，", ",") for line in [*lines, "(省地方志办)"]]
    web[2] = "会议指出,要抓好落实,确保实效,不走过场。"
    assert first_article("\n\n".join(web)).paragraphs == [
        "会议指出,要抓好落实,确保实效,不走过场。",
        "第二段没有句号",
        "第三段正文写完了。",
    ]


def test_unnumbered_subheadings_do_not_start_articles_before_an_attribution() -> None:
    lines = [
        "【经验交流】",
        "以党建引领修志工作",
        "近年来，我们坚持把党的建设贯穿修志全过程，取得了明显成效。",
        "把牢政治方向——坚持政治建设",
        "坚持“第一议题”制度，全年集中学习24次。",
        "夯实基层基础——推动深度融合",
        "把党小组建在编纂组上，推动党建和业务同部署。",
        "（雅安市地方志办）",
        "省地方志办召开读书分享会",
        "4月23日，省地方志办举办读书分享会，10名青年干部分享读书心得。",
        "（省地方志办）",
    ]
    bulletin = parse_text("\n".join(lines))
    first, second = bulletin.sections[0].articles
    assert [paragraph_text(p) for p in first.paragraphs if isinstance(p, Subheading)] == [
        "把牢政治方向——坚持政治建设",
        "夯实基层基础——推动深度融合",
    ]
    assert second.title == "省地方志办召开读书分享会"
    assert not any(w.code == "article_inferred" for w in bulletin.warnings)


def test_headings_in_wrapped_text_end_their_paragraph() -> None:
    """A PDF's text: the heading lost its indent, the paragraph after it runs on."""
    body = (
        "今年以来，全市地方志系统坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实"
        "党的二十大精神，扎实推进各项工作。"
    )
    lines = [
        "【工作综述】",
        "全市地方志工作综述",
        *[body[i : i + 28] for i in range(0, len(body), 28)],
        "一、强化统筹协调",
        *[body[i : i + 28] for i in range(0, len(body), 28)],
        "二、完善制度体系，夯实工作基础",
        *[body[i : i + 28] for i in range(0, len(body), 28)],
        "（市地方志办）",
    ]
    article = first_article("\n".join(lines))
    assert [paragraph_text(p) for p in article.paragraphs] == [
        body,
        "一、强化统筹协调",
        body,
        "二、完善制度体系，夯实工作基础",
        body,
    ]
    assert [isinstance(p, Subheading) for p in article.paragraphs] == [
        False,
        True,
        False,
        True,
        False,
    ]


# --- Web copies and typed copies of a page ------------------------------------------------------


def test_a_web_copy_breaks_at_blank_lines_even_without_a_full_stop() -> None:
    text = (
        "【工作动态】\n\n自贡市开展方志进校园活动\n\n"
        "10月下旬,自贡市地方志办走进5所中小学,开展主题活动。同学们听得津津有味\n\n"
        "活动中,工作人员讲述了自贡井盐生产的悠久历史,赠送地情书籍300余册。\n\n"
        "(自贡市地方志办)\n"
    )
    article = first_article(text)
    assert article.paragraphs == [
        "10月下旬,自贡市地方志办走进5所中小学,开展主题活动。同学们听得津津有味",
        "活动中,工作人员讲述了自贡井盐生产的悠久历史,赠送地情书籍300余册。",
    ]
    assert article.source == "自贡市地方志办"


def test_a_typeset_pages_copy_joins_across_a_blank_line_without_a_full_stop() -> None:
    """Full-width punctuation: a page's copy, where a page break split a paragraph."""
    first = "10月下旬，自贡市地方志办走进5所中小学，开展主题活动。工作人员以“盐都千年”为主题，"
    text = (
        "【工作动态】\n\n自贡市开展方志进校园活动\n\n"
        f"{first}向学校赠送《自贡年鉴》（2023\n\n"
        "卷）等地情书籍300余册。\n\n"
        "活动中，工作人员讲述了自贡井盐生产的悠久历史，同学们听得津津有味。\n\n"
        "（自贡市地方志办）\n"
    )
    assert first_article(text).paragraphs == [
        f"{first}向学校赠送《自贡年鉴》（2023卷）等地情书籍300余册。",
        "活动中，工作人员讲述了自贡井盐生产的悠久历史，同学们听得津津有味。",
    ]


# --- pdftotext -layout ---------------------------------------------------------------------------

LAYOUT = (
    "【经验交流】\n"
    "\n"
    "  以党建引领推动修志工作高质量发展\n"  # a large title squeezed to the paragraphs' indent
    "   ——在全省地方志工作座谈会上的发言\n"  # its subtitle a column further in
    "         雅安市地方志办公室\n"
    "            陈晓东\n"
    "  近年来，雅安市地方志办公室坚持把党的建设贯穿修志编鉴全过程，以高\n"
    "质量党建引领方志事业高质量发展，先后获评全市“五好”党支部和全省地方\n"
    "志系统先进集体，修志队伍的面貌焕然一新。\n"
    "  把牢政治方向——始终把党的政治建设摆在首位\n"
    "  办党支部坚持“第一议题”制度，全年开展集中学习二十四次，组织专题研讨\n"
    "六次，引导党员干部在修志实践中增强“四个意识”、坚定“四个自信”。\n"
    "\f   夯实基层基础——推动党建与业务深度融合\n"  # a page break, and a column of jitter
    "  支部把党小组建在编纂组上，由业务骨干担任党小组长，做到党员在哪里、组\n"
    "织就覆盖到哪里，推动党建工作与修志任务同部署、同落实、同考核。\n"
    "                                          （雅安市地方志办）\n"
)


def test_pdftotext_layout_title_byline_and_headings() -> None:
    """``-layout`` sets a large centred title where paragraphs begin, its subtitle and
    byline a little further in, and a page break as a form feed before a line."""
    article = first_article(LAYOUT)
    assert article.title == "以党建引领推动修志工作高质量发展\n——在全省地方志工作座谈会上的发言"
    assert article.byline == "雅安市地方志办公室\n陈晓东"
    assert [p.text for p in article.paragraphs if isinstance(p, Subheading)] == [
        "把牢政治方向——始终把党的政治建设摆在首位",
        "夯实基层基础——推动党建与业务深度融合",
    ]
    assert len(article.paragraphs) == 5
    assert article.source == "雅安市地方志办"


def test_a_form_feed_does_not_hide_the_lead_after_it() -> None:
    """pdftotext starts each page with a form feed; the spaces after it are the line's lead."""
    lines, _ = split_lines("  第一页的一行。\n\f    第二页的一行。\n")
    assert [line.lead for line in lines] == [2, 4]
