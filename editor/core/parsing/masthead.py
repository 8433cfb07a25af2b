"""报头: the bulletin's name, 期号, 编印单位 and date at the top.

The masthead is read as a short run of leading lines whose every piece is
recognisable (a name, an issue number, an office, a date, a mark such as 内部
资料), in the order a masthead is printed: name, then issue, then issuer and
date. Whether they stand on one line or several does not matter. A run that
holds neither an issue number nor a date (nor a name ending in 简讯/简报) is
not a masthead: it is the start of the body.
"""

from __future__ import annotations

import re

from editor.core.model import Masthead, ParseWarning, Span
from editor.core.normalise import normalise_inline
from editor.core.parsing.lines import Line
from editor.core.parsing.patterns import (
    DATE_RE,
    ISSUE_RE,
    MARK_RE,
    SECTION_RE,
    TOTAL_ONLY_RE,
    date_from_match,
    is_name_like,
    is_org_like,
    to_int,
)

_MAX_LINES = 10
_MAX_LINE_LENGTH = 120
_ISSUER_PREFIX = re.compile(r"^(?:编\s*印\s*单\s*位|编\s*印|主\s*办|编\s*辑|编)\s*[：:]\s*")
_ISSUER_SUFFIX = ("编印", "主办", "编")

# Print order of the masthead's pieces; a line never goes back up it.
_RANK = {"name": 0, "issue": 1, "total_issue": 1, "issuer": 2, "date": 3}


class MastheadResult:
    """The masthead, how many lines it took, where its fields came from, its doubts."""

    __slots__ = ("consumed", "masthead", "spans", "warnings")

    def __init__(
        self,
        masthead: Masthead,
        consumed: int,
        spans: dict[str, list[Span]] | None = None,
        warnings: list[ParseWarning] | None = None,
    ) -> None:
        self.masthead = masthead
        self.consumed = consumed
        self.spans: dict[str, list[Span]] = {} if spans is None else spans
        self.warnings: list[ParseWarning] = [] if warnings is None else warnings


class _Piece:
    __slots__ = ("key", "raw", "value")

    def __init__(self, key: str, value: str | int | None, raw: str) -> None:
        self.key = key
        self.value = value
        self.raw = raw


def _collapse_spacing(text: str) -> str:
    """``四 川 省 …`` (a letter-spaced name: three or more ideographs, each on its own
    between white space) back to ``四川省…``. The chunk is stripped."""
    letters = text.split()
    if (
        len(letters) >= 3
        and text[0] == letters[0]  # (no white space before the first)
        and text[-1] == letters[-1]  # (nor after the last)
        and all(len(letter) == 1 and "\u4e00" <= letter <= "\u9fff" for letter in letters)
    ):
        return "".join(letters)
    return text


def _chunk_piece(chunk: str) -> _Piece | None:
    chunk = _collapse_spacing(chunk.strip())
    prefix = _ISSUER_PREFIX.match(chunk)
    if prefix:
        rest = chunk[prefix.end() :].strip()
        return _Piece("issuer", normalise_inline(rest), chunk) if rest else None
    if MARK_RE.match(chunk):
        return _Piece("mark", None, chunk)
    if is_name_like(chunk):
        return _Piece("name", chunk, chunk)
    for suffix in _ISSUER_SUFFIX:
        if chunk.endswith(suffix) and is_org_like(chunk[: -len(suffix)]):
            return _Piece("issuer", chunk[: -len(suffix)], chunk)
    if is_org_like(chunk):
        return _Piece("issuer", chunk, chunk)
    return None


def _line_pieces(text: str) -> list[_Piece] | None:
    """The masthead pieces one line holds, or None when it is not a masthead line."""
    if len(text) > _MAX_LINE_LENGTH or SECTION_RE.match(text):
        return None
    pieces: list[_Piece] = []
    rest = text
    issue = ISSUE_RE.search(rest) if "期" in rest else None  # (no 期, no 期号: a quick look)
    if issue:
        pieces.append(_Piece("issue", to_int(issue["issue"]), issue[0]))
        total = issue["total"] or issue["total2"]
        if total:
            pieces.append(_Piece("total_issue", to_int(total), issue[0]))
        rest = rest[: issue.start()] + " " + rest[issue.end() :]
    else:
        total_only = TOTAL_ONLY_RE.match(rest.strip())
        if total_only:
            return [_Piece("total_issue", to_int(total_only["total"]), rest)]
    date = DATE_RE.search(rest)
    if date:
        pieces.append(_Piece("date", date_from_match(date), date[0]))
        rest = rest[: date.start()] + " " + rest[date.end() :]
    rest = rest.strip()
    if rest:
        whole = _chunk_piece(rest)
        chunks = [whole] if whole else [_chunk_piece(c) for c in rest.split()]
        if any(c is None for c in chunks):
            return None
        pieces.extend(c for c in chunks if c is not None)
    return pieces


def parse_masthead(lines: list[Line]) -> MastheadResult:
    """Read the masthead from the first lines; ``consumed`` says how many it took."""
    values: dict[str, Line] = {}
    found: dict[str, str | int | None] = {}
    warnings: list[ParseWarning] = []
    rank = 0
    consumed = 0
    for index, line in enumerate(lines[:_MAX_LINES]):
        pieces = _line_pieces(line.text)
        if pieces is None:
            break
        keys = [p.key for p in pieces if p.key != "mark"]
        if any(k in found for k in keys):
            break
        line_rank = min((_RANK[k] for k in keys), default=rank)
        if line_rank < rank:
            break
        for piece in pieces:
            if piece.key == "mark":
                continue
            found[piece.key] = piece.value
            values[piece.key] = line
            if piece.key == "date" and piece.value is None:
                warnings.append(
                    ParseWarning("invalid_date", f"报头日期“{piece.raw}”不是有效日期", line.number)
                )
        rank = max((_RANK[k] for k in keys), default=rank)
        consumed = index + 1
        if "date" in keys:
            break
    name = found.get("name")
    strong_name = isinstance(name, str) and name.endswith(("简讯", "简报"))
    if not ("issue" in found or "date" in found or "total_issue" in found or strong_name):
        return MastheadResult(Masthead(), 0)
    masthead = Masthead(
        name=_as_str(found.get("name")),
        issue=_as_int(found.get("issue")),
        total_issue=_as_int(found.get("total_issue")),
        issuer=_as_str(found.get("issuer")),
        date=_as_str(found.get("date")),
    )
    spans = {f"masthead.{k}": [(ln.number, ln.number)] for k, ln in values.items()}
    return MastheadResult(masthead, consumed, spans, warnings)


def _as_str(value: str | int | None) -> str | None:
    return value if isinstance(value, str) else None


def _as_int(value: str | int | None) -> int | None:
    return value if isinstance(value, int) else None
