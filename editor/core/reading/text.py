"""Turn the bytes of a text file into clean text.

Bulletins arrive as ``.txt`` files written by many tools: Notepad (UTF-8 with or
without a BOM, or UTF-16), older Chinese Windows programs (GBK/GB2312, read here
as GB18030, which contains both), and occasionally something that is not text at
all.  :func:`decode_bytes` works out the encoding, decodes, and normalises the
text so the parser only ever sees ``"\\n"`` line breaks and no stray control
characters.  Whatever it repaired is listed in :attr:`DecodedText.notes`.

Anything that cannot be read as text raises :class:`~editor.core.errors.InputError`
with a reason in plain Chinese, never another exception.  :func:`read_file_bytes`
is where every reader (DOCX and PDF too) gets a file's bytes, so a missing file,
a folder, no permission or a file over the size limit is said the same way for
all; the decoded text is counted into the file's
:class:`~editor.core.limits.Budget` when one is given.

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
import functools
import os
import re
import stat

from editor.core.errors import InputError, os_reason
from editor.core.limits import MAX_FILE_BYTES, Budget, too_large_reason

# (typing's own TYPE_CHECKING would import typing, which ``jianxun parse`` need not load;
# mypy reads a constant of this name the same way)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["DecodedText", "check_size", "decode_bytes", "read_file_bytes", "read_text_file"]


class DecodedText:
    """Decoded, normalised text and how it was obtained.

    ``text`` is the normalised text, its lines separated by ``"\\n"`` only; ``encoding``
    the codec used, e.g. ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16-le"``, ``"gb18030"``;
    ``notes`` short Chinese notes about repairs done, empty when none were needed.
    Read-only and compared by its fields (a plain class: ``dataclasses`` costs
    ``jianxun parse`` milliseconds to import).
    """

    __slots__ = ("encoding", "notes", "text")
    text: str
    encoding: str
    notes: tuple[str, ...]

    def __init__(self, text: str, encoding: str, notes: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "encoding", encoding)
        object.__setattr__(self, "notes", notes)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not DecodedText:
            return NotImplemented
        assert isinstance(other, DecodedText)
        return (self.text, self.encoding, self.notes) == (other.text, other.encoding, other.notes)

    def __hash__(self) -> int:
        return hash((self.text, self.encoding, self.notes))

    def __repr__(self) -> str:
        return f"DecodedText(text={self.text!r}, encoding={self.encoding!r}, notes={self.notes!r})"


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
# (the BOMs go by str.replace: beside them in one class these would make a table of every
# character below U+10000, a third of a millisecond of the regex compiler at every start)
_REMOVE_RE: Final = re.compile(f"[{_CONTROL_CLASS}]")
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


class _Lenient:
    __slots__ = ("errors", "text")

    def __init__(self, text: str, errors: int) -> None:
        self.text = text
        self.errors = errors


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


@functools.cache
def _utf16_judges() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What judges a UTF-16 guess: compiled when a file holds NUL bytes (compiling the
    first takes milliseconds, which a UTF-8 or GB18030 file never needs to spend)."""
    texty = re.compile(  # characters a Chinese (or Western) text consists of
        "[\t-\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u27bf\u2e80-\u9fff"
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]+"
    )
    # U+0100, U+0200 ... U+FF00: what ASCII becomes when UTF-16 is read the wrong way round.
    swapped = re.compile("[" + "".join(chr(high << 8) for high in range(1, 256)) + "]")
    return texty, swapped, re.compile("[\x00-\x7f]")


_UTF16_SAMPLE: Final = 64 * 1024


def _utf16_badness(text: str) -> int | None:
    """How unlike a text this UTF-16 reading is; None when it is no text at all.

    A reading fails when more than a tenth of it is not text, or when characters
    of the form U+xx00 make up more than a tenth and outnumber the ASCII ones
    twice: a real text has a few such characters (一 is U+4E00) among its line
    breaks, digits and spaces; ASCII read the wrong way round is nothing else.
    Of two readings, the one with fewer of both is the likelier.
    """
    texty_re, swapped_re, ascii_re = _utf16_judges()
    untexty = len(texty_re.sub("", text))
    swapped = len(swapped_re.findall(text))
    if untexty * 10 > len(text):
        return None
    if swapped > 2 * len(ascii_re.findall(text)) and swapped * 10 > len(text):
        return None
    return untexty + swapped


def _every_pair_holds_a_nul(data: bytes) -> bool:
    return all(data[i] == 0 or data[i + 1] == 0 for i in range(0, len(data) - 1, 2))


def _utf16_guess(data: bytes, valid_utf8: bool) -> str | None:
    """Recognise UTF-16 without a BOM by reading a sample both ways; return the codec or None.

    NUL bytes alone do not tell the byte order: ASCII puts its NUL in the high
    byte, 一 (U+4E00) in the low one. So both orders are read and judged as text.
    Bytes that are valid UTF-8 as well are taken as UTF-16 only when every pair
    holds a NUL, as pure-ASCII UTF-16 does (ASCII bytes pair up into CJK too).
    """
    sample = data[:_UTF16_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 2:
        return None
    if valid_utf8 and (len(data) % 2 or not _every_pair_holds_a_nul(sample)):
        return None
    best: tuple[int, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        badness = _utf16_badness(sample.decode(codec, "replace"))
        if badness is not None and (best is None or badness < best[0]):
            best = (badness, codec)
    return None if best is None else best[1]


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
    if feff:
        text = text.replace("\ufeff", "")
    text, removed = _REMOVE_RE.subn("", text)
    removed += feff
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


def decode_bytes(
    data: bytes, source: str = "<输入>", *, budget: Budget | None = None
) -> DecodedText:
    """Decode the bytes of a text file and normalise the text.

    ``source`` names the input in error messages.  Raises :class:`InputError` for
    binary data or bytes in no encoding this reads (UTF-8/16/32, GB18030), and
    for text beyond the ``budget`` (characters and lines).
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
    if budget is not None:
        budget.take(chars=len(text), lines=text.count("\n") + 1)
    return DecodedText(text, encoding, decode_notes + notes)


_FOLDER: Final = "这是文件夹，不是文件"
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
"""Binary on Windows; a pipe opened by mistake must not block (the file type is checked next)."""


def _os_error_reason(err: OSError, source: str) -> str:
    if isinstance(err, FileNotFoundError):
        return "文件不存在"
    if isinstance(err, IsADirectoryError) or (
        isinstance(err, PermissionError) and os.path.isdir(source)  # Windows opening a folder
    ):
        return _FOLDER
    if isinstance(err, PermissionError):
        return "没有读取权限"
    return f"无法读取文件（{os_reason(err)}）"


def check_size(source: str, size: int, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse a file (or bytes already read) larger than ``max_bytes``."""
    if size > max_bytes:
        raise InputError(source, too_large_reason(size, max_bytes))


def read_file_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, read once; InputError for anything but a readable regular file.

    The file is opened first and then looked at (no gap for it to be swapped),
    and its size is checked before a byte is read. Every reader starts here, so
    a missing file, a folder, a device or a file without read permission is said
    the same way whatever its type; the reason never carries English errno text.
    """
    source = os.fspath(path)
    try:
        fd = os.open(source, _OPEN_FLAGS)
    except OSError as err:
        raise InputError(source, _os_error_reason(err, source)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(source, _FOLDER)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(source, "不是普通文件（可能是设备或管道）")
        check_size(source, info.st_size, max_bytes)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(source, _os_error_reason(err, source)) from None
    finally:
        os.close(fd)
    check_size(source, len(data), max_bytes)  # the file grew after it was looked at
    return data


def read_text_file(
    path: str | os.PathLike[str],
    max_bytes: int = MAX_FILE_BYTES,
    *,
    budget: Budget | None = None,
) -> DecodedText:
    """Read a text file once, in binary mode, and decode it with :func:`decode_bytes`.

    Every problem (missing file, folder, no permission, other OS errors, a file
    larger than ``max_bytes``, binary content, more text than the ``budget``)
    raises :class:`InputError` whose ``source`` is ``path`` as a string.  The
    file is never modified.
    """
    if max_bytes < 0:
        raise ValueError("max_bytes must not be negative")
    source = os.fspath(path)
    return decode_bytes(read_file_bytes(source, max_bytes), source, budget=budget)
