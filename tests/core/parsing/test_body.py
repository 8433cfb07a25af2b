"""Sections, articles, attributions, paragraphs and provenance in the body."""

from __future__ import annotations

from editor.core.parsing import parse_text

WRAPPED = """【特别关注】

全省方志馆建设工作推进会

在成都召开

6 月 8 日，全省方志馆建设工作推进会在成都召开。会议总结近年

来全省方志馆建设成效，交流各地经验做法，安排部署下一阶段工

作任务，要求各地加快推进市县两级方志馆建设。

会议指出，方志馆是展示地情、传承文化的重要窗口。各地要把方

志馆建设纳入当地公共文化服务体系统筹推进，加强资源整合，突

出地方特色，提升展陈水平，让方志馆真正成为群众了解家乡、热

—2—

 爱家乡的重要场所。

会议由办党组成员、副主任主持。 （省地方志办）

【市州动态】

绵阳市启动第三轮修志工作

3 月 2 日，绵阳市召开第三轮修志工作动员会，全面启动市县两级

志书编纂工作。会议印发了工作方案，明确了编纂范围、时间节点

和质量要求，要求各承编单位落实人员和经费保障。

(绵阳市史志办)
"""


def test_sections_articles_and_attributions() -> None:
    bulletin = parse_text(WRAPPED)
    assert [s.name for s in bulletin.sections] == ["特别关注", "市州动态"]
    first, second = bulletin.sections[0].articles[0], bulletin.sections[1].articles[0]
    assert first.title == "全省方志馆建设工作推进会\n在成都召开"
    assert first.source == "省地方志办"
    assert first.paragraphs == [
        "6月8日，全省方志馆建设工作推进会在成都召开。会议总结近年来全省方志馆建设成效，"
        "交流各地经验做法，安排部署下一阶段工作任务，要求各地加快推进市县两级方志馆建设。",
        "会议指出，方志馆是展示地情、传承文化的重要窗口。各地要把方志馆建设纳入当地公共文化"
        "服务体系统筹推进，加强资源整合，突出地方特色，提升展陈水平，让方志馆真正成为群众了解"
        "家乡、热爱家乡的重要场所。",
        "会议由办党组成员、副主任主持。",
    ]
    assert second.title == "绵阳市启动第三轮修志工作"
    assert second.source == "绵阳市史志办"
    assert len(second.paragraphs) == 1


def test_page_number_is_dropped_and_reported() -> None:
    bulletin = parse_text(WRAPPED)
    assert all("—2—" not in p for a in bulletin.articles() for p in a.paragraphs)
    skipped = [w for w in bulletin.warnings if w.code == "skipped_line"]
    page_line = WRAPPED.split("\n").index("—2—") + 1
    assert [(w.line, w.message) for w in skipped] == [(page_line, "已略去页码：—2—")]


def test_spans_point_at_the_source_lines() -> None:
    bulletin = parse_text(WRAPPED)
    lines = WRAPPED.split("\n")
    spans = bulletin.spans
    assert spans["sections[0].name"] == [(1, 1)]
    assert spans["sections[0].articles[0].title"] == [(3, 5)]
    first, last = spans["sections[0].articles[0].paragraphs[1]"][0]
    assert lines[first - 1].startswith("会议指出")
    assert lines[last - 1].strip() == "爱家乡的重要场所。"
    glued = next(i for i, ln in enumerate(lines, 1) if ln.endswith("（省地方志办）"))
    own = lines.index("(绵阳市史志办)") + 1
    assert spans["sections[0].articles[0].source"] == [(glued, glued)]
    assert spans["sections[1].articles[0].source"] == [(own, own)]


def test_typed_text_one_paragraph_per_line_with_split_title() -> None:
    text = (
        "省地方志办召开年鉴编纂培训会 部署2023年度综合年鉴编纂工作\n"
        "3月8日，省地方志办召开全省年鉴编纂培训会，来自各市（州）的80余名编辑参加培训。\n"
        "培训邀请专家围绕框架设计、条目编写、图片选用等内容授课。学员普遍反映收获很大，"
        "表示将把所学运用到实际工作中，不断提高年鉴编纂质\n"
        "量。\n"
        "会议要求：\n"
        "一是严把政治关；\n"
        "二是严把质量关。\n"
    )
    article = parse_text(text).sections[0].articles[0]
    assert article.title == "省地方志办召开年鉴编纂培训会\n部署2023年度综合年鉴编纂工作"
    assert article.paragraphs == [
        "3月8日，省地方志办召开全省年鉴编纂培训会，来自各市（州）的80余名编辑参加培训。",
        "培训邀请专家围绕框架设计、条目编写、图片选用等内容授课。学员普遍反映收获很大，"
        "表示将把所学运用到实际工作中，不断提高年鉴编纂质量。",
        "会议要求：",
        "一是严把政治关；",
        "二是严把质量关。",
    ]
    assert article.source is None


def test_articles_without_attributions_are_split_at_title_blocks() -> None:
    text = (
        "省地方志办召开党组会议\n"
        "1月5日，省地方志办召开党组会议，传达学习有关会议精神，研究部署近期重点工作任务。"
        "会议要求全办干部职工提高站位，狠抓落实。\n"
        "会议由党组书记主持。\n"
        "省方志馆开展春节主题展览\n"
        "春节期间，省方志馆推出“方志里的年味”主题展览，展出旧志中记载的年俗资料百余件，"
        "吸引了众多市民参观。\n"
    )
    bulletin = parse_text(text)
    titles = [a.title for a in bulletin.articles()]
    assert titles == ["省地方志办召开党组会议", "省方志馆开展春节主题展览"]
    assert any(w.code == "article_inferred" for w in bulletin.warnings)


def test_glued_attribution_needs_an_office_name() -> None:
    """A closing parenthesis that is not an office stays in the paragraph."""
    text = (
        "标题\n会议审议通过了年度工作要点和考核办法，对全年工作作出部署。（完）\n（省地方志办）\n"
    )
    article = parse_text(text).sections[0].articles[0]
    assert article.paragraphs == [
        "会议审议通过了年度工作要点和考核办法，对全年工作作出部署。（完）"
    ]
    assert article.source == "省地方志办"


def test_unbalanced_brackets_do_not_confuse_the_parser() -> None:
    text = "【特别关注\n标题（未闭合\n正文里有“没有闭合的引号和《书名号。\n（省地方志办\n"
    bulletin = parse_text(text)
    article = bulletin.sections[0].articles[0]
    assert bulletin.sections[0].name is None
    assert "正文里有“没有闭合的引号和《书名号。" in article.paragraphs
