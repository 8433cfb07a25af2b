"""Titles set as a typesetter sets them [GB/T 9704-2012, 7.3.1].

Every line the editor gave is kept. A line that fits the measure is set as it is;
an editor's line slightly too long is condensed a little (at most
:data:`MAX_CONDENSE_PT` a character) rather than broken; any other line too long
is broken into the fewest balanced pieces (词意完整, 排列对称, 梯形或菱形): never a
piece of one or two characters, none shorter than a third of the longest, never
inside a number and its unit, a Latin word, 《》, （）, “” or a word the bulletin
itself uses again and again, and preferably after a pause mark or before a
conjunction or the verb of the sentence.

Widths are the widest a font may set them (:mod:`metrics`), so a line judged to fit
fits in the office's fonts and in their stand-ins alike.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from editor.core.export.metrics import CLOSING, OPENING, text_width

MAX_CONDENSE_PT = 1.0
"""The most a line the editor gave is condensed, in points a character (about 4.5 % at 22 pt)."""
MAX_LINES = 3
"""A title set on more lines than this is worth a word with the editor."""
MIN_PIECE = 3  # characters

_PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "「": "」", "『": "』", "【": "】", "(": ")"}
# Measure words and units a number is never parted from.
_UNITS = set("年月日号期届次个项名家所亿万千百十周岁条件篇部卷辑册版点时分秒%‰")
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千零〇两]")
# A line breaks well before these (conjunctions, the verb after a subject) …
_BEFORE = (
    "暨",
    "及",
    "和",
    "与",
    "并",
    "同",
    "召开",
    "举行",
    "举办",
    "开展",
    "启动",
    "部署",
    "传达",
    "学习",
    "深入",
    "扎实",
    "推进",
    "入围",
    "荣获",
    "获评",
    "获得",
    "印发",
    "出台",
    "发布",
    "在",
    "为",
    "关于",
)
# … and after these (a title's frame words).
_AFTER = ("关于", "的", "之")
# Pause marks after which a line breaks naturally.
_PAUSES = set("，、：；！？")


@dataclass(frozen=True)
class TitleLine:
    """One line the editor gave, as it is set: its pieces and the tracking (points)."""

    text: str
    pieces: tuple[str, ...]
    tracking_pt: float = 0.0


# Words of the bulletins' own trade a title line never splits (besides the names a
# bulletin states: its issuer, printer, sources, 栏目 and recipients).
_TRADE_WORDS = (
    "地方志 方志 志书 年鉴 史志 党史 修志 编鉴 地情 方志馆 编纂 编修 "
    "工作 会议 大会 精神 学习 贯彻 落实 部署 召开 举行 举办 开展 推进 "
    "动员 动员会 培训会 座谈会 研讨会 推进会 总结 表彰 全省 全市 全国 "
    "全县 全区 省委 省政府 人大 政协 常委会 党组 党委 支部 机关 中心 "
    "办公室 研究室 高质量 发展 十四五 十三五 二十大 党的 习近平 新时代 "
    "中国特色社会主义 思想 主题教育 党的二十大 巡视 整改 专题 调研 指导 "
    "检查 传达 上半年 下半年 年度 四川 四川省 成都 重庆 巴蜀 文化 传承 "
    "弘扬 成果 开发 利用 质量 提升 领导 干部 队伍 建设 理论 中心组 "
    "扩大 "
)
LEXICON = frozenset(_TRADE_WORDS.split())


class Vocabulary:
    """The words a bulletin uses: names it states, the trade's words, phrases it repeats."""

    def __init__(self, names: Iterable[str], text: str) -> None:
        self.names = sorted({n.strip() for n in names if n and len(n.strip()) >= 2})
        self.text = text
        self._found: dict[str, tuple[list[str], list[str]]] = {}

    @cached_property
    def chars(self) -> Counter[str]:
        return Counter(ch for ch in self.text if "\u4e00" <= ch <= "\u9fff")

    @cached_property
    def pairs(self) -> Counter[str]:
        found: Counter[str] = Counter()
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", self.text):
            found.update(run[i : i + 2] for i in range(len(run) - 1))
        return found

    def _pmi(self, pair: str) -> float:
        """How much more often the two characters go together than by chance (bits)."""
        together = self.pairs.get(pair, 0)
        if together < 3:
            return 0.0
        total = max(1, sum(self.chars.values()))
        first, second = self.chars[pair[0]], self.chars[pair[1]]
        return math.log2(together * total / max(1, first * second))

    def words_in(self, line: str) -> tuple[list[str], list[str]]:
        """The bulletin's names and the trade's words that occur in ``line``."""
        cached = self._found.get(line)
        if cached is None:
            cached = [w for w in self.names if w in line], [w for w in LEXICON if w in line]
            self._found[line] = cached
        return cached

    def cohesion(self, line: str, cut: int) -> float:
        """How badly a break after ``line[:cut]`` splits a word (0: not at all)."""
        penalty = 0.0
        names, trade = self.words_in(line)
        for words, weight in ((names, 8.0), (trade, 6.0)):
            for word in words:
                start = line.find(word, max(0, cut - len(word) + 1))
                if start != -1 and start < cut < start + len(word):
                    penalty = max(penalty, weight)
        return max(penalty, min(3.0, max(0.0, self._pmi(line[cut - 1 : cut + 1]) - 4.0)))

    def joint(self, line: str, cut: int) -> bool:
        """Whether the break falls between two words of the trade."""
        trade = self.words_in(line)[1]
        return any(line[:cut].endswith(w) for w in trade) and any(
            line[cut:].startswith(w) for w in trade
        )


def _depths(line: str) -> list[int]:
    """For each cut position 0..len, how many brackets or quotes are open there."""
    open_stack: list[str] = []
    depths = [0]
    for ch in line:
        if ch in _PAIRS:
            open_stack.append(_PAIRS[ch])
        elif open_stack and ch == open_stack[-1]:
            open_stack.pop()
        depths.append(len(open_stack))
    return depths


def _forbidden(line: str, cut: int, depth: int, *, inside: bool = False) -> bool:
    """A break after ``line[:cut]`` that no typesetter makes (``inside``: 《》 may be opened)."""
    before, after = line[cut - 1], line[cut]
    if after == " ":
        return True  # the break goes after the space
    if before == " ":
        return depth > 0 and not inside
    if after in CLOSING or before in OPENING:
        return True
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return True
    if _NUMERAL.match(before) and (after in _UNITS or _NUMERAL.match(after)):
        return True
    if before == "第" and _NUMERAL.match(after):
        return True
    if before.isdigit() and after in ".．%":
        return True
    return depth > 0 and not inside


def _bonus(line: str, cut: int) -> float:
    before, rest = line[cut - 1], line[cut:]
    if before in _PAUSES or before == " ":
        return 3.0
    if before in CLOSING and before not in "”’":
        return 1.5
    if any(rest.startswith(word) for word in _BEFORE):
        return 2.0
    if any(line[:cut].endswith(word) for word in _AFTER):
        return 1.0
    return 0.0


def piece_text(line: str, start: int, end: int) -> str:
    return line[start:end].strip()


def _width(text: str) -> float:
    return text_width(text, widest=True)


@dataclass(frozen=True)
class _Plan:
    cost: float
    cuts: tuple[int, ...]


MAX_BALANCED = 160
"""Lines longer than this (characters) are not balanced but filled greedily: no title is
that long, and a hostile one must not cost time (balancing is quadratic)."""


def _best_cuts(
    line: str, pieces: int, measure: float, vocabulary: Vocabulary, *, inside: bool
) -> _Plan | None:
    """The cheapest way to cut ``line`` into ``pieces`` pieces that fit, or None.

    Dynamic programming over the allowed cuts: a piece costs its distance from an even
    share, a cut what it splits (:meth:`Vocabulary.cohesion`) less what it follows
    (:func:`_bonus`); pieces wider than the measure, shorter than three characters or
    than half the even share are not allowed.
    """
    depths = _depths(line)
    n = len(line)
    cuts = [0, *(c for c in range(1, n) if not _forbidden(line, c, depths[c], inside=inside)), n]
    target = _width(line) / pieces
    cut_cost = {
        c: vocabulary.cohesion(line, c)
        - _bonus(line, c)
        - vocabulary.joint(line, c)
        + 10 * (depths[c] > 0)
        for c in cuts[1:-1]
    }
    # best[j][c]: cheapest (cost, cuts) setting line[:c] as j pieces.
    best: list[dict[int, tuple[float, tuple[int, ...]]]] = [{0: (0.0, ())}]
    for _ in range(pieces):
        layer: dict[int, tuple[float, tuple[int, ...]]] = {}
        for start, (cost, chosen) in best[-1].items():
            for end in cuts:
                if end <= start:
                    continue
                text = piece_text(line, start, end)
                width = _width(text)
                if width > measure:
                    break
                if len(text) < MIN_PIECE or width < target * 0.5:
                    continue
                total = cost + ((width - target) / target) ** 2 * 12
                total += cut_cost.get(end, 0.0) if end < n else 0.0
                if end not in layer or total < layer[end][0]:
                    layer[end] = (total, (*chosen, end))
        best.append(layer)
    if n not in best[-1]:
        return None
    cost, chosen = best[-1][n]
    return _Plan(cost, chosen[:-1])


def break_line(
    line: str, measure: float, vocabulary: Vocabulary, *, editor_line: bool
) -> TitleLine:
    """One given title line as it is set on a measure of ``measure`` ems.

    ``editor_line``: the editor chose this line among others (a multi-line title), so a
    line only slightly too long is condensed to keep it whole.
    """
    width = _width(line)
    if width <= measure:
        return TitleLine(line, (line,))
    glyphs = len(line)
    needed_em = (width - measure) / glyphs
    if editor_line and needed_em * 22 <= MAX_CONDENSE_PT:
        tracking = math.ceil(needed_em * 22 * 20) / 20  # whole twentieths of a point
        return TitleLine(line, (line,), -tracking)
    least = max(2, math.ceil(width / measure))
    if len(line) > MAX_BALANCED:
        return TitleLine(line, tuple(_greedy(line, measure)))
    for inside, pieces in [(False, p) for p in range(least, least + 3)] + [
        (True, p) for p in range(least, least + 3)
    ]:
        plan = _best_cuts(line, pieces, measure, vocabulary, inside=inside)
        if plan is not None:
            bounds = [0, *plan.cuts, len(line)]
            texts = tuple(piece_text(line, a, b) for a, b in itertools.pairwise(bounds))
            return TitleLine(line, texts)
    return TitleLine(line, tuple(_greedy(line, measure)))


def _greedy(line: str, measure: float) -> list[str]:
    """Last resort (a line of one unbreakable word): as many characters as fit, then on."""
    pieces: list[str] = []
    current = ""
    for ch in line:
        if current and _width(current + ch) > measure:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return pieces


def set_title(
    title_lines: Sequence[str], measure: float, vocabulary: Vocabulary
) -> list[TitleLine]:
    """Every given line of a title, as it is set."""
    editor_lines = len(title_lines) > 1
    return [break_line(line, measure, vocabulary, editor_line=editor_lines) for line in title_lines]
