"""DOCX input: the exporter's own files and bulletins typed in Word by hand."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from support.compare import differences

from editor.core.errors import InputError
from editor.core.export import docx_bytes
from editor.core.model import Bulletin
from editor.core.parsing import parse_file
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
