"""The recognisable pieces of a bulletin: dates, 期号, labels, punctuation.

Patterns are anchored or bounded so that a 20 MB line cannot make them
backtrack for long.
"""

from __future__ import annotations

import datetime as _dt
import re

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

NUM = r"[0-9０-９]{1,6}|[〇○零一二两三四五六七八九十百]{1,6}"
_YEAR = r"[0-9０-９]{4}|[〇○零Ｏ一二三四五六七八九]{4}"
_MD = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"

DATE = (
    rf"(?:(?P<y>{_YEAR})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日"
    r"|(?P<ny>[0-9]{4})\s*[.．\-/／]\s*(?P<nm>[0-9]{1,2})\s*[.．\-/／]\s*(?P<nd>[0-9]{1,2})(?![0-9]))"
)
DATE_RE = re.compile(DATE)

ISSUE_RE = re.compile(
    rf"(?:(?P<year>{_YEAR})\s*年\s*)?第\s*(?P<issue>{NUM})\s*期"
    rf"(?:\s*[（(]\s*总\s*第?\s*(?P<total>{NUM})\s*期\s*[）)]"
    rf"|\s*[—–\-－―~～、，,]*\s*总\s*第?\s*(?P<total2>{NUM})\s*期)?"
)
TOTAL_ONLY_RE = re.compile(rf"^[（(]?\s*总\s*第\s*(?P<total>{NUM})\s*期\s*[）)]?$")

COPIES_RE = re.compile(rf"[（(]?\s*共\s*印\s*(?P<n>{NUM})\s*份\s*[）)]?")
DISCLOSURE_RE = re.compile(r"^信息公开(?:选项|方式|属性)?\s*[：:]\s*(?P<value>.*)$")
RECIPIENT_RE = re.compile(
    r"^(?P<label>抄\s*报|抄\s*送|报\s*送|分\s*送|报|送|发)\s*[：:]\s*(?P<rest>.*)$"
)
PRINTER_LABEL_RE = re.compile(r"^印\s*发\s*(?:机\s*关|单\s*位)\s*[：:]\s*(?P<value>.*)$")
PRINT_DATE_LABEL_RE = re.compile(r"^印\s*发\s*(?:日\s*期|时\s*间)\s*[：:]\s*")

SECTION_RE = re.compile(
    r"^[【〖［\[]\s*(?P<name>[^】〗］\]【〖［\[]{1,24}?)\s*[】〗］\]]\s*(?P<rest>.*)$"
)

# Sentence-final punctuation, optionally followed by closing quotes/brackets.
_ENDERS = "。！？；：…!?;:．"
_TRAILERS = "”’」』）)》〉】〕\"'"
SENTENCE_END_RE = re.compile(f"[{_ENDERS}][{_TRAILERS}]*$")
INNER_STOP_RE = re.compile(r"[。！？!?]")

ENUMERATOR_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十0-9]{1,3}\s*[）)]"
    r"|[0-9]{1,2}\s*[.．、](?![0-9])|第[一二三四五六七八九十]{1,3}[，,、\s])"
)

ORG_SUFFIX = (
    "办公室",
    "委员会",
    "研究室",
    "研究院",
    "研究所",
    "研究会",
    "编纂中心",
    "中心",
    "政府",
    "党委",
    "党组",
    "学会",
    "协会",
    "报社",
    "杂志社",
    "电视台",
    "集团",
    "公司",
    "大学",
    "学院",
    "学校",
    "办",
    "室",
    "局",
    "厅",
    "委",
    "会",
    "部",
    "院",
    "馆",
    "社",
    "站",
    "所",
    "处",
    "科",
    "组",
    "队",
    "团",
    "府",
    "署",
    "司",
    "报",
    "网",
)
NAME_SUFFIX = ("简讯", "简报", "工作", "快报", "通讯", "专报", "动态", "通报", "参阅", "情况")
ORG_TEXT_RE = re.compile(r"^[\u4e00-\u9fff（）()·\u3007A-Za-z0-9]{2,40}$")
MARK_RE = re.compile(
    r"^[（(【〔]?(?:内部资料|内部刊物|内部参阅|注意保存|注意保密|秘密|机密|绝密|仅供参考|★+|☆+)"
)

PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－―~～]+\s*[0-9０-９]{1,4}\s*[-—–－―~～]*|[-—–－―~～]*\s*[0-9０-９]{1,4}\s*[-—–－―~～]+"
    r"|[0-9０-９]{1,3}|第\s*[0-9０-９]{1,4}\s*页(?:\s*[，,/]?\s*共\s*[0-9０-９]{1,4}\s*页)?"
    r"|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4})$"
)
RULE_RE = re.compile(r"^[-—–_=＝─━―~～·•*＊＿\s]{3,}$")


def to_int(text: str) -> int | None:
    """An Arabic, full-width or Chinese numeral as an int (``十六`` -> 16)."""
    text = text.strip().translate(_FULLWIDTH_DIGITS)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = current * 10 + _CN_DIGITS[char] if current else _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def date_from_match(match: re.Match[str]) -> str | None:
    """ISO date from a :data:`DATE_RE` match, or None when it is no real day."""
    groups = match.groupdict()
    if groups.get("y"):
        parts = (groups["y"], groups["m"], groups["d"])
    else:
        parts = (groups["ny"], groups["nm"], groups["nd"])
    year, month, day = (to_int(p) for p in parts)
    if year is None or month is None or day is None:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END_RE.search(text[-8:]))


def is_org_like(text: str) -> bool:
    """Looks like the name of an office: Chinese, short, ends like one."""
    return bool(ORG_TEXT_RE.match(text)) and text.endswith(ORG_SUFFIX)


def is_name_like(text: str) -> bool:
    """Looks like a bulletin's name: ``…简讯``, ``…简报``, ``…工作``."""
    return bool(ORG_TEXT_RE.match(text)) and len(text) <= 24 and text.endswith(NAME_SUFFIX)
