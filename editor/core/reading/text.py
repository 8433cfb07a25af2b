"""Turn the bytes of a text file into clean text.

Bulletins arrive as ``.txt`` files written by many tools: Notepad (UTF-8 with or
without a BOM, or UTF-16), older Chinese Windows programs (GBK/GB2312, read here
as GB18030, which contains both), and occasionally something that is not text at
all.  :func:`decode_bytes` works out the encoding, decodes, and normalises the
text so the parser only ever sees ``"\\n"`` line breaks and no stray control
characters.  Whatever it repaired is listed in :attr:`DecodedText.notes`.

Anything that cannot be read as text raises :class:`~editor.core.errors.InputError`
with a reason in plain Chinese, never another exception.

Normalisation, in this order:

1. Removed: NUL (U+0000), stray U+FEFF, and the other C0 control characters
   except tab, LF, CR, VT and FF.  Removing happens first, so ``"\\r\\0\\n"`` is
   one line break.
2. Line breaks: CRLF, CR, VT (``\\v``), FF (``\\f``), U+2028 and U+2029 each
   become ``"\\n"``.

Nothing else changes: spaces, tabs, full-width characters and everything else
stay as they are.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from typing import Final

from editor.core.errors import InputError

__all__ = ["DecodedText", "decode_bytes", "read_text_file"]


@dataclass(frozen=True)
class DecodedText:
    """Decoded, normalised text and how it was obtained."""

    text: str
    """The normalised text; lines are separated by ``"\\n"`` only."""
    encoding: str
    """The codec used, e.g. ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16-le"``, ``"gb18030"``."""
    notes: tuple[str, ...] = ()
    """Short Chinese notes about repairs done; empty when none were needed."""


# --- Known binary formats ---------------------------------------------------------------

_PDF: Final = "这是 PDF 文件，不是文本文件"
_ZIP: Final = "这是 ZIP/DOCX 文件，不是文本文件"
_OLE: Final = "这是旧版 Word/Excel/WPS 文件（OLE 格式），不是文本文件"

_SIGNATURES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF", _PDF),
    (b"PK\x03\x04", _ZIP),
    (b"PK\x05\x06", _ZIP),
    (b"PK\x07\x08", _ZIP),
    (b"\x89PNG\r\n\x1a\n", "这是 PNG 图片，不是文本文件"),
    (b"\xff\xd8\xff", "这是 JPEG 图片，不是文本文件"),
    (b"GIF87a", "这是 GIF 图片，不是文本文件"),
    (b"GIF89a", "这是 GIF 图片，不是文本文件"),
    (b"II*\x00", "这是 TIFF 图片，不是文本文件"),
    (b"MM\x00*", "这是 TIFF 图片，不是文本文件"),
    (b"\xd0\xcf\x11\xe0", _OLE),
    (b"\x7fELF", "这是可执行程序（ELF），不是文本文件"),
    (b"Rar!\x1a\x07", "这是 RAR 压缩包，不是文本文件"),
    (b"7z\xbc\xaf\x27\x1c", "这是 7z 压缩包，不是文本文件"),
    (b"\x1f\x8b\x08", "这是 gzip 压缩文件，不是文本文件"),
    (b"SQLite format 3\x00", "这是 SQLite 数据库，不是文本文件"),
    (b"{\\rtf", "这是 RTF 文件，不是纯文本文件（请另存为 .txt）"),
)
_EXE: Final = "这是 Windows 可执行程序（EXE/DLL），不是文本文件"

_BINARY: Final = "不是文本文件（含二进制数据）"
_UNKNOWN_ENCODING: Final = "无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK）"


def _signature_reason(data: bytes) -> str | None:
    for magic, reason in _SIGNATURES:
        if data.startswith(magic):
            return reason
    # "MZ" alone could start a text; a DOS/PE header has NUL bytes right after it.
    if data.startswith(b"MZ") and b"\x00" in data[2:64]:
        return _EXE
    return None


# --- Control characters -----------------------------------------------------------------

# C0 controls that are neither whitespace nor line breaks (NUL included).
_CONTROL_CLASS: Final = "\x00-\x08\x0e-\x1f"
_REMOVE_RE: Final = re.compile(f"[{_CONTROL_CLASS}\ufeff]")
# Control characters that are kept but still count as a sign of binary data.
_KEPT_CONTROL_RE: Final = re.compile("[\x7f-\x9f]")
_CONTROL_BYTES: Final = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20))
_NOT_CONTROL_BYTES: Final = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def _too_many_controls(controls: int, length: int) -> bool:
    """More than ~5 % control characters means binary data (a single stray one never does).

    Counted are the C0 controls except tab, LF, VT, FF and CR, plus DEL and the C1 controls.
    """
    return controls > 1 and controls * 20 > length


def _error_limit(size: int) -> int:
    """How many undecodable spots a file may have and still count as that encoding."""
    return max(1, size * 2 // 1000)


# --- Decoding helpers -------------------------------------------------------------------


@dataclass(frozen=True)
class _Lenient:
    text: str
    errors: int


def _decode_lenient(data: bytes, codec: str) -> _Lenient:
    """Decode with U+FFFD for bad bytes and count how many spots were replaced."""
    replaced = data.decode(codec, "replace")
    genuine = data.decode(codec, "ignore").count("\ufffd")
    return _Lenient(replaced, replaced.count("\ufffd") - genuine)


def _replacement_note(errors: int, name: str) -> str:
    return f"有 {errors} 处字节无法按 {name} 解码，已替换为“\ufffd”"


def _decode_strict_or_lenient(
    data: bytes, codec: str, name: str, source: str, reason: str
) -> tuple[str, tuple[str, ...]]:
    try:
        return data.decode(codec), ()
    except UnicodeDecodeError:
        pass
    lenient = _decode_lenient(data, codec)
    if lenient.errors > _error_limit(len(data)):
        raise InputError(source, reason)
    return lenient.text, (_replacement_note(lenient.errors, name),)


def _decode_with_bom(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]] | None:
    if data.startswith(codecs.BOM_UTF8):
        text, notes = _decode_strict_or_lenient(
            data[3:], "utf-8", "UTF-8", source, "文件开头标明是 UTF-8，但内容不是有效的 UTF-8"
        )
        return text, "utf-8-sig", notes
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        # FF FE 00 00 may also be a UTF-16 LE BOM followed by U+0000: only take it
        # as UTF-32 when the rest really is UTF-32.
        if data.startswith(bom):
            try:
                return data[4:].decode(codec), "utf-32", ()
            except UnicodeDecodeError:
                break
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text, notes = _decode_strict_or_lenient(
                data[2:], codec, "UTF-16", source, "文件开头标明是 UTF-16，但内容不是有效的 UTF-16"
            )
            return text, "utf-16", notes
    return None


# Characters a Chinese (or Western) text consists of, used to judge a UTF-16 guess.
_TEXTY_RE: Final = re.compile(
    "[\t-\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u27bf\u2e80-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]+"
)
_UTF16_SAMPLE: Final = 64 * 1024


def _utf16_guess(data: bytes, valid_utf8: bool) -> str | None:
    """Recognise UTF-16 without a BOM by its NUL bytes; return the codec or None."""
    if valid_utf8:
        # Pure-ASCII UTF-16 is also valid UTF-8 (with NULs).  Only take it as UTF-16
        # when every other byte is NUL, where both readings give the same text.
        if len(data) % 2 or len(data) < 4:
            return None
        half = len(data) // 2
        even_nul = data[0::2].count(0)
        odd_nul = data[1::2].count(0)
        if odd_nul == half and even_nul < half:
            return "utf-16-le"
        if even_nul == half and odd_nul < half:
            return "utf-16-be"
        return None
    sample = data[:_UTF16_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 2]
    units = len(sample) // 2
    if units < 2:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if odd_nul > 0 and even_nul * 4 <= odd_nul:
        codec = "utf-16-le"
    elif even_nul > 0 and odd_nul * 4 <= even_nul:
        codec = "utf-16-be"
    else:
        return None
    text = sample.decode(codec, "replace")
    untexty = len(_TEXTY_RE.sub("", text))
    return codec if untexty * 10 <= len(text) else None


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _decode_without_bom(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]]:
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None

    if b"\x00" in data:
        codec = _utf16_guess(data, valid_utf8=utf8 is not None)
        if codec is not None:
            try:
                return data.decode(codec), codec, ()
            except UnicodeDecodeError:
                lenient = _decode_lenient(data, codec)
                if lenient.errors <= _error_limit(len(data)):
                    return lenient.text, codec, (_replacement_note(lenient.errors, "UTF-16"),)
                # Not UTF-16 after all: go on with the 8-bit encodings.

    # In UTF-8 and GB18030 a byte below 0x20 is always that control character.
    controls = len(data.translate(None, _NOT_CONTROL_BYTES))
    if _too_many_controls(controls, len(data)):
        raise InputError(source, _BINARY)

    if utf8 is not None:
        return utf8, "utf-8", ()

    limit = _error_limit(len(data))
    lenient_utf8 = _decode_lenient(data, "utf-8")
    try:
        gb: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        gb = None
    if lenient_utf8.errors <= limit:
        # A UTF-8 file with a few broken bytes still has plenty of valid multi-byte
        # characters; a mostly-ASCII GBK file with a few Chinese characters has not.
        evidence = _non_ascii_count(lenient_utf8.text) - lenient_utf8.text.count("\ufffd")
        if gb is None or evidence > lenient_utf8.errors:
            note = _replacement_note(lenient_utf8.errors, "UTF-8")
            return lenient_utf8.text, "utf-8", (note,)
    if gb is not None:
        return gb, "gb18030", ()
    lenient_gb = _decode_lenient(data, "gb18030")
    if lenient_gb.errors <= limit:
        return lenient_gb.text, "gb18030", (_replacement_note(lenient_gb.errors, "GB18030"),)
    raise InputError(source, _UNKNOWN_ENCODING)


def _normalise(text: str, source: str) -> tuple[str, tuple[str, ...]]:
    nul = text.count("\x00")
    feff = text.count("\ufeff")
    text, removed = _REMOVE_RE.subn("", text)
    other = removed - nul - feff
    kept = len(_KEPT_CONTROL_RE.findall(text))
    if _too_many_controls(nul + other + kept, len(text) + removed):
        raise InputError(source, _BINARY)
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\v", "\n")
        .replace("\f", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )
    notes: list[str] = []
    if nul:
        notes.append(f"已删除 {nul} 个空字符（NUL）")
    if other:
        notes.append(f"已删除 {other} 个控制字符")
    if feff:
        notes.append(f"已删除 {feff} 个多余的字节顺序标记（U+FEFF）")
    return text, tuple(notes)


# --- Public API -------------------------------------------------------------------------


def decode_bytes(data: bytes, source: str = "<输入>") -> DecodedText:
    """Decode the bytes of a text file and normalise the text.

    ``source`` names the input in error messages.  Raises :class:`InputError` for
    binary data or bytes in no encoding this reads (UTF-8/16/32, GB18030).
    An empty input gives ``""``; whitespace-only input is kept as it is.
    """
    if not data:
        return DecodedText("", "utf-8", ())
    reason = _signature_reason(data)
    if reason is not None:
        raise InputError(source, reason)
    decoded = _decode_with_bom(data, source)
    if decoded is None:
        decoded = _decode_without_bom(data, source)
    raw, encoding, decode_notes = decoded
    text, notes = _normalise(raw, source)
    return DecodedText(text, encoding, decode_notes + notes)


def _format_size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        value, unit = size / 1024, "KB"
    else:
        value, unit = size / (1024 * 1024), "MB"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def read_text_file(path: str | os.PathLike[str], max_bytes: int = 64 * 1024 * 1024) -> DecodedText:
    """Read a text file once, in binary mode, and decode it with :func:`decode_bytes`.

    Every problem (missing file, folder, no permission, other OS errors, a file
    larger than ``max_bytes``, binary content) raises :class:`InputError` whose
    ``source`` is ``path`` as a string.  The file is never modified.
    """
    if max_bytes < 0:
        raise ValueError("max_bytes must not be negative")
    source = os.fspath(path)

    def too_large(size: int) -> InputError:
        return InputError(
            source, f"文件过大（{_format_size(size)}，上限 {_format_size(max_bytes)}）"
        )

    try:
        info = os.stat(source)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(source, "这是文件夹，不是文件")
        if not stat.S_ISREG(info.st_mode):
            # Opening a pipe or device could block or never end.
            raise InputError(source, "不是普通文件（可能是设备或管道）")
        if info.st_size > max_bytes:
            raise too_large(info.st_size)
        with open(source, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(source, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(source, "这是文件夹，不是文件") from None
    except PermissionError:
        if os.path.isdir(source):  # Windows reports opening a folder as a permission error
            raise InputError(source, "这是文件夹，不是文件") from None
        raise InputError(source, "没有读取权限") from None
    except OSError as exc:
        raise InputError(source, f"无法读取文件（{exc.strerror or exc}）") from None
    if len(data) > max_bytes:  # the file grew after stat()
        raise too_large(len(data))
    return decode_bytes(data, source)
