"""PDF input read from the layout itself: LibreOffice-made PDFs, other typesetting, bad PDFs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from support.compare import differences
from support.pdfs import NO_TEXT_PDF
from support.rendering import fontconfig, render_pdf, require

from editor.core.errors import InputError
from editor.core.export import docx_bytes
from editor.core.model import Bulletin
from editor.core.parsing import parse_file
from editor.core.reading.pdf import read_pdf

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bulletins"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.json"))


@pytest.fixture(scope="module")
def exported_pdfs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[dict[str, Any], Path]]:
    """Every fixture exported to DOCX and printed to PDF by LibreOffice."""
    folder = tmp_path_factory.mktemp("pdf")
    conf = fontconfig(folder / "fc")
    out = {}
    for name in NAMES:
        data = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
        docx = folder / f"{name}.docx"
        docx.write_bytes(docx_bytes(Bulletin.from_dict(data), draft=True))
        out[name] = (data, render_pdf(docx, conf))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_exported_pdf_parses_back_to_the_bulletin(
    exported_pdfs: dict[str, tuple[dict[str, Any], Path]], name: str
) -> None:
    data, pdf = exported_pdfs[name]
    assert differences(data, parse_file(pdf).to_dict()) == []


def test_page_numbers_and_headers_are_not_text(
    exported_pdfs: dict[str, tuple[dict[str, Any], Path]],
) -> None:
    _data, pdf = exported_pdfs["two_columns_three_articles"]
    text = read_pdf(pdf)
    assert text.pages >= 2
    assert "草稿" not in text.text  # the draft mark in the header
    assert not any(line.strip().startswith("—") for line in text.text.split("\n"))
    first_page_lines = [n for n, box in text.boxes.items() if box[0] == 0]
    assert first_page_lines


def hand_typeset(path: Path) -> None:
    """A bulletin set by hand in another style: 宋体 小四, narrower page, bold titles, no red."""
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Mm(35)
    section.top_margin = Mm(30)

    def para(
        text: str, *, size: float, align: Any = None, indent: bool = False, bold: bool = False
    ) -> None:
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = "宋体"
        run._r.get_or_add_rPr().get_or_add_rFonts().set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "宋体"
        )
        run.font.color.rgb = RGBColor(0, 0, 0)

    para("四川省地方志办政工简讯", size=26, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    para("第 21 期（总第 96 期）", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    para("四川省地方志工作办公室　　　　　　　　　　2023年11月3日", size=12)
    para("【党建工作】", size=12)
    para("机关党委开展主题党日活动", size=18, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    body = [
        "11月1日，机关党委组织党员干部到红军长征纪念馆开展主题党日活动，重温入党誓词，"
        "接受革命传统教育。全体党员认真听取讲解，深入了解红军长征在四川的光辉历程。",
        "活动结束后，各支部结合修志编鉴工作交流体会，表示要把长征精神转化为推动地方志事业"
        "高质量发展的实际行动，以更加饱满的热情做好各项工作。",
        "机关党委书记对活动作了总结。",
    ]
    for text in body:
        para(text, size=12, indent=True)
    para("（机关党委）", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para("信息公开选项：主动公开", size=10.5)
    para("报：省直机关工委。", size=10.5)
    para("发：机关各处，四川年鉴社。", size=10.5)
    para("四川省地方志工作办公室综合处　　　　　　　　2023年11月3日印发", size=10.5)
    doc.save(str(path))


def test_a_pdf_typeset_differently_parses_as_well(tmp_path: Path) -> None:
    docx = tmp_path / "hand.docx"
    hand_typeset(docx)
    pdf = render_pdf(docx, fontconfig(tmp_path / "fc"))
    bulletin = parse_file(pdf)
    m = bulletin.masthead
    assert (m.name, m.issue, m.total_issue, m.issuer, m.date) == (
        "四川省地方志办政工简讯",
        21,
        96,
        "四川省地方志工作办公室",
        "2023-11-03",
    )
    (section,) = bulletin.sections
    assert section.name == "党建工作"
    (article,) = section.articles
    assert article.title == "机关党委开展主题党日活动"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("11月1日，机关党委组织")
    assert article.paragraphs[0].endswith("光辉历程。")
    assert article.source == "机关党委"
    assert bulletin.imprint.print_date == "2023-11-03"
    assert bulletin.imprint.printer == "四川省地方志工作办公室综合处"


def test_scanned_pdf_without_text_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(NO_TEXT_PDF)
    with pytest.raises(InputError, match="扫描件 PDF，没有文字层"):
        read_pdf(path)


def test_corrupt_pdf_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="PDF"):
        read_pdf(path)


def test_encrypted_pdf_fails_clearly(
    tmp_path: Path, exported_pdfs: dict[str, tuple[dict[str, Any], Path]]
) -> None:
    qpdf = require("qpdf")
    _data, plain = exported_pdfs["short_paragraphs"]
    locked = tmp_path / "locked.pdf"
    subprocess.run(
        [qpdf, "--encrypt", "secret", "owner", "256", "--", str(plain), str(locked)], check=True
    )
    with pytest.raises(InputError, match="已加密"):
        read_pdf(locked)


def test_page_limit(exported_pdfs: dict[str, tuple[dict[str, Any], Path]]) -> None:
    _data, pdf = exported_pdfs["two_columns_three_articles"]
    with pytest.raises(InputError, match="页数过多"):
        read_pdf(pdf, max_pages=1)


def test_time_limit(exported_pdfs: dict[str, tuple[dict[str, Any], Path]]) -> None:
    _data, pdf = exported_pdfs["two_columns_three_articles"]
    with pytest.raises(InputError, match="超时"):
        read_pdf(pdf, max_seconds=0.0)
