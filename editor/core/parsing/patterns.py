"""The recognisable pieces of a bulletin: dates, 期号, labels, punctuation.

Patterns are anchored or bounded so that a 20 MB line cannot make them
backtrack for long. Those that most texts never need are compiled when first
asked for (:func:`lazy`), and a class of all CJK ideographs is told by comparing
characters rather than compiled: Python compiles patterns in Python, which cost
every ``jianxun parse`` milliseconds at its start (issue 19).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from functools import partial


def lazy(source: str) -> Callable[[], re.Pattern[str]]:
    """A pattern compiled the first time it is asked for, then kept: ``lazy(...)().match``."""
    return functools.cache(partial(re.compile, source))


def _ideographs(text: str) -> bool:
    """Whether every character is a CJK ideograph (U+4E00–U+9FFF): ``[\u4e00-\u9fff]*``
    told by the least and greatest character, without compiling that class."""
    return not text or (min(text) >= "\u4e00" and max(text) <= "\u9fff")


def _ideographs_but(text: str, others: dict[int, None]) -> bool:
    """``_ideographs(text.translate(others))``, the translation (it drops ``others``) made
    only when the text has other characters than ideographs: most names have none."""
    return _ideographs(text) or _ideographs(text.translate(others))


def _end_body(text: str) -> str:
    """The text a pattern ending in ``$`` matches up to: without one final line break."""
    return text[:-1] if text.endswith("\n") else text


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
sentence_end_re = lazy(f"[{_ENDERS}][{_TRAILERS}]*$")
_ENDER_SET = frozenset(_ENDERS)
# A text whose last character is one of these ends a sentence: no closing mark follows it.
SENTENCE_ENDERS = _ENDER_SET
# What the last character of a text that ends a sentence can be (a quick first look).
MAY_END_SENTENCE = frozenset(_ENDERS + _TRAILERS + "\n")
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
# ^[\u4e00-\u9fff（）()·\u3007A-Za-z0-9]{2,40}$, told by is_org_text: the other characters
# are dropped, then what is left must be ideographs.
_ORG_OTHERS = dict.fromkeys(
    map(ord, "（）()·\u3007ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
)
MARK_RE = re.compile(
    r"^[（(【〔]?(?:内部资料|内部刊物|内部参阅|注意保存|注意保密|秘密|机密|绝密|仅供参考|★+|☆+)"
)

PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–－―~～]+\s*[0-9０-９]{1,4}\s*[-—–－―~～]*|[-—–－―~～]*\s*[0-9０-９]{1,4}\s*[-—–－―~～]+"
    r"|[0-9０-９]{1,3}|第\s*[0-9０-９]{1,4}\s*页(?:\s*[，,/]?\s*共\s*[0-9０-９]{1,4}\s*页)?"
    r"|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4})$"
)
RULE_RE = re.compile(r"^[-—–_=＝─━―~～·•*＊＿\s]{3,}$")
# What a page number or a rule begins with once stripped: a line beginning otherwise is
# neither, and most lines need not run the patterns (tests/core/parsing/test_prefilters.py).
ARTEFACT_FIRST = frozenset("-—–－―~～0123456789０１２３４５６７８９第_=＝─━·•*＊＿")
# What the 版记's labels begin with: 信息公开 and 抄报/报送/分送/报/送/发.
IMPRINT_LABEL_FIRST = frozenset("信抄报分送发")


def is_artefact(text: str) -> bool:
    """A stripped line that is a page number or a rule, not text."""
    return text[:1] in ARTEFACT_FIRST and bool(PAGE_NUMBER_RE.match(text) or RULE_RE.match(text))


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


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


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
    # What datetime.date(year, month, day).isoformat() gives, or its ValueError (without
    # the datetime module, which every jianxun parse would import for this one question).
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not 1 <= day <= (29 if leap and month == 2 else _MONTH_DAYS[month - 1]):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def ends_sentence(text: str) -> bool:
    """Whether the text ends as :func:`sentence_end_re` says (in its last 8 characters),
    told without running the pattern, which every line asks."""
    if text[-1:] not in MAY_END_SENTENCE:
        return False  # (most lines: a quick look at the last character is enough)
    kept = text.rstrip(_TRAILERS)
    last = kept[-1:]
    if last in _ENDER_SET:
        return len(text) - len(kept) < 8
    return last == "\n" and bool(sentence_end_re().search(text[-8:]))  # ($ matches before it)


def is_org_text(text: str) -> bool:
    """2 to 40 ideographs, Latin letters, digits, brackets, 〇 and ·:
    ``^[\u4e00-\u9fff（）()·\u3007A-Za-z0-9]{2,40}$``."""
    body = _end_body(text)
    return 2 <= len(body) <= 40 and _ideographs_but(body, _ORG_OTHERS)


def is_org_like(text: str) -> bool:
    """Looks like the name of an office: Chinese, short, ends like one."""
    return text.endswith(ORG_SUFFIX) and is_org_text(text)


def is_name_like(text: str) -> bool:
    """Looks like a bulletin's name: ``…简讯``, ``…简报``, ``…工作``."""
    return len(text) <= 24 and text.endswith(NAME_SUFFIX) and is_org_text(text)


# --- Subheadings and bylines ---------------------------------------------------------------------

_CN_NUM = "[一二三四五六七八九十]{1,3}"
# 结构层次序数 [GB/T 9704-2012 7.3.3], most specific first: （1） before 1., （一） before 一、.
# One pattern, an alternative (a group) per level, tried in this order.
_heading_number = lazy(
    r"^(?:([（(]\s*[0-9０-９]{1,2}\s*[）)]\s*(?=\S))"
    rf"|([（(]\s*{_CN_NUM}\s*[）)]\s*(?=\S))"
    r"|([0-9０-９]{1,2}\s*[.．、](?![0-9０-９])\s*(?=\S))"
    rf"|({_CN_NUM}\s*[、.．]\s*(?=\S)))"
)
_HEADING_LEVELS = (0, 4, 2, 3, 1)  # by the group that matched
# What a heading's number begins with: a bracket, a digit or a Chinese numeral.
HEADING_NUMBER_FIRST = frozenset("（(0123456789０１２３４５６７８９一二三四五六七八九十")


def heading_number_level(text: str) -> int | None:
    """The level a heading's number gives (一、 1, （一） 2, 1. 3, （1） 4); None if unnumbered."""
    if text[:1] not in HEADING_NUMBER_FIRST:
        return None  # (most lines: no need to run the pattern)
    match = _heading_number().match(text)
    return _HEADING_LEVELS[match.lastindex or 0] if match else None


# A person is named by a common surname and one to three more characters. The
# surnames that are also everyday words opening a phrase (和, 成, 于, 时, 全 …) are
# left out, so a title's last line such as 成功举办 is never taken for a name.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔汤康施牛樊葛邢齐乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞"
    "柳甘祝宁符舒阮柯纪梅童凌毕季裴霍涂苗谷翁冉骆蓝辛靳柴蒙鲍喻祁蒲房滕屈饶牟艾尤穆卓"
    "缪岑窦戚娄褚邝苟鄢蹇税母漆晏冷敬胥粟"
)
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "司徒",
)
_SURNAME_SET = frozenset(_SURNAMES)
_byline_lead = lazy(r"^(?:文|作者|撰稿|执笔|撰文|供稿|整理)\s*[/／:：]\s*")
_BYLINE_LEAD_FIRST = frozenset("文作撰执供整")  # (what it begins with)
# An office as an author: its name ends like an office, not like an event (工作会,
# 推进会) or a verb (举办, 主办). Single-character endings only after a noun.
_BYLINE_ORG_ENDINGS = (
    "办公室",
    "党组",
    "党委",
    "党支部",
    "党总支",
    "支部",
    "委员会",
    "研究室",
    "研究院",
    "研究所",
    "研究会",
    "研究中心",
    "编纂中心",
    "服务中心",
    "学会",
    "协会",
    "联合会",
    "人民政府",
    "编辑部",
    "年鉴社",
    "杂志社",
    "方志馆",
    "档案馆",
    "宣传部",
    "组织部",
    "调研组",
    "课题组",
    "写作组",
)
_byline_org_single = lazy(
    r"(?<![举承主协创督代开合交查包兴筹首试])办$|[局厅]$|(?<=[省市县区州党纪])委$"
)
# ^[\u4e00-\u9fff（）()·]{3,60}$, told as is_org_text tells its own.
_BYLINE_ORG_OTHERS = dict.fromkeys(map(ord, "（）()·"))
_division = lazy(r"[处科股组室部所站队]$")
_alias = lazy(r"[（(][^（）()]{3,30}[）)]$")  # 某某研究室（某某地方志办公室）


_NOT_IN_BYLINE = re.compile(r"[，。；：！？,;:!?“”《》0-9]")
WHITE_RUN = re.compile(r"\s+")
_BYLINE_PIECES = re.compile(r"[\s、]+")
# What the patterns above, anchored at the end, can match last (or just before a final
# line break): a quick look at the last character first.
_OFFICE_LAST = frozenset("办局厅委\n")
_DIVISION_LAST = frozenset("处科股组室部所站队\n")
_ALIAS_LAST = frozenset("）)\n")


def is_person_name(text: str) -> bool:
    """Two to four characters that read as a person's name (a letter-spaced one too): a
    surname (one of two characters first), then one or two ideographs."""
    if len(text) > 12:
        return False
    name = WHITE_RUN.sub("", text)  # (no white space left, so no line break for $)
    if name[:2] in _COMPOUND_SURNAMES and 3 <= len(name) <= 4 and _ideographs(name[2:]):
        return True
    return name[:1] in _SURNAME_SET and 2 <= len(name) <= 3 and _ideographs(name[1:])


def is_byline_org(text: str) -> bool:
    """An office's name as it stands under a title: ``中共…党组``, ``…地方志办公室``."""
    body = _end_body(text)
    if not (3 <= len(body) <= 60 and _ideographs_but(body, _BYLINE_ORG_OTHERS)):
        return False
    alias = _alias().search(text) if text[-1:] in _ALIAS_LAST else None
    if alias:
        return alias.start() >= 3 and is_byline_org(text[: alias.start()])
    if _is_office(text):
        return True
    # A division of an office: 省地方志办年鉴处, 市委办公室秘书科.
    return (
        text[-1:] in _DIVISION_LAST
        and bool(_division().search(text))
        and any(_is_office(text[:cut]) for cut in range(len(text) - 2, 2, -1))
    )


def _is_office(text: str) -> bool:
    return text.endswith(_BYLINE_ORG_ENDINGS) or (
        text[-1:] in _OFFICE_LAST and bool(_byline_org_single().search(text))
    )


def is_byline_text(text: str) -> bool:
    """A line an author's name fills: an office, one or more persons, or an office and persons.

    Pieces are separated by white space or 、; a lead such as ``文/`` or ``作者：`` may open
    it. No sentence punctuation, quotes or figures: those are a title's or a paragraph's.
    """
    if len(text) > 64:
        return False
    text = text.strip()
    if text[:1] in _BYLINE_LEAD_FIRST:
        text = _byline_lead().sub("", text, count=1)
    if not text or _NOT_IN_BYLINE.search(text):
        return False
    if is_person_name(text) or is_byline_org(text):
        return True
    pieces: list[str] = []
    for piece in _BYLINE_PIECES.split(text):
        if len(piece) == 1 and pieces and len(pieces[-1]) < 4 and not is_byline_org(pieces[-1]):
            pieces[-1] += piece  # a letter-spaced name: 张  三
        elif piece:
            pieces.append(piece)
    if len(pieces) < 2:
        return False
    kinds = []
    for piece in pieces:
        if is_byline_org(piece):
            kinds.append("org")
        elif is_person_name(piece):
            kinds.append("person")
        else:
            return False
    # Offices first, then persons: 某某办公室 张三 李四.
    return kinds == sorted(kinds, key=lambda k: k != "org")
