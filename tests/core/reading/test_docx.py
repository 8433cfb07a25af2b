"""DOCX input: the exporter's own files and bulletins typed in Word by hand."""

from __future__ import annotations

import functools
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from support.compare import differences
from support.producers import CLERKS, Clerk, clerk_docx
from support.reading_inputs import (
    W_NS,
    assert_plain,
    document_xml,
    docx_parts,
    minimal_docx,
    paragraph,
    patch_entry,
    relationships,
    style_chain_docx,
    tiny_paragraphs_docx,
    zip_bytes,
)
from support.structured import (
    TEXT_VARIANTS,
    printable,
    render_structured,
    structured_bulletins,
)

from editor.core.errors import InputError
from editor.core.export import docx_bytes
from editor.core.limits import MAX_FILE_BYTES, MAX_STYLE_DEPTH, MAX_XML_BYTES, Budget
from editor.core.model import Article, Bulletin, Masthead, Section, Subheading
from editor.core.parsing import parse_file
from editor.core.parsing.lines import LineHint
from editor.core.reading.docx import MAX_PARTS, read_docx


def test_exported_bulletin_reads_back_to_itself(
    tmp_path: Path, fixture_bulletin: dict[str, Any]
) -> None:
    path = tmp_path / "exported.docx"
    path.write_bytes(docx_bytes(Bulletin.from_dict(fixture_bulletin), draft=True))
    assert differences(fixture_bulletin, parse_file(path).to_dict()) == []


def typed_by_hand(path: Path, *, indent_by_spaces: bool, recipients_in_table: bool) -> None:
    """A bulletin the way an office clerk types it in Word."""
    doc = Document()
    for text in ("四川省地方志工作简报", "第 7 期（总第 388 期）"):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("四川省地方志工作办公室\t\t\t2023年4月10日")
    doc.add_paragraph("【工作动态】")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("全省地方志系统业务培训班")
    run.add_break()
    title.add_run("在雅安举办")
    paragraphs = [
        "4月6日至8日，全省地方志系统业务培训班在雅安举办，各市（州）地方志工作机构业务骨干120余人参加培训。",
        "培训班邀请专家围绕志书编纂规范、年鉴条目写作、地情资源开发等内容授课，并组织学员开展分组讨论",
        "和现场教学。",
        "学员们表示，培训内容紧贴工作实际，进一步提升了业务能力。",
    ]
    for text in paragraphs:
        if indent_by_spaces:
            doc.add_paragraph("\u3000\u3000" + text if not text.startswith("和") else text)
        else:
            p = doc.add_paragraph(text)
            if not text.startswith("和"):
                p.paragraph_format.first_line_indent = Pt(32)
    doc.add_paragraph("（省地方志办）").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("信息公开选项：主动公开")
    recipients = [("报：", "省委办公厅，省政府办公厅。"), ("发：", "各市（州）地方志工作机构。")]
    if recipients_in_table:
        table = doc.add_table(rows=0, cols=2)
        for label, value in recipients:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    else:
        for label, value in recipients:
            doc.add_paragraph(label + value)
    doc.add_paragraph("四川省地方志工作办公室综合处\t2023年4月11日印发")
    doc.add_paragraph("（共印30份）")
    doc.save(str(path))


@pytest.mark.parametrize("indent_by_spaces", [True, False], ids=["spaces", "paragraph-format"])
@pytest.mark.parametrize("recipients_in_table", [True, False], ids=["table", "paragraphs"])
def test_bulletin_typed_in_word(
    tmp_path: Path, indent_by_spaces: bool, recipients_in_table: bool
) -> None:
    path = tmp_path / "typed.docx"
    typed_by_hand(path, indent_by_spaces=indent_by_spaces, recipients_in_table=recipients_in_table)
    bulletin = parse_file(path)
    m = bulletin.masthead
    assert (m.name, m.issue, m.total_issue, m.issuer, m.date) == (
        "四川省地方志工作简报",
        7,
        388,
        "四川省地方志工作办公室",
        "2023-04-10",
    )
    (section,) = bulletin.sections
    assert section.name == "工作动态"
    (article,) = section.articles
    assert article.title == "全省地方志系统业务培训班\n在雅安举办"
    assert article.paragraphs == [
        "4月6日至8日，全省地方志系统业务培训班在雅安举办，各市（州）地方志工作机构业务骨干120余人参加培训。",
        "培训班邀请专家围绕志书编纂规范、年鉴条目写作、地情资源开发等内容授课，并组织学员开展分组讨论和现场教学。",
        "学员们表示，培训内容紧贴工作实际，进一步提升了业务能力。",
    ]
    assert article.source == "省地方志办"
    imprint = bulletin.imprint
    assert imprint.report_to == "省委办公厅，省政府办公厅。"
    assert imprint.distribute_to == "各市（州）地方志工作机构。"
    assert (imprint.printer, imprint.print_date, imprint.copies) == (
        "四川省地方志工作办公室综合处",
        "2023-04-11",
        30,
    )


def test_manual_line_breaks_inside_a_paragraph_do_not_split_it(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("标题").alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    p.add_run("第一句话写完了。")
    p.add_run().add_break()
    p.add_run("第二句话仍在同一段。")
    path = tmp_path / "br.docx"
    doc.save(str(path))
    article = parse_file(path).sections[0].articles[0]
    assert article.paragraphs == ["第一句话写完了。第二句话仍在同一段。"]


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("这不是 Word 文档", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的 Word 文档"):
        read_docx(path)


def test_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"缺少 word/document\.xml"):
        read_docx(path)


def test_too_many_parts_is_refused_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(MAX_PARTS + 1):
            archive.writestr(f"x/{index}.xml", "<a/>")
    with pytest.raises(InputError, match="部件过多"):
        read_docx(path)


def test_huge_uncompressed_size_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (210 * 1024 * 1024) + b"</a>")
    with pytest.raises(InputError, match="解压后过大"):
        read_docx(path)


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".txt"])
def test_a_kept_copy_is_reported_under_the_name_it_arrived_with(
    tmp_path: Path, suffix: str
) -> None:
    """The archive parses its copy of an original; the message names the inbox file."""
    copy = tmp_path / f"0123abcd{suffix}"
    data = bytes(range(256)) * 4
    copy.write_bytes(data)
    with pytest.raises(InputError) as raised:
        parse_file(copy, source="收件箱/第9期" + suffix, data=data)
    assert raised.value.source == "收件箱/第9期" + suffix
    assert "0123abcd" not in str(raised.value)


# --- Read from bytes, within a budget ---------------------------------------------------------


def test_read_docx_reads_the_bytes_it_is_given(tmp_path: Path) -> None:
    data = minimal_docx(paragraph("标题", '<w:jc w:val="center"/>') + paragraph("正文"))
    text = read_docx(tmp_path / "从未写出.docx", data=data)
    assert text.text == "标题\n正文"
    assert text.hints[1].align == "center"


def test_parse_file_hands_the_docx_bytes_to_the_reader(tmp_path: Path) -> None:
    """ingest reads a file once and passes its bytes: the path itself need not exist."""
    data = minimal_docx(paragraph("【工作动态】") + paragraph("标题") + paragraph("正文一段。"))
    bulletin = parse_file(tmp_path / "收件箱副本.docx", data=data)
    assert bulletin.articles()[0].paragraphs == ["正文一段。"]


def test_lines_count_into_the_budget(tmp_path: Path) -> None:
    data = minimal_docx("".join(paragraph(f"第{i}段") for i in range(4)))
    with pytest.raises(InputError, match="段落或行数过多"):
        read_docx("x.docx", data=data, budget=Budget("x.docx", lines=3))
    with pytest.raises(InputError, match="文字过多"):
        read_docx("x.docx", data=data, budget=Budget("x.docx", chars=10))
    assert read_docx("x.docx", data=data, budget=Budget("x.docx", lines=4)).text.count("第") == 4


def test_the_deadline_is_checked_while_reading(tmp_path: Path) -> None:
    data = minimal_docx(paragraph("正文"))
    with pytest.raises(InputError, match="超时"):
        read_docx("x.docx", data=data, budget=Budget("x.docx", seconds=0.0))


def test_given_bytes_over_the_size_limit_are_refused() -> None:
    data = b"PK\x03\x04" + bytes(MAX_FILE_BYTES)
    with pytest.raises(InputError, match="文件过大"):
        read_docx("大.docx", data=data)


def test_200_000_tiny_paragraphs_are_refused_quickly() -> None:
    """A 500 KB file of tiny paragraphs: 100,000 lines is no bulletin (python-docx took minutes)."""
    data = tiny_paragraphs_docx(200_000)
    started = time.monotonic()
    with pytest.raises(InputError, match="段落或行数过多"):
        parse_file("小段落.docx", data=data)
    assert time.monotonic() - started < 5


def test_a_50_000_deep_style_chain_is_read_quickly() -> None:
    """Each style's chain is followed once, and only MAX_STYLE_DEPTH deep."""
    data = style_chain_docx(50_000, paragraphs=1_000)
    started = time.monotonic()
    text = read_docx("样式链.docx", data=data)
    assert time.monotonic() - started < 3
    assert text.text.count("\n") == 999
    assert not any(hint.align for hint in text.hints.values())  # the centring is too deep


def test_a_style_chain_within_the_depth_limit_is_followed() -> None:
    data = style_chain_docx(MAX_STYLE_DEPTH - 1, paragraphs=3)
    assert [hint.align for hint in read_docx("x.docx", data=data).hints.values()] == ["center"] * 3


def test_a_style_loop_ends() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="a"><w:basedOn w:val="b"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="b"><w:basedOn w:val="a"/>'
        '<w:pPr><w:jc w:val="right"/></w:pPr></w:style>'
    )
    data = minimal_docx(paragraph("署名", '<w:pStyle w:val="a"/>'), styles)
    assert read_docx("x.docx", data=data).hints[1].align == "right"


@pytest.mark.parametrize(
    ("ind", "indent"),
    [
        ('w:firstLineChars="99999999999999999999999"', None),
        ('w:firstLineChars="²"', None),
        ('w:firstLine="-1e999"', None),
        ('w:firstLine="999999"', 100),
        ('w:firstLineChars="-200"', 0),
    ],
)
def test_odd_indents_are_ignored_or_kept_within_a_page(ind: str, indent: int | None) -> None:
    data = minimal_docx(paragraph("正文", f"<w:ind {ind}/>"))
    hint = read_docx("x.docx", data=data).hints.get(1, LineHint())
    assert hint.indent == indent


# --- Broken and foreign files: every one an InputError in plain Chinese ------------------------


def with_document(document: bytes) -> bytes:
    parts = docx_parts(paragraph("正文"))
    parts["word/document.xml"] = document
    return zip_bytes(parts)


def without(part: str, body: str = paragraph("正文")) -> bytes:
    parts = docx_parts(body, styles="")
    del parts[part]
    return zip_bytes(parts)


def nested_tables(depth: int) -> str:
    return "<w:tbl><w:tr><w:tc>" * depth + paragraph("深处") + "</w:tc></w:tr></w:tbl>" * depth


BROKEN = {
    "no body": (
        with_document(f'<w:document xmlns:w="{W_NS}"><w:p/></w:document>'.encode()),
        "Word 文档内容不完整（缺少正文部分）",
    ),
    "wrong root": (with_document(document_xml(paragraph("正文"), root="w:html")), "根元素不对"),
    "html": (with_document(b"<html><body><p>x</p></body></html>"), "根元素不对"),
    "strict": (
        with_document(
            document_xml(paragraph("正文")).replace(
                W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"
            )
        ),
        "严格 Open XML",
    ),
    "invalid xml": (
        with_document(b'<?xml version="1.0"?>\n<w:document>\n<w:body></w:document>'),
        "Word 文档的 XML 已损坏（正文部分第 2 行）",
    ),
    "empty xml": (with_document(b""), "Word 文档的 XML 已损坏（正文部分是空的或不完整）"),
    "nul bytes": (with_document(bytes(5000)), "Word 文档的 XML 已损坏"),
    "invalid utf-8": (with_document(document_xml(paragraph("正文")) + b"\xff\xfe"), "XML 已损坏"),
    "nested 300 deep": (with_document(document_xml(nested_tables(300))), "嵌套过深"),
    "doctype": (
        with_document(
            document_xml(paragraph("x"), prolog='<!DOCTYPE w:document [<!ENTITY a "b">]>')
        ),
        "文档类型声明",
    ),
    "doctype in styles": (
        zip_bytes(
            {
                **docx_parts(paragraph("正文"), styles=""),
                "word/styles.xml": b'<!DOCTYPE s SYSTEM "http://127.0.0.1:9/x.dtd"><s/>',
            }
        ),
        "样式部分的 XML 含有文档类型声明",
    ),
    "broken styles": (
        zip_bytes({**docx_parts(paragraph("正文"), styles=""), "word/styles.xml": b"<w:styles"}),
        "XML 已损坏（样式部分",
    ),
    "no document but content types": (without("word/document.xml"), "缺少 word/document.xml"),
    "encrypted entry": (
        patch_entry(minimal_docx(paragraph("正文")), "word/document.xml", flags=1),
        "Word 文档的正文部分已加密",
    ),
    "compression method 99": (
        patch_entry(minimal_docx(paragraph("正文")), "word/document.xml", method=99),
        "不支持的压缩方式",
    ),
    "bad crc": (
        patch_entry(minimal_docx(paragraph("正文")), "word/document.xml", crc=0xDEADBEEF),
        "Word 文档已损坏（正文部分无法解压）",
    ),
    "old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "旧版 Word 文档"),
    "encrypted docx": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le"),
        "Word 文档已加密",
    ),
    "pdf": (b"%PDF-1.7\n" + bytes(100), "这是 PDF 文件"),
    "huge paragraph": (
        minimal_docx("<w:p>" + "<w:r><w:br/></w:r>" * 500_000 + "</w:p>"),
        "过于庞大",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_docx_says_why(case: str) -> None:
    data, reason = BROKEN[case]
    with pytest.raises(InputError) as raised:
        parse_file("坏.docx", data=data)
    assert reason in assert_plain(raised.value.reason)
    assert raised.value.source == "坏.docx"


def test_an_xml_part_claiming_more_than_the_limit_is_refused_before_reading() -> None:
    parts = docx_parts(paragraph("正文"))
    parts["word/document.xml"] = document_xml(" " * (MAX_XML_BYTES + 1))
    with pytest.raises(InputError, match="正文部分解压后过大（32 MB，上限 32 MB）"):
        read_docx("x.docx", data=zip_bytes(parts))


@pytest.mark.parametrize("target", ["word/nothing.xml", "../../../../etc/passwd", "_rels/.rels"])
def test_the_main_part_is_found_by_its_relationship(target: str) -> None:
    """A missing or escaping target falls back to word/document.xml; the rels are no document."""
    parts = docx_parts(paragraph("正文"))
    parts["_rels/.rels"] = relationships(("officeDocument", target))
    if target == "_rels/.rels":
        with pytest.raises(InputError, match="根元素不对"):
            read_docx("x.docx", data=zip_bytes(parts))
    else:
        assert read_docx("x.docx", data=zip_bytes(parts)).text == "正文"
    parts["_rels/.rels"] = relationships(("officeDocument", "/word/main.xml"))
    parts["word/main.xml"] = document_xml(paragraph("主文档"))
    assert read_docx("x.docx", data=zip_bytes(parts)).text == "主文档"


def test_text_in_entities_and_xinclude_is_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    xinclude = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}"'
        ' parse="text"/>'
    )
    data = minimal_docx(f"<w:p><w:r><w:t>公开{xinclude}</w:t></w:r></w:p>")
    assert read_docx("x.docx", data=data).text == "公开"


@functools.cache
def real_docx() -> bytes:
    """A bulletin typed in Word (python-docx: every part Word writes, styles and all)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "typed.docx"
        typed_by_hand(path, indent_by_spaces=False, recipients_in_table=True)
        return path.read_bytes()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_damaged_docx_is_read_or_refused_never_crashes(data: st.DataObject) -> None:
    """Bytes flipped or cut anywhere in a real DOCX: a text or an InputError, nothing else."""
    raw = bytearray(real_docx())
    for _ in range(data.draw(st.integers(1, 20))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    try:
        read_docx("x.docx", data=bytes(raw[:cut]))
    except InputError as err:
        assert_plain(err.reason)


def test_a_title_the_export_broke_reads_back_as_the_line_the_editor_gave(tmp_path: Path) -> None:
    """Breaks the typesetter adds inside a 文章标题 paragraph are not the editor's lines."""
    from editor.core.export import docx_bytes
    from editor.core.model import Article, Bulletin, Masthead, Section
    from editor.core.parsing import parse_file

    long_line = "四川省地方志工作办公室召开2022年全省年鉴编纂工作推进会暨业务培训会"
    given = f"关于做好年鉴工作的通知\n{long_line}"
    bulletin = Bulletin(masthead=Masthead(name="四川省地方志工作简报", issue=3))
    bulletin.sections = [Section("工作动态", [Article(title=given, paragraphs=["正文。"])])]
    path = tmp_path / "长标题.docx"
    path.write_bytes(docx_bytes(bulletin, draft=True))
    assert "<w:br/>" in zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    (article,) = parse_file(path).articles()
    assert article.title == given


# --- Bylines and subheadings ------------------------------------------------------------------

STRUCTURED = structured_bulletins()
STRUCTURED_IDS = [name for name, _ in STRUCTURED]


@pytest.mark.parametrize("bulletin", [b for _, b in STRUCTURED], ids=STRUCTURED_IDS)
def test_exported_bylines_and_subheadings_read_back(
    tmp_path: Path, bulletin: dict[str, Any]
) -> None:
    """parse(export(b)) == b, with the byline and every subheading level."""
    path = tmp_path / "exported.docx"
    path.write_bytes(docx_bytes(Bulletin.from_dict(bulletin), draft=True))
    assert differences(bulletin, parse_file(path).to_dict()) == []


@pytest.mark.parametrize("clerk", CLERKS, ids=[f"clerk{i}" for i in range(len(CLERKS))])
def test_bylines_and_subheadings_typed_in_word(tmp_path: Path, clerk: Clerk) -> None:
    """A blank document: a centred title, the byline under it, headings bold or not."""
    for name, bulletin in STRUCTURED:
        path = tmp_path / f"{name}.docx"
        clerk_docx(bulletin, clerk).save(str(path))
        assert differences(bulletin, parse_file(path).to_dict()) == [], name


def exported_lines(tmp_path: Path, article: Article) -> tuple[list[str], dict[int, LineHint]]:
    bulletin = Bulletin(masthead=Masthead(name="四川省地方志工作简报", issue=5))
    bulletin.sections = [Section("经验交流", [article])]
    path = tmp_path / "styled.docx"
    path.write_bytes(docx_bytes(bulletin, draft=True))
    read = read_docx(path)
    return read.text.split("\n"), read.hints


def test_the_styles_say_what_a_paragraph_is(tmp_path: Path) -> None:
    article = Article(
        title="用好地情资源",
        byline="泸州市地方志办公室\n王立新",
        paragraphs=[
            "近年来，泸州市探索形成了一体推进的工作模式。",
            *[Subheading(level, f"第{level}级小标题") for level in (1, 2, 3, 4)],
            "下一步，泸州市将继续深化地情资源开发利用。",
        ],
        source="泸州市地方志办",
    )
    lines, hints = exported_lines(tmp_path, article)
    roles = {
        line: (hints[n].role, hints[n].heading) for n, line in enumerate(lines, 1) if n in hints
    }
    assert roles["用好地情资源"] == ("title", None)
    assert roles["泸州市地方志办公室"] == ("byline", None)
    assert roles["王立新"] == ("byline", None)
    assert hints[lines.index("王立新") + 1].soft
    assert [roles[f"第{level}级小标题"] for level in (1, 2, 3, 4)] == [
        ("heading", level) for level in (1, 2, 3, 4)
    ]
    assert roles["下一步，泸州市将继续深化地情资源开发利用。"] == ("body", None)


def test_the_style_wins_over_the_words(tmp_path: Path) -> None:
    """A heading with a full stop, a body paragraph shaped like a heading, a byline
    that reads like a title: each comes back as the exporter set it."""
    article = Article(
        title="省地方志办召开读书分享会",
        byline="在成都举办",
        paragraphs=[
            Subheading(1, "一、读好书。"),
            "二、谈体会",
            "青年干部分享读书心得。",
            Subheading(2, "结语"),
            "活动由办机关党委主持。",
        ],
        source="省地方志办",
    )
    bulletin = Bulletin(masthead=Masthead(name="四川省地方志工作简报", issue=5))
    bulletin.sections = [Section("工作动态", [article])]
    path = tmp_path / "styled.docx"
    path.write_bytes(docx_bytes(bulletin, draft=True))
    (got,) = parse_file(path).articles()
    assert (got.title, got.byline, got.paragraphs, got.source) == (
        article.title,
        article.byline,
        article.paragraphs,
        article.source,
    )


def test_normal_named_zhengwen_is_no_role() -> None:
    """Word and WPS show Normal as 正文: a style of that name says nothing about a paragraph."""
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="正文"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="作者"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="a6"><w:name w:val="小标题2"/></w:style>'
    )
    body = (
        paragraph("标题")
        + paragraph("张三", '<w:pStyle w:val="a5"/>')
        + paragraph("（一）小标题", '<w:pStyle w:val="a6"/>')
        + paragraph("正文。")
    )
    read = read_docx("styles.docx", data=minimal_docx(body, styles))
    assert [
        (read.hints.get(n, LineHint()).role, read.hints.get(n, LineHint()).heading)
        for n in range(1, 5)
    ] == [
        (None, None),
        ("byline", None),
        ("heading", 2),
        (None, None),
    ]


@pytest.mark.parametrize("name", [n for n, _ in STRUCTURED if printable(n)])
def test_text_to_json_to_docx_parses_to_the_same_bulletin(tmp_path: Path, name: str) -> None:
    """What the desk does: parse extracted text, export the bulletin, read the export."""
    rendering = render_structured(dict(STRUCTURED)[name], TEXT_VARIANTS["pdf-56"])
    parsed = parse_file(tmp_path / "extracted.txt", data=rendering.data)
    path = tmp_path / "exported.docx"
    path.write_bytes(docx_bytes(Bulletin.from_json(parsed.to_json()), draft=True))
    again = parse_file(path)
    assert again.content_dict() == parsed.content_dict()
    assert any(a.byline for a in again.articles())
