"""Tests for editor.core.reading.text: bytes of a text file -> clean text."""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support.reading_inputs import unprivileged_prefix

from editor.core.errors import InputError
from editor.core.limits import MAX_FILE_BYTES, MAX_LINES, Budget, too_large_reason
from editor.core.parsing import parse_file
from editor.core.reading.text import DecodedText, decode_bytes, read_text_file

BULLETIN = "四川省地方志工作简报\r\n第2期（总第2期）\r\n"
BULLETIN_LF = "四川省地方志工作简报\n第2期（总第2期）\n"


def write(tmp_path: Path, data: bytes, name: str = "in.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- Encodings ----------------------------------------------------------------------------


def test_utf8_without_bom(tmp_path: Path) -> None:
    path = write(tmp_path, BULLETIN_LF.encode("utf-8"))
    assert read_text_file(path) == DecodedText(BULLETIN_LF, "utf-8", ())


def test_utf8_with_bom_drops_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + BULLETIN.encode("utf-8"))
    assert read_text_file(path) == DecodedText(BULLETIN_LF, "utf-8-sig", ())


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_with_bom(tmp_path: Path, bom: bytes) -> None:
    codec = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    path = write(tmp_path, bom + BULLETIN.encode(codec))
    assert read_text_file(path) == DecodedText(BULLETIN_LF, "utf-16", ())


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "\ufeff".encode(codec) + BULLETIN.encode(codec))
    assert read_text_file(path) == DecodedText(BULLETIN_LF, "utf-32", ())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_chinese(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, BULLETIN.encode(codec))
    assert read_text_file(path) == DecodedText(BULLETIN_LF, codec, ())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_ascii(codec: str) -> None:
    assert decode_bytes("No. 2\r\n2024\r\n".encode(codec)) == DecodedText(
        "No. 2\n2024\n", codec, ()
    )


def test_utf16_without_bom_truncated_last_byte_is_replaced() -> None:
    data = (BULLETIN * 20).encode("utf-16-le") + b"\x41"
    assert decode_bytes(data) == DecodedText(
        BULLETIN_LF * 20 + "\ufffd",
        "utf-16-le",
        ("有 1 处字节无法按 UTF-16 解码，已替换为“\ufffd”",),
    )


# Characters whose low byte is zero: in UTF-16 they hold a NUL just where ASCII does not.
ZERO_LOW = "一刀怀退稀阀耀攀言栀"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "一是统筹谋划地方志工作\n",
        "一是统筹谋划地方志工作",
        "一是统筹谋划地方志工作\r\n二是加强史志宣传\r\n",
        "一 2024\n",
        "退稀阀 No.1\r\n" + ZERO_LOW + "\r\n",
        "一\n",
        "No. 2\r\nabc",
        "第2期 一、工作动态：稀有的“怀旧”言论\n",
    ],
    ids=[
        "issue",
        "no-newline",
        "two-lines",
        "only-zero-bytes",
        "zero-low-and-ascii",
        "one-char",
        "ascii",
        "mixed",
    ],
)
def test_utf16_without_bom_either_byte_order(codec: str, text: str) -> None:
    """NUL bytes in both halves (一 is 00 4E, \\n is 0A 00) still read as UTF-16."""
    expected = text.replace("\r\n", "\n")
    assert decode_bytes(text.encode(codec)) == DecodedText(expected, codec, ())


def valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def like_a_text(text: str) -> bool:
    """At most one in ten characters is one of 一刀怀…, as in any real text."""
    return sum(c in ZERO_LOW for c in text) * 10 <= len(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.sampled_from(list("四川省地方志工作简报第期总，。、：（）“”" + ZERO_LOW + "0123 Ab\n")),
        min_size=6,
    ).filter(like_a_text),
    st.sampled_from(["utf-16-le", "utf-16-be"]),
)
def test_utf16_without_bom_property(text: str, codec: str) -> None:
    """A Chinese text of six characters or more reads back in either byte order.

    Only NUL bytes betray UTF-16 without a BOM, so the text has an ASCII character
    or one of 一刀怀…; bytes that are valid UTF-8 as well are UTF-16 only when
    each pair holds a NUL (see the test below); and a text full of 一刀怀… reads
    as ASCII the other way round, which is far likelier.
    """
    data = text.encode(codec)
    assume(0 in data)
    assume(not valid_utf8(data) or all(0 in data[i : i + 2] for i in range(0, len(data), 2)))
    assert decode_bytes(data) == DecodedText(text, codec, ())


def test_gbk_bulletin_with_crlf(tmp_path: Path) -> None:
    path = write(tmp_path, BULLETIN.encode("gbk"))
    assert read_text_file(path) == DecodedText(BULLETIN_LF, "gb18030", ())


def test_gb18030_only_characters() -> None:
    text = "𠀀 䶵 €\n"  # outside GBK, inside GB18030
    assert decode_bytes(text.encode("gb18030")) == DecodedText(text, "gb18030", ())


def test_mostly_ascii_gbk_with_one_chinese_character_is_gb18030() -> None:
    text = "Report " * 200 + "中\n"
    assert decode_bytes(text.encode("gbk")) == DecodedText(text, "gb18030", ())


def test_utf8_with_one_bad_byte(tmp_path: Path) -> None:
    good = BULLETIN_LF * 10
    raw = good.encode("utf-8")
    path = write(tmp_path, raw[:30] + b"\xff" + raw[30:])
    assert read_text_file(path) == DecodedText(
        good[:10] + "\ufffd" + good[10:],
        "utf-8",
        ("有 1 处字节无法按 UTF-8 解码，已替换为“\ufffd”",),
    )


def test_utf8_keeps_genuine_replacement_characters() -> None:
    good = "损坏字符\ufffd保留\n" * 50
    raw = good.encode("utf-8")
    assert decode_bytes(raw + b"\x80") == DecodedText(
        good + "\ufffd", "utf-8", ("有 1 处字节无法按 UTF-8 解码，已替换为“\ufffd”",)
    )


def test_gbk_with_one_bad_byte() -> None:
    good = BULLETIN_LF * 10
    raw = good.encode("gbk")
    assert decode_bytes(raw + b"\x80") == DecodedText(
        good + "\ufffd", "gb18030", ("有 1 处字节无法按 GB18030 解码，已替换为“\ufffd”",)
    )


def test_neither_utf8_nor_gb18030() -> None:
    data = ("abc" * 100).encode() + b"\xff\xfe\xff\xfe\x80\x80\xff" * 3
    with pytest.raises(InputError) as info:
        decode_bytes(data, "x.txt")
    assert info.value.source == "x.txt"
    assert info.value.reason == "无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK）"


def test_utf8_bom_with_broken_content() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"\xef\xbb\xbf" + BULLETIN.encode("gbk"))
    assert info.value.reason == "文件开头标明是 UTF-8，但内容不是有效的 UTF-8"


# --- Normalisation ------------------------------------------------------------------------


def test_cr_only_line_endings() -> None:
    assert decode_bytes("第一行\r第二行\r".encode()) == DecodedText("第一行\n第二行\n", "utf-8", ())


def test_mixed_line_endings() -> None:
    data = "a\r\nb\rc\nd\r\r\ne\u2028f\u2029g".encode()
    assert decode_bytes(data).text == "a\nb\nc\nd\n\ne\nf\ng"


def test_form_feed_and_vertical_tab_start_new_lines() -> None:
    data = "第一页\f第二页\v换行\r\n\f".encode("gbk")
    assert decode_bytes(data) == DecodedText("第一页\n第二页\n换行\n\n", "gb18030", ())


def test_nul_bytes_are_removed_and_counted() -> None:
    data = ("简报正文" * 40 + "\n").encode() + b"\x00\x00\x00" + b"end"
    assert decode_bytes(data) == DecodedText(
        "简报正文" * 40 + "\nend", "utf-8", ("已删除 3 个空字符（NUL）",)
    )


def test_nul_between_cr_and_lf_is_one_line_break() -> None:
    data = ("正文" * 40).encode() + b"\r\x00\nnext"
    assert decode_bytes(data).text == "正文" * 40 + "\nnext"


def test_other_controls_and_stray_bom_are_removed() -> None:
    text = "第一行\x01\x1b\n\ufeff第二行\x1a" + "。" * 100
    assert decode_bytes(text.encode()) == DecodedText(
        "第一行\n第二行" + "。" * 100,
        "utf-8",
        ("已删除 3 个控制字符", "已删除 1 个多余的字节顺序标记（U+FEFF）"),
    )


def test_tabs_spaces_and_full_width_characters_are_kept() -> None:
    text = "  \t标题　（全角空格）ＡＢＣ１２３ \t \n" * 3 + "\u00a0x\x7f\x85 kept"
    assert decode_bytes(text.encode()) == DecodedText(text, "utf-8", ())


def test_empty_file(tmp_path: Path) -> None:
    assert read_text_file(write(tmp_path, b"")) == DecodedText("", "utf-8", ())


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"  \r\n\t \r\n")
    assert read_text_file(path) == DecodedText("  \n\t \n", "utf-8", ())


# --- Binary data ----------------------------------------------------------------------------

SIGNATURES = [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "这是 PDF 文件，不是文本文件"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "这是 ZIP/DOCX 文件，不是文本文件"),
    (b"PK\x05\x06" + b"\x00" * 18, "这是 ZIP/DOCX 文件，不是文本文件"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "这是 PNG 图片，不是文本文件"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "这是 JPEG 图片，不是文本文件"),
    (b"GIF87a\x01\x00\x01\x00", "这是 GIF 图片，不是文本文件"),
    (b"GIF89a\x01\x00\x01\x00", "这是 GIF 图片，不是文本文件"),
    (b"II*\x00\x08\x00\x00\x00", "这是 TIFF 图片，不是文本文件"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16,
        "这是旧版 Word/Excel/WPS 文件（OLE 格式），不是文本文件",
    ),
    (b"\x7fELF\x02\x01\x01\x00", "这是可执行程序（ELF），不是文本文件"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "这是 Windows 可执行程序（EXE/DLL），不是文本文件"),
    (b"Rar!\x1a\x07\x01\x00", "这是 RAR 压缩包，不是文本文件"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", "这是 7z 压缩包，不是文本文件"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "这是 gzip 压缩文件，不是文本文件"),
    (b"SQLite format 3\x00\x10\x00", "这是 SQLite 数据库，不是文本文件"),
    (b"{\\rtf1\\ansi\\ansicpg936 ", "这是 RTF 文件，不是纯文本文件（请另存为 .txt）"),
]


@pytest.mark.parametrize(("header", "reason"), SIGNATURES)
def test_binary_signatures(tmp_path: Path, header: bytes, reason: str) -> None:
    path = write(tmp_path, header + bytes(range(256)) * 4, "report.txt")
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert info.value.source == str(path)
    assert info.value.reason == reason
    assert str(info.value) == f"{path}：{reason}"


def test_png_header_only(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n", "image.png")
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert info.value.reason == "这是 PNG 图片，不是文本文件"


def test_text_starting_with_mz_is_text() -> None:
    assert decode_bytes(b"MZ-2024 report\n") == DecodedText("MZ-2024 report\n", "utf-8", ())


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_random_bytes_are_binary(seed: int) -> None:
    data = random.Random(seed).randbytes(4096)
    with pytest.raises(InputError) as info:
        decode_bytes(data, "random.bin")
    assert info.value.reason == "不是文本文件（含二进制数据）"


def test_text_with_many_control_characters_is_binary() -> None:
    data = ("正文" * 10).encode() + b"\x01\x02\x03" * 10
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == "不是文本文件（含二进制数据）"


def test_a_single_stray_control_character_is_not_binary() -> None:
    # Old DOS tools end a text file with Ctrl-Z.
    assert decode_bytes(b"ok\x1a") == DecodedText("ok", "utf-8", ("已删除 1 个控制字符",))


def test_c1_controls_count_as_binary() -> None:
    data = ("正文" + "\x85\x90\x9f" * 5).encode() * 20
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == "不是文本文件（含二进制数据）"


def test_nul_at_every_other_byte_that_is_not_utf16_text_is_binary() -> None:
    data = bytes(x for b in range(0x80, 0xA0) for x in (b, 0)) * 10  # U+0080..U+009F
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == "不是文本文件（含二进制数据）"


def test_nul_pattern_that_decodes_to_unlikely_characters_is_binary() -> None:
    data = (b"A\x00" + b"\x81\xe0" * 3) * 50  # as UTF-16 LE: "A" and private-use characters
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == "不是文本文件（含二进制数据）"


def test_utf16_bom_followed_by_nul_is_not_utf32() -> None:
    data = b"\xff\xfe" + ("\x00" + BULLETIN).encode("utf-16-le")
    assert decode_bytes(data) == DecodedText(BULLETIN_LF, "utf-16", ("已删除 1 个空字符（NUL）",))


def test_valid_utf8_is_utf16_only_when_every_other_byte_is_nul() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(("a\x00" * 10 + "bc").encode())
    assert info.value.reason == "不是文本文件（含二进制数据）"


def test_utf16_with_bom_but_binary_content() -> None:
    data = b"\xff\xfe" + ("正文" + "\x01\x02\x03" * 5).encode("utf-16-le") * 20
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == "不是文本文件（含二进制数据）"


def test_utf16_bom_followed_by_random_bytes() -> None:
    data = b"\xff\xfe" + random.Random(7).randbytes(4096)
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == "文件开头标明是 UTF-16，但内容不是有效的 UTF-16"


# --- Files ------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert (info.value.source, info.value.reason) == (str(path), "文件不存在")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_text_file(str(tmp_path))
    assert (info.value.source, info.value.reason) == (str(tmp_path), "这是文件夹，不是文件")


def test_other_os_error_is_said_in_chinese(tmp_path: Path) -> None:
    file = write(tmp_path, b"text")
    path = file / "child.txt"  # a path "inside" a file: ENOTDIR
    with pytest.raises(InputError) as info:
        read_text_file(path)
    assert info.value.source == str(path)
    assert info.value.reason == "无法读取文件（路径中有一段不是文件夹）"
    assert os.strerror(errno.ENOTDIR) not in str(info.value)


SUFFIXES = [".txt", ".docx", ".pdf"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_reader_says_a_file_is_missing(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"没有{suffix}"
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert (info.value.source, info.value.reason) == (str(path), "文件不存在")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_reader_says_a_folder_is_no_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"文件夹{suffix}"
    path.mkdir()
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert info.value.reason == "这是文件夹，不是文件"


UNREADABLE = """
import sys
from editor.core.errors import InputError
from editor.core.parsing import parse_file
for path in sys.argv[1:]:
    try:
        parse_file(path)
        print("parsed")
    except InputError as err:
        print(err.reason)
"""


def test_every_reader_says_a_file_cannot_be_read_for_lack_of_permission(tmp_path: Path) -> None:
    """chmod 000 is a permission problem, never a broken or foreign file."""
    paths = []
    for suffix in SUFFIXES:
        path = write(tmp_path, BULLETIN.encode(), f"锁住{suffix}")
        path.chmod(0)
        paths.append(str(path))
    run = subprocess.run(
        [*unprivileged_prefix(), sys.executable, "-c", UNREADABLE, *paths],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert run.stdout.decode("utf-8").split("\n")[:3] == ["没有读取权限"] * 3


# --- Limits -------------------------------------------------------------------------------------


def test_read_text_file_counts_lines_into_the_budget(tmp_path: Path) -> None:
    path = write(tmp_path, "第一行\n第二行\n第三行\n第四行".encode())
    with pytest.raises(InputError, match="段落或行数过多"):
        read_text_file(path, budget=Budget(str(path), lines=3))
    assert read_text_file(path, budget=Budget(str(path), lines=4)).text.count("\n") == 3


def test_read_text_file_counts_characters_into_the_budget(tmp_path: Path) -> None:
    path = write(tmp_path, ("正文" * 50).encode())
    with pytest.raises(InputError, match="文字过多"):
        read_text_file(path, budget=Budget(str(path), chars=99))


def test_parse_file_refuses_text_of_more_lines_than_a_bulletin(tmp_path: Path) -> None:
    path = write(tmp_path, b"a\n" * (MAX_LINES + 1))
    started = time.monotonic()
    with pytest.raises(InputError, match="段落或行数过多"):
        parse_file(path)
    assert time.monotonic() - started < 5


def test_parse_file_refuses_given_bytes_over_the_size_limit(tmp_path: Path) -> None:
    data = b"a" * (MAX_FILE_BYTES + 1)
    with pytest.raises(InputError) as info:
        parse_file(tmp_path / "大.txt", data=data)
    assert info.value.reason == too_large_reason(len(data))


def test_too_large_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"a" * 3000)
    with pytest.raises(InputError) as info:
        read_text_file(path, max_bytes=1024)
    assert info.value.reason == "文件过大（2.9 KB，上限 1 KB）"


def test_too_large_file_in_megabytes(tmp_path: Path) -> None:
    path = write(tmp_path, b"a" * (3 * 1024 * 1024 + 1))
    with pytest.raises(InputError) as info:
        read_text_file(path, max_bytes=2 * 1024 * 1024)
    assert info.value.reason == "文件过大（3 MB，上限 2 MB）"


def test_file_of_exactly_max_bytes_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, b"a" * 1024)
    assert read_text_file(path, max_bytes=1024).text == "a" * 1024


def test_file_is_not_modified(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + BULLETIN.encode() + b"\x00"
    path = write(tmp_path, data)
    before = path.stat().st_mtime_ns
    read_text_file(path)
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == before


# --- Speed ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "encoding"), [("utf-8", "utf-8"), ("gbk", "gb18030"), ("utf-16", "utf-16")]
)
def test_twenty_megabytes_decode_quickly(codec: str, encoding: str) -> None:
    line = "四川省地方志工作简报 第2期（总第2期）\tabc 123\r\n"
    text = line * (20 * 1024 * 1024 // len(line.encode(codec)))
    data = text.encode(codec)
    start = time.perf_counter()
    result = decode_bytes(data)
    elapsed = time.perf_counter() - start
    assert result == DecodedText(text.replace("\r\n", "\n"), encoding, ())
    assert elapsed < 2.0


# --- Properties -------------------------------------------------------------------------------

KNOWN_PREFIXES = (*(header[:4] for header, _ in SIGNATURES), b"MZ")


def normalised(text: str) -> str:
    """The documented normalisation, written out character by character."""
    if text.startswith("\ufeff"):
        text = text[1:]  # the BOM is not part of the text
    kept = [c for c in text if c == "\t" or c in "\n\r\v\f" or not (ord(c) < 0x20 or c == "\ufeff")]
    out: list[str] = []
    i = 0
    while i < len(kept):
        c = kept[i]
        if c == "\r" and i + 1 < len(kept) and kept[i + 1] == "\n":
            i += 1
        out.append("\n" if c in "\r\v\f\u2028\u2029" else c)
        i += 1
    return "".join(out)


def mostly_controls(text: str) -> bool:
    body = text.removeprefix("\ufeff")
    controls = sum(1 for c in body if unicodedata.category(c) == "Cc" and c not in "\t\n\r\v\f")
    return controls * 20 > len(body)


def outcome(data: bytes) -> DecodedText | InputError:
    try:
        return decode_bytes(data)
    except InputError as err:
        return err


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_utf8_round_trip_property(s: str) -> None:
    data = s.encode("utf-8")
    result = outcome(data)
    if isinstance(result, InputError):
        assert mostly_controls(s) or data.startswith(KNOWN_PREFIXES)
    else:
        assert result.text == normalised(s)


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_never_raise_anything_else(data: bytes) -> None:
    result = outcome(data)  # anything but InputError propagates and fails the test
    if isinstance(result, InputError):
        assert result.source == "<输入>"
        assert result.reason
    else:
        assert "\r" not in result.text
        assert "\x00" not in result.text
