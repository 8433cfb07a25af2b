"""PDF input read from the layout itself: LibreOffice-made PDFs, other typesetting, bad PDFs."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from hypothesis import given, settings
from hypothesis import strategies as st
from support.compare import differences
from support.pdfs import NO_TEXT_PDF
from support.producers import two_font_pdf
from support.reading_inputs import (
    assert_plain,
    dense_page_pdf,
    flate_bomb_pdf,
    image_page_pdf,
    pdf_bytes,
    text_lines,
    text_pdf,
    unicode_pdf,
)
from support.rendering import fontconfig, render_pdf, require

from editor.core.errors import InputError
from editor.core.export import docx_bytes
from editor.core.limits import MAX_PDF_PAGES, Budget
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


# --- Characters outside the BMP -------------------------------------------------------------

RARE = "生僻字𠀀（U+20000）与表情😀、麻将🀄同在一行。"


def test_characters_outside_the_bmp_printed_by_libreoffice(tmp_path: Path) -> None:
    """PDFium gives UTF-16 halves; joined, the bulletin encodes as JSON and UTF-8."""
    doc = Document()
    for text in ("四川省地方志工作简报", "【工作动态】", "标题", RARE):
        doc.add_paragraph(text)
    docx = tmp_path / "rare.docx"
    doc.save(str(docx))
    pdf = render_pdf(docx, fontconfig(tmp_path / "fc"))
    assert "😀" in read_pdf(pdf).text
    encoded = json.dumps(parse_file(pdf).to_dict(), ensure_ascii=False).encode("utf-8")
    assert "😀".encode() in encoded


def test_characters_outside_the_bmp_in_a_cid_font() -> None:
    lines = [(80.0, 760.0, 12.0, "四川省地方志工作简报"), (80.0, 700.0, 12.0, RARE)]
    text = read_pdf("rare.pdf", data=unicode_pdf([lines])).text
    assert text == "四川省地方志工作简报\n" + RARE
    json.dumps(parse_file("rare.pdf", data=unicode_pdf([lines])).to_dict()).encode("utf-8")


def test_a_lone_surrogate_half_is_dropped() -> None:
    lines = [(80.0, 760.0, 12.0, "报头\ud800正文\udc00完"), (80.0, 700.0, 12.0, "字\U00020000")]
    assert read_pdf("x.pdf", data=unicode_pdf([lines])).text == "报头正文完\n字\U00020000"


def test_control_codes_are_no_characters() -> None:
    lines = [(80.0, 760.0, 12.0, "报头\x00\ufffe\x1b\x07正文")]
    assert read_pdf("x.pdf", data=unicode_pdf([lines])).text == "报头正文"


# --- Reasons that explain ---------------------------------------------------------------------

ZERO_PAGES = pdf_bytes(
    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
)
SELF_LOOP = pdf_bytes(
    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
)
TWO_NODE_LOOP = pdf_bytes(
    [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 5 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 5 >>",
    ]
)
HEADER_AND_PAGE_NUMBER = text_pdf(
    [text_lines([(200, 800, "Sichuan Difangzhi Jianbao"), (280, 40, "- 1 -")])]
)
PAGE_NUMBERS_ONLY = text_pdf([text_lines([(280, 40, "- 1 -")]), text_lines([(280, 40, "2")])])

REASONS = {
    "zero pages": (ZERO_PAGES, "PDF 中没有任何页面"),
    "page tree contains itself": (SELF_LOOP, "PDF 第 1 页已损坏，无法读取"),
    "page tree loop": (TWO_NODE_LOOP, "PDF 第 1 页已损坏，无法读取"),
    "header and page number only": (HEADER_AND_PAGE_NUMBER, "只有页眉、页脚或页码，没有正文文字"),
    "page numbers only": (PAGE_NUMBERS_ONLY, "只有页眉、页脚或页码，没有正文文字"),
    "blank pages": (text_pdf([b"", b""]), "PDF 只有空白页，没有任何文字"),
    "an image only": (image_page_pdf(), "扫描件 PDF，没有文字层（页面上只有图像"),
    "a docx named .pdf": (b"PK\x03\x04" + bytes(100), "不是 PDF"),
    "a text named .pdf": ("四川省地方志工作简报".encode(), "不是 PDF 文件"),
    "empty": (b"", "文件是空的"),
    "truncated": (text_pdf([text_lines([(80, 700, "x")])])[:40], "PDF 文件已损坏或格式不正确"),
}


@pytest.mark.parametrize("case", REASONS, ids=list(REASONS))
def test_a_pdf_without_body_text_says_why(case: str) -> None:
    data, reason = REASONS[case]
    with pytest.raises(InputError) as raised:
        parse_file("收件箱/简报.pdf", data=data)
    assert reason in raised.value.reason
    assert raised.value.source == "收件箱/简报.pdf"
    assert "原件已保存" not in raised.value.reason
    assert_plain(raised.value.reason)


def test_text_at_absurd_places_and_sizes_does_not_crash() -> None:
    content = (
        b"BT /F1 0 Tf 80 700 Td (zero) Tj ET\n"
        b"BT /F1 12 Tf 1e30 1e30 Td (far) Tj ET\n"
        b"BT /F1 1e6 Tf 80 600 Td (huge) Tj ET\n"
        b"BT /F1 12 Tf 80 500 Td (body text) Tj ET\n"
    )
    assert "body text" in read_pdf("x.pdf", data=text_pdf([content])).text


# --- Limits on work -----------------------------------------------------------------------------


def test_read_pdf_reads_the_bytes_it_is_given(tmp_path: Path) -> None:
    data = text_pdf([text_lines([(80, 700, "Body text")])])
    assert read_pdf(tmp_path / "never-written.pdf", data=data).text == "Body text"


def test_parse_file_hands_the_pdf_bytes_to_the_reader(tmp_path: Path) -> None:
    lines = [(80.0, 760.0, 12.0, "【工作动态】"), (80.0, 700.0, 12.0, "正文一段。")]
    bulletin = parse_file(tmp_path / "收件箱副本.pdf", data=unicode_pdf([lines]))
    assert bulletin.sections[0].name == "工作动态"


def test_lines_and_characters_count_into_the_budget() -> None:
    data = text_pdf([text_lines([(80, 700 - 20 * i, f"line {i}") for i in range(5)])])
    with pytest.raises(InputError, match="段落或行数过多"):
        read_pdf("x.pdf", data=data, budget=Budget("x.pdf", lines=4))
    with pytest.raises(InputError, match="文字过多"):
        read_pdf("x.pdf", data=data, budget=Budget("x.pdf", chars=20))


def test_the_deadline_is_checked_inside_a_page() -> None:
    """One page of 90,000 characters: the clock is read while its characters are, not after."""
    data = dense_page_pdf(90_000)
    started = time.monotonic()
    with pytest.raises(InputError, match="超时"):
        read_pdf("x.pdf", data=data, budget=Budget("x.pdf", seconds=0.05))
    assert time.monotonic() - started < 1


def test_a_page_of_more_characters_than_a_page_holds_is_refused_at_once() -> None:
    data = dense_page_pdf(200_000)
    started = time.monotonic()
    with pytest.raises(InputError, match=r"PDF 第 1 页的文字过多（\d+ 字，上限 100000 字）"):
        parse_file("密.pdf", data=data)
    assert time.monotonic() - started < 2


@pytest.mark.stress
def test_a_page_of_four_million_characters_is_refused_within_the_limits() -> None:
    data = dense_page_pdf(4_000_000, per_line=1_000)
    started = time.monotonic()
    with pytest.raises(InputError, match="文字过多"):
        parse_file("四百万字.pdf", data=data)
    assert time.monotonic() - started < 10


def test_pages_beyond_the_limit_are_refused() -> None:
    data = text_pdf([b""] * (MAX_PDF_PAGES + 1))
    with pytest.raises(
        InputError, match=f"页数过多（{MAX_PDF_PAGES + 1} 页，上限 {MAX_PDF_PAGES} 页）"
    ):
        parse_file("x.pdf", data=data)


HAND_MADE = unicode_pdf(
    [[(80.0, 760.0 - 20 * i, 12.0, line) for i, line in enumerate(RARE.split("、") * 4)]]
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_damaged_pdf_is_read_or_refused_never_crashes(data: st.DataObject) -> None:
    """Bytes flipped or cut anywhere: a text or an InputError, nothing else."""
    raw = bytearray(HAND_MADE)
    for _ in range(data.draw(st.integers(1, 20))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    try:
        text = read_pdf("x.pdf", data=bytes(raw[:cut])).text
    except InputError as err:
        assert_plain(err.reason)
    else:
        text.encode("utf-8")


@pytest.mark.parametrize("layers", [1, 2])
def test_a_content_stream_that_inflates_past_the_limit_is_refused_before_pdfium(
    layers: int,
) -> None:
    """PDFium holds what it inflates (a 1 MB file took 2 GB): each stream is measured first."""
    data = flate_bomb_pdf(100 * 1024 * 1024, layers)
    assert len(data) < 200 * 1024
    started = time.monotonic()
    with pytest.raises(InputError, match=r"PDF 中的数据解压后过大（超过 64 MB）"):
        parse_file("炸弹.pdf", data=data)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("layers", [1, 2])
def test_a_content_stream_of_ordinary_size_is_read(layers: int) -> None:
    """8 MB of spaces after the text: measured to its end, and no further."""
    data = flate_bomb_pdf(8 * 1024 * 1024, layers)
    started = time.monotonic()
    assert read_pdf("x.pdf", data=data).text == "x"
    assert time.monotonic() - started < 2


# --- Lines by position, not by drawing order ------------------------------------------------
# unicode_pdf's font gives every character an advance of one em: a piece of text at x ends
# at x + size * len(text). (PDFium drops a piece of one Chinese character in that font, which
# has no glyphs: each piece here holds two or more, or a mark the substitute font draws.)


def read_lines(pieces: list[tuple[float, float, float, str]]) -> list[str]:
    """The lines a page of these (x, baseline, size, text) pieces reads as, drawn in this order."""
    return read_pdf("x.pdf", data=unicode_pdf([pieces])).text.split("\n")


def test_a_line_in_two_fonts_reads_in_the_order_of_its_places() -> None:
    """LibreOffice draws a line's curly quotes and dashes (a Latin font) before its Chinese.

    Read in drawing order they land apart: 坚持 党有所需、史有所为 ，既注重 “ ”.
    """
    lines = [
        (80.0, 700.0, 12.0, "延续历史文脉。坚持“党有所需、史有所为”，既注重记录历史"),
        (80.0, 680.0, 12.0, "开展“百年辉煌 百年荣光——庆祝中国共产党成立100周年”主题征文"),
        (104.0, 660.0, 12.0, "“方志四川”澎湃号入围"),
    ]
    assert read_pdf("x.pdf", data=two_font_pdf(lines)).text.split("\n") == [
        "延续历史文脉。坚持“党有所需、史有所为”，既注重记录历史",
        "开展“百年辉煌 百年荣光——庆祝中国共产党成立100周年”主题征文",
        "“方志四川”澎湃号入围",
    ]


def test_a_line_drawn_in_pieces_out_of_order_reads_by_their_places() -> None:
    pieces = [
        (80.0, 700.0, 12.0, "坚持"),
        (116.0, 700.0, 12.0, "党有所需"),
        (176.0, 700.0, 12.0, "，既注重"),
    ]
    quotes = [(164.0, 700.0, 12.0, "”"), (104.0, 700.0, 12.0, "“")]
    assert read_lines(quotes + pieces[::-1]) == ["坚持“党有所需”，既注重"]


def test_lines_read_top_to_bottom_whatever_order_they_are_drawn_in() -> None:
    pieces = [(80.0, 700.0 - 20 * i, 12.0, f"第{i}行") for i in range(4)]
    assert read_lines(pieces[::-1]) == ["第0行", "第1行", "第2行", "第3行"]


def test_sizes_and_raised_characters_on_one_baseline_are_one_line() -> None:
    """Box tops differ with the size (and with the font); the baseline is the line."""
    pieces = [
        (80.0, 700.0, 22.0, "标题"),
        (124.0, 700.0, 10.5, "小字"),
        (145.0, 704.0, 7.0, "2"),  # a superscript, raised by a third of the size
        (152.0, 700.0, 10.5, "完了"),
        (80.0, 686.0, 10.5, "下一行"),  # the next line, one size and a bit lower
    ]
    assert read_lines(pieces) == ["标题小字2完了", "下一行"]


def test_a_gap_is_one_space_and_characters_that_touch_have_none() -> None:
    pieces = [
        (80.0, 700.0, 12.0, "百年辉煌"),
        (132.0, 700.0, 12.0, "百年荣光"),  # 4 pt apart: a space the PDF does not draw
        (80.0, 680.0, 12.0, "四川省地方志工作办公室"),
        (400.0, 680.0, 12.0, "2021年7月16日"),  # far apart on one baseline: still one line
        (80.0, 660.0, 12.0, "紧挨"),
        (104.5, 660.0, 12.0, "着呢"),  # half a point: kerning, no space
    ]
    assert read_lines(pieces) == [
        "百年辉煌 百年荣光",
        "四川省地方志工作办公室 2021年7月16日",
        "紧挨着呢",
    ]


def test_a_space_the_pdf_draws_is_kept_and_not_doubled_by_its_gap() -> None:
    assert read_lines([(80.0, 700.0, 12.0, "新时代 脱贫攻坚")]) == ["新时代 脱贫攻坚"]


def test_a_title_line_that_fills_the_width_is_joined_to_its_continuation_centred() -> None:
    """A 22 pt title line that fills the width wrapped: one centred line with what follows.
    One that leaves room was broken by the editor and keeps its two lines."""
    # The body from 90 to 510 (PDFium drops a text object that repeats the one before it).
    body = [(90.0, 560.0 - 20 * i, 12.0, "甲乙丙丁"[i] + "正文" * 17) for i in range(4)]

    def title(first: str, second: str) -> list[tuple[float, float, float, str]]:
        return [
            (300.0 - 11 * len(first), 700.0, 22.0, first),
            (300.0 - 11 * len(second), 670.0, 22.0, second),
            *body,
        ]

    wrapped = read_pdf(
        "x.pdf", data=unicode_pdf([title("召开上半年工作总结暨巡视整改动员会议精", "神会")])
    )
    assert wrapped.text.split("\n")[0] == "召开上半年工作总结暨巡视整改动员会议精神会"
    assert wrapped.hints[1].align == "center"
    broken = read_pdf(
        "x.pdf", data=unicode_pdf([title("省地方志办召开党组中心组学习会", "传达学习会议精神")])
    )
    assert broken.text.split("\n")[:2] == ["省地方志办召开党组中心组学习会", "传达学习会议精神"]
    assert (broken.hints[1].align, broken.hints[2].align) == ("center", "center")


def test_a_masthead_set_high_on_the_first_page_is_text_a_running_header_is_not(
    tmp_path: Path,
) -> None:
    """Word's one-inch margin puts the first lines in the running-header zone: on the first
    page they are the masthead when the text goes on right below; a header that heads the
    later pages too, or stands apart, is still dropped."""
    first = [(200, 790, "Sichuan Bulletin"), (200, 772, "No 9"), (72, 750, "Body text one.")]
    later = [(72, 790, "Draft copy 2"), (72, 700, "Body text two.")]
    path = tmp_path / "high.pdf"
    path.write_bytes(text_pdf([text_lines(first), text_lines(later)]))
    assert read_pdf(path).text.split("\n") == [
        "Sichuan Bulletin",
        "No 9",
        "Body text one.",
        "Body text two.",
    ]
    headed = [(72, 790, "Draft copy 1"), (72, 772, "Sichuan"), (72, 750, "Body text one.")]
    path.write_bytes(text_pdf([text_lines(headed), text_lines(later)]))
    assert read_pdf(path).text.split("\n") == ["Sichuan", "Body text one.", "Body text two."]
