"""The bulletin model and its interchange format ``jianxun.bulletin/1``.

Plain record classes that every part of the app passes around: the parser makes
them, the store keeps them as JSON, the form edits them, the exporter lays them
out. Keys this version does not know are kept in ``extra`` so a round trip
through the model never loses anything.

They behave as dataclasses would (keyword or positional construction in field
order, fields compared by ``==``, a readable ``repr``; :class:`Subheading` is
frozen and hashable) but are written out: the ``dataclasses`` module brings
``inspect``, ``ast`` and ``tokenize`` with it and generates each class's methods
at import, which every ``jianxun parse`` would pay for (issue 19).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

# (typing's own TYPE_CHECKING would import typing, which ``jianxun parse`` need not load;
# mypy reads a constant of this name the same way)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

SCHEMA = "jianxun.bulletin/1"

Span = tuple[int, int]
"""Source lines a field came from: first and last line, 1-based, inclusive."""


class SchemaError(ValueError):
    """A JSON document that is not a valid ``jianxun.bulletin/1`` object."""


# What a bulletin may hold: characters a DOCX (XML 1.0) can carry and a person can
# read. Control characters (but tab and line feed), lone surrogate halves and the
# non-characters U+FFFE/U+FFFF are removed on the way in, whether from a reader or
# from JSON, so every stored bulletin can be exported. (Written as what is refused: the
# class of what is allowed, [^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff],
# is the same set but takes Python's regex compiler milliseconds at every start.)
_NOT_ALLOWED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MAX_DEPTH = 64
_MAX_INT = 10**9


def clean_text(text: str) -> tuple[str, int]:
    """The text without characters a bulletin may not hold, and how many were removed."""
    return _NOT_ALLOWED.subn("", text)


def removed_warning(count: int) -> ParseWarning:
    return ParseWarning(
        "removed_chars", f"已删除 {count} 个无法排版的字符（控制字符、不成对的代理项或非字符）"
    )


def _clean_tree(value: Any, removed: list[int], depth: int = 0) -> Any:
    """A copy of decoded JSON with every string cleaned; refuses absurd nesting."""
    if depth > _MAX_DEPTH:
        raise SchemaError("内容嵌套过深，不是简报")
    if isinstance(value, str):
        text, count = clean_text(value)
        removed[0] += count
        return text
    if isinstance(value, Mapping):
        return {
            _clean_tree(str(k), removed, depth + 1): _clean_tree(v, removed, depth + 1)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_clean_tree(v, removed, depth + 1) for v in value]
    return value


def _opt_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise SchemaError(f"{where}.{key} 应为字符串或 null，实际为 {type(value).__name__}")


def _opt_int(data: Mapping[str, Any], key: str, where: str) -> int | None:
    value = data.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        if value is not None and abs(value) > _MAX_INT:
            raise SchemaError(f"{where}.{key} 数值过大")
        return value
    raise SchemaError(f"{where}.{key} 应为整数或 null，实际为 {type(value).__name__}")


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SchemaError(f"{where} 应为对象")
    return value


def _extra(data: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in known}


class _Record:
    """What a dataclass would add: ``==`` by fields (of the same class only) and a ``repr``
    naming them, both from ``_FIELDS`` (the fields in their order)."""

    _FIELDS: ClassVar[tuple[str, ...]] = ()
    __hash__ = None  # type: ignore[assignment]  # (mutable: unhashable, as with eq=True)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Record)
        return self._values() == other._values()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__qualname__}({fields})"


class Masthead(_Record):
    """报头: name, 期号, 总期号, 编印单位 and date (ISO)."""

    _FIELDS = ("name", "issue", "total_issue", "issuer", "date", "extra")
    KEYS = ("name", "issue", "total_issue", "issuer", "date")

    def __init__(
        self,
        name: str | None = None,
        issue: int | None = None,
        total_issue: int | None = None,
        issuer: str | None = None,
        date: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.issue = issue
        self.total_issue = total_issue
        self.issuer = issuer
        self.date = date
        self.extra: dict[str, Any] = {} if extra is None else extra

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in self.KEYS}
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "masthead") -> Masthead:
        d = _mapping(data, where)
        return cls(
            name=_opt_str(d, "name", where),
            issue=_opt_int(d, "issue", where),
            total_issue=_opt_int(d, "total_issue", where),
            issuer=_opt_str(d, "issuer", where),
            date=_opt_str(d, "date", where),
            extra=_extra(d, cls.KEYS),
        )


HEADING_LEVELS = (1, 2, 3, 4)
"""结构层次序数 [GB/T 9704-2012 7.3.3]: 1 一、 (or unnumbered), 2 （一）, 3 1., 4 （1）."""


class Subheading:
    """A heading inside an article, among its paragraphs: ``{"heading": N, "text": ...}``.

    Frozen (an attribute cannot be set) and hashable, compared by level and text.
    """

    __match_args__ = ("heading", "text")
    heading: int
    text: str

    def __init__(self, heading: int, text: str) -> None:
        object.__setattr__(self, "heading", heading)
        object.__setattr__(self, "text", text)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Subheading)
        return (self.heading, self.text) == (other.heading, other.text)

    def __hash__(self) -> int:
        return hash((self.heading, self.text))

    def __repr__(self) -> str:
        return f"Subheading(heading={self.heading!r}, text={self.text!r})"

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str) -> Subheading:
        level, text = data.get("heading"), data.get("text")
        if isinstance(level, bool) or level not in HEADING_LEVELS or not isinstance(text, str):
            raise SchemaError(f"{where} 的小标题应为 {{heading: 1–4, text: 文字}}")
        return cls(level, text)


Paragraph = str | Subheading
"""A body paragraph (a string) or a subheading."""


def paragraph_text(paragraph: Paragraph) -> str:
    """The words of a paragraph entry, whether body text or a subheading."""
    return paragraph if isinstance(paragraph, str) else paragraph.text


def heading_level(paragraph: Paragraph) -> int | None:
    """The subheading level of a paragraph entry; None for body text."""
    return None if isinstance(paragraph, str) else paragraph.heading


def with_text(paragraph: Paragraph, text: str) -> Paragraph:
    """The same kind of entry (body or subheading of the same level) with other words."""
    return text if isinstance(paragraph, str) else Subheading(paragraph.heading, text)


class Article(_Record):
    """One article: title lines joined by newlines, byline, paragraphs (body text and
    subheadings in order), attribution."""

    _FIELDS = ("title", "paragraphs", "source", "extra", "byline")
    KEYS = ("title", "byline", "paragraphs", "source")

    def __init__(
        self,
        title: str | None = None,
        paragraphs: list[Paragraph] | None = None,
        source: str | None = None,
        extra: dict[str, Any] | None = None,
        byline: str | None = None,
    ) -> None:
        self.title = title
        self.paragraphs: list[Paragraph] = [] if paragraphs is None else paragraphs
        self.source = source
        self.extra: dict[str, Any] = {} if extra is None else extra
        self.byline = byline

    @property
    def title_lines(self) -> list[str]:
        return self.title.split("\n") if self.title else []

    @property
    def texts(self) -> list[str]:
        """Every paragraph entry's words (body and subheadings), for search and checks."""
        return [paragraph_text(p) for p in self.paragraphs]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title}
        if self.byline is not None:  # version-one documents stay as they were
            out["byline"] = self.byline
        out["paragraphs"] = [p if isinstance(p, str) else p.to_dict() for p in self.paragraphs]
        out["source"] = self.source
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Article:
        d = _mapping(data, where)
        items = d.get("paragraphs", [])
        items = [] if items is None else items
        if not isinstance(items, list):
            raise SchemaError(f"{where}.paragraphs 应为列表")
        paragraphs: list[Paragraph] = []
        for item in items:
            if isinstance(item, str):
                paragraphs.append(item)
            elif isinstance(item, Mapping):
                paragraphs.append(Subheading.from_dict(item, f"{where}.paragraphs"))
            else:
                raise SchemaError(f"{where}.paragraphs 的每一项应为字符串或小标题")
        return cls(
            title=_opt_str(d, "title", where),
            paragraphs=paragraphs,
            source=_opt_str(d, "source", where),
            extra=_extra(d, cls.KEYS),
            byline=_opt_str(d, "byline", where),
        )


class Section(_Record):
    """栏目 (name without 【】, or None) and its articles in order."""

    _FIELDS = ("name", "articles", "extra")
    KEYS = ("name", "articles")

    def __init__(
        self,
        name: str | None = None,
        articles: list[Article] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.articles: list[Article] = [] if articles is None else articles
        self.extra: dict[str, Any] = {} if extra is None else extra

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "articles": [a.to_dict() for a in self.articles],
        }
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Section:
        d = _mapping(data, where)
        articles = d.get("articles", [])
        articles = [] if articles is None else articles
        if not isinstance(articles, list):
            raise SchemaError(f"{where}.articles 应为列表")
        return cls(
            name=_opt_str(d, "name", where),
            articles=[
                Article.from_dict(a, f"{where}.articles[{i}]") for i, a in enumerate(articles)
            ],
            extra=_extra(d, cls.KEYS),
        )


class Imprint(_Record):
    """版记: disclosure option, recipients, printer, print date, copies."""

    _FIELDS = (
        "disclosure",
        "report_to",
        "copy_to",
        "distribute_to",
        "printer",
        "print_date",
        "copies",
        "extra",
    )

    def __init__(
        self,
        disclosure: str | None = None,
        report_to: str | None = None,
        copy_to: str | None = None,
        distribute_to: str | None = None,
        printer: str | None = None,
        print_date: str | None = None,
        copies: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.disclosure = disclosure
        self.report_to = report_to
        self.copy_to = copy_to
        self.distribute_to = distribute_to
        self.printer = printer
        self.print_date = print_date
        self.copies = copies
        self.extra: dict[str, Any] = {} if extra is None else extra

    KEYS = (
        "disclosure",
        "report_to",
        "copy_to",
        "distribute_to",
        "printer",
        "print_date",
        "copies",
    )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in self.KEYS}
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str = "imprint") -> Imprint:
        d = _mapping(data, where)
        return cls(
            disclosure=_opt_str(d, "disclosure", where),
            report_to=_opt_str(d, "report_to", where),
            copy_to=_opt_str(d, "copy_to", where),
            distribute_to=_opt_str(d, "distribute_to", where),
            printer=_opt_str(d, "printer", where),
            print_date=_opt_str(d, "print_date", where),
            copies=_opt_int(d, "copies", where),
            extra=_extra(d, cls.KEYS),
        )


class ParseWarning(_Record):
    """A doubt the parser reports: a missing field, an unsure break, a skipped line.

    ``field`` is the field path it concerns, where known; ``chars`` the characters of
    source line ``line`` it is about (OCR's unsure ones), by index.
    """

    _FIELDS = ("code", "message", "line", "field", "chars")

    def __init__(
        self,
        code: str,
        message: str,
        line: int | None = None,
        field: str | None = None,
        chars: tuple[int, ...] = (),
    ) -> None:
        self.code = code
        self.message = message
        self.line = line
        self.field = field
        self.chars = chars

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message, "line": self.line}
        if self.field is not None:
            out["field"] = self.field
        if self.chars:
            out["chars"] = list(self.chars)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> ParseWarning:
        d = _mapping(data, "warnings[]")
        code, message = d.get("code"), d.get("message")
        line = _opt_int(d, "line", "warnings[]")
        field_path = _opt_str(d, "field", "warnings[]")
        if not isinstance(code, str) or not isinstance(message, str):
            raise SchemaError("warnings[] 需要字符串 code 和 message")
        chars = d.get("chars", [])
        if not isinstance(chars, list) or not all(
            isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in chars
        ):
            raise SchemaError("warnings[].chars 应为非负整数的列表")
        return cls(code=code, message=message, line=line, field=field_path, chars=tuple(chars))


class Bulletin(_Record):
    """A whole bulletin as ``jianxun.bulletin/1`` describes it.

    ``warnings`` and ``spans`` are the parser's provenance: what it doubted, and
    for each field path (``masthead.date``, ``sections[0].articles[1].title``,
    ``sections[0].articles[1].paragraphs[3]``) the source lines it came from.
    """

    _FIELDS = ("masthead", "sections", "imprint", "warnings", "spans", "extra")

    def __init__(
        self,
        masthead: Masthead | None = None,
        sections: list[Section] | None = None,
        imprint: Imprint | None = None,
        warnings: list[ParseWarning] | None = None,
        spans: dict[str, list[Span]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.masthead = Masthead() if masthead is None else masthead
        self.sections: list[Section] = [] if sections is None else sections
        self.imprint = Imprint() if imprint is None else imprint
        self.warnings: list[ParseWarning] = [] if warnings is None else warnings
        self.spans: dict[str, list[Span]] = {} if spans is None else spans
        self.extra: dict[str, Any] = {} if extra is None else extra

    KEYS = ("schema", "masthead", "sections", "imprint", "warnings", "spans")

    def articles(self) -> list[Article]:
        return [a for s in self.sections for a in s.articles]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "masthead": self.masthead.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "imprint": self.imprint.to_dict(),
        }
        out.update(self.extra)
        if self.warnings:
            out["warnings"] = [w.to_dict() for w in self.warnings]
        if self.spans:
            out["spans"] = {k: [list(s) for s in v] for k, v in self.spans.items()}
        return out

    def content_dict(self) -> dict[str, Any]:
        """The scored content only: no provenance, no extra keys."""
        d = self.to_dict()
        return {k: d[k] for k in ("schema", "masthead", "sections", "imprint")}

    def to_json(self, *, pretty: bool = False) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2 if pretty else None)

    @classmethod
    def from_dict(cls, data: Any) -> Bulletin:
        """A bulletin from decoded JSON; strings are cleaned (see :func:`clean_text`)."""
        removed = [0]
        d = _mapping(_clean_tree(data, removed), "bulletin")
        schema = d.get("schema")
        if schema != SCHEMA:
            raise SchemaError(f"schema 应为 {SCHEMA!r}，实际为 {schema!r}")
        sections = d.get("sections", [])
        sections = [] if sections is None else sections
        if not isinstance(sections, list):
            raise SchemaError("sections 应为列表")
        warnings = d.get("warnings", [])
        warnings = [] if warnings is None else warnings
        if not isinstance(warnings, list):
            raise SchemaError("warnings 应为列表")
        bulletin = cls(
            masthead=Masthead.from_dict(d.get("masthead")),
            sections=[Section.from_dict(s, f"sections[{i}]") for i, s in enumerate(sections)],
            imprint=Imprint.from_dict(d.get("imprint")),
            warnings=[ParseWarning.from_dict(w) for w in warnings],
            spans=_spans_from(d.get("spans")),
            extra=_extra(d, cls.KEYS),
        )
        if removed[0]:
            bulletin.warnings.append(removed_warning(removed[0]))
        return bulletin

    @classmethod
    def from_json(cls, text: str) -> Bulletin:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise SchemaError(f"不是有效的 JSON：第 {err.lineno} 行第 {err.colno} 列") from err
        except RecursionError as err:
            raise SchemaError("JSON 嵌套过深，不是简报") from err
        except ValueError as err:  # e.g. an integer of thousands of digits
            raise SchemaError("JSON 中有无法读取的数值") from err
        return cls.from_dict(data)


def _spans_from(value: Any) -> dict[str, list[Span]]:
    d = _mapping(value, "spans")
    out: dict[str, list[Span]] = {}
    for key, spans in d.items():
        if not isinstance(spans, list):
            raise SchemaError(f"spans.{key} 应为列表")
        pairs: list[Span] = []
        for s in spans:
            if (
                not isinstance(s, list | tuple)
                or len(s) != 2
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in s)
            ):
                raise SchemaError(f"spans.{key} 的每一项应为 [起始行, 结束行]")
            pairs.append((s[0], s[1]))
        out[str(key)] = pairs
    return out
